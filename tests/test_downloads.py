"""Downloads: formula injection neutralised, Chinese intact in CSV (BOM) and .xlsx."""

from __future__ import annotations

import csv as csv_module
import io
import re

import openpyxl
import pandas as pd
import pytest

from components.downloads import csv_bytes, file_name, guarded_csv, neutralise, safe_frame, sheet_name, xlsx_bytes
from components.i18n import table
from support import csv

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "菏泽 = 好"]


@pytest.mark.parametrize("value", HOSTILE[:5])
def test_formula_starts_are_neutralised(value):
    assert neutralise(value).startswith("'")


def test_harmless_text_and_numbers_are_untouched():
    assert neutralise("菏泽 = 好") == "菏泽 = 好"
    assert neutralise(-5) == -5
    frame = safe_frame(pd.DataFrame({"n": [-1.5, 2.0]}))
    assert frame["n"].tolist() == [-1.5, 2.0]


def test_csv_has_bom_keeps_chinese_and_is_safe():
    frame = pd.DataFrame({"名称": ["菏泽现代医药港", *HOSTILE], "值": range(7)})
    raw = csv_bytes(frame)
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert back["名称"][0] == "菏泽现代医药港"
    assert not any(str(v).startswith(("=", "+", "-", "@")) for v in back["名称"])


def test_a_signed_number_keeps_its_sign_and_a_signed_sum_is_guarded():
    assert [neutralise(v) for v in ("-3.5", "+4.1", "-2+3", "+1e3")] == ["-3.5", "+4.1", "'-2+3", "'+1e3"]


@pytest.mark.parametrize("cell", ["a\rb", "a\nb", "a\r\nb", 'say "hi", then', "\r=1+1"])
def test_a_cell_with_a_line_break_or_quote_reads_back_as_one_cell_of_one_row(cell):
    raw = csv_bytes(pd.DataFrame({"text": [cell, "next"], "n": [1, 2]}))
    rows = list(csv_module.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == 3, rows
    assert rows[1][0] == neutralise(cell) and rows[2] == ["next", "2"]


def test_a_stored_csv_is_passed_on_cell_for_cell_but_for_the_guard():
    stored = '\ufeffname,value,note\n=HYPERLINK("http://x"),-3.5,"two\rlines"\n菏泽,4.87,@SUM(A1)\n'
    rows = list(csv_module.reader(io.StringIO(guarded_csv(stored).decode("utf-8-sig"), newline="")))
    assert rows == [
        ["name", "value", "note"],
        ['\'=HYPERLINK("http://x")', "-3.5", "two\rlines"],
        ["菏泽", "4.87", "'@SUM(A1)"],
    ]


def read_back(sheets) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(xlsx_bytes(sheets)))


def body(sheet) -> list:
    return [c for row in sheet.iter_rows(min_row=2) for c in row]


def test_xlsx_keeps_chinese_and_stores_no_formulas():
    frame = pd.DataFrame({"名称": ["鲁西南大数据中心", *HOSTILE]})
    sheet = read_back({"项目": frame})["项目"]
    values = [c.value for c in sheet["A"]]
    assert values[0] == "名称" and values[1] == "鲁西南大数据中心"
    assert all(c.data_type != "f" for c in sheet["A"])


@pytest.mark.parametrize("value", ["=1+1", '=HYPERLINK("http://x","y")', "@x", "-2+3", "+1+1", "\t=1", "=1+1 菏泽"])
def test_hostile_text_is_stored_as_the_text_itself_never_a_formula_and_without_an_apostrophe(value):
    sheet = read_back(pd.DataFrame({value: [value, "plain"]})).worksheets[0]
    for cell in (sheet["A1"], sheet["A2"]):
        assert cell.value == value, "exactly as written: no apostrophe added"
        assert cell.data_type == "s"
        assert cell.quotePrefix, "Excel keeps it text when the cell is edited"
    assert not sheet["A3"].quotePrefix


def test_percentages_are_numbers_with_a_percent_format_and_bounds_stay_text():
    frame = pd.DataFrame({"growth": ["+4.1%", "−0.5%", "68.2%", "≤ 33.3%", "—", "12%"]})
    cells = body(read_back(frame).worksheets[0])
    assert [c.value for c in cells[:3]] == pytest.approx([0.041, -0.005, 0.682])
    assert all(c.data_type == "n" for c in cells[:3])
    assert cells[0].number_format == "+0.0%;-0.0%;0.0%", "the sign stays visible, as on the page"
    assert cells[2].number_format == "0.0%"
    assert cells[5].value == pytest.approx(0.12) and cells[5].number_format == "0%"
    assert [c.value for c in cells[3:5]] == ["≤ 33.3%", "—"] and cells[3].data_type == "s"
    assert not any(str(c.value).startswith("'") for c in cells)


