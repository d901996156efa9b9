"""总览 · Overview: the zone's 2020 at a glance — one or two headline figures per topic, strategies, honours, pipeline."""
import streamlit as st

from components import ui
from components.topics.overview import build as overview
from components.i18n import t
from components.ui.store import shared

lang = ui.lang()
ui.page_header("overview.title", "overview.intro")

with ui.page_data():
    shown = shared(overview.page, lang=lang, presenting=ui.presenting())
    ui.headlines(ui.headline_columns(len(shown.headlines)), shown.headlines)

    if not ui.presenting():
        left, right = st.columns(2)
        with left:
            st.subheader(t("overview.strategies", lang), anchor=False)
            for name in shown.strategies:
                st.markdown(f"- **{ui.plain(name)}**")
        with right:
            st.subheader(t("overview.honours", lang), anchor=False)
            for name in shown.honours:
                st.markdown(f"- :material/workspace_premium: {ui.plain(name)}")

    st.subheader(t("overview.pipeline", lang), anchor=False)
    ui.chart_block("overview_pipeline", shown.pipeline)
