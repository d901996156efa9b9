"""Derived figures (components/figures/derived.py) on the fixtures: changes only between firm figures of like periods,
ratios refused for bounds, a total's kind, implied prior values, whole years apart and compound growth."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from components.figures import derived
from components.figures.facts import Figures, Period, figures_from_tables
from components.figures.periods import Span


@pytest.fixture(scope="module")
def figures(later) -> Figures:
    t = later.tables
    return figures_from_tables(t["facts"], t["periods"], t["units"], t["sources"], t["qualifiers"])


def at(figures: Figures, metric: str, period: str):
    found = figures.at(metric, period)
    assert found is not None, (metric, period)
    return found


@pytest.mark.parametrize(
    ("now", "before", "comparable"),
    [
        (("trade.quarter.total", "2021-Q1"), ("trade.quarter.total", "2020-Q1"), True),
        (("poverty.income.per_capita", "2020-end"), ("poverty.income.per_capita", "2019-end"), True),
        (("trade.quarter.total", "2021-H1"), ("trade.quarter.total", "2021-Q1"), False),  # a half and a quarter
        (("poverty.income.per_capita", "2019-end"), ("poverty.income.per_capita", "2016"), False),  # a point and a year
        (
            ("investment.pipeline.signed.investment", "fixture-2021-ytd"),
            ("investment.pipeline.signed.investment", "2020-ytd"),
            False,
        ),
        (("talent.people.expert_visits", "2021-H1"), ("trade.quarter.total", "2021-H1"), False),  # 百余: a lower bound
        (("investment.pipeline.signed.investment", "2021"), ("investment.pipeline.signed.investment", "2021"), False),  # target
        (("trade.fdi.utilised", "cumulative"), ("trade.quarter.total", "2020-Q1"), False),
        (("trade.quarter.total", "2021-H1"), ("poverty.income.per_capita", "2021-H1"), True),  # both money, like periods
        (("talent.people.postgraduates", "2021-H1"), ("trade.quarter.total", "2021-H1"), False),  # people and money
    ],
)
def test_a_change_only_between_firm_figures_of_like_periods(figures, now, before, comparable):
    assert derived.comparable(at(figures, *now), at(figures, *before)) is comparable


def test_the_change_from_the_published_year_before(figures):
    now, before = at(figures, "trade.quarter.total", "2021-Q1"), at(figures, "trade.quarter.total", "2020-Q1")
    absolute, pct = derived.change(now, before)
    assert absolute == Decimal("5.62") - Decimal("4.87")
    assert pct == (Decimal("5.62") / Decimal("4.87") - 1) * 100
    assert round(pct, 1) == now.yoy_pct  # and agrees with the growth the report gives


def test_a_change_is_in_the_later_figures_unit(figures):
    """3000多万元 is no firm figure, so the units are tried on a made-up pair: 0.36亿元 now, 3000万元 before."""
    before = at(figures, "poverty.income.per_capita", "2019-end")
    now = replace(before, value=Decimal("0.36"), unit=figures.units["亿元"])
    before = replace(before, value=Decimal("3000"), unit=figures.units["万元"])
    assert derived.change(now, before) == (Decimal("0.06"), Decimal(20))
    assert derived.change(replace(now, value=Decimal(1)), replace(before, value=Decimal(0)))[1] is None


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (("trade.quarter.export", "2020-Q1"), ("trade.quarter.total", "2020-Q1"), Decimal("4.08") / Decimal("4.87")),
        (("economy.revenue.tax", "2021-H1"), ("economy.revenue.general_budget", "2021-H1"), Decimal("6.95") / Decimal("8.62")),
        (("trade.quarter.export", "2021-Q1"), ("trade.quarter.total", "2020-Q1"), None),  # two periods
        (("talent.people.postgraduates", "2021-H1"), ("talent.people.all_talent", "2021-H1"), None),  # 近2000: a bound
        (("investment.pipeline.negotiating.investment", "2020-ytd"), ("investment.pipeline.signed.investment", "2020-ytd"), None),
        (("investment.pipeline.signed.projects", "2020-ytd"), ("investment.pipeline.signed.investment", "2020-ytd"), None),
    ],
)
def test_a_ratio_only_of_firm_figures_of_one_period(figures, numerator, denominator, expected):
    assert derived.ratio(at(figures, *numerator), at(figures, *denominator)) == expected


def test_a_ratio_over_nothing_is_not_stated(figures):
    total = at(figures, "trade.quarter.total", "2020-Q1")
    assert derived.ratio(total, replace(total, value=Decimal(0))) is None


@pytest.mark.parametrize(
    ("metrics", "period", "value", "kind"),
    [
        (("trade.quarter.export", "trade.quarter.import"), "2020-Q1", Decimal("4.87"), "exact"),
        (
            ("investment.pipeline.negotiating.projects", "investment.pipeline.signed.projects"),
            "2020-ytd",
            Decimal(50 + 32),
            "lower_bound",  # 50多 + 32 = 82多
        ),
        (
            ("investment.pipeline.signed.investment", "investment.pipeline.new_start.investment"),
            "heze-devzone-2021-h1-ytd",
            Decimal(260 + 186),
            "approximate",  # 约260 + 186
        ),
        (("talent.people.all_talent", "talent.people.postgraduates"), "2021-H1", Decimal(2000 + 216), "just_below"),
    ],
)
def test_a_total_and_its_kind(figures, metrics, period, value, kind):
    assert derived.total(at(figures, m, period) for m in metrics) == (value, kind)


def test_a_total_converts_to_the_first_unit(figures):
    income = at(figures, "poverty.income.per_capita", "2021-H1")  # 4300元
    relief = replace(income, value=Decimal("0.5"), unit=figures.units["万元"])
    assert derived.total([income, relief]) == (Decimal(4300 + 5000), "exact")


@pytest.mark.parametrize(
    ("facts", "refused"),
    [
        ((("trade.quarter.total", "2020-Q1"), ("trade.quarter.total", "2021-Q1")), "one period"),
        ((("talent.people.postgraduates", "2021-H1"), ("trade.quarter.total", "2021-H1")), "one quantity"),
        ((("investment.pipeline.signed.investment", "2021"), ("investment.pipeline.signed.investment", "2021")), "not added"),
    ],
)
def test_a_total_of_unlike_figures_is_refused(figures, facts, refused):
    with pytest.raises(ValueError, match=refused):
        derived.total(at(figures, *f) for f in facts)


def test_the_prior_a_growth_rate_implies(figures):
    now = at(figures, "trade.quarter.total", "2021-Q1")
    prior = derived.implied_prior(now.value, now.yoy_pct)
    assert prior == Decimal("5.62") / Decimal("1.154")
    assert abs(prior - at(figures, "trade.quarter.total", "2020-Q1").value) < Decimal("0.01")  # the published 4.87
    assert derived.implied_prior(96, -4) == 100


def period(key: str, start: str | None, end: str | None, sort_key: int = 0) -> Period:
    return Period(
        key, key, key, Span(date.fromisoformat(start) if start else None, date.fromisoformat(end) if end else None), sort_key
    )


@pytest.mark.parametrize(
    ("before", "after", "years"),
    [
        (("2019-12-31", "2019-12-31"), ("2020-12-31", "2020-12-31"), 1),
        (("2016-01-01", "2016-12-31"), ("2019-01-01", "2019-12-31"), 3),
        (("2020-01-01", "2020-03-31"), ("2021-01-01", "2021-03-31"), 1),
        (("2020-01-01", "2020-03-31"), ("2021-04-01", "2021-06-30"), None),  # Q1 and Q2: not whole years
        (("2016-01-01", "2016-12-31"), ("2019-12-31", "2019-12-31"), None),  # a year and a point
        (("2021-01-01", "2021-03-31"), ("2020-01-01", "2020-03-31"), None),  # backwards
        (("2020-01-01", "2020-03-31"), ("2020-01-01", "2020-03-31"), None),
        (("2020-01-01", None), ("2021-01-01", None), None),
    ],
)
def test_whole_years_apart(figures, before, after, years):
    fact = at(figures, "poverty.income.per_capita", "2016")
    first, last = replace(fact, period=period("a", *before)), replace(fact, period=period("b", *after))
    assert derived.years_apart(first, last) == years


def test_compound_annual_growth():
    growth = derived.cagr_pct(3200, 7820, 3)
    assert math.isclose(float(growth), ((7820 / 3200) ** (1 / 3) - 1) * 100, rel_tol=1e-12)
    assert derived.cagr_pct(100, 121, 2) == pytest.approx(Decimal(10))
    assert derived.cagr_pct(100, 90, 1) == pytest.approx(Decimal(-10))
    with pytest.raises(ValueError):
        derived.cagr_pct(100, 121, 0)
    assert derived.growth_pct(4.87, 5.62) == (Decimal("5.62") / Decimal("4.87") - 1) * 100
