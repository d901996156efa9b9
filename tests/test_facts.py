"""The figures (components/figures/facts.py) on the first report and on it with the later reports added: a metric's
figure in a period, its latest, its history over like periods, the figure before it and the one a year before."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from components.figures.facts import Figures, figures_from_tables
from support import FIRST_REPORT, LATER_REPORTS, csv


def written(name: str, *fixtures) -> pd.DataFrame:
    """A table as the fixtures hold it (text), the first report's rows then each later report's."""
    frames = [csv(FIRST_REPORT / f"{name}.csv")] + [csv(f / f"{name}.csv") for f in fixtures if (f / f"{name}.csv").exists()]
    return pd.concat(frames, ignore_index=True).fillna("")


FACTS = written("facts", *LATER_REPORTS)
SORT_KEY = dict(zip(written("periods", *LATER_REPORTS)["period"], written("periods", *LATER_REPORTS)["sort_key"].astype(int)))


def figures_of(data) -> Figures:
    t = data.tables
    return figures_from_tables(t["facts"], t["periods"], t["units"], t["sources"], t["qualifiers"])


@pytest.fixture(scope="module")
def figures(later):
    return figures_of(later)


def test_every_row_is_a_fact_with_its_value_and_period(figures):
    assert len(figures.facts) == len(FACTS)
    for row in FACTS.to_dict("records"):
        fact = figures.at(row["metric"], row["period"])
        assert fact is not None and fact.period.key == row["period"]
        assert fact.value == Decimal(row["value"]) and fact.as_published == row["as_published"]
        assert fact.report.source_id == row["source_id"] and fact.unit.code == row["unit"]
        assert fact.yoy_pct == (Decimal(row["yoy_pct"]) if row["yoy_pct"] else None)


def test_at_never_gives_another_periods_figure(figures):
    held = set(zip(FACTS["metric"], FACTS["period"]))
    for metric in figures.metrics:
        for period in figures.periods:
            fact = figures.at(metric, period)
            assert (fact is not None) == ((metric, period) in held), (metric, period)
            assert fact is None or (fact.metric, fact.period.key) == (metric, period)


@pytest.mark.parametrize(
    ("metric", "period", "value"),
    [
        ("trade.quarter.total", "2021-Q1", "5.62"),
        ("trade.quarter.import", "2021-Q1", None),  # left out of the second report: not 2020 Q1's nor H1's
        ("trade.quarter.import", "2020-Q1", "0.79"),
        ("poverty.income.per_capita", "2020-end", "9150"),
        ("poverty.income.per_capita", "2020", None),
    ],
)
def test_at_a_period(figures, metric, period, value):
    fact = figures.at(metric, period)
    assert (fact.value if fact else None) == (Decimal(value) if value else None)


def test_latest_is_the_last_period_by_sort_key(figures):
    for metric, rows in FACTS.groupby("metric"):
        last = max(rows["period"], key=SORT_KEY.__getitem__)
        assert figures.latest(metric).period.key == last
        assert figures.at(metric, None) == figures.latest(metric)
        assert [f.period.key for f in figures.of(metric)] == sorted(rows["period"], key=SORT_KEY.__getitem__)
    assert figures.latest("no.such.metric") is None and figures.of("no.such.metric") == []


def test_metrics_in_the_order_facts_csv_first_names_them(figures):
    assert list(figures.metrics) == list(dict.fromkeys(FACTS["metric"]))


@pytest.mark.parametrize(
    ("metric", "period", "history"),
    [
        ("trade.quarter.total", "2021-Q1", ["2020-Q1", "2021-Q1"]),
        ("trade.quarter.total", "2021-H1", ["2021-H1"]),  # no half-year before it; quarters are not its history
        ("trade.quarter.total", None, ["2021-H1"]),  # the latest figure's
        ("poverty.income.per_capita", "2020-end", ["2019-end", "2020-end"]),  # year-end points, not the year 2016
        ("poverty.income.per_capita", "2016", ["2016"]),
        ("investment.pipeline.signed.investment", "fixture-2021-ytd", []),  # "to date": compared with nothing
    ],
)
def test_history_holds_only_like_spans(figures, metric, period, history):
    fact = figures.at(metric, period)
    assert [f.period.key for f in figures.history(metric, fact)] == history


def test_every_history_is_of_like_spans_in_order(figures):
    for fact in figures.facts:
        found = figures.history(fact.metric, fact)
        assert all(f.period.span.like(fact.period.span) for f in found)
        assert [f.period.sort_key for f in found] == sorted(f.period.sort_key for f in found)
        like = [f for f in figures.of(fact.metric) if f.period.span.like(fact.period.span)]
        assert found == like


@pytest.mark.parametrize(
    ("metric", "period", "previous", "year_before"),
    [
        ("trade.quarter.total", "2021-Q1", "2020-Q1", "2020-Q1"),  # the published 2020 Q1, from the first report
        ("trade.quarter.export", "2021-Q1", "2020-Q1", "2020-Q1"),
        ("trade.quarter.total", "2020-Q1", None, None),
        ("trade.quarter.total", "2021-H1", None, None),  # no 2020 H1 published, and a quarter will not do
        ("poverty.income.per_capita", "2020-end", "2019-end", "2019-end"),
        ("poverty.income.per_capita", "2019-end", None, None),  # 2016 is a year, not a year-end
        ("poverty.income.per_capita", "2021-H1", None, None),
        ("investment.pipeline.new_start.projects", "fixture-2021-ytd", None, None),
    ],
)
def test_previous_and_year_before(figures, metric, period, previous, year_before):
    fact = figures.at(metric, period)
    found = figures.previous(fact), figures.year_before(fact)
    assert tuple(f.period.key if f else None for f in found) == (previous, year_before)


def test_previous_is_always_earlier_and_alike(figures):
    for fact in figures.facts:
        before = figures.previous(fact)
        if before is not None:
            assert before.metric == fact.metric and before.period.sort_key < fact.period.sort_key
            assert before.period.span.like(fact.period.span)


def test_where_a_topic_group_and_period(figures):
    quarter = figures.where(topic="trade", group="quarter", period="2021-Q1")
    assert [f.metric for f in quarter] == ["trade.quarter.total", "trade.quarter.export"]
    assert all(f.period.key == "2021-Q1" for f in quarter)
    latest = figures.where(topic="trade", group="quarter")
    assert [(f.metric, f.period.key) for f in latest] == [
        ("trade.quarter.total", "2021-H1"),
        ("trade.quarter.export", "2021-H1"),
        ("trade.quarter.import", "2021-H1"),
    ]
    economy = {f.metric for f in figures.where(topic="economy")}
    assert economy == set(FACTS.loc[FACTS["topic"] == "economy", "metric"])


def test_the_first_report_alone(first):
    figures = figures_of(first)
    only = csv(FIRST_REPORT / "facts.csv")
    assert len(figures.facts) == len(only)
    q1 = figures.at("trade.quarter.total", "2020-Q1")
    assert figures.year_before(q1) is None and figures.previous(q1) is None
    assert figures.at("trade.quarter.total", "2021-Q1") is None


def test_a_fact_says_what_it_is(figures):
    negotiating = figures.at("investment.pipeline.negotiating.investment", "2020-ytd")
    assert (negotiating.kind, negotiating.firm) == ("lower_bound", False)
    assert negotiating.text("zh") == "300多亿元" and negotiating.text("en") == "CNY 30 bn+"
    assert negotiating.qualifier_text("en") == "lower bound: more than this"
    target = figures.at("investment.pipeline.signed.investment", "2021")
    assert (target.kind, target.status.code, target.firm) == ("lower_bound", "target", False)
    exact = figures.at("trade.quarter.total", "2020-Q1")
    assert (exact.kind, exact.firm, exact.qualifier, exact.qualifier_text("en")) == ("exact", True, None, "")
    assert exact.label("en") == "Total imports and exports" and exact.label("zh") == "进出口总值"


def test_periods_of_facts_are_each_once_oldest_first(figures):
    facts = figures.of("trade.quarter.total") + figures.of("trade.quarter.export")
    assert [p.key for p in figures.periods_of(facts)] == ["2020-Q1", "2021-Q1", "2021-H1"]
