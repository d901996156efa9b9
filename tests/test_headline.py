"""Headline cards: the value as qualified, its period, its growth only as published or between like periods."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from components.i18n import t
from components.topics.headline import fact_card, metric_card
from support import FIRST_REPORT, LATER_REPORTS, add_rows, csv, dataset, edit_csv, folder, rows, view_of


def labels(name: str, lang: str) -> dict[str, str]:
    periods = rows(name, "periods")
    return {r["period"]: r[f"label_{lang}"] or r["label_zh"] for r in periods.to_dict("records")}


def span_kind(row) -> str | None:
    """What a period covers, from its dates as written: a point, so many whole months, so many days, or unknown."""
    if not row["start"] or not row["end"]:
        return None
    start, end = date.fromisoformat(row["start"]), date.fromisoformat(row["end"])
    if start == end:
        return "point"
    if start.day == 1 and (end + timedelta(days=1)).day == 1:
        return f"{(end.year - start.year) * 12 + end.month - start.month + 1} months"
    return f"{(end - start).days + 1} days"


def signed(pct: str) -> str:
    return pct if pct.startswith("-") else f"+{pct}"


@pytest.mark.parametrize(
    ("name", "lang", "metric", "period", "value"),
    [
        ("first", "zh", "investment.pipeline.negotiating.investment", "2020-ytd", "300多亿元"),
        ("first", "zh", "investment.output.expected_annual_output", "2020-ytd", "预计70亿元"),
        ("later", "zh", "investment.pipeline.signed.investment", "heze-devzone-2021-h1-ytd", "约260亿元"),
        ("later", "zh", "investment.output.expected_annual_output", "heze-devzone-2021-h1-ytd", "预计超过50亿元"),
        ("later", "zh", "talent.people.all_talent", "2021-H1", "近2,000名"),
        ("later", "zh", "investment.pipeline.new_start.projects", "2021-end", "力争50个以上"),
        ("first", "en", "investment.pipeline.negotiating.investment", "2020-ytd", "CNY 30 bn+"),
        ("first", "en", "investment.output.expected_annual_output", "2020-ytd", "expected CNY 7 bn"),
        ("later", "en", "investment.pipeline.signed.investment", "heze-devzone-2021-h1-ytd", "about CNY 26 bn"),
    ],
)
def test_a_value_keeps_its_qualifier_and_status(datasets, name, lang, metric, period, value):
    card = metric_card(view_of(datasets[name], lang), metric, period=period)
    assert card.value == value
    row = rows(name, "facts").set_index(["metric", "period"]).loc[(metric, period)]
    qualifiers = rows(name, "qualifiers").drop_duplicates("qualifier").set_index("qualifier")
    said = [qualifiers.loc[q, f"label_{lang}"] for q in (row["qualifier"], row["status"]) if q and q != "exact"]
    assert said, "each case is of a qualified figure"
    assert card.qualifier == " · ".join(said)
    assert card.covers == " · ".join([labels(name, lang)[period], *said])


@pytest.mark.parametrize("name", ["first", "later"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_figure_says_its_period(datasets, name, lang):
    view, named = view_of(datasets[name], lang), labels(name, lang)
    for row in rows(name, "facts").to_dict("records"):
        card = metric_card(view, row["metric"], period=row["period"])
        assert card.period == named[row["period"]] != "", row["metric"]


# (dataset, metric, period, what its growth compares): "yoy" the report's own rate, a period key, or None
GROWTH = [
    ("first", "trade.quarter.export", "2020-Q1", "yoy"),
    ("later", "trade.quarter.export", "2021-Q1", "yoy"),  # the rate as published, not worked out from 2020-Q1's
    ("later", "trade.quarter.import", "2021-H1", "yoy"),  # a fall, as published
    ("later", "poverty.income.per_capita", "2021-H1", "yoy"),
    ("later", "economy.output.industrial_output", "2021-H1", "yoy"),
    ("later", "poverty.income.per_capita", "2020-end", "2019-end"),  # the same point a year before
    ("first", "poverty.income.per_capita", "2019-end", None),  # 2016 is a whole year, not a point
    ("later", "talent.people.expert_visits", "2021-H1", None),  # the earlier figure's period is not stated
    ("later", "poverty.safety_net.relief_funds", "2021-H1", None),
    ("later", "investment.pipeline.new_start.investment", "heze-devzone-2021-h1-ytd", None),  # a span with no end
]


@pytest.mark.parametrize(("name", "metric", "period", "compares"), GROWTH)
def test_growth_is_published_or_from_a_like_period(datasets, name, metric, period, compares):
    card = metric_card(view_of(datasets[name]), metric, period=period)
    facts = rows(name, "facts").set_index(["metric", "period"])
    row = facts.loc[(metric, period)]
    if compares is None:
        assert (card.growth, card.growth_note) == (None, None)
    elif compares == "yoy":
        assert card.growth == signed(row["yoy_pct"] + "%")
        assert card.growth_note == t("headline.yoy", "zh")
        assert [e.source_id for e in card.evidence] == [row["source_id"]]
    else:
        before = facts.loc[(metric, compares)]
        now_value, then_value = float(row["value"]), float(before["value"])
        found = re.fullmatch(r"\+([\d,]+)元\s*\(\+([\d.]+)%\)", card.growth or "")
        assert found, card.growth
        assert int(found[1].replace(",", "")) == now_value - then_value
        assert float(found[2]) == round((now_value / then_value - 1) * 100, 1)
        named = labels(name, "zh")
        assert card.growth_note == t("headline.change_from", "zh", now=named[period], before=named[compares])
        assert {e.source_id for e in card.evidence} == {row["source_id"], before["source_id"]}


def test_income_at_2020_end_grew_1330_yuan_or_17_percent(later):
    """The issue's own example, said in both languages (17.0% may be written without its trailing zero)."""
    zh = metric_card(view_of(later), "poverty.income.per_capita", period="2020-end")
    en = metric_card(view_of(later, "en"), "poverty.income.per_capita", period="2020-end")
    assert re.fullmatch(r"\+1,330元\(\+17(\.0)?%\)", zh.growth), zh.growth
    assert re.fullmatch(r"\+CNY 1,330 \(\+17(\.0)?%\)", en.growth), en.growth
    named = labels("later", "en")
    assert en.growth_note == t("headline.change_from", "en", now=named["2020-end"], before=named["2019-end"])


