"""components/figures/derived.py: qualifiers of sums, totals, ratios, the one-period pipeline, stage shares and growth."""

from __future__ import annotations

import math
from decimal import Decimal

import pandas as pd
import pytest

from components.figures.derived import (
    STAGE_ORDER,
    cagr_pct,
    combine_qualifiers,
    growth_pct,
    implied_prior,
    period_year,
    pipeline,
    ratio,
    stage_shares,
    total,
    trade_balance,
)
from support import csv


def shipped(metric: str, period: str | None = None) -> pd.Series:
    """A facts.csv row as written (all text)."""
    rows = csv("facts")
    rows = rows[rows["metric"] == metric]
    return (rows[rows["period"] == period] if period else rows).iloc[0]


def pipeline_csv() -> pd.DataFrame:
    rows = csv("facts")
    return rows[(rows["topic"] == "investment") & (rows["group"] == "pipeline")]


# combine_qualifiers, total, ratio


@pytest.mark.parametrize(
    "qualifiers, expected",
    [
        (("exact", "exact"), "exact"),
        (("exact", "at_least"), "at_least"),
        (("expected", "exact"), "expected"),
        (("expected", "at_least", "exact"), "at_least"),  # a lower bound wins over a forecast
        ((), "exact"),
    ],
)
def test_a_sum_is_a_lower_bound_if_any_part_is_and_a_forecast_stays_one(qualifiers, expected):
    assert combine_qualifiers(*qualifiers) == expected


def test_total_adds_exact_decimals_of_one_unit():
    rows = pd.DataFrame({"value": [4.08, 0.79], "unit": ["亿元", "亿元"], "qualifier": ["exact", "exact"]})
    assert total(rows) == (Decimal("4.87"), "exact")


def test_total_of_the_shipped_pipeline_investment_is_a_lower_bound(view):
    rows = view[(view["group"] == "pipeline") & (view["item"] == "investment")]
    expected = sum(Decimal(v) for v in pipeline_csv().query("item == 'investment'")["value"])
    assert total(rows) == (expected, "at_least")  # the negotiating stage's 300多亿元


def test_total_refuses_figures_of_different_units():
    rows = pd.DataFrame({"value": [1.0, 2.0], "unit": ["亿元", "万元"], "qualifier": ["exact", "exact"]})
    with pytest.raises(ValueError, match="units"):
        total(rows)


def test_ratio_of_exact_parts_is_exact():
    assert ratio(Decimal(240), Decimal(32), "exact", "exact") == (Decimal("7.5"), "exact")


@pytest.mark.parametrize(
    "num_q, den_q, den", [("at_least", "exact", 5), ("exact", "at_least", 5), ("expected", "exact", 5), ("exact", "exact", 0)]
)
def test_ratio_is_undefined_for_bounds_forecasts_and_a_zero_denominator(num_q, den_q, den):
    assert ratio(Decimal(10), Decimal(den), num_q, den_q) == (None, "undefined")


# pipeline


def test_the_pipeline_has_every_stage_in_order_with_the_stored_figures(view):
    stages = pipeline(view)  # the whole view: rows other than the pipeline's are ignored
    assert stages["stage"].tolist() == STAGE_ORDER
    expected = pipeline_csv().set_index(["stage", "item"])
    for row in stages.to_dict("records"):
        for item in ("projects", "investment"):
            assert Decimal(repr(row[item])) == Decimal(expected.loc[(row["stage"], item), "value"])
            assert row[f"{item}_qualifier"] == expected.loc[(row["stage"], item), "qualifier"]
            assert row[f"{item}_metric"] == expected.loc[(row["stage"], item), "metric"]


def test_the_average_per_project_is_investment_over_projects_and_undefined_for_lower_bounds(view):
    stages = pipeline(view).set_index("stage")
    expected = pipeline_csv().set_index(["stage", "item"])
    for stage in STAGE_ORDER:
        projects, investment = (expected.loc[(stage, item)] for item in ("projects", "investment"))
        average = stages.loc[stage, "average_investment"]
        if "at_least" in (projects["qualifier"], investment["qualifier"]):
            assert math.isnan(average), stage
        else:
            assert average == pytest.approx(float(Decimal(investment["value"]) / Decimal(projects["value"])))
    assert math.isnan(stages.loc["negotiating", "average_investment"])  # 300多亿元 over 50多个


def test_a_pipeline_of_two_periods_is_refused(view):
    rows = view[view["group"] == "pipeline"]
    other = rows.assign(period="2021", sort_key=999)
    with pytest.raises(ValueError, match="one period"):
        pipeline(pd.concat([rows, other], ignore_index=True))


def test_a_stage_lacking_one_of_its_two_figures_keeps_the_other_and_has_no_average(view):
    rows = view[view["metric"] != "investment.pipeline.signed.projects"]
    stages = pipeline(rows).set_index("stage")
    assert stages.index.tolist() == list(STAGE_ORDER)
    signed = stages.loc["signed"]
    expected = float(csv("facts").set_index("metric").loc["investment.pipeline.signed.investment", "value"])
    assert signed["investment"] == expected and signed["investment_metric"] == "investment.pipeline.signed.investment"
    assert pd.isna(signed["projects"]) and pd.isna(signed["projects_metric"])
    assert pd.isna(signed["average_investment"])


