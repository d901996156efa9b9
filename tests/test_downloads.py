"""Downloads: formula injection neutralised, Chinese intact in CSV (BOM) and .xlsx."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from components.downloads import csv_bytes, neutralise, safe_frame, xlsx_bytes

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


def test_xlsx_keeps_chinese_and_stores_no_formulas():
    frame = pd.DataFrame({"名称": ["鲁西南大数据中心", *HOSTILE]})
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"项目": frame})))
    sheet = book["项目"]
    values = [c.value for c in sheet["A"]]
    assert values[0] == "名称" and values[1] == "鲁西南大数据中心"
    assert all(c.data_type != "f" for c in sheet["A"])
