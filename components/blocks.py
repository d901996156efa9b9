"""What a page shows, built before it is drawn: headline figures as finished text, charts as finished Vega-Lite specs
and named things as cards, each with the table behind it and its evidence (the sentences it comes from, by source, with
that source's citation). Plain data, so each page's blocks are built once per data version, language and filter choice
and shared by every session (ui.store.shared); components.ui only draws them, and the briefing export reads them too."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from components.figures.facts import at_period, change, display, previous
from components.figures.formatting import format_pct, format_value, qualifier_note
from components.i18n import pick, t


@dataclass(frozen=True)
class Evidence:
    """The sentences a block's figures come from in one source document, and that document's citation."""

    source_id: str
    citation: str
    sentences: tuple[str, ...]


def _present(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


def evidence(rows: pd.DataFrame | Iterable[Mapping], lang: str | None = None) -> tuple[Evidence, ...]:
    """Each source's sentences, each once, in the order they come: from rows with source_id, source_quote and either
    `citation` (a display frame) or citation_zh/citation_en (the facts view; `lang` picks one)."""
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else list(rows)
    found: dict[str, tuple[str, dict[str, None]]] = {}
    for row in records:
        quote = row.get("source_quote")
        if not _present(quote):
            continue
        citation = row.get("citation") if "citation" in row else pick(row, "citation", lang or "zh")
        entry = found.setdefault(str(row.get("source_id") or ""), (str(citation or ""), {}))
        entry[1][quote] = None
    return tuple(Evidence(source, citation, tuple(quotes)) for source, (citation, quotes) in found.items())


def sentences(sources: Iterable[Evidence]) -> tuple[str, ...]:
    """Every sentence of the evidence, each once, in order."""
    return tuple(dict.fromkeys(s for e in sources for s in e.sentences))


def merge(*groups: Iterable[Evidence]) -> tuple[Evidence, ...]:
    """Evidence of several blocks as one, each source once."""
    rows = [{"source_id": e.source_id, "citation": e.citation, "source_quote": s} for g in groups for e in g for s in e.sentences]
    return evidence(rows)


@dataclass(frozen=True)
class Headline:
    """One headline figure. `metric` (a stored figure) links it to its sentence in the report, `page` to its topic."""

    label: str
    value: str
    note: str = ""
    sources: tuple[Evidence, ...] = ()
    delta: str | None = None
    delta_description: str | None = None
    derived: bool = False
    metric: str | None = None
    page: str | None = None
    period: str = ""
    qualifier: str = ""  # a stored figure's (exact, at_least, ...): the briefing marks lower bounds by it


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: ui keeps its Arrow copy of each shared block
class ChartBlock:
    """A chart with the table behind it (shown by the chart/table toggle, and downloaded) and its evidence.
    `spec` has no width or config: the viewer's theme (light or dark, projector sizes) is added when it is drawn."""

    spec: Mapping[str, Any]
    table: pd.DataFrame
    file_stem: str
    sources: tuple[Evidence, ...]


@dataclass(frozen=True, eq=False)
class CardsBlock:
    """Named things as cards (a frame with title, lines: list of text, quotes: list of sentences shown with the card),
    the table behind them and their evidence."""

    cards: pd.DataFrame
    table: pd.DataFrame
    file_stem: str
    sources: tuple[Evidence, ...]


def cards_block(cards: pd.DataFrame, table: pd.DataFrame, *, file_stem: str) -> CardsBlock:
    """Cards (columns title, lines, quotes, citations: each quote's source citation) with their table and evidence."""
    rows = [
        {"source_id": c, "citation": c, "source_quote": q}
        for card in cards.to_dict("records")
        for q, c in zip(card["quotes"], card["citations"])
    ]
    return CardsBlock(cards, table, file_stem, evidence(rows))


