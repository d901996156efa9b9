"""Placeholder until the page is built."""
import streamlit as st

from components import ui
from components.i18n import t

ui.page_header("nav.sources")
st.info(t("page.coming", ui.lang()))
