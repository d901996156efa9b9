"""What the talent page shows: people brought in by channel (people and person-visits apart), platforms and events."""
from __future__ import annotations

import pandas as pd

from components.display_frames import converted_frame
from components.figures import snapshot
from components.i18n import pick, t

# The `kind` filter: what the page shows below its headline figures.
KINDS = ("people", "platforms", "events")
ITEM_KINDS = {"platforms": "platform", "events": "event"}
# The headline figures, in the report's order.
PEOPLE_METRICS = ("talent.people.rd_talent", "talent.people.expert_visits", "talent.people.overseas_talent",
                  "talent.people.foreign_experts")


def people_rows(view: pd.DataFrame, period: str | None = None) -> pd.DataFrame:
    rows = snapshot(view, period)
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
    return pd.DataFrame({
        "title": [pick(r, "name", lang) for r in records],
        "lines": [[d] if (d := pick(r, "description", lang)) else [] for r in records],
        "quotes": [[r["source_quote"]] for r in records],
    }, columns=["title", "lines", "quotes"])


def item_table(cards: pd.DataFrame, kind: str, lang: str) -> pd.DataFrame:
    """The cards as a table for download, each row with its source sentence."""
    return pd.DataFrame({
        t(f"talent.table.name.{kind}", lang): cards["title"],
        t("talent.table.description", lang): ["; ".join(lines) for lines in cards["lines"]],
        t("talent.table.source", lang): [" ".join(q) for q in cards["quotes"]],
    })
