"""components/charts/epidemic.py: groups largest first, the derived total last and lighter, labelled in the tooltip."""

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
def test_groups_keep_the_frame_order_with_the_total_last_and_lighter(lang):
    spec = checked_spec(mobilised_chart(frame(), lang, unit={"zh": "名", "en": "people"}[lang]))
    assert spec["title"] == SEEN["title"][lang]
    bar = spec["layer"][0]
    assert bar_order(spec) == ["Volunteers", "Police", "Total"]
    assert bar["encoding"]["x"]["title"] == SEEN["axis"][lang]
    assert bar["encoding"]["opacity"]["condition"]["test"] == "datum.derived"
    data = spec_rows(spec)
    assert data.loc[data["derived"], "label"].tolist() == ["Total"]
    assert SEEN["kind"][lang] in [tip["title"] for tip in bar["encoding"]["tooltip"]]
