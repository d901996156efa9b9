"""Ctrl+P in Chromium: a page printed to A4 has its content over as many sheets as it needs (Streamlit scrolls inside
its main area, which must not cut the printout after one screen) and no sidebar (components/ui/style.py)."""

from __future__ import annotations

import io
import unicodedata

from pypdf import PdfReader

from streamlit_wait import goto, wait_for_charts

# The sidebar's own texts: the export control and the note of where the figures come from
SIDEBAR_ONLY = ("导出汇报材料", "数据来自")


def test_a_printed_page_has_its_content_over_several_sheets_and_no_sidebar(app_server, page):
    goto(page, app_server, "/investment")
    wait_for_charts(page, min_charts=2)
    assert all(text in page.inner_text('[data-testid="stSidebar"]') for text in SIDEBAR_ONLY), "on screen, the sidebar"
    headings = page.locator('[data-testid="stMain"] h2').all_inner_texts()

    page.emulate_media(media="print")
    sidebar = page.get_by_test_id("stSidebar")
    assert not sidebar.is_visible() or sidebar.bounding_box()["width"] == 0, "the sidebar prints"
    printout = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    # Chinese comes back from the PDF in CJK radical forms (⼯ for 工): compared after NFKC
    text = unicodedata.normalize("NFKC", "\n".join(sheet.extract_text() or "" for sheet in printout.pages))
    assert len(printout.pages) > 1, "a long page goes on over several sheets"
    assert all(abs(float(sheet.mediabox.width) - 595.3) < 2 for sheet in printout.pages), "A4"
    missing = [heading for heading in headings if heading not in text]
    assert not missing, f"headings not printed: {missing}"
    assert not [s for s in SIDEBAR_ONLY if s in text], "the sidebar's texts are printed"
    assert page.console_errors == []
