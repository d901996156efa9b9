"""Epidemic charts: people mobilised by group, with their derived total as a lighter bar."""

from __future__ import annotations

import pandas as pd

from components.charts import theme
from components.charts.base import bar_spec
from components.i18n import t


def mobilised_chart(frame: pd.DataFrame, lang: str, *, unit: str) -> dict:
    """One bar per group in the frame's order (largest first), the derived total (derived=True) last and lighter.
    `frame` rows carry label, value (counted in `unit`), value_text, qualifier, qualifier_text, period_label, derived
    and kind (in words)."""
    return bar_spec(
        frame,
        lang,
        t("epidemic.mobilised.axis", lang, unit=unit),
        t("epidemic.mobilised.title", lang),
        colour=theme.PALETTE[2],
        order=frame["label"].tolist(),
        extra_tooltip=(("kind:N", t("epidemic.tooltip.kind", lang), None),),
    )
