"""What the overview shows: which stored figure heads each topic (its derived mobilised total is components.topics.epidemic.build's),
the zone's strategies and honours, and the investment pipeline."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.blocks import ChartBlock, Headline, chart_block, fact_headline
from components.topics.investment.charts import pipeline_chart
from components.figures.frames import pipeline_frame, table_for_reader
from components.topics.epidemic.build import mobilised_total
from components.i18n import pick, t


@dataclass(frozen=True)
class Card:
    metric: str
    note_key: str
    page: str


HEADLINES = (
    Card("investment.pipeline.new_start.investment", "overview.note.new_start", "pages/investment.py"),
    Card("investment.pipeline.negotiating.investment", "overview.note.negotiating", "pages/investment.py"),
    Card("trade.quarter.total", "overview.note.trade", "pages/trade.py"),
    Card("trade.fdi.utilised", "overview.note.fdi", "pages/trade.py"),
    Card("talent.people.rd_talent", "overview.note.talent", "pages/talent.py"),
    Card("poverty.income.per_capita", "overview.note.income", "pages/poverty.py"),
)


@dataclass(frozen=True)
class Overview:
    headlines: tuple[Headline, ...]
    strategies: tuple[str, ...]
    honours: tuple[str, ...]
    pipeline: ChartBlock


def names(items: pd.DataFrame, kind: str, lang: str) -> tuple[str, ...]:
    return tuple(pick(item, "name", lang) for item in items[items["kind"] == kind].to_dict("records"))


def page(data, view: pd.DataFrame, units: dict, *, lang: str, presenting: bool) -> Overview:
    cards = [fact_headline(view, units, c.metric, lang, presenting, note=t(c.note_key, lang), page=c.page) for c in HEADLINES]
    total, quotes = mobilised_total(view, units, lang)
    cards.append(Headline(t("overview.mobilised.label", lang), total, derived=True, source=quotes,
                          note="" if presenting else t("overview.mobilised.note", lang)))
    # the lists are for reading up close; a projector does without them (and the items table they need)
    items = None if presenting else data.table("items")
    frame = pipeline_frame(view, units, "investment", lang)
    table = table_for_reader(frame, lang, {"label": "table.stage", "value_text": "table.value", "qualifier_text": "table.qualifier",
                                           "average_text": "investment.average.tooltip", "period_label": "table.period"})
    return Overview(
        headlines=tuple(cards),
        strategies=() if items is None else names(items, "strategy", lang),
        honours=() if items is None else names(items, "honour", lang),
        pipeline=chart_block(pipeline_chart(frame, "investment", lang), table, file_stem="pipeline", quotes=frame["source_quote"]),
    )
