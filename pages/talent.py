"""招才引智 · Talent: people brought in by channel (people and person-visits apart), innovation platforms and events."""
import streamlit as st

from components import ui
from components.topics.talent import build as talent
from components.i18n import t
from components.ui.store import shared

lang = ui.lang()
ui.page_header("talent.title", "talent.intro")

with ui.page_data():
    # two a row for reading: "50+ person-times" needs the width; a projector gets all four in one row
    per_row = len(talent.PEOPLE_METRICS) if ui.presenting() else 2
    columns = [column for _ in range(0, len(talent.PEOPLE_METRICS), per_row) for column in st.columns(per_row)]
    ui.headlines(columns, shared(talent.headlines, lang=lang, presenting=ui.presenting()))

    # A kind choice reruns this part only (st.fragment): the figures above stay as drawn.
    @ui.section
    def by_kind() -> None:
        kind = ui.url_segmented("kind", t("talent.kind.label", lang), list(talent.KINDS),
                                lambda k: t(f"talent.kind.{k}", lang), "people")
        shown = shared(talent.section, lang=lang, kind=kind)
        if kind == "people":
            for quantity, block in shown.people:
                ui.chart_block(f"talent_{quantity}", block)
            st.caption(t("talent.people.caption", lang))
        else:
            ui.cards_block(f"talent_{kind}", shown.cards, shown.table, file_stem=f"talent-{kind}")

    by_kind()
