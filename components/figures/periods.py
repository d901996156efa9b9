"""What a period covers, from its dates in periods.csv: a point in time, a quarter, a half-year, a year, or an unknown
span. Changes, growth rates and implied prior values are computed only between periods of like span."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

# A span of whole calendar months, by its number of months (anything else is its own kind, never comparable by name).
MONTH_SPANS = {1: "month", 3: "quarter", 6: "half", 12: "year"}


def _date(value) -> date | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value) or not str(value).strip():
        return None
    return date.fromisoformat(str(value).strip())


def _month_end(day: date) -> bool:
    return (pd.Timestamp(day) + pd.offsets.Day(1)).day == 1


@dataclass(frozen=True)
class Span:
    """What one period covers. `kind`: point, month, quarter, half, year, `days:N` for another stretch, or None when
    the report does not say (then nothing is compared with it)."""

    start: date | None
    end: date | None

    @property
    def kind(self) -> str | None:
        if self.start is None or self.end is None:
            return None
        if self.start == self.end:
            return "point"
        if self.start.day == 1 and _month_end(self.end):
            months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
            if months in MONTH_SPANS:
                return MONTH_SPANS[months]
        return f"days:{(self.end - self.start).days + 1}"

    def like(self, other: Span) -> bool:
        """Whether two periods cover like spans (quarter with quarter, point with point…): only then are they compared."""
        return self.kind is not None and self.kind == other.kind

    def year_before(self) -> Span:
        """The same span a year earlier (a year-on-year growth rate implies a value there)."""

        def back(day: date | None) -> date | None:
            if day is None:
                return None
            return (pd.Timestamp(day) - pd.DateOffset(years=1)).date()

        end = back(self.end)
        if end is not None and self.end is not None and _month_end(self.end):  # 2021-02-28 and 2020-02-29 alike
            end = (pd.Timestamp(end) + pd.offsets.MonthEnd(0)).date()
        return Span(end if self.start == self.end else back(self.start), end)  # a point stays a point (2021-02-28)


def span_name(span: Span, lang: str) -> str | None:
    """A span's name made from its dates (2019年第一季度 / 2019 Q1), where its kind has one; the data's own period labels
    come first, this is for a period the data does not hold (the year before a published growth rate)."""
    from components.i18n import t

    kind, start = span.kind, span.start
    if start is None or kind is None:
        return None
    if kind == "quarter" and start.month % 3 == 1:  # a calendar quarter (not February to April)
        quarter = (start.month - 1) // 3 + 1
        return t("period.quarter", lang, year=start.year, quarter=quarter, quarter_zh="一二三四"[quarter - 1])
    if kind == "half" and start.month in (1, 7):
        return t(f"period.half.{1 if start.month <= 6 else 2}", lang, year=start.year)
    if kind == "year" and start.month == 1:
        return t("period.year", lang, year=start.year)
    if kind == "month":
        return t("period.month", lang, year=start.year, month=start.month)
    if kind == "point":
        return t("period.point", lang, year=start.year, month=start.month, day=start.day)
    return None


def span_of(row) -> Span:
    """The span of a row of periods.csv (or of the facts view, which carries its period's start and end)."""
    return Span(_date(row.get("start")), _date(row.get("end")))
