"""How well the draft finds a report's figures: the first report against its curated rows (pinned in
tests/fixtures/first_report/), and two invented reports against figures written by hand (tests/fixtures/draft/)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from components.draft import Draft, Known, draft_report
from components.draft.numbers import COUNTED_NUMBER

TESTS = Path(__file__).resolve().parent
FIRST = TESTS / "fixtures" / "first_report"
INVENTED = TESTS / "fixtures" / "draft"
FIRST_ID = "heze-devzone-2020"
INVENTED_IDS = {"half-year-2021": "heze-devzone-2021-h1", "year-2021": "heze-devzone-2021", "q3-2022": "fixture-2022-q3"}


def table(name: str, folder: Path = FIRST) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)


@cache
def known() -> Known:
    return Known(table("facts"), table("units"), table("periods"), table("qualifiers"), table("projects"))


@cache
def first_report() -> tuple[str, Draft]:
    text = (FIRST / "source" / "heze-devzone-2020-report.txt").read_text(encoding="utf-8")
    return text, draft_report(text, FIRST_ID, known())


@cache
def invented(name: str) -> tuple[str, Draft, pd.DataFrame]:
    text = (INVENTED / f"{name}.txt").read_text(encoding="utf-8")
    return text, draft_report(text, INVENTED_IDS[name], known()), table(f"{name}.expected", INVENTED)


# --- where a row's figure is written ------------------------------------------------------------------------------


def span_in_quote(text: str, quote: str, as_published: str) -> tuple[int, int]:
    """Where a row's as_published is written: inside its quote, located in the text."""
    quote_at = text.index(quote)
    at = quote.index(as_published)
    return quote_at + at, quote_at + at + len(as_published)


def span_in_text(text: str, written: str) -> tuple[int, int]:
    """Where a hand-written locator is: it must be written exactly once in the whole report."""
    assert len(re.findall(re.escape(written), text)) == 1, f"{written!r} is not written exactly once"
    at = text.index(written)
    return at, at + len(written)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass(frozen=True)
class Figure:
    span: tuple[int, int]
    value: Decimal
    unit: str
    qualifier: str
    status: str
    row: dict[str, str]


def drafted(text: str, frame: pd.DataFrame, amount: str = "value") -> list[Figure]:
    return [
        Figure(span_in_quote(text, r["source_quote"], r["as_published"]), Decimal(r[amount]), r["unit"], r["qualifier"],
               r.get("status", ""), r)
        for r in frame.to_dict("records")
        if r[amount]
    ]  # fmt: skip


def same(a: Figure, b: Figure) -> bool:
    """The draft's figure is the expected one: same value, unit, qualifier and status, written at an overlapping place."""
    return (a.value, a.unit, a.qualifier, a.status) == (b.value, b.unit, b.qualifier, b.status) and overlaps(a.span, b.span)


def unaccounted(text: str, draft: Draft, source_id: str) -> list[str]:
    """tests/support.py's unaccounted_numbers on a draft: numbers of the text in no as_published (inside its quote) and
    no non_metric_numbers text. (Kept here because support imports the app, which must not be needed to draft.)"""
    covered = []
    for frame in (draft.facts, draft.projects):
        for row in frame.to_dict("records"):
            quote_at = text.find(row["source_quote"])
            for m in re.finditer(re.escape(row["as_published"]), row["source_quote"]):
                covered.append((quote_at + m.start(), quote_at + m.end()))
    for written in draft.non_metric_numbers.loc[draft.non_metric_numbers["source_id"] == source_id, "text"]:
        covered += [(m.start(), m.end()) for m in re.finditer(re.escape(written), text)]
    return [
        text[max(0, m.start() - 6) : m.end() + 6]
        for m in COUNTED_NUMBER.finditer(text)
        if not any(a <= m.start() and m.end() <= b for a, b in covered)
    ]


# --- the first report ---------------------------------------------------------------------------------------------


def test_first_report_figures_are_found():
    text, draft = first_report()
    curated = drafted(text, table("facts"))
    figures = drafted(text, draft.facts)
    missing = [c.row["as_published"] for c in curated if not any(same(f, c) for f in figures)]
    found = len(curated) - len(missing)
    print(f"\nfirst report: {found}/{len(curated)} curated figures found ({found / len(curated):.1%}); missing {missing}")
    assert found / len(curated) >= 0.95, missing


