"""Poverty charts: per-capita income at its published points only, and money invested by theme on one scale."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from components.charts import theme
from components.charts.base import bar_spec, tooltip_fields
from components.i18n import t


def income_chart(frame: pd.DataFrame, lang: str) -> alt.LayerChart | alt.FacetChart:
    """Per-capita income at its published points, on a time axis that ticks only at those points. A line between them
    is dashed and says that it only joins published values, so no yearly figures are implied in between.
    `frame` rows carry year, value, value_text, label, qualifier_text, period_label, oldest first."""
    frame = frame.sort_values("year").reset_index(drop=True)
    years = [int(y) for y in frame["year"]]
    # tick labels are the periods as published ("2019年年底"), not bare years
    label_expr = (
        "".join(f"datum.value == {y} ? {json.dumps(p, ensure_ascii=False)} : " for y, p in zip(years, frame["period_label"]))
        + "''"
    )
    x = alt.X(
        "year:Q",
        title=None,
        scale=alt.Scale(domain=[min(years) - 0.5, max(years) + 0.5], nice=False),
        axis=alt.Axis(values=years, labelExpr=label_expr, grid=False),
    )
    y = alt.Y("value:Q", title=t("poverty.income.axis", lang), scale=alt.Scale(zero=True), axis=alt.Axis(format=",~r"))
    base = alt.Chart(frame).encode(x=x, y=y)
    points = base.mark_point(filled=True, size=220, color=theme.PALETTE[0], opacity=1).encode(tooltip=tooltip_fields(lang))
    values = base.mark_text(dy=-22, fontWeight=600).encode(text=alt.Text("value_text:N"))
    layers = [points, values]
    if len(frame) > 1:
        line = base.mark_line(strokeDash=[6, 5], strokeWidth=2, color=theme.PALETTE[5])
        middle = pd.DataFrame(
            {"year": [sum(years) / len(years)], "value": [frame["value"].mean()], "note": [t("poverty.income.line_note", lang)]}
        )
        note = (
            alt.Chart(middle)
            .mark_text(dy=22, color=theme.PALETTE[5], fontStyle="italic")
            .encode(
                x=alt.X("year:Q", title=None), y=alt.Y("value:Q", title=t("poverty.income.axis", lang)), text=alt.Text("note:N")
            )
        )
        layers = [line, note, *layers]
    return alt.layer(*layers).properties(height=320, title=t("poverty.income.title", lang))


def money_chart(frame: pd.DataFrame, lang: str, *, unit: str) -> dict:
    """Money invested by theme on one scale, `unit` (the frame's `value`, converted exactly: frames.on_label_scale);
    the published amount, lower bounds included, is in value_text. `frame` rows carry label (theme), measure, value,
    value_text, qualifier, ... ."""
    axis_title = t("poverty.money.axis", lang, unit=unit)
    extra = (("measure:N", t("poverty.money.tooltip.measure", lang), None), ("value:Q", axis_title, ",~r"))
    largest_first = frame.sort_values("value", ascending=False)["label"].tolist()
    return bar_spec(
        frame,
        lang,
        axis_title,
        t("poverty.money.title", lang),
        colour=theme.PALETTE[3],
        order=largest_first,
        extra_tooltip=extra,
        per_bar=46,
    )
