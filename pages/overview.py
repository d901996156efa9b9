"""总览 · Overview: the zone's 2020 at a glance — the figure each topic contributes, strategies, honours, pipeline."""

import streamlit as st

from components import ui
from components.i18n import t
from components.topics.overview import build as overview
from components.topics.registry import OVERVIEW_CARDS, get
from components.ui.store import shared

TOPIC = get("overview")
lang = ui.lang()
ui.page_header(TOPIC)

# Headline figures: what each topic contributes (its declaration), and the people mobilised against the epidemic
with ui.part():
    shown = shared(overview.headlines, lang=lang, presenting=ui.presenting(), cards=OVERVIEW_CARDS)
    ui.headline_row(shown)

# The main chart, straight after the figures (early on a phone): the investment pipeline, of one period (the latest)
st.subheader(t("overview.pipeline", lang), anchor=False)
with ui.part():
    pipeline = shared(overview.pipeline, lang=lang)
    st.caption(ui.plain(pipeline.period))
    ui.chart("overview_pipeline", pipeline.chart, main=True)

# The zone's strategies and honours, for reading up close
if not ui.presenting():
    with ui.part():
        lists = shared(overview.lists, lang=lang)
        left, right = st.columns(2)
        with left:
            st.subheader(t("overview.strategies", lang), anchor=False)
            for name in lists.strategies:
                st.markdown(f"- **{ui.plain(name)}**")
        with right:
            st.subheader(t("overview.honours", lang), anchor=False)
            for name in lists.honours:
                st.markdown(f"- :material/workspace_premium: {ui.plain(name)}")
