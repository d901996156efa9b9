"""What a page shows, built before it is drawn: headline figures as finished text, charts as finished Vega-Lite specs
with the table and sentences behind them. Plain data, so each page's blocks are built once per data version, language
and filter choice and shared by every session (store.shared); components.ui only draws them."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from components.figures.facts import change, display, fact, previous
from components.figures.formatting import format_pct, format_value, qualifier_note
from components.i18n import pick, t


@dataclass(frozen=True)
class Headline:
    """One headline figure. `metric` (a stored figure) links it to its sentence in the report, `page` to its topic."""

    label: str
    value: str
    note: str = ""
    source: str = ""
    delta: str | None = None
    delta_description: str | None = None
    derived: bool = False
    metric: str | None = None
    page: str | None = None


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: ui keeps its Arrow copy of each shared block
class ChartBlock:
    """A chart with the table behind it (shown by the chart/table toggle, and downloaded) and its source sentences.
    `spec` has no width or config: the viewer's theme (light or dark, projector sizes) is added when it is drawn."""

    spec: Mapping[str, Any]
    table: pd.DataFrame
    file_stem: str
    quotes: tuple[str, ...]


def sentences(quotes: Iterable[str]) -> tuple[str, ...]:
    """Source sentences, each once, in order."""
    return tuple(dict.fromkeys(q for q in quotes if isinstance(q, str) and q))


def chart_block(chart: alt.TopLevelMixin | Mapping, table: pd.DataFrame, *, file_stem: str,
                quotes: Iterable[str] = ()) -> ChartBlock:
    """`chart`: an Altair chart, or a finished Vega-Lite spec (charts.base.bar_spec)."""
    # The builders' charts are tested against the schema (tests/test_charts_*.py); skipping Altair's validation here
    # halves the cost of building a spec.
    spec = chart if isinstance(chart, Mapping) else chart.to_dict(validate=False)
    return ChartBlock(spec, table, file_stem, sentences(quotes))


def fact_headline(view: pd.DataFrame, units: Mapping, metric: str, lang: str, presenting: bool, *,
                  period: str | None = None, note: str = "", page: str | None = None, label: str | None = None) -> Headline:
    """A stored figure as a headline: value with unit and qualifier, its period, the change from the metric's previous
    period where there is one (labelled with both periods), and its source sentence."""
    row = fact(view, metric, period)
    before = previous(view, metric, row["period"])
    delta = description = None
    if before is not None:
        absolute, percent = change(row, before)
        delta = format_value(absolute, units[row["unit"]], "exact", lang)
        delta = ("+" if absolute > 0 else "") + delta + (f"({format_pct(percent, lang)})" if percent is not None else "")
        description = t("headline.change_from", lang, before=pick(before, "period", lang), now=pick(row, "period", lang))
    elif not pd.isna(row.get("yoy_pct")):  # the report's own year-on-year change, when no earlier period is stored
        delta, description = format_pct(row["yoy_pct"], lang), t("headline.yoy", lang)
    parts = [pick(row, "period", lang), qualifier_note(row["qualifier"], lang)]
    if not presenting:  # a projector gets the period and qualifier only; the rest is for reading up close
        parts += [note, pick(row, "note", lang)]
    return Headline(label or pick(row, "label", lang), display(row, units, lang), note=" · ".join(x for x in parts if x),
                    source=row["source_quote"], delta=delta, delta_description=description, metric=metric, page=page)
