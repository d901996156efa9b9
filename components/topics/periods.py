"""The period choice a page offers once its figures have more than one period, and the latest period of a set of
metrics: what a page shows when no period is chosen, all of one period."""

from __future__ import annotations

from collections.abc import Iterable

from components.topics.parts import Filter, View


def periods_of(v: View, metrics: Iterable[str]) -> list:
    """The periods any of the metrics has a figure in, oldest first."""
    return v.figures.periods_of(f for m in metrics for f in v.figures.of(m))


def latest_period(v: View, metrics: Iterable[str]) -> str | None:
    found = periods_of(v, metrics)
    return found[-1].key if found else None


def period_choice(metrics: tuple[str, ...], label: str, default=None) -> Filter:
    """A single choice of period, offered once the metrics have figures in two or more; by default the latest, or the
    one `default(view)` names."""

    def options(v: View) -> dict[str, str]:
        return {p.key: p.label(v.lang) for p in periods_of(v, metrics)}

    return Filter("period", label, options, control="segmented", multi=False, default=default)
