"""What the investment page shows: stage cards, the named projects with their industry and share of their stage, filters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from components.blocks import (
    CardsBlock,
    ChartBlock,
    Evidence,
    Headline,
    card_source_columns,
    cards_block,
    chart_block,
    evidence,
    fact_headline,
)
from components.figures.citations import with_citations
from components.figures.derived import STAGE_ORDER, pipeline, stage_shares
from components.figures.facts import latest, latest_period, periods_with_history
from components.figures.formatting import Unit, convert, counting, format_pct, format_value, qualifier_note
from components.figures.frames import SOURCE_COLUMNS, on_label_scale, pipeline_frame, pipeline_rows
from components.i18n import pick, t
from components.topics.investment.charts import pipeline_chart, projects_chart
from components.topics.items import items_of

# Projects the report names without an industry of the zone: one more filter choice, kept in URLs as this id.
OTHER_INDUSTRY = "other"
INDUSTRY_PREFIX = "industry."
SELECTED_MARK = "✓"
# What the pipeline chart measures, the first by default
MEASURES = ("investment", "projects")


@dataclass(frozen=True)
class Card:
    """One headline card: a stored metric, under its own label from the data unless `label` is given; `note` is said
    under the card."""

    metric: str
    label: str | None = None
    note: str = ""


def headline_units(units: Mapping[str, Unit]) -> dict[str, Unit]:
    """The units for this page's headline cards: its counts (个) are projects, so English says "2 projects"."""
    return counting(units, "个", "investment_projects")


def stage_cards(
    view: pd.DataFrame, units: Mapping[str, Unit], lang: str, period: str | None = None, compact: bool = False
) -> list[Card]:
    """A card per pipeline stage in stage order: the stage's total investment, labelled "在谈 · 50多个项目".
    Compact (narrow cards on a projector): the label is the stage and the number of projects goes under the card."""
    current = pipeline_rows(view, period)
    rows = current.set_index("metric")
    cards = []
    for stage in pipeline(current).itertuples():
        name = t(f"stage.{stage.stage}", lang)
        if not stage.investment_metric:  # the period gives this stage's projects only: they are its card
            cards.append(Card(stage.projects_metric, name))
            continue
        if not stage.projects_metric:
            cards.append(Card(stage.investment_metric, name))
            continue
        projects = rows.loc[stage.projects_metric]
        count = format_value(projects["value"], units[projects["unit"]], projects["qualifier"], lang)
        if compact:
            cards.append(Card(stage.investment_metric, name, t("investment.card.projects", lang, projects=count)))
        else:
            cards.append(Card(stage.investment_metric, t("investment.card.stage", lang, stage=name, projects=count)))
    return cards


def group_cards(view: pd.DataFrame, group: str, order: Iterable[str] = (), period: str | None = None) -> list[Card]:
    """Cards for the investment metrics of one group (key_projects, output), in `order` (facts.csv's row order). Every
    metric of the group has a card: with `period`, a metric the period lacks says so (blocks.fact_headline)."""
    rows = latest(view)
    metrics = rows.loc[(rows["topic"] == "investment") & (rows["group"] == group), "metric"].tolist()
    position = {m: i for i, m in enumerate(dict.fromkeys(order))}
    return [Card(m) for m in sorted(metrics, key=lambda m: position.get(m, len(position)))]


def shared_note(view: pd.DataFrame, cards: Iterable[Card], lang: str) -> tuple[pd.DataFrame, str]:
    """The view with the cards' notes blanked, and those notes once: a note all cards share is said once, not per card."""
    metrics = [c.metric for c in cards]
    rows = view[view["metric"].isin(metrics)]
    notes = list(dict.fromkeys(pick(r, "note", lang) for r in rows.to_dict("records")))
    out = view.copy()
    out.loc[out["metric"].isin(metrics), ["note_zh", "note_en"]] = pd.NA
    return out, " ".join(n for n in notes if n)


def average_summary(frame: pd.DataFrame) -> str:
    """The derived average per project of each stage, as one line: "新签约 7.5亿元 · …" (frame from pipeline_frame)."""
    return " · ".join(f"{label} {average}" for label, average in zip(frame["label"], frame["average_text"]))


