"""components/figures/facts.py: the facts view, one period at a time, the previous period, and exact changes."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from components.figures.facts import (
    at_period,
    change,
    facts_view,
    latest,
    latest_period,
    period_label,
    periods_with_history,
    previous,
)
from support import csv


def frame(rows: list[tuple]) -> pd.DataFrame:
    """A hand-made view: (metric, period, sort_key, value[, unit]) per row, labels made from the period id."""
    records = [
        {
            "metric": r[0],
            "period": r[1],
            "sort_key": r[2],
            "value": r[3],
            "unit": r[4] if len(r) > 4 else "亿元",
            "qualifier": "exact",
            "period_zh": f"{r[1]}期",
            "period_en": f"period {r[1]}",
        }
        for r in rows
    ]
    out = pd.DataFrame(records)
    out["sort_key"] = out["sort_key"].astype("Int64")
    return out


# Rows deliberately not in period order: the functions must order by sort_key, not by position.
HISTORY = frame([("a", "p2", 20, 2.0), ("a", "p3", 30, 3.0), ("a", "p1", 10, 1.0), ("b", "p1", 10, 7.0)])


# facts_view


def test_the_view_has_one_row_per_fact_with_its_period_labels_and_order(view):
    facts, periods = csv("facts"), csv("periods").set_index("period")
    assert len(view) == len(facts)
    assert set(zip(view["metric"], view["period"])) == set(zip(facts["metric"], facts["period"]))
    for row in view.to_dict("records"):
        assert row["period_zh"] == periods.loc[row["period"], "label_zh"]
        assert row["period_en"] == periods.loc[row["period"], "label_en"]
        assert row["sort_key"] == int(periods.loc[row["period"], "sort_key"])


def test_the_view_is_ordered_by_metric_then_period(view):
    shipped = csv("facts")
    keys = csv("periods").set_index("period")["sort_key"].astype(int)
    expected = sorted(zip(shipped["metric"], shipped["period"]), key=lambda mp: (mp[0], keys[mp[1]]))
    assert list(zip(view["metric"], view["period"])) == expected


def test_base_value_is_the_value_times_its_units_factor(view):
    units = csv("units").set_index("unit")
    for row in view.to_dict("records"):
        unit = units.loc[row["unit"]]
        assert row["quantity"] == unit["quantity"]
        expected = Decimal(repr(row["value"])) * Decimal(unit["factor"])
        assert row["base_value"] == pytest.approx(float(expected), rel=1e-12)


def test_facts_view_of_small_tables_joins_each_row_to_its_own_period_unit_and_source():
    facts = pd.DataFrame(
        {
            "metric": ["m.b", "m.a", "m.a"],
            "period": ["y1", "y2", "y1"],
            "value": [5.5, 3.0, 2.0],
            "unit": ["万人", "亿元", "亿元"],
            "source_id": ["s2", "s1", "s1"],
        }
    )
    periods = pd.DataFrame({"period": ["y1", "y2"], "label_zh": ["一年", "二年"], "label_en": ["Y1", "Y2"], "sort_key": [2, 1]})
    units = pd.DataFrame({"unit": ["万人", "亿元"], "quantity": ["people", "money_cny"], "factor": [10_000.0, 1e8]})
    sources = pd.DataFrame(
        [
            {
                "source_id": s,
                "title_zh": f"标题{s}",
                "title_en": f"Title {s}",
                "publisher_zh": f"报社{s}",
                "publisher_en": f"Paper {s}",
                "reporters_zh": "甲",
                "reporters_en": "A",
                "correspondents_zh": "乙",
                "correspondents_en": "B",
                "date_note_zh": "日",
                "date_note_en": "D",
            }
            for s in ("s1", "s2")
        ]
    )
    out = facts_view(facts, periods, units, sources)
    # ordered by metric, then by the periods' sort_key (y2 comes before y1 here)
    assert list(zip(out["metric"], out["period"])) == [("m.a", "y2"), ("m.a", "y1"), ("m.b", "y1")]
    assert out["period_zh"].tolist() == ["二年", "一年", "一年"]
    assert out["quantity"].tolist() == ["money_cny", "money_cny", "people"]
    assert out["base_value"].tolist() == [3e8, 2e8, 55_000.0]
    assert "报社s2" in out.loc[2, "citation_zh"] and "Title s2" in out.loc[2, "citation_en"]
    assert "报社s1" in out.loc[0, "citation_zh"] and "s2" not in out.loc[0, "citation_zh"]


def test_ten_thousand_people_become_people_in_the_base_value(view):
    row = view[view["unit"] == "万人"].iloc[0]
    assert row["base_value"] == pytest.approx(row["value"] * 10_000)


def test_every_fact_carries_its_sources_citation_in_both_languages(view):
    sources = csv("sources").set_index("source_id")
    for row in view.to_dict("records"):
        source = sources.loc[row["source_id"]]
        assert source["publisher_zh"] in row["citation_zh"] and source["title_zh"] in row["citation_zh"]
        assert source["publisher_en"] in row["citation_en"] and source["title_en"] in row["citation_en"]


# at_period, latest_period, latest


def test_at_period_defaults_to_the_latest_period_only():
    rows = at_period(HISTORY[HISTORY["metric"] == "a"])
    assert rows["period"].tolist() == ["p3"]


def test_at_period_gives_exactly_the_chosen_period():
    assert sorted(at_period(HISTORY, "p1")["metric"]) == ["a", "b"]
    assert set(at_period(HISTORY, "p1")["period"]) == {"p1"}


def test_at_period_of_rows_with_different_latest_periods_is_never_a_mix():
    # metric b's latest is p1 but the rows' latest is p3: only p3 rows, not each metric's own latest
    rows = at_period(HISTORY)
    assert set(rows["period"]) == {"p3"}
    assert rows["metric"].tolist() == ["a"]


def test_at_period_of_a_period_the_rows_lack_is_empty():
    assert at_period(HISTORY, "p9").empty


def test_at_period_of_the_shipped_view_never_mixes_periods(view):
    for period in csv("periods")["period"]:
        assert set(at_period(view, period)["period"]) <= {period}
    assert at_period(view)["period"].nunique() == 1


def test_latest_period_is_the_one_with_the_highest_sort_key():
    assert latest_period(HISTORY) == "p3"
    assert latest_period(HISTORY.iloc[0:0]) is None


def test_latest_gives_each_metric_its_own_latest_row():
    rows = latest(HISTORY)
    assert dict(zip(rows["metric"], rows["period"])) == {"a": "p3", "b": "p1"}
    assert len(rows) == 2


def test_latest_of_the_shipped_view_is_each_metrics_last_period(view):
    facts = csv("facts")
    keys = csv("periods").set_index("period")["sort_key"].astype(int)
    facts = facts.assign(key=facts["period"].map(keys))
    expected = {m: g.loc[g["key"].idxmax(), "period"] for m, g in facts.groupby("metric")}
    rows = latest(view)
    assert dict(zip(rows["metric"], rows["period"])) == expected


# previous, fact


def test_previous_is_the_period_just_before():
    assert previous(HISTORY, "a", "p3")["period"] == "p2"
    assert previous(HISTORY, "a", "p2")["period"] == "p1"


def test_the_first_period_and_an_unknown_one_have_no_previous():
    assert previous(HISTORY, "a", "p1") is None
    assert previous(HISTORY, "b", "p1") is None
    assert previous(HISTORY, "a", "p9") is None


def test_previous_in_the_shipped_data_links_2019_to_2016(view):
    before = previous(view, "poverty.income.per_capita", "2019-end")
    assert before["period"] == "2016"
    assert before["value"] == float(
        csv("facts").query("metric == 'poverty.income.per_capita' and period == '2016'")["value"].iloc[0]
    )


def test_periods_with_history_are_those_of_metrics_with_several_periods_oldest_first(view):
    facts = csv("facts")
    keys = csv("periods").set_index("period")["sort_key"].astype(int)
    multi = facts.groupby("metric")["period"].transform("nunique") > 1
    expected = sorted(set(facts.loc[multi, "period"]), key=keys.get)
    assert periods_with_history(view) == expected
    assert periods_with_history(HISTORY) == ["p1", "p2", "p3"]


def test_a_view_of_single_period_metrics_offers_no_period_choice():
    assert periods_with_history(frame([("a", "p1", 10, 1.0), ("b", "p2", 20, 2.0)])) == []


def test_period_label_is_in_the_readers_language_or_the_id(view):
    periods = csv("periods").set_index("period")
    assert period_label(view, "2020-Q1", "zh") == periods.loc["2020-Q1", "label_zh"]
    assert period_label(view, "2020-Q1", "en") == periods.loc["2020-Q1", "label_en"]
    assert period_label(view, "2031-Q9", "en") == "2031-Q9"


# change


def test_change_is_exact_in_decimals():
    now, before = pd.Series({"value": 4.87}), pd.Series({"value": 4.08})
    absolute, percent = change(now, before)
    assert absolute == Decimal("0.79")  # a float subtraction would give 0.79000000000000004
    assert percent == (Decimal("4.87") / Decimal("4.08") - 1) * 100


def test_change_of_the_shipped_income_figures(view):
    rows = csv("facts").query("metric == 'poverty.income.per_capita'").set_index("period")["value"].map(Decimal)
    income = view[view["metric"] == "poverty.income.per_capita"]
    absolute, percent = change(at_period(income, "2019-end").iloc[0], at_period(income, "2016").iloc[0])
    assert absolute == rows["2019-end"] - rows["2016"]
    assert percent == (rows["2019-end"] / rows["2016"] - 1) * 100


def test_change_from_zero_has_no_percent():
    absolute, percent = change(pd.Series({"value": 5.0}), pd.Series({"value": 0.0}))
    assert absolute == 5 and percent is None


def test_change_between_periods_published_in_different_units_is_in_the_rows_unit():
    now = pd.Series({"value": 0.782, "unit": "万元", "factor": 10_000.0, "base_value": 7820.0})
    before = pd.Series({"value": 3200.0, "unit": "元", "factor": 1.0, "base_value": 3200.0})
    absolute, percent = change(now, before)
    assert absolute == Decimal("0.462")  # 7820元 - 3200元 = 4620元 = 0.462万元
    assert percent == (Decimal(7820) / Decimal(3200) - 1) * 100
