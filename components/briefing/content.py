"""What a briefing holds, read from the topics' descriptions: each topic's headline cards and charts as its page shows
them (the same parts, built with the filters its reader last saw), each chart titled with the filters that shape it,
nothing twice, the reports the figures come from and the notes that qualify them. Plain data; deck.py and handout.py
lay it out as slides and as an A4 document."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from components.figures.citations import Evidence, Report, merge
from components.i18n import t
from components.topics.blocks import Card, Chart, Headlines
from components.topics.parts import Topic, View, filters_said, resolved

# build(topic, part key, presenting, choices): a part as its page builds it. The app passes its shared cache
# (components/ui/data.py); the command and the tests build straight from the description (direct()).
Builder = Callable[[Topic, str, bool, Mapping[str, Any]], Any]


@dataclass(frozen=True)
class BriefChart:
    chart: Chart
    title: str  # the chart's title, with the filters that shape it where they are set
    filters: tuple[str, ...]


@dataclass(frozen=True)
class TopicBrief:
    key: str
    title: str
    cards: tuple[Card, ...]
    charts: tuple[BriefChart, ...]
    filters: tuple[str, ...]  # every filter set on the page, in words

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return merge(*(c.evidence for c in self.cards), *(c.chart.evidence for c in self.charts))


@dataclass(frozen=True)
class Briefing:
    lang: str
    generated: datetime
    edition: str  # what the latest report covers ("2020年")
    reports: tuple[Report, ...]
    topics: tuple[TopicBrief, ...]

    @property
    def title(self) -> str:
        return t("briefing.title", self.lang, edition=self.edition)

    def source_line(self, evidence: Sequence[Evidence]) -> str:
        """The foot of a slide or page: the reports its figures come from (every report when it has none)."""
        names = [e.short[self.lang] for e in evidence] or [r.short(self.lang) for r in self.reports]
        return t("briefing.source.short", self.lang, reports=t("briefing.list_sep", self.lang).join(dict.fromkeys(names)))

    @property
    def generated_line(self) -> str:
        at = self.generated  # no leading zero on the day, and English month names whatever the server's locale
        month_name = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")[at.month - 1]
        when = t(
            "briefing.time_format", self.lang, year=at.year, month=at.month, day=at.day, month_name=month_name, time=f"{at:%H:%M}"
        )
        return t("briefing.generated", self.lang, time=when)

    @property
    def notes(self) -> tuple[str, ...]:
        """The data notes every briefing closes with: what its marks mean, where derived figures come from, filters."""
        notes = [t(f"briefing.note.{key}", self.lang) for key in ("qualifiers", "derived", "periods")]
        filtered = [f"{topic.title}({'; '.join(topic.filters)})" for topic in self.topics if topic.filters]
        if filtered:
            notes.append(t("briefing.note.filtered", self.lang, pages=t("briefing.list_sep", self.lang).join(filtered)))
        return tuple(notes)


def topic_brief(topic: Topic, view: View, build: Builder, seen: Mapping[str, Any], shown: set) -> TopicBrief:
    """A topic's cards and charts, built with its reader's last choices; a chart already in the briefing (`shown`) is
    left out, so nothing appears twice."""
    choices = resolved(topic, view, seen)
    cards: list[Card] = []
    charts: list[BriefChart] = []
    set_on_page: list[str] = []
    for section in topic.sections:
        said = filters_said(topic.filters_of(section), view, choices)
        set_on_page += [s for s in said if s not in set_on_page]
        for part in section.parts:
            if not part.brief:
                continue
            built = build(topic, part.key, view.presenting, choices)
            for block in built if isinstance(built, tuple) else (built,):
                if isinstance(block, Headlines):
                    cards += block.cards
                elif isinstance(block, Chart) and block.model.points and block.model not in shown:
                    shown.add(block.model)
                    title = (
                        t("briefing.filtered_title", view.lang, title=block.title, filters="; ".join(said))
                        if said
                        else block.title
                    )
                    charts.append(BriefChart(block, title, tuple(said)))
    return TopicBrief(topic.key, topic.title(view.lang), tuple(cards), tuple(charts), tuple(set_on_page))


def briefing(
    view: View,
    topics: Sequence[Topic],
    build: Builder,
    *,
    seen: Mapping[str, Mapping[str, Any]] | None = None,
    edition: str = "",
    now: datetime | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Briefing:
    """The briefing of `topics` in view's language; `seen`: each topic's filters as its reader last saw them."""
    shown: set = set()
    made = []
    for done, topic in enumerate(topics):
        if progress:
            progress(done, len(topics), topic.title(view.lang))
        made.append(topic_brief(topic, view, build, (seen or {}).get(topic.key, {}), shown))
    reports = tuple(view.figures.reports.values())
    return Briefing(view.lang, now or datetime.now().astimezone(), edition, reports, tuple(made))


def card_lines(card: Card, lang: str) -> dict[str, str]:
    """A card as the slides and the handout say it: label, value, what it covers, its growth, its note."""
    label = f"{card.label} · {t('derived.badge', lang)}" if card.derived else card.label
    growth = " ".join(x for x in (card.growth, f"({card.growth_note})" if card.growth and card.growth_note else "") if x)
    covers = " · ".join(x for x in (card.period, card.qualifier) if x)
    return {"label": label, "value": card.value, "covers": covers, "growth": growth, "note": card.note}


def chart_marks(chart: BriefChart, lang: str, *, panels: bool = False) -> list[str]:
    """What is said beside a chart: the periods it covers, its filters, what its marks mean, its own notes."""
    model = chart.chart.model
    sep = t("briefing.list_sep", lang)
    marks = [t("briefing.period", lang, periods=sep.join(model.periods))] if model.periods else []
    marks += [t("briefing.filters", lang, filters="; ".join(chart.filters))] if chart.filters else []
    kinds = {p.kind for p in model.points} | ({"derived"} if model.has_derived or any(s.derived for s in model.series) else set())
    marks += [
        t(f"briefing.mark.{kind}", lang) for kind in ("lower_bound", "just_below", "approximate", "derived") if kind in kinds
    ]
    marks += [t("briefing.mark.panels" if panels else "briefing.mark.log", lang)] if model.log_scale else []
    return marks + list(model.notes)


def direct(view: View) -> Builder:
    """A builder straight from the descriptions (the command and the tests), checking each part's needs as the app does."""
    from components.topics.needs import require

    def build(topic: Topic, part_key: str, presenting: bool, choices: Mapping[str, Any]) -> Any:
        part = next(p for p in topic.parts if p.key == part_key)
        require(view.data, part.needs, (topic.key,))
        return part.build(View(view.data, view.figures, view.lang, presenting, dict(choices)))

    return build


def briefable(topics: Sequence[Topic]) -> tuple[Topic, ...]:
    """The topics with something for a briefing: a part that goes into one."""
    return tuple(topic for topic in topics if any(p.brief for p in topic.parts))
