"""Proves the e2e infrastructure against a throwaway Streamlit script (not the real app)."""

from __future__ import annotations

import textwrap

import pytest
from playwright.sync_api import Error as PlaywrightError

from streamlit_wait import assert_no_console_errors, goto, screenshot, wait_for_charts

SCRIPT = textwrap.dedent(
    """
    import altair as alt
    import pandas as pd
    import streamlit as st

    st.title("E2E smoke")
    if st.query_params.get("boom"):
        raise RuntimeError("deliberate failure")
    data = pd.DataFrame({"fruit": ["apple", "pear", "plum"], "count": [3, 7, 5]})
    st.altair_chart(alt.Chart(data).mark_bar().encode(x="fruit", y="count"))
    # Over 2000 rows Streamlit switches vega to the canvas renderer; cover that path too.
    many = pd.DataFrame({"x": range(3000), "y": [i % 97 for i in range(3000)]})
    st.altair_chart(alt.Chart(many).mark_point().encode(x="x", y="y"))
    """
)


@pytest.fixture(scope="module")
def smoke_url(start_app, tmp_path_factory):
    folder = tmp_path_factory.mktemp("smoke_app")
    (folder / "smoke_app.py").write_text(SCRIPT)
    with start_app("smoke_app.py", cwd=folder) as url:
        yield url


def test_chart_is_drawn(page, smoke_url):
    goto(page, smoke_url)
    page.get_by_role("heading", name="E2E smoke").wait_for()
    wait_for_charts(page, min_charts=2)
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    assert charts.nth(0).locator("svg").count() == 1
    assert charts.nth(1).locator("canvas").count() == 1
    screenshot(page, "smoke_chart")
    assert_no_console_errors(page)


def test_script_exception_is_shown(page, smoke_url):
    goto(page, smoke_url, boom=1)
    assert page.locator('[data-testid="stException"]').is_visible()
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == 0


def test_page_errors_are_collected(page, smoke_url):
    goto(page, smoke_url)
    page.evaluate("setTimeout(() => { throw new Error('planted') }, 0)")
    page.wait_for_timeout(200)
    assert any("planted" in e for e in page.console_errors)


def test_external_hosts_do_not_resolve(page):
    with pytest.raises(PlaywrightError, match="ERR_NAME_NOT_RESOLVED"):
        page.goto("http://pypi.org/")
