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
    per_row = len(talent.PEOPLE_METRICS) if ui.presenting() else 2
    columns = [column for _ in range(0, len(talent.PEOPLE_METRICS), per_row) for column in st.columns(per_row)]
    ui.headlines(columns, shared(talent.headlines, lang=lang, presenting=ui.presenting()))


# The people by channel, or the platforms or events. A kind choice reruns this part only (st.fragment).
@ui.section
def by_kind() -> None:
    kind = ui.url_segmented(
        "kind", t("talent.kind.label", lang), list(talent.KINDS), lambda k: t(f"talent.kind.{k}", lang), "people"
    )
    shown = shared(talent.section, lang=lang, kind=kind)
    if shown.cards is None:
        for quantity, block in shown.people:
            ui.chart(f"talent_{quantity}", block)
        st.caption(t("talent.people.caption", lang))
    else:
        ui.cards(f"talent_{kind}", shown.cards)


by_kind()
