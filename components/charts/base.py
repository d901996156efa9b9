"""Chart pieces every topic uses: bars that show lower bounds as open-ended and derived values as lighter."""

from __future__ import annotations

import functools
import math
import textwrap
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

import altair as alt
import pandas as pd

from components.charts import theme  # noqa: F401  registers and enables the "heze" theme once, before any chart is built
from components.i18n import t

# Streamlit fits a chart's title and x axis into its height, so a bar chart's height is its bars plus this much.
CHROME = 90


def fitted_height(bars: int, per_bar: int = 40) -> int:
    return per_bar * bars + CHROME


# A lower bound's open end: a small open chevron (">") just past its bar, the same few pixels whatever the axis, so it
# says "and more" without reaching to any value (a dash in axis units read as a range). Custom point shapes are drawn
# in the square from -1 to 1 and scaled by `size` (pixel area).
OPEN_END_SHAPE = "M -0.5 -1 L 0.5 0 L -0.5 1"
OPEN_END_SIZE = 160
OPEN_END_GAP = 8  # px from the bar's end to the chevron's centre
OPEN_END_REACH = math.ceil(math.sqrt(OPEN_END_SIZE) / 2 * 0.5)  # px the chevron reaches past its centre
LABEL_GAP = 6  # px from a bar's end (or its chevron) to its value label

# A value label past the longest bar would be cut at the chart's edge, as Vega fits the axis to the bars alone. The
# axis reaches as far as the labels need on the chart as it is drawn: each bar's value and label length (in ems: a
# Chinese character one, any other 0.62 (the labels are bold), plus the gap and a bound's chevron) go into the spec as the parameter
# ROOM_PARAM, the label size in pixels as EM_PARAM (theme_config's, added when drawn), and the axis ends where the
# widest-reaching of the ROOM_CANDIDATES bars' labels ends, at the chart's width then.
ROOM_PARAM, EM_PARAM, ROOM_CANDIDATES = "heze_room", "heze_em", 4


def _room_expr() -> str:
    reach = [
        f"{ROOM_PARAM}[{2 * i}] * width / max(width - {ROOM_PARAM}[{2 * i + 1}] * {EM_PARAM}, width * 0.3)"
        for i in range(ROOM_CANDIDATES)
    ]
    return f"max({', '.join(reach)})"


ROOM_EXPR = _room_expr()


def room_params(rows: pd.DataFrame, em: float = 13) -> list[dict]:
    """The spec parameters that give the value labels of `rows` (bar_rows) room: the bars reaching furthest with their
    labels, by value and by label length."""
    if rows.empty or "label_ems" not in rows:
        values: list[float] = []
    else:
        top = pd.concat([rows.nlargest(ROOM_CANDIDATES - 1, "value"), rows.nlargest(1, "label_ems")])
        values = [float(x) for v, e in zip(top["value"], top["label_ems"]) for x in (v, e)]
    values += [0.0] * (2 * ROOM_CANDIDATES - len(values))
    return [{"name": ROOM_PARAM, "value": values}, {"name": EM_PARAM, "value": em}]


def _label_ems(text: str, bound: bool) -> float:
    ems = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.62 for c in str(text))
    return ems + (1.8 if bound else 0.8)  # the gap, and a bound's chevron


# Long category labels ("R&D staff recruited for the Yuhuang New Energy Technology Centre") would leave a phone's bars no
# room: the axis writes them on several lines, 14 Chinese characters or about 30 others a line (at a space where there
# is one). A Vega expression, so the data keep their labels whole for tooltips, tables and the briefing.
WRAPPED_LABEL = (
    r"split(replace(replace(datum.label, regexp('([\u3400-\u9fff\uff00-\uffef]{14})(?=[^\n]{3,})', 'g'), '$1\n'),"
    r" regexp('(?![^\n]{1,30}$)([^\n]{1,30})\\s', 'g'), '$1\n'), '\n')"
)


LABEL_LINE_PX = 16  # a wrapped label's line, at the reading size


def label_lines(labels) -> int:
    """How many lines the longest of the labels takes on the axis (WRAPPED_LABEL's rule, estimated a little high)."""
    most = 1
    for label in map(str, labels):
        wide = sum(unicodedata.east_asian_width(c) in "WF" for c in label)
        lines = math.ceil(max(wide - 3, 0) / 14) if wide > len(label) / 2 else len(textwrap.wrap(label, 30) or [""])
        most = max(most, lines)
    return most


