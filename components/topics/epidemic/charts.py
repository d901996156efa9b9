"""Epidemic charts: people mobilised by group, their derived total said above the bars, never drawn as one of them."""

from __future__ import annotations

import pandas as pd

from components.charts import theme
from components.charts.base import bar_spec
from components.i18n import t


def mobilised_chart(frame: pd.DataFrame, lang: str, *, unit: str) -> dict:
    """One bar per group in the frame's order (largest first). The derived total (the row with derived=True) is no
    bar: a bar beside its own parts would read as one more group. It is a line under the title, with its caveat.
    `frame` rows carry label, value (counted in `unit`), value_text, qualifier, qualifier_text, period_label, derived
    and kind (in words)."""
    parts, total = frame[~frame["derived"].astype(bool)], frame[frame["derived"].astype(bool)]
    spec = bar_spec(
        parts,
        lang,
        t("epidemic.mobilised.axis", lang, unit=unit),
        t("epidemic.mobilised.title", lang),
        colour=theme.PALETTE[2],
        order=parts["label"].tolist(),
        extra_tooltip=(("kind:N", t("epidemic.tooltip.kind", lang), None),),
    )
    if total.empty:
        return spec
    line = t("epidemic.total.line", lang, value=total["value_text"].iloc[0], caveat=t("epidemic.total.caveat", lang))
    return {**spec, "title": {"text": spec["title"], "subtitle": line}}
