"""components/trade.py: flows beside the prior year they imply, balance and export share, enterprise groups, titles —
expectations computed here from the CSVs."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from components.blocks import sentences
from components.topics.trade import build as trade
from support import csv


def flow_facts() -> pd.DataFrame:
    facts = csv("facts")
    return facts[(facts["topic"] == "trade") & facts["item"].isin(trade.FLOWS)].set_index("item")


def test_with_one_period_there_is_no_period_choice(view):
    assert trade.trade_periods(view) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_frame_has_each_flow_as_published_and_the_prior_year_its_growth_implies(view, units, lang):
    frame = trade.flows_frame(view, units, lang)
    stored = flow_facts()
    published = frame[~frame["derived"]].set_index("flow")
    implied = frame[frame["derived"]].set_index("flow")
    assert list(published.index) == list(trade.FLOWS)
    for flow, row in stored.iterrows():
        assert published.loc[flow, "value"] == float(row["value"])
        assert published.loc[flow, "label"] == row[f"label_{lang}"]
        expected = Decimal(row["value"]) / (1 + Decimal(row["yoy_pct"]) / 100)
        assert implied.loc[flow, "value"] == pytest.approx(float(expected))
        assert implied.loc[flow, "value_text"].startswith("约" if lang == "zh" else "about")
        assert {"zh": "推算", "en": "derived"}[lang] in implied.loc[flow, "series_label"]
        assert row["yoy_pct"] in implied.loc[flow, "qualifier_text"], "the tooltip says how it was derived"


def test_the_prior_period_is_named_from_the_period_id():
    assert trade.prior_period_label("2020-Q1", "x", "zh") == "2019年第一季度"
    assert trade.prior_period_label("2021-Q4", "x", "en") == "2020 Q4"
    assert trade.prior_period_label("2020-ytd", "x", "en") == "2019"
    assert trade.prior_period_label("cumulative", "so far", "en") == "a year before so far"


def test_choosing_flows_and_hiding_the_prior_year_change_the_frame(view, units):
    frame = trade.flows_frame(view, units, "zh", chosen=["import"], prior=False)
    assert list(frame["flow"]) == ["import"] and not frame["derived"].any()
    assert set(trade.flows_frame(view, units, "zh", chosen=["bogus"])["flow"]) == set(trade.FLOWS), "unknown = all"


def test_the_table_says_which_values_are_derived(view, units):
    table = trade.flows_table(trade.flows_frame(view, units, "en"), "en")
    kinds = table["Source"]
    assert set(kinds) == {"derived", "published"}


def test_balance_and_export_share_are_computed_from_the_stored_flows(view, units):
    stored = flow_facts()
    derived = trade.balance_and_share(view, units, "zh")
    balance = Decimal(stored.loc["export", "value"]) - Decimal(stored.loc["import", "value"])
    share = Decimal(stored.loc["export", "value"]) / Decimal(stored.loc["total", "value"]) * 100
    assert derived["balance"] == balance
    assert derived["balance_text"] == f"{balance:f}亿元"
    assert derived["share"] == share
    assert derived["share_text"] == f"占总值{round(share, 1):f}%"
    assert stored.loc["export", "source_quote"] in sentences(derived["sources"])


def test_flow_cards_say_the_growth_in_their_label_only_when_their_comparison_is_another_period(view):
    stored = flow_facts()
    cards = dict(trade.flow_cards(view, "zh"))
    for _, row in stored.iterrows():  # one period: the card's own comparison is the published growth
        assert cards[row["metric"]] == row["label_zh"]
    later = view[view["metric"].isin(stored["metric"])].assign(
        period="later", sort_key=view["sort_key"].max() + 1, value=lambda f: f["value"] * 2
    )
    two = pd.concat([view, later], ignore_index=True)
    cards = dict(trade.flow_cards(two, "zh", "later"))
    for _, row in stored.iterrows():
        assert cards[row["metric"]] == f"{row['label_zh']} · 同比 +{row['yoy_pct']}%"


def test_enterprise_groups_are_shown_separately_in_order_without_the_titled_count(view):
    rows = trade.enterprise_rows(view)
    facts = csv("facts")
    stored = facts[(facts["topic"] == "trade") & (facts["group"] == "enterprises") & (facts["item"] != trade.TITLED)]
    assert set(rows["item"]) == set(stored["item"])
    assert list(rows["item"])[: len(trade.ENTERPRISE_ORDER)] == [i for i in trade.ENTERPRISE_ORDER if i in set(stored["item"])]


def test_what_is_known_about_the_groups_comes_from_the_data(view, units):
    facts = csv("facts").set_index("metric")
    known = trade.enterprises_known(view, units, "zh")
    assert f"{facts.loc['trade.enterprises.foreign_invested', 'value']}家" in known
    assert f"{facts.loc['trade.enterprises.with_trade', 'value']}家" in known
    assert trade.enterprise_note(view, "en") == facts.loc["trade.enterprises.over_10m", "note_en"] + "."


def test_titles_reported_together_are_one_card(data):
    items = csv("items")
    rows = items[(items["topic"] == "trade") & (items["kind"] == "title")]
    cards = trade.title_cards(data.table("items"), "zh")
    assert sorted(n for names in cards["title"] for n in names.split("、")) == sorted(rows["name_zh"])
    assert [lines[0] for lines in cards["lines"]] == list(dict.fromkeys(rows["description_zh"]))
    assert {q for quotes in cards["quotes"] for q in quotes} == set(rows["source_quote"])
    table = trade.title_table(cards, "en")
    assert list(table.columns) == ["Title", "Awarded to", "Source sentence", "Published in"]


def test_the_second_headline_row_is_enterprises_then_foreign_investment(view, units):
    cards = trade.other_cards(view, units, "zh")
    facts = csv("facts").set_index("metric")
    assert cards[0] == (
        "trade.enterprises.with_trade",
        f"其中外资企业{facts.loc['trade.enterprises.foreign_invested', 'value']}家",
    )
    fdi = [m for m in facts.index if m.startswith("trade.fdi.")]
    assert [m for m, _ in cards[1:]] == sorted(fdi, key=list(view["metric"]).index)
