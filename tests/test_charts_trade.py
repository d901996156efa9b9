"""components/charts/trade.py: given a small frame, the Vega-Lite spec has the expected encodings and data; derived
prior-year bars are lighter and dashed, and say "derived" in the legend; enterprise groups are separate bars."""

from __future__ import annotations

import pandas as pd
import pytest

from components.charts import theme
from components.topics.trade.charts import DERIVED_DASH, enterprises_chart, flows_chart
from support import bar_order, checked_spec, spec_records, spec_rows

# The titles a reader sees, in each language
SEEN = {
    "flows_title": {"zh": "进出口额:本期与上年同期(推算)", "en": "Trade: this period and a year earlier (derived)"},
    "flows_axis": {"zh": "金额(亿元)", "en": "Value (CNY m)"},
    "series": {"zh": "时期", "en": "Period"},
    "enterprises_title": {
        "zh": "各类企业数(各自计数,不可相加)",
        "en": "Enterprises by group (counted separately, not to be added)",
    },
    "enterprises_axis": {"zh": "企业数(家)", "en": "Enterprises"},
}


def layer_with(spec: dict, mark: str) -> dict:
    return next(layer for layer in spec["layer"] if layer["mark"]["type"] == mark)


@pytest.fixture
def flows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "flow": ["export", "export", "total"],
            "label": ["出口", "出口", "进出口总值"],
            "series": ["current", "prior", "current"],
            "series_label": ["2020年第一季度", "2019年第一季度(推算)", "2020年第一季度"],
            "value": [4.08, 3.92, 4.87],
            "unit": "亿元",
            "value_text": ["4.08亿元", "约3.92亿元", "4.87亿元"],
            "qualifier": "exact",
            "qualifier_text": ["确数", "推算值:4.08亿元 ÷ (1 + 4.1%)", "确数"],
            "period_label": ["2020年第一季度", "2019年第一季度(推算)", "2020年第一季度"],
            "yoy_text": ["+4.1%", "+4.1%", "+4.9%"],
            "derived": [False, True, False],
            "order": [0, 0, 2],
        }
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_flows_chart_groups_each_flow_with_its_prior_year(flows, lang):
    spec = checked_spec(flows_chart(flows, lang, unit={"zh": "亿元", "en": "CNY m"}[lang]))
    assert spec["title"] == SEEN["flows_title"][lang]
    bar = layer_with(spec, "bar")
    enc = bar["encoding"]
    assert enc["y"]["field"] == "label" and bar_order(spec) == ["出口", "进出口总值"]
    assert enc["yOffset"]["field"] == "series_label"
    assert enc["x"]["field"] == "value" and enc["x"]["title"] == SEEN["flows_axis"][lang]
    assert enc["color"]["title"] == SEEN["series"][lang]
    assert enc["color"]["scale"]["domain"] == ["2020年第一季度", "2019年第一季度(推算)"]
    current, prior = enc["color"]["scale"]["range"]
    assert current == theme.PALETTE[0] and prior.startswith("rgba(") and prior.endswith(f"{theme.DERIVED_OPACITY})")
    assert enc["strokeDash"] == {"condition": {"test": "datum.derived", "value": DERIVED_DASH}, "value": [1, 0]}
    tooltips = {tip["field"]: tip["title"] for tip in enc["tooltip"]}
    assert {"label", "value_text", "qualifier_text", "period_label", "yoy_text"} <= set(tooltips)
    assert [r["value"] for r in spec_records(spec)] == [4.08, 3.92, 4.87]
    assert layer_with(spec, "text")["encoding"]["text"]["field"] == "value_text"


def test_flows_chart_grows_with_its_bars_and_a_flow_choice_changes_its_rows_only(flows):
    spec = checked_spec(flows_chart(flows, "zh", unit="亿元"))
    assert "step" in spec["height"], "a step per flow: the chart's height follows its rows"
    export_only = checked_spec(flows_chart(flows[flows["flow"] == "export"], "zh", unit="亿元"))
    # the rows, and the room their labels need (charts.base.room_params), are all that changes
    same = {k: v for k, v in spec.items() if k not in ("datasets", "params")}
    assert {k: v for k, v in export_only.items() if k not in ("datasets", "params")} == same
    assert [p["name"] for p in export_only["params"]] == [p["name"] for p in spec["params"]]
    assert len(spec_rows(export_only)) == 2


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_enterprises_chart_has_one_separate_bar_per_group_in_the_given_order(lang):
    frame = pd.DataFrame(
        {
            "label": ["有进出口实绩的企业", "过1000万元", "外资企业"],
            "value": [107.0, 21.0, 10.0],
            "value_text": ["107家", "21家", "10家"],
            "qualifier": "exact",
            "qualifier_text": "确数",
            "period_label": "报告时",
            "derived": False,
        }
    )
    spec = enterprises_chart(frame, lang).to_dict()
    assert spec["title"] == SEEN["enterprises_title"][lang]
    bar = layer_with(spec, "bar")
    assert bar["encoding"]["y"]["sort"] == list(frame["label"])
    assert "color" not in bar["encoding"] or "field" not in bar["encoding"]["color"], "no parts of a whole"
    assert "stack" not in bar["encoding"]["x"] or bar["encoding"]["x"]["stack"] in (None, False)
    assert bar["encoding"]["x"]["title"] == SEEN["enterprises_axis"][lang]
    assert [r["value"] for r in spec_records(spec)] == [107.0, 21.0, 10.0]
