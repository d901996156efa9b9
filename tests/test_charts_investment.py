"""components/charts/investment.py: given a small frame, the Vega-Lite spec has the expected encodings, data,
titles in the reader's language, lower bounds drawn open-ended, and the project selection."""

from __future__ import annotations

import pandas as pd
import pytest

from components.charts import theme
from components.topics.investment.charts import pipeline_chart, projects_chart
from support import bar_order, checked_spec, spec_records, spec_rows

# The titles a reader sees, in each language
UNIT = {"zh": "亿元", "en": "CNY bn"}  # what the axis counts in, given to the chart by its builder
SEEN = {
    "pipeline_title": {"zh": "各阶段总投资", "en": "Total investment at each stage"},
    "pipeline_axis": {"zh": "总投资(亿元)", "en": "Total investment (CNY bn)"},
    "average": {"zh": "平均每个项目投资(推算)", "en": "Average per project (derived)"},
    "projects_title": {"zh": "点名项目的投资额(按阶段着色)", "en": "Investment in the named projects, coloured by stage"},
    "projects_axis": {"zh": "投资额(亿元)", "en": "Investment (CNY bn)"},
    "stage": {"zh": "阶段", "en": "Stage"},
    "industry": {"zh": "产业(编者归类)", "en": "Industry (editors' classification)"},
    "share": {"zh": "占本阶段总投资(推算)", "en": "Share of its stage (derived)"},
}


def layer_with(spec: dict, mark: str) -> dict:
    return next(layer for layer in spec["layer"] if layer["mark"]["type"] == mark)


@pytest.fixture
def stages() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "stage": ["negotiating", "signed"],
            "label": ["在谈", "新签约"],
            "value": [300.0, 240.0],
            "value_text": ["300多亿元", "240亿元"],
            "qualifier": ["at_least", "exact"],
            "qualifier_text": ["下限", "确数"],
            "period_label": ["2020年以来", "2020年以来"],
            "average_text": ["无法推算", "7.5亿元"],
            "derived": False,
        }
    )


