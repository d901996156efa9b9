"""Poverty page: income growth only between like periods, money and people charts each of one unit, log scale when far apart."""

from __future__ import annotations

import functools
import re
from dataclasses import replace

import pytest

from components.charts.vega import vega_spec
from components.i18n import t
from components.topics import poverty, registry
from components.topics.blocks import Chart
from components.topics.parts import resolved
from support import FIRST_REPORT, csv, rows, view_of

FIRST_ID, SECOND_ID = "heze-devzone-2020", "fixture-second-report"


@functools.cache
def reads(name: str) -> dict[str, str]:
    return dict(zip(rows(name, "qualifiers")["qualifier"], rows(name, "qualifiers")["reads_zh"]))


def reading(name: str, row: dict) -> str:
    """A figure as its qualifier reads it (qualifiers.csv), with the thousands separated: 3000 多 万元 -> 3,000多万元."""
    whole, _, decimals = row["value"].partition(".")
    number = f"{int(whole):,}" + (f".{decimals}" if decimals else "")
    text = reads(name)[row["qualifier"] or "exact"].format(number=number, unit=row["unit"])
    return reads(name)[row["status"]].format(value=text) if row["status"] else text


def page_view(data, lang="zh", **seen):
    view = view_of(data, lang)
    return replace(view, choices=resolved(registry.by_key(registry.topics(data), "poverty"), view, seen))


def test_first_report_income_has_no_growth_a_year_and_a_point_apart(first):
    """2016 is a whole year, 2019-end a point in time: no growth or CAGR between them."""
    view = page_view(first)
    card = poverty.growth_card(view)
    assert (card.value, card.evidence, card.derived) == (t("poverty.cagr.none", "zh"), (), True)
    assert poverty.growth_note(view) is None


@pytest.mark.parametrize("seen", [{}, {"period": "2020-end"}])
def test_later_income_grows_between_two_year_ends(later, seen):
    view = page_view(later, **seen)
    card = poverty.growth_card(view)
    assert re.fullmatch(r"\+17(\.0)?%/年", card.value), card.value  # (9150 ÷ 7820)^(1/1) − 1
    assert card.period == t("poverty.cagr.note", "zh", before_period="2019年年底", after_period="2020年年底")
    assert {e.source_id for e in card.evidence} == {FIRST_ID, SECOND_ID}
    note = poverty.growth_note(view)
    assert note.derived and "7,820元" in note.text and "9,150元" in note.text and "2016" not in note.text


def test_the_growth_shown_never_runs_past_the_chosen_income(later):
    card = poverty.growth_card(page_view(later, period="2019-end"))
    assert card.value == t("poverty.cagr.none", "zh")


@pytest.mark.parametrize(("name", "count"), [("first", 2), ("later", 4)])
def test_income_points_of_unlike_periods_are_not_joined(datasets, name, count):
    chart = poverty.income_chart(page_view(datasets[name]))
    income = rows(name, "facts")
    income = income[income["metric"] == poverty.INCOME]
    assert [p.text for p in chart.model.points] == [reading(name, r) for r in income.to_dict("records")]
    assert len(chart.model.points) == count
    assert chart.model.kind == "points"  # a year, year-end points and a half-year: side by side, never one line


def charts_of(view) -> list[Chart]:
    made = [poverty.money_chart(view), *(lambda r: r if isinstance(r, tuple) else (r,))(poverty.reach_charts(view))]
    return [c for c in made if isinstance(c, Chart)]


def quantities(name: str, chart: Chart, lang: str = "zh") -> set[str]:
    """The quantities (units.csv) of the figures a chart draws, found from the facts by reading and period."""
    units = rows(name, "units").set_index("unit")
    periods = rows(name, "periods").set_index("period")
    facts = rows(name, "facts")
    facts = facts[facts["topic"] == "poverty"]
    found = set()
    for point in chart.model.points:
        matches = [
            r
            for r in facts.to_dict("records")
            if reading(name, r) == point.text and periods.loc[r["period"], f"label_{lang}"] == point.period
        ]
        assert matches, point
        found |= {units.loc[r["unit"], "quantity"] for r in matches}
    return found


@pytest.mark.parametrize("name", ["first", "later"])
@pytest.mark.parametrize("themes", [[], ["employment"], ["education", "health"], ["ecommerce", "employment"]])
def test_money_and_reach_charts_never_mix_units(datasets, name, themes):
    view = page_view(datasets[name], theme=themes)
    charts = charts_of(view)
    assert charts
    seen = []
    for chart in charts:
        (quantity,) = quantities(name, chart)
        seen.append(quantity)
        if chart.model.title == t("poverty.money.title", "zh"):
            assert quantity == "money_cny"
        else:
            assert chart.model.title == t(f"poverty.reach.title.{quantity}", "zh")
    assert len(seen) == len(set(seen))


def test_cadres_promoted_are_not_people_reached(first):
    cadres = csv(FIRST_REPORT / "facts.csv").set_index("metric").loc["poverty.party_building.cadres_promoted"]
    for chart in charts_of(page_view(first)):
        assert cadres["label_zh"] not in [p.category for p in chart.model.points]


def base_values(name: str, chart: Chart) -> list[float]:
    units = rows(name, "units").set_index("unit")
    facts = rows(name, "facts")
    facts = facts[facts["topic"] == "poverty"]
    out = []
    for point in chart.model.points:
        row = next(r for r in facts.to_dict("records") if reading(name, r) == point.text)
        out.append(float(row["value"]) * float(units.loc[row["unit"], "factor"]))
    return out


def x_scale_types(spec) -> set[str]:
    found = set()
    for layer in spec.get("layer", []):
        x = layer.get("encoding", {}).get("x", {})
        found.add(x.get("scale", {}).get("type", "linear"))
    return found


@pytest.mark.parametrize("name", ["first", "later"])
def test_values_more_than_tenfold_apart_are_dots_on_a_log_scale(datasets, name):
    checked = 0
    for chart in charts_of(page_view(datasets[name])):
        values = base_values(name, chart)
        far_apart = max(values) / min(values) > 10
        spec = vega_spec(chart.model)
        assert chart.model.log_scale is far_apart, chart.model.title
        marks = {layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in spec["layer"]}
        if far_apart:
            assert "log" in x_scale_types(spec) and "point" in marks and "bar" not in marks
            checked += 1
        else:
            assert "log" not in x_scale_types(spec) and "bar" in marks
    assert checked >= 2  # the money (19亿元 beside 3,000多万元) and the people reached


def test_theme_filter_keeps_its_themes(first):
    view = page_view(first, theme=["education"])
    (money,) = [c for c in charts_of(view) if c.model.title == t("poverty.money.title", "zh")]
    assert [p.category for p in money.model.points] == [t("poverty.theme.education", "zh")]
    assert [thing.title for thing in poverty.programme_cards(view).things] == [t("poverty.theme.education", "zh")]
