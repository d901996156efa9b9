"""What the pages need from the data, read from their descriptions (each part's Needs): a figure or named item a part
cannot do without is a typed error naming it and the pages that need it, for the validator, the sources page and the
part itself (which shows the error box in its place); and which pages show a given row (the sources page's links)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from components.data.errors import DataError, DataUnavailable
from components.data.loader import Dataset
from components.topics.parts import Needs, Topic

FIRST_ROW = 2  # a spreadsheet's row of a table's first data row (the header is row 1)
REQUIRABLE = (("facts", "metric", "required_figure"), ("items", "item_id", "required_item"))


def missing(data: Dataset, needs: Needs, pages: Iterable[str] = ()) -> list[DataError]:
    """What of a part's required figures and items the data lacks (a broken table is the loader's to report)."""
    detail = ",".join(pages)
    errors = []
    for (table, column, code), wanted in zip(REQUIRABLE, (needs.metrics, needs.items), strict=True):
        frame = data.tables.get(table)
        if frame is None:
            continue
        present = set(frame[column].dropna())
        errors += [
            DataError(file=f"{table}.csv", code=code, column=column, value=v, detail=detail) for v in wanted if v not in present
        ]
    return errors


def require(data: Dataset, needs: Needs, pages: Iterable[str] = ()) -> None:
    """Raise DataUnavailable, naming what is missing, when the data lacks what a part needs."""
    absent = missing(data, needs, pages)
    if absent:
        raise DataUnavailable(absent)


def problems(data: Dataset, topics: Iterable[Topic]) -> list[DataError]:
    """Every figure or item a page needs that the data lacks (once each, with all the pages needing it), and every
    named item of a written page's topic whose kind no part of it shows."""
    topics = tuple(topics)
    by_metric: dict[str, list[str]] = {}
    by_item: dict[str, list[str]] = {}
    for topic in topics:
        needs = topic.needs()
        for metric in needs.metrics:
            by_metric.setdefault(metric, []).append(topic.key)
        for item in needs.items:
            by_item.setdefault(item, []).append(topic.key)
    errors = [e for metric, pages in by_metric.items() for e in missing(data, Needs(metrics=(metric,)), pages)]
    errors += [e for item, pages in by_item.items() for e in missing(data, Needs(items=(item,)), pages)]
    items = data.tables.get("items")
    if items is not None:
        kinds = {d: set(t.item_kinds) for t in topics if t.item_kinds for d in t.data_topics}
        for number, row in enumerate(items[["topic", "kind"]].to_dict("records"), start=FIRST_ROW):
            allowed = kinds.get(row["topic"])
            if allowed is not None and row["kind"] not in allowed:
                errors.append(
                    DataError(
                        file="items.csv",
                        code="not_allowed",
                        row=number,
                        column="kind",
                        value=str(row["kind"]),
                        detail=", ".join(sorted(allowed)),
                    )
                )
    return errors


def pages_showing(topics: Iterable[Topic], table: str, row: Mapping) -> tuple[str, ...]:
    """The keys of the pages that show a row of facts, items or projects, in navigation order."""
    found = []
    for topic in topics:
        needs = topic.needs()
        if table == "facts":
            shows = (
                row.get("topic") in topic.data_topics
                or row.get("metric") in needs.metrics
                or (row.get("topic"), row.get("group")) in needs.groups
            )
        elif table == "items":
            shows = row.get("topic") in topic.data_topics or row.get("kind") in needs.item_kinds
        else:
            shows = table in needs.tables
        if shows:
            found.append(topic.key)
    return tuple(found)