def step_for(labels, per_bar: int) -> int:
    """A bar's step: at least `per_bar`, and room for its label's lines so that labels of neighbouring bars do not
    run into each other."""
    return max(per_bar, LABEL_LINE_PX * label_lines(labels) + 14)


def tooltip_fields(lang: str, extra: list | None = None) -> list:
    """Value with unit and qualifier, period and source: the same tooltip on every chart."""
    return [
        alt.Tooltip("label:N", title=t("chart.tooltip.item", lang)),
        alt.Tooltip("value_text:N", title=t("chart.tooltip.value", lang)),
        alt.Tooltip("qualifier_text:N", title=t("chart.tooltip.qualifier", lang)),
        alt.Tooltip("period_label:N", title=t("chart.tooltip.period", lang)),
        *(extra or []),
    ]


def bar_rows(frame: pd.DataFrame, order: list | None = None) -> pd.DataFrame:
    """The rows a bar chart draws: the frame with which rows are lower bounds (drawn open-ended) and, when `order`
    (labels top to bottom) is given, each row's place in it."""
    data = frame.assign(is_bound=frame["qualifier"].eq("at_least"), derived=frame.get("derived", False))
    data["label_ems"] = [_label_ems(text, bound) for text, bound in zip(data["value_text"], data["is_bound"])]
    if order is not None:
        data["order"] = data["label"].map({label: place for place, label in enumerate(order)})
    return data


def bar_layers(
    lang: str,
    axis_title: str,
    colour: alt.Color | alt.ColorValue | None,
    sort: list | str | alt.EncodingSortField,
    extra_tooltip: list | None,
) -> tuple[alt.Chart, ...]:
    """Bars, the open ends of lower bounds and the value labels (those of exact figures, then those of bounds), without
    data.

    Encodings are channel objects (alt.Text, alt.ColorValue, alt.OpacityValue(**alt.condition(...))), not shorthand
    strings or dicts: Altair turns those into objects through a schema search that costs milliseconds a channel."""
    # The data goes on the layer, not on each part: Altair would otherwise compare the parts' data to merge them.
    base = alt.Chart().encode(
        y=alt.Y("label:N", sort=sort, title=None, axis=alt.Axis(labelLimit=0, labelExpr=WRAPPED_LABEL)),
        tooltip=tooltip_fields(lang, extra_tooltip),
    )
    bar = base.mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X(
            "value:Q",
            title=axis_title,
            axis=alt.Axis(format=",~r", tickCount=5),
            scale=alt.Scale(domainMax=alt.ExprRef(ROOM_EXPR)),
        ),
        color=colour if colour is not None else alt.ColorValue(theme.PALETTE[0]),
        opacity=alt.OpacityValue(**alt.condition("datum.derived", alt.value(theme.DERIVED_OPACITY), alt.value(1.0))),
    )
    open_end = (
        base.transform_filter("datum.is_bound")
        # decorative beside its label, which says 「多」/"+" in words: hidden from screen readers
        .mark_point(
            shape=OPEN_END_SHAPE,
            size=OPEN_END_SIZE,
            filled=False,
            strokeWidth=2.5,
            xOffset=OPEN_END_GAP,
            aria=False,
            style=theme.OPEN_END_STYLE,  # the text's ink of the viewer's theme, as the label it belongs to
        )
        .encode(x=alt.X("value:Q", title=axis_title))
    )
    label = base.mark_text(align="left", dx=LABEL_GAP, fontWeight=600).encode(
        x=alt.X("value:Q", title=axis_title),
        text=alt.Text("value_text:N"),
    )
    # a bound's label starts past its chevron; dx is a mark property, so bounds get a layer of their own
    bound_label = label.transform_filter("datum.is_bound").mark_text(
        align="left", dx=OPEN_END_GAP + OPEN_END_REACH + LABEL_GAP, fontWeight=600
    )
    return bar, open_end, label.transform_filter("!datum.is_bound"), bound_label


