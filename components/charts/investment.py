"""Investment charts: the project pipeline by stage and the named projects."""
from __future__ import annotations

import altair as alt
import pandas as pd

from components import theme
from components.charts.base import bars
from components.i18n import t


def pipeline_chart(frame: pd.DataFrame, measure: str, lang: str) -> alt.LayerChart:
    """The pipeline, one bar per stage in stage order, for measure "projects" or "investment".
    `frame` rows carry stage, label, value, value_text, qualifier, qualifier_text, period_label, average_text."""
    stage_order = frame["label"].tolist()
    colour = alt.Color("label:N", sort=stage_order, scale=alt.Scale(domain=stage_order, range=theme.STAGE_COLOURS[: len(stage_order)]), legend=None)
    extra = [alt.Tooltip("average_text:N", title=t("investment.average.tooltip", lang))] if "average_text" in frame else None
    chart = bars(frame, lang, t(f"investment.measure.{measure}.axis", lang), colour=colour, sort=stage_order, extra_tooltip=extra)
    return chart.properties(title=t(f"investment.pipeline.title.{measure}", lang))
