"""A chart's downloads in Chromium: its CSV and .xlsx arrive under a name in the reader's language (Streamlit sends a
non-ASCII name as RFC 5987 filename*), open with their Chinese intact, and a text that a spreadsheet would run as a
formula is guarded: behind an apostrophe in the CSV, a plain text cell in the .xlsx (components/downloads.py).

The server reads a copy of the pinned first report whose exports are labelled "=出口+1", as a careless or hostile edit
of facts.csv could label them."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from streamlit_wait import goto, wait_for_app, wait_for_charts
from support import FIRST_REPORT, edit_csv, folder

FORMULA = "=出口+1"


@pytest.fixture(scope="module")
def formula_app(start_app, tmp_path_factory):
    data = folder(tmp_path_factory.mktemp("formula") / "data", base=FIRST_REPORT)
    edit_csv(data / "facts.csv", "metric", "trade.quarter.export", column="label_zh", new=FORMULA)
    with start_app(env={"HEZE_DATA_DIR": str(data), "HEZE_UPKEEP": None}) as url:
        yield url


# The index of the first 下载数据 button after the page's first chart (the key figures above it have their own)
AFTER_CHART = """() => {
  const chart = document.querySelector('[data-testid="stMain"] [data-testid="stVegaLiteChart"]');
  const buttons = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stPopoverButton"]')]
    .filter(b => b.innerText.includes('下载数据'));
  return buttons.findIndex(b => chart.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
}"""


def _download(page, label: str):
    """Open the trade chart's 下载数据 popover and download with its button `label`."""
    chart_downloads = page.evaluate(AFTER_CHART)
    assert chart_downloads >= 0, "the chart has its downloads under it"
    page.locator('[data-testid="stMain"] [data-testid="stPopoverButton"]', has_text="下载数据").nth(chart_downloads).click()
    button = page.get_by_test_id("stPopoverBody").get_by_role("button", name=label, exact=True)
    button.wait_for()
    wait_for_app(page)
    with page.expect_download(timeout=60_000) as info:
        button.click()
    page.keyboard.press("Escape")
    return info.value


def test_a_charts_csv_and_workbook_keep_chinese_and_guard_formulas(formula_app, page):
    goto(page, formula_app, "/trade")
    wait_for_charts(page)

    csv_file = _download(page, "下载 CSV")
    assert csv_file.suggested_filename == "菏泽市开发区2020年_进出口.csv"
    raw = csv_file.path().read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a BOM, so that Excel reads UTF-8"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert "进口" in cells and "2020年第一季度" in cells, rows[:3]
    assert "'" + FORMULA in cells and FORMULA not in cells, "the formula's text behind an apostrophe"
    assert not [c for c in cells if c.startswith(("=", "+", "@")) and not c[1:].replace(".", "").isdigit()]

    xlsx_file = _download(page, "下载 Excel")
    assert xlsx_file.suggested_filename == "菏泽市开发区2020年_进出口.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_file.path().read_bytes())).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    values = [c.value for c in cells]
    assert "进口" in values and "2020年第一季度" in values, values[:10]
    assert FORMULA in values, "the text as written, a text cell"
    assert all(c.data_type != "f" for c in cells), "no formula in the workbook"
    assert not any(isinstance(v, str) and v.startswith("'") for v in values), "no visible apostrophe"
    assert page.console_errors == []
