"""components/charts/base.py: a lower bound's open end is a small mark of fixed size past its bar, whatever the axis."""

from __future__ import annotations

import math
import re

import pandas as pd

from components.charts.base import bar_spec
from support import checked_spec


def frame(values: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "label": ["big", "bound"],
            "value": values,
            "value_text": ["19亿元", "3,000多万元"],
            "qualifier": ["exact", "at_least"],
            "qualifier_text": ["确数", "下限"],
            "period_label": "2020年",
            "derived": False,
        }
    )


def spec_of(values: list[float]) -> dict:
    return checked_spec(bar_spec(frame(values), "zh", "金额(亿元)", "t", colour="#0072B2", order=["big", "bound"]))


def open_end(spec: dict) -> dict:
    return next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")


def test_the_open_end_is_the_same_few_pixels_on_any_axis():
    # a bound of 0.3 beside 19 or beside 1900: the open end may not grow with the axis as a dash in axis units did
    small, large = spec_of([19.0, 0.3]), spec_of([1900.0, 0.3])
    assert open_end(small) == open_end(large)
    mark, encoding = open_end(small)["mark"], open_end(small)["encoding"]
    assert set(encoding) & {"x2", "size", "width"} == set(), "nothing ties its length to the data"
    assert encoding["x"]["field"] == "value" and mark["xOffset"] > 0, "it sits just past the bar's end"
    assert math.sqrt(mark["size"]) <= 20, "a marker, not a bar"


def test_a_bounds_label_starts_past_its_marker_and_the_marker_is_hidden_from_screen_readers():
    spec = spec_of([19.0, 0.3])
    mark = open_end(spec)["mark"]
    xs = [float(x) for x in re.findall(r"(-?\d+(?:\.\d+)?) -?\d+(?:\.\d+)?", mark["shape"])]
    right_edge = mark["xOffset"] + max(xs) * math.sqrt(mark["size"]) / 2  # custom shapes span -1..1, scaled by size
    labels = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    bound = next(layer for layer in labels if layer.get("transform") == [{"filter": "datum.is_bound"}])
    assert bound["mark"]["dx"] >= right_edge + 2
    assert mark["aria"] is False, "decorative: the label says 「多」 in words"


def test_a_charts_description_says_its_title_how_many_bars_and_what_their_length_is():
    from components.charts.base import description

    spec = spec_of([19.0, 0.3])
    assert description(spec, "zh") == "t。条形图,2条,长度为金额(亿元)。"
    with_total = {**spec, "title": {"text": "t", "subtitle": "合计:3人。"}}
    assert description(with_total, "zh").endswith("合计:3人。")
