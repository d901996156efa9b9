"""A chart block's data as an office chart sees it: categories, series of values with their labels as published, and
which points are lower bounds or derived. Read from the rows the block's Vega-Lite spec draws, so a slide's editable
chart holds exactly the numbers the page's chart shows, filters included."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from components.blocks import ChartBlock
from components.charts.theme import PALETTE

# Vega-Lite marks that make a chart a line (poverty's income at its published points) rather than bars
LINE_MARKS = {"line", "point"}


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    labels: tuple[str, ...]  # as published: 「300多亿元」, "CNY 30 bn+"
    bounds: tuple[bool, ...]  # a lower bound ("at least")
    derived: tuple[bool, ...]


@dataclass(frozen=True)
class NativeChart:
    kind: str  # "bar" (horizontal, categories top to bottom) or "line" (categories left to right)
    title: str
    axis_title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    colours: tuple[str, ...]  # a colour per category (one series) or per series; empty: the palette's first

    def colour(self, series: int, point: int) -> str:
        """The colour the app gives a point: its category's (the stages), its series', or the chart's one colour."""
        if len(self.series) == 1 and len(self.colours) == len(self.categories) > 1:
            return self.colours[point] or PALETTE[0]
        if len(self.series) > 1 and series < len(self.colours):
            return self.colours[series] or PALETTE[0]
        return self.colours[0] if self.colours and self.colours[0] else PALETTE[0]

    @property
    def has_bounds(self) -> bool:
        return any(b for s in self.series for b in s.bounds)

    @property
    def has_derived(self) -> bool:
        return any(d for s in self.series for d in s.derived)


def _walk(node: Any) -> Iterator[Mapping]:
    if isinstance(node, Mapping):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _walk(value)


def _marks(spec: Mapping) -> set[str]:
    marks = set()
    for node in _walk(spec.get("layer", [spec])):
        mark = node.get("mark")
        if isinstance(mark, str):
            marks.add(mark)
        elif isinstance(mark, Mapping) and isinstance(mark.get("type"), str):
            marks.add(mark["type"])
    return marks


def _value_axis_title(spec: Mapping) -> str:
    for node in _walk(spec):
        if node.get("field") == "value" and isinstance(node.get("title"), str):
            return node["title"]
    return ""


def _title(spec: Mapping) -> str:
    title = spec.get("title", "")
    return title.get("text", "") if isinstance(title, Mapping) else str(title or "")


def _colour_scale(spec: Mapping) -> tuple[str, dict[str, str]]:
    """The field the chart colours by and its colour for each value, where it sets a scale."""
    for node in _walk(spec):
        colour = node.get("color")
        if isinstance(colour, Mapping) and isinstance(colour.get("scale"), Mapping):
            scale = colour["scale"]
            if isinstance(scale.get("domain"), list) and isinstance(scale.get("range"), list):
                return str(colour.get("field", "")), dict(zip(map(str, scale["domain"]), map(str, scale["range"])))
    return "", {}


def _fixed_colour(spec: Mapping) -> str | None:
    for node in _walk(spec.get("layer", [spec])):
        colour = (node.get("encoding") or {}).get("color")
        if isinstance(colour, Mapping) and isinstance(colour.get("value"), str):
            return colour["value"]
    return None


def rows(block: ChartBlock) -> pd.DataFrame:
    """The rows the chart draws: of its datasets, the one whose rows carry a value and its published text."""
    for records in block.spec.get("datasets", {}).values():
        if records and "value" in records[0] and "value_text" in records[0]:
            return pd.DataFrame.from_records(records)
    raise ValueError(f"chart {block.file_stem}: no dataset with value and value_text")


def _flag(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame[column].fillna(False).astype(bool) if column in frame else pd.Series(False, index=frame.index)


def native_chart(block: ChartBlock) -> NativeChart:
    spec = block.spec
    data = rows(block)
    marks = _marks(spec)
    kind = "line" if marks & LINE_MARKS and "bar" not in marks else "bar"  # bar charts draw points too: open ends
    if kind == "line":
        data = data.sort_values("year")
        categories = data["period_label"].astype(str).tolist()
    else:
        if "order" in data:
            data = data.sort_values("order", kind="stable")
        categories = list(dict.fromkeys(data["label"].astype(str)))
    data = data.assign(bound=data["qualifier"].eq("at_least") if "qualifier" in data else False, derived=_flag(data, "derived"))
    category_of = data["period_label"] if kind == "line" else data["label"]
    data = data.assign(category=category_of.astype(str))
    if "series_label" in data:
        # published series first, derived after: as the chart's legend orders them
        names = list(dict.fromkeys(data.sort_values("derived", kind="stable")["series_label"]))
    else:
        data = data.assign(series_label=_title(spec) or _value_axis_title(spec))
        names = [data["series_label"].iloc[0]]
    series = []
    for name in names:
        by_category = data[data["series_label"] == name].drop_duplicates("category").set_index("category")
        present = [c for c in categories if c in by_category.index]
        cells = by_category.reindex(categories)
        series.append(
            Series(
                str(name),
                tuple(None if pd.isna(v) else float(v) for v in cells["value"]),
                tuple("" if c not in present else str(cells.at[c, "value_text"]) for c in categories),
                tuple(bool(b) if c in present else False for c, b in zip(categories, cells["bound"])),
                tuple(bool(d) if c in present else False for c, d in zip(categories, cells["derived"])),
            )
        )
    field, colour_of = _colour_scale(spec)
    if field == "series_label":
        palette = tuple(colour_of.get(s.name, "") for s in series)
    elif field in data:  # a colour per category: the stage of a pipeline bar or of a named project
        value_of = data.drop_duplicates("category").set_index("category")[field].astype(str)
        palette = tuple(colour_of.get(value_of.get(c, ""), "") for c in categories)
    else:
        fixed = _fixed_colour(spec)
        palette = (fixed,) if fixed else ()
    return NativeChart(kind, _title(spec), _value_axis_title(spec), tuple(categories), tuple(series), palette)
