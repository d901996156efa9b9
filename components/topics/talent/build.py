"""What the talent page shows: people brought in by channel (people and person-visits apart), platforms and events."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.blocks import (
    CardsBlock,
    ChartBlock,
    Headline,
    card_source_columns,
    cards_block,
    chart_block,
    evidence,
    fact_headline,
)
from components.charts.people import by_quantity, people_chart
from components.figures.facts import at_period, latest
from components.figures.frames import SOURCE_COLUMNS, converted_frame, on_label_scale, table_for_reader
from components.i18n import pick, t
from components.topics.items import items_of

# The `kind` filter: what the page shows below its headline figures.
KINDS = ("people", "platforms", "events")
ITEM_KINDS = {"platforms": "platform", "events": "event"}
# The headline figures, in the report's order.
PEOPLE_METRICS = (
    "talent.people.rd_talent",
    "talent.people.expert_visits",
    "talent.people.overseas_talent",
    "talent.people.foreign_experts",
)


def people_rows(view: pd.DataFrame, period: str | None = None) -> pd.DataFrame:
    rows = latest(view) if period is None else at_period(view, period)
    return rows[(rows["topic"] == "talent") & (rows["group"] == "people")]


def people_frame(view: pd.DataFrame, units: dict, lang: str, period: str | None = None) -> pd.DataFrame:
    """People brought in by channel, each value on its base scale (人 or 人次), with the report's note on the figure."""
    rows = people_rows(view, period)
    frame = converted_frame(rows, units, lang)
    frame["note"] = [pick(r, "note", lang) for r in rows.to_dict("records")]
    return frame


def item_cards(items: pd.DataFrame, kind: str, lang: str) -> pd.DataFrame:
    """Platforms or events (kind "platforms" / "events") as cards: name, what the report says of it, source sentence."""
    records = items[(items["topic"] == "talent") & (items["kind"] == ITEM_KINDS[kind])].to_dict("records")
    return pd.DataFrame(
        {
            "title": [pick(r, "name", lang) for r in records],
            "lines": [[d] if (d := pick(r, "description", lang)) else [] for r in records],
            "quotes": [[r["source_quote"]] for r in records],
            "citations": [[pick(r, "citation", lang)] for r in records],
        },
        columns=["title", "lines", "quotes", "citations"],
    )


def item_table(cards: pd.DataFrame, kind: str, lang: str) -> pd.DataFrame:
    """The cards as a table for download, each row with its source sentence."""
    return pd.DataFrame(
        {
            t(f"talent.table.name.{kind}", lang): cards["title"],
            t("talent.table.description", lang): ["; ".join(lines) for lines in cards["lines"]],
            **card_source_columns(cards, lang),
        }
    )


@dataclass(frozen=True)
class Talent:
    """What the page shows below its headline figures for one `kind`."""

    people: tuple[tuple[str, ChartBlock], ...] = ()  # (quantity, its chart), when kind is "people"
    cards: CardsBlock | None = None  # platforms or events otherwise


def headlines(data, view: pd.DataFrame, units: dict, *, lang: str, presenting: bool) -> tuple[Headline, ...]:
    return tuple(
        fact_headline(view, units, m, lang, presenting, label=t(f"{m}.short", lang), note=t(f"{m}.note", lang))
        for m in PEOPLE_METRICS
    )


def section(data, view: pd.DataFrame, units: dict, *, lang: str, kind: str = KINDS[0]) -> Talent:
    if kind != "people":
        cards = item_cards(items_of(data), kind, lang)
        return Talent(cards=cards_block(cards, item_table(cards, kind, lang), file_stem=f"talent-{kind}"))
    blocks = []
    for quantity, frame in by_quantity(people_frame(view, units, lang)).items():
        table = table_for_reader(
            frame,
            lang,
            {
                "label": "talent.table.channel",
                "value_text": "table.value",
                "qualifier_text": "table.qualifier",
                "period_label": "table.period",
                "note": "talent.table.note",
                **SOURCE_COLUMNS,
            },
        )
        scaled, unit = on_label_scale(frame, units, lang)
        chart = people_chart(scaled, lang, t(f"talent.people.title.{quantity}", lang), unit=unit)
        blocks.append((quantity, chart_block(chart, table, file_stem=f"talent-{quantity}", sources=evidence(frame))))
    return Talent(people=tuple(blocks))