def card_source_columns(cards: pd.DataFrame, lang: str) -> dict[str, list[str]]:
    """The two columns every cards table ends with: the cards' sentences and the documents they are from."""
    return {
        t("table.sentence", lang): [" ".join(dict.fromkeys(q)) for q in cards["quotes"]],
        t("table.source", lang): ["; ".join(dict.fromkeys(c)) for c in cards["citations"]],
    }


def chart_block(
    chart: alt.TopLevelMixin | Mapping, table: pd.DataFrame, *, file_stem: str, sources: tuple[Evidence, ...] = ()
) -> ChartBlock:
    """`chart`: an Altair chart, or a finished Vega-Lite spec (charts.base.bar_spec)."""
    # The builders' charts are tested against the schema (tests/test_charts_*.py); skipping Altair's validation here
    # halves the cost of building a spec.
    spec = chart if isinstance(chart, Mapping) else chart.to_dict(validate=False)
    return ChartBlock(spec, table, file_stem, sources)


def not_in_period(label: str, period_label: str, lang: str, page: str | None = None) -> Headline:
    """A headline whose figure the data does not have for the chosen period: said so, never another period's value."""
    return Headline(
        label,
        t("figure.not_in_period.value", lang),
        note=t("figure.not_in_period", lang, period=period_label),
        page=page,
        period=period_label,
    )


def fact_headline(
    view: pd.DataFrame,
    units: Mapping,
    metric: str,
    lang: str,
    presenting: bool,
    *,
    period: str | None = None,
    note: str = "",
    page: str | None = None,
    label: str | None = None,
) -> Headline:
    """A stored figure as a headline: value with unit and qualifier, its period, the change from the metric's previous
    period where there is one (labelled with both periods), and its source. With `period`, the figure of exactly that
    period, or a headline saying that period has none; without, the metric's latest."""
    rows = at_period(view[view["metric"] == metric], period)
    if rows.empty:
        known = view[view["metric"] == metric]
        if known.empty:
            raise KeyError(metric)
        period_rows = view[view["period"] == period]
        period_label = pick(period_rows.iloc[0], "period", lang) if not period_rows.empty else str(period)
        return not_in_period(label or pick(known.iloc[-1], "label", lang), period_label, lang, page)
    row = rows.iloc[0]
    before = previous(view, metric, row["period"])
    delta = description = None
    if before is not None and {row["qualifier"], before["qualifier"]} != {"exact"}:
        # the change between two lower bounds (or forecasts) could be anything: it is not stated
        description = t("headline.change_bounds", lang, before=pick(before, "period", lang), now=pick(row, "period", lang))
    elif before is not None:
        absolute, percent = change(row, before)
        delta = format_value(absolute, units[row["unit"]], "exact", lang)
        gap = " " if lang == "en" else ""  # "+CNY 4,620 (+144.4%)", 「+4620元(+144.4%)」
        delta = ("+" if absolute > 0 else "") + delta + (f"{gap}({format_pct(percent, lang)})" if percent is not None else "")
        description = t("headline.change_from", lang, before=pick(before, "period", lang), now=pick(row, "period", lang))
    elif not pd.isna(row.get("yoy_pct")):  # the report's own year-on-year change, when no earlier period is stored
        delta, description = format_pct(row["yoy_pct"], lang), t("headline.yoy", lang)
    # The qualifier in a word ("lower bound"): the value already says 「多」/"+", and the page's introduction what it means
    qualifier = qualifier_note(row["qualifier"], lang, short=True)
    if presenting:  # a projector gets the qualifier only; the card says the period (ui.headline_row)
        parts = [qualifier]
    else:
        parts = [pick(row, "period", lang), qualifier, note, pick(row, "note", lang)]
    return Headline(
        label or pick(row, "label", lang),
        display(row, units, lang),
        note=" · ".join(x for x in parts if x),
        sources=evidence([row.to_dict()], lang),
        delta=delta,
        delta_description=description,
        metric=metric,
        page=page,
        period=pick(row, "period", lang),
        qualifier=str(row["qualifier"]),
    )
