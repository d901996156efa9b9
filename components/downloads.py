"""Downloads that open safely in Excel: CSV with a UTF-8 BOM, .xlsx, and cells neutralised against formula injection."""

from __future__ import annotations

import io
from collections.abc import Mapping

import pandas as pd

# A cell starting with one of these is run as a formula by Excel and WPS (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text that would start a formula gets a leading apostrophe, which spreadsheets show as plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
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
    """UTF-8 with a BOM, so Excel on Chinese Windows shows the Chinese text instead of mojibake."""
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame] | pd.DataFrame) -> bytes:
    """One workbook, a sheet per frame (sheet names cut to Excel's 31 characters)."""
    if isinstance(sheets, pd.DataFrame):
        sheets = {"data": sheets}
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            safe_frame(frame).to_excel(writer, sheet_name=str(name)[:31], index=False)
    return buffer.getvalue()
