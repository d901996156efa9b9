"""项目建设 · Investment projects: the pipeline from negotiation to production (each stage's projects and investment,
with the derived average per project), the expected output and the key projects, the projects the report names (with
their stage, the editors' industry and derived share of their stage), the zone's industries and its parks."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

import pandas as pd

from components.charts.model import ChartModel, Point, ordered, spread_out
from components.charts.theme import STAGE_COLOURS
from components.figures.citations import Report, gather
from components.figures.derived import in_unit
from components.figures.facts import Fact
from components.figures.formatting import Unit, convert, format_pct, format_value, label_scale, missing
from components.i18n import pick
from components.topics import named
from components.topics.bars import fact_table, point
from components.topics.blocks import Card, Chart, Choice, Headlines, Note, Things
from components.topics.headline import fact_card
from components.topics.parts import Filter, Needs, OverviewCard, Part, Section, Topic, View
from components.topics.periods import latest_period, period_choice

STAGES = ("negotiating", "signed", "new_start", "continuing", "in_production")
MEASURES = ("investment", "projects")
PIPELINE = tuple(f"investment.pipeline.{stage}.{measure}" for stage in STAGES for measure in ("projects", "investment"))
INVESTMENT = tuple(m for m in PIPELINE if m.endswith(".investment"))
OTHER_INDUSTRY, INDUSTRY_PREFIX = "other", "industry."


def _period(v: View) -> str | None:
    """The chosen period, by default the latest in which the pipeline has actual figures (not only a target)."""
    return v.choice("period") or actual_period(v)


def actual_period(v: View) -> str | None:
    actual = [f for m in PIPELINE for f in v.figures.of(m) if f.status is None]
    return max(actual, key=lambda f: f.period.sort_key).period.key if actual else latest_period(v, PIPELINE)


@dataclass(frozen=True)
class Stage:
    """One stage of the pipeline in a period: its projects and investment (either may be missing) and their average."""

    key: str
    projects: Fact | None
    investment: Fact | None

    @property
    def average(self) -> Decimal | None:
        """Investment per project, derived: only where both are firm figures of the period."""
        if self.projects is None or self.investment is None or not (self.projects.firm and self.investment.firm):
            return None
        return self.investment.value / self.projects.value if self.projects.value else None


def stages(v: View) -> list[Stage]:
    period = _period(v)
    found = [
        Stage(
            s,
            v.figures.at(f"investment.pipeline.{s}.projects", period),
            v.figures.at(f"investment.pipeline.{s}.investment", period),
        )
        for s in STAGES
    ]
    return [s for s in found if s.projects or s.investment]


def average_text(v: View, stage: Stage) -> str:
    if stage.projects is None or stage.investment is None:
        return v.t("investment.average.missing")
    if stage.average is None:
        return v.t("investment.average.undefined")
    return format_value(stage.average, stage.investment.unit, v.lang, decimals=2)


def stage_cards(v: View) -> Headlines:
    """A card per stage: its total investment, with its projects in the label (under the card on a projector)."""
    cards = []
    for stage in stages(v):
        name = v.t(f"stage.{stage.key}")
        main = stage.investment or stage.projects
        assert main is not None
        if stage.investment is None or stage.projects is None:
            cards.append(fact_card(v, main, label=name))
        elif v.presenting:
            cards.append(
                fact_card(v, main, label=name, note=v.t("investment.card.projects", projects=stage.projects.text(v.lang)))
            )
        else:
            cards.append(fact_card(v, main, label=v.t("investment.card.stage", stage=name, projects=stage.projects.text(v.lang))))
    return Headlines(tuple(cards), file_stem="investment_stages")


def pipeline_chart(v: View) -> Chart | Note:
    """A bar per stage in stage order, for the chosen measure, in its stage's colour; the average in the tooltip."""
    measure = v.choice("measure", MEASURES[0])
    shown: list[tuple[Stage, Fact]] = [
        (s, f) for s in stages(v) if (f := s.investment if measure == "investment" else s.projects) is not None
    ]
    facts = [f for _, f in shown]
    if not facts:
        period = _period(v)
        return Note(v.t("investment.pipeline.none", period=v.figures.periods[period].label(v.lang) if period else ""))
    largest = max(facts, key=lambda f: f.value)
    scale = label_scale(largest.value, largest.unit, largest.unit, v.lang, largest.noun_en)
    points = tuple(
        point(
            v,
            fact,
            float(in_unit(fact, largest.unit) / scale.per),
            category=v.t(f"stage.{stage.key}"),
            colour=STAGE_COLOURS[STAGES.index(stage.key)],
            details=((v.t("investment.average.tooltip"), average_text(v, stage)),),
        )
        for stage, fact in shown
    )
    model = ChartModel(
        "bar",
        v.t(f"investment.pipeline.title.{measure}"),
        v.t(f"investment.measure.{measure}.axis", unit=scale.name),
        ordered(points),
        points,
        log_scale=spread_out(p.value for p in points),
        lang=v.lang,
    )
    table = fact_table(v, facts, lambda f: v.t(f"stage.{f.stage}"))
    table.insert(2, v.t("investment.average.tooltip"), [average_text(v, s) for s, _ in shown])
    return Chart(model, table, gather((f.report, f.source_quote) for f in facts), "investment_pipeline")