@pytest.fixture
def projects() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "project_id": ["a", "b", "c"],
            "label": ["甲项目", "乙项目", "丙项目"],
            "stage": ["new_start", "negotiating", "negotiating"],
            "stage_label": ["新开工", "在谈", "在谈"],
            "stage_order": [2, 0, 0],
            "industry_label": ["生物医药", "其他", "装备制造"],
            "value": [150.0, float("nan"), 30.0],
            "value_text": ["150亿元", "未公布金额", "30亿元"],
            "qualifier": "exact",
            "qualifier_text": "确数",
            "period_label": "2020年以来",
            "share_text": ["68.2%", "无法推算", "不超过10%"],
            "derived": False,
        }
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pipeline_chart_titles_and_lower_bound(stages, lang):
    spec = pipeline_chart(stages, "investment", lang, unit=UNIT[lang]).to_dict()
    assert spec["title"] == SEEN["pipeline_title"][lang]
    bar = layer_with(spec, "bar")
    assert bar["encoding"]["x"]["title"] == SEEN["pipeline_axis"][lang]
    assert bar["encoding"]["y"]["sort"] == ["在谈", "新签约"], "stage order, not value order"
    open_end = layer_with(spec, "point")
    assert open_end["transform"] == [{"filter": "datum.is_bound"}], "only lower bounds are open-ended"
    assert open_end["encoding"]["x"]["field"] == "value" and "x2" not in open_end["encoding"], "it reaches no value"
    titles = [tip["title"] for tip in bar["encoding"]["tooltip"]]
    assert SEEN["average"][lang] in titles
    assert [r["value_text"] for r in spec_records(spec)] == ["300多亿元", "240亿元"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_projects_chart_shows_only_projects_with_an_amount_largest_first_coloured_by_stage(projects, lang):
    spec = checked_spec(projects_chart(projects, lang, unit=UNIT[lang]))
    assert spec["title"] == SEEN["projects_title"][lang]
    assert [r["project_id"] for r in spec_records(spec)] == ["a", "c"], "no bar for an unpublished amount, never a zero bar"
    bar = layer_with(spec, "bar")
    assert bar["encoding"]["x"]["field"] == "value" and bar["encoding"]["x"]["title"] == SEEN["projects_axis"][lang]
    assert bar_order(spec) == ["甲项目", "丙项目"]
    colour = bar["encoding"]["color"]
    assert colour["field"] == "stage_label" and colour["title"] == SEEN["stage"][lang]
    assert colour["scale"]["domain"] == ["在谈", "新开工"]
    assert colour["scale"]["range"] == [theme.STAGE_COLOURS[0], theme.STAGE_COLOURS[2]], "each stage keeps its own colour"
    tooltips = {tip["field"]: tip["title"] for tip in bar["encoding"]["tooltip"]}
    assert tooltips["industry_label"] == SEEN["industry"][lang]
    assert tooltips["share_text"] == SEEN["share"][lang]
    assert {"value_text", "qualifier_text", "period_label"} <= set(tooltips)


def test_projects_chart_captures_clicks_and_highlights_the_selected_project_from_the_data(projects):
    spec = checked_spec(projects_chart(projects, "zh", unit="亿元"))
    param = next(p for p in spec["params"] if p["name"] == "project")
    assert param["select"] == {"type": "point", "fields": ["project_id"]}
    assert "value" not in param, "the highlight comes from the data, so it always matches the page's selection"
    bar = layer_with(spec, "bar")
    assert bar["encoding"]["opacity"]["condition"]["test"] == "datum.derived", "only derived bars are lighter"
    assert "strokeWidth" not in bar["encoding"], "nothing outlined while nothing is selected"
    assert not any(r["selected"] for r in spec_records(spec))

    selected = checked_spec(projects_chart(projects, "zh", selected="c", unit="亿元"))
    assert [r["project_id"] for r in spec_records(selected) if r["selected"]] == ["c"]
    bar = layer_with(selected, "bar")
    # the selected bar is outlined; every bar keeps its stage's colour at full strength, so none reads as another stage
    assert bar["encoding"]["strokeWidth"]["condition"]["test"] == "datum.selected"
    assert bar["encoding"]["strokeWidth"]["condition"]["value"] > 0 == bar["encoding"]["strokeWidth"]["value"]
    assert bar["encoding"]["color"] == layer_with(spec, "bar")["encoding"]["color"]
    assert bar["encoding"]["opacity"] == layer_with(spec, "bar")["encoding"]["opacity"], "only derived bars are lighter"
    assert "stroke" not in bar["encoding"] and bar["mark"]["style"] == theme.SELECTED_STYLE, "the outline is in ink"
    unknown = checked_spec(projects_chart(projects, "zh", selected="b", unit="亿元"))  # b has no bar
    assert "strokeWidth" not in layer_with(unknown, "bar")["encoding"]


def test_the_colour_key_lists_the_unfiltered_stages_while_a_filter_hides_some(projects):
    filtered = projects[projects["stage"] == "new_start"]
    spec = checked_spec(projects_chart(filtered, "zh", key=projects, unit="亿元"))
    assert layer_with(spec, "bar")["encoding"]["color"]["scale"]["domain"] == ["在谈", "新开工"]
    assert set(spec_rows(spec)["stage_label"]) == {"新开工"}


def test_a_stage_keeps_its_colour_when_an_earlier_stage_is_not_in_the_period(stages):
    later = stages.iloc[1:].reset_index(drop=True)  # only 新签约, the second stage
    colour = layer_with(pipeline_chart(later, "investment", "zh", unit="亿元").to_dict(), "bar")["encoding"]["color"]
    assert colour["scale"]["range"] == [theme.STAGE_COLOURS[1]]