def test_first_report_project_amounts_are_found():
    text, draft = first_report()
    curated = drafted(text, table("projects"), "amount")
    amounts = drafted(text, draft.projects, "amount")
    missing = [c.row["as_published"] for c in curated if not any(same(a, c) for a in amounts)]
    found = len(curated) - len(missing)
    print(f"\nfirst report: {found}/{len(curated)} project amounts found; missing {missing}")
    assert found / len(curated) >= 0.95, missing


def test_first_report_false_figures_are_few():
    """A drafted figure that is no curated figure, no project amount and no reviewed non-figure is false."""
    text, draft = first_report()
    real = drafted(text, table("facts")) + drafted(text, table("projects"), "amount")
    reviewed = [(m.start(), m.end()) for t in table("non_metric_numbers")["text"] for m in re.finditer(re.escape(t), text)]
    false = [
        f.row["as_published"]
        for f in drafted(text, draft.facts)
        if not any(same(f, r) or overlaps(f.span, r.span) and f.unit == r.unit for r in real)
        and not any(overlaps(f.span, s) for s in reviewed)
    ]
    print(f"\nfirst report: {len(false)} false figures {false}")
    assert len(false) <= 3, false


def test_first_report_periods_where_the_text_says_them():
    text, draft = first_report()
    facts = draft.facts.set_index("as_published")
    assert set(draft.facts.loc[draft.facts["metric"].str.startswith("trade.quarter."), "period"]) == {"2020-Q1"}
    assert facts.loc["7820元", "period"] == "2019-end"
    assert facts.loc["3200元", "period"] == "2016"
    assert facts.loc["30个", "period"] == "2020-ytd"  # 今年以来, with the year the text opens with
    assert facts.loc["107家", "period"] == "as-of-report"  # 目前: this report's existing period
    assert facts.loc["140多个", "period"] == "cumulative"
    assert facts.loc["5.5万人以上", "period"] == "per-year"
    assert draft.periods.empty, "every period of the first report is in its periods.csv"


def test_first_report_metrics_are_continued():
    """The first report drafted against its own data continues the curated metric of every figure it finds."""
    text, draft = first_report()
    curated = drafted(text, table("facts"))
    pairs = [(f.row["metric"], c.row["metric"]) for f in drafted(text, draft.facts) for c in curated if same(f, c)]
    wrong = [pair for pair in pairs if pair[0] != pair[1]]
    print(f"\nfirst report: {len(pairs) - len(wrong)}/{len(pairs)} found figures continue the curated metric")
    assert len(wrong) <= 1, wrong


def test_first_report_every_number_is_accounted_for():
    text, draft = first_report()
    assert not unaccounted(text, draft, FIRST_ID)


# --- the invented reports -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(INVENTED_IDS))
def test_invented_report_is_marked_as_invented(name):
    text, _, expected = invented(name)
    assert text.splitlines()[0].startswith("【测试用虚构文本】")
    assert 15 <= len(expected) <= 60


@pytest.mark.parametrize("name", sorted(INVENTED_IDS))
def test_invented_report_figures_are_found(name):
    text, draft, expected = invented(name)
    rows = {"facts": draft.facts, "projects": draft.projects}
    missing, wrong_period, wrong_yoy = [], [], []
    for want in expected.to_dict("records"):
        target = Figure(span_in_text(text, want["as_published"]), Decimal(want["value"]), want["unit"], want["qualifier"],
                        want["status"] if want["table"] == "facts" else "", want)  # fmt: skip
        amount = "value" if want["table"] == "facts" else "amount"
        match = next((f for f in drafted(text, rows[want["table"]], amount) if same(f, target)), None)
        if match is None:
            missing.append(want["as_published"])
            continue
        if match.row["period"] != want["period"]:
            wrong_period.append((want["as_published"], match.row["period"], want["period"]))
        if want["table"] == "facts" and match.row["yoy_pct"] != want["yoy_pct"]:
            wrong_yoy.append((want["as_published"], match.row["yoy_pct"], want["yoy_pct"]))
    found = len(expected) - len(missing)
    print(f"\n{name}: {found}/{len(expected)} figures found; missing {missing}; period {wrong_period}; yoy {wrong_yoy}")
    assert found / len(expected) >= 0.95, missing
    assert len(wrong_period) <= 0.05 * len(expected), wrong_period
    assert not wrong_yoy