def test_no_growth_across_unlike_spans(datasets):
    """Every figure of the later reports: a growth not as published compares periods of one kind of span."""
    name, view = "later", view_of(datasets["later"])
    periods = rows(name, "periods").set_index("period")
    named = labels(name, "zh")
    facts = rows(name, "facts")
    computed = 0
    for row in facts.to_dict("records"):
        card = metric_card(view, row["metric"], period=row["period"])
        if card.growth_note in (None, t("headline.yoy", "zh")):
            continue
        others = facts[(facts["metric"] == row["metric"]) & (facts["period"] != row["period"])]["period"]
        before = [p for p in others if card.growth_note.endswith(named[p]) or named[p] in card.growth_note]
        assert len(before) == 1, (row["metric"], card.growth_note)
        assert span_kind(periods.loc[before[0]]) == span_kind(periods.loc[row["period"]]) is not None, row["metric"]
        computed += 1
    assert computed >= 1


def test_a_lower_bound_is_not_compared_but_said(tmp_path):
    target = folder(tmp_path / "data", *LATER_REPORTS)
    edit_csv(target / "facts.csv", "as_published", "2019年年底的7820元", column="qualifier", new="at_least")
    view = view_of(dataset(target))
    card = metric_card(view, "poverty.income.per_capita", period="2020-end")
    assert card.growth is None
    assert card.growth_note == t("headline.change_bounds", "zh", now="2020年年底", before="2019年年底")
    before = metric_card(view, "poverty.income.per_capita", period="2019-end")
    assert before.value == "7,820多元" and before.growth is None


