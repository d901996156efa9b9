"""The Vega-Lite renderer (components/charts/vega.py) on chart models built by hand: valid specs; end marks for bounds,
just-below and approximate figures; lighter derived and expected values; log-scale dots; lines only over like periods;
the project selection; tooltips naming the report; the chart's description."""

from __future__ import annotations

import copy
import re

import altair as alt
import jsonschema
import pytest

from components.charts.model import ChartModel, Point, Series, spread_out
from components.charts.vega import description, vega_spec
from components.i18n import t

POINTS = (
    Point("在谈", 300, "300多亿元", "lower_bound", period="2020年以来", report="山东商报", key="negotiating"),
    Point("签约", 240, "240亿元", period="2020年以来", report="山东商报", key="signed"),
    Point("达产", 48, "近50亿元", "just_below", period="2020年以来", report="山东商报", key="done"),
    Point("预计", 70, "预计70亿元", status="expected", period="2020年以来", report="山东商报", key="expected"),
    Point("合计", 260, "约260亿元", "approximate", period="2020年以来", report="山东商报", key="about"),
    Point("推算", 120, "120亿元", derived=True, period="2020年以来", report="山东商报", key="derived"),
)
CATEGORIES = tuple(p.category for p in POINTS)


def model(kind: str = "bar", points=POINTS, **changes) -> ChartModel:
    fields = {"title": "项目投资", "axis_title": "亿元", "categories": tuple(p.category for p in points), "points": points}
    return ChartModel(kind, **{**fields, **changes})


MODELS = {
    "bars": model(),
    "bars-en": model(lang="en", title="Investment", axis_title="CNY bn"),
    "bars-selectable": model(points=(POINTS[0], Point("签约", 240, "240亿元", key="signed", selected=True)), selectable=True),
    "bars-series": model(
        points=(Point("2020", 4.08, "4.08亿元", series="出口"), Point("2020", 0.79, "0.79亿元", series="进口")),
        series=(Series("出口", "#0072B2"), Series("进口", "#D55E00", derived=True)),
        legend_title="流向",
    ),
    "bars-legend": model(legend=(("在谈", "#0089D6"), ("签约", "#C15C94")), legend_title="阶段"),
    "dots-bounds": model(log_scale=True),  # the bars' points, each kind of figure, as dots on a log scale
    "dots": model(
        points=(Point("医药港", 150, "150亿元"), Point("神威", 5, "5亿元"), Point("外资", 0.79, "0.79亿元")), log_scale=True
    ),
    "dots-selectable": model(
        points=(Point("医药港", 150, "150亿元", key="a", selected=True), Point("神威", 5, "5亿元", key="b")),
        log_scale=True,
        selectable=True,
    ),
    "line": model("line", points=(Point("2020 Q1", 4.87, "4.87亿元"), Point("2021 Q1", 5.62, "5.62亿元"))),
    "points": model("points", points=(Point("2021 Q1", 5.62, "5.62亿元"), Point("2021 H1", 11.2, "11.2亿元"))),
}


def spec_of(chart: ChartModel) -> dict:
    return copy.deepcopy(dict(vega_spec(chart)))  # the cached spec is shared: never touched here


def rows(spec: dict) -> list[dict]:
    return spec["datasets"]["rows"]


FILTER = re.compile(r"datum\.(\w+)(?: (==|!=) '([^']*)')?")


def passes(layer: dict, row: dict) -> bool:
    """Whether a layer draws a row: its filters (the few forms the renderer writes) read against the row."""
    for step in layer.get("transform", []):
        match = FILTER.fullmatch(step["filter"])
        assert match, step
        field, op, value = match.groups()
        if op is None:
            ok = bool(row[field])
        else:
            ok = (row[field] == value) == (op == "==")
        if not ok:
            return False
    return True


def drawn(spec: dict, row: dict) -> list[dict]:
    return [layer for layer in spec["layer"] if passes(layer, row)]


