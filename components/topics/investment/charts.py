"""Investment charts: the project pipeline by stage and the named projects."""

from __future__ import annotations

import functools
from collections.abc import Mapping

import altair as alt
import pandas as pd

from components.charts import theme
from components.charts.base import BY_ORDER, CHROME, bar_layers, bar_rows, bars, step_for, template, with_rows
from components.figures.derived import STAGE_ORDER
from components.i18n import t

# Room for each bar, so that bars stay readable in projector type (20 px labels). The pipeline chart has a fixed height,
# so it adds the room its title and axis take (the app fits the whole chart into it); the projects chart is a step per bar.
BAR_HEIGHT = 40


def pipeline_chart(frame: pd.DataFrame, measure: str, lang: str, *, unit: str) -> alt.LayerChart | alt.FacetChart:
    """The pipeline, one bar per stage in stage order, for measure "projects" or "investment", its `value` counted in
    `unit` (frames.on_label_scale). `frame` rows carry stage, label, value, value_text, qualifier, qualifier_text,
    period_label, average_text."""
    stage_order = frame["label"].tolist()
    colour = alt.Color(
        "label:N",
        sort=stage_order,
        scale=alt.Scale(domain=stage_order, range=[theme.STAGE_COLOURS[STAGE_ORDER.index(s)] for s in frame["stage"]]),
        legend=None,
    )
    extra = [alt.Tooltip("average_text:N", title=t("investment.average.tooltip", lang))] if "average_text" in frame else None
    chart = bars(
        frame,
        lang,
        t(f"investment.measure.{measure}.axis", lang, unit=unit),
        colour=colour,
        sort=stage_order,
        extra_tooltip=extra,
    )
    return chart.properties(title=t(f"investment.pipeline.title.{measure}", lang), height=BAR_HEIGHT * len(frame) + CHROME)


# How wide the outline of the selected project's bar is, in pixels.
SELECTED_OUTLINE = 4


def projects_chart(
    frame: pd.DataFrame, lang: str, selected: str | None = None, key: pd.DataFrame | None = None, *, unit: str
) -> dict:
    """Every named project with a published amount, by amount, coloured by stage. A click is captured by the point
    selection "project" (on project_id); the highlight of the `selected` project comes from the data (a `selected`
    column), so what the chart shows always matches the selection the page keeps in the URL, even when that selection
    came from a link and not from a click. `frame` rows come from components.investment.projects_frame; rows without
    an amount are left out here. The colour key lists the stages of `key` (the unfiltered projects, so it stays put
    while filters change; by default `frame`). `value` is counted in `unit` (frames.on_label_scale)."""
    data = frame[frame["value"].notna()].sort_values(["value", "stage_order"], ascending=[False, True])
    data = data.assign(selected=data["project_id"].eq(selected))
    keyed = data if key is None else key[key["value"].notna()]
    stages = keyed.drop_duplicates("stage").sort_values("stage_order")
    step = step_for(keyed["label"], BAR_HEIGHT)  # of every project with an amount, so a filter does not change it
    spec = _projects_template(
        lang, tuple(zip(stages["stage_label"], stages["stage_order"])), bool(data["selected"].any()), unit, step
    )
    return with_rows(spec, bar_rows(data, data["label"].tolist()))


@functools.lru_cache(maxsize=128)  # by language, stages shown (label, place), whether one is highlighted, unit, step
def _projects_template(lang: str, stages: tuple[tuple[str, int], ...], highlight: bool, unit: str, step: int) -> Mapping:
    labels = [label for label, _ in stages]
    colour = alt.Color(
        "stage_label:N",
        title=t("investment.legend.stage", lang),
        # one row where it fits; under a narrow plot (a phone: the labels take half its width) one or two columns
        legend=alt.Legend(columns=alt.ExprRef("width < 320 ? 1 : width < 560 ? 2 : 0")),
        sort=labels,
        scale=alt.Scale(domain=labels, range=[theme.STAGE_COLOURS[place] for _, place in stages]),
    )
    extra = [
        alt.Tooltip("stage_label:N", title=t("investment.legend.stage", lang)),
        alt.Tooltip("industry_label:N", title=t("investment.table.industry", lang)),
        alt.Tooltip("share_text:N", title=t("investment.table.share", lang)),
    ]
    bar, *marks = bar_layers(lang, t("investment.projects.axis", lang, unit=unit), colour, BY_ORDER, extra)
    bar = bar.add_params(alt.selection_point(fields=["project_id"], name="project"))
    if highlight:
        # the other bars keep their stage's colour at full strength; the selected one is outlined (theme.SELECTED_STYLE)
        bar = bar.mark_bar(cornerRadiusEnd=3, style=theme.SELECTED_STYLE).encode(
            strokeWidth=alt.StrokeWidthValue(**alt.condition("datum.selected", alt.value(SELECTED_OUTLINE), alt.value(0))),
        )
    return template(bar, *marks, per_bar=step, title=t("investment.projects.title", lang))
