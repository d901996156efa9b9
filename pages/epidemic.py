"""疫情防控 · Epidemic response: the command structure, the first-in-city measures and the people mobilised by group."""
import streamlit as st

from components import ui
from components.topics.epidemic import build as epidemic
from components.i18n import t
from components.ui.store import shared

lang = ui.lang()
ui.page_header("epidemic.title", "epidemic.intro")

with ui.page_data():
    shown = shared(epidemic.page, lang=lang, presenting=ui.presenting())
    ui.headlines(ui.headline_columns(len(shown.headlines)), shown.headlines)

    # A group choice reruns this part only (st.fragment): the figures above and the text below stay as drawn.
    @ui.section
    def mobilised_by_group() -> None:
        chosen = ui.url_pills("group", t("epidemic.group.label", lang), list(shown.groups),
                              lambda g: epidemic.group_name(g, lang))
        ui.chart_block("epidemic_mobilised", shared(epidemic.mobilised_section, lang=lang, chosen=chosen))
        ui.derived_caption("epidemic.total.caption")

    mobilised_by_group()

    st.subheader(t("epidemic.text.title", lang), anchor=False)
    ui.cards_block("epidemic_text", shown.cards, shown.table, file_stem="epidemic-command")
