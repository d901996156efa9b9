"""What a part of a page is once built: headline cards, a chart, named things as cards, a table, a note. Plain data
in the reader's language, read alike by the page (components/ui), the briefing pack (components/briefing) and the
tests; each carries the evidence it rests on, and the table behind it for the download."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.charts.model import ChartModel
from components.figures.citations import Evidence, merge


@dataclass(frozen=True)
class Card:
    """One headline figure, as every rendering shows it: never without what it covers (`period`), its qualifier
    (in `value` and `qualifier`), and its growth where the report gives one."""

    label: str
    value: str
    period: str = ""
    qualifier: str = ""  # what kind of number it is, in words; empty when exact
    growth: str | None = None  # the published year-on-year growth, or the change from the last like period
    growth_note: str | None = None  # what the growth compares ("2021 Q1 vs 2020 Q1", "year on year, as published")
    note: str = ""
    evidence: tuple[Evidence, ...] = ()
    derived: bool = False
    metric: str | None = None  # a stored figure: linked to its sentence on the sources page
    page: str | None = None  # the topic page it belongs to, when shown elsewhere (the overview)
    history: tuple[float, ...] = ()  # its values over like periods, oldest first, when it has three or more
    history_periods: tuple[str, ...] = ()
    kind: str = "exact"

    @property
    def covers(self) -> str:
        """The line under a card that says what it covers: period, then what kind of number it is."""
        return " · ".join(x for x in (self.period, self.qualifier) if x)


@dataclass(frozen=True)
class Headlines:
    cards: tuple[Card, ...]
    note: str = ""  # said once under the row (a caveat every card shares)
    file_stem: str = "headlines"
    per_row: int | None = None  # cards a row when read up close (a projector fits them to its width)

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return merge(*(c.evidence for c in self.cards))

    @property
    def table(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "label": [c.label for c in self.cards],
                "value": [c.value for c in self.cards],
                "period": [c.period for c in self.cards],
                "growth": [c.growth or "" for c in self.cards],
                "note": [c.covers for c in self.cards],
            }
        )


@dataclass(frozen=True, eq=False)  # compared by identity: a block is cached and shared, and its table is a frame
class Chart:
    model: ChartModel
    table: pd.DataFrame
    evidence: tuple[Evidence, ...]
    file_stem: str

    @property
    def title(self) -> str:
        return self.model.title


@dataclass(frozen=True)
class Thing:
    """One named thing as a card: its name, what the report says of it, and the sentences it is named in."""

    title: str
    lines: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, eq=False)
class Things:
    things: tuple[Thing, ...]
    table: pd.DataFrame
    file_stem: str
    per_row: int = 3

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return merge(*(t.evidence for t in self.things))


@dataclass(frozen=True, eq=False)
class Table:
    frame: pd.DataFrame
    evidence: tuple[Evidence, ...]
    file_stem: str


@dataclass(frozen=True)
class Note:
    """Words said under a part: a caveat, or how a derived figure is computed (`derived`: said as such)."""

    text: str
    derived: bool = False


@dataclass(frozen=True)
class Choice:
    """The selected thing of a part (a project a chart click chose), said in a line with a button to clear it."""

    summary: str | None  # None: nothing is selected; `hint` says how to select
    hint: str
    clear: str


Block = Headlines | Chart | Things | Table | Note | Choice
