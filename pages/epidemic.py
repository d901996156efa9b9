"""疫情防控 · Epidemic response: the command structure, the first-in-city measures and the people mobilised by group."""
import streamlit as st

from components import ui
from components.charts.epidemic import mobilised_chart
from components.display_frames import table_for_reader
from components.epidemic import (HEADLINE_METRICS, headline_units, group_name, groups, mobilised_frame, mobilised_total, response_note,
                                 text_cards, text_table)
from components.i18n import t
from components.store import dataset, facts

lang = ui.lang()
ui.page_header("epidemic.title", "epidemic.intro")

with ui.page_data():
    view, units = facts()
    items = dataset().table("items")

    columns = ui.headline_columns(len(HEADLINE_METRICS) + 2)
    note, source = response_note(items, lang)
    ui.headline(columns[0], t("epidemic.headline.response", lang), t("epidemic.headline.response.value", lang),
                note=note, source=source)
    for column, metric in zip(columns[1:], HEADLINE_METRICS):
        ui.fact_headline(column, view, headline_units(units, metric), metric, label=t(f"{metric}.short", lang))
    total, quotes = mobilised_total(view, units, lang)
    ui.headline(columns[-1], t("epidemic.headline.total", lang), total, derived=True,
                note="" if ui.presenting() else t("epidemic.headline.total.note", lang), source=quotes)

    chosen = ui.url_pills("group", t("epidemic.group.label", lang), groups(view), lambda g: group_name(g, lang))
    frame = mobilised_frame(view, units, lang, chosen)
    ui.chart_block("epidemic_mobilised", mobilised_chart(frame, lang),
                   table_for_reader(frame, lang, {"label": "epidemic.table.group", "value_text": "table.value",
                                                  "qualifier_text": "table.qualifier", "kind": "epidemic.tooltip.kind",
                                                  "period_label": "table.period"}),
                   file_stem="epidemic-mobilised", quotes=frame["source_quote"])
    ui.derived_caption("epidemic.total.caption")

    st.subheader(t("epidemic.text.title", lang), anchor=False)
    ui.cards_block("epidemic_text", text_cards(items, lang), text_table(items, lang), file_stem="epidemic-command")