# stage_shares


def hand_pipeline() -> pd.DataFrame:
    return pd.DataFrame(
        {"stage": ["signed", "negotiating"], "investment": [200.0, 300.0], "investment_qualifier": ["exact", "at_least"]}
    )


def test_a_share_is_the_amount_over_its_stage_total():
    projects = pd.DataFrame({"project_id": ["p"], "stage": ["signed"], "amount": pd.array([50.0], dtype="Float64")})
    shares = stage_shares(projects, hand_pipeline())
    assert shares.loc[0, "share_pct"] == pytest.approx(25.0)
    assert shares.loc[0, "share_qualifier"] == "exact"


def test_a_share_of_a_lower_bound_total_is_an_upper_bound():
    projects = pd.DataFrame({"project_id": ["p"], "stage": ["negotiating"], "amount": pd.array([30.0], dtype="Float64")})
    shares = stage_shares(projects, hand_pipeline())
    assert shares.loc[0, "share_pct"] == pytest.approx(10.0)
    assert shares.loc[0, "share_qualifier"] == "at_most"


def test_a_project_without_an_amount_has_no_share():
    projects = pd.DataFrame(
        {"project_id": ["p", "q"], "stage": ["signed", "negotiating"], "amount": pd.array([None, None], dtype="Float64")}
    )
    shares = stage_shares(projects, hand_pipeline())
    assert shares["share_pct"].isna().all()
    assert shares["share_qualifier"].tolist() == ["undefined", "undefined"]


def test_stage_shares_of_the_shipped_projects(data, view):
    projects = data.table("projects")
    shares = stage_shares(projects, pipeline(view))
    totals = pipeline_csv().query("item == 'investment'").set_index("stage")
    for row, written in zip(shares.to_dict("records"), csv("projects").to_dict("records")):
        if written["amount"] == "":
            assert row["share_qualifier"] == "undefined"
            continue
        stage_total = totals.loc[written["stage"]]
        assert row["share_pct"] == pytest.approx(float(Decimal(written["amount"]) / Decimal(stage_total["value"]) * 100))
        assert row["share_qualifier"] == ("at_most" if stage_total["qualifier"] == "at_least" else "exact")


def test_a_project_of_a_stage_without_a_total_has_no_share():
    projects = pd.DataFrame({"project_id": ["p"], "stage": ["new_start"], "amount": pd.array([5.0], dtype="Float64")})
    shares = stage_shares(projects, hand_pipeline())
    assert shares.loc[0, "share_qualifier"] == "undefined"


def test_a_share_of_a_lower_bound_amount_is_not_exact():
    projects = pd.DataFrame(
        {"project_id": ["p"], "stage": ["signed"], "amount": pd.array([10.0], dtype="Float64"), "qualifier": ["at_least"]}
    )
    shares = stage_shares(projects, hand_pipeline())
    assert shares.loc[0, "share_qualifier"] != "exact"


# implied_prior, trade_balance, share_pct, growth_pct, cagr_pct, period_year


def test_the_implied_prior_value_grown_by_its_rate_is_the_published_value():
    row = shipped("trade.quarter.total")
    value, yoy = Decimal(row["value"]), Decimal(row["yoy_pct"])
    prior = implied_prior(float(row["value"]), float(row["yoy_pct"]))
    assert prior == value / (1 + yoy / 100)
    assert (prior * (1 + yoy / 100)).quantize(Decimal("0.000001")) == value


def test_trade_balance_is_exports_less_imports_exactly():
    export, import_ = shipped("trade.quarter.export")["value"], shipped("trade.quarter.import")["value"]
    assert trade_balance(float(export), float(import_)) == Decimal(export) - Decimal(import_)


def test_growth_pct_of_the_income_from_2016_to_2019():
    before, after = (
        shipped("poverty.income.per_capita", "2016")["value"],
        shipped("poverty.income.per_capita", "2019-end")["value"],
    )
    assert growth_pct(float(before), float(after)) == (Decimal(after) / Decimal(before) - 1) * 100


@pytest.mark.parametrize("before, after, years", [(3200, 7820, 3), (100, 100, 5), (50, 25, 2), (4.08, 4.87, 1)])
def test_cagr_compounded_over_its_years_gives_the_later_value(before, after, years):
    rate = cagr_pct(before, after, years)
    assert float(before) * (1 + float(rate) / 100) ** years == pytest.approx(float(after), rel=1e-12)


def test_cagr_over_one_year_is_plain_growth():
    assert float(cagr_pct(4.08, 4.87, 1)) == pytest.approx(float(growth_pct(4.08, 4.87)), rel=1e-12)


@pytest.mark.parametrize("years", [0, -1])
def test_cagr_needs_at_least_one_year(years):
    with pytest.raises(ValueError):
        cagr_pct(1, 2, years)


@pytest.mark.parametrize(
    "period, year",
    [("2016", 2016), ("2019-end", 2019), ("2020-Q1", 2020), ("as-of-report", None), ("unstated", None), ("", None), (None, None)],
)
def test_period_year_is_the_year_a_period_id_starts_with(period, year):
    assert period_year(period) == year
