"""The chart model as native, editable office charts (python-pptx), with their data embedded: bars (first category on
top, coloured as on the page, a key of colours as series where the page has one), a line over like periods or points
over unlike ones, every value labelled as published. Values more than an order of magnitude apart go into separate
panels, each on its own axis, so no bar vanishes. Type sizes are the briefing's named sizes, read from the back."""

from __future__ import annotations

import math

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.util import Pt

from components.briefing.layout import Box
from components.charts.model import MAX_SPREAD, ChartModel, Point
from components.charts.theme import DERIVED_OPACITY, GRID, INK, PALETTE

LABEL_PT = 18  # the figures' own labels: values and categories
AXIS_PT = 14  # ticks, the axis title, the legend
PANEL_GAP = 12
BAR_PT, CHROME_PT = 46, 70  # a bar's room at most, and what the axis and its title take: one bar is not a block
CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def rgb(colour: str, lighter: bool = False) -> RGBColor:
    """#RRGGBB, or as the page's translucent derived bar looks over white."""
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    if lighter:
        red, green, blue = (round(c * DERIVED_OPACITY + 255 * (1 - DERIVED_OPACITY)) for c in (red, green, blue))
    return RGBColor(red, green, blue)


def panels(model: ChartModel) -> list[ChartModel]:
    """The model split where its values run more than an order of magnitude apart (largest first), each panel its own
    chart; a model whose values are close is one panel."""
    if not model.log_scale or model.kind != "bar":
        return [model]
    groups: list[list[Point]] = []
    for point in sorted(model.points, key=lambda p: -p.value):
        if groups and groups[-1][0].value <= point.value * MAX_SPREAD:
            groups[-1].append(point)
        else:
            groups.append([point])
    return [
        ChartModel(
            "bar",
            model.title,
            model.axis_title,
            tuple(dict.fromkeys(p.category for p in group)),
            tuple(group),
            series=model.series,
            colour=model.colour,
            legend_title=model.legend_title,
            legend=model.legend,
            lang=model.lang,
        )
        for group in groups
    ]


ROW_PT = 30  # a category's row at least: an 18 pt name, or an office app names only every other category


def slides_of(model: ChartModel, height: float) -> list[list[ChartModel]]:
    """The model's panels, a list for each slide: as many as fit `height` with every category named, so that a long
    chart goes on over a further slide rather than losing half its names."""
    slides: list[list[ChartModel]] = [[]]
    used = 0.0
    for panel in panels(model):
        need = CHROME_PT + ROW_PT * max(len(panel.categories), 1)
        if slides[-1] and used + need > height:
            slides.append([])
            used = 0.0
        slides[-1].append(panel)
        used += need + PANEL_GAP
    return slides


def add(slide, model: ChartModel, box: Box, found: list[ChartModel] | None = None) -> float:
    """The model on a slide in `box`: one chart, or a panel each for values of different magnitudes (`found`: these
    panels of it). Returns the height it took (bars are never thicker than BAR_PT)."""
    found = found or panels(model)
    bars = [max(len(p.categories), 1) * max(len(p.series), 1) for p in found]
    room = box.height - PANEL_GAP * (len(found) - 1)
    top = box.top
    for panel, count in zip(found, bars):
        height = room * (count + 1.5) / sum(b + 1.5 for b in bars)
        if panel.kind == "bar":
            height = min(height, CHROME_PT + BAR_PT * count)
        _chart(slide, panel, Box(box.left, top, box.width, height))
        top += height + PANEL_GAP
    return top - PANEL_GAP - box.top


def _series(model: ChartModel) -> list[tuple[str, list[Point | None]]]:
    """(name, a point or None per category) for each series the office chart has."""
    if model.series:
        return [
            (s.name, [next((p for p in model.points if p.category == c and p.series == s.name), None) for c in model.categories])
            for s in model.series
        ]
    return [
        (model.axis_title or model.title, [next((p for p in model.points if p.category == c), None) for c in model.categories])
    ]


