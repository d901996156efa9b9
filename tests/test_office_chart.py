"""Native office charts from the chart model: values more than tenfold apart are drawn in panels, close ones together."""

from __future__ import annotations

import math

import pytest
from pptx import Presentation
from pptx.util import Pt

from components.briefing import office_chart
from components.briefing.layout import Box
from components.charts.model import ChartModel, Point, Series

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def model(values, *, log_scale: bool, kind: str = "bar", **extra) -> ChartModel:
    points = tuple(Point(f"c{i}", float(v), f"{v:g}亿元") for i, v in enumerate(values))
    return ChartModel(kind, "标题", "金额(亿元)", tuple(p.category for p in points), points, log_scale=log_scale, **extra)


# values, whether they are more than tenfold apart, the panels by hand: each holds values within 10x of its largest
CASES = [
    ([150, 100, 12, 5], True, [[150, 100], [12, 5]]),
    ([300, 240, 220, 230, 34], False, [[300, 240, 220, 230, 34]]),  # 8.8x: one chart, in the given order
    ([55000, 3000, 337], True, [[55000], [3000, 337]]),
    ([19e8, 2.6e8, 0.3e8], True, [[19e8, 2.6e8], [0.3e8]]),
    ([100, 10], False, [[100, 10]]),  # exactly tenfold is not more than tenfold
    ([1000, 99, 10, 1], True, [[1000], [99, 10], [1]]),
    ([5, 12, 150], True, [[150], [12, 5]]),  # largest first, whatever the order given
]


@pytest.mark.parametrize(("values", "far_apart", "expected"), CASES)
def test_panels_split_values_more_than_tenfold_apart(values, far_apart, expected):
    assert (max(values) / min(values) > 10) is far_apart
    found = office_chart.panels(model(values, log_scale=far_apart))
    assert [[p.value for p in panel.points] for panel in found] == expected
    for panel in found:
        assert panel.categories == tuple(p.category for p in panel.points)
        assert (panel.title, panel.axis_title, panel.kind) == ("标题", "金额(亿元)", "bar")
        assert not panel.log_scale  # each panel on its own linear axis


def test_a_panel_keeps_the_key_and_series():
    legend = (("新开工", "#112233"), ("续建", "#445566"))
    series = (Series("2020", "#000000"),)
    found = office_chart.panels(model([150, 5], log_scale=True, legend=legend, series=series, legend_title="阶段"))
    assert len(found) == 2
    assert all((p.legend, p.series, p.legend_title) == (legend, series, "阶段") for p in found)


@pytest.mark.parametrize("kind", ["line", "points"])
def test_periods_over_time_are_never_split(kind):
    assert len(office_chart.panels(model([9150, 300], log_scale=True, kind=kind))) == 1


def charts_on(made: ChartModel) -> list:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    office_chart.add(slide, made, Box(36, 92, 650, 380))
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def test_each_panel_is_its_own_native_chart_labelled_as_published():
    made = model([150, 100, 12, 5], log_scale=True)
    charts = charts_on(made)
    assert [list(c.plots[0].series[0].values) for c in charts] == [[150, 100], [12, 5]]
    labels = [["".join(t.text for t in label.iter(f"{A}t")) for label in c.element.iter(f"{C}dLbl")] for c in charts]
    assert labels == [["150亿元", "100亿元"], ["12亿元", "5亿元"]]
    for chart in charts:
        for label in chart.element.iter(f"{C}dLbl"):
            assert [int(r.get("sz")) for r in label.iter(f"{A}rPr")] == [office_chart.LABEL_PT * 100]
            assert [b.get("wrap") for b in label.iter(f"{A}bodyPr")] == ["none"]
        assert chart.font.size == Pt(office_chart.AXIS_PT)


def test_close_values_are_one_chart():
    (chart,) = charts_on(model([300, 240, 34], log_scale=False))
    assert list(chart.plots[0].categories) == ["c0", "c1", "c2"]
    assert chart.category_axis.reverse_order  # the first category on top, as on the page


@pytest.mark.parametrize("rough", [0.013, 0.7, 1, 13, 2266, 4999, 5001, 9065 / 4, 3.3e8])
def test_nice_step_is_a_round_number_at_least_the_rough_one_and_less_than_two_and_a_half_times_it(rough):
    step = office_chart.nice_step(rough)
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert round(mantissa, 9) in (1, 2, 2.5, 5)
    assert rough <= step * (1 + 1e-9) < 2.5 * rough


def test_a_bar_panel_has_some_four_steps_and_names_every_category():
    (chart,) = charts_on(model([6715, 1485, 1034], log_scale=False))
    steps = chart.value_axis.maximum_scale / chart.value_axis.major_unit
    assert 2.5 < steps <= 5
    skips = [s.get("val") for s in chart.element.iter(f"{C}tickLblSkip")]
    assert skips == ["1"]
    order = [child.tag.split("}")[1] for child in next(chart.element.iter(f"{C}catAx"))]
    assert order.index("tickLblSkip") > order.index("crossAx")


def test_a_long_chart_goes_on_over_a_further_slide_with_every_category_named():
    # eleven named projects from CNY 15 bn to 500 m: two panels, which at 18 pt names do not share a slide's body
    values = [150, 100, 50, 32, 30, 17.7, 12, 11, 10, 10, 5]
    height = 330  # about a slide's body, in points
    slides = office_chart.slides_of(model(values, log_scale=True), height)
    assert [[p.value for panel in s for p in panel.points] for s in slides] == [values[:6], values[6:]]
    for panels in slides:  # each slide's panels leave every category a row of at least ROW_PT
        need = sum(office_chart.CHROME_PT + office_chart.ROW_PT * len(p.categories) for p in panels)
        assert need + office_chart.PANEL_GAP * (len(panels) - 1) <= height
    few = office_chart.slides_of(model([150, 100, 12, 5], log_scale=True), height)
    assert len(few) == 1 and len(few[0]) == 2, "panels that fit stay on one slide"