def name_list(names: Iterable[str], lang: str) -> str:
    """Names joined the way each language lists them: 甲、乙 / A, B."""
    return ("、" if lang == "zh" else ", ").join(names)


def industry_key(item_id) -> str:
    """The id an industry has in URLs and filters: "industry.biomedicine" -> "biomedicine"; none -> "other"."""
    if item_id is None or pd.isna(item_id) or not str(item_id):
        return OTHER_INDUSTRY
    text = str(item_id)
    return text[len(INDUSTRY_PREFIX) :] if text.startswith(INDUSTRY_PREFIX) else text


def industries(items: pd.DataFrame) -> pd.DataFrame:
    """The zone's industries (items of kind industry) in the data's order, with their filter key."""
    rows = items[items["kind"] == "industry"].copy()
    rows["key"] = rows["item_id"].map(industry_key)
    return rows


def industry_labels(items: pd.DataFrame, lang: str, short: bool = False) -> dict[str, str]:
    """Each industry filter choice's name; "other" is "other / not in a named industry", or just "other" if short."""
    names = {r["key"]: pick(r, "name", lang) for r in industries(items).to_dict("records")}
    return {
        key: names.get(key) or t("investment.industry.other.short" if short else "investment.industry.other", lang)
        for key in [*names, OTHER_INDUSTRY]
    }


def projects_frame(
    projects: pd.DataFrame,
    items: pd.DataFrame,
    view: pd.DataFrame,
    units: Mapping[str, Unit],
    lang: str,
    period: str | None = None,
) -> pd.DataFrame:
    """Every named project with its stage, industry, amount (in the pipeline's unit; NaN when unpublished, never 0) and
    its derived share of its stage's total investment, for the projects named in one period (by default the pipeline's
    latest): a share is of the same period's stage total. Columns fit charts.base.bars (label, value, value_text, …)."""
    current = pipeline_rows(view, period)
    period = latest_period(current)
    projects = projects[projects["period"] == period]
    stages = pipeline(current)
    stage_unit = units[current.loc[current["metric"].isin(stages["investment_metric"]), "unit"].iloc[0]]
    records = projects.to_dict("records")
    amounts = [_in_unit(r["amount"], units[r["unit"]], stage_unit) for r in records]
    shares = stage_shares(
        projects.assign(amount=pd.array([None if a is None else float(a) for a in amounts], dtype="Float64")), stages
    )
    period_labels = {r["period"]: pick(r, "period", lang) for r in view.drop_duplicates("period").to_dict("records")}
    industry_names = industry_labels(items, lang)
    out = pd.DataFrame(
        {
            "project_id": [r["project_id"] for r in records],
            "label": [pick(r, "name", lang) for r in records],
            "name_zh": [r["name_zh"] for r in records],
            "name_en": [r["name_en"] for r in records],
            "stage": [r["stage"] for r in records],
            "stage_label": [t(f"stage.{r['stage']}", lang) for r in records],
            "stage_order": [STAGE_ORDER.index(r["stage"]) for r in records],
            "industry": [industry_key(r["industry"]) for r in records],
            "industry_label": [industry_names.get(industry_key(r["industry"]), industry_names[OTHER_INDUSTRY]) for r in records],
            "value": [float("nan") if a is None else float(a) for a in amounts],
            "unit": [r["unit"] for r in records],  # as published; `value` is in the pipeline's unit, plot_unit
            "plot_unit": stage_unit.code,
            "value_text": [format_value(r["amount"], units[r["unit"]], r["qualifier"], lang) for r in records],
            "qualifier": [r["qualifier"] for r in records],
            "qualifier_text": [qualifier_note(r["qualifier"], lang) or t("qualifier.exact", lang) for r in records],
            "period_label": [period_labels.get(r["period"], r["period"]) for r in records],
            "share_pct": [float(s) if pd.notna(s) else float("nan") for s in shares["share_pct"]],
            "share_qualifier": shares["share_qualifier"].tolist(),
            "derived": False,
            "as_published": [r["as_published"] for r in records],
            "source_id": [r["source_id"] for r in records],
            "citation": [pick(r, "citation", lang) for r in records],
            "source_quote": [r["source_quote"] for r in records],
        }
    )
    out["share_text"] = [share_text(p, q, lang) for p, q in zip(out["share_pct"], out["share_qualifier"])]
    return out


