"""components/figures/frames.py: display frames of facts, the reader's table, the one-period pipeline, exact conversion."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_EVEN, Decimal

import pandas as pd
import pytest

from components.figures.derived import STAGE_ORDER
from components.figures.frames import converted_frame, facts_frame, pipeline_frame, pipeline_rows, table_for_reader
from support import csv

PIPELINE = "investment.pipeline."
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def dec(value) -> Decimal:
    """The decimal a float was written as."""
    return Decimal(repr(float(value)))


def number_in(text: str) -> Decimal:
    return Decimal(NUMBER.search(text).group().replace(",", ""))


def pipeline_csv(period: str = "2020-ytd") -> pd.DataFrame:
    rows = csv("facts")
    return rows[rows["metric"].str.startswith(PIPELINE) & (rows["period"] == period)].set_index(["stage", "item"])


def with_second_pipeline_period(view: pd.DataFrame, drop: str | None = None) -> pd.DataFrame:
    """The view plus a made-up later pipeline period "2021" whose figures are different (the 2020 ones × 3 + 1, all
    exact), with their own sentence; `drop` leaves out one of its metrics."""
    rows = view[view["metric"].str.startswith(PIPELINE)].copy()
    rows["period"], rows["period_zh"], rows["period_en"] = "2021", "2021年", "2021"
    rows["sort_key"] = pd.array([1000] * len(rows), dtype="Int64")
    rows["value"] = rows["value"] * 3 + 1
    rows["qualifier"] = "exact"
    rows["source_quote"] = "2021: " + rows["metric"]
    if drop:
        rows = rows[rows["metric"] != drop]
    return pd.concat([view, rows], ignore_index=True)


# facts_frame, table_for_reader


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_facts_frame_has_each_rows_label_value_period_and_source(view, units, lang):
    rows = view[view["topic"] == "trade"]
    out = facts_frame(rows, units, lang)
    written = csv("facts").set_index(["metric", "period"])
    periods, sources = csv("periods").set_index("period"), csv("sources").set_index("source_id")
    assert {"source_id", "citation", "source_quote", "value_text", "qualifier_text", "period_label", "derived"} <= set(out)
    assert not out["derived"].any()
    for shown, row in zip(out.to_dict("records"), rows.to_dict("records")):
        stored = written.loc[(row["metric"], row["period"])]
        assert shown["label"] == stored[f"label_{lang}"]
        assert dec(shown["value"]) == Decimal(stored["value"])
        assert shown["period_label"] == periods.loc[row["period"], f"label_{lang}"]
        assert shown["source_id"] == stored["source_id"]
        assert shown["source_quote"] == stored["source_quote"]
        assert sources.loc[stored["source_id"], f"title_{lang}"] in shown["citation"]


def test_facts_frame_value_text_keeps_the_qualifier(view, units):
    metric = "investment.pipeline.negotiating.investment"
    stored = csv("facts").set_index("metric").loc[metric]
    assert stored["qualifier"] == "at_least"
    zh = facts_frame(view[view["metric"] == metric], units, "zh").iloc[0]
    en = facts_frame(view[view["metric"] == metric], units, "en").iloc[0]
    assert zh["value_text"] == f"{stored['value']}多{stored['unit']}"  # 300多亿元, as the report writes it
    assert en["value_text"] == f"CNY {int(stored['value']) * 10**8 // 10**9} bn+"
    exact = facts_frame(view[view["metric"] == "trade.quarter.total"], units, "en").iloc[0]
    assert zh["qualifier_text"] and exact["qualifier_text"] and "lower bound" in en["qualifier_text"]
    assert "lower bound" not in exact["qualifier_text"]


def test_table_for_reader_keeps_the_listed_columns_in_order_with_translated_headers():
    frame = pd.DataFrame({"label": ["a"], "value": [1.0], "citation": ["c"], "source_quote": ["q"], "extra": [0]})
    table = table_for_reader(frame, "zh", {"source_quote": "table.sentence", "citation": "table.source"})
    assert list(table.columns) == ["原文", "出处"]
    assert table.iloc[0].tolist() == ["q", "c"]
    assert list(table_for_reader(frame, "en", {"citation": "table.source"}).columns) == ["Published in"]


# pipeline_rows, pipeline_frame


def test_pipeline_rows_are_the_pipeline_figures_of_one_period(view):
    rows = pipeline_rows(view)
    assert set(rows["metric"]) == {f"{PIPELINE}{s}.{i}" for s in STAGE_ORDER for i in ("projects", "investment")}
    assert set(rows["period"]) == {"2020-ytd"}
    two = with_second_pipeline_period(view)
    assert set(pipeline_rows(two)["period"]) == {"2021"}
    assert set(pipeline_rows(two, "2020-ytd")["period"]) == {"2020-ytd"}
    assert pipeline_rows(two, "2020-ytd")["value"].tolist() == rows["value"].tolist()


@pytest.mark.parametrize("measure", ["projects", "investment"])
def test_pipeline_frame_shows_each_stage_with_its_stored_value(view, units, measure):
    out = pipeline_frame(view, units, measure, "zh")
    stored = pipeline_csv()
    assert out["stage"].tolist() == STAGE_ORDER
    for row in out.to_dict("records"):
        written = stored.loc[(row["stage"], measure)]
        assert dec(row["value"]) == Decimal(written["value"])
        assert row["metric"] == written["metric"]
        assert row["source_quote"] == written["source_quote"]
        assert number_in(row["value_text"]) == Decimal(written["value"])
        assert row["value_text"].endswith(("多" if written["qualifier"] == "at_least" else "") + written["unit"])


def test_pipeline_frame_average_is_investment_over_projects_or_not_derivable(view, units):
    out = pipeline_frame(view, units, "investment", "zh").set_index("stage")
    stored = pipeline_csv()
    for stage in STAGE_ORDER:
        projects, investment = stored.loc[(stage, "projects")], stored.loc[(stage, "investment")]
        text = out.loc[stage, "average_text"]
        if "at_least" in (projects["qualifier"], investment["qualifier"]):
            assert "无法推算" in text
        else:
            expected = (Decimal(investment["value"]) / Decimal(projects["value"])).quantize(Decimal("0.01"), ROUND_HALF_EVEN)
            assert number_in(text) == expected and text.endswith(investment["unit"])


def test_with_two_pipeline_periods_each_frame_uses_only_its_own_periods_figures(view, units):
    two = with_second_pipeline_period(view)
    for period, factor, offset, label in (
        ("2020-ytd", 1, 0, csv("periods").set_index("period").loc["2020-ytd", "label_zh"]),
        ("2021", 3, 1, "2021年"),
    ):
        frames = {m: pipeline_frame(two, units, m, "zh", period).set_index("stage") for m in ("projects", "investment")}
        stored = pipeline_csv()
        for stage in STAGE_ORDER:
            projects = Decimal(stored.loc[(stage, "projects"), "value"]) * factor + offset
            investment = Decimal(stored.loc[(stage, "investment"), "value"]) * factor + offset
            assert dec(frames["projects"].loc[stage, "value"]) == projects
            assert dec(frames["investment"].loc[stage, "value"]) == investment
            assert frames["investment"].loc[stage, "period_label"] == label
            text = frames["investment"].loc[stage, "average_text"]
            bounds = "at_least" in stored.loc[stage, "qualifier"].tolist()
            if period == "2020-ytd" and bounds:
                assert "无法推算" in text
            else:  # 2021 is all exact: every average is derived, from 2021's own two figures
                assert number_in(text) == (investment / projects).quantize(Decimal("0.01"), ROUND_HALF_EVEN), (period, stage)
            quote = frames["investment"].loc[stage, "source_quote"]
            assert quote.startswith("2021: ") == (period == "2021")


def test_the_pipeline_frame_defaults_to_the_latest_period(view, units):
    two = with_second_pipeline_period(view)
    assert pipeline_frame(two, units, "projects", "en")["period_label"].unique().tolist() == ["2021"]


def test_a_stage_missing_a_figure_in_one_period_is_left_out_of_that_measure_and_period_only(view, units):
    two = with_second_pipeline_period(view, drop=f"{PIPELINE}signed.investment")
    assert "signed" not in pipeline_frame(two, units, "investment", "zh", "2021")["stage"].tolist()
    later_projects = pipeline_frame(two, units, "projects", "zh", "2021").set_index("stage")
    assert "signed" in later_projects.index, "its number of projects is still shown"
    assert later_projects.loc["signed", "average_text"] == "无法推算(该时期缺少项目数或总投资)", (
        "no average without the investment"
    )
    assert "signed" in pipeline_frame(two, units, "investment", "zh", "2020-ytd")["stage"].tolist()


def test_the_pipeline_frame_uses_the_unit_of_its_own_period(view, units):
    two = with_second_pipeline_period(view)
    later = (two["period"] == "2021") & (two["item"] == "investment")
    two.loc[later, "unit"] = "万元"
    out = pipeline_frame(two, units, "investment", "zh", "2021")
    assert out["value_text"].str.endswith("万元").all()


# converted_frame


def test_converted_frame_puts_ten_thousand_people_in_people_exactly(view, units):
    metric = "poverty.employment.labour_export"
    stored = csv("facts").set_index("metric").loc[metric]
    assert stored["unit"] == "万人"
    out = converted_frame(view[view["metric"] == metric], units, "zh").iloc[0]
    assert dec(out["value"]) == Decimal(stored["value"]) * 10_000
    assert out["plot_unit"] == "人" and out["quantity"] == "people"
    assert out["value_text"] == f"{stored['value']}万人以上"  # the published text and its qualifier stay


def test_converted_frame_to_a_chosen_unit_per_quantity(view, units):
    rows = view[
        view["metric"].isin(["trade.quarter.total", "poverty.safety_net.relief_funds", "poverty.employment.free_training"])
    ]
    out = converted_frame(rows, units, "zh", {"money_cny": "万元"}).set_index("metric")
    written = csv("facts").set_index("metric")
    factors = csv("units").set_index("unit")["factor"].map(Decimal)
    for metric in out.index:
        stored = written.loc[metric]
        target = (
            "万元"
            if out.loc[metric, "quantity"] == "money_cny"
            else csv("units").set_index("unit").loc[stored["unit"], "base_unit"]
        )
        assert out.loc[metric, "plot_unit"] == target
        expected = Decimal(stored["value"]) * factors[stored["unit"]] / factors[target]
        assert dec(out.loc[metric, "value"]) == expected.normalize()
    assert out.loc["trade.quarter.total", "value"] == 48_700  # 4.87亿元 = 48,700万元


# A label as published, read back: its number and the unit it is written in (「300多亿元」 -> 300, 亿元;
# "CNY 30 bn+" -> 30, CNY bn; "55,000+ people" -> 55000, people; "50+" -> 50, no unit word).
ZH_LABEL = re.compile(r"(?P<number>\d[\d,]*(?:\.\d+)?)多?(?P<unit>[^\d以]*?)(?:以上)?$")
EN_LABEL = re.compile(r"(?:(?P<currency>CNY|USD) )?(?P<number>\d[\d,]*(?:\.\d+)?)(?: (?P<scale>bn|m))?\+?(?: (?P<unit>.+))?$")


def read_label(text: str, lang: str) -> tuple[float, float, str]:
    """Number, half a step of its last digit (what rounding may hide), unit."""
    found = (ZH_LABEL if lang == "zh" else EN_LABEL).search(text)
    digits = found["number"].replace(",", "")
    half_step = 0.5 * 10 ** -len(digits.partition(".")[2])
    if lang == "en" and found["currency"]:
        return float(digits), half_step, " ".join(filter(None, (found["currency"], found["scale"])))
    return float(digits), half_step, found["unit"] or ""


def bar_charts(lang: str):
    from components.briefing import content
    from components.data.loader import read_dataset

    data = read_dataset()
    for topic in content.briefing(data, content.direct(data), lang, presenting=False, shown={}).topics:
        for block in topic.charts:
            if '"bar"' in json.dumps(block.spec):
                yield block


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_bar_chart_counts_its_axis_in_the_unit_and_scale_of_its_largest_label(lang):
    from components.briefing.native import native_chart

    checked = 0
    for block in bar_charts(lang):
        chart = native_chart(block)
        points = [(v, label) for s in chart.series for v, label in zip(s.values, s.labels) if v is not None]
        largest, text = max(points)
        _, _, unit = read_label(text, lang)
        assert unit.casefold() in chart.axis_title.casefold(), (block.file_stem, text, chart.axis_title)
        for value, label in points:  # every bar whose label is in the axis's unit reaches the number it says
            said, rounding, its_unit = read_label(label, lang)
            if its_unit == unit:
                assert abs(value - said) <= rounding + 1e-9, (block.file_stem, label, value)
        checked += 1
    assert checked >= 8
