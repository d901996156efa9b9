"""Investment page: averages of firm figures only, project shares of their own period's stage, filters, selection."""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest

from components.i18n import t
from components.topics import investment, registry
from components.topics.blocks import Chart, Note
from components.topics.parts import filters_said, resolved
from support import FIRST_REPORT, csv, rows, view_of

STAGE_NAMES = {"negotiating": "在谈", "signed": "新签约", "new_start": "新开工", "continuing": "续建", "in_production": "达产"}


def pct(part: str, whole: str) -> str:
    """part / whole as a percentage to one decimal, rounded half up (四舍五入) as a reader rounds: 10 of 160 is 6.3%."""
    share = (Decimal(part) / Decimal(whole) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{share.normalize():f}%"


def page_view(data, lang="zh", **seen):
    view = view_of(data, lang)
    return replace(view, choices=resolved(registry.by_key(registry.topics(data), "investment"), view, seen))


def stage_rows(name: str, period: str) -> dict[str, dict[str, dict]]:
    """{stage: {"projects"|"investment": its row}} of a period, from facts.csv."""
    facts = rows(name, "facts")
    facts = facts[(facts["group"] == "pipeline") & (facts["period"] == period)]
    out: dict[str, dict[str, dict]] = {}
    for row in facts.to_dict("records"):
        out.setdefault(row["stage"], {})[row["item"]] = row
    return out


def kind(name: str, row: dict) -> str:
    qualifiers = rows(name, "qualifiers").drop_duplicates("qualifier").set_index("qualifier")
    return "exact" if row["qualifier"] in ("", "exact") else qualifiers.loc[row["qualifier"], "kind"]


@pytest.mark.parametrize(("name", "period"), [("first", "2020-ytd"), ("later", "heze-devzone-2021-h1-ytd"), ("later", "2021")])
def test_averages_only_where_both_figures_are_firm(datasets, name, period):
    view = page_view(datasets[name], period=period)
    stages = {s.key: s for s in investment.stages(view)}
    expected = stage_rows(name, period)
    assert set(stages) == set(expected)
    for key, found in expected.items():
        text = investment.average_text(view, stages[key])
        if set(found) != {"projects", "investment"}:
            assert stages[key].average is None and text == t("investment.average.missing", "zh")
        elif all(kind(name, r) == "exact" and not r["status"] for r in found.values()):
            average = float(found["investment"]["value"]) / float(found["projects"]["value"])
            assert float(stages[key].average) == pytest.approx(average)
            assert text == f"{round(average, 2):g}亿元"
        else:
            assert stages[key].average is None and text == t("investment.average.undefined", "zh")
        assert f"{STAGE_NAMES[key]} {text}" in investment.average_note(view).text


def test_the_pipeline_is_of_the_latest_period_with_actual_figures(later):
    view = page_view(later)
    assert view.choice("period") == "heze-devzone-2021-h1-ytd"  # not 2021 or 2021-end, which hold targets only
    options = investment.TOPIC.filters[0].options(view)
    assert {"2020-ytd", "fixture-2021-ytd", "heze-devzone-2021-h1-ytd", "2021", "2021-end"} == set(options)
    chart = investment.pipeline_chart(view)
    assert {p.period for p in chart.model.points} == {"2021年以来(至上半年报告时)"}
    assert [p.category for p in chart.model.points] == list(STAGE_NAMES.values())


def test_the_pipeline_in_projects_reads_each_count_as_published(first):
    chart = investment.pipeline_chart(page_view(first, measure="projects"))
    found = stage_rows("first", "2020-ytd")
    expected = [found[s]["projects"]["as_published"] for s in STAGE_NAMES]
    assert [p.text for p in chart.model.points] == expected  # 50多个, 32个… as the report writes them


@pytest.mark.parametrize(
    ("name", "period"), [("first", "2020-ytd"), ("later", "fixture-2021-ytd"), ("later", "heze-devzone-2021-h1-ytd")]
)
def test_a_project_is_a_share_of_its_own_periods_stage_total(datasets, name, period):
    view = page_view(datasets[name], period=period)
    projects = {p.key: p for p in investment.projects(view)}
    named = rows(name, "projects")
    named = named[named["period"] == period]
    assert set(projects) == set(named["project_id"])
    totals = stage_rows(name, period)
    for row in named.to_dict("records"):
        total = totals[row["stage"]]["investment"]
        share = projects[row["project_id"]].share
        if not row["amount"]:
            assert share == t("investment.share.undefined", "zh")
            continue
        value = pct(row["amount"], total["value"])
        if kind(name, total) == "lower_bound":  # of more than the total: at most this share
            assert share == t("investment.share.at_most", "zh", share=value), row["project_id"]
        elif kind(name, total) == "exact" and not total["status"]:
            assert share == value, row["project_id"]
        else:
            assert share == t("investment.share.undefined", "zh"), row["project_id"]
    assert {p.period for p in projects.values()} == {rows(name, "periods").set_index("period").loc[period, "label_zh"]}


def test_shares_by_hand(first, later):
    """The issue's examples: 150 of 220 亿元 is 68.2%; 100 of 「300多亿元」 is at most 33.3%."""
    shares = {p.key: p.share for p in investment.projects(page_view(first))}
    assert shares["pharma_port"] == "68.2%"
    assert shares["biochip"] == "不超过33.3%"
    later_shares = {p.key: p.share for p in investment.projects(page_view(later, period="fixture-2021-ytd"))}
    assert later_shares["pharma_port"] == "38.5%"  # of 2021's continuing projects (390亿元), not of 2020's


def kept_names(view) -> list[str]:
    made = investment.projects_chart(view)
    if isinstance(made, Note):
        return []
    assert isinstance(made, Chart)
    return sorted(made.table[t("investment.table.project", "zh")])


NAMED = csv(FIRST_REPORT / "projects.csv")
AMOUNT = pd.to_numeric(NAMED["amount"], errors="coerce")


@pytest.mark.parametrize(
    ("seen", "kept"),
    [
        ({}, NAMED["name_zh"]),
        ({"stage": ["new_start"]}, NAMED[NAMED["stage"] == "new_start"]["name_zh"]),
        ({"stage": ["signed", "negotiating"]}, NAMED[NAMED["stage"].isin(["signed", "negotiating"])]["name_zh"]),
        ({"industry": ["biomedicine"]}, NAMED[NAMED["industry"] == "industry.biomedicine"]["name_zh"]),
        ({"industry": ["other"]}, NAMED[NAMED["industry"] == ""]["name_zh"]),
        (
            {"stage": ["new_start"], "industry": ["biomedicine"]},
            NAMED[(NAMED["stage"] == "new_start") & (NAMED["industry"] == "industry.biomedicine")]["name_zh"],
        ),
        ({"min_amount": 30}, NAMED[AMOUNT >= 30]["name_zh"]),
        ({"min_amount": 10.5}, NAMED[AMOUNT >= 10.5]["name_zh"]),
        ({"q": "医药"}, NAMED[NAMED["name_zh"].str.contains("医药")]["name_zh"]),
        ({"q": "PORT"}, NAMED[NAMED["name_en"].str.lower().str.contains("port")]["name_zh"]),
        ({"q": "不存在的项目"}, []),
    ],
)
def test_filters_keep_the_right_projects(first, seen, kept):
    assert kept_names(page_view(first, **seen)) == sorted(kept)


def test_the_chart_draws_the_kept_projects_with_an_amount_and_names_the_others(first):
    chart = investment.projects_chart(page_view(first, stage=["negotiating"]))
    negotiating = NAMED[NAMED["stage"] == "negotiating"]
    drawn = negotiating[negotiating["amount"] != ""]
    assert sorted(p.category for p in chart.model.points) == sorted(drawn["name_zh"])
    unpublished = negotiating[negotiating["amount"] == ""]["name_zh"].tolist()
    assert any(all(n in note for n in unpublished) for note in chart.model.notes)
    # the key of the stages stays whatever the filter
    assert [name for name, _ in chart.model.legend] == [
        t(f"stage.{s}", "zh") for s in STAGE_NAMES if (NAMED[NAMED["stage"] == s]["amount"] != "").any()
    ]


def test_the_selection_summary(first):
    view = page_view(first, project="pharma_port")
    industry = csv(FIRST_REPORT / "items.csv").set_index("item_id").loc["industry.biomedicine", "name_zh"]
    summary = investment.selection(view).summary
    for said in ("菏泽现代医药港", t("stage.new_start", "zh"), industry, "150亿元", "68.2%"):
        assert said in summary
    assert t("investment.selected.filtered_out", "zh") not in summary
    assert [p.selected for p in investment.projects_chart(view).model.points].count(True) == 1
    table = investment.projects_chart(view).table
    assert table.iloc[0][t("investment.table.project", "zh")] == "菏泽现代医药港"  # the selected one heads the table
    outside = investment.selection(page_view(first, project="pharma_port", stage=["signed"])).summary
    assert outside.endswith(t("investment.selected.filtered_out", "zh"))
    nothing = investment.selection(page_view(first))
    assert nothing.summary is None and nothing.hint == t("investment.selected.hint", "zh")


def test_filters_are_said_in_words(first):
    view = page_view(first, stage=["new_start"], min_amount=10)
    section = next(s for s in investment.TOPIC.sections if s.key == "projects")
    said = filters_said(section.filters, view, view.choices)
    assert said == [
        f"{t('investment.filter.stage', 'zh')}{t('filter.colon', 'zh')}{t('stage.new_start', 'zh')}",
        f"{t('investment.filter.min_amount', 'zh')} ≥ 10",
    ]
