"""What a briefing holds, read from the topics' declarations: each topic's headline figures and charts as its page
shows them (the same builders, given the filters its reader last saw), the reports they cite and the notes that qualify
them. Plain data; deck.py and handout.py lay it out as slides and as an A4 document."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from components.blocks import ChartBlock, Evidence, Headline, merge
from components.data.loader import Dataset
from components.figures.citations import cite_as
from components.figures.facts import facts_view
from components.figures.formatting import units_from_table
from components.i18n import pick, t
from components.topics import contract, registry
from components.topics.model import Section, Topic

# run(build, **choices): what a builder makes for those choices. The app passes its shared cache (ui.store.shared);
# the command and the tests build directly from a dataset (direct()).
Runner = Callable[..., Any]
FIGURE_ROLES = ("headlines",)
CHART_ROLES = ("main_chart", "chart")
# Choices every briefing sets itself: its language, and that it is read up close (a handout) or projected (a deck).
OWN_CHOICES = ("lang", "presenting")


def builder_id(build: Callable) -> str:
    """The name a builder's last choices are kept under in a session (ui.store.shared)."""
    return f"{build.__module__}.{build.__qualname__}"


@dataclass(frozen=True)
class Figure:
    """A headline figure, with what its page says under it."""

    headline: Headline
    note: str = ""


@dataclass(frozen=True)
class TopicBrief:
    """One topic: its title, headline figures and charts in reading order, and whether the reader's filters shaped it."""

    key: str
    title: str
    figures: tuple[Figure, ...]
    charts: tuple[ChartBlock, ...]
    filtered: bool

    @property
    def sources(self) -> tuple[Evidence, ...]:
        return merge(*(f.headline.sources for f in self.figures), *(c.sources for c in self.charts))


@dataclass(frozen=True)
class Report:
    """A source document as the title slide and the citation name it."""

    source_id: str
    title: str
    publisher: str
    reporters: str
    correspondents: str
    date_note: str
    citation: str

    def lines(self, lang: str) -> list[str]:
        """What a title page says of the report: publisher and title, who wrote it, what is known of its date."""
        people = [
            t(f"briefing.{role}", lang, names=names)
            for role, names in (("reporters", self.reporters), ("correspondents", self.correspondents))
            if names
        ]
        lines = [t("briefing.report", lang, publisher=self.publisher, title=self.title)]
        return lines + ([" · ".join(people)] if people else []) + ([self.date_note] if self.date_note else [])


@dataclass(frozen=True)
class Briefing:
    lang: str
    generated: datetime
    reports: tuple[Report, ...]
    topics: tuple[TopicBrief, ...]

    @property
    def title(self) -> str:
        return t("briefing.title", self.lang)

    @property
    def source_line(self) -> str:
        """The short source every slide and handout page carries at its foot: the (first) report."""
        if not self.reports:
            return self.title
        report = self.reports[0]
        return t("briefing.source.short", self.lang, publisher=report.publisher, title=report.title)

    @property
    def generated_line(self) -> str:
        return t("briefing.generated", self.lang, time=self.generated.strftime(t("briefing.time_format", self.lang)))

    @property
    def main_source(self) -> str:
        return self.reports[0].source_id if self.reports else ""

    @property
    def filtered_titles(self) -> tuple[str, ...]:
        return tuple(topic.title for topic in self.topics if topic.filtered)

    @property
    def notes(self) -> tuple[str, ...]:
        """The data notes every briefing closes with: what its marks mean, where derived figures come from, filters."""
        notes = [t(f"briefing.note.{key}", self.lang) for key in ("lower_bound", "derived", "periods", "sentences")]
        if self.filtered_titles:
            notes.append(
                t("briefing.note.filtered", self.lang, pages=t("briefing.list_sep", self.lang).join(self.filtered_titles))
            )
        return tuple(notes)


def briefed_sections(topic: Topic) -> list[Section]:
    """The sections of a topic a briefing shows: its headline figures and charts (the sources page has none)."""
    return [s for s in topic.sections if s.build is not None and s.role in FIGURE_ROLES + CHART_ROLES]


BRIEFABLE = tuple(topic.key for topic in registry.TOPICS if briefed_sections(topic))


def chosen_topics(keys: Sequence[str] | None) -> tuple[Topic, ...]:
    """The topics named (all that have something to show when none are), in navigation order; an unknown key raises
    ValueError naming the known ones."""
    if not keys:
        return tuple(registry.get(k) for k in BRIEFABLE)
    unknown = [k for k in keys if k not in BRIEFABLE]
    if unknown:
        raise ValueError(f"unknown page(s) {', '.join(unknown)}; choose from {', '.join(BRIEFABLE)}")
    return tuple(registry.get(k) for k in BRIEFABLE if k in keys)