def _in_unit(amount, unit: Unit, target: Unit):
    """The amount in the pipeline's unit, or None when unpublished or not convertible (another currency)."""
    if amount is None or pd.isna(amount):
        return None
    try:
        return convert(amount, unit, target)
    except ValueError:
        return None


def share_text(share, qualifier: str, lang: str) -> str:
    """A project's share of its stage: "68.2%", "≤ 33.3%" against a lower-bound total, or "not derivable"."""
    if qualifier == "undefined" or share is None or pd.isna(share):
        return t("investment.share.undefined", lang)
    text = format_pct(share, lang, signed=False)
    if qualifier in ("at_most", "at_least"):
        return t(f"investment.share.{qualifier}", lang, share=text)
    return text


def filter_projects(
    frame: pd.DataFrame, stages: Iterable[str] = (), industries_: Iterable[str] = (), min_amount: float = 0, query: str = ""
) -> pd.DataFrame:
    """The projects the filters keep. Empty choices keep everything; a minimum amount drops projects whose amount
    is unpublished (they cannot be shown to reach it); the search matches Chinese or English names, any case."""
    keep = pd.Series(True, index=frame.index)
    stages, industries_ = list(stages), list(industries_)
    if stages:
        keep &= frame["stage"].isin(stages)
    if industries_:
        keep &= frame["industry"].isin(industries_)
    if min_amount and min_amount > 0:
        keep &= frame["value"].ge(min_amount).fillna(False).astype(bool)
    needle = (query or "").strip().casefold()
    if needle:
        names = frame["name_zh"].str.casefold() + "\n" + frame["name_en"].str.casefold()
        keep &= names.str.contains(needle, regex=False)
    return frame[keep]


def hidden_by_min_amount(
    frame: pd.DataFrame, stages: Iterable[str], industries_: Iterable[str], min_amount: float, query: str
) -> pd.DataFrame:
    """Projects without a published amount that the other filters keep but the minimum amount drops."""
    if not min_amount or min_amount <= 0:
        return frame.iloc[0:0]
    kept = filter_projects(frame, stages, industries_, 0, query)
    return kept[kept["value"].isna()]


def amount_ceiling(frame: pd.DataFrame) -> float:
    """The largest published amount: the upper end of the minimum-amount filter."""
    values = frame["value"].dropna()
    return float(values.max()) if not values.empty else 0.0


def selected_project(state, known: Iterable[str]) -> str | None:
    """The project a chart click selected (Streamlit's selection state for the param "project"), if it is known."""
    try:
        points = state["selection"]["project"]
    except (KeyError, TypeError):
        return None
    known = set(known)
    for point in points or []:
        value = point.get("project_id") if isinstance(point, Mapping) else None
        if value in known:
            return value
    return None


def projects_table(frame: pd.DataFrame, selected: str | None, lang: str) -> pd.DataFrame:
    """The table behind the projects chart: the selected project first and ticked, then by amount (unpublished last)."""
    data = frame.assign(
        selected=[SELECTED_MARK if p == selected else "" for p in frame["project_id"]],
        is_selected=frame["project_id"].eq(selected),
    )
    data = data.sort_values(["is_selected", "value", "stage_order"], ascending=[False, False, True], na_position="last")
    columns = {
        "selected": "investment.table.selected",
        "label": "investment.table.project",
        "stage_label": "investment.table.stage",
        "industry_label": "investment.table.industry",
        "value_text": "investment.table.amount_text",
        "value": "investment.table.amount",
        "share_text": "investment.table.share",
        "period_label": "investment.table.period",
        "as_published": "investment.table.as_published",
        **SOURCE_COLUMNS,
    }
    return data[list(columns)].rename(columns={k: t(v, lang) for k, v in columns.items()}).reset_index(drop=True)


def selection_summary(frame: pd.DataFrame, project_id: str | None) -> dict | None:
    """What to say about the selected project (name, stage, industry, amount, share), or None if none known is selected."""
    rows = frame[frame["project_id"] == project_id]
    if project_id is None or rows.empty:
        return None
    row = rows.iloc[0]
    return {
        "name": row["label"],
        "stage": row["stage_label"],
        "industry": row["industry_label"],
        "amount": row["value_text"],
        "share": row["share_text"],
    }


