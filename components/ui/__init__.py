"""The Streamlit edge of the app: the reader's language and mode, and the pages' pieces (page.py draws a topic's
description, blocks.py its parts, filters.py its choices); nothing else in components/ calls Streamlit."""

from __future__ import annotations

import streamlit as st

from components.i18n import DEFAULT_LANG, LANGS


def lang() -> str:
    value = st.session_state.get("lang")
    return value if value in LANGS else DEFAULT_LANG


def presenting() -> bool:
    return st.session_state.get("present") == "1"


def dark() -> bool:
    return getattr(st.context.theme, "type", None) == "dark"
