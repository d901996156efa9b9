"""The figures pages show: facts joined with their periods, units and sources; a metric's figure for a period; its
previous period. Periods are never mixed: `at_period` gives the rows of one period only, so a derived figure computed
from its rows uses values of that period, and a figure missing there is missing, not another period's."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from components.figures.citations import citations
from components.figures.formatting import Unit, exact, format_value
from components.i18n import pick


def facts_view(facts: pd.DataFrame, periods: pd.DataFrame, units: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every fact with its period's labels and order, its unit's quantity, its value in the base unit, and its source's
    citation in each language (citation_zh, citation_en)."""
    view = (
        facts.merge(
            periods[["period", "label_zh", "label_en", "sort_key"]].rename(
                columns={"label_zh": "period_zh", "label_en": "period_en"}
            ),
            on="period",
            how="left",
        )
        .merge(units[["unit", "quantity", "factor"]], on="unit", how="left")
        .merge(citations(sources), on="source_id", how="left")
    )
    view["base_value"] = view["value"] * view["factor"]
    return view.sort_values(["metric", "sort_key"]).reset_index(drop=True)


def periods_with_history(view: pd.DataFrame) -> list[str]:
    """Periods of the metrics in view that have more than one period, oldest first: what a period choice offers."""
    multi = view.groupby("metric")["period"].transform("nunique") > 1
    return view.loc[multi].sort_values("sort_key")["period"].drop_duplicates().tolist()


def latest_period(rows: pd.DataFrame) -> str | None:
    """The latest period any of the rows has."""
    return None if rows.empty else str(rows.loc[rows["sort_key"].idxmax(), "period"])


def at_period(rows: pd.DataFrame, period: str | None = None) -> pd.DataFrame:
    """The rows of exactly `period` (by default the latest period the rows have): one period, never a mix."""
    return rows[rows["period"] == (period or latest_period(rows))]


def latest(view: pd.DataFrame) -> pd.DataFrame:
    """Each metric's latest row, for figures shown side by side, each with its own period (never combined)."""
    return view.sort_values("sort_key").groupby("metric", sort=False).tail(1).sort_index()


def previous(view: pd.DataFrame, metric: str, period: str) -> pd.Series | None:
    """The row of `metric` in the period just before `period`, or None."""
    rows = view[view["metric"] == metric].sort_values("sort_key")
    current = rows.index[rows["period"] == period]
    if len(current) == 0:
        return None
    position = rows.index.get_loc(current[0])
    return rows.iloc[position - 1] if position > 0 else None


def period_label(view: pd.DataFrame, period: str, lang: str) -> str:
    """A period's label in the reader's language, from the view (its id if no figure has it)."""
    rows = view[view["period"] == period]
    return pick(rows.iloc[0].to_dict(), "period", lang) if not rows.empty else period


def display(row: pd.Series, units: Mapping[str, Unit], lang: str, decimals: int | None = None) -> str:
    """A fact row as text, with its unit and qualifier."""
    return format_value(row["value"], units[row["unit"]], row["qualifier"], lang, decimals)


def change(row: pd.Series, before: pd.Series) -> tuple:
    """(absolute change in the row's unit, percent change) between two periods of one metric; exact decimals. A
    period published in another unit (元, then 万元) is converted to the row's unit first."""
    now, then = exact(row["value"]), exact(before["value"])
    if before.get("unit") != row.get("unit"):
        then = then * exact(before["factor"]) / exact(row["factor"])
    return now - then, (now / then - 1) * 100 if then else None
