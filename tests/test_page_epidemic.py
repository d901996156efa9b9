"""The epidemic page through AppTest: the command structure as text, people mobilised by group with the derived total,
the `group` filter changing the chart and the table and kept in the URL, tampered values, languages and presentation."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from components.markdown import plain
from support import run_page
from support import typed_csv as csv

PAGE = "pages/epidemic.py"
# What a reader sees: the groups' names, the chart's and the page's titles
GROUP_NAMES = {
    "party_cadres": {"zh": "党员干部", "en": "Party members and cadres"},
    "medical_workers": {"zh": "医务工作者", "en": "Medical workers"},
    "police": {"zh": "公安干警", "en": "Police officers"},
    "community_workers": {"zh": "社区工作者", "en": "Community workers"},
    "volunteers": {"zh": "志愿者", "en": "Volunteers"},
}
CHART_TITLE = {"zh": "动员参与疫情防控的人员", "en": "People mobilised against the epidemic"}
TITLE = {"zh": "疫情防控", "en": "Epidemic response"}


def mobilised() -> pd.DataFrame:
    facts = csv("facts")
    return facts[(facts["topic"] == "epidemic") & (facts["group"] == "mobilised")].set_index("item")


def chart_rows(at) -> pd.DataFrame:
    (chart,) = at.get("vega_lite_chart")
    return convert_arrow_bytes_to_pandas_df(chart.proto.datasets[0].data.data)


def chart_title(at) -> dict:
    (chart,) = at.get("vega_lite_chart")
    title = json.loads(chart.proto.spec)["usermeta"]["title"]
    return title if isinstance(title, dict) else {"text": title}


def names(groups, lang="zh") -> set[str]:
    return {GROUP_NAMES[g][lang] for g in groups}


def test_by_default_every_group_is_a_bar_and_their_derived_total_a_line_above_them_with_its_caveat():
    at = run_page(PAGE)
    assert not at.exception and not at.error
    rows = chart_rows(at)
    assert set(rows["label"]) == names(mobilised().index) and not rows["derived"].any()
    total = f"{int(mobilised()['value'].sum()):,}"
    title = chart_title(at)
    assert title["text"] == CHART_TITLE["zh"] and total in title["subtitle"] and "重复计算" in title["subtitle"]
    total_card = next(m for m in at.metric if m.label.startswith("动员人员合计"))
    assert "推算" in total_card.label
    assert total_card.value.replace(",", "").startswith(str(int(mobilised()["value"].sum())))
    assert any("重复计算" in c.value for c in at.caption), "the card says people may be counted twice"


def test_the_command_structure_and_measures_are_shown_as_text():
    at = run_page(PAGE)
    text = "\n".join(m.value for m in at.markdown)
    items = csv("items")
    for name in items.loc[(items["topic"] == "epidemic"), "name_zh"]:
        assert plain(name) in text


def test_groups_in_the_url_shape_the_chart_and_the_table():
    chosen = ["police", "volunteers"]
    at = run_page(PAGE, group=chosen)
    assert at.pills(key="group").value == chosen
    rows = chart_rows(at)
    assert set(rows["label"]) == names(chosen)
    assert f"{int(mobilised().loc[chosen, 'value'].sum()):,}" in chart_title(at)["subtitle"]
    at.segmented_control(key="view_epidemic_mobilised").set_value("table").run()
    table = at.dataframe[0].value
    assert set(table["人员类别"]) == names(chosen) | {"合计(推算)"}


def test_choosing_groups_writes_them_to_the_url():
    at = run_page(PAGE, lang="en")
    at.pills(key="group").set_value(["medical_workers"]).run()
    assert at.query_params["group"] == "medical_workers"
    rows = chart_rows(at)
    assert rows["label"].tolist() == list(names(["medical_workers"], "en")) and not rows["derived"].any()
    at.pills(key="group").set_value([]).run()
    assert "group" not in at.query_params and len(chart_rows(at)) == len(mobilised())


@pytest.mark.parametrize("value", [["bogus"], ["<script>alert(1)</script>"], ["POLICE", "x" * 5000]])
def test_tampered_groups_fall_back_to_all(value):
    at = run_page(PAGE, group=value)
    assert not at.exception
    assert at.pills(key="group").value == []
    assert len(chart_rows(at)) == len(mobilised())
    assert "<script" not in "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("present", [None, "1"])
@pytest.mark.parametrize("groups", [None, ["party_cadres", "community_workers"]])
def test_runs_in_both_languages_and_presentation_mode(lang, present, groups):
    params = {"lang": lang} | ({"present": present} if present else {}) | ({"group": groups} if groups else {})
    at = run_page(PAGE, **params)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == TITLE[lang]
