"""Checks across the tables and the report texts, once each table is valid on its own: what a schema cannot say. Each
finding is a typed error (or a warning, which a maintainer should look at but which stops nothing) naming the file,
row and column, and whether the table can still be used.

- A period relative to a report ("目前", "今年以来") is that report's: a row from another source cannot use it.
- A metric is one thing in every period: its rows keep its topic, group, stage and item (and, a warning, its label).
- sort_key agrees with the periods' dates; every report names a period it covers.
- Every number of every report text is a figure (facts, projects), a named item, or reviewed in non_metric_numbers.
- 同比 in a figure's sentence with no yoy_pct is a warning: the growth may have been left out."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from components.data.errors import DataError

FIRST_ROW = 2  # a spreadsheet's row of a table's first data row (the header is row 1)
# Arabic numerals (with thousands separators), runs of two or more Chinese numerals (十三五, 双百), and one Chinese
# numeral before a measure word or 余/多 (百余人, 七条线, 一级): the ways the reports write a number.
NUMBER = re.compile(
    r"\d+(?:,\d{3})*(?:\.\d+)?|[一二两三四五六七八九十百千万双]{2,}|[一二两三四五六七八九十百千双](?=[余多个大条张级名人家所项线])"
)
METRIC_IDENTITY = ("topic", "group", "stage", "item")


@dataclass(frozen=True)
class Finding:
    table: str  # the resource the error is about
    error: DataError
    unusable: bool = False  # the table cannot be used (its rows would be shown wrong)


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _date(value) -> date | None:
    return None if _missing(value) or not str(value).strip() else date.fromisoformat(str(value).strip())


def bad_date(value) -> bool:
    try:
        _date(value)
    except ValueError:
        return True
    return False


def out_of_order(periods: pd.DataFrame) -> list[tuple[str, str]]:
    """(earlier by sort_key, later by sort_key) pairs of periods with an end date whose sort_key contradicts it."""
    dated = sorted((int(r["sort_key"]), end, r["period"]) for r in periods.to_dict("records") if (end := _date(r.get("end"))))
    return [(a[2], b[2]) for a, b in zip(dated, dated[1:]) if a[1] > b[1]]


def periods_of_other_reports(tables: Mapping[str, pd.DataFrame]) -> list[Finding]:
    periods = tables.get("periods")
    if periods is None:
        return []
    owner = periods.set_index("period")["source_id"].dropna()
    found = []
    for name in ("facts", "projects"):
        frame = tables.get(name)
        if frame is None:
            continue
        for number, row in enumerate(frame[["period", "source_id"]].to_dict("records"), start=FIRST_ROW):
            report = owner.get(row["period"])
            if report is not None and report != row["source_id"]:
                error = DataError(f"{name}.csv", "period_of_other_report", number, "period", str(row["period"]), str(report))
                found.append(Finding(name, error, unusable=True))
    return found


def inconsistent_metrics(tables: Mapping[str, pd.DataFrame]) -> list[Finding]:
    """A row that files a metric otherwise than its first row (an error), or labels it otherwise (a warning)."""
    facts = tables.get("facts")
    if facts is None:
        return []
    found = []
    first: dict[str, tuple[int, dict]] = {}
    for number, row in enumerate(facts.to_dict("records"), start=FIRST_ROW):
        number_before, before = first.setdefault(row["metric"], (number, row))
        if number == number_before:
            continue
        for column in (*METRIC_IDENTITY, "label_zh", "label_en"):
            now, then = row[column], before[column]
            if not (_missing(now) and _missing(then)) and now != then:
                warning = column.startswith("label")
                error = DataError(
                    "facts.csv",
                    "label_differs" if warning else "inconsistent_metric",
                    number,
                    column,
                    "" if _missing(now) else str(now),
                    f"{number_before}:{'' if _missing(then) else then}" if warning else str(number_before),
                    severity="warning" if warning else "error",
                )
                found.append(Finding("facts", error, unusable=not warning))
    return found


def period_dates(tables: Mapping[str, pd.DataFrame]) -> list[Finding]:
    """Dates that are not ISO dates, an end before its start, and a sort_key that contradicts the dates."""
    periods = tables.get("periods")
    if periods is None:
        return []
    found = []
    rows = periods.to_dict("records")
    number_of = {r["period"]: n for n, r in enumerate(rows, start=FIRST_ROW)}
    for number, row in enumerate(rows, start=FIRST_ROW):
        for column in ("start", "end"):
            if bad_date(row.get(column)):
                found.append(
                    Finding("periods", DataError("periods.csv", "bad_date", number, column, str(row[column])), unusable=True)
                )
        dated = not any(bad_date(row.get(c)) or _missing(row.get(c)) for c in ("start", "end"))
        if dated and str(row["end"]) < str(row["start"]):
            found.append(
                Finding("periods", DataError("periods.csv", "end_before_start", number, "end", str(row["end"])), unusable=True)
            )
    if not found:
        for earlier, later in out_of_order(periods):
            error = DataError("periods.csv", "sort_key_order", number_of[earlier], "sort_key", earlier, later)
            found.append(Finding("periods", error))
    return found


def report_periods(tables: Mapping[str, pd.DataFrame]) -> list[Finding]:
    sources, periods = tables.get("sources"), tables.get("periods")
    if sources is None or periods is None or "period" not in sources:
        return []
    known = set(periods["period"])
    return [
        Finding("sources", DataError("sources.csv", "unknown_reference", number, "period", str(row["period"]), "periods.csv"))
        for number, row in enumerate(sources.to_dict("records"), start=FIRST_ROW)
        if row["period"] not in known
    ]


def _covered(text: str, needles: Iterable[str], within: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    start, end = within or (0, len(text))
    spans = []
    for needle in needles:
        if needle:
            spans += [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text) if start <= m.start() and m.end() <= end]
    return spans


def unaccounted_numbers(tables: Mapping[str, pd.DataFrame], source_id: str, text: str) -> list[tuple[str, str]]:
    """(number, a little context) for each number of one report's text that no figure of that report covers (inside its
    sentence), nor a named item, nor a reviewed row of non_metric_numbers."""
    covered: list[tuple[int, int]] = []
    for name in ("facts", "projects"):
        frame = tables.get(name)
        if frame is None:
            continue
        for row in frame[frame["source_id"] == source_id].to_dict("records"):
            at = text.find(row["source_quote"])
            if at >= 0:
                covered += _covered(text, [row["as_published"]], (at, at + len(row["source_quote"])))
    for name, column in (("items", "name_zh"), ("non_metric_numbers", "text")):
        frame = tables.get(name)
        if frame is not None:
            covered += _covered(text, frame.loc[frame["source_id"] == source_id, column].dropna())
    return [
        (m.group(), text[max(0, m.start() - 8) : m.end() + 8].replace("\n", " "))
        for m in NUMBER.finditer(text)
        if not any(a <= m.start() and m.end() <= b for a, b in covered)
    ]


def numbers_accounted(tables: Mapping[str, pd.DataFrame], texts: Mapping[str, str], paths: Mapping[str, str]) -> list[Finding]:
    """Every number of every report text is a figure, a named item or a reviewed non-figure (checked only once the
    tables that could cover it are readable: a broken table is reported once, by itself)."""
    if any(name not in tables for name in ("facts", "projects", "items", "non_metric_numbers")):
        return []
    found = []
    for source_id, text in texts.items():
        for number, context in unaccounted_numbers(tables, source_id, text):
            error = DataError(paths.get(source_id, source_id), "unaccounted_number", value=number, detail=context)
            found.append(Finding("non_metric_numbers", error))
    return found


YEAR_ON_YEAR = "同比"
SEPARATORS = ",,、 "  # what may stand between a figure and its 同比


def growth_left_out(tables: Mapping[str, pd.DataFrame]) -> list[Finding]:
    """A warning for a figure whose words say 同比 right after it but whose yoy_pct is empty."""
    facts = tables.get("facts")
    if facts is None:
        return []
    found = []
    for number, row in enumerate(facts.to_dict("records"), start=FIRST_ROW):
        quote, published = str(row["source_quote"]), str(row["as_published"])
        at = quote.find(published)
        after = quote[at + len(published) : at + len(published) + 8] if at >= 0 else ""
        said = YEAR_ON_YEAR in published or after.lstrip(SEPARATORS).startswith(YEAR_ON_YEAR)
        a_rate = str(row.get("unit")) in ("%", "个百分点")  # the figure is the growth itself
        if said and not a_rate and _missing(row.get("yoy_pct")):
            found.append(
                Finding("facts", DataError("facts.csv", "yoy_missing", number, "yoy_pct", published, severity="warning"))
            )
    return found


def findings(tables: Mapping[str, pd.DataFrame], texts: Mapping[str, str], paths: Mapping[str, str]) -> list[Finding]:
    return [
        *periods_of_other_reports(tables),
        *inconsistent_metrics(tables),
        *period_dates(tables),
        *report_periods(tables),
        *numbers_accounted(tables, texts, paths),
        *growth_left_out(tables),
    ]