def arguments(section: Section, lang: str, presenting: bool, shown: Mapping[str, Mapping[str, Any]]) -> tuple[dict, bool]:
    """The choices to build a section with: the language and mode of the briefing, the declaration's fixed choices, and
    the filters the reader last saw it with (`shown`, by builder_id), else each filter's unfiltered default. Also says
    whether any filter differs from its default."""
    assert section.build is not None
    parameters = inspect.signature(section.build).parameters
    fixed = dict(section.choices)
    seen = shown.get(builder_id(section.build), {})
    values: dict[str, Any] = {name: value for name, value in (("lang", lang), ("presenting", presenting)) if name in parameters}
    filtered = False
    for name, parameter in parameters.items():
        if parameter.kind is not inspect.Parameter.KEYWORD_ONLY or name in OWN_CHOICES:
            continue
        if name in fixed:
            values[name] = fixed[name]
        elif name in seen:
            values[name] = seen[name]
            filtered = filtered or (parameter.default is inspect.Parameter.empty or seen[name] != parameter.default)
        elif parameter.default is not inspect.Parameter.empty:
            values[name] = parameter.default
        else:
            raise TypeError(f"{builder_id(section.build)} needs {name!r}, which has no default and was not chosen")
    return values, filtered


def filtered_topics(shown: Mapping[str, Mapping[str, Any]]) -> tuple[str, ...]:
    """The keys of the topics whose briefing the reader's filters (`shown`) narrow, in navigation order."""
    return tuple(
        key for key in BRIEFABLE if any(arguments(s, "zh", False, shown)[1] for s in briefed_sections(registry.get(key)))
    )


def _part(section: Section, built: Any) -> Any:
    return getattr(built, section.part) if section.part else built


def _figures(value: Any) -> list[Figure]:
    """Headline parts come as one headline, headlines, or (headline, note under it) pairs."""
    if isinstance(value, Headline):
        return [Figure(value)]
    found: list[Figure] = []
    for entry in value or ():
        if isinstance(entry, Headline):
            found.append(Figure(entry))
        elif isinstance(entry, tuple) and entry and isinstance(entry[0], Headline):
            found.append(Figure(entry[0], str(entry[1]) if len(entry) > 1 and entry[1] else ""))
    return found


def _charts(value: Any) -> list[ChartBlock]:
    """Chart parts come as a chart, None (nothing to draw for this choice) or (name, chart) pairs."""
    if isinstance(value, ChartBlock):
        return [value]
    if value is not None and not isinstance(value, tuple):
        raise TypeError(f"a chart section gave {type(value).__name__}: its declaration should name the part that is a chart")
    return [c for entry in value or () for c in (entry if isinstance(entry, tuple) else (entry,)) if isinstance(c, ChartBlock)]


def topic_brief(topic: Topic, run: Runner, lang: str, presenting: bool, shown: Mapping[str, Mapping]) -> TopicBrief:
    figures: list[Figure] = []
    charts: list[ChartBlock] = []
    filtered = False
    for section in briefed_sections(topic):
        assert section.build is not None
        choices, narrowed = arguments(section, lang, presenting, shown)
        filtered = filtered or narrowed
        part = _part(section, run(section.build, **choices))
        if section.role in FIGURE_ROLES:
            figures += _figures(part)
        else:
            charts += _charts(part)
    return TopicBrief(topic.key, t(topic.title_key, lang), tuple(figures), tuple(charts), filtered)


def reports(data: Dataset, lang: str) -> tuple[Report, ...]:
    rows = data.table("sources").sort_values("sort_key").to_dict("records")
    return tuple(
        Report(
            str(r["source_id"]),
            pick(r, "title", lang),
            pick(r, "publisher", lang),
            pick(r, "reporters", lang),
            pick(r, "correspondents", lang),
            pick(r, "date_note", lang),
            cite_as(r, lang),
        )
        for r in rows
    )


def briefing(
    data: Dataset,
    run: Runner,
    lang: str,
    *,
    pages: Sequence[str] | None = None,
    presenting: bool = False,
    shown: Mapping[str, Mapping] | None = None,
    now: datetime | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Briefing:
    """The briefing of `pages` (keys; all by default) in `lang`. `progress(done, total, title)` is told as each topic
    is built. Raises DataUnavailable when a topic lacks what it needs, as its page would show."""
    topics = chosen_topics(pages)
    built = []
    for done, topic in enumerate(topics):
        if progress:
            progress(done, len(topics), t(topic.title_key, lang))
        built.append(topic_brief(topic, run, lang, presenting, shown or {}))
    return Briefing(lang, now or datetime.now().astimezone(), reports(data, lang), tuple(built))


def direct(data: Dataset) -> Runner:
    """A runner that builds straight from a dataset, checking each builder's required figures as the store does."""
    view = facts_view(data.table("facts"), data.table("periods"), data.table("units"), data.table("sources"))
    units = units_from_table(data.table("units"))

    def run(build: Callable, **choices: Any) -> Any:
        contract.require(data, build)
        return build(data, view, units, **choices)

    return run
