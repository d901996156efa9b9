"""Ctrl+P in Chromium: a page printed to A4 shows its figures and charts over as many sheets as it needs, without the
sidebar, switches, filters, buttons or popovers (components/ui/print_style.py)."""

from __future__ import annotations

import pytest

from streamlit_wait import goto, wait_for_charts

# Hidden on paper: navigation, the language/presentation switches and filters (button groups), buttons, popovers.
HIDDEN = ("stSidebar", "stButtonGroup", "stPopover", "stPageLink", "stTooltipIcon", "stHeader")
SHOWN = ("stMetricValue", "stVegaLiteChart")


def pdf_sheets(pdf: bytes) -> int:
    """The number of sheets of a PDF that Chromium wrote (its page objects, not the /Pages tree)."""
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


@pytest.mark.parametrize("path", ["", "investment", "trade"])
def test_a_printed_page_has_its_figures_and_charts_and_none_of_the_controls(app_server, page, path):
    goto(page, app_server, f"/{path}")
    wait_for_charts(page, min_charts=page.locator('[data-testid="stVegaLiteChart"]').count())
    on_screen = {testid: page.locator(f'[data-testid="{testid}"]').count() for testid in HIDDEN + SHOWN}
    assert on_screen["stSidebar"] and on_screen["stButtonGroup"] and on_screen["stPopover"], "the controls are there"

    page.emulate_media(media="print")
    for testid in HIDDEN:
        shown = page.locator(f'[data-testid="{testid}"]')
        assert not any(shown.nth(i).is_visible() for i in range(shown.count())), f"{testid} prints"
    for testid in SHOWN:
        shown = page.locator(f'[data-testid="{testid}"]')
        assert shown.count() and all(shown.nth(i).is_visible() for i in range(shown.count())), f"{testid} does not print"

    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    if path == "investment":  # a long page goes on over several sheets, not cut after the first screen
        assert pdf_sheets(pdf) >= 3
