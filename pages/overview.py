"""总览 · Overview: the zone's 2020 at a glance — one or two headline figures per topic, strategies, honours, pipeline."""
import streamlit as st

from components import ui
from components.charts.investment import pipeline_chart
from components.display_frames import pipeline_frame, table_for_reader
from components.i18n import pick, t
from components.epidemic import mobilised_total
from components.overview import HEADLINES
from components.store import dataset, facts

lang = ui.lang()
ui.page_header("overview.title", "overview.intro")

with ui.page_data():
    view, units = facts()

    columns = ui.headline_columns(len(HEADLINES) + 1)
    for column, card in zip(columns, HEADLINES):
        ui.fact_headline(column, view, units, card.metric, note=t(card.note_key, lang), page=card.page)
    total, quotes = mobilised_total(view, units, lang)
    ui.headline(columns[-1], t("overview.mobilised.label", lang), total, derived=True,
                note="" if ui.presenting() else t("overview.mobilised.note", lang), source=quotes)

    if not ui.presenting():
        items = dataset().table("items")
        left, right = st.columns(2)
        with left:
            st.subheader(t("overview.strategies", lang), anchor=False)
            for item in items[items["kind"] == "strategy"].to_dict("records"):
                st.markdown(f"- **{ui.plain(pick(item, 'name', lang))}**")
        with right:
            st.subheader(t("overview.honours", lang), anchor=False)
            for item in items[items["kind"] == "honour"].to_dict("records"):
                st.markdown(f"- :material/workspace_premium: {ui.plain(pick(item, 'name', lang))}")

    st.subheader(t("overview.pipeline", lang), anchor=False)
    frame = pipeline_frame(view, units, "investment", lang)
    table = table_for_reader(frame, lang, {"label": "table.stage", "value_text": "table.value", "qualifier_text": "table.qualifier", "average_text": "investment.average.tooltip", "period_label": "table.period"})
    ui.chart_block("overview_pipeline", pipeline_chart(frame, "investment", lang), table,
                   file_stem="pipeline", quotes=frame["source_quote"])
