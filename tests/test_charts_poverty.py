"""components/charts/poverty.py: income at its published points only (a dashed, labelled line between them), and
money by theme on one labelled scale."""

from __future__ import annotations

import pandas as pd
import pytest

from components.topics.poverty.charts import income_chart, money_chart
from support import bar_order, checked_spec, spec_rows

# The titles a reader sees, in each language
SEEN = {
    "income_title": {"zh": "建档立卡贫困户人均纯收入", "en": "Per-capita net income of registered poor households"},
    "line_note": {"zh": "虚线:仅连接公布值", "en": "dashed: joins published values only"},
    "income_axis": {"zh": "人均纯收入(元)", "en": "Per-capita net income (CNY)"},
    "money_title": {"zh": "各主题投入资金", "en": "Funds invested, by theme"},
    "money_axis": {"zh": "金额(亿元)", "en": "Amount (CNY bn)"},
    "qualifier": {"zh": "说明", "en": "Note"},
}


def income(points=((2016, "2016年", 3200.0), (2019, "2019年年底", 7820.0))) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [p[0] for p in points],
            "period_label": [p[1] for p in points],
            "value": [p[2] for p in points],
            "value_text": [f"{p[2]:,.0f}元" for p in points],
            "label": "income",
            "qualifier": "exact",
            "qualifier_text": "exact",
        }
    )


def marks(spec: dict) -> dict[str, dict]:
    return {layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]: layer for layer in spec["layer"]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_income_has_a_point_per_published_value_and_a_dashed_labelled_line(lang):
    spec = income_chart(income(), lang).to_dict()
    layers = marks(spec)
    assert spec["title"] == SEEN["income_title"][lang]
    assert layers["line"]["mark"]["strokeDash"], "the connecting line is dashed"
    notes = [layer for layer in spec["layer"] if layer["encoding"].get("text", {}).get("field") == "note"]
    assert len(notes) == 1, "and labelled as only joining the published values"
    note_data = spec["datasets"][notes[0]["data"]["name"]]
    assert note_data[0]["note"] == SEEN["line_note"][lang]
    x = layers["point"]["encoding"]["x"]
    assert x["axis"]["values"] == [2016, 2019], "ticks only at the published points"
    assert "2019年年底" in x["axis"]["labelExpr"]
    assert layers["point"]["encoding"]["y"]["title"] == SEEN["income_axis"][lang]


def test_the_points_are_the_published_values_only():
    spec = income_chart(income(), "zh").to_dict()
    point = marks(spec)["point"]
    data = spec["datasets"][point["data"]["name"]] if "data" in point else spec["datasets"][spec["data"]["name"]]
    assert [row["value"] for row in data] == [3200.0, 7820.0]


def test_one_point_gets_no_line():
    spec = income_chart(income(((2019, "2019", 7820.0),)), "zh").to_dict()
    assert "line" not in marks(spec)


def money() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "label": ["Education", "Health", "Safety net"],
            "measure": ["invested"] * 3,
            "value": [19.0, 2.6, 0.3],
            "value_text": ["19亿元", "2.6亿元", "3,000多万元"],
            "qualifier": ["exact", "exact", "at_least"],
            "qualifier_text": ["exact", "exact", "lower bound"],
            "period_label": "p",
            "derived": False,
        }
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_money_is_on_one_labelled_scale_with_the_published_text_and_lower_bound(lang):
    spec = checked_spec(money_chart(money(), lang, unit={"zh": "亿元", "en": "CNY bn"}[lang]))
    assert spec["title"] == SEEN["money_title"][lang]
    bar = spec["layer"][0]
    assert bar["encoding"]["x"]["title"] == SEEN["money_axis"][lang]
    assert bar_order(spec) == ["Education", "Health", "Safety net"]
    data = spec_rows(spec)
    assert data["value_text"].tolist() == money()["value_text"].tolist()
    assert data.loc[data["is_bound"], "label"].tolist() == ["Safety net"]
    titles = [tip["title"] for tip in bar["encoding"]["tooltip"]]
    assert SEEN["money_axis"][lang] in titles and SEEN["qualifier"][lang] in titles