def pipeline_table(frame: pd.DataFrame, measure: str, lang: str) -> pd.DataFrame:
    """The table behind the pipeline chart (frame from display_frames.pipeline_frame): numbers and their text."""
    columns = {
        "label": t("investment.table.stage", lang),
        "value": t(f"investment.table.measure.{measure}", lang),
        "value_text": t("investment.table.value_text", lang),
        "qualifier_text": t("investment.table.qualifier", lang),
        "average_text": t("investment.average.tooltip", lang),
        "period_label": t("investment.table.period", lang),
        **{field: t(key, lang) for field, key in SOURCE_COLUMNS.items()},
    }
    return frame[list(columns)].rename(columns=columns)


def industry_cards(items: pd.DataFrame, projects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A card per industry of the zone (ui.cards_block): its name, whether it is leading or emerging, and the named
    projects the editors class in it (projects from projects_frame)."""
    records = []
    for row in industries(items).to_dict("records"):
        lines = [t(f"investment.industry.role.{row['role']}", lang)] if isinstance(row["role"], str) else []
        named = projects.loc[projects["industry"] == row["key"], "label"]
        if not named.empty:
            lines.append(t("investment.industries.named", lang, names=name_list(named, lang)))
        records.append(
            {
                "title": pick(row, "name", lang),
                "lines": lines,
                "quotes": [row["source_quote"]],
                "citations": [pick(row, "citation", lang)],
            }
        )
    return pd.DataFrame(records, columns=["title", "lines", "quotes", "citations"])


def park_cards(items: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A card per industrial park (ui.cards_block): its name and its status as reported."""
    rows = items[items["kind"] == "park"].to_dict("records")
    return pd.DataFrame(
        {
            "title": [pick(r, "name", lang) for r in rows],
            "lines": [[pick(r, "status", lang)] for r in rows],
            "quotes": [[r["source_quote"]] for r in rows],
            "citations": [[pick(r, "citation", lang)] for r in rows],
        },
        columns=["title", "lines", "quotes", "citations"],
    )


def cards_table(cards: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table behind a row of cards: name, what the cards say, and the source sentence."""
    return pd.DataFrame(
        {
            t("investment.table.name", lang): cards["title"],
            t("investment.table.details", lang): ["; ".join(lines) for lines in cards["lines"]],
            **card_source_columns(cards, lang),
        }
    )


# --- what the page shows, in three parts: figures and named things; the pipeline by measure; the filtered projects --


@dataclass(frozen=True)
class Investment:
    stages: tuple[tuple[Headline, str], ...]  # (card, what is said under it)
    output: tuple[tuple[Headline, str], ...]
    key: tuple[tuple[Headline, str], ...]
    key_note: str  # the key projects' shared caveat, said once


@dataclass(frozen=True)
class Filters:
    """What the named projects' filters and selection work on."""

    projects: pd.DataFrame  # projects_frame
    industry_names: Mapping[str, str]  # the industry filter's options and short labels
    amount_ceiling: float


@dataclass(frozen=True)
class Things:
    industries: CardsBlock
    parks: CardsBlock


@dataclass(frozen=True)
class Pipeline:
    chart: ChartBlock
    averages: str


@dataclass(frozen=True)
class Projects:
    table: pd.DataFrame
    chart: ChartBlock | None  # None: none of the projects shown has a published amount
    sources: tuple[Evidence, ...]
    unpublished: str  # names of the projects shown without an amount
    hidden: str  # names the minimum amount hides
    selected_hidden: bool  # a project is selected but the filters leave it out


def _projects(data, view: pd.DataFrame, units: Mapping[str, Unit], lang: str, period: str | None) -> pd.DataFrame:
    # made once per data version, language and period: the page, the pipeline and every new filter choice read it
    # (view and units are derived from the same dataset, so these are the whole key)
    return data.derived(
        ("investment.projects", lang, period),
        lambda: projects_frame(
            with_citations(data.table("projects"), data.table("sources")), data.table("items"), view, units, lang, period
        ),
    )


@dataclass(frozen=True)
class Choices:
    periods: tuple[str, ...]  # empty: the pipeline has one period, so there is no choice
    period_names: Mapping[str, str]


def choices(data, view: pd.DataFrame, units: dict, *, lang: str) -> Choices:
    periods = periods_with_history(view[(view["topic"] == "investment") & (view["group"] == "pipeline")])
    names = {
        p: pick(r, "period", lang) for r in view.drop_duplicates("period").to_dict("records") if (p := r["period"]) in periods
    }
    return Choices(tuple(periods) if len(periods) > 1 else (), names)


def page(
    data, view: pd.DataFrame, units: Mapping[str, Unit], *, lang: str, presenting: bool, period: str | None = None
) -> Investment:
    order = data.table("facts")["metric"]
    stages = stage_cards(view, units, lang, period=period, compact=presenting)
    output, key = group_cards(view, "output", order, period), group_cards(view, "key_projects", order, period)
    cards_view, key_note = shared_note(view, key, lang)
    counted = headline_units(units)

    def headlines(cards: list[Card]) -> tuple[tuple[Headline, str], ...]:
        return tuple(
            (fact_headline(cards_view, counted, c.metric, lang, presenting, label=c.label, period=period), c.note) for c in cards
        )

    return Investment(stages=headlines(stages), output=headlines(output), key=headlines(key), key_note=key_note)


def filters(data, view: pd.DataFrame, units: Mapping[str, Unit], *, lang: str, period: str | None = None) -> Filters:
    projects = _projects(data, view, units, lang, period)
    return Filters(projects, industry_labels(items_of(data), lang, short=True), amount_ceiling(projects))


def named_things(data, view: pd.DataFrame, units: Mapping[str, Unit], *, lang: str, period: str | None = None) -> Things:
    """The zone's industries (with the projects of the period the editors class in each) and its parks. Needs no
    figure: the projects' names and industries come straight from projects.csv."""
    items, projects = items_of(data), data.table("projects")
    period = period or latest_period(pipeline_rows(view)) or (str(projects["period"].iloc[-1]) if len(projects) else None)
    named = projects[projects["period"] == period]
    named = named.assign(
        industry=named["industry"].map(industry_key), label=[pick(r, "name", lang) for r in named.to_dict("records")]
    )
    industries_, parks = industry_cards(items, named, lang), park_cards(items, lang)
    return Things(
        cards_block(industries_, cards_table(industries_, lang), file_stem="industries"),
        cards_block(parks, cards_table(parks, lang), file_stem="industrial_parks"),
    )


def pipeline_section(
    data, view: pd.DataFrame, units: Mapping[str, Unit], *, lang: str, measure: str = MEASURES[0], period: str | None = None
) -> Pipeline:
    frame = pipeline_frame(view, units, measure, lang, period)
    scaled, unit = on_label_scale(frame, units, lang)
    return Pipeline(
        chart_block(
            pipeline_chart(scaled, measure, lang, unit=unit),
            pipeline_table(frame, measure, lang),
            file_stem="investment_pipeline",
            sources=evidence(frame),
        ),
        average_summary(frame),
    )


def projects_section(
    data,
    view: pd.DataFrame,
    units: Mapping[str, Unit],
    *,
    lang: str,
    stages: tuple[str, ...] = (),
    industries_: tuple[str, ...] = (),
    min_amount: float = 0.0,
    query: str = "",
    selected: str | None = None,
    period: str | None = None,
) -> Projects:
    projects = _projects(data, view, units, lang, period)
    shown = filter_projects(projects, stages, industries_, min_amount, query)
    table = projects_table(shown, selected, lang)
    chart = None
    if shown["value"].notna().any():
        scaled, unit = on_label_scale(shown, units, lang)
        chart = chart_block(
            projects_chart(scaled, lang, selected, key=projects, unit=unit),
            table,
            file_stem="named_projects",
            sources=evidence(shown),
        )
    hidden = hidden_by_min_amount(projects, stages, industries_, min_amount, query)
    return Projects(
        table,
        chart,
        evidence(shown),
        name_list(shown.loc[shown["value"].isna(), "label"], lang),
        name_list(hidden["label"], lang),
        selected is not None and selected not in set(shown["project_id"]),
    )