def average_note(v: View) -> Note:
    averages = " · ".join(f"{v.t(f'stage.{s.key}')} {average_text(v, s)}" for s in stages(v))
    return Note(v.t("investment.average.caption", averages=averages), derived=True)


def output_and_key(v: View) -> Headlines:
    """The output expected of the projects in production, then the key projects, whose shared caveat is said once."""
    period = _period(v)
    output = list(v.figures.where(topic="investment", group="output", period=period))
    key = list(v.figures.where(topic="investment", group="key_projects", period=period))
    notes = list(dict.fromkeys(f.note(v.lang) for f in key if f.note(v.lang)))
    cards = [fact_card(v, f) for f in output] + [_without_note(fact_card(v, f), f.note(v.lang)) for f in key]
    return Headlines(tuple(cards), note=" ".join(notes), file_stem="investment_output_key")


def _without_note(card: Card, note: str) -> Card:
    return replace(card, note=card.note.replace(note, "").strip(" ·"))


# --- the named projects ---------------------------------------------------------------------------------------------


def industry_key(item_id) -> str:
    """An industry's id in URLs and filters: "industry.biomedicine" -> "biomedicine"; none -> "other"."""
    if missing(item_id) or not str(item_id):
        return OTHER_INDUSTRY
    text = str(item_id)
    return text[len(INDUSTRY_PREFIX) :] if text.startswith(INDUSTRY_PREFIX) else text


def industry_names(v: View) -> dict[str, str]:
    names = {industry_key(r["item_id"]): pick(r, "name", v.lang) for r in named.of_kind(v, "investment", "industry")}
    return {**names, OTHER_INDUSTRY: v.t("investment.industry.other.short")}


@dataclass(frozen=True)
class Project:
    key: str
    name: str
    names: tuple[str, str]
    stage: str
    industry: str
    amount: Decimal | None  # in the stage total's unit; None when unpublished or in another currency
    text: str
    share: str
    as_published: str
    period: str
    report: Report
    quote: str


def _in(amount, unit: Unit, target: Unit | None) -> Decimal | None:
    if missing(amount) or target is None:
        return None
    try:
        return convert(amount, unit, target)
    except ValueError:
        return None


def projects(v: View) -> list[Project]:
    """The projects named in the chosen period, each with its share of its stage's total of that same period."""

    def build() -> list[Project]:
        period = _period(v)
        table = v.data.table("projects")
        rows = table[table["period"] == period].to_dict("records")
        by_stage = {s.key: s for s in stages(v)}
        units, qualifiers, reports = v.figures.units, v.figures.qualifiers, v.figures.reports
        found = []
        for r in rows:
            stage = by_stage.get(r["stage"])
            total = stage.investment if stage else None
            amount = _in(r["amount"], units[r["unit"]], total.unit if total else None)
            qualifier = qualifiers.get(r["qualifier"]) if r["qualifier"] != "exact" else None
            found.append(
                Project(
                    r["project_id"],
                    pick(r, "name", v.lang),
                    (r["name_zh"], r["name_en"]),
                    r["stage"],
                    industry_key(r["industry"]),
                    amount,
                    format_value(r["amount"], units[r["unit"]], v.lang, qualifier),
                    _share(v, amount, qualifier is None, total),
                    r["as_published"],
                    v.figures.periods[r["period"]].label(v.lang),
                    reports[r["source_id"]],
                    r["source_quote"],
                )
            )
        return found

    return v.data.derived(("investment.projects", v.lang, _period(v)), build)


def _share(v: View, amount: Decimal | None, exact: bool, total: Fact | None) -> str:
    """A project's share of its stage's total: "68.2%", "≤ 33.3%" against a lower-bound total, or not derivable."""
    if amount is None or total is None or not total.value:
        return v.t("investment.share.undefined")
    text = format_pct(amount / total.value * 100, v.lang, signed=False)
    if total.kind == "lower_bound" and exact:
        return v.t("investment.share.at_most", share=text)
    if total.kind != "exact" or not exact or total.status is not None:
        return v.t("investment.share.undefined")
    return text