def _chart(slide, model: ChartModel, box: Box) -> None:
    series = _series(model)
    data = CategoryChartData(number_format="#,##0.##")
    data.categories = model.categories
    for name, points in series:
        data.add_series(name, [None if p is None else p.value for p in points])
    kind = XL_CHART_TYPE.BAR_CLUSTERED if model.kind == "bar" else XL_CHART_TYPE.LINE_MARKERS
    chart = slide.shapes.add_chart(kind, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height), data).chart
    chart.font.size = Pt(AXIS_PT)
    chart.font.color.rgb = rgb(INK["light"])
    chart.has_title = False  # the slide's title says it, in a box that is fitted
    chart.has_legend = len(series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(AXIS_PT)
    categories, values = chart.category_axis, chart.value_axis
    categories.tick_labels.font.size = Pt(LABEL_PT)
    categories.format.line.color.rgb = rgb(GRID["light"])
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = rgb(GRID["light"])
    values.tick_labels.font.size = Pt(AXIS_PT)
    values.tick_labels.number_format, values.tick_labels.number_format_is_linked = "#,##0.##", False
    values.minimum_scale = 0
    values.has_title = bool(model.axis_title)
    if model.axis_title:
        values.axis_title.text_frame.text = model.axis_title
        values.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(AXIS_PT)
    largest = max((p.value for p in model.points), default=0)
    plot = chart.plots[0]
    if model.kind == "bar":
        values.maximum_scale = largest * 1.35 if largest else None  # room for the labels past the longest bar
        if largest:  # some four steps: an office app's own choice crowds a narrow panel ("1,0002,0003,000")
            values.major_unit = nice_step(largest * 1.35 / 4)
        categories.reverse_order = True  # an office bar chart draws its first category at the bottom
        # ...and its value axis then at the top, unless the value axis crosses the categories at their end
        for crossing in chart.element.iter(f"{{{CHART_NS}}}valAx"):
            crossing.find(f"{{{CHART_NS}}}crosses").set("val", "max")
        for axis in chart.element.iter(f"{{{CHART_NS}}}catAx"):  # every category named, none skipped for room
            _every_label(axis)
        plot.gap_width = 50
    for index, (_, points) in enumerate(series):
        _style(chart, model, index, points)


def nice_step(rough: float) -> float:
    """The round step (1, 2, 2.5 or 5 times a power of ten) nearest above `rough`."""
    power = 10 ** math.floor(math.log10(rough))
    return next(power * m for m in (1, 2, 2.5, 5, 10) if power * m >= rough * (1 - 1e-9))


def _every_label(axis) -> None:
    """Set `c:tickLblSkip` to 1, placed where the schema wants it (PowerPoint rejects it elsewhere)."""
    skip = axis.find(f"{{{CHART_NS}}}tickLblSkip")
    if skip is None:
        skip = etree.Element(f"{{{CHART_NS}}}tickLblSkip")
        later = [axis.find(f"{{{CHART_NS}}}{name}") for name in ("tickMarkSkip", "noMultiLvlLbl", "extLst")]
        following = next((element for element in later if element is not None), None)
        if following is None:
            axis.append(skip)
        else:
            following.addprevious(skip)
    skip.set("val", "1")


def _style(chart, model: ChartModel, index: int, points: list[Point | None]) -> None:
    drawn = chart.plots[0].series[index]
    if model.kind != "bar":
        if model.kind == "line":
            drawn.format.line.color.rgb = rgb(PALETTE[5])
            drawn.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        else:  # points of unlike periods: never joined as if one series
            drawn.format.line.fill.background()
        drawn.marker.format.fill.solid()
        drawn.marker.format.fill.fore_color.rgb = rgb(model.colour or PALETTE[0])
        drawn.marker.size = 12
        drawn.smooth = False
    found = model.series[index] if model.series else None
    if model.kind == "bar":
        drawn.format.fill.solid()
        drawn.format.fill.fore_color.rgb = rgb(
            found.colour if found else next((p.colour for p in points if p and p.colour), "") or model.colour or PALETTE[0],
            bool(found and found.derived),
        )
    for place, point in enumerate(points):
        if point is None:
            continue
        shape = drawn.points[place]
        lighter = point.derived or bool(point.status) or bool(found and found.derived)
        if model.kind == "bar":
            colour = model.colour_of(point) or PALETTE[0]
            shape.format.fill.solid()
            shape.format.fill.fore_color.rgb = rgb(colour, lighter)
            if lighter or point.kind != "exact":  # derived, expected or not exact: an outline that says so
                shape.format.line.color.rgb = rgb(colour)
                shape.format.line.width = Pt(1.5)
                shape.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        label = shape.data_label
        label.position = XL_LABEL_POSITION.OUTSIDE_END if model.kind == "bar" else XL_LABEL_POSITION.ABOVE
        frame = label.text_frame
        frame.text = point.text
        frame.word_wrap = False  # a label is never broken inside a word
        run = frame.paragraphs[0].runs[0]
        run.font.size, run.font.bold = Pt(LABEL_PT), True
        run.font.color.rgb = rgb(INK["light"])
