"""What a topic declares: its page (URL path, title, icon, navigation section), the data it shows and needs, and its
sections in reading order. Plain data; components/topics/registry.py holds every declaration, and navigation, rotation,
the overview, the sources page, the validator, the tests and the briefing export all read them from there."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

# What a section is, in reading order: headline figures, the main chart, further charts, named things as cards or a
# table, running text. The briefing export renders headlines and charts; the others are for the page.
ROLES = ("headlines", "main_chart", "chart", "cards", "text")


@dataclass(frozen=True)
class Section:
    """One part of a page. `build` is the pure builder that makes it (several sections may share one builder; `part`
    then names the builder's attribute that holds this one). `metrics` and `items` are what it cannot do without: the
    validator reports them when the data lacks them, and the page shows the error box in place of the section."""

    key: str
    role: str
    build: Callable[..., Any] | None = None
    part: str | None = None
    metrics: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    groups: tuple[tuple[str, str], ...] = ()  # (data topic, group) of the figures it shows besides `metrics`
    item_kinds: tuple[str, ...] = ()  # kinds of named items it shows
    tables: tuple[str, ...] = ()  # other tables whose rows it shows (projects)
    helpers: tuple[Callable[..., Any], ...] = ()  # builders of what its filters offer, needing what it needs
    # What its builder is always given besides the language and the reader's filters (the overview's cards), so that
    # the briefing export can build it away from its page; a filter's unfiltered value is its parameter's default.
    choices: tuple[tuple[str, Any], ...] = ()

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"section {self.key!r}: role {self.role!r} is not one of {ROLES}")


@dataclass(frozen=True)
class OverviewCard:
    """A figure a topic puts on the overview, with the note said under it there."""

    metric: str
    note_key: str


@dataclass(frozen=True)
class Topic:
    """One page of the app and the data it shows. `key` is its URL path (a public contract) and names its page file
    pages/<key>.py and its texts (nav.<key>). `data_topics` are the `topic` values of facts.csv and items.csv it
    shows; `item_kinds` the kinds of named items those topics may have."""

    key: str
    icon: str
    nav_section: str
    sections: tuple[Section, ...]
    data_topics: tuple[str, ...] = ()
    item_kinds: tuple[str, ...] = ()
    overview: tuple[OverviewCard, ...] = ()

    @property
    def title_key(self) -> str:
        """Its name in the navigation."""
        return f"nav.{self.key}"

    @property
    def heading_key(self) -> str:
        """The page's heading."""
        return f"{self.key}.title"

    @property
    def intro_key(self) -> str:
        return f"{self.key}.intro"

    @property
    def page_file(self) -> str:
        return f"pages/{self.key}.py"

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(f"topic {self.key!r} has no section {key!r}")

    @property
    def required_metrics(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m for s in self.sections for m in s.metrics))

    @property
    def required_items(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i for s in self.sections for i in s.items))

    def shows_fact(self, row: Mapping) -> bool:
        """Whether this page shows a row of facts.csv: its data topic is the page's, or a section names it or its group."""
        return row.get("topic") in self.data_topics or any(
            row.get("metric") in s.metrics or (row.get("topic"), row.get("group")) in s.groups for s in self.sections
        )

    def shows_item(self, row: Mapping) -> bool:
        return row.get("topic") in self.data_topics or any(row.get("kind") in s.item_kinds for s in self.sections)
