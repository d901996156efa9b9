"""components/charts/people.py: one quantity per chart, its own axis title and colour, largest first, notes in tooltips."""

from __future__ import annotations

import pandas as pd
import pytest

from components.charts.people import COLOURS, by_quantity, people_chart
from support import bar_order, checked_spec, spec_rows


def frame(quantities=("people", "people", "person_times"), note=True) -> pd.DataFrame:
    n = len(quantities)
    out = pd.DataFrame(
        {
            "label": [f"channel {i}" for i in range(n)],
            "value": [float(10 * (i + 1)) for i in range(n)],
            "value_text": [f"{10 * (i + 1)}+" for i in range(n)],
            "qualifier": ["at_least"] + ["exact"] * (n - 1),
            "qualifier_text": ["lower bound"] + ["exact"] * (n - 1),
            "period_label": ["p"] * n,
            "derived": False,
            "quantity": list(quantities),
            "source_quote": ["s"] * n,
        }
    )
    if note:
        out["note"] = ["counted in visits"] + [""] * (n - 1)
    return out


def test_by_quantity_splits_people_from_person_times_people_first():
    parts = by_quantity(frame(("person_times", "people", "people")))
    assert list(parts) == ["people", "person_times"]
    assert len(parts["people"]) == 2 and len(parts["person_times"]) == 1


def test_a_chart_refuses_two_quantities_on_one_axis():
    with pytest.raises(ValueError):
        people_chart(frame(), "zh", "mixed", unit="人")


UNIT = {
    ("people", "zh"): "万人",
    ("people", "en"): "people",
    ("person_times", "zh"): "万人次",
    ("person_times", "en"): "attendances",
}
AXIS = {
    ("people", "zh"): "人数(万人)",
    ("people", "en"): "Number of people",
    ("person_times", "zh"): "人次数(万人次)",
    ("person_times", "en"): "Number of attendances",
}


@pytest.mark.parametrize("quantity", ["people", "person_times"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_quantity_gets_its_axis_title_colour_and_the_chart_its_title(quantity, lang):
    part = by_quantity(frame((quantity, quantity)))[quantity]
    spec = checked_spec(people_chart(part, lang, "My title", unit=UNIT[quantity, lang]))
    assert spec["title"] == "My title"
    bar = spec["layer"][0]
    assert bar["encoding"]["x"]["title"] == AXIS[quantity, lang]
    assert bar["encoding"]["color"] == {"value": COLOURS[quantity]}
    assert COLOURS["people"] != COLOURS["person_times"]


def test_bars_are_sorted_largest_first_and_lower_bounds_get_an_open_end():
    part = by_quantity(frame(("people", "people", "people")))["people"]
    spec = checked_spec(people_chart(part, "zh", "x", unit="人"))
    assert bar_order(spec) == ["channel 2", "channel 1", "channel 0"]
    assert spec["layer"][1]["mark"]["type"] == "point" and spec["layer"][1]["transform"] == [{"filter": "datum.is_bound"}]
    data = spec_rows(spec)
    assert data.loc[data["is_bound"], "label"].tolist() == ["channel 0"]


def test_the_note_and_theme_are_in_the_tooltip_when_there_are_some():
    part = by_quantity(frame(("people", "people")))["people"].assign(theme=["Jobs", "Schools"])
    titles = [
        tip["title"] for tip in checked_spec(people_chart(part, "en", "x", unit="people"))["layer"][0]["encoding"]["tooltip"]
    ]
    assert "Remark" in titles and "Theme" in titles
    without = by_quantity(frame(("people", "people"), note=False))["people"]
    titles = [
        tip["title"] for tip in checked_spec(people_chart(without, "en", "x", unit="people"))["layer"][0]["encoding"]["tooltip"]
    ]
    assert "Remark" not in titles
    assert "Value" in titles and "Note" in titles
