"""Trade page: year-before values (published first, else derived and named), balance and share, enterprise counts."""

from __future__ import annotations

from dataclasses import replace

import pytest

from components.i18n import t
from components.topics import registry, trade
from components.topics.parts import resolved
from support import FIRST_REPORT, csv, dataset, edit_csv, folder, rows, view_of

FIRST_ID, SECOND_ID, H1_ID = "heze-devzone-2020", "fixture-second-report", "heze-devzone-2021-h1"


def flow(name: str, item: str, period: str) -> dict:
    facts = rows(name, "facts")
    found = facts[(facts["metric"] == f"trade.quarter.{item}") & (facts["period"] == period)]
    return found.iloc[0].to_dict()


def page_view(data, lang="zh", **seen):
    """The trade page's view with its choices as the page resolves them."""
    view = view_of(data, lang)
    return replace(view, choices=resolved(registry.by_key(registry.topics(data), "trade"), view, seen))


def test_the_period_choice_offers_each_period_of_the_flows(later):
    view = page_view(later)
    periods = rows("later", "periods").set_index("period")
    options = trade.TOPIC.filters[0].options(view)
    assert list(options) == ["2020-Q1", "2021-Q1", "2021-H1"]
    assert list(options.values()) == [periods.loc[p, "label_zh"] for p in options]
    assert view.choice("period") == "2021-H1"


def test_a_published_year_before_wins_over_a_derived_one(later):
    """2021 Q1 exports beside 2020 Q1 exports as the first report published them, not a value worked back."""
    chart = trade.flows_chart(page_view(later, period="2021-Q1"))
    points = {(p.category, p.series): p for p in chart.model.points}
    then, now = flow("later", "export", "2020-Q1"), flow("later", "export", "2021-Q1")
    published = points[("出口", "2020年第一季度")]
    assert (published.text, published.derived, published.period) == (f"{then['value']}亿元", False, "2020年第一季度")
    assert published.value == pytest.approx(float(then["value"]))
    assert points[("出口", "2021年第一季度")].text == f"{now['value']}亿元"
    assert not any(p.derived or "推算" in p.series for p in chart.model.points)
    assert {p.category for p in chart.model.points} == {"出口", "进出口总值"}  # 2021 Q1 has no imports
    assert {e.source_id for e in chart.evidence} == {FIRST_ID, SECOND_ID}
    assert then["source_quote"] in chart.table[t("table.sentence", "zh")].tolist()
    assert trade.prior_note(page_view(later, period="2021-Q1")) is None


@pytest.mark.parametrize(
    ("name", "lang", "period", "prior"),
    [
        ("first", "zh", "2020-Q1", "2019年第一季度(推算)"),
        ("first", "en", "2020-Q1", "2019 Q1 (derived)"),
        ("later", "zh", "2021-H1", "2020年上半年(推算)"),
        ("later", "en", "2021-H1", "H1 2020 (derived)"),
    ],
)
def test_a_derived_year_before_is_marked_and_named_after_its_span(datasets, name, lang, period, prior):
    view = page_view(datasets[name], lang, period=period)
    chart = trade.flows_chart(view)
    derived = [p for p in chart.model.points if p.derived]
    assert {p.series for p in derived} == {prior}
    assert [s.derived for s in chart.model.series if s.name == prior] == [True]
    for item in ("export", "import", "total"):
        row = flow(name, item, period)
        (point,) = [p for p in derived if p.category == trade.flow_options(view)[item]]
        (now,) = [p for p in chart.model.points if p.category == point.category and not p.derived]
        assert point.value / now.value == pytest.approx(1 / (1 + float(row["yoy_pct"]) / 100))  # value ÷ (1 + growth)
        assert point.text.startswith(t("trade.prior.approx", lang, value=""))
        assert point.period == prior
    assert trade.prior_note(view).derived
    # the download holds every bar the chart draws: each derived value a row, with its period and how it was worked out
    table = chart.table
    worked = table[table[t("table.period", lang)] == prior]
    assert sorted(worked[t("table.value", lang)]) == sorted(p.text for p in derived)
    assert len(table) == len(chart.model.points)


