"""Foreign-trade charts: a quarter's flows beside the prior-year values they imply, and the enterprise counts."""

from __future__ import annotations

import functools
from collections.abc import Mapping

import altair as alt
import pandas as pd

from components.charts import theme
from components.charts.base import BY_ORDER, CHROME, ROOM_EXPR, bar_rows, bars, template, tooltip_fields, with_rows
from components.i18n import t

DERIVED_DASH = [5, 3]
# Room for each bar and between flows, so that value labels in projector type (20 px) do not collide; the enterprises
# chart has a fixed height, so it adds the room its title and axis take (the app fits the whole chart into it).
BAR_HEIGHT, ENTERPRISE_BAR = 36, 44
GAP = 0.2  # between flows, as a share of a flow's band


def _translucent(hex_colour: str, opacity: float) -> str:
    """The colour at the derived-figure opacity, so the legend swatch looks like the bar."""
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {opacity})"


def flows_chart(frame: pd.DataFrame, lang: str, *, unit: str) -> dict:
    """Exports, imports and total as published, each beside the prior-year value its growth rate implies; implied bars
    are lighter with a dashed outline and say "derived" in the legend and tooltip. `frame` is trade.flows_frame (its
    `order` column puts the flows in the report's order), its `value` counted in `unit` (frames.on_label_scale)."""
    series = frame.sort_values("derived")[["series_label", "derived"]].drop_duplicates("series_label")
    spec = _flows_template(lang, tuple(zip(series["series_label"], series["derived"].astype(bool))), unit)
    return with_rows(spec, bar_rows(frame))  # bar_rows: with the length of each label, which the axis leaves room for


@functools.lru_cache(maxsize=64)  # by language, the series shown (label, derived) and unit: a flow choice only brings rows
def _flows_template(lang: str, series: tuple[tuple[str, bool], ...], unit: str) -> Mapping:
    labels = [label for label, _ in series]
    colours = [_translucent(theme.PALETTE[0], theme.DERIVED_OPACITY) if derived else theme.PALETTE[0] for _, derived in series]
    base = alt.Chart().encode(  # the data goes on the layer (see charts.base.bars)
        y=alt.Y("label:N", sort=BY_ORDER, title=None, axis=alt.Axis(labelLimit=0), scale=alt.Scale(paddingInner=GAP)),
        yOffset=alt.YOffset("series_label:N", sort=labels),
        tooltip=tooltip_fields(lang, [alt.Tooltip("yoy_text:N", title=t("trade.tooltip.yoy", lang))]),
    )
    bar = base.mark_bar(cornerRadiusEnd=3, strokeWidth=1.5).encode(
        x=alt.X(
            "value:Q",
            title=t("trade.flows.axis", lang, unit=unit),
            axis=alt.Axis(format=",~r", tickCount=5),
            scale=alt.Scale(domainMax=alt.ExprRef(ROOM_EXPR)),
        ),
        color=alt.Color(
            "series_label:N", title=t("trade.legend.series", lang), sort=labels, scale=alt.Scale(domain=labels, range=colours)
        ),
        stroke=alt.StrokeValue(**alt.condition("datum.derived", alt.value(theme.PALETTE[0]), alt.value(None))),
        strokeDash=alt.StrokeDashValue(**alt.condition("datum.derived", alt.value(DERIVED_DASH), alt.value([1, 0]))),
    )
    label = base.mark_text(align="left", dx=6, fontWeight=600).encode(
        x=alt.X("value:Q", title=t("trade.flows.axis", lang, unit=unit)), text=alt.Text("value_text:N")
    )  # same title: layers merge axes
    # the step is each bar's (the offset's); the flows are spaced by the y scale's padding
    return template(bar, label, per_bar=alt.Step(BAR_HEIGHT, **{"for": "offset"}), title=t("trade.flows.title", lang))


def enterprises_chart(frame: pd.DataFrame, lang: str) -> alt.LayerChart | alt.FacetChart:
    """Enterprise counts as separate bars on one axis, in the frame's order; not stacked, since the report does not say
    whether the groups overlap. `frame` is display_frames.facts_frame of trade.enterprise_rows."""
    chart = bars(frame, lang, t("trade.enterprises.axis", lang), sort=frame["label"].tolist())
    return chart.properties(title=t("trade.enterprises.title", lang), height=ENTERPRISE_BAR * len(frame) + CHROME)
