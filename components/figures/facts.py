"""The figures pages show: facts joined with their periods and units, the figure for a period, and its previous period."""
from __future__ import annotations

import pandas as pd

from components.figures.formatting import Unit, exact, format_value, units_from_table
from components.i18n import pick


def facts_view(facts: pd.DataFrame, periods: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Every fact with its period's labels and order, its unit's quantity, and its value in the base unit."""
    view = facts.merge(
        periods.rename(columns={"label_zh": "period_zh", "label_en": "period_en"}), on="period", how="left"
    ).merge(units[["unit", "quantity", "factor"]], on="unit", how="left")
    view["base_value"] = view["value"] * view["factor"]
    return view.sort_values(["metric", "sort_key"]).reset_index(drop=True)


def periods_with_history(view: pd.DataFrame) -> list[str]:
    """Periods of the metrics in view that have more than one period, oldest first: what a period choice offers."""
    multi = view.groupby("metric")["period"].transform("nunique") > 1
    return view.loc[multi].sort_values("sort_key")["period"].drop_duplicates().tolist()


def snapshot(view: pd.DataFrame, period: str | None = None) -> pd.DataFrame:
    """One row per metric: the row for `period` where the metric has it, else its latest row."""
    chosen = view[view["period"] == period] if period else view.iloc[0:0]
    rest = view[~view["metric"].isin(chosen["metric"])].sort_values("sort_key").groupby("metric", sort=False).tail(1)
    return pd.concat([chosen, rest]).sort_index()


def previous(view: pd.DataFrame, metric: str, period: str) -> pd.Series | None:
    """The row of `metric` in the period just before `period`, or None."""
    rows = view[view["metric"] == metric].sort_values("sort_key")
    current = rows.index[rows["period"] == period]
    if len(current) == 0:
        return None
    position = rows.index.get_loc(current[0])
    return rows.iloc[position - 1] if position > 0 else None


def fact(view: pd.DataFrame, metric: str, period: str | None = None) -> pd.Series:
    """One metric's row at `period` (or its latest); KeyError names the metric if the data lacks it."""
    rows = snapshot(view[view["metric"] == metric], period)
    if rows.empty:
        raise KeyError(metric)
    return rows.iloc[0]


def display(row: pd.Series, units: dict[str, Unit], lang: str, decimals: int | None = None) -> str:
    """A fact row as text, with its unit and qualifier."""
    return format_value(row["value"], units[row["unit"]], row["qualifier"], lang, decimals)


def change(row: pd.Series, before: pd.Series) -> tuple:
    """(absolute change in the row's unit, percent change) between two periods of one metric; exact decimals."""
    now, then = exact(row["value"]), exact(before["value"])
    return now - then, (now / then - 1) * 100 if then else None


def with_labels(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Adds `label` and `period_label` in the reader's language."""
    out = frame.copy()
    out["label"] = [pick(r, "label", lang) for r in out.to_dict("records")]
    out["period_label"] = [pick(r, "period", lang) for r in out.to_dict("records")]
    return out


__all__ = ["facts_view", "periods_with_history", "snapshot", "previous", "fact", "display", "change", "with_labels", "units_from_table"]
