"""Downloads that open safely in Excel, named in the reader's language: CSV with a UTF-8 BOM and formula-starting text
behind an apostrophe; .xlsx with numbers as numbers, text as text (never a formula, no apostrophe) and fitted columns."""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Mapping

import numpy as np
import openpyxl
import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from components.data.package import decode
from components.i18n import has, t

# Excel refuses these in a sheet's name, and cuts the name at 31 characters.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# What Windows refuses in a file's name (and control characters): a topic's name from the data may hold any of them.
FILE_NAME_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
SHEET_NAME_LENGTH = 31


def _readers_name(stem: str, lang: str) -> str:
    """What readers call a part's data: the text "download.file.<stem>" where there is one, else its stable id (a page
    made from the data names its parts by their topic and group)."""
    key = f"download.file.{stem}"
    return t(key, lang) if has(key) else stem


def file_name(stem: str, lang: str, extension: str, edition: str = "") -> str:
    """A download's name in the reader's language, with what the latest report covers (`edition`, from the data):
    「菏泽市开发区2020年_点名项目.csv」 / "heze-devzone-2020-named-projects.csv"."""
    name = t("download.file", lang, name=_readers_name(stem, lang), edition=edition)
    if lang == "en":
        name = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return f"{FILE_NAME_FORBIDDEN.sub('_', name)}.{extension}"


def sheet_name(stem: str, lang: str) -> str:
    """The part's name for readers as a worksheet name Excel accepts."""
    return SHEET_NAME_FORBIDDEN.sub("_", _readers_name(stem, lang))[:SHEET_NAME_LENGTH]


# A cell starting with one of these is run as a formula by Excel and WPS (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A signed number ("-3.5", "+4.1") starts like a formula but is read as the number it is: it keeps its sign.
SIGNED_NUMBER = re.compile(r"[+-]\d+(\.\d+)?")


def neutralise(value):
    """Text that would start a formula gets a leading apostrophe, which spreadsheets show as plain text (the CSV's guard:
    a CSV has no way to say "this is text"; the .xlsx does, so it needs no apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not SIGNED_NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells and column names cannot run as formulas; numbers stay numbers."""
    out = frame.copy()
    text_columns = [c for c in out.columns if not pd.api.types.is_numeric_dtype(out[c])]
    for column in text_columns:
        out[column] = out[column].astype("object").map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a BOM, so Excel on Chinese Windows shows the Chinese text instead of mojibake. Lines end in CRLF, as
    Excel writes them, which also makes the csv writer quote a cell holding a lone carriage return (with "\n" it
    wrote one unquoted, and a spreadsheet split the row there)."""
    return safe_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def guarded_csv(text: str) -> bytes:
    """A CSV file's text as the same rows, each cell as stored but for the formula guard, in the same encoding and
    line ends as csv_bytes: for passing on a maintainer's file (the all-data zip) without a cell that runs."""
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows([neutralise(cell) for cell in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def folder_zip(files: Mapping[str, bytes]) -> bytes:
    """A data folder's files as a zip, byte for byte but that a CSV cell a spreadsheet would run as a formula is kept as
    text (guarded_csv; a CSV that cannot be decoded is left out). Fixed timestamps: the same files give the same zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files, key=lambda n: (n != "datapackage.json", "/" in n, n)):  # descriptor, tables, texts
            raw = files[name]
            if name.endswith(".csv"):
                found = decode(raw)  # the loader's reading: a file saved half-way is its text up to the cut
                if found is None:
                    continue
                raw = guarded_csv(found[0])
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, raw)
    return buffer.getvalue()


# A cell that is exactly a percentage as format_pct writes it ("+4.1%", "68.2%", "−0.5%"): a number to a spreadsheet.
# A bound ("≤ 33.3%") or a sentence stays text.
PERCENT = re.compile(r"^([+\-−]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?%$")
MIN_WIDTH, MAX_WIDTH = 6, 60  # column widths in characters; longer text wraps
HEADER_FONT = Font(bold=True)
WRAPPED = Alignment(wrap_text=True, vertical="top")


def percent_cell(text: str) -> tuple[float, str] | None:
    """A percentage as (fraction, Excel number format keeping its decimals and, if it had one, its sign), else None."""
    match = PERCENT.match(text.strip())
    if not match:
        return None
    sign, whole, decimals = match.groups()
    fraction = float(f"{whole.replace(',', '')}.{decimals or 0}") / 100
    places = "0." + "0" * len(decimals) if decimals else "0"
    number_format = f"+{places}%;-{places}%;{places}%" if sign else f"{places}%"
    return (-fraction if sign in ("-", "−") else fraction), number_format


def display_width(text: str) -> int:
    """How many Latin characters wide a text is: a Chinese character (or full-width sign) counts two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _plain(value):
    """A cell's value as openpyxl takes it (numpy and pandas scalars to Python; missing to None)."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, np.generic):
        value = value.item()
        return None if isinstance(value, float) and math.isnan(value) else value
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def _write(cell, value) -> str:
    """Put one value in a cell: numbers as numbers, percentages as numbers with a percent format, any text as text —
    never a formula, and without the apostrophe the CSV needs. Returns the text the cell shows, for its width."""
    value = _plain(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters the file format cannot hold
        percent = percent_cell(value)
        if percent is not None:
            cell.value, cell.number_format = percent
            return value
        cell.value = value
        cell.data_type = "s"  # openpyxl would store "=…" as a formula; a string cell is never calculated
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True  # and stays text when someone edits it in Excel, with no apostrophe shown
        return value
    cell.value = value
    return "" if value is None else str(value)


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame] | pd.DataFrame) -> bytes:
    """One workbook, a sheet per frame (names cut to Excel's 31 characters): a bold, frozen header row, each column
    as wide as its content (Chinese counted double, long text wrapped), numbers and percentages stored as numbers,
    and text stored as text, so nothing in it runs as a formula."""
    if isinstance(sheets, pd.DataFrame):
        sheets = {"data": sheets}
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, frame in sheets.items():
        sheet = book.create_sheet(SHEET_NAME_FORBIDDEN.sub("_", str(name))[:SHEET_NAME_LENGTH])
        widths = []
        for column, header in enumerate(frame.columns, start=1):
            cell = sheet.cell(row=1, column=column)
            widths.append(display_width(_write(cell, str(header))))
            cell.font = HEADER_FONT
        for row_number, row in enumerate(frame.itertuples(index=False, name=None), start=2):
            for column, value in enumerate(row, start=1):
                shown = _write(sheet.cell(row=row_number, column=column), value)
                widths[column - 1] = max(widths[column - 1], display_width(shown))
        for column, width in enumerate(widths, start=1):
            letter = get_column_letter(column)
            sheet.column_dimensions[letter].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
            if width + 2 > MAX_WIDTH:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
                    cell.alignment = WRAPPED
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