def test_numbers_are_numbers_and_missing_values_empty():
    frame = pd.DataFrame(
        {
            "n": [1.5, float("nan")],
            "i": pd.array([3, None], dtype="Int64"),
            "b": [True, False],
            "s": pd.array(["x", None], dtype="string"),
        }
    )
    cells = body(read_back(frame).worksheets[0])
    assert [c.value for c in cells] == [1.5, 3, True, "x", None, None, False, None]
    assert cells[0].data_type == "n" and cells[1].data_type == "n" and cells[2].data_type == "b"


def test_columns_are_as_wide_as_their_content_chinese_counting_double_and_long_text_wraps():
    frame = pd.DataFrame({"abc": ["abcdefghij"], "名称": ["鲁西南大数据中心"], "原文": ["菏泽" * 100], "n": [1.0]})
    sheet = read_back(frame).worksheets[0]
    width = {letter: sheet.column_dimensions[letter].width for letter in "ABCD"}
    assert 10 <= width["A"] < 16, "ten Latin characters"
    assert 16 <= width["B"] < 22, "eight Chinese characters count sixteen"
    assert width["C"] <= 60 and sheet["C2"].alignment.wrap_text, "a long sentence wraps instead of running on"
    assert not sheet["B2"].alignment.wrap_text
    assert width["D"] >= 6
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold


def test_control_characters_the_format_cannot_hold_are_dropped():
    sheet = read_back(pd.DataFrame({"a": ["x\x07y"]})).worksheets[0]
    assert sheet["A2"].value == "xy"


def test_the_trade_tables_growth_is_a_number_in_the_workbook(view, units):
    from components.topics.trade import build as trade

    table = trade.flows_table(trade.flows_frame(view, units, "en"), "en")
    column = list(table.columns).index("Year-on-year growth (published)") + 1
    sheet = read_back(table).worksheets[0]
    growth = [row[0] for row in sheet.iter_rows(min_row=2, min_col=column, max_col=column)]
    exports = float(csv("facts").set_index("metric").loc["trade.quarter.export", "yoy_pct"])
    assert exports / 100 in [pytest.approx(c.value) for c in growth if c.data_type == "n"]
    assert all(c.number_format.endswith("%") for c in growth if c.data_type == "n")
    assert not any(isinstance(c.value, str) and c.value.startswith("'") for c in body(sheet))


def test_the_csv_keeps_its_apostrophe_guard_for_the_same_cells():
    raw = csv_bytes(pd.DataFrame({"growth": ["+4.1%", "=1+1", "@x"]})).decode("utf-8-sig")
    assert raw.splitlines()[1:] == ["'+4.1%", "'=1+1", "'@x"]


# --- names in the reader's language -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stem", "lang", "extension", "name"),
    [
        ("named_projects", "zh", "csv", "菏泽市开发区2020年_点名项目.csv"),
        ("named_projects", "en", "xlsx", "heze-devzone-2020-named-projects.xlsx"),
        ("trade_flows", "zh", "xlsx", "菏泽市开发区2020年_进出口.xlsx"),
        ("all_data", "zh", "zip", "菏泽市开发区2020年_全部数据.zip"),
        ("all_data", "en", "zip", "heze-devzone-2020-all-data.zip"),
    ],
)
def test_downloads_are_named_in_the_readers_language(stem, lang, extension, name):
    assert file_name(stem, lang, extension) == name


def test_every_download_name_is_a_safe_file_name_in_both_languages():
    stems = [key.removeprefix("download.file.") for key in table() if key.startswith("download.file.")]
    assert len(stems) > 15
    for stem in stems:
        zh, en = file_name(stem, "zh", "csv"), file_name(stem, "en", "csv")
        assert re.search(r"[\u4e00-\u9fff]", zh.removeprefix("菏泽市开发区2020年_")), ("a Chinese name", stem, zh)
        assert en.isascii() and " " not in en and en == en.lower(), ("a plain English name", stem, en)
        for name in (zh, en):
            assert not re.search(r'[<>:"/\\|?*\x00-\x1f]', name), ("Windows refuses these", name)
        sheet = sheet_name(stem, "zh")
        assert 0 < len(sheet) <= 31 and not re.search(r"[\[\]:*?/\\]", sheet)


def test_a_sheet_name_excel_refuses_is_made_acceptable(monkeypatch):
    from components import downloads

    monkeypatch.setattr(downloads, "t", lambda key, lang, **_: "a/b:c[d]*e?" + "长" * 40)
    name = downloads.sheet_name("x", "zh")
    assert len(name) == 31 and not re.search(r"[\[\]:*?/\\]", name)
    openpyxl.load_workbook(io.BytesIO(xlsx_bytes({name: pd.DataFrame({"a": [1]})})))  # Excel's rules, as openpyxl keeps them


def test_a_workbook_takes_any_sheet_name_it_is_given():
    book = read_back({"facts:2020/[Q1]*?" + "长" * 40: pd.DataFrame({"a": [1]})})
    assert len(book.sheetnames[0]) == 31 and not re.search(r"[\[\]:*?/\\]", book.sheetnames[0])
