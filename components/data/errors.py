"""Typed data problems: each carries file, spreadsheet row, column and reason, and reads in Chinese or English."""

from __future__ import annotations

from dataclasses import dataclass

# Our codes, one per kind of problem a maintainer can cause; frictionless error types map onto them.
FRICTIONLESS_CODES = {
    "scheme-error": "missing_file",
    "source-error": "empty_file",
    "encoding-error": "encoding",
    "missing-label": "missing_column",
    "extra-label": "unknown_column",
    "duplicate-label": "duplicate_column",
    "blank-label": "blank_column",
    "incorrect-label": "unknown_column",
    "type-error": "wrong_type",
    "primary-key": "duplicate_key",
    "unique-error": "duplicate_value",
    "foreign-key": "unknown_reference",
    "blank-row": "blank_row",
    "extra-cell": "row_shape",
    "missing-cell": "row_shape",
    "quote-not-found": "quote_not_found",
    "figure-not-in-quote": "figure_not_in_quote",
}
# frictionless reports all constraint breaches as one type; the constraint name tells them apart.
CONSTRAINT_CODES = {
    "minimum": "negative",
    "enum": "not_allowed",
    "required": "missing_value",
    "pattern": "bad_format",
    "unique": "duplicate_value",
}


# Codes whose detail names the pages (topic keys, comma-separated) that need what is missing.
PAGE_CODES = ("required_figure", "required_item")


@dataclass(frozen=True)
class DataError:
    """One problem in one data file. `row` is the row number a spreadsheet shows (header = 1)."""

    file: str
    code: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    detail: str = ""
    severity: str = "error"  # or "warning": worth a look, but nothing is wrong enough to stop a table or the validator

    @property
    def warning(self) -> bool:
        return self.severity == "warning"

    def message(self, lang: str) -> str:
        from components.i18n import has, t  # late import: i18n imports nothing from here, but keeps this module light

        if not self.file:  # the folder as a whole (it changed while read): no file to name, never its server path
            place = "folder"
        else:
            place = "cell" if self.row and self.column else "row" if self.row else "column" if self.column else "file"
        where = t(f"error.where.{place}", lang, file=self.file, row=self.row, column=self.column)
        detail = self.detail
        if self.code == "wrong_type":
            detail = t(f"type.{self.detail}", lang)
        elif self.code in PAGE_CODES:  # the pages that need it, by topic key
            detail = ("、" if lang == "zh" else ", ").join(
                t(f"nav.{p}", lang) if has(f"nav.{p}") else p for p in self.detail.split(",") if p
            )
        elif self.code == "unknown_reference" and "|" in detail:  # "sources.csv|id-a, id-b": where, and what is there
            table, there = detail.split("|", 1)
            detail = t("error.known", lang, file=table, known=there) if there else table
        what = t(f"error.{self.code}", lang, value=self.value or "", detail=detail)
        return f"{where}: {what}"


class DataUnavailable(Exception):
    """Raised by a page's data access when a table it needs has problems; carries them for the error box."""

    def __init__(self, errors: list[DataError]):
        super().__init__(f"{len(errors)} data problem(s)")
        self.errors = errors