def end_marks(spec: dict, row: dict) -> list[str]:
    """The shape of each end mark drawn at a row's value, read from its path: ">" when it points right, "<" left, "~"
    for a curve across."""
    found = []
    for layer in drawn(spec, row):
        mark = layer["mark"]
        if mark.get("type") != "point" or "shape" not in mark or mark.get("filled", True):
            continue
        path = mark["shape"]
        if "C" in path:
            xs = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", path)[::2]]
            found.append("~" if xs[0] < 0 < xs[-1] else "?")
            continue
        (x0, _), (x1, _), (x2, _) = [tuple(map(float, p)) for p in re.findall(r"(-?[\d.]+) (-?[\d.]+)", path)]
        found.append(">" if x1 > max(x0, x2) else "<" if x1 < min(x0, x2) else "?")
    return found


@pytest.mark.parametrize("name", list(MODELS))
def test_every_spec_is_valid_vega_lite(name):
    alt.TopLevelLayerSpec.validate(spec_of(MODELS[name]))  # the Vega-Lite schema's class for a layered chart


def test_the_validation_is_real():
    spec = spec_of(MODELS["bars"])
    spec["layer"][0]["mark"]["type"] = "barr"
    with pytest.raises(jsonschema.ValidationError):
        alt.TopLevelLayerSpec.validate(spec)


@pytest.mark.parametrize(
    ("key", "marks"),
    [("negotiating", [">"]), ("signed", []), ("done", ["<"]), ("expected", []), ("about", ["~"]), ("derived", [])],
)
@pytest.mark.parametrize("drawing", ["bars", "dots-bounds"])
def test_bounds_get_their_end_mark(key, marks, drawing):
    spec = spec_of(MODELS[drawing])
    (row,) = [r for r in rows(spec) if r["key"] == key]
    assert end_marks(spec, row) == marks
    # and the value's label is drawn once, beyond the mark when there is one
    (label,) = [layer for layer in drawn(spec, row) if layer["mark"]["type"] == "text"]
    assert label["mark"]["dx"] > (8 if marks else 0)


def dash_of(spec: dict, row: dict) -> tuple[list[int] | None, float]:
    """The outline a bar or dot gets: its dash pattern (from the strokeDash scale) and width (from the condition)."""
    (bar,) = [layer for layer in drawn(spec, row) if "strokeDash" in layer.get("encoding", {})]
    encoding = bar["encoding"]
    scale = encoding["strokeDash"]["scale"]
    pattern = scale["range"][scale["domain"].index(row[encoding["strokeDash"]["field"]])]
    width = encoding["strokeWidth"]
    assert width["condition"]["test"] == "datum.lighter"
    return pattern, width["condition"]["value"] if row["lighter"] else width["value"]


def lighter_than(fill: str, colour: str) -> bool:
    channels = [(int(fill[i : i + 2], 16), int(colour[i : i + 2], 16)) for i in (1, 3, 5)]
    return all(f >= c for f, c in channels) and any(f > c for f, c in channels)


@pytest.mark.parametrize(("key", "outline"), [("derived", "dashed"), ("expected", "dotted"), ("signed", None)])
@pytest.mark.parametrize("drawing", ["bars", "dots-bounds"])
def test_derived_and_expected_values_are_lighter_with_an_outline(key, outline, drawing):
    spec = spec_of(MODELS[drawing])
    (row,) = [r for r in rows(spec) if r["key"] == key]
    pattern, width = dash_of(spec, row)
    if outline is None:
        assert width == 0 and row["fill"] == row["colour"]
        return
    assert width > 0 and lighter_than(row["fill"], row["colour"])
    dash, gap = pattern
    assert (dash > gap) if outline == "dashed" else (dash == gap)


def test_a_derived_series_is_lighter_in_its_bars_and_its_legend():
    spec = spec_of(MODELS["bars-series"])
    exports, imports = rows(spec)
    assert not exports["lighter"] and imports["lighter"] and dash_of(spec, imports)[0] == [5, 3]
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["scale"]["domain"] == ["出口", "进口"]
    assert colour["scale"]["range"][0] == "#0072B2" and lighter_than(colour["scale"]["range"][1], "#D55E00")


