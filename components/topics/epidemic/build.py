"""What the epidemic page shows: people mobilised by group with their derived total, and the command structure as text."""

from __future__ import annotations

import pandas as pd

from components.blocks import (
    CardsBlock,
    ChartBlock,
    Evidence,
    Headline,
    cards_block,
    chart_block,
    evidence,
    fact_headline,
)
from components.figures.derived import total
from components.figures.facts import at_period
from components.figures.formatting import counting, format_value, qualifier_note
from components.figures.frames import SOURCE_COLUMNS, facts_frame, on_label_scale, table_for_reader
from components.i18n import pick, t
from components.topics.epidemic.charts import mobilised_chart
from components.topics.items import items_of

# Headline figures: the response level (an item), then the command structure and the first-in-city checkpoints.
RESPONSE_ITEM = "command.level1"
HEADLINE_METRICS = ("epidemic.command.working_groups", "epidemic.measures.checkpoints")
# The mobilised groups in the report's order; a group the data adds later follows them.
GROUP_ORDER = ("party_cadres", "medical_workers", "police", "community_workers", "volunteers")
# Text sections of the page: item kind -> its card title.
TEXT_KINDS = ("command", "first_in_city", "measure")


def response_item(items: pd.DataFrame) -> dict:
    """The level of emergency response that was started (an item of kind command)."""
    return items.set_index("item_id").loc[RESPONSE_ITEM].to_dict()


def response_note(items: pd.DataFrame, lang: str) -> tuple[str, tuple[Evidence, ...]]:
    """The response as the headline card's note (its name and what the report says of it), and where it comes from
    (`items` with citations: topics.items.items_of)."""
    item = response_item(items)
    return (
        " · ".join(x for x in (pick(item, "name", lang), pick(item, "description", lang)) if x),
        evidence([{**item, "item_id": RESPONSE_ITEM}], lang),
    )


def mobilised_rows(view: pd.DataFrame) -> pd.DataFrame:
    """The people mobilised by group, all of one period (the groups' latest): the parts of one total."""
    return at_period(view[(view["topic"] == "epidemic") & (view["group"] == "mobilised")])


def groups(view: pd.DataFrame) -> list[str]:
    """The mobilised groups in the data, in the report's order: the `group` filter's options."""
    present = mobilised_rows(view)["item"].tolist()
    return [g for g in GROUP_ORDER if g in present] + sorted(set(present) - set(GROUP_ORDER))


def group_name(group: str, lang: str) -> str:
    return t(f"epidemic.group.{group}", lang)


def mobilised_total(view: pd.DataFrame, units: dict, lang: str) -> tuple[str, tuple[Evidence, ...]]:
    """People mobilised against the epidemic, all groups added up (derived), and where the parts come from."""
    rows = mobilised_rows(view)
    value, qualifier = total(rows)
    return format_value(value, units[rows["unit"].iloc[0]], qualifier, lang), evidence(rows, lang)


def mobilised_frame(view: pd.DataFrame, units: dict, lang: str, chosen: list[str] | None = None) -> pd.DataFrame:
    """One row per chosen group (all when none is chosen), largest first, then their derived total when there are
    two or more: the rows the chart and the table show. `kind` says in words which row is published, which derived."""
    rows = mobilised_rows(view)
    if chosen:
        rows = rows[rows["item"].isin(chosen)]
    frame = facts_frame(rows, units, lang)
    frame["group"] = rows["item"].tolist()
    frame["label"] = [group_name(g, lang) for g in frame["group"]]
    frame = frame.sort_values("value", ascending=False).reset_index(drop=True)
    frame["kind"] = t("epidemic.kind.published", lang)
    if len(rows) < 2:
        return frame
    value, qualifier = total(rows)
    summed = {
        "metric": "",
        "group": "total",
        "label": t("epidemic.total.label", lang),
        "value": float(value),
        "value_text": format_value(value, units[rows["unit"].iloc[0]], qualifier, lang),
        "unit": rows["unit"].iloc[0],
        "qualifier": qualifier,
        "qualifier_text": qualifier_note(qualifier, lang) or t("qualifier.exact", lang),
        "period_label": frame["period_label"].iloc[0],
        "derived": True,
        "source_id": frame["source_id"].iloc[0],
        "citation": frame["citation"].iloc[0],
        "source_quote": frame["source_quote"].iloc[0],
        "kind": t("epidemic.kind.total", lang),
    }
    return pd.concat([frame, pd.DataFrame([summed])], ignore_index=True)


