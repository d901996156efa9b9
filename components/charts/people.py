"""People charts for talent and poverty: counts of people and counts of person-times, never on one axis."""

from __future__ import annotations

import pandas as pd

from components.charts import theme
from components.charts.base import bar_spec
from components.i18n import t

# People and person-times get different hues as well as different charts, so the two are never read as one measure.
COLOURS = {"people": theme.PALETTE[0], "person_times": theme.PALETTE[2]}


def people_chart(frame: pd.DataFrame, lang: str, title: str, *, unit: str) -> dict:
    """Bars of one quantity ("people" or "person_times", from the frame's `quantity` column) by label.
    `frame` rows carry label, value (counted in `unit`: frames.on_label_scale), value_text (as published), qualifier,
    qualifier_text, period_label, quantity, and optionally note and theme, shown in the tooltip."""
    quantities = frame["quantity"].unique().tolist()
    if len(quantities) != 1:
        raise ValueError(f"one chart counts one quantity, got {quantities}")
    quantity = quantities[0]
    extra = []
    if "theme" in frame:
        extra.append(("theme:N", t("people.tooltip.theme", lang), None))
    if "note" in frame and frame["note"].astype(bool).any():
        extra.append(("note:N", t("people.tooltip.note", lang), None))
    largest_first = frame.sort_values("value", ascending=False)["label"].tolist()
    return bar_spec(
        frame,
        lang,
        t(f"people.axis.{quantity}", lang, unit=unit),
        title,
        colour=COLOURS.get(quantity, theme.PALETTE[0]),
        order=largest_first,
        extra_tooltip=tuple(extra),
        per_bar=46,
    )


def by_quantity(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The frame split by what is counted ("people", then "person_times"), one people_chart each: never one axis."""
    order = ["people", "person_times"] + sorted(set(frame["quantity"]) - {"people", "person_times"})
    return {q: frame[frame["quantity"] == q].reset_index(drop=True) for q in order if (frame["quantity"] == q).any()}
