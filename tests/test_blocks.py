"""components/blocks.py: evidence by source, cards and chart blocks, and headline figures of one period with their change."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal

import altair as alt
import pandas as pd
import pytest

from components.blocks import (
    Evidence,
    card_source_columns,
    cards_block,
    chart_block,
    evidence,
    fact_headline,
    merge,
    not_in_period,
    sentences,
)
from support import csv

INCOME = "poverty.income.per_capita"  # the shipped metric with two periods (2016, 2019-end)
NUMBER = re.compile(r"([+\-]?)(\d[\d,]*(?:\.\d+)?)")


def numbers(text: str) -> list[Decimal]:
    return [Decimal(sign + digits.replace(",", "")) for sign, digits in NUMBER.findall(text)]


def label(period: str, lang: str = "zh") -> str:
    return csv("periods").set_index("period").loc[period, f"label_{lang}"]


def stored(metric: str, period: str | None = None) -> pd.Series:
    rows = csv("facts")
    rows = rows[rows["metric"] == metric]
    return (rows[rows["period"] == period] if period else rows).iloc[-1]


def with_period(
    view: pd.DataFrame, metric: str, period: str, value: float, qualifier: str = "exact", yoy: float | None = None
) -> pd.DataFrame:
    """The view plus a made-up later period of `metric` (its latest row copied, dtypes kept), labelled 「{period}期」."""
    row = view[view["metric"] == metric].tail(1).copy()
    row["period"], row["period_zh"], row["period_en"] = period, f"{period}期", f"period {period}"
    row["sort_key"] = pd.array([int(view["sort_key"].max()) + 10], dtype="Int64")
    row["value"] = pd.array([value], dtype="Float64")
    row["qualifier"] = qualifier
    row["yoy_pct"] = pd.array([yoy], dtype="Float64")
    return pd.concat([view, row], ignore_index=True)


# evidence, sentences, merge

ROWS = [
    {"source_id": "a", "citation": "Source A", "source_quote": "one."},
    {"source_id": "b", "citation": "Source B", "source_quote": "two."},
    {"source_id": "a", "citation": "Source A", "source_quote": "one."},
    {"source_id": "a", "citation": "Source A", "source_quote": "three."},
    {"source_id": "b", "citation": "Source B", "source_quote": ""},
    {"source_id": "b", "citation": "Source B", "source_quote": None},
]


def test_evidence_groups_sentences_by_source_each_once_in_order():
    assert evidence(ROWS) == (Evidence("a", "Source A", ("one.", "three.")), Evidence("b", "Source B", ("two.",)))


def test_evidence_of_a_frame_is_that_of_its_records():
    assert evidence(pd.DataFrame(ROWS)) == evidence(ROWS)


def test_evidence_of_rows_without_sentences_is_empty():
    assert evidence([{"source_id": "a", "citation": "A", "source_quote": ""}]) == ()
    assert evidence([]) == ()


def test_evidence_of_facts_view_rows_picks_the_citation_of_the_language():
    rows = [{"source_id": "a", "citation_zh": "甲文", "citation_en": "Paper A", "source_quote": "一。"}]
    assert evidence(rows, "en")[0].citation == "Paper A"
    assert evidence(rows, "zh")[0].citation == "甲文"
    assert evidence(rows)[0].citation == "甲文"  # Chinese by default


def test_a_citation_column_is_used_as_it_is_whatever_the_language():
    assert (
        evidence([{"source_id": "a", "citation": "Shown", "citation_en": "Not this", "source_quote": "x"}], "en")[0].citation
        == "Shown"
    )


def test_evidence_of_the_shipped_view_has_each_sources_sentences_once(view):
    found = evidence(view, "en")
    facts, sources = csv("facts"), csv("sources").set_index("source_id")
    assert [e.source_id for e in found] == list(dict.fromkeys(view["source_id"]))
    for e in found:
        assert set(e.sentences) == set(facts.loc[facts["source_id"] == e.source_id, "source_quote"])
        assert len(e.sentences) == len(set(e.sentences))
        assert sources.loc[e.source_id, "title_en"] in e.citation


def test_sentences_are_every_sentence_once_in_order():
    groups = (Evidence("a", "A", ("one.", "two.")), Evidence("b", "B", ("two.", "three.")))
    assert sentences(groups) == ("one.", "two.", "three.")
    assert sentences(()) == ()


def test_merge_gives_each_source_once_with_the_sentences_of_every_block():
    first = (Evidence("a", "A", ("one.",)), Evidence("b", "B", ("two.",)))
    second = (Evidence("a", "A", ("three.", "one.")),)
    assert merge(first, second) == (Evidence("a", "A", ("one.", "three.")), Evidence("b", "B", ("two.",)))


# cards_block, card_source_columns, chart_block, not_in_period

CARDS = pd.DataFrame(
    {
        "title": ["Park", "Lab"],
        "lines": [["l1"], ["l2"]],
        "quotes": [["q1", "q2", "q1"], ["q3"]],
        "citations": [["Doc A", "Doc B", "Doc A"], ["Doc A"]],
    }
)


def test_a_cards_block_keeps_its_cards_and_table_and_groups_the_quotes_by_document():
    table = pd.DataFrame({"x": [1]})
    block = cards_block(CARDS, table, file_stem="parks")
    assert block.cards is CARDS and block.table is table and block.file_stem == "parks"
    assert block.sources == (Evidence("Doc A", "Doc A", ("q1", "q3")), Evidence("Doc B", "Doc B", ("q2",)))


@pytest.mark.parametrize("lang, sentence, source", [("zh", "原文", "出处"), ("en", "Source sentence", "Published in")])
def test_card_source_columns_are_each_cards_sentences_and_documents_once(lang, sentence, source):
    columns = card_source_columns(CARDS, lang)
    assert list(columns) == [sentence, source]
    assert columns[sentence] == ["q1 q2", "q3"]
    assert columns[source] == ["Doc A; Doc B", "Doc A"]


def test_chart_block_turns_an_altair_chart_into_a_vega_lite_spec():
    rows = pd.DataFrame({"label": ["a", "b"], "value": [1, 2]})
    chart = alt.Chart(rows).mark_bar().encode(x="value:Q", y="label:N")
    evidence_ = (Evidence("s", "S", ("q",)),)
    block = chart_block(chart, rows, file_stem="bars", sources=evidence_)
    assert isinstance(block.spec, dict)
    assert block.spec["mark"]["type"] == "bar"
    assert block.spec["encoding"]["x"]["field"] == "value"
    assert [r["label"] for r in next(iter(block.spec["datasets"].values()))] == ["a", "b"]
    assert block.table is rows and block.file_stem == "bars" and block.sources == evidence_


def test_chart_block_passes_a_finished_spec_through():
    spec = {"mark": "bar", "data": {"values": []}}
    assert chart_block(spec, pd.DataFrame(), file_stem="x").spec is spec


def test_not_in_period_says_so_with_the_period_and_no_figure():
    zh = not_in_period("收入", "2021年", "zh", page="poverty")
    assert (zh.label, zh.value, zh.period, zh.page) == ("收入", "本期未公布", "2021年", "poverty")
    assert "2021年" in zh.note and zh.delta is None and zh.sources == ()
    en = not_in_period("Income", "2021", "en")
    assert en.value == "not published for this period" and "2021" in en.note


# fact_headline: value, unit, qualifier, period, source


def test_a_headline_shows_the_stored_value_with_its_unit_and_period(view, units):
    row = stored("epidemic.command.working_groups")
    headline = fact_headline(view, units, row["metric"], "zh", False, page="epidemic")
    assert headline.value == f"{row['value']}{row['unit']}"
    assert headline.label == row["label_zh"]
    assert headline.period == label(row["period"]) and headline.period in headline.note
    assert (headline.metric, headline.page, headline.derived) == (row["metric"], "epidemic", False)


def test_a_lower_bound_headline_reads_as_the_report_writes_it(view, units):
    row = stored("investment.pipeline.negotiating.investment")
    assert row["qualifier"] == "at_least"
    zh = fact_headline(view, units, row["metric"], "zh", False)
    assert zh.value == f"{row['value']}多{row['unit']}"  # 「300多亿元」
    en = fact_headline(view, units, row["metric"], "en", False)
    assert en.value.endswith("+") and numbers(en.value) == [Decimal(row["value"]) * 10**8 / 10**9]  # CNY 30 bn+
    assert zh.note != fact_headline(view, units, "investment.pipeline.signed.investment", "zh", False).note  # qualifier said


def test_a_headline_carries_its_sentence_and_citation(view, units):
    row = stored("trade.fdi.utilised")
    source = csv("sources").set_index("source_id").loc[row["source_id"]]
    headline = fact_headline(view, units, row["metric"], "en", False)
    assert [e.source_id for e in headline.sources] == [row["source_id"]]
    assert headline.sources[0].sentences == (row["source_quote"],)
    assert source["publisher_en"] in headline.sources[0].citation and source["title_en"] in headline.sources[0].citation


def test_the_notes_are_for_reading_up_close_not_for_the_projector(view, units):
    row = stored("epidemic.command.group_heads")
    assert row["note_zh"]
    reading = fact_headline(view, units, row["metric"], "zh", False, note="页注")
    projected = fact_headline(view, units, row["metric"], "zh", True, note="页注")
    assert row["note_zh"] in reading.note and "页注" in reading.note
    assert row["note_zh"] not in projected.note and "页注" not in projected.note
    # the projector's card says the period beside the note (ui.headline_row), once for a row that shares it
    assert label(row["period"]) not in projected.note and projected.period == label(row["period"])


def test_a_label_given_replaces_the_stored_one(view, units):
    assert fact_headline(view, units, "trade.fdi.utilised", "zh", False, label="实际利用外资").label == "实际利用外资"


def test_an_unknown_metric_is_a_key_error(view, units):
    with pytest.raises(KeyError):
        fact_headline(view, units, "no.such.metric", "zh", False)
    with pytest.raises(KeyError):
        fact_headline(view, units, "no.such.metric", "zh", False, period="2016")


# fact_headline: one period, never another's


def test_without_a_period_the_headline_is_the_latest(view, units):
    headline = fact_headline(view, units, INCOME, "zh", False)
    assert numbers(headline.value) == [Decimal(stored(INCOME, "2019-end")["value"])]
    assert headline.period == label("2019-end")


def test_with_a_period_the_headline_is_that_periods_figure(view, units):
    headline = fact_headline(view, units, INCOME, "en", False, period="2016")
    assert numbers(headline.value) == [Decimal(stored(INCOME, "2016")["value"])]
    assert headline.period == label("2016", "en")
    assert headline.delta is None  # nothing before 2016, and the report gives no year-on-year change


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_period_the_metric_lacks_says_not_published_never_another_periods_value(view, units, lang):
    headline = fact_headline(view, units, INCOME, lang, False, period="2020-Q1", page="poverty")
    assert headline.value == {"zh": "本期未公布", "en": "not published for this period"}[lang]
    assert headline.period == label("2020-Q1", lang) and label("2020-Q1", lang) in headline.note
    assert headline.label == stored(INCOME)[f"label_{lang}"] and headline.page == "poverty"
    assert headline.delta is None and headline.sources == ()
    values = {Decimal(v) for v in csv("facts").query("metric == @INCOME")["value"]}
    assert not values & set(numbers(headline.value))


def test_a_period_no_figure_has_is_named_by_its_id(view, units):
    headline = fact_headline(view, units, INCOME, "zh", False, period="2031")
    assert headline.value == "本期未公布" and headline.period == "2031"


# fact_headline: the change from the previous period


def test_the_change_from_the_previous_exact_period_is_stated_with_both_periods(view, units):
    now, before = (Decimal(stored(INCOME, p)["value"]) for p in ("2019-end", "2016"))
    headline = fact_headline(view, units, INCOME, "zh", False)
    percent = ((now / before - 1) * 100).quantize(Decimal("0.1"), ROUND_HALF_EVEN)
    assert numbers(headline.delta) == [now - before, percent]
    assert headline.delta.startswith("+")
    assert label("2019-end") in headline.delta_description and label("2016") in headline.delta_description
    en = fact_headline(view, units, INCOME, "en", False)
    assert label("2019-end", "en") in en.delta_description and label("2016", "en") in en.delta_description


def test_a_fall_is_shown_with_its_minus_sign(view, units):
    before = Decimal(stored(INCOME, "2019-end")["value"])
    headline = fact_headline(with_period(view, INCOME, "2021", 7000.0), units, INCOME, "zh", False)
    assert numbers(headline.delta)[0] == Decimal(7000) - before < 0
    assert not headline.delta.startswith("+")


def test_the_change_is_from_the_period_just_before_not_the_first(view, units):
    later = with_period(view, INCOME, "2021", 9000.0)
    headline = fact_headline(later, units, INCOME, "zh", False)
    assert numbers(headline.delta)[0] == Decimal(9000) - Decimal(stored(INCOME, "2019-end")["value"])
    assert label("2019-end") in headline.delta_description and label("2016") not in headline.delta_description
    # and the headline of a middle period compares with its own previous one
    middle = fact_headline(later, units, INCOME, "zh", False, period="2019-end")
    assert numbers(middle.delta)[0] == Decimal(stored(INCOME, "2019-end")["value"]) - Decimal(stored(INCOME, "2016")["value"])


@pytest.mark.parametrize(
    "earlier, now", [("at_least", "at_least"), ("exact", "at_least"), ("at_least", "exact"), ("expected", "exact")]
)
def test_no_change_is_derived_unless_both_figures_are_exact(view, units, earlier, now):
    metric = "investment.pipeline.negotiating.investment"
    base = view.assign(qualifier=view["qualifier"].where(view["metric"] != metric, earlier))
    two = with_period(base, metric, "2021", 400.0, qualifier=now, yoy=10.0)
    headline = fact_headline(two, units, metric, "zh", False)
    assert headline.delta is None  # nor the report's own yoy in its place
    assert label("2020-ytd") in headline.delta_description and "2021期" in headline.delta_description
    assert (
        headline.delta_description != fact_headline(two.assign(qualifier="exact"), units, metric, "zh", False).delta_description
    )


def test_the_reports_own_year_on_year_change_when_there_is_no_previous_period(view, units):
    row = stored("trade.quarter.total")
    headline = fact_headline(view, units, row["metric"], "zh", False)
    assert numbers(headline.delta) == [Decimal(row["yoy_pct"])] and headline.delta.startswith("+")
    assert headline.delta_description


def test_a_previous_period_comes_before_the_reports_year_on_year_change(view, units):
    metric = "trade.quarter.total"
    before = Decimal(stored(metric)["value"])
    headline = fact_headline(with_period(view, metric, "2020-Q2", 5.26, yoy=6.1), units, metric, "zh", False)
    percent = ((Decimal("5.26") / before - 1) * 100).quantize(Decimal("0.1"), ROUND_HALF_EVEN)
    assert numbers(headline.delta) == [Decimal("5.26") - before, percent]
    assert "2020-Q2期" in headline.delta_description and label("2020-Q1") in headline.delta_description


def test_a_figure_without_previous_period_or_yoy_has_no_delta(view, units):
    headline = fact_headline(view, units, "trade.fdi.utilised", "zh", False)
    assert headline.delta is None and headline.delta_description is None


def test_the_change_between_periods_in_different_units_is_right(view, units):
    later = with_period(view, INCOME, "2021", 0.782)  # 7820元 written as 万元
    later.loc[later["period"] == "2021", ["unit", "factor"]] = ["万元", 10_000.0]
    headline = fact_headline(later, units, INCOME, "zh", False)
    assert numbers(headline.delta)[0] == 0  # 0.782万元 = 7820元: no change from 2019-end
