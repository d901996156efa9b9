"""Charts and tables of stored figures: each figure a point of the chart model, on the scale its label is written on
(亿元 beside 「300多亿元」, CNY bn beside "CNY 30 bn+"), with its period, qualifier and report; and the table behind the
chart, the figure first and its sentence last."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import pandas as pd

from components.charts.model import ChartModel, Point, ordered, spread_out
from components.charts.theme import PALETTE
from components.figures.citations import gather
from components.figures.derived import in_unit
from components.figures.facts import Fact
from components.figures.formatting import label_scale
from components.topics.blocks import Chart
from components.topics.parts import View


def axis_values(facts: Sequence[Fact], lang: str, *, by_smallest: bool = False) -> tuple[list[float], str]:
    """The facts' values on one axis, in the scale the largest is written on, or with `by_smallest` (a log axis, or
    panels of their own scale) the smallest: 337 people beside 55,000 reads better than 0.0337 万人, and 3,000万元
    beside 190,000万元 better than 30,000,000元. Returns the values and the scale's name. Facts of one quantity only:
    people and attendances, yuan and dollars never share an axis."""
    if len({f.unit.quantity for f in facts}) > 1:
        raise ValueError(f"one axis holds one quantity, got {sorted({f.unit.quantity for f in facts})}")
    sizes = [abs(in_unit(f, facts[0].unit)) for f in facts]
    if by_smallest:
        reference = facts[min(range(len(facts)), key=lambda i: (sizes[i] == 0, sizes[i]))]
    else:
        reference = facts[max(range(len(facts)), key=lambda i: sizes[i])]
    unit = reference.unit
    scale = label_scale(in_unit(reference, unit), unit, unit, lang, reference.noun_en)
    return [float(in_unit(f, unit) / scale.per) for f in facts], scale.name


def point(v: View, fact: Fact, value: float, **overrides) -> Point:
    fields = {
        "category": fact.label(v.lang),
        "value": value,
        "text": fact.text(v.lang),
        "kind": fact.kind,
        "status": fact.status.kind if fact.status is not None else "",
        "period": fact.period.label(v.lang),
        "qualifier_text": fact.qualifier_text(v.lang),
        "report": fact.report.short(v.lang),
    }
    return Point(**{**fields, **overrides})


def fact_chart(
    v: View,
    facts: Sequence[Fact],
    *,
    title: str,
    axis: str,
    file_stem: str,
    colour: str = PALETTE[0],
    category: Callable[[Fact], str] | None = None,
    details: Callable[[Fact], tuple[tuple[str, str], ...]] | None = None,
    largest_first: bool = True,
    notes: tuple[str, ...] = (),
) -> Chart:
    """Bars of stored figures of one quantity, one bar each. `axis`: text key of the axis title, with {unit}."""
    values, unit = axis_values(facts, v.lang)
    if spread_out(values):  # a log axis: in the unit of the smallest
        values, unit = axis_values(facts, v.lang, by_smallest=True)
    pairs = sorted(zip(facts, values), key=lambda p: -p[1]) if largest_first else list(zip(facts, values))
    points = tuple(
        point(
            v,
            f,
            value,
            **({"category": category(f)} if category else {}),
            **({"details": details(f)} if details else {}),
        )
        for f, value in pairs
    )
    model = ChartModel(
        "bar",
        title,
        v.t(axis, unit=unit),
        ordered(points),
        points,
        colour=colour,
        notes=notes,
        log_scale=spread_out(values),
        lang=v.lang,
    )
    return Chart(
        model, fact_table(v, [f for f, _ in pairs], category), gather((f.report, f.source_quote) for f in facts), file_stem
    )


TABLE_COLUMNS = ("table.item", "table.value", "table.period", "table.qualifier", "table.source", "table.sentence")


def fact_table(
    v: View,
    facts: Iterable[Fact],
    category: Callable[[Fact], str] | None = None,
    worked_out: Iterable[tuple[str, str, str, str, Fact]] = (),
) -> pd.DataFrame:
    """The figures as a table: what, the figure as published, its period and kind, then its report and sentence; then
    each value the chart works out from them (`worked_out`: what, value, period, how, the figure it rests on), so that
    a download holds every bar its chart draws."""
    rows = [
        (
            category(f) if category else f.label(v.lang),
            f.text(v.lang),
            f.period.label(v.lang),
            f.qualifier_text(v.lang) or v.t("qualifier.exact"),
            f.report.short(v.lang),
            f.source_quote,
        )
        for f in facts
    ]
    rows += [(what, value, period, how, f.report.short(v.lang), f.source_quote) for what, value, period, how, f in worked_out]
    return pd.DataFrame(rows, columns=[v.t(key) for key in TABLE_COLUMNS])


def joinable(facts: Sequence[Fact]) -> bool:
    """Whether figures of one metric make a history a line may join: more than one, all of like periods."""
    return len(facts) > 1 and all(f.period.span.like(facts[0].period.span) for f in facts)


def periods_chart(v: View, facts: Sequence[Fact], *, title: str, axis: str, file_stem: str) -> Chart:
    """One metric over its periods, oldest first: its published points, joined by a line only where they all cover like
    periods (a history); else side by side, each labelled with the period it covers."""
    values, unit = axis_values(facts, v.lang)
    points = tuple(point(v, f, value, category=f.period.label(v.lang)) for f, value in zip(facts, values))
    joined = joinable(facts)
    model = ChartModel(
        "line" if joined else "points", title, v.t(axis, unit=unit), ordered(points), points, colour=PALETTE[0], lang=v.lang
    )
    return Chart(model, fact_table(v, facts), gather((f.report, f.source_quote) for f in facts), file_stem)


def grouped(facts: Iterable[Fact], key: Callable[[Fact], str]) -> dict[str, list[Fact]]:
    out: dict[str, list[Fact]] = {}
    for fact in facts:
        out.setdefault(key(fact), []).append(fact)
    return out