def _kept(v: View) -> list[Project]:
    """The projects the filters keep (an empty choice keeps all; a minimum amount drops unpublished amounts)."""
    chosen_stages, industries = v.choice("stage", []), v.choice("industry", [])
    least, query = v.choice("min_amount", 0.0), (v.choice("q", "") or "").casefold()
    return [
        p
        for p in projects(v)
        if (not chosen_stages or p.stage in chosen_stages)
        and (not industries or p.industry in industries)
        and (not least or (p.amount is not None and p.amount >= Decimal(str(least))))
        and (not query or query in f"{p.names[0]}\n{p.names[1]}".casefold())
    ]


def projects_intro(v: View) -> Note:
    found = projects(v)
    return Note(v.t("investment.projects.intro", count=len(found), with_amount=sum(p.amount is not None for p in found)))


def selection(v: View) -> Choice:
    chosen = v.choice("project")
    found = next((p for p in projects(v) if p.key == chosen), None)
    summary = None
    if found is not None:
        summary = v.t(
            "investment.selected.summary",
            name=found.name,
            stage=v.t(f"stage.{found.stage}"),
            industry=industry_names(v).get(found.industry, ""),
            amount=found.text,
            share=found.share,
        )
        if found not in _kept(v):
            summary += " " + v.t("investment.selected.filtered_out")
    return Choice(summary, v.t("investment.selected.hint"), v.t("investment.selected.clear"))


def projects_chart(v: View) -> Chart | Note:
    """Every kept project with a published amount, largest first, coloured by stage with a key of the stages; a click
    selects one (kept in the URL), which is outlined."""
    kept = _kept(v)
    drawn = sorted((p for p in kept if p.amount is not None), key=lambda p: (-(p.amount or 0), STAGES.index(p.stage)))
    if not kept:
        return Note(v.t("investment.projects.empty"))
    table = projects_table(v, kept)
    evidence = gather((p.report, p.quote) for p in kept)
    if not drawn:
        return Chart(ChartModel("bar", "", "", (), (), lang=v.lang), table, evidence, "named_projects")
    unit = next(s.investment.unit for s in stages(v) if s.investment is not None)
    largest = max(p.amount for p in drawn if p.amount is not None)
    scale = label_scale(largest, unit, unit, v.lang)
    names = industry_names(v)
    points = tuple(
        Point(
            p.name,
            float((p.amount or 0) / scale.per),
            p.text,
            period=p.period,
            report=p.report.short(v.lang),
            colour=STAGE_COLOURS[STAGES.index(p.stage)],
            key=p.key,
            selected=p.key == v.choice("project"),
            details=(
                (v.t("investment.legend.stage"), v.t(f"stage.{p.stage}")),
                (v.t("investment.table.industry"), names.get(p.industry, "")),
                (v.t("investment.table.share"), p.share),
            ),
        )
        for p in drawn
    )
    shown_stages = [s for s in STAGES if any(p.stage == s for p in projects(v) if p.amount is not None)]
    notes = []
    unpublished = [p.name for p in kept if p.amount is None]
    if unpublished:
        notes.append(v.t("investment.projects.unpublished", names=_list(v, unpublished)))
    if v.choice("min_amount"):
        hidden = [p.name for p in projects(v) if p.amount is None and p not in kept]
        if hidden:
            notes.append(v.t("investment.projects.hidden", names=_list(v, hidden)))
    model = ChartModel(
        "bar",
        v.t("investment.projects.title"),
        v.t("investment.projects.axis", unit=scale.name),
        ordered(points),
        points,
        legend_title=v.t("investment.legend.stage"),
        legend=tuple((v.t(f"stage.{s}"), STAGE_COLOURS[STAGES.index(s)]) for s in shown_stages),
        notes=tuple(notes),
        selectable=True,
        log_scale=spread_out(p.value for p in points),
        lang=v.lang,
    )
    return Chart(model, table, evidence, "named_projects")


def _list(v: View, names: list[str]) -> str:
    return ("、" if v.lang == "zh" else ", ").join(names)


