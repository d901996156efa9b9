"""The figures the pages show, as typed records: each fact with its unit, qualifier, status, period (and what that
period covers) and report. `Figures` answers what the pages ask: a metric's latest figure, its figure in a period, its
history over like periods, and the value a year before (published where the data has it, else derived)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

import pandas as pd

from components.figures.citations import Report, reports_from_table
from components.figures.formatting import Unit, exact, format_value, missing, qualifier_note, units_from_table
from components.figures.periods import Span, span_of
from components.figures.qualifiers import Qualifier, kind_of, qualifiers_from_table
from components.i18n import pick


@dataclass(frozen=True)
class Period:
    key: str
    label_zh: str
    label_en: str
    span: Span
    sort_key: int

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en or self.label_zh


def periods_from_table(table: pd.DataFrame) -> dict[str, Period]:
    return {
        r["period"]: Period(r["period"], r["label_zh"], r["label_en"], span_of(r), int(r["sort_key"]))
        for r in table.to_dict("records")
    }


@dataclass(frozen=True)
class Fact:
    """One row of facts.csv, with what it refers to resolved."""

    metric: str
    topic: str
    group: str
    stage: str
    item: str
    labels: Mapping[str, str]
    value: Decimal
    unit: Unit
    qualifier: Qualifier | None
    status: Qualifier | None
    yoy_pct: Decimal | None
    as_published: str
    source_quote: str
    notes: Mapping[str, str]
    noun_en: str
    period: Period
    report: Report

    @property
    def kind(self) -> str:
        """How exact the figure is: exact, lower_bound, just_below or approximate (qualifiers.csv's kind)."""
        return self.qualifier.kind if self.qualifier is not None else "exact"

    @property
    def firm(self) -> bool:
        """Exact and reported as happened: the only figures a change, ratio or growth is computed from."""
        return self.kind == "exact" and self.status is None

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels["zh"]

    def note(self, lang: str) -> str:
        return self.notes.get(lang) or self.notes.get("zh", "")

    def text(self, lang: str) -> str:
        return format_value(self.value, self.unit, lang, self.qualifier, self.status, noun=self.noun_en)

    def qualifier_text(self, lang: str) -> str:
        return qualifier_note(self.qualifier, self.status, lang)

    @property
    def source_id(self) -> str:
        return self.report.source_id


def _decimal(value) -> Decimal | None:
    return None if missing(value) else exact(value)


@dataclass(frozen=True, eq=False)
class Figures:
    """Every fact of the data, by metric, each metric's facts in period order."""

    facts: tuple[Fact, ...]
    units: Mapping[str, Unit]
    qualifiers: Mapping[str, Qualifier]
    periods: Mapping[str, Period]
    reports: Mapping[str, Report]
    _by_metric: dict[str, list[Fact]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for fact in sorted(self.facts, key=lambda f: f.period.sort_key):
            self._by_metric.setdefault(fact.metric, []).append(fact)

    @cached_property
    def metrics(self) -> tuple[str, ...]:
        """Every metric, in the order facts.csv first names it."""
        return tuple(dict.fromkeys(f.metric for f in self.facts))

    def of(self, metric: str) -> list[Fact]:
        """A metric's facts, oldest period first."""
        return self._by_metric.get(metric, [])

    def latest(self, metric: str) -> Fact | None:
        found = self.of(metric)
        return found[-1] if found else None

    def at(self, metric: str, period: str | None) -> Fact | None:
        """The metric's figure in exactly `period` (by default its latest): another period's is never given instead."""
        if period is None:
            return self.latest(metric)
        return next((f for f in self.of(metric) if f.period.key == period), None)

    def where(self, *, topic: str | None = None, group: str | None = None, period: str | None = None) -> list[Fact]:
        """The latest figure of every metric of a topic (and group), or each metric's figure in `period`; in facts.csv's
        order of metrics."""
        found = []
        for metric in self.metrics:
            first = self.of(metric)[0]
            if (topic is None or first.topic == topic) and (group is None or first.group == group):
                fact = self.at(metric, period)
                if fact is not None:
                    found.append(fact)
        return found

    def history(self, metric: str, fact: Fact | None = None) -> list[Fact]:
        """The metric's figures in periods of the same span as `fact` (by default its latest), oldest first: its series."""
        fact = fact or self.latest(metric)
        if fact is None:
            return []
        return [f for f in self.of(metric) if f.period.span.like(fact.period.span)]

    def previous(self, fact: Fact) -> Fact | None:
        """The metric's figure in the latest period before `fact`'s that covers a like span: what a change is from."""
        earlier = [f for f in self.history(fact.metric, fact) if f.period.sort_key < fact.period.sort_key]
        return earlier[-1] if earlier else None

    def year_before(self, fact: Fact) -> Fact | None:
        """The metric's published figure for the same span a year before `fact`'s period, where the data has one."""
        wanted = fact.period.span.year_before()
        if wanted.kind is None:
            return None
        return next((f for f in self.of(fact.metric) if f.period.span == wanted), None)

    def periods_of(self, facts: Iterable[Fact]) -> list[Period]:
        """The periods of the facts, each once, oldest first."""
        return sorted({f.period.key: f.period for f in facts}.values(), key=lambda p: p.sort_key)


def figures_from_tables(
    facts: pd.DataFrame,
    periods: pd.DataFrame,
    units: pd.DataFrame,
    sources: pd.DataFrame,
    qualifiers: pd.DataFrame | None,
) -> Figures:
    unit_of, period_of = units_from_table(units), periods_from_table(periods)
    qualifier_of, report_of = qualifiers_from_table(qualifiers), reports_from_table(sources, period_of)

    def qualifier(code) -> Qualifier | None:
        return None if missing(code) or kind_of(qualifier_of, code) == "exact" else qualifier_of.get(str(code))

    records = facts.to_dict("records")
    return Figures(
        tuple(
            Fact(
                metric=r["metric"],
                topic=r["topic"],
                group=r["group"],
                stage="" if missing(r.get("stage")) else r["stage"],
                item=r["item"],
                labels={"zh": pick(r, "label", "zh"), "en": pick(r, "label", "en")},
                value=exact(r["value"]),
                unit=unit_of[r["unit"]],
                qualifier=qualifier(r.get("qualifier")),
                status=qualifier(r.get("status")),
                yoy_pct=_decimal(r.get("yoy_pct")),
                as_published=r["as_published"],
                source_quote=r["source_quote"],
                notes={"zh": pick(r, "note", "zh"), "en": pick(r, "note", "en")},
                noun_en="" if missing(r.get("noun_en")) else str(r["noun_en"]),
                period=period_of[r["period"]],
                report=report_of[r["source_id"]],
            )
            for r in records
        ),
        unit_of,
        qualifier_of,
        period_of,
        report_of,
    )
