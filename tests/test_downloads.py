"""Downloads (components/downloads.py): CSV for Excel (BOM, CRLF, formula cells guarded, signed numbers kept), .xlsx
with numbers as numbers and text never a formula, sheet and file names, and the data folder's zip."""

from __future__ import annotations

import csv as csv_module
import io
import zipfile

import openpyxl
import pandas as pd
import pytest

from components.downloads import csv_bytes, file_name, folder_zip, guarded_csv, sheet_name, xlsx_bytes
from components.i18n import t
from support import FIRST_REPORT

# (cell as data, cell as the CSV must give it to a spreadsheet)
CELLS = [
    ("=1+1", "'=1+1"),
    ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
    ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("-3.5", "-3.5"),  # a signed number is read as the number it is
    ("+4.1", "+4.1"),
    ("菏泽 = 好", "菏泽 = 好"),
    ("约260亿元", "约260亿元"),
    ("", ""),
]


def read_csv(raw: bytes) -> list[list[str]]:
    return list(csv_module.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_a_csv_opens_in_excel_as_written():
    frame = pd.DataFrame({"text": [c for c, _ in CELLS], "value": [float(i) - 3 for i in range(len(CELLS))]})
    raw = csv_bytes(frame)
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, so Excel on Chinese Windows shows the Chinese
    assert raw.count(b"\r\n") == len(CELLS) + 1 and b"\n" not in raw.replace(b"\r\n", b"")  # every line ends in CRLF
    header, *body = read_csv(raw)
    assert header == ["text", "value"]
    assert [row[0] for row in body] == [guarded for _, guarded in CELLS]
    assert [float(row[1]) for row in body] == frame["value"].tolist()  # numbers keep their sign, unguarded


def test_a_formula_header_is_guarded_too():
    assert read_csv(csv_bytes(pd.DataFrame({"=cmd": [1], "名称": ["x"]})))[0] == ["'=cmd", "名称"]


def test_a_lone_carriage_return_stays_inside_its_cell():
    raw = csv_bytes(pd.DataFrame({"a": ["one\rtwo", "three"], "b": [1, 2]}))
    assert read_csv(raw) == [["a", "b"], ["one\rtwo", "1"], ["three", "2"]]


def test_xlsx_keeps_numbers_as_numbers_and_text_as_text():
    frame = pd.DataFrame(
        {
            "text": [c for c, _ in CELLS],
            "number": [float(i) - 3 for i in range(len(CELLS))],
            "pct": ["+4.1%", "68.2%", "−0.5%", "≤ 33.3%", "1,234.5%", "-2%", "x%", "", "5%", "0.0%", "12%", "+0%"],
        }
    )
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"数据": frame})))["数据"]
    assert [c.value for c in sheet[1]] == ["text", "number", "pct"]
    for (cell, _), row in zip(CELLS, sheet.iter_rows(min_row=2)):
        text, number, _ = row
        assert text.data_type in ("s", "inlineStr") and (text.value or "") == cell  # no apostrophe: text already
        assert text.quotePrefix == (cell[:1] in ("=", "+", "-", "@", "\t", "\r"))  # and stays text once edited
        assert number.data_type == "n" and isinstance(number.value, float | int)
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    percents = [c.value for c in sheet["C"][1:]]
    assert percents[:3] == [pytest.approx(0.041), pytest.approx(0.682), pytest.approx(-0.005)]
    assert percents[3] == "≤ 33.3%" and percents[4] == pytest.approx(12.345) and percents[6] == "x%"
    assert sheet["C2"].number_format.startswith("+0.0%") and sheet["C3"].number_format == "0.0%"


def test_xlsx_cells_keep_their_text_exactly():
    values = ["=1+1", "@SUM(A1)", "-2+3", "菏泽"]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(pd.DataFrame({"a": values})))).active
    assert [c.value for c in sheet["A"][1:]] == values
    assert all(c.data_type == "s" for c in sheet["A"][1:])


@pytest.mark.parametrize(
    ("name", "sheet"),
    [
        ("数据", "数据"),
        ("a[b]c", "a_b_c"),
        ("x:y*z?", "x_y_z_"),
        ("a/b\\c", "a_b_c"),
        ("一" * 40, "一" * 31),
        ("[" * 40, "_" * 31),
    ],
)
def test_sheet_names_lose_excels_forbidden_characters_and_are_cut(name, sheet):
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({name: pd.DataFrame({"a": [1]})})))
    assert book.sheetnames == [sheet]


