"""The talent page through AppTest: people and person-visits in separate charts, the `kind` filter (people /
platforms / events) changing what is shown and kept in the URL, tampered values, both languages and presentation."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from components.markdown import plain
from support import run_page
from support import typed_csv as csv

PAGE = "pages/talent.py"


def charts(at) -> list[tuple[dict, pd.DataFrame]]:
    """Each chart's Vega-Lite spec and the rows behind it."""
    return [
        (json.loads(c.proto.spec), convert_arrow_bytes_to_pandas_df(c.proto.datasets[0].data.data))
        for c in at.get("vega_lite_chart")
    ]


def shown(at) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def people(quantity: str, lang: str = "zh") -> list[str]:
    facts, units = csv("facts"), csv("units").set_index("unit")
    rows = facts[(facts["topic"] == "talent") & (facts["group"] == "people")]
    return sorted(rows.loc[rows["unit"].map(units["quantity"]) == quantity, f"label_{lang}"])


def items(kind: str, lang: str = "zh") -> list[str]:
    rows = csv("items")
    return rows.loc[(rows["topic"] == "talent") & (rows["kind"] == kind), f"name_{lang}"].tolist()


def test_by_default_people_and_person_visits_are_two_charts_with_their_own_rows():
    at = run_page(PAGE)
    assert not at.exception and not at.error
    assert at.segmented_control(key="kind").value == "people" and "kind" not in at.query_params
    (people_spec, people_rows), (visits_spec, visits_rows) = charts(at)
    assert sorted(people_rows["label"]) == people("people")
    assert sorted(visits_rows["label"]) == people("person_times")
    assert people_spec["usermeta"]["title"] == "引进人才(按人数)"
    assert len(at.metric) == len(people("people")) + len(people("person_times"))
    assert any("多" in m.value for m in at.metric), "the lower bounds are shown as lower bounds"


@pytest.mark.parametrize("kind, item_kind", [("platforms", "platform"), ("events", "event")])
def test_the_kind_in_the_url_shows_those_cards_instead_of_the_charts(kind, item_kind):
    at = run_page(PAGE, kind=kind)
    assert not at.exception
    assert at.segmented_control(key="kind").value == kind
    assert not charts(at)
    for name in items(item_kind):
        assert plain(name) in shown(at)
    other = items("event" if item_kind == "platform" else "platform")
    assert not any(plain(name) in shown(at) for name in other)


def test_choosing_a_kind_writes_it_to_the_url_and_changes_the_page():
    at = run_page(PAGE, lang="en")
    at.segmented_control(key="kind").set_value("events").run()
    assert at.query_params["kind"] == "events"
    assert not charts(at)
    for name in items("event", "en"):
        assert plain(name) in shown(at)
    at.segmented_control(key="kind").set_value("people").run()
    assert "kind" not in at.query_params and len(charts(at)) == 2


@pytest.mark.parametrize("value", ["bogus", "<script>alert(1)</script>", "x" * 5000, "", "PEOPLE"])
def test_tampered_kind_falls_back_to_people(value):
    at = run_page(PAGE, kind=value)
    assert not at.exception
    assert at.segmented_control(key="kind").value == "people"
    assert len(charts(at)) == 2
    assert "<script" not in shown(at)


def test_the_table_view_shows_the_rows_behind_the_chart():
    # in Chinese: AppTest formats the toggle's options outside the script run, where ui.lang() reads the default
    at = run_page(PAGE)
    at.segmented_control(key="view_talent_people").set_value("table").run()
    table = at.dataframe[0].value
    assert sorted(table["引进渠道"]) == people("people")
    assert len(charts(at)) == 1, "the person-visits chart stays a chart"


@pytest.mark.parametrize("kind", ["people", "platforms", "events"])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("present", [None, "1"])
def test_every_kind_runs_in_both_languages_and_presentation_mode(kind, lang, present):
    params = {"lang": lang, "kind": kind} | ({"present": present} if present else {})
    at = run_page(PAGE, **params)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == {"zh": "招才引智", "en": "Attracting talent"}[lang]
