"""Frames shaped for display: the reader's labels and formatted values beside the numbers charts and tables use."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from components.figures.derived import pipeline
from components.figures.facts import at_period
from components.figures.formatting import Unit, format_value, label_scale, qualifier_note
from components.i18n import pick, t

# The columns every table of figures ends with: which document each figure is from, and its sentence there.
SOURCE_COLUMNS = {"citation": "table.source", "source_quote": "table.sentence"}


def pipeline_rows(view: pd.DataFrame, period: str | None = None) -> pd.DataFrame:
    """The pipeline's figures (projects and investment by stage) of one period: `period`, by default their latest."""
    return at_period(view[(view["topic"] == "investment") & (view["group"] == "pipeline")], period)


def facts_frame(rows: pd.DataFrame, units: Mapping[str, Unit], lang: str) -> pd.DataFrame:
    """Fact rows with label, value_text, qualifier_text, period_label, derived=False and their source (source_id,
    citation, source_quote): what charts and tables show."""
    records = rows.to_dict("records")
    return pd.DataFrame(
        {
            "metric": [r["metric"] for r in records],
            "label": [pick(r, "label", lang) for r in records],
            "value": [float(r["value"]) for r in records],
            "value_text": [format_value(r["value"], units[r["unit"]], r["qualifier"], lang) for r in records],
            "unit": [r["unit"] for r in records],
            "qualifier": [r["qualifier"] for r in records],
            "qualifier_text": [qualifier_note(r["qualifier"], lang) or t("qualifier.exact", lang) for r in records],
            "period_label": [pick(r, "period", lang) for r in records],
            "derived": False,
            "source_id": [r["source_id"] for r in records],
            "citation": [pick(r, "citation", lang) for r in records],
            "source_quote": [r["source_quote"] for r in records],
        }
    )


def table_for_reader(frame: pd.DataFrame, lang: str, columns: dict[str, str]) -> pd.DataFrame:
    """The columns a reader needs, renamed with translated headers (columns: field -> translation key)."""
    return frame[list(columns)].rename(columns={field: t(key, lang) for field, key in columns.items()})


def pipeline_frame(
    view: pd.DataFrame, units: Mapping[str, Unit], measure: str, lang: str, period: str | None = None
) -> pd.DataFrame:
    """The pipeline by stage for one measure ("projects" or "investment") in one period (by default the latest), with
    the derived average per project: both parts of an average are figures of that period."""
    rows = pipeline_rows(view, period)
    every_stage = pipeline(rows)
    stages = every_stage[every_stage[f"{measure}_metric"].notna()].reset_index(drop=True)  # those with this measure
    # the units of this period's own rows: a later report may publish in another unit
    unit_code = rows.loc[rows["metric"].isin(stages[f"{measure}_metric"]), "unit"].iloc[0]
    money = rows.loc[rows["metric"].isin(every_stage["investment_metric"].dropna()), "unit"]
    yuan = units[money.iloc[0]] if len(money) else units[unit_code]  # only used where an average exists
    out = pd.DataFrame(
        {
            "stage": stages["stage"],
            "unit": unit_code,
            "label": [t(f"stage.{s}", lang) for s in stages["stage"]],
            "value": stages[measure],
            "value_text": [
                format_value(v, units[unit_code], q, lang) for v, q in zip(stages[measure], stages[f"{measure}_qualifier"])
            ],
            "qualifier": stages[f"{measure}_qualifier"],
            "qualifier_text": [qualifier_note(q, lang) or t("qualifier.exact", lang) for q in stages[f"{measure}_qualifier"]],
            "period_label": [
                pick(r, "period", lang)
                for r in rows.set_index("metric").loc[stages[f"{measure}_metric"]].reset_index().to_dict("records")
            ],
            "average_text": [
                t("investment.average.missing", lang)
                if pd.isna(p) or pd.isna(i)
                else t("investment.average.undefined", lang)
                if pd.isna(a)
                else format_value(a, yuan, "exact", lang, decimals=2)
                for a, p, i in zip(stages["average_investment"], stages["projects_metric"], stages["investment_metric"])
            ],
            "derived": False,
            "metric": stages[f"{measure}_metric"],
        }
    )
    by_metric = rows.set_index("metric")
    out["source_id"] = out["metric"].map(by_metric["source_id"])
    out["citation"] = out["metric"].map(by_metric[f"citation_{lang}"])
    out["source_quote"] = out["metric"].map(by_metric["source_quote"])
    return out


def converted_frame(
    rows: pd.DataFrame, units: Mapping[str, Unit], lang: str, targets: dict[str, str] | None = None
) -> pd.DataFrame:
    """facts_frame with `value` converted exactly to one unit per quantity (targets: quantity -> unit code, e.g.
    {"money_cny": "亿元"}; by default each unit's base unit, 万人 -> 人), so bars of one quantity share a scale.
    value_text stays as published; `quantity` and `plot_unit` say which scale `value` is on."""
    from components.figures.formatting import convert

    out = facts_frame(rows, units, lang)
    records = rows.to_dict("records")
    plot_units = [(targets or {}).get(units[r["unit"]].quantity, units[r["unit"]].base_unit) for r in records]
    out["value"] = [float(convert(r["value"], units[r["unit"]], units[u])) for r, u in zip(records, plot_units)]
    out["quantity"] = [units[r["unit"]].quantity for r in records]
    out["plot_unit"] = plot_units
    return out


def on_label_scale(frame: pd.DataFrame, units: Mapping[str, Unit], lang: str) -> tuple[pd.DataFrame, str]:
    """The frame with `value` on the scale its largest figure's label is written on, and that scale's name, for the
    axis title: a chart's ticks then count in what its labels say (亿元, CNY bn, 万人). `value` is held in
    `plot_unit` where converted_frame put it there, else in `unit`, the unit each figure was published in."""
    if frame["value"].isna().all():
        return frame, ""
    held = frame["plot_unit"] if "plot_unit" in frame else frame["unit"]
    largest = frame["value"].abs().idxmax()
    scale = label_scale(frame.at[largest, "value"], units[held[largest]], units[frame.at[largest, "unit"]], lang)
    if held.nunique() != 1:
        raise ValueError(f"one axis holds one unit, got {sorted(held.unique())}")
    return frame.assign(value=frame["value"] / float(scale.per)), scale.name
