"""招才引智 · Talent: people brought in by channel (people and person-visits apart), innovation platforms and events."""

import streamlit as st

from components import ui
from components.i18n import t
from components.topics.registry import get
from components.topics.talent import build as talent
from components.ui.store import shared

TOPIC = get("talent")
lang = ui.lang()
ui.page_header(TOPIC)

# Headline figures: two a row for reading ("50+ person-times" needs the width); a projector gets all four in one row
with ui.part():
    shown = shared(talent.headlines, lang=lang, presenting=ui.presenting())
    ui.headline_row(shown, per_row=None if ui.presenting() else 2)


# The people by channel, or the platforms or events. A kind choice reruns this part only (st.fragment).
@ui.section
def by_kind() -> None:
    kind = ui.url_segmented(
        "kind", t("talent.kind.label", lang), list(talent.KINDS), lambda k: t(f"talent.kind.{k}", lang), "people"
    )
    shown = shared(talent.section, lang=lang, kind=kind)
    if shown.cards is None:
        # people and person-visits apart, as they cannot be added; the people are the page's main chart
        for place, (quantity, block) in enumerate(shown.people):
            ui.chart(f"talent_{quantity}", block, main=place == 0)
        st.caption(t("talent.people.caption", lang))
    else:
        ui.cards(f"talent_{kind}", shown.cards)


by_kind()