@pytest.mark.parametrize("name", sorted(INVENTED_IDS))
def test_invented_report_false_figures_are_few(name):
    text, draft, expected = invented(name)
    wanted = [span_in_text(text, w) for w in expected["as_published"]]
    false = [f.row["as_published"] for f in drafted(text, draft.facts) if not any(overlaps(f.span, w) for w in wanted)]
    print(f"\n{name}: {len(false)} false figures {false}")
    assert len(false) <= 1, false


@pytest.mark.parametrize("name", sorted(INVENTED_IDS))
def test_invented_report_every_number_is_accounted_for(name):
    text, draft, _ = invented(name)
    assert not unaccounted(text, draft, INVENTED_IDS[name])


@pytest.mark.parametrize("name", sorted(INVENTED_IDS))
def test_invented_report_rows_quote_the_text(name):
    text, draft, _ = invented(name)
    for frame in (draft.facts, draft.projects):
        for row in frame.to_dict("records"):
            assert row["source_quote"] in text
            assert row["source_quote"].count(row["as_published"]) == 1, row["as_published"]


def test_half_year_report_has_what_the_new_report_fixture_needs():
    text, _, expected = invented("half-year-2021")
    assert (expected["table"] == "facts").sum() >= 30
    needed = ["工业总产值", "一般公共预算收入", "进出口总值11.2亿元", "4300元", "约260亿元", "近2000名", "个百分点"]
    needed += ["预计年可新增产值超过", "力争全年新签约项目总投资突破", "10亿元以上的项目", "1—6月", "2,136人"]
    needed += ["“双过半”", "第一时间", "一期"]
    for written in needed:
        assert written in text, written


def test_half_year_report_continues_the_existing_metrics():
    _, draft, _ = invented("half-year-2021")
    metric = draft.facts.set_index("as_published")["metric"]
    assert metric["11.2亿元，同比增长23.1%"] == "trade.quarter.total"
    assert metric["9.36亿元，同比增长25.4%"] == "trade.quarter.export"
    assert metric["26个"] == "investment.pipeline.new_start.projects"
    assert metric["4300元，同比增长9.6%"] == "poverty.income.per_capita"
    assert metric["约860万元"] == "poverty.safety_net.relief_funds"
    assert metric["150多个"] == "trade.fdi.approved_projects"


def test_half_year_report_proposes_new_metrics_for_new_topics():
    _, draft, _ = invented("half-year-2021")
    rows = draft.facts.set_index("as_published")
    output, revenue = rows.loc["156.3亿元，同比增长18.6%"], rows.loc["8.62亿元，同比增长11.5%"]
    assert output["metric"].startswith("draft.") and output["label_zh"] == "工业总产值"
    assert revenue["metric"].startswith("draft.") and revenue["label_zh"] == "一般公共预算收入"
    assert output["metric"] != revenue["metric"]
    assert (output["topic"], output["group"], output["label_en"]) == ("", "", "")


def test_half_year_report_periods_and_units_to_review():
    _, draft, _ = invented("half-year-2021")
    periods = draft.periods.set_index("period")
    assert list(draft.periods.columns) == list(table("periods").columns)
    assert periods.loc["2021-H1", ["label_zh", "start", "end", "source_id"]].tolist() == [
        "2021年上半年",
        "2021-01-01",
        "2021-06-30",
        "",
    ]
    assert periods.loc["2021-ytd", ["start", "end", "source_id"]].tolist() == ["2021-01-01", "", "heze-devzone-2021-h1"]
    assert periods.loc["2021-end", ["start", "end"]].tolist() == ["2021-12-31", "2021-12-31"]
    assert periods.loc["heze-devzone-2021-h1-now", "source_id"] == "heze-devzone-2021-h1"
    existing = pd.to_numeric(table("periods")["sort_key"]).max()
    assert (pd.to_numeric(draft.periods["sort_key"]) > existing).all()
    assert draft.unknown_units == ["万剂次", "个百分点"]
    assert draft.unknown_periods == []
