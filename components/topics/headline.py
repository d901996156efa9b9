"""Headline cards from stored figures: the value with its qualifier, what period it covers, and its growth, which is
the report's own year-on-year rate where it gives one, else the change from the same span a year before or from the
last like period (never across unlike spans, never between figures that are not both exact), its history when it has
three or more like periods, and every sentence it rests on, each under its own report."""

from __future__ import annotations

from components.figures.citations import gather
from components.figures.derived import change, comparable, in_unit
from components.figures.facts import Fact
from components.figures.formatting import format_pct, format_value
from components.topics.blocks import Card
from components.topics.parts import View

# A series on a card once a metric has this many like periods.
HISTORY_FROM = 3


def _compared(v: View, fact: Fact) -> Fact | None:
    """The figure a card compares with: the same span a year before where the data has it, else the last like one."""
    return v.figures.year_before(fact) or v.figures.previous(fact)


def growth_of(v: View, fact: Fact) -> tuple[str | None, str | None, Fact | None]:
    """(growth, what it compares, the figure compared with) for a card."""
    if fact.yoy_pct is not None:  # the report's own rate wins over one worked out here
        return format_pct(fact.yoy_pct, v.lang), v.t("headline.yoy"), None
    before = _compared(v, fact)
    if before is None:
        return None, None, None
    periods = {"now": fact.period.label(v.lang), "before": before.period.label(v.lang)}
    if not comparable(fact, before):
        return None, v.t("headline.change_bounds", **periods), before
    absolute, percent = change(fact, before)
    text = ("+" if absolute > 0 else "") + format_value(absolute, fact.unit, v.lang, noun=fact.noun_en)
    if percent is not None:
        text += (" " if v.lang == "en" else "") + f"({format_pct(percent, v.lang)})"
    return text, v.t("headline.change_from", **periods), before


def fact_card(v: View, fact: Fact, *, label: str | None = None, note: str = "", page: str | None = None) -> Card:
    growth, growth_note, before = growth_of(v, fact)
    series = v.figures.history(fact.metric, fact)
    series = [f for f in series if f.period.sort_key <= fact.period.sort_key]
    history = tuple(float(in_unit(f, fact.unit)) for f in series) if len(series) >= HISTORY_FROM else ()
    return Card(
        label=label or fact.label(v.lang),
        value=fact.text(v.lang),
        period=fact.period.label(v.lang),
        qualifier=fact.qualifier_text(v.lang),
        growth=growth,
        growth_note=growth_note,
        note=" · ".join(x for x in (note, fact.note(v.lang)) if x),
        evidence=gather([(f.report, f.source_quote) for f in (fact, before) if f is not None]),
        metric=fact.metric,
        page=page,
        history=history,
        history_periods=tuple(f.period.label(v.lang) for f in series) if history else (),
        kind=fact.kind,
    )


def metric_card(
    v: View, metric: str, *, period: str | None = None, label: str | None = None, note: str = "", page: str | None = None
) -> Card:
    """A metric's card: its figure in `period` (by default its latest), or a card saying that period has none."""
    fact = v.figures.at(metric, period)
    if fact is not None:
        return fact_card(v, fact, label=label, note=note, page=page)
    known = v.figures.latest(metric)
    if known is None:
        raise KeyError(metric)
    missing_in = v.figures.periods[period].label(v.lang) if period is not None and period in v.figures.periods else str(period)
    return Card(
        label or known.label(v.lang),
        v.t("figure.not_in_period.value"),
        period=missing_in,
        note=v.t("figure.not_in_period", period=missing_in),
        metric=metric,
        page=page,
    )
