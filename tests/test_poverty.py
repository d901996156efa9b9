"""components/poverty.py: income points and their derived growth and CAGR, money on one scale, people reached
(people and person-times apart), programmes by theme in the report's order."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from components.blocks import sentences
from components.data.loader import read_dataset
from components.figures.facts import facts_view
from components.figures.formatting import units_from_table
from components.topics.items import items_of
from components.topics.poverty import build as poverty
from support import DATA, typed_csv

# values and factors as written, so that expectations are exact decimals
AS_WRITTEN = {"value": str, "factor": str}


@pytest.fixture(scope="module")
def data():
    ds = read_dataset(DATA)
    view = facts_view(ds.table("facts"), ds.table("periods"), ds.table("units"), ds.table("sources"))
    return view, units_from_table(ds.table("units")), items_of(ds), ds.source_texts


def poverty_facts() -> pd.DataFrame:
    facts = typed_csv("facts", dtype=AS_WRITTEN)
    return facts[facts["topic"] == "poverty"]


def factor(unit: str) -> Decimal:
    return Decimal(typed_csv("units", dtype=AS_WRITTEN).set_index("unit").loc[unit, "factor"])


def income_rows() -> pd.DataFrame:
    periods = typed_csv("periods", dtype=AS_WRITTEN).set_index("period")
    rows = poverty_facts()[poverty_facts()["metric"] == poverty.INCOME_METRIC]
    return rows.assign(order=rows["period"].map(periods["sort_key"].astype(int))).sort_values("order")


def test_income_frame_has_every_published_point_oldest_first(data):
    view, units, _, _ = data
    frame = poverty.income_frame(view, units, "zh")
    rows = income_rows()
    assert frame["period"].tolist() == rows["period"].tolist()
    assert frame["value"].tolist() == rows["value"].astype(float).tolist()
    assert frame["year"].tolist() == [int(p[:4]) for p in rows["period"]]


def test_growth_and_cagr_are_derived_from_the_first_and_last_points(data):
    view, _, _, _ = data
    rows = income_rows()
    before, after = Decimal(rows["value"].iloc[0]), Decimal(rows["value"].iloc[-1])
    years = int(rows["period"].iloc[-1][:4]) - int(rows["period"].iloc[0][:4])
    growth = poverty.income_growth(view)
    assert growth.years == years
    assert growth.growth_pct == (after / before - 1) * 100
    assert float(growth.cagr_pct) == pytest.approx((float(after / before) ** (1 / years) - 1) * 100, rel=1e-9)
    # compounding the rate for the years gives back the later value
    assert float(before) * (1 + float(growth.cagr_pct) / 100) ** years == pytest.approx(float(after))


def test_money_frame_converts_every_amount_to_one_scale_and_keeps_lower_bounds(data):
    view, units, _, _ = data
    frame = poverty.money_frame(view, units, "zh").set_index("metric")
    rows = poverty_facts()
    quantities = typed_csv("units", dtype=AS_WRITTEN).set_index("unit")["quantity"]
    rows = rows[rows["unit"].map(quantities).eq("money_cny") & (rows["metric"] != poverty.INCOME_METRIC)].set_index("metric")
    assert sorted(frame.index) == sorted(rows.index) and len(rows) >= 3
    target = factor(poverty.MONEY_UNIT)
    for metric, row in rows.iterrows():
        assert frame.loc[metric, "value"] == float(Decimal(row["value"]) * factor(row["unit"]) / target)
        assert frame.loc[metric, "qualifier"] == row["qualifier"]
        assert row["value"].rstrip("0").rstrip(".") in frame.loc[metric, "value_text"].replace(",", ""), "as published"
    assert (frame["plot_unit"] == poverty.MONEY_UNIT).all()
    assert "at_least" in set(frame["qualifier"]), "the lower bound (3000多万元) stays a lower bound"


def test_money_frame_follows_the_theme_choice(data):
    view, units, _, _ = data
    frame = poverty.money_frame(view, units, "en", ["education"])
    expected = poverty_facts()
    assert (
        frame["metric"].tolist()
        == expected.loc[(expected["group"] == "education") & expected["unit"].isin(["亿元", "万元"]), "metric"].tolist()
    )
    assert poverty.money_frame(view, units, "en", ["industry"]).empty


def test_reach_frame_counts_people_on_their_base_scale_and_leaves_out_cadres(data):
    view, units, _, _ = data
    frame = poverty.reach_frame(view, units, "zh").set_index("metric")
    unit_table = typed_csv("units", dtype=AS_WRITTEN).set_index("unit")
    rows = poverty_facts()
    rows = rows[rows["unit"].map(unit_table["quantity"]).isin(["people", "person_times"])].set_index("metric")
    assert set(frame.index) == set(rows.index[rows["group"] != "party_building"])
    for metric in frame.index:
        row = rows.loc[metric]
        assert frame.loc[metric, "quantity"] == unit_table.loc[row["unit"], "quantity"]
        assert frame.loc[metric, "value"] == float(Decimal(row["value"]) * factor(row["unit"]))
    assert {"people", "person_times"} == set(frame["quantity"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_programme_cards_hold_every_figure_and_named_thing_of_the_chosen_themes(data, lang):
    view, units, items, reports = data
    cards = poverty.programme_cards(view, items, units, lang, None, reports).set_index("theme")
    facts = poverty_facts()
    for theme in poverty.THEMES:
        for label in facts.loc[facts["group"] == theme, f"label_{lang}"]:
            assert any(line.startswith(label) for line in cards.loc[theme, "lines"]), (theme, label)
    names = " ".join(line for lines in cards["lines"] for line in lines)
    listed = items[(items["topic"] == "poverty") & items["kind"].isin(list(poverty.ITEM_THEMES))]
    for name in listed[f"name_{lang}"]:
        assert name in names
    chosen = poverty.programme_cards(view, items, units, lang, ["health", "education"], reports)
    assert chosen["theme"].tolist() == ["education", "health"], "in the filter's order"


def test_programme_lines_follow_the_report(data):
    view, units, items, reports = data
    lines = poverty.programme_cards(view, items, units, "zh", ["industry"], reports)["lines"].iloc[0]
    text = next(iter(reports.values()))
    facts = poverty_facts().set_index("label_zh")
    positions = [text.find(facts.loc[line.split(":")[0], "as_published"]) for line in lines if line.split(":")[0] in facts.index]
    assert positions == sorted(positions) and -1 not in positions


def test_programme_table_has_a_row_per_figure_and_named_thing_with_its_sentence(data):
    view, units, items, reports = data
    table = poverty.programme_table(view, items, units, "en", ["safety_net"], reports)
    facts = poverty_facts()
    listed = items[(items["topic"] == "poverty") & (items["kind"] == "safety_net")]
    assert len(table) == (facts["group"] == "safety_net").sum() + len(listed)
    assert table.iloc[:, -2].str.len().gt(0).all(), "every row has its sentence"
    assert table.iloc[:, -1].str.contains("Shandong Business Daily").all(), "and the report it is from"


def test_outcome_items_are_the_villages_exited_and_the_one_beside_it(data):
    _, _, items, _ = data
    outcome, beside = poverty.outcome_items(items)
    assert outcome["kind"] == "outcome" and beside["kind"] == "outcome"
    assert outcome["name_zh"] in outcome["source_quote"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_growth_texts_show_both_points_and_the_derived_rates(data, lang):
    view, units, _, _ = data
    rows = income_rows()
    before, after = float(rows["value"].iloc[0]), float(rows["value"].iloc[-1])
    years = int(rows["period"].iloc[-1][:4]) - int(rows["period"].iloc[0][:4])
    words = poverty.growth_texts(poverty.income_growth(view), units, lang)
    assert words["years"] == years
    assert words["growth"] == f"{(after / before - 1) * 100:.1f}%"
    assert words["cagr"] == f"{((after / before) ** (1 / years) - 1) * 100:.1f}%"
    assert words["cagr_signed"] == "+" + words["cagr"]
    assert f"{int(before):,}" in words["before"] and f"{int(after):,}" in words["after"]
    periods = typed_csv("periods", dtype=AS_WRITTEN).set_index("period")[f"label_{lang}"]
    assert (words["before_period"], words["after_period"]) == (periods[rows["period"].iloc[0]], periods[rows["period"].iloc[-1]])


def test_the_outcome_note_names_both_outcomes_with_their_sentence(data):
    _, _, items, _ = data
    note, source = poverty.outcome_note(items, "zh")
    outcomes = items[items["kind"] == "outcome"]
    assert all(name in note for name in outcomes["name_zh"])
    assert sentences(source) == (outcomes["source_quote"].iloc[0],)
