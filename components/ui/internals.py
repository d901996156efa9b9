"""The three places the app reaches into Streamlit's private modules, each because no public API does the same; kept
here so that a Streamlit upgrade has one file to check (tests/test_pages.py and the browser tests cover both)."""

from __future__ import annotations

import sys
from types import FrameType
from typing import Any

import streamlit as st


def through_app_shell() -> None:
    """Make sure this run went through app.py. Streamlit treats a project with a pages/ folder as an old-style multipage
    app until app.py has called st.navigation once in the process, and runs such a project's page without app.py (its
    _mpa_v1); so the first visitors of a fresh server who open a deep link (/investment?...) would get the bare page
    under a list of file names. No public API says which mode a run is in. The process-wide flag cannot tell either:
    when several first visitors arrive at once, another session may have cleared it after this run began the old way.
    So the run itself is asked, by whether Streamlit's old-style runner is on its stack; such a run clears the flag
    and is sent through app.py, which then opens the same page."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import script_runner

    old_style = script_runner._mpa_v1.__code__
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and frame.f_code is not old_style:
        frame = frame.f_back
    if frame is not None or PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def arrow_bytes(rows: Any) -> bytes:
    """Rows as the Arrow bytes st.vega_lite_chart sends for an inline dataset. Public st.vega_lite_chart converts a
    spec's datasets on every call; a shared block's datasets are converted once with the same function instead."""
    from streamlit.dataframe_util import convert_anything_to_arrow_bytes

    return convert_anything_to_arrow_bytes(rows)


def history_navigation() -> bool:
    """Whether this run comes from the browser's Back or Forward button. Streamlit passes the flag to its own
    query-bound widgets only; the app's URL-kept values (ui.url_params) need it too, to follow the URL of that entry."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    return bool(ctx and ctx.is_history_navigation)
