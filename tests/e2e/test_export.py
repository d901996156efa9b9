"""The export control in the browser: on /investment filtered to new starts, the briefing is built on click and
downloads as a deck whose named-projects chart holds the filtered projects, and as a handout (components/ui/export.py)."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pypdf import PdfReader

from streamlit_wait import goto, screenshot, wait_for_app, wait_for_charts


def _export(page, fmt_label: str, build: str, download: str) -> bytes:
    sidebar = page.get_by_test_id("stSidebar")
    popover = sidebar.get_by_test_id("stExpander")
    if not popover.get_by_text(fmt_label, exact=True).is_visible():
        popover.get_by_text(build.split("|")[0]).click()
    popover.get_by_text(fmt_label, exact=True).click()
    wait_for_app(page)
    popover.get_by_role("button", name=build.split("|")[1], exact=True).click()
    button = popover.get_by_test_id("stDownloadButton").get_by_role("button", name=download, exact=True)
    button.wait_for(timeout=60000)
    wait_for_app(page)
    with page.expect_download(timeout=60000) as info:
        button.click()
    return info.value.path().read_bytes()


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        ("zh", ("演示文稿 PPTX", "A4 讲义 PDF", "导出汇报材料|生成", "下载")),
        ("en", ("Slides (PPTX)", "A4 handout (PDF)", "Export briefing|Build", "Download")),
    ],
)
def test_the_filtered_page_exports_as_an_editable_deck_and_a_handout(app_server, page, lang, labels):
    pptx_label, pdf_label, build, download = labels
    goto(page, app_server, "/investment", stage="new_start", lang=lang)
    wait_for_charts(page, min_charts=2)

    deck = Presentation(io.BytesIO(_export(page, pptx_label, build, download)))
    screenshot(page, f"export-{lang}", full_page=False)
    charts = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    named = [c for c in charts if len(c.plots[0].categories) == 3]  # the three new starts the report names with amounts
    assert named, "the named-projects chart is exported filtered"
    # the new starts' amounts in projects.csv (亿元: 150, 12, 5), in the unit the chart counts in: 亿元, or CNY bn (10 亿元)
    amounts = [150.0, 12.0, 5.0] if lang == "zh" else [15.0, 1.2, 0.5]
    assert sorted(named[0].plots[0].series[0].values, reverse=True) == pytest.approx(amounts)

    handout = PdfReader(io.BytesIO(_export(page, pdf_label, build, download)))
    assert len(handout.pages) > 3 and handout.metadata.title
