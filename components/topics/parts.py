"""The one description of each page: a topic's sections in reading order, each with the filters that shape it and
its parts (a headline row, a chart, a set of cards, a table, a note), each part with its builder and what it cannot do
without. The page draws it (components/ui/page.py), the briefing pack reads it (components/briefing/content.py), the
validator checks its needs (components/topics/needs.py), and the tests run it. Plain data: a topic declared in the data
alone is described the same way (components/topics/generic.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from components.data.loader import Dataset
from components.figures.facts import Figures
from components.i18n import t
from components.topics.blocks import Block


@dataclass(frozen=True)
class View:
    """What a builder is given: the data, the reader's language and mode, and the filter choices of its page."""

    data: Dataset
    figures: Figures
    lang: str
    presenting: bool = False
    choices: Mapping[str, Any] = field(default_factory=dict)

    def choice(self, key: str, default: Any = None) -> Any:
        value = self.choices.get(key)
        return default if value is None else value

    def t(self, key: str, **values: Any) -> str:
        return t(key, self.lang, **values)


Build = Callable[[View], "Block | tuple[Block, ...] | None"]


@dataclass(frozen=True)
class Needs:
    """What a part shows and cannot do without: the validator reports a missing figure or item, and the page shows the
    error box in the part's place. `groups` and `item_kinds` say which rows it shows (the sources page's links)."""

    metrics: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    groups: tuple[tuple[str, str], ...] = ()  # (topic, group) of facts.csv
    item_kinds: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()  # other tables whose rows it shows (projects)


@dataclass(frozen=True)
class Part:
    key: str  # stable: widget keys, download names, tests
    build: Build
    heading: str | None = None  # text key of the heading above it
    needs: Needs = Needs()
    main: bool = False  # the page's main chart: a projector gives it the rest of the screen
    brief: bool = True  # in the briefing pack
    present: bool = True  # on a projector
    when: Callable[[Mapping[str, Any]], bool] | None = None  # shown only for these choices

    def shown(self, choices: Mapping[str, Any], presenting: bool) -> bool:
        return (self.present or not presenting) and (self.when is None or self.when(choices))


Options = Mapping[Any, str]  # value -> its label, in order (a number filter: its upper end -> "")


@dataclass(frozen=True)
class Filter:
    """A choice that shapes a section (or, in `Topic.filters`, the whole page), kept in the URL under `key` as stable
    ids. `options(view)` gives the values and their labels. A single choice offered only once there are two or more
    values (a period choice once there are two periods)."""

    key: str
    label: str  # text key
    options: Callable[[View], Options]
    control: str = "pills"  # pills, segmented (a required single choice), number, search
    multi: bool = True
    default: Any = None  # single choices: None means the last option (the latest period)
    tucked: bool = False  # behind a "more filters" button, with what it is set to said beside it

    def default_of(self, options: Options, view: View | None = None) -> Any:
        if self.control == "number":
            return self.default or 0.0
        if self.control == "search":
            return ""
        if self.control == "selection":
            return None
        if self.multi:
            return []
        default = self.default(view) if callable(self.default) and view is not None else self.default
        return default if default in options else (list(options)[-1] if options else None)


@dataclass(frozen=True)
class Section:
    """Parts read together, with the filters that shape them: a filter reruns its section only."""

    key: str
    parts: tuple[Part, ...]
    heading: str | None = None  # text key
    filters: tuple[Filter, ...] = ()
    beside: bool = False  # on a projector, its filters and headlines stand beside its main chart


@dataclass(frozen=True)
class OverviewCard:
    """A figure a topic puts on the overview, with the note said under it there."""

    metric: str
    note: str  # text key


@dataclass(frozen=True)
class Topic:
    """One page. `key` is its URL path; `data_topics` the facts.csv and items.csv topics it shows (topics.csv declares
    them, with the page's name, icon and place in the navigation)."""

    key: str
    data_topics: tuple[str, ...]
    sections: tuple[Section, ...]
    filters: tuple[Filter, ...] = ()  # shape the whole page (the period)
    item_kinds: tuple[str, ...] = ()
    overview: tuple[OverviewCard, ...] = ()
    intro: str | None = None  # text key of the line under its title (topics.csv's intro, where given, wins)
    page_file: str | None = None  # pages/<key>.py where one is written for it; else the generic page draws it
    icon: str = ""  # these four come from topics.csv (components/topics/registry.py)
    section: str = ""
    labels: Mapping[str, str] = field(default_factory=dict)
    intros: Mapping[str, str] = field(default_factory=dict)

    def title(self, lang: str) -> str:
        """The page's name, in the navigation and as its title alike."""
        return self.labels.get(lang) or self.labels.get("zh") or self.key

    def intro_text(self, lang: str) -> str:
        if self.intros.get(lang):
            return self.intros[lang]
        return t(self.intro, lang) if self.intro else ""

    @property
    def parts(self) -> tuple[Part, ...]:
        return tuple(p for s in self.sections for p in s.parts)

    def all_filters(self) -> tuple[Filter, ...]:
        return (*self.filters, *(f for s in self.sections for f in s.filters))

    def filters_of(self, section: Section) -> tuple[Filter, ...]:
        """The filters whose choices a section's parts are built with: the page's, then its own."""
        return (*self.filters, *section.filters)

    def section_of(self, part: Part) -> Section:
        return next(s for s in self.sections if part in s.parts)

    def needs(self) -> Needs:
        parts = self.parts
        return Needs(
            metrics=tuple(dict.fromkeys(m for p in parts for m in p.needs.metrics)),
            items=tuple(dict.fromkeys(i for p in parts for i in p.needs.items)),
            groups=tuple(dict.fromkeys(g for p in parts for g in p.needs.groups)),
            item_kinds=tuple(dict.fromkeys(k for p in parts for k in p.needs.item_kinds)),
            tables=tuple(dict.fromkeys(x for p in parts for x in p.needs.tables)),
        )


def resolved(topic: Topic, view: View, seen: Mapping[str, Any]) -> dict[str, Any]:
    """Every filter of a topic set: to what its reader last saw where that is still an option, else its default."""
    out: dict[str, Any] = {}
    for choice in topic.all_filters():
        options = choice.options(View(view.data, view.figures, view.lang, view.presenting, out))
        value = seen.get(choice.key)
        if choice.multi and choice.control == "pills":
            value = [v for v in value if v in options] if isinstance(value, (list, tuple)) else None
        elif choice.control == "number":
            value = value if isinstance(value, (int, float)) and 0 <= value <= max(options, default=0) else None
        elif choice.control == "search":
            value = value if isinstance(value, str) else None
        elif value not in options:
            value = None
        out[choice.key] = choice.default_of(options, view) if value in (None, []) else value
    return out


def filters_said(filters: Iterable[Filter], view: View, choices: Mapping[str, Any]) -> list[str]:
    """The filters that are not at their default, in words ("阶段:新开工"): what an export and a page say of them."""
    said = []
    for choice in filters:
        if choice.control == "selection":
            continue
        options = choice.options(view)
        value = choices.get(choice.key)
        if value in (None, "", [], ()) or value == choice.default_of(options, view):
            continue
        label = view.t(choice.label)
        if choice.control == "number":
            said.append(f"{label} ≥ {value:g}")
        elif choice.control == "search":
            said.append(f"{label}{view.t('filter.colon')}{value}")
        else:
            names = [str(options.get(v, v)) for v in (value if isinstance(value, (list, tuple)) else [value])]
            said.append(f"{label}{view.t('filter.colon')}{view.t('filter.list_sep').join(names)}")
    return said
