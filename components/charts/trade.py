"""Foreign-trade charts: a quarter's flows beside the prior-year values they imply, and the enterprise counts."""
from __future__ import annotations

import altair as alt
import pandas as pd

from components import theme
from components.charts.base import CHROME, bars, tooltip_fields
from components.i18n import t

DERIVED_DASH = [5, 3]
# Room for each bar and between flows, so that value labels in projector type (20 px) do not collide, plus the room the
# title, axis and legend take: the app fits the whole chart, not just its bars, into the height.
BAR_HEIGHT, GROUP_GAP, ENTERPRISE_BAR, LEGEND = 36, 16, 44, 40


def _translucent(hex_colour: str, opacity: float) -> str:
    """The colour at the derived-figure opacity, so the legend swatch looks like the bar."""
    red, green, blue = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {opacity})"


def flows_chart(frame: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Exports, imports and total as published, each beside the prior-year value its growth rate implies; implied bars
    are lighter with a dashed outline and say "derived" in the legend and tooltip. `frame` is trade.flows_frame."""
    flows = frame.sort_values("order")["label"].drop_duplicates().tolist()
    series = frame.sort_values("derived")[["series_label", "derived"]].drop_duplicates("series_label")
    colours = [_translucent(theme.PALETTE[0], theme.DERIVED_OPACITY) if d else theme.PALETTE[0] for d in series["derived"]]
    base = alt.Chart().encode(  # the data goes on the layer (see charts.base.bars)
        y=alt.Y("label:N", sort=flows, title=None, axis=alt.Axis(labelLimit=0)),
        yOffset=alt.YOffset("series_label:N", sort=series["series_label"].tolist()),
        tooltip=tooltip_fields(lang, [alt.Tooltip("yoy_text:N", title=t("trade.tooltip.yoy", lang))]),
    )
    bar = base.mark_bar(cornerRadiusEnd=3, strokeWidth=1.5).encode(
        x=alt.X("value:Q", title=t("trade.flows.axis", lang), axis=alt.Axis(format=",~r", tickCount=5)),
        color=alt.Color("series_label:N", title=t("trade.legend.series", lang), sort=series["series_label"].tolist(),
                        scale=alt.Scale(domain=series["series_label"].tolist(), range=colours)),
        stroke=alt.StrokeValue(**alt.condition("datum.derived", alt.value(theme.PALETTE[0]), alt.value(None))),
        strokeDash=alt.StrokeDashValue(**alt.condition("datum.derived", alt.value(DERIVED_DASH), alt.value([1, 0]))),
    )
    label = base.mark_text(align="left", dx=6, fontWeight=600).encode(
        x=alt.X("value:Q", title=t("trade.flows.axis", lang)), text=alt.Text("value_text:N"))  # same title: layers merge axes
    height = BAR_HEIGHT * len(frame) + GROUP_GAP * len(flows) + CHROME + LEGEND
    return alt.layer(bar, label, data=frame, height=height, title=t("trade.flows.title", lang))


def enterprises_chart(frame: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Enterprise counts as separate bars on one axis, in the frame's order; not stacked, since the report does not say
    whether the groups overlap. `frame` is display_frames.facts_frame of trade.enterprise_rows."""
    chart = bars(frame, lang, t("trade.enterprises.axis", lang), sort=frame["label"].tolist())
    return chart.properties(title=t("trade.enterprises.title", lang), height=ENTERPRISE_BAR * len(frame) + CHROME)