def bars(
    frame: pd.DataFrame,
    lang: str,
    axis_title: str,
    colour: alt.Color | alt.ColorValue | None = None,
    sort: list | str = "-x",
    extra_tooltip: list | None = None,
    height_per_bar: int = 38,
) -> alt.LayerChart | alt.FacetChart:
    """Horizontal bars of `value` by `label`. Expects columns label, value, value_text, qualifier, qualifier_text,
    period_label and `derived` (bool). Lower bounds get an open end and their "+" label; derived bars are lighter.
    For charts whose colours or order are set from their rows (see bar_spec for those that are not)."""
    layers = bar_layers(lang, axis_title, colour, sort, extra_tooltip)
    rows = bar_rows(frame)
    chart = alt.layer(*layers, data=rows, height=fitted_height(max(4, len(frame)), height_per_bar))
    return chart.add_params(*(alt.param(name=p["name"], value=p["value"]) for p in room_params(rows)))


# A bar_spec's rows, under one name whatever they hold, in the order of their `order` column (bar_rows).
ROWS = "rows"
BY_ORDER = alt.EncodingSortField("order", op="min")


def template(*layers: alt.Chart, per_bar: int | alt.Step, title: str) -> Mapping:
    """Bar layers as a Vega-Lite spec that draws from the dataset ROWS, a step per bar high: the chart grows and
    shrinks with its rows without a new spec. Read-only, as it is cached and shared."""
    step = per_bar if isinstance(per_bar, alt.Step) else alt.Step(per_bar)
    return MappingProxyType(alt.layer(*layers, data=alt.NamedData(ROWS), height=step, title=title).to_dict(validate=False))


def with_rows(spec: Mapping, rows: pd.DataFrame) -> dict:
    """A template spec with its rows (and, for bars, the room their labels need)."""
    params = [*spec.get("params", []), *(room_params(rows) if "label_ems" in rows else [])]
    return {**spec, "datasets": {ROWS: rows.to_dict("records")}, **({"params": params} if params else {})}


@functools.lru_cache(maxsize=256)  # keyed by language, titles and colour: a few dozen specs in all
def _bar_template(lang: str, axis_title: str, title: str, colour: str, extra_tooltip: tuple, per_bar: int) -> Mapping:
    tooltips = [alt.Tooltip(field, title=name, **({"format": fmt} if fmt else {})) for field, name, fmt in extra_tooltip]
    return template(*bar_layers(lang, axis_title, alt.ColorValue(colour), BY_ORDER, tooltips), per_bar=per_bar, title=title)


def bar_spec(
    frame: pd.DataFrame,
    lang: str,
    axis_title: str,
    title: str,
    *,
    colour: str,
    order: list,
    extra_tooltip: tuple[tuple[str, str, str | None], ...] = (),
    per_bar: int = 40,
) -> dict:
    """What bars() draws, as a finished Vega-Lite spec, for charts whose look does not depend on their rows: the spec
    is built once per language, titles and colour, and a filter choice only brings new rows (in `order`, top to
    bottom). `extra_tooltip`: (field with type, title, number format or None) after the usual fields."""
    spec = _bar_template(lang, axis_title, title, colour, tuple(extra_tooltip), step_for(frame["label"], per_bar))
    return with_rows(spec, bar_rows(frame, order))


def _layers(spec: Mapping) -> list[Mapping]:
    return list(spec.get("layer") or [spec])


def _mark_type(layer: Mapping) -> str:
    mark = layer.get("mark")
    return mark.get("type", "") if isinstance(mark, Mapping) else str(mark or "")


def chart_title(spec: Mapping) -> tuple[str, str]:
    """A spec's title and subtitle as text ("" where there is none)."""
    title = spec.get("title") or ""
    if isinstance(title, Mapping):
        return str(title.get("text", "")), str(title.get("subtitle", ""))
    return str(title), ""


def description(spec: Mapping, lang: str) -> str:
    """What a chart shows, in one or two sentences of the reader's language: its title (and subtitle), how many bars or
    points and what their length or height is. Vega-Lite gives it to the SVG as its accessible name (aria-label)."""
    text, subtitle = chart_title(spec)
    layers = _layers(spec)
    bar = next((layer for layer in layers if _mark_type(layer) == "bar"), None)
    drawn = bar or next((layer for layer in layers if _mark_type(layer) in ("point", "line")), {})
    channel = "x" if bar is not None else "y"
    measure = ((drawn.get("encoding") or {}).get(channel) or {}).get("title") or ""
    rows: list = next(iter(spec.get("datasets", {}).values()), [])
    count = len(rows) if rows else sum(len(layer.get("data", {}).get("values", [])) for layer in layers[:1])
    kind = "bar" if bar is not None else "line"
    return t(f"chart.description.{kind}", lang, title=text, count=count, measure=measure, subtitle=subtitle).strip()