def projects_table(v: View, kept: list[Project]) -> pd.DataFrame:
    """The projects as a table, the figure first: the selected one on top, then by amount (unpublished last)."""
    chosen = v.choice("project")
    rows = sorted(kept, key=lambda p: (p.key != chosen, p.amount is None, -(p.amount or 0)))
    names = industry_names(v)
    columns = {
        "investment.table.project": [p.name for p in rows],
        "investment.table.amount_text": [p.text for p in rows],
        "investment.table.stage": [v.t(f"stage.{p.stage}") for p in rows],
        "investment.table.share": [p.share for p in rows],
        "investment.table.industry": [names.get(p.industry, "") for p in rows],
        "investment.table.period": [p.period for p in rows],
        "investment.table.as_published": [p.as_published for p in rows],
        "table.source": [p.report.short(v.lang) for p in rows],
        "table.sentence": [p.quote for p in rows],
    }
    return pd.DataFrame({v.t(key): values for key, values in columns.items()})


def method_notes(v: View) -> tuple[Note, Note]:
    return Note(v.t("investment.share.caption"), derived=True), Note(v.t("investment.projects.classification"))


def industries(v: View) -> Things:
    """The zone's industries: leading or emerging, and the named projects of the period the editors class in each."""
    in_period = projects(v)

    def lines(row: dict) -> list[str]:
        said = [v.t(f"investment.industry.role.{row['role']}")] if isinstance(row.get("role"), str) else []
        mine = [p.name for p in in_period if p.industry == industry_key(row["item_id"])]
        return said + ([v.t("investment.industries.named", names=_list(v, mine))] if mine else [])

    records = named.of_kind(v, "investment", "industry")
    return named.things(v, records, file_stem="industries", lines=lines, per_row=len(records) or 1)


def parks(v: View) -> Things:
    records = named.of_kind(v, "investment", "park")
    return named.things(v, records, file_stem="industrial_parks", per_row=len(records) or 1)


def stage_options(v: View) -> dict[str, str]:
    return {s: v.t(f"stage.{s}") for s in STAGES}


def measure_options(v: View) -> dict[str, str]:
    return {m: v.t(f"investment.measure.{m}") for m in MEASURES}


def amount_options(v: View) -> dict[float, str]:
    amounts = [p.amount for p in projects(v) if p.amount is not None]
    return {float(max(amounts)) if amounts else 0.0: ""}


def project_options(v: View) -> dict[str, str]:
    return {p.key: p.name for p in projects(v)}


TOPIC = Topic(
    key="investment",
    data_topics=("investment",),
    item_kinds=("industry", "initiative", "method", "park"),
    intro="investment.intro",
    page_file="pages/investment.py",
    icon=":material/factory:",
    section="economy",
    filters=(period_choice(PIPELINE, "investment.period.label", default=actual_period),),
    sections=(
        # Headline figures: each stage's total investment and projects
        Section("stages", (Part("stages", stage_cards, needs=Needs(metrics=PIPELINE)),)),
        # The main chart: the pipeline by stage, in investment or projects, and the derived average per project
        Section(
            "pipeline",
            (
                Part("pipeline", pipeline_chart, needs=Needs(metrics=PIPELINE), main=True),
                Part("average", average_note, brief=False, present=False),
            ),
            heading="investment.pipeline.heading",
            filters=(
                Filter(
                    "measure", "investment.measure.label", measure_options, control="segmented", multi=False, default="investment"
                ),
            ),
        ),
        # The output expected of the projects in production, and the key projects
        Section(
            "output",
            (Part("output", output_and_key, needs=Needs(groups=(("investment", "output"), ("investment", "key_projects")))),),
        ),
        # The named projects: filters, then the chart (a click selects a project, kept in the URL) and its table
        Section(
            "projects",
            (
                Part("projects_intro", projects_intro, brief=False, present=False),
                Part("selection", selection, brief=False, present=False),
                Part("projects", projects_chart, needs=Needs(metrics=INVESTMENT, tables=("projects",))),
                Part("projects_notes", method_notes, brief=False, present=False),
            ),
            heading="investment.projects.heading",
            filters=(
                Filter("stage", "investment.filter.stage", stage_options),
                Filter("industry", "investment.filter.industry", industry_names),
                Filter("min_amount", "investment.filter.min_amount", amount_options, control="number", tucked=True),
                Filter("q", "investment.filter.q", lambda v: {}, control="search", tucked=True),
                Filter("project", "investment.selected.clear", project_options, control="selection", multi=False),
            ),
        ),
        # Industries and parks
        Section(
            "named",
            (
                Part(
                    "industries",
                    industries,
                    heading="investment.industries.heading",
                    needs=Needs(item_kinds=("industry",)),
                    brief=False,
                ),
                Part("parks", parks, heading="investment.parks.heading", needs=Needs(item_kinds=("park",)), brief=False),
            ),
        ),
    ),
    overview=(
        OverviewCard("investment.pipeline.new_start.investment", "overview.note.new_start"),
        OverviewCard("investment.pipeline.negotiating.investment", "overview.note.negotiating"),
    ),
)
