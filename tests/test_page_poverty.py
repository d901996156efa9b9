"""The poverty page through AppTest: headline figures (income for the chosen period, the derived CAGR), the income
chart with every published point, the `theme` filter changing the money and people charts, the cards and the tables,
`period` and `theme` kept in the URL, tampered values, both languages and presentation mode."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from components.markdown import plain
from components.topics.poverty.build import INCOME_METRIC, MONEY_UNIT, THEMES
from support import run_page
from support import typed_csv as csv

PAGE = "pages/poverty.py"


def charts(at) -> dict[str, pd.DataFrame]:
    """The rows behind each chart (its first dataset), by chart title."""
    out = {}
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        title = spec["usermeta"]["title"] if isinstance(spec["usermeta"]["title"], str) else spec["usermeta"]["title"]["text"]
        out[title] = convert_arrow_bytes_to_pandas_df(chart.proto.datasets[0].data.data)
    return out


def facts() -> pd.DataFrame:
    rows = csv("facts")
    return rows[rows["topic"] == "poverty"]


def income_rows() -> pd.DataFrame:
    order = csv("periods").set_index("period")["sort_key"]
    rows = facts()[facts()["metric"] == INCOME_METRIC]
    return rows.assign(order=rows["period"].map(order)).sort_values("order")


def metric_value(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label))


def by_quantity(quantity: str, groups) -> list[str]:
    units = csv("units").set_index("unit")["quantity"]
    rows = facts()[
        facts()["unit"].map(units).eq(quantity) & facts()["group"].isin(groups) & (facts()["group"] != "party_building")
    ]
    return sorted(rows["label_zh"])


# The charts' titles, the headlines' labels and the themes' names as a Chinese reader sees them
TITLE = {"income": "建档立卡贫困户人均纯收入", "money": "各主题投入资金", "people": "惠及人数", "person_times": "培训人次"}
INCOME, CAGR, DERIVED = "贫困户人均纯收入", "人均纯收入年均增长", "推算"
THEME_NAMES = {
    "industry": "产业扶贫",
    "employment": "就业扶贫",
    "education": "教育扶贫",
    "health": "健康扶贫",
    "ecommerce": "电商扶贫",
    "party_building": "党建引领",
    "safety_net": "政策兜底",
    "best_practice": "全市扶贫最佳案例",
}


def test_by_default_the_latest_income_every_point_and_every_theme_are_shown():
    at = run_page(PAGE)
    assert not at.exception and not at.error
    latest = income_rows().iloc[-1]
    assert at.segmented_control(key="period").value == latest["period"] and "period" not in at.query_params
    assert metric_value(at, INCOME).replace(",", "").startswith(str(int(latest["value"])))
    shown = charts(at)
    assert set(shown) == set(TITLE.values())
    assert shown[TITLE["income"]]["value"].tolist() == income_rows()["value"].astype(float).tolist()
    assert len(shown[TITLE["money"]]) == 3
    assert sorted(shown[TITLE["people"]]["label"]) != sorted(shown[TITLE["person_times"]]["label"])
    cagr = next(m for m in at.metric if m.label.startswith(CAGR))
    assert DERIVED in cagr.label, "the CAGR is labelled derived"
    assert any(DERIVED in c.value for c in at.caption), "with its formula in a caption"


def test_the_period_in_the_url_changes_the_income_headline_but_not_the_chart():
    first = income_rows().iloc[0]
    at = run_page(PAGE, period=first["period"])
    assert at.segmented_control(key="period").value == first["period"]
    assert metric_value(at, INCOME).replace(",", "").startswith(str(int(first["value"])))
    assert len(charts(at)[TITLE["income"]]) == len(income_rows()), "the chart keeps every point"


@pytest.mark.parametrize("value", ["1999", "<script>", "x" * 5000, ""])
def test_a_tampered_period_falls_back_to_the_latest(value):
    at = run_page(PAGE, period=value)
    assert not at.exception
    assert at.segmented_control(key="period").value == income_rows().iloc[-1]["period"]


@pytest.mark.parametrize("themes", [["education"], ["health", "ecommerce"], ["employment", "safety_net"]])
def test_the_themes_in_the_url_shape_the_charts_and_the_cards(themes):
    at = run_page(PAGE, theme=themes)
    assert not at.exception
    assert at.pills(key="theme").value == [x for x in THEMES if x in themes]
    shown = charts(at)
    money = facts()[facts()["unit"].isin(["亿元", "万元"]) & facts()["group"].isin(themes)]
    if money.empty:
        assert TITLE["money"] not in shown
    else:
        names = {THEME_NAMES[g] for g in money["group"]}
        assert set(shown[TITLE["money"]]["label"]) == names
    for quantity in ("people", "person_times"):
        expected = by_quantity(quantity, themes)
        title = TITLE[quantity]
        assert (sorted(shown[title]["label"]) if title in shown else []) == expected
    text = "\n".join(m.value for m in at.markdown)
    for theme in THEMES:
        assert (f"**{plain(THEME_NAMES[theme])}**" in text) == (theme in themes)


def test_choosing_themes_writes_them_to_the_url_and_an_empty_result_says_so():
    at = run_page(PAGE)
    at.pills(key="theme").set_value(["industry"]).run()
    assert at.query_params["theme"] == "industry"
    assert set(charts(at)) == {TITLE["income"]}
    assert [i.value for i in at.info] == ["所选主题没有公布金额。", "所选主题没有公布惠及人数。"]
    at.pills(key="theme").set_value([]).run()
    assert "theme" not in at.query_params and len(charts(at)) == 4


@pytest.mark.parametrize("value", [["bogus"], ["<b>x</b>", "INDUSTRY"], ["x" * 5000]])
def test_tampered_themes_fall_back_to_all(value):
    at = run_page(PAGE, theme=value)
    assert not at.exception
    assert at.pills(key="theme").value == []
    assert len(charts(at)) == 4


def test_the_money_table_keeps_the_published_text_beside_the_converted_amount():
    at = run_page(PAGE, theme=["safety_net"])
    at.segmented_control(key="view_poverty_money").set_value("table").run()
    table = at.dataframe[0].value
    relief = facts()[facts()["group"] == "safety_net"].iloc[0]
    factor = csv("units").set_index("unit")["factor"]
    shown = table["数值"].iloc[0]
    assert shown.replace(",", "").startswith(str(int(relief["value"]))) and "多" in shown, "as published, a lower bound"
    assert table["金额(亿元,数值)"].tolist() == [relief["value"] * factor[relief["unit"]] / factor[MONEY_UNIT]]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("present", [None, "1"])
@pytest.mark.parametrize("themes", [None, ["education", "party_building", "best_practice"]])
def test_runs_in_both_languages_and_presentation_mode(lang, present, themes):
    params = {"lang": lang} | ({"present": present} if present else {}) | ({"theme": themes} if themes else {})
    at = run_page(PAGE, **params)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == {"zh": "脱贫攻坚", "en": "Poverty alleviation"}[lang]
