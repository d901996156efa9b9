"""What the overview shows: the figure each topic contributes (its declaration's `overview` cards) and the derived
number of people mobilised against the epidemic; the zone's strategies and honours; the investment pipeline."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.blocks import ChartBlock, Headline, chart_block, evidence, fact_headline
from components.figures.frames import SOURCE_COLUMNS, on_label_scale, pipeline_frame, table_for_reader
from components.i18n import pick, t
from components.topics.epidemic.build import mobilised_headline
from components.topics.investment.charts import pipeline_chart


@dataclass(frozen=True)
class Lists:
    strategies: tuple[str, ...]
    honours: tuple[str, ...]


def names(items: pd.DataFrame, kind: str, lang: str) -> tuple[str, ...]:
    """The names of one kind of item, each once (a later report may name it again), in the data's order."""
    rows = items[items["kind"] == kind].drop_duplicates("item_id", keep="last")
    return tuple(pick(item, "name", lang) for item in rows.to_dict("records"))


def headlines(
    data, view: pd.DataFrame, units: dict, *, lang: str, presenting: bool, cards: tuple[tuple[str, str, str], ...]
) -> tuple[Headline, ...]:
    """`cards`: (metric, note key, topic key) per figure the topics contribute (registry.OVERVIEW_CARDS)."""
    shown = [
        fact_headline(view, units, metric, lang, presenting, note=t(note_key, lang), page=page)
        for metric, note_key, page in cards
    ]
    shown.append(
        mobilised_headline(
            view, units, lang, presenting, label=t("overview.mobilised.label", lang), note=t("overview.mobilised.note", lang)
        )
    )
    return tuple(shown)


def lists(data, view: pd.DataFrame, units: dict, *, lang: str) -> Lists:
    items = data.table("items")
    return Lists(names(items, "strategy", lang), names(items, "honour", lang))


@dataclass(frozen=True)
class Pipeline:
    chart: ChartBlock
    period: str  # the one period its stages are of (the latest), said beside the chart


def pipeline(data, view: pd.DataFrame, units: dict, *, lang: str) -> Pipeline:
    frame = pipeline_frame(view, units, "investment", lang)
    table = table_for_reader(
        frame,
        lang,
        {
            "label": "table.stage",
            "value_text": "table.value",
            "qualifier_text": "table.qualifier",
            "average_text": "investment.average.tooltip",
            "period_label": "table.period",
            **SOURCE_COLUMNS,
        },
    )
    scaled, unit = on_label_scale(frame, units, lang)
    chart = chart_block(
        pipeline_chart(scaled, "investment", lang, unit=unit), table, file_stem="pipeline", sources=evidence(frame)
    )
    return Pipeline(chart, str(frame["period_label"].iloc[0]) if len(frame) else "")