def test_the_prior_can_be_hidden_and_flows_chosen(first):
    hidden = trade.flows_chart(page_view(first, prior="0"))
    assert {p.series for p in hidden.model.points} == {"2020年第一季度"}
    exports = trade.flows_chart(page_view(first, flow=["export"]))
    assert {p.category for p in exports.model.points} == {"出口"}
    assert trade.prior_note(page_view(first, prior="0")) is None


@pytest.mark.parametrize(
    ("name", "period"), [("first", "2020-Q1"), ("later", "2020-Q1"), ("later", "2021-H1"), ("later", "2021-Q1")]
)
def test_balance_and_share_from_firm_figures_of_one_period(datasets, name, period):
    balance, share = trade.derived_cards(page_view(datasets[name], period=period)).cards
    export, total = flow(name, "export", period), flow(name, "total", period)
    label = rows(name, "periods").set_index("period").loc[period, "label_zh"]
    assert balance.period == share.period == label
    assert balance.derived and share.derived
    expected_share = round(float(export["value"]) / float(total["value"]) * 100, 1)
    assert share.value == t("trade.share.value", "zh", share=f"{expected_share:g}%")
    assert {e.source_id for e in share.evidence} == {export["source_id"]}
    imports = rows(name, "facts")
    imports = imports[(imports["metric"] == "trade.quarter.import") & (imports["period"] == period)]
    if imports.empty:
        assert balance.value == t("trade.not_in_period", "zh")
        assert t("trade.not_in_period.note", "zh", period=label) in balance.note
        assert balance.evidence == ()
    else:
        assert balance.value == f"{float(export['value']) - float(imports.iloc[0]['value']):.2f}".rstrip("0") + "亿元"


def test_a_lower_bound_makes_no_balance(tmp_path):
    target = folder(tmp_path / "data")
    edit_csv(target / "facts.csv", "metric", "trade.quarter.import", column="qualifier", new="at_least")
    balance, share = trade.derived_cards(page_view(dataset(target))).cards
    assert balance.value == t("trade.not_derivable", "zh")
    assert share.value == t("trade.share.value", "zh", share="83.8%")  # exports and total are still firm


def test_enterprise_counts_and_their_note_come_from_one_report(datasets):
    facts = rows("first", "facts").set_index("metric")
    first_view = page_view(datasets["first"])
    with_trade, *fdi = trade.other_cards(first_view).cards
    foreign = facts.loc["trade.enterprises.foreign_invested", "value"] + "家"
    assert (with_trade.value, with_trade.note) == (
        facts.loc["trade.enterprises.with_trade", "value"] + "家",
        f"其中外资企业{foreign}",
    )
    assert foreign in trade.enterprises_note(first_view).text
    # the half-year report counts again but names no foreign-invested ones: nothing of 2020 is said "of which"
    later_view = page_view(datasets["later"])
    with_trade, *fdi = trade.other_cards(later_view).cards
    h1 = rows("later", "facts")
    h1 = h1[(h1["group"] == "enterprises") & (h1["source_id"] == H1_ID)]
    assert with_trade.value == h1.set_index("item").loc["with_trade", "value"] + "家"
    assert with_trade.note == ""
    chart = trade.enterprises_chart(later_view)
    assert [p.text for p in chart.model.points] == [v + "家" for v in h1["value"]]
    assert {e.source_id for e in chart.evidence} == {H1_ID}
    assert trade.enterprises_note(later_view) is None
    assert [c.value for c in fdi] == ["150多个", "3.52亿美元"]


def test_titled_enterprises_are_not_a_bar_among_the_trading_groups(first):
    chart = trade.enterprises_chart(page_view(first))
    titled = csv(FIRST_REPORT / "facts.csv").set_index("metric").loc["trade.enterprises.titled", "label_zh"]
    assert titled not in [p.category for p in chart.model.points]
    assert chart.model.title == t("trade.enterprises.title", "zh")


def test_foreign_investment_stays_in_dollars(first):
    cards = trade.other_cards(page_view(first, lang="en"))
    assert cards.note == t("trade.fdi.no_conversion", "en")
    approved, used = cards.cards[1:]
    assert approved.value.startswith("140+") and used.value == "USD 306 m"  # 3.06亿美元, never in yuan
