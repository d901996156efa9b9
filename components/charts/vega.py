"""The chart model as a Vega-Lite spec (built with Altair): horizontal bars with each value's label as published, a
lower bound's open end, a just-below or approximate figure's own mark, derived and expected values lighter with a
dashed outline, a selected bar outlined; values far apart as labelled dots on a log scale; a series over periods as
points joined by a dashed line. No config: the page adds the viewer's theme (charts/theme.py) when it draws."""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import altair as alt

from components.charts import theme
from components.charts.model import ChartModel
from components.i18n import t

ROWS = "rows"  # the one inline dataset every spec draws from
# End marks, drawn in the square from -1 to 1 and scaled by `size` (pixel area): the same few pixels on any axis, so
# they say "and more" / "a little less" / "about" without reaching to any value.
END_SHAPES = {
    "lower_bound": "M -0.5 -1 L 0.5 0 L -0.5 1",  # >: the true figure is more
    "just_below": "M 0.5 -1 L -0.5 0 L 0.5 1",  # <: it is a little less
    "approximate": "M -1 0.3 C -0.6 -0.5 -0.2 -0.5 0 0 C 0.2 0.5 0.6 0.5 1 -0.3",  # ~
}
END_SIZE, END_GAP = 160, 8  # px² and px past the bar's end
END_REACH = math.ceil(math.sqrt(END_SIZE) / 2)
LABEL_GAP = 6
DOT_SIZE = 220  # px²: a dot on a log axis
DOT_REACH = math.ceil(math.sqrt(DOT_SIZE / math.pi))  # its radius, px
DASHES = {"derived": [5, 3], "status": [2, 2], "none": [1, 0]}
BAR_STEP, LABEL_LINE = 40, 16
# The axis reaches as far as the value labels need: the ROOM_CANDIDATES bars reaching furthest with their labels go in
# as ROOM_PARAM (value, label length in ems), the label size as EM_PARAM (the theme's), and the domain ends where the
# widest of them ends at the chart's width (Vega fits an axis to the bars alone, and would cut a label at the edge).
ROOM_PARAM, EM_PARAM, ROOM_CANDIDATES = "heze_room", "heze_em", 4
ROOM_EXPR = "max({})".format(
    ", ".join(
        f"{ROOM_PARAM}[{2 * i}] * width / max(width - {ROOM_PARAM}[{2 * i + 1}] * {EM_PARAM}, width * 0.3)"
        for i in range(ROOM_CANDIDATES)
    )
)
# Long category labels wrap on the axis, 14 Chinese characters or about 30 others a line (a phone's bars keep room).
WRAPPED_LABEL = (
    r"split(replace(replace(datum.value, regexp('([\u3400-\u9fff\uff00-\uffef]{14})(?=[^\n]{3,})', 'g'), '$1\n'),"
    r" regexp('(?![^\n]{1,30}$)([^\n]{1,30})\\s', 'g'), '$1\n'), '\n')"
)


def _ems(text: str, end_mark: bool) -> float:
    ems = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.62 for c in text)
    return ems + (1.8 if end_mark else 0.8)


def _lines(label: str) -> int:
    wide = sum(unicodedata.east_asian_width(c) in "WF" for c in label)
    return max(1, math.ceil(max(wide - 3, 0) / 14) if wide > len(label) / 2 else math.ceil(len(label) / 30))


def lighter(colour: str) -> str:
    """A colour as it looks at the derived opacity over white: a derived or expected value's fill (and its key's)."""
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return "#" + "".join(
        f"{round(c * theme.DERIVED_OPACITY + 255 * (1 - theme.DERIVED_OPACITY)):02X}" for c in (red, green, blue)
    )


def rows(model: ChartModel) -> list[dict[str, Any]]:
    """What the spec draws: a row per point, with its colour, marks and tooltip lines resolved."""
    out = []
    for _order, point in enumerate(model.points):
        found = model.series_of(point)
        derived = point.derived or bool(found and found.derived)
        out.append(
            {
                "category": point.category,
                "series": point.series,
                "value": point.value,
                "text": point.text,
                "kind": point.kind,
                "end": point.kind if point.kind in END_SHAPES else "",
                "lighter": derived or bool(point.status),
                "dash": "derived" if derived else "status" if point.status else "none",
                "colour": model.colour_of(point) or theme.PALETTE[0],
                "fill": lighter(model.colour_of(point) or theme.PALETTE[0])
                if derived or point.status
                else model.colour_of(point) or theme.PALETTE[0],
                "period": point.period,
                "qualifier": point.qualifier_text or t("qualifier.exact", model.lang),
                "report": point.report,
                "key": point.key,
                "selected": point.selected,
                "order": model.categories.index(point.category),
                "ems": _ems(point.text, point.kind in END_SHAPES),
                **{f"detail_{i}": text for i, (_, text) in enumerate(point.details)},
            }
        )
    return out


