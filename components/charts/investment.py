"""Investment charts: the project pipeline by stage and the named projects."""
from __future__ import annotations

import altair as alt
import pandas as pd

from components import theme
from components.charts.base import CHROME, bars
from components.i18n import t

# Streamlit fits the whole chart (title, axis, legend and all) into its height, so each builder sets a height from its
# bars plus this room for the rest; bars stay readable in projector type (20 px labels).
BAR_HEIGHT, LEGEND = 40, 60


def pipeline_chart(frame: pd.DataFrame, measure: str, lang: str) -> alt.LayerChart:
    """The pipeline, one bar per stage in stage order, for measure "projects" or "investment".
    `frame` rows carry stage, label, value, value_text, qualifier, qualifier_text, period_label, average_text."""
    stage_order = frame["label"].tolist()
    colour = alt.Color("label:N", sort=stage_order, scale=alt.Scale(domain=stage_order, range=theme.STAGE_COLOURS[: len(stage_order)]), legend=None)
    extra = [alt.Tooltip("average_text:N", title=t("investment.average.tooltip", lang))] if "average_text" in frame else None
    chart = bars(frame, lang, t(f"investment.measure.{measure}.axis", lang), colour=colour, sort=stage_order, extra_tooltip=extra)
    return chart.properties(title=t(f"investment.pipeline.title.{measure}", lang), height=BAR_HEIGHT * len(frame) + CHROME)


# How faded the other projects' bars are while one project is selected.
UNSELECTED_OPACITY = 0.35


def projects_chart(frame: pd.DataFrame, lang: str, selected: str | None = None) -> alt.LayerChart:
    """Every named project with a published amount, by amount, coloured by stage. A click is captured by the point
    selection "project" (on project_id); the highlight of the `selected` project comes from the data (a `selected`
    column), so what the chart shows always matches the selection the page keeps in the URL, even when that selection
    came from a link and not from a click. `frame` rows come from components.investment.projects_frame; rows without
    an amount are left out here."""
    data = frame[frame["value"].notna()].sort_values(["value", "stage_order"], ascending=[False, True])
    data = data.assign(selected=data["project_id"].eq(selected))
    stages = data.drop_duplicates("stage").sort_values("stage_order")
    colour = alt.Color(
        "stage_label:N", title=t("investment.legend.stage", lang), sort=stages["stage_label"].tolist(),
        scale=alt.Scale(domain=stages["stage_label"].tolist(), range=[theme.STAGE_COLOURS[i] for i in stages["stage_order"]]),
    )
    extra = [
        alt.Tooltip("stage_label:N", title=t("investment.legend.stage", lang)),
        alt.Tooltip("industry_label:N", title=t("investment.table.industry", lang)),
        alt.Tooltip("share_text:N", title=t("investment.table.share", lang)),
    ]
    chart = bars(data, lang, t("investment.projects.axis", lang), colour=colour, sort=data["label"].tolist(),
                 extra_tooltip=extra)
    bar = chart.layer[0].add_params(alt.selection_point(fields=["project_id"], name="project"))
    if data["selected"].any():
        bar = bar.encode(
            opacity=alt.OpacityValue(**alt.condition("datum.selected", alt.value(1.0), alt.value(UNSELECTED_OPACITY))),
            stroke=alt.StrokeValue(**alt.condition("datum.selected", alt.value(theme.PALETTE[1]), alt.value(None))),
            strokeWidth=alt.StrokeWidthValue(**alt.condition("datum.selected", alt.value(3), alt.value(0))),
        )
    chart.layer[0] = bar
    return chart.properties(title=t("investment.projects.title", lang), height=BAR_HEIGHT * len(data) + CHROME + LEGEND)
