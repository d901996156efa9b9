"""The data contract the topics declare: every facts.csv and items.csv topic and kind is one a page shows, and every
figure and item a section requires is in the data. Checked by the validation command, the sources page and, for each
section before it is built, by the store; each breach is a typed DataError naming the metric and the pages that need it."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from components.data.errors import DataError, DataUnavailable
from components.data.loader import Dataset
from components.topics.model import Topic
from components.topics.registry import TOPICS, requirements

# Spreadsheet row of a table's first data row (the header is row 1).
FIRST_ROW = 2


def _present(data: Dataset, table: str, column: str) -> set[str] | None:
    frame = data.tables.get(table)
    return None if frame is None else set(frame[column].dropna())


# What a section can require, where the data holds it, and the code of its absence.
REQUIRABLE = (("facts", "metric", "required_figure"), ("items", "item_id", "required_item"))


def missing(data: Dataset, metrics: Iterable[str], items: Iterable[str], pages: Iterable[str] = ()) -> list[DataError]:
    """What of `metrics` and `items` the data lacks (a broken table is the loader's to report, not this)."""
    detail = ",".join(pages)
    errors = []
    for (table, column, code), wanted in zip(REQUIRABLE, (metrics, items), strict=True):
        present = _present(data, table, column)
        if present is not None:
            errors += [
                DataError(file=f"{table}.csv", code=code, column=column, value=v, detail=detail)
                for v in wanted
                if v not in present
            ]
    return errors


def require(data: Dataset, build: Callable) -> None:
    """Raise DataUnavailable, naming what is missing, when the data lacks a figure or item that a section built by
    `build` requires: checked before a builder runs, by the store and the briefing export."""
    absent = missing(data, *requirements(build))
    if absent:
        raise DataUnavailable(absent)


def _needed_by(topics: Iterable[Topic]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    metrics: dict[str, list[str]] = {}
    items: dict[str, list[str]] = {}
    for topic in topics:
        for metric in topic.required_metrics:
            metrics.setdefault(metric, []).append(topic.key)
        for item in topic.required_items:
            items.setdefault(item, []).append(topic.key)
    return metrics, items


def _unknown(frame: pd.DataFrame | None, file: str, column: str, allowed: dict[int, set[str]] | set[str]) -> list[DataError]:
    if frame is None:
        return []
    errors = []
    for number, (position, value) in enumerate(frame[column].items()):
        known = allowed if isinstance(allowed, set) else allowed.get(position, set())
        if value not in known:
            errors.append(
                DataError(
                    file=file,
                    code="not_allowed",
                    row=number + FIRST_ROW,
                    column=column,
                    value=str(value),
                    detail=", ".join(sorted(known)),
                )
            )
    return errors


def problems(data: Dataset, topics: Iterable[Topic] = TOPICS) -> list[DataError]:
    """Every breach of the contract: topics and item kinds no page declares, required figures and items missing."""
    topics = tuple(topics)
    owner = {data_topic: topic for topic in topics for data_topic in topic.data_topics}
    facts, items = data.tables.get("facts"), data.tables.get("items")
    errors = _unknown(facts, "facts.csv", "topic", set(owner))
    errors += _unknown(items, "items.csv", "topic", set(owner))
    if items is not None:
        kinds = {
            position: set(owner[topic].item_kinds) if topic in owner else set() for position, topic in items["topic"].items()
        }
        errors += [e for e in _unknown(items, "items.csv", "kind", kinds) if e.detail]  # an unknown topic is said once
    metrics, named = _needed_by(topics)
    for metric, pages in metrics.items():
        errors += missing(data, [metric], [], pages)
    for item, pages in named.items():
        errors += missing(data, [], [item], pages)
    return errors
