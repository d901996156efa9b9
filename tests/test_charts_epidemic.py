"""components/topics/epidemic/charts.py: a bar per group in the frame's order; the derived total is no bar but a line
under the title, with its caveat."""

from __future__ import annotations

import pandas as pd
import pytest

from components.topics.epidemic.charts import mobilised_chart
from support import bar_order, checked_spec, spec_rows

# The titles a reader sees, in each language
SEEN = {
    "title": {"zh": "动员参与疫情防控的人员", "en": "People mobilised against the epidemic"},
    "axis": {"zh": "人数(名)", "en": "Number of people"},
    "kind": {"zh": "类型", "en": "Type"},
    "caveat": {"zh": "重复计算", "en": "counted twice"},
}


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "label": ["Volunteers", "Police", "Total"],
            "value": [60.0, 40.0, 100.0],
            "value_text": ["60", "40", "100"],
            "qualifier": "exact",
            "qualifier_text": "exact",
            "period_label": "p",
            "derived": [False, False, True],
            "kind": ["as reported", "as reported", "derived total"],
        }
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_groups_keep_the_frame_order_and_the_total_is_said_above_them_not_drawn_among_them(lang):
    spec = checked_spec(mobilised_chart(frame(), lang, unit={"zh": "名", "en": "people"}[lang]))
    assert spec["title"]["text"] == SEEN["title"][lang]
    bar = spec["layer"][0]
    assert bar_order(spec) == ["Volunteers", "Police"]
    assert bar["encoding"]["x"]["title"] == SEEN["axis"][lang]
    assert not spec_rows(spec)["derived"].any(), "the derived total is not one of the bars"
    subtitle = spec["title"]["subtitle"]
    assert "100" in subtitle and SEEN["caveat"][lang] in subtitle
    assert SEEN["kind"][lang] in [tip["title"] for tip in bar["encoding"]["tooltip"]]


def test_without_a_total_there_is_no_line_for_it():
    spec = checked_spec(mobilised_chart(frame().iloc[:1], "zh", unit="名"))
    assert spec["title"] == SEEN["title"]["zh"]
