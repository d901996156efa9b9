"""Derived figures, computed from stored ones and never typed in: averages, shares, totals, implied prior values, growth."""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from components.figures.formatting import exact

STAGE_ORDER = ["negotiating", "signed", "new_start", "continuing", "in_production"]


def combine_qualifiers(*qualifiers: str) -> str:
    """A sum is a lower bound if any part is; a forecast stays a forecast."""
    if "at_least" in qualifiers:
        return "at_least"
    return "expected" if "expected" in qualifiers else "exact"


def total(rows: pd.DataFrame) -> tuple[Decimal, str]:
    """Sum of rows of one unit, with the qualifier the sum deserves."""
    if rows["unit"].nunique() > 1:
        raise ValueError("cannot add figures of different units")
    return sum((exact(v) for v in rows["value"]), Decimal(0)), combine_qualifiers(*rows["qualifier"])


def ratio(numerator: Decimal, denominator: Decimal, num_qualifier: str, den_qualifier: str) -> tuple[Decimal | None, str]:
    """A ratio is only stated when both parts are exact; a ratio of lower bounds could be anything."""
    if num_qualifier != "exact" or den_qualifier != "exact" or not denominator:
        return None, "undefined"
    return exact(numerator) / exact(denominator), "exact"


def pipeline(rows: pd.DataFrame) -> pd.DataFrame:
    """The investment pipeline of one period, one row per stage in order: projects, investment, their qualifiers and
    metrics, and the derived average investment per project (亿元), undefined where either part is a lower bound or
    missing. A stage with only one of its two figures in that period keeps it (the other is NaN, its metric None);
    rows of several periods are refused, never averaged across."""
    rows = rows[(rows["topic"] == "investment") & (rows["group"] == "pipeline")]
    if rows["period"].nunique() > 1:
        raise ValueError(f"a pipeline is of one period, got {sorted(rows['period'].unique())}")
    records = []
    for stage, group in rows.groupby("stage"):
        by_item = {r["item"]: r for r in group.to_dict("records")}
        record: dict = {"stage": stage}
        for item in ("projects", "investment"):
            row = by_item.get(item)
            record[item] = float(row["value"]) if row else float("nan")
            record[f"{item}_qualifier"] = row["qualifier"] if row else None
            record[f"{item}_metric"] = row["metric"] if row else None
        records.append(record)
    columns = ["stage", *(f"{item}{part}" for item in ("projects", "investment") for part in ("", "_qualifier", "_metric"))]
    out = pd.DataFrame(records, columns=columns)
    averages = [
        ratio(r.investment, r.projects, r.investment_qualifier, r.projects_qualifier)[0]
        if r.investment_metric and r.projects_metric
        else None
        for r in out.itertuples()
    ]
    out["average_investment"] = [float(a) if a is not None else float("nan") for a in averages]
    out["order"] = out["stage"].map({s: i for i, s in enumerate(STAGE_ORDER)})
    return out.sort_values("order").reset_index(drop=True)


def stage_shares(projects: pd.DataFrame, pipeline_frame: pd.DataFrame) -> pd.DataFrame:
    """Each named project's share of its stage's total investment (%). Against a lower-bound total the share is an
    upper bound ("at_most"); of a lower-bound amount, a lower bound ("at_least"); of both, anything ("undefined");
    without a published amount, or without the stage's total, there is no share."""
    totals = pipeline_frame.set_index("stage")
    out = projects.copy()
    stage_total = out["stage"].map(totals["investment"]).astype(float)
    out["share_pct"] = out["amount"].astype(float) / stage_total * 100
    total_bound = out["stage"].map(totals["investment_qualifier"]).eq("at_least")
    amount_bound = out["qualifier"].eq("at_least") if "qualifier" in out else pd.Series(False, index=out.index)
    qualifier = pd.Series("exact", index=out.index).mask(total_bound, "at_most").mask(amount_bound, "at_least")
    qualifier = qualifier.mask(total_bound & amount_bound, "undefined")
    out["share_qualifier"] = qualifier.where(out["amount"].notna() & stage_total.notna(), "undefined")
    return out


def implied_prior(value, yoy_pct) -> Decimal:
    """The prior-year value a published value and its year-on-year growth imply: value / (1 + growth)."""
    return exact(value) / (1 + exact(yoy_pct) / 100)


def trade_balance(export, import_) -> Decimal:
    return exact(export) - exact(import_)


def growth_pct(before, after) -> Decimal:
    return (exact(after) / exact(before) - 1) * 100


def period_year(period: str) -> int | None:
    """The calendar year a period id starts with (2016, 2019-end -> 2019), if any."""
    match = re.match(r"(\d{4})", period or "")
    return int(match.group(1)) if match else None


def cagr_pct(before, after, years: int) -> Decimal:
    """Compound annual growth rate over `years` years, in percent."""
    if years <= 0:
        raise ValueError("CAGR needs at least one year between the two values")
    ratio_ = float(exact(after) / exact(before))
    return (Decimal(repr(ratio_ ** (1 / years))) - 1) * 100
