"""Named things (items.csv) as the pages show them: an item a later report names again is shown as that report has it,
each with its sentence under its own report; as cards, and as the table behind them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pandas as pd

from components.figures.citations import Report, gather
from components.i18n import pick
from components.topics.blocks import Thing, Things
from components.topics.parts import View


def latest_items(v: View) -> list[dict[str, Any]]:
    """One record per item_id: its row from the latest report naming it, where the item first stands (report order)."""

    def build() -> list[dict[str, Any]]:
        items = v.data.table("items")
        reports = v.figures.reports
        latest: dict[str, dict] = {}
        for row in items.to_dict("records"):
            report = reports.get(row["source_id"])
            before = latest.get(row["item_id"])
            if before is None or (report and before["report"] and report.sort_key >= before["report"].sort_key):
                latest[row["item_id"]] = {**row, "report": report}
        return list(latest.values())

    return v.data.derived("items.latest", build)


def of_kind(v: View, topic: str, *kinds: str) -> list[dict[str, Any]]:
    return [r for r in latest_items(v) if r["topic"] == topic and (not kinds or r["kind"] in kinds)]


def period_of(v: View, record: Mapping[str, Any]) -> str:
    """What an item's statement covers, as its card says it: its period's label (items.csv period), or that the report
    does not say."""
    key = record.get("period")
    period = v.figures.periods.get(key) if isinstance(key, str) else None
    return period.label(v.lang) if period is not None else v.t("period.not_stated")


def evidence_of(records: Iterable[Mapping[str, Any]]):
    return gather((r["report"], r["source_quote"]) for r in records if isinstance(r.get("report"), Report))


def things(
    v: View,
    records: list[dict[str, Any]],
    *,
    file_stem: str,
    title: Callable[[dict], str] | None = None,
    lines: Callable[[dict], Iterable[str]] | None = None,
    per_row: int = 3,
) -> Things:
    """A card per record: its name (or `title`) and the lines said of it (by default its status and description)."""

    def default_lines(r: dict) -> list[str]:
        return [x for x in (pick(r, "status", v.lang), pick(r, "description", v.lang)) if x]

    made = [
        Thing(
            (title or (lambda r: pick(r, "name", v.lang)))(r),
            tuple((lines or default_lines)(r)),
            evidence_of([r]),
        )
        for r in records
    ]
    return Things(tuple(made), things_table(v, made), file_stem, per_row)


def grouped_things(v: View, topic: str, kind: str, *, file_stem: str, per_row: int = 3) -> Things:
    """Items the report names together under one description (titles awarded together) as one card."""
    groups: dict[str, list[dict]] = {}
    for row in of_kind(v, topic, kind):  # grouped as the report gives them (its Chinese), named in the reader's language
        groups.setdefault(pick(row, "description", "zh"), []).append(row)
    joiner = "、" if v.lang == "zh" else "; "
    made = [
        Thing(
            joiner.join(pick(r, "name", v.lang) for r in rows),
            tuple(x for x in [pick(rows[0], "description", v.lang)] if x),
            evidence_of(rows),
        )
        for rows in groups.values()
    ]
    return Things(tuple(made), things_table(v, made), file_stem, per_row)


def things_table(v: View, made: Iterable[Thing]) -> pd.DataFrame:
    made = list(made)
    return pd.DataFrame(
        {
            v.t("table.name"): [m.title for m in made],
            v.t("table.details"): ["; ".join(m.lines) for m in made],
            v.t("table.source"): ["; ".join(e.short[v.lang] for e in m.evidence) for m in made],
            v.t("table.sentence"): [" ".join(s for e in m.evidence for s in e.sentences) for m in made],
        }
    )


def names(v: View, topic: str, kind: str) -> tuple[str, ...]:
    return tuple(pick(r, "name", v.lang) for r in of_kind(v, topic, kind))
