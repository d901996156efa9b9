"""Epidemic charts: people mobilised by group, with their derived total as a lighter bar."""
from __future__ import annotations

import altair as alt
import pandas as pd

from components import theme
from components.charts.base import bars, fitted_height
from components.i18n import t


def mobilised_chart(frame: pd.DataFrame, lang: str) -> alt.LayerChart:
    """One bar per group in the frame's order (largest first), the derived total (derived=True) last and lighter.
    `frame` rows carry label, value, value_text, qualifier, qualifier_text, period_label, derived and kind (in words)."""
    chart = bars(frame, lang, t("epidemic.mobilised.axis", lang), colour=alt.ColorValue(theme.PALETTE[2]), sort=frame["label"].tolist(),
                 extra_tooltip=[alt.Tooltip("kind:N", title=t("epidemic.tooltip.kind", lang))])
    return chart.properties(title=t("epidemic.mobilised.title", lang), height=fitted_height(len(frame)))
