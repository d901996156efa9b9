"""Period spans (components/figures/periods.py): their kinds from the dates, which spans are alike, the span a year
before (month ends, leap years) and a span's name in Chinese and English."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from components.figures.periods import Span, span_name, span_of


def span(start: str | None, end: str | None) -> Span:
    return Span(date.fromisoformat(start) if start else None, date.fromisoformat(end) if end else None)


@pytest.mark.parametrize(
    ("start", "end", "kind"),
    [
        ("2019-12-31", "2019-12-31", "point"),
        ("2020-02-29", "2020-02-29", "point"),
        ("2020-01-01", "2020-01-31", "month"),
        ("2020-02-01", "2020-02-29", "month"),  # a leap February
        ("2021-02-01", "2021-02-28", "month"),
        ("2020-01-01", "2020-03-31", "quarter"),
        ("2020-10-01", "2020-12-31", "quarter"),
        ("2021-01-01", "2021-06-30", "half"),
        ("2021-07-01", "2021-12-31", "half"),
        ("2020-01-01", "2020-12-31", "year"),
        ("2020-07-01", "2021-06-30", "year"),  # twelve whole months
        ("2021-02-01", "2021-02-27", "days:27"),  # not to the month's end
        ("2020-01-02", "2020-03-31", "days:90"),  # not from the month's start
        ("2020-01-24", "2020-03-31", "days:68"),
        ("2020-01-01", "2020-02-29", "days:60"),  # two months: no kind of its own
        ("2020-01-01", None, None),  # "to date": the report does not say until when
        (None, "2020-12-31", None),
        (None, None, None),
    ],
)
def test_the_kind_of_a_span_comes_from_its_dates(start, end, kind):
    assert span(start, end).kind == kind


def test_a_row_of_periods_csv_gives_its_span():
    assert span_of(pd.Series({"start": "2020-01-01", "end": "2020-03-31"})) == span("2020-01-01", "2020-03-31")
    assert span_of({"start": pd.NA, "end": " "}) == Span(None, None)


Q1_2020, Q1_2021, H1_2021 = span("2020-01-01", "2020-03-31"), span("2021-01-01", "2021-03-31"), span("2021-01-01", "2021-06-30")
END_2019, END_2020 = span("2019-12-31", "2019-12-31"), span("2020-12-31", "2020-12-31")
YTD = span("2020-01-01", None)


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        (Q1_2020, Q1_2021, True),
        (span("2020-04-01", "2020-06-30"), Q1_2021, True),  # any quarter with any quarter
        (END_2019, END_2020, True),
        (span("2020-01-01", "2020-01-10"), span("2021-03-01", "2021-03-10"), True),  # ten days with ten days
        (span("2020-01-01", "2020-01-10"), span("2021-03-01", "2021-03-11"), False),
        (Q1_2021, H1_2021, False),
        (H1_2021, span("2020-01-01", "2020-12-31"), False),
        (END_2020, span("2020-01-01", "2020-12-31"), False),  # a year-end point is not the year
        (YTD, YTD, False),  # an unknown span is compared with nothing, itself included
        (YTD, Q1_2020, False),
    ],
)
def test_only_like_spans_are_alike(a, b, alike):
    assert a.like(b) is alike and b.like(a) is alike


@pytest.mark.parametrize(
    ("start", "end", "before"),
    [
        ("2021-01-01", "2021-03-31", ("2020-01-01", "2020-03-31")),
        ("2021-01-01", "2021-06-30", ("2020-01-01", "2020-06-30")),
        ("2020-12-31", "2020-12-31", ("2019-12-31", "2019-12-31")),
        ("2021-02-01", "2021-02-28", ("2020-02-01", "2020-02-29")),  # to the end of a leap February
        ("2020-02-01", "2020-02-29", ("2019-02-01", "2019-02-28")),  # from one
        ("2021-02-28", "2021-02-28", ("2020-02-29", "2020-02-29")),  # February's last day, a point still
        ("2020-02-29", "2020-02-29", ("2019-02-28", "2019-02-28")),
        ("2020-03-01", "2021-02-28", ("2019-03-01", "2020-02-29")),
        ("2021-01-01", "2021-02-27", ("2020-01-01", "2020-02-27")),
        ("2021-01-01", None, ("2020-01-01", None)),
    ],
)
def test_the_span_a_year_before_keeps_its_kind(start, end, before):
    now = span(start, end)
    assert now.year_before() == span(*before)
    assert now.year_before().kind == now.kind


@pytest.mark.parametrize(
    ("start", "end", "zh", "en"),
    [
        ("2020-01-01", "2020-03-31", "2020年第一季度", "2020 Q1"),
        ("2019-07-01", "2019-09-30", "2019年第三季度", "2019 Q3"),
        ("2020-10-01", "2020-12-31", "2020年第四季度", "2020 Q4"),
        ("2021-01-01", "2021-06-30", "2021年上半年", "H1 2021"),
        ("2020-07-01", "2020-12-31", "2020年下半年", "H2 2020"),
        ("2020-01-01", "2020-12-31", "2020年", "2020"),
        ("2020-02-01", "2020-02-29", "2020年2月", "2/2020"),
        ("2019-12-31", "2019-12-31", "2019年12月31日", "31/12/2019"),
        # no name of their own: not a calendar quarter, half or year, or no kind at all
        ("2021-02-01", "2021-04-30", None, None),
        ("2021-03-01", "2021-08-31", None, None),
        ("2020-07-01", "2021-06-30", None, None),
        ("2020-01-24", "2020-03-31", None, None),
        ("2020-01-01", None, None, None),
    ],
)
def test_a_span_is_named_from_its_dates(start, end, zh, en):
    assert (span_name(span(start, end), "zh"), span_name(span(start, end), "en")) == (zh, en)