@pytest.mark.parametrize(
    ("values", "spread"),
    [((1, 11), True), ((1, 10), False), ((150, 5, 0.79), True), ((300, 240, 48), False), ((0, 5, 40), False), ((-100, 5), False)],
)
def test_values_more_than_ten_times_apart_are_spread_out(values, spread):
    assert spread_out(values) is spread


@pytest.mark.parametrize(("values", "low"), [((150, 5, 0.79), 0.1), ((300, 12), 10), ((50, 1), 1), ((3, 0.05), 0.01)])
def test_log_dots_start_at_a_power_of_ten_at_or_below_the_smallest(values, low):
    points = tuple(Point(str(v), v, str(v)) for v in values)
    spec = spec_of(model(points=points, log_scale=True))
    marks = [layer["mark"] for layer in spec["layer"]]
    assert not any(m["type"] == "bar" for m in marks) and (marks[0]["type"], marks[0]["filled"]) == ("point", True)
    x = spec["layer"][0]["encoding"]["x"]
    assert x["scale"]["type"] == "log" and x["scale"]["domainMin"] == pytest.approx(low)
    assert x["axis"]["values"][0] == pytest.approx(low) and max(x["axis"]["values"]) >= max(values)
    assert t("chart.axis.log", "zh", axis="亿元") == x["title"]
    assert {r["text"] for r in rows(spec)} == {str(v) for v in values}  # each dot labelled


@pytest.mark.parametrize(("name", "joined"), [("line", True), ("points", False), ("bars", False), ("dots", False)])
def test_a_line_only_joins_like_periods(name, joined):
    spec = spec_of(MODELS[name])
    assert any(layer["mark"]["type"] == "line" for layer in spec["layer"]) is joined


@pytest.mark.parametrize("name", ["bars-selectable", "dots-selectable"])
def test_a_selectable_chart_selects_a_project_and_outlines_it(name):
    spec = spec_of(MODELS[name])
    (selection,) = [p for p in spec["params"] if p["name"] == "project"]
    assert selection["select"] == {"type": "point", "fields": ["key"]}
    (view,) = [layer for layer in spec["layer"] if layer.get("name") in selection["views"]]
    assert view["mark"]["type"] in ("bar", "point") and view["mark"].get("filled", True)
    for row in rows(spec):
        outlines = [layer for layer in drawn(spec, row) if layer["mark"].get("style") == "selected"]
        assert len(outlines) == row["selected"] and all(layer["mark"]["filled"] is False for layer in outlines)
    assert [r["key"] for r in rows(spec) if r["selected"]] == [p.key for p in MODELS[name].points if p.selected]


@pytest.mark.parametrize("name", ["bars", "dots", "line"])
def test_an_unselectable_chart_has_no_selection(name):
    spec = spec_of(MODELS[name])
    assert not [p for p in spec.get("params", []) if p["name"] == "project"]
    assert not [layer for layer in spec["layer"] if layer["mark"].get("style") == "selected"]


@pytest.mark.parametrize("name", list(MODELS))
def test_tooltips_name_the_report(name):
    chart = MODELS[name]
    spec = spec_of(chart)
    tooltips = [layer["encoding"]["tooltip"] for layer in spec["layer"] if "tooltip" in layer["encoding"]]
    assert tooltips and all(
        {"field": "report", "title": t("chart.tooltip.report", chart.lang), "type": "nominal"} in tip for tip in tooltips
    )
    assert [r["report"] for r in rows(spec)] == [p.report for p in chart.points]


@pytest.mark.parametrize("name", ["bars", "bars-en", "line", "points"])
def test_the_description_says_the_title_and_the_count(name):
    chart = MODELS[name]
    said = description(chart)
    assert chart.title in said and str(len(chart.points)) in said
    assert description(chart) != description(ChartModel(**{**chart.__dict__, "lang": "en" if chart.lang == "zh" else "zh"}))
