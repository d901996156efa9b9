"""One chart model, two renderers: a neutral description of a chart (its kind, categories, series and each value with
what it is: its text as published, how exact, whether derived or expected, its period and report), from which
charts/vega.py makes the page's Altair chart and briefing/office_chart.py the slide's native chart. Nothing reads a
Vega-Lite spec back."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Point:
    """One value drawn. `value` is on the chart's axis scale (`ChartModel.axis_title` says which); `text` is the figure
    as published, with its qualifier; `kind` is the qualifier's kind (exact, lower_bound, just_below, approximate)."""

    category: str
    value: float
    text: str
    kind: str = "exact"
    status: str = ""  # "", expected or target
    derived: bool = False
    series: str = ""  # the series' name, for a chart with several
    period: str = ""
    qualifier_text: str = ""
    report: str = ""  # the short name of the report it is from
    colour: str = ""  # a colour of its own (a stage's), else its series' or the chart's
    key: str = ""  # what a click selects (a project id)
    selected: bool = False
    details: tuple[tuple[str, str], ...] = ()  # more tooltip lines: (title, text)


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    derived: bool = False


@dataclass(frozen=True)
class ChartModel:
    """A bar chart (horizontal bars, categories top to bottom; a series per bar of a group), a line over like periods
    or points over unlike ones (categories left to right). `notes` are said under the chart wherever it is shown."""

    kind: str  # "bar", "line" or "points"
    title: str
    axis_title: str
    categories: tuple[str, ...]
    points: tuple[Point, ...]
    series: tuple[Series, ...] = ()
    colour: str = ""  # the one colour of a chart without series or colours of its own
    legend_title: str = ""
    legend: tuple[tuple[str, str], ...] = ()  # (name, colour) keys for points coloured on their own (stages)
    subtitle: str = ""
    notes: tuple[str, ...] = ()
    selectable: bool = False  # a click on a bar selects its point's key
    # Values more than an order of magnitude apart: drawn as labelled dots on a log scale, so no bar is invisible.
    log_scale: bool = False
    lang: str = "zh"

    @property
    def has_bounds(self) -> bool:
        return any(p.kind == "lower_bound" for p in self.points)

    @property
    def has_derived(self) -> bool:
        return any(p.derived for p in self.points)

    @property
    def periods(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.period for p in self.points if p.period))

    @property
    def reports(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.report for p in self.points if p.report))

    def series_of(self, point: Point) -> Series | None:
        return next((s for s in self.series if s.name == point.series), None)

    def colour_of(self, point: Point) -> str:
        found = self.series_of(point)
        return point.colour or (found.colour if found else "") or self.colour

    def titled(self, title: str) -> ChartModel:
        return replace(self, title=title)

    def grid(self) -> list[list[Point | None]]:
        """The points as rows of categories by columns of series (one column when it has none)."""
        names = [s.name for s in self.series] or [""]
        at = {(p.category, p.series): p for p in self.points}
        return [[at.get((c, s)) for s in names] for c in self.categories]


# How far apart the largest and smallest value of a chart may be before bars would hide the small ones.
MAX_SPREAD = 10


def spread_out(values: Iterable[float]) -> bool:
    """Whether positive values differ by more than an order of magnitude (then a chart draws them on a log scale)."""
    positive = [v for v in values if v and v > 0]
    return bool(positive) and max(positive) / min(positive) > MAX_SPREAD


def ordered(points: Iterable[Point]) -> tuple[str, ...]:
    """Categories in the order the points first name them."""
    return tuple(dict.fromkeys(p.category for p in points))