def room(data: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The parameters that give the value labels room (see ROOM_EXPR), with a default label size."""
    top = sorted(data, key=lambda r: -r["value"])[: ROOM_CANDIDATES - 1] + sorted(data, key=lambda r: -r["ems"])[:1]
    values = [float(x) for r in top for x in (r["value"], r["ems"])]
    values += [0.0] * (2 * ROOM_CANDIDATES - len(values))
    return [{"name": ROOM_PARAM, "value": values}, {"name": EM_PARAM, "value": theme.label_size()}]


def _tooltip(model: ChartModel) -> list[alt.Tooltip]:
    lang = model.lang
    details = model.points[0].details if model.points else ()
    return [
        alt.Tooltip("category:N", title=t("chart.tooltip.item", lang)),
        *([alt.Tooltip("series:N", title=model.legend_title or t("chart.tooltip.series", lang))] if model.series else []),
        alt.Tooltip("text:N", title=t("chart.tooltip.value", lang)),
        alt.Tooltip("qualifier:N", title=t("chart.tooltip.qualifier", lang)),
        alt.Tooltip("period:N", title=t("chart.tooltip.period", lang)),
        alt.Tooltip("report:N", title=t("chart.tooltip.report", lang)),
        *(alt.Tooltip(f"detail_{i}:N", title=title) for i, (title, _) in enumerate(details)),
    ]


def _colour(model: ChartModel) -> alt.Color | alt.ColorValue:
    if model.series:
        names = [s.name for s in model.series]
        return alt.Color(
            "series:N",
            title=model.legend_title or None,
            sort=names,
            scale=alt.Scale(domain=names, range=[lighter(s.colour) if s.derived else s.colour for s in model.series]),
            legend=alt.Legend(columns=alt.ExprRef("width < 420 ? 1 : 0")),
        )
    if model.legend:
        names = [name for name, _ in model.legend]
        return alt.Color(
            "legend_name:N",
            title=model.legend_title or None,
            sort=names,
            scale=alt.Scale(domain=names, range=[c for _, c in model.legend]),
            legend=alt.Legend(columns=alt.ExprRef("width < 420 ? 1 : 0")),
        )
    return alt.Color("fill:N", scale=None, legend=None)


def _bars(model: ChartModel) -> alt.LayerChart | alt.FacetChart:
    value_axis = alt.X(
        "value:Q",
        title=model.axis_title,
        axis=alt.Axis(format=",~r", tickCount=5),
        scale=alt.Scale(domainMax=alt.ExprRef(ROOM_EXPR)),
    )
    category = alt.Y(
        "category:N",
        sort=alt.EncodingSortField("order", op="min"),
        title=None,
        axis=alt.Axis(labelLimit=0, labelExpr=WRAPPED_LABEL),
        scale=alt.Scale(paddingInner=0.2) if model.series else alt.Undefined,
    )
    base = alt.Chart().encode(y=category, tooltip=_tooltip(model))
    if model.series:
        base = base.encode(yOffset=alt.YOffset("series:N", sort=[s.name for s in model.series]))
    # A derived or expected value is lighter, with a dashed (derived) or dotted (expected, target) outline of its colour
    bar = base.mark_bar(cornerRadiusEnd=3).encode(x=value_axis, color=_colour(model), **_outline())
    if model.selectable:
        bar = bar.add_params(alt.selection_point(fields=["key"], name="project"))
    layers = [bar]
    if model.selectable:  # the selected bar outlined in the ink of the viewer's theme, never recoloured
        layers.append(
            base.transform_filter("datum.selected")
            .mark_bar(filled=False, strokeWidth=4, cornerRadiusEnd=3, aria=False, style=theme.SELECTED_STYLE)
            .encode(x=alt.X("value:Q", title=model.axis_title))
        )
    layers += [end.encode(x=alt.X("value:Q", title=model.axis_title)) for end in _end_marks(base, END_GAP)]
    label = base.mark_text(align="left", fontWeight=600).encode(
        x=alt.X("value:Q", title=model.axis_title), text=alt.Text("text:N")
    )
    layers.append(label.transform_filter("datum.end == ''").mark_text(align="left", dx=LABEL_GAP, fontWeight=600))
    layers.append(
        label.transform_filter("datum.end != ''").mark_text(align="left", dx=END_GAP + END_REACH + LABEL_GAP, fontWeight=600)
    )
    return alt.layer(*layers)


def _outline() -> dict[str, Any]:
    """A derived or expected value's outline in its colour: dashed (derived) or dotted (expected, target)."""
    return {
        "stroke": alt.Stroke("colour:N", scale=None, legend=None),
        "strokeWidth": alt.StrokeWidthValue(**alt.condition("datum.lighter", alt.value(1.5), alt.value(0))),
        "strokeDash": alt.StrokeDash("dash:N", scale=alt.Scale(domain=list(DASHES), range=list(DASHES.values())), legend=None),
    }


def _end_marks(base: alt.Chart, offset: int) -> list[alt.Chart]:
    """A bound's mark `offset` px past its value: > more, < a little less, ~ about."""
    return [
        base.transform_filter(f"datum.end == '{end}'").mark_point(
            shape=shape, size=END_SIZE, filled=False, strokeWidth=2.5, xOffset=offset, aria=False, style=theme.END_STYLE
        )
        for end, shape in END_SHAPES.items()
    ]


def _log_ticks(model: ChartModel) -> tuple[float, list[float]]:
    """Where a log axis starts (the power of ten at or below the smallest value) and its ticks: 1, 2, 5 a decade."""
    values = [p.value for p in model.points if p.value > 0] or [1.0]
    low = 10 ** math.floor(math.log10(min(values)))
    ticks = [low * 10**k * m for k in range(0, 12) for m in (1, 2, 5)]
    return low, [tick for tick in ticks if tick <= max(values) * 3]


def _dots(model: ChartModel) -> alt.LayerChart | alt.FacetChart:
    """Values more than an order of magnitude apart: a dot each on a log scale, labelled, so none vanishes."""
    low, ticks = _log_ticks(model)
    x = alt.X(
        "value:Q",
        title=t("chart.axis.log", model.lang, axis=model.axis_title),
        scale=alt.Scale(type="log", domainMin=low, domainMax=alt.ExprRef(ROOM_EXPR)),
        axis=alt.Axis(format=",~r", values=ticks),
    )
    y = alt.Y(
        "category:N",
        sort=alt.EncodingSortField("order", op="min"),
        title=None,
        axis=alt.Axis(labelLimit=0, labelExpr=WRAPPED_LABEL),
    )
    base = alt.Chart().encode(x=x, y=y, tooltip=_tooltip(model))
    # as a bar: a derived or expected value lighter with its dashed or dotted outline, a bound its end mark past the dot
    dot = base.mark_point(filled=True, size=DOT_SIZE, opacity=1).encode(color=_colour(model), **_outline())
    layers = [dot.add_params(alt.selection_point(fields=["key"], name="project")) if model.selectable else dot]
    # the selected dot ringed in the ink of the viewer's theme; hidden from screen readers, as the summary line says what
    # is selected (and an empty ring is an unnamed image to axe)
    if model.selectable:
        layers.append(
            base.transform_filter("datum.selected").mark_point(
                filled=False, size=520, strokeWidth=3, aria=False, style=theme.SELECTED_STYLE
            )
        )
    layers += _end_marks(base, DOT_REACH + END_GAP)
    label = base.mark_text(align="left", fontWeight=600).encode(text=alt.Text("text:N"))
    layers.append(label.transform_filter("datum.end == ''").mark_text(align="left", dx=DOT_REACH + LABEL_GAP, fontWeight=600))
    layers.append(
        label.transform_filter("datum.end != ''").mark_text(
            align="left", dx=DOT_REACH + END_GAP + END_REACH + LABEL_GAP, fontWeight=600
        )
    )
    return alt.layer(*layers)


def _line(model: ChartModel) -> alt.LayerChart | alt.FacetChart:
    """A series over periods: its published points, labelled, joined by a dashed line that says it only joins them."""
    x = alt.X("category:N", sort=list(model.categories), title=None, axis=alt.Axis(labelAngle=0, labelLimit=0))
    y = alt.Y("value:Q", title=model.axis_title, scale=alt.Scale(zero=True), axis=alt.Axis(format=",~r"))
    base = alt.Chart().encode(x=x, y=y)
    dots = base.mark_point(filled=True, size=220, opacity=1).encode(color=_colour(model), tooltip=_tooltip(model))
    labels = base.mark_text(dy=-22, fontWeight=600).encode(text=alt.Text("text:N"))
    if model.kind != "line":  # periods of unlike spans: side by side, never joined as if one series
        return alt.layer(dots, labels)
    line = base.mark_line(strokeDash=[6, 5], strokeWidth=2, color=theme.PALETTE[5])
    return alt.layer(line, dots, labels)


def _height(model: ChartModel) -> int | alt.Step:
    if model.kind != "bar":
        return 300
    lines = max((_lines(c) for c in model.categories), default=1)
    step = max(BAR_STEP, LABEL_LINE * lines + 14)
    return alt.Step(step // 2 + 4, **{"for": "offset"}) if model.series else alt.Step(step)


@functools.lru_cache(maxsize=512)  # a model is built once per data version and choice; so is its spec
def vega_spec(model: ChartModel) -> Mapping[str, Any]:
    """The chart model as a Vega-Lite spec with its rows inline (read-only: it is cached and shared)."""
    chart = _dots(model) if model.log_scale else _bars(model) if model.kind == "bar" else _line(model)
    data = rows(model)
    if model.legend:
        by_colour = {c: n for n, c in model.legend}
        for row in data:
            row["legend_name"] = by_colour.get(row["colour"], "")
    spec = chart.properties(data=alt.NamedData(ROWS), height=_height(model)).to_dict(validate=False)
    spec["datasets"] = {ROWS: data}
    if model.kind == "bar":
        spec["params"] = [*spec.get("params", []), *room(data)]
    return MappingProxyType(spec)


def description(model: ChartModel) -> str:
    """What the chart shows in a sentence or two (the SVG's accessible name)."""
    kind = "bar" if model.kind == "bar" else "line"
    return t(
        f"chart.description.{kind}",
        model.lang,
        title=model.title,
        count=len(model.points),
        measure=model.axis_title,
        subtitle=model.subtitle,
    ).strip()
