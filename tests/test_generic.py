"""A page made from data alone (the economy topic): headlines by group, charts of like units, its period, its sentences."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from components.i18n import t
from components.topics import generic, registry
from components.topics.blocks import Headlines
from components.topics.parts import resolved
from support import HALF_YEAR, LATER_REPORTS, csv, dataset, folder, view_of

FACTS = csv(HALF_YEAR / "facts.csv")
ECONOMY = FACTS[FACTS["topic"] == "economy"]
UNITS = pd.concat([csv(HALF_YEAR.parent / "first_report" / "units.csv"), csv(HALF_YEAR / "units.csv")]).set_index("unit")


@pytest.fixture(scope="module")
def economy(later):
    return registry.by_key(registry.topics(later), "economy")


def page_view(later, topic, lang="zh", **seen):
    view = view_of(later, lang)
    return replace(view, choices=resolved(topic, view, seen))


def test_headlines_by_group_in_the_order_of_the_facts(later, economy):
    rows = generic.headlines("economy", page_view(later, economy))
    assert all(isinstance(r, Headlines) for r in rows)
    groups = list(dict.fromkeys(ECONOMY["group"]))
    assert [r.file_stem for r in rows] == [f"economy-{g}" for g in groups]
    for row, group in zip(rows, groups):
        mine = ECONOMY[ECONOMY["group"] == group]
        assert [c.metric for c in row.cards] == list(mine["metric"])
        assert [c.label for c in row.cards] == list(mine["label_zh"])
        assert all(c.period == "2021年上半年" for c in row.cards)
    fixed = next(c for r in rows for c in r.cards if c.metric == "economy.investment.fixed_assets")
    assert fixed.value == "约120亿元"


def test_a_chart_for_each_group_of_like_units(later, economy):
    charts = generic.charts("economy", page_view(later, economy))
    quantity = ECONOMY["unit"].map(UNITS["quantity"])
    expected = [
        (group, q)
        for group in dict.fromkeys(ECONOMY["group"])
        for q in dict.fromkeys(quantity[ECONOMY["group"] == group])
        if ((ECONOMY["group"] == group) & (quantity == q)).sum() >= 2
    ]
    assert [c.file_stem for c in charts] == [f"economy-{g}-{q}" for g, q in expected] == ["economy-revenue-money_cny"]
    (chart,) = charts
    assert chart.model.title == t("generic.chart.title", "zh", topic="工业经济与财政", measure=t("quantity.money_cny", "zh"))
    assert sorted(p.text for p in chart.model.points) == ["6.95亿元", "8.62亿元"]


def test_the_period_choice_lists_the_topics_periods(later, economy):
    (choice,) = economy.filters
    assert choice.key == "period" and not choice.multi
    options = choice.options(page_view(later, economy))
    assert list(options) == list(dict.fromkeys(ECONOMY["period"])) == ["2021-H1"]
    assert page_view(later, economy).choice("period") == "2021-H1"


def test_a_second_period_is_a_choice_that_shows_its_figures_only(tmp_path):
    """A later report adds one economy figure for 2021-H2: choosing a period shows that period's figures alone."""
    target = folder(tmp_path / "data", *LATER_REPORTS)
    with open(target / "periods.csv", "a", encoding="utf-8") as f:
        f.write("2021-H2,2021年下半年,H2 2021,2021-07-01,2021-12-31,143,\n")
    text = (target / "source" / "heze-devzone-2021-h1.txt").read_text(encoding="utf-8")
    quote = next(q for q in ECONOMY["source_quote"] if "156.3" in q)
    assert quote in text
    facts = pd.read_csv(target / "facts.csv", dtype=str, keep_default_na=False)
    row = facts[facts["metric"] == "economy.output.industrial_output"].iloc[0].copy()
    row["period"], row["yoy_pct"] = "2021-H2", ""
    pd.concat([facts, row.to_frame().T]).to_csv(target / "facts.csv", index=False)
    read = dataset(target)
    topic = registry.by_key(registry.topics(read), "economy")
    assert list(topic.filters[0].options(page_view(read, topic))) == ["2021-H1", "2021-H2"]
    h2 = generic.headlines("economy", page_view(read, topic, period="2021-H2"))
    assert [c.metric for r in h2 for c in r.cards] == ["economy.output.industrial_output"]
    assert [c.period for r in h2 for c in r.cards] == ["2021年下半年"]
    h1 = generic.headlines("economy", page_view(read, topic, period="2021-H1"))
    assert len([c for r in h1 for c in r.cards]) == len(ECONOMY)


def test_its_sentences_table_has_each_sentence_once(later, economy):
    table = generic.sentences("economy", page_view(later, economy))
    sentences = table.frame[t("table.sentence", "zh")].tolist()
    assert sentences == list(dict.fromkeys(ECONOMY["source_quote"]))
    text = (HALF_YEAR / "source" / "heze-devzone-2021-h1.txt").read_text(encoding="utf-8")
    assert all(s in text for s in sentences)
    assert {e.source_id for e in table.evidence} == {"heze-devzone-2021-h1"}
    assert [p.key for p in economy.parts if not p.brief] == ["sentences"]