def text_cards(items: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The command structure, the first-in-city measures and the 「七条线」/「七张网」: one card per kind, a line per item."""
    items = items[items["topic"] == "epidemic"]
    cards = []
    for kind in TEXT_KINDS:
        records = items[items["kind"] == kind].to_dict("records")
        if not records:
            continue
        lines = [_item_line(r, lang) for r in records]
        quotes = {r["source_quote"]: pick(r, "citation", lang) for r in records}
        cards.append(
            {
                "kind": kind,
                "title": t(f"epidemic.text.{kind}", lang),
                "lines": lines,
                "quotes": list(quotes),
                "citations": list(quotes.values()),
            }
        )
    return pd.DataFrame(cards, columns=["kind", "title", "lines", "quotes", "citations"])


def text_table(items: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The same items as a table for download: section, name, what the report says of it, source sentence."""
    items = items[(items["topic"] == "epidemic") & items["kind"].isin(TEXT_KINDS)]
    records = sorted(items.to_dict("records"), key=lambda r: TEXT_KINDS.index(r["kind"]))
    return pd.DataFrame(
        {
            t("epidemic.table.section", lang): [t(f"epidemic.text.{r['kind']}", lang) for r in records],
            t("epidemic.table.name", lang): [pick(r, "name", lang) for r in records],
            t("epidemic.table.description", lang): [pick(r, "description", lang) for r in records],
            t("table.sentence", lang): [r["source_quote"] for r in records],
            t("table.source", lang): [pick(r, "citation", lang) for r in records],
        }
    )


def _item_line(record: dict, lang: str) -> str:
    name, description = pick(record, "name", lang), pick(record, "description", lang)
    return t("epidemic.text.line", lang, name=name, description=description) if description else name


def headline_units(units: dict, metric: str) -> dict:
    """Units whose count unit (个) names what the headline counts, so English reads "11 working groups", not "11"."""
    return counting(units, "个", metric.rsplit(".", 1)[-1])


def choices(data, view: pd.DataFrame, units: dict) -> tuple[str, ...]:
    """The group filter's options."""
    return tuple(groups(view))


def mobilised_headline(view: pd.DataFrame, units: dict, lang: str, presenting: bool, *, label: str, note: str) -> Headline:
    """The people mobilised, all groups added up, as a derived headline (here and on the overview, each with its words).
    Its caveat (people in two groups are counted twice) goes wherever the total goes, on a projector too."""
    total_text, sources = mobilised_total(view, units, lang)
    caveat = t("epidemic.total.caveat", lang)
    said = caveat if presenting else t("epidemic.total.with_caveat", lang, note=note, caveat=caveat)
    return Headline(label, total_text, derived=True, sources=sources, note=said)


def headlines(data, view: pd.DataFrame, units: dict, *, lang: str, presenting: bool) -> tuple[Headline, ...]:
    items = items_of(data)
    note, source = response_note(items, lang)
    return (
        Headline(t("epidemic.headline.response", lang), t("epidemic.headline.response.value", lang), note=note, sources=source),
        *(
            fact_headline(view, headline_units(units, m), m, lang, presenting, label=t(f"{m}.short", lang))
            for m in HEADLINE_METRICS
        ),
        mobilised_headline(
            view, units, lang, presenting, label=t("epidemic.headline.total", lang), note=t("epidemic.headline.total.note", lang)
        ),
    )


def text(data, view: pd.DataFrame, units: dict, *, lang: str) -> CardsBlock:
    """The command structure and measures as cards, from items.csv."""
    items = items_of(data)
    return cards_block(text_cards(items, lang), text_table(items, lang), file_stem="epidemic-command")


def mobilised_section(data, view: pd.DataFrame, units: dict, *, lang: str, chosen: tuple[str, ...] = ()) -> ChartBlock:
    frame = mobilised_frame(view, units, lang, list(chosen))
    table = table_for_reader(
        frame,
        lang,
        {
            "label": "epidemic.table.group",
            "value_text": "table.value",
            "qualifier_text": "table.qualifier",
            "kind": "epidemic.tooltip.kind",
            "period_label": "table.period",
            **SOURCE_COLUMNS,
        },
    )
    scaled, unit = on_label_scale(frame, units, lang)
    return chart_block(mobilised_chart(scaled, lang, unit=unit), table, file_stem="epidemic-mobilised", sources=evidence(frame))