THREE_QUARTERS = {
    "sources.csv": "source_id,title_zh,title_en,publisher_zh,publisher_en,path,date_note_zh,date_note_en,period,sort_key\n"
    "test-quarters,测试用虚构文本:季度外贸,Made-up test text: quarterly trade,测试,Test,source/test-quarters.txt,虚构,Made up,2020-Q3,2\n",
    "periods.csv": "period,label_zh,label_en,start,end,sort_key,source_id\n"
    "2020-Q2,2020年第二季度,2020 Q2,2020-04-01,2020-06-30,41,\n"
    "2020-Q3,2020年第三季度,2020 Q3,2020-07-01,2020-09-30,42,\n",
    "facts.csv": "metric,period,topic,group,item,label_zh,label_en,value,unit,qualifier,as_published,source_id,source_quote\n"
    "trade.quarter.export,2020-Q2,trade,quarter,export,出口,Exports,4.5,亿元,exact,4.5亿元,test-quarters,春季过后出口4.5亿元。\n"
    "trade.quarter.export,2020-Q3,trade,quarter,export,出口,Exports,5.4,亿元,exact,5.4亿元,test-quarters,入秋出口5.4亿元。\n",
}


@pytest.fixture(scope="module")
def three_quarters(tmp_path_factory) -> Path:
    """The first report with a made-up report of exports in two more quarters: three like periods."""
    made = tmp_path_factory.mktemp("quarters")
    (made / "source").mkdir()
    for name, text in THREE_QUARTERS.items():
        (made / name).write_text(text, encoding="utf-8")
    (made / "source" / "test-quarters.txt").write_text("春季过后出口4.5亿元。入秋出口5.4亿元。", encoding="utf-8")
    target = tmp_path_factory.mktemp("data") / "data"
    folder(target)
    add_rows(target, made)
    return target


def test_three_like_periods_make_a_history(three_quarters):
    view = view_of(dataset(three_quarters))
    card = metric_card(view, "trade.quarter.export", period="2020-Q3")
    assert card.history == (4.08, 4.5, 5.4)
    assert card.history_periods == ("2020年第一季度", "2020年第二季度", "2020年第三季度")
    # two like periods so far: no history yet; a figure of another span has none of these
    assert metric_card(view, "trade.quarter.export", period="2020-Q2").history == ()
    assert metric_card(view, "trade.quarter.total").history == ()
    # the change from the last like period, where no year-before figure or published rate is given
    assert card.growth == "+0.9亿元(+20%)"
    assert card.growth_note == t("headline.change_from", "zh", now="2020年第三季度", before="2020年第二季度")


def test_a_period_without_the_figure_says_so(later):
    card = metric_card(view_of(later), "trade.quarter.import", period="2021-Q1")
    assert card.value == t("figure.not_in_period.value", "zh")
    assert card.period == "2021年第一季度"
    assert card.note == t("figure.not_in_period", "zh", period="2021年第一季度")
    assert (card.growth, card.evidence) == (None, ())
    with pytest.raises(KeyError):
        metric_card(view_of(later), "trade.quarter.nonexistent")


def test_a_card_of_a_fact_carries_its_own_label_and_sentence(first):
    view = view_of(first)
    fact = view.figures.latest("trade.fdi.utilised")
    card = fact_card(view, fact, note="附注")
    row = csv(FIRST_REPORT / "facts.csv").set_index("metric").loc["trade.fdi.utilised"]
    assert (card.label, card.value, card.metric) == (row["label_zh"], "3.06亿美元", "trade.fdi.utilised")
    assert card.note.startswith("附注")
    assert [s for e in card.evidence for s in e.sentences] == [row["source_quote"]]