@pytest.mark.parametrize(
    ("stem", "lang", "sheet"),
    [
        ("named_projects", "zh", t("download.file.named_projects", "zh")),
        ("named_projects", "en", t("download.file.named_projects", "en")),
        ("economy/output:*", "en", "economy_output__"),  # no text of its own: its id
        ("g" * 40, "zh", "g" * 31),
    ],
)
def test_a_parts_sheet_name(stem, lang, sheet):
    assert sheet_name(stem, lang) == sheet


@pytest.mark.parametrize(
    ("stem", "lang", "extension", "edition", "name"),
    [
        ("named_projects", "zh", "csv", "2020年", f"菏泽市开发区2020年_{t('download.file.named_projects', 'zh')}.csv"),
        ("named_projects", "en", "xlsx", "2020", "heze-devzone-2020-named-projects.xlsx"),
        ("economy.output", "en", "csv", "H1 2021", "heze-devzone-h1-2021-economy-output.csv"),
        ("talent-people", "en", "csv", "2020", "heze-devzone-2020-talent-brought-in.csv"),
        ("economy/output", "zh", "csv", "2021年上半年", "菏泽市开发区2021年上半年_economy_output.csv"),
    ],
)
def test_a_file_name_says_the_edition_in_the_readers_language(stem, lang, extension, edition, name):
    assert file_name(stem, lang, extension, edition) == name


def test_english_file_names_are_lowercase_and_hyphenated():
    name = file_name("Some Part: Totals (CNY)", "en", "csv", "Q1 2021")
    stem, extension = name.rsplit(".", 1)
    assert extension == "csv" and stem == stem.lower() and " " not in stem and "--" not in stem
    assert set(stem) <= set("abcdefghijklmnopqrstuvwxyz0123456789-") and not stem.startswith("-") and not stem.endswith("-")


# -- the data folder as a zip ------------------------------------------------------------------------------------------


def folder_files() -> dict[str, bytes]:
    files = {p.relative_to(FIRST_REPORT).as_posix(): p.read_bytes() for p in FIRST_REPORT.rglob("*") if p.is_file()}
    files["units.csv"] = files["units.csv"] + b"=1+1,@x,-,+,\n"  # a row a spreadsheet would run
    files["gbk.csv"] = "名称,数值\n菏泽,=SUM(1)\n".encode("gbk")
    files["broken.csv"] = b"a,b\n\xff\xfe\xff,1\n"  # neither UTF-8 nor GB18030
    return files


def test_the_zip_keeps_files_byte_for_byte_and_guards_csv_formulas():
    files = folder_files()
    archive = zipfile.ZipFile(io.BytesIO(folder_zip(files)))
    names = archive.namelist()
    assert names[0] == "datapackage.json" and "broken.csv" not in names
    assert set(names) == set(files) - {"broken.csv"}
    for name in names:
        inside = archive.read(name)
        if not name.endswith(".csv"):
            assert inside == files[name], name
            continue
        original = list(csv_module.reader(io.StringIO(files[name].decode("gb18030" if name == "gbk.csv" else "utf-8"))))
        expected = [["'" + c if c[:1] in ("=", "@") or c in ("-", "+") else c for c in row] for row in original]
        assert read_csv(inside) == expected, name
    assert read_csv(archive.read("units.csv"))[-1] == ["'=1+1", "'@x", "'-", "'+", ""]


def test_the_zip_is_the_same_for_the_same_files():
    files = folder_files()
    assert folder_zip(files) == folder_zip(dict(reversed(list(files.items()))))


def test_guarded_csv_keeps_cells_and_signed_numbers():
    assert read_csv(guarded_csv("\ufeffa,b\r\n-3.2,=x\n")) == [["a", "b"], ["-3.2", "'=x"]]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_name_from_the_data_makes_a_file_name_windows_accepts(lang):
    """A part of a page made from the data is named by its topic and group, which may hold any character."""
    name = file_name('经济<运行>:"产值"/季度\\|?*\x07', lang, "csv", edition="2021年")
    assert not set('<>:"/\\|?*\x07') & set(name.removesuffix(".csv")), name
    assert name.endswith(".csv") and (lang == "en" or "经济" in name)
