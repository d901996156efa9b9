"""疫情防控 · Epidemic response: the command structure, the first-in-city measures and the people mobilised by group."""
import streamlit as st

from components import epidemic, ui
from components.i18n import t
from components.store import facts, shared

lang = ui.lang()
ui.page_header("epidemic.title", "epidemic.intro")

with ui.page_data():
    columns = ui.headline_columns(len(epidemic.HEADLINE_METRICS) + 2)
    view, _ = facts()
    chosen = ui.url_pills("group", t("epidemic.group.label", lang), epidemic.groups(view), lambda g: epidemic.group_name(g, lang))
    shown = shared(epidemic.page, lang=lang, presenting=ui.presenting(), chosen=chosen)
    ui.headlines(columns, shown.headlines)

    ui.chart_block("epidemic_mobilised", shown.mobilised)
    ui.derived_caption("epidemic.total.caption")

    st.subheader(t("epidemic.text.title", lang), anchor=False)
    ui.cards_block("epidemic_text", shown.cards, shown.table, file_stem="epidemic-command")
