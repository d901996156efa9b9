"""Derived figures, computed from stored ones and never typed in: changes, ratios, totals, implied prior values and
growth, each only where it means something: between firm figures (exact, reported as happened) of like periods."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from components.figures.facts import Fact
from components.figures.formatting import Unit, convert, exact
from components.figures.qualifiers import combined_kind


def in_unit(fact: Fact, unit: Unit) -> Decimal:
    """The fact's value in `unit` (same quantity), exactly."""
    return fact.value if fact.unit == unit else convert(fact.value, fact.unit, unit)


def comparable(now: Fact, before: Fact) -> bool:
    """Whether a change between two figures can be stated: both firm, of like periods, of one quantity."""
    return now.firm and before.firm and now.period.span.like(before.period.span) and now.unit.quantity == before.unit.quantity


def change(now: Fact, before: Fact) -> tuple[Decimal, Decimal | None]:
    """(absolute change in now's unit, percent change) between two comparable figures."""
    then = in_unit(before, now.unit)
    return now.value - then, ((now.value / then - 1) * 100 if then else None)


def implied_prior(value, yoy_pct) -> Decimal:
    """The value a year before that a published value and its year-on-year growth imply: value / (1 + growth)."""
    return exact(value) / (1 + exact(yoy_pct) / 100)


def ratio(numerator: Fact, denominator: Fact) -> Decimal | None:
    """A ratio of two firm figures of one period and unit; of anything else it could be anything, so it is not stated."""
    if not (numerator.firm and denominator.firm) or numerator.period != denominator.period:
        return None
    bottom = in_unit(denominator, numerator.unit) if numerator.unit.quantity == denominator.unit.quantity else None
    return None if not bottom else numerator.value / bottom


def total(facts: Iterable[Fact]) -> tuple[Decimal, str]:
    """The sum of figures of one quantity and one period, in the first one's unit, and the kind of number the sum is
    (a lower bound if any part is one). Forecasts and targets are not added to actuals."""
    facts = list(facts)
    if len({f.unit.quantity for f in facts}) > 1 or len({f.period.key for f in facts}) > 1:
        raise ValueError("only figures of one quantity and one period are added")
    if any(f.status is not None for f in facts):
        raise ValueError("forecasts and targets are not added")
    unit = facts[0].unit
    return sum((in_unit(f, unit) for f in facts), Decimal(0)), combined_kind(f.kind for f in facts)


def growth_pct(before, after) -> Decimal:
    return (exact(after) / exact(before) - 1) * 100


def years_apart(before: Fact, after: Fact) -> int | None:
    """Whole years between two like periods (2019-12-31 and 2020-12-31; 2016 and 2019), or None."""
    first, last = before.period.span, after.period.span
    if not first.like(last) or first.start is None or last.start is None:
        return None
    if (first.start.month, first.start.day) != (last.start.month, last.start.day):
        return None
    years = last.start.year - first.start.year
    return years if years > 0 else None


def cagr_pct(before, after, years: int) -> Decimal:
    """Compound annual growth rate over `years` years, in percent."""
    if years <= 0:
        raise ValueError("CAGR needs at least one year between the two values")
    growth = float(exact(after) / exact(before))
    return (Decimal(repr(growth ** (1 / years))) - 1) * 100
