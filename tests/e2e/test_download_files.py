"""Downloads in the browser: a block's CSV and .xlsx arrive under a name in the reader's language (Streamlit sends a
non-ASCII name as RFC 5987 filename*), and the .xlsx opens with numbers as numbers and no visible apostrophes."""

from __future__ import annotations

import io

import openpyxl
import pytest

from streamlit_wait import goto, wait_for_app, wait_for_charts

# Written out, not computed: what a reader's browser should save the trade flows' data as.
NAMES = {
    "zh": ("下载数据", "下载 CSV", "下载 Excel", "菏泽市开发区2020年_进出口"),
    "en": ("Download data", "Download CSV", "Download Excel", "heze-devzone-2020-imports-and-exports"),
}


def _download(page, popover_label: str, button_label: str):
    page.get_by_role("button", name=popover_label).first.click()
    button = page.get_by_test_id("stDownloadButton").get_by_role("button", name=button_label, exact=True)
    button.wait_for()
    wait_for_app(page)
    with page.expect_download(timeout=60000) as info:
        button.click()
    page.keyboard.press("Escape")
    return info.value


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_trade_flows_download_in_the_readers_language_with_numbers_in_the_workbook(app_server, page, lang):
    popover, csv_label, xlsx_label, stem = NAMES[lang]
    goto(page, app_server, "/trade", lang=lang)
    wait_for_charts(page)

    csv_file = _download(page, popover, csv_label)
    assert csv_file.suggested_filename == f"{stem}.csv"
    assert csv_file.path().read_bytes().startswith(b"\xef\xbb\xbf")

    xlsx_file = _download(page, popover, xlsx_label)
    assert xlsx_file.suggested_filename == f"{stem}.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_file.path().read_bytes())).worksheets[0]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert not any(isinstance(c.value, str) and c.value.startswith("'") for c in cells), "no visible apostrophes"
    assert all(c.data_type != "f" for c in cells)
    growth = [c for c in cells if c.number_format.endswith("%") and isinstance(c.value, float)]
    assert 0.041 in [round(c.value, 3) for c in growth], "exports' +4.1% as a number with a percent format"
