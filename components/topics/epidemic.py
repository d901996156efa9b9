"""疫情防控 · Epidemic response: the emergency response and the command structure, the measures taken first in the city,
and the people mobilised by group, with their derived total and its caveat (anyone in two groups is counted twice)."""

from __future__ import annotations

from components.charts.theme import PALETTE
from components.figures.citations import gather
from components.figures.derived import total
from components.figures.formatting import format_value
from components.figures.qualifiers import Qualifier
from components.i18n import pick
from components.topics import named
from components.topics.bars import fact_chart
from components.topics.blocks import Card, Chart, Headlines, Note, Thing, Things
from components.topics.headline import metric_card
from components.topics.parts import Filter, Needs, OverviewCard, Part, Section, Topic, View

RESPONSE_ITEM = "command.level1"
HEADLINE_METRICS = ("epidemic.command.working_groups", "epidemic.measures.checkpoints")
GROUPS = ("party_cadres", "medical_workers", "police", "community_workers", "volunteers")
MOBILISED = tuple(f"epidemic.mobilised.{group}" for group in GROUPS)
TEXT_KINDS = ("command", "first_in_city", "measure")


def _mobilised(v: View, chosen=()) -> list:
    facts = v.figures.where(topic="epidemic", group="mobilised")
    periods = {f.period.key for f in facts}
    latest = max((f.period for f in facts), key=lambda p: p.sort_key).key if periods else None
    return [f for f in facts if f.period.key == latest and (not chosen or f.item in chosen)]


def _code_of(v: View, kind: str) -> Qualifier | None:
    """The qualifier of a kind (the data's first of it), for a sum that is, say, a lower bound."""
    return next((q for q in v.figures.qualifiers.values() if q.kind == kind), None) if kind != "exact" else None


def total_card(v: View, label: str, note: str) -> Card:
    """All groups added up: derived, with its caveat wherever it goes."""
    facts = _mobilised(v)
    value, kind = total(facts)
    caveat = v.t("epidemic.total.caveat")
    return Card(
        label,
        format_value(value, facts[0].unit, v.lang, _code_of(v, kind)),
        period=facts[0].period.label(v.lang),
        note=caveat if v.presenting else v.t("epidemic.total.with_caveat", note=note, caveat=caveat),
        evidence=gather((f.report, f.source_quote) for f in facts),
        derived=True,
    )


def headlines(v: View) -> Headlines:
    item = next((r for r in named.latest_items(v) if r["item_id"] == RESPONSE_ITEM), None)
    cards = []
    if item is not None:
        # the label and value say the item's name already ("Emergency response: Level 1"): the note says what was done
        note = pick(item, "description", v.lang) or pick(item, "name", v.lang)
        cards.append(
            Card(
                v.t("epidemic.headline.response"),
                v.t("epidemic.headline.response.value"),
                period=named.period_of(v, item),
                note=note,
                evidence=named.evidence_of([item]),
            )
        )
    cards += [metric_card(v, m, label=v.t(f"{m}.short")) for m in HEADLINE_METRICS]
    cards.append(total_card(v, v.t("epidemic.headline.total"), v.t("epidemic.headline.total.note")))
    return Headlines(tuple(cards), file_stem="epidemic-headlines")


def mobilised_chart(v: View) -> Chart:
    """One bar per chosen group, largest first; the derived total is said under the title, never drawn as a group."""
    facts = _mobilised(v, v.choice("group") or ())
    value, kind = total(_mobilised(v))
    line = v.t(
        "epidemic.total.line",
        value=format_value(value, facts[0].unit, v.lang, _code_of(v, kind)),
        caveat=v.t("epidemic.total.caveat"),
    )
    return fact_chart(
        v,
        facts,
        title=v.t("epidemic.mobilised.title"),
        axis="epidemic.mobilised.axis",
        file_stem="epidemic-mobilised",
        colour=PALETTE[2],
        category=lambda f: v.t(f"epidemic.group.{f.item}"),
        notes=(line,),
    )


def total_note(v: View) -> Note:
    return Note(v.t("epidemic.total.caption"), derived=True)


def measures(v: View) -> Things:
    """The command structure, the measures taken first in the city and the lines of defence: a card a kind."""

    def line(r: dict) -> str:
        name, description = pick(r, "name", v.lang), pick(r, "description", v.lang)
        return v.t("epidemic.text.line", name=name, description=description) if description else name

    records = named.of_kind(v, "epidemic", *TEXT_KINDS)
    by_kind = [(kind, [r for r in records if r["kind"] == kind]) for kind in TEXT_KINDS]
    things = tuple(
        Thing(v.t(f"epidemic.text.{kind}"), tuple(line(r) for r in mine), named.evidence_of(mine))
        for kind, mine in by_kind
        if mine
    )
    return Things(things, named.things_table(v, things), "epidemic-command")


def group_options(v: View) -> dict[str, str]:
    present = [f.item for f in _mobilised(v)]
    ordered = [g for g in GROUPS if g in present] + sorted(set(present) - set(GROUPS))
    return {g: v.t(f"epidemic.group.{g}") for g in ordered}


TOPIC = Topic(
    key="epidemic",
    data_topics=("epidemic",),
    item_kinds=TEXT_KINDS,
    intro="epidemic.intro",
    page_file="pages/epidemic.py",
    icon=":material/health_and_safety:",
    section="society",
    sections=(
        # Headline figures: the response level, the command structure, the checkpoints, the people mobilised in all
        Section(
            "headlines",
            (Part("headlines", headlines, needs=Needs(metrics=(*HEADLINE_METRICS, *MOBILISED), items=(RESPONSE_ITEM,))),),
        ),
        # The main chart: people mobilised by group
        Section(
            "mobilised",
            (
                Part(
                    "mobilised", mobilised_chart, needs=Needs(metrics=MOBILISED, groups=(("epidemic", "mobilised"),)), main=True
                ),
                Part("total_note", total_note, brief=False, present=False),
            ),
            filters=(Filter("group", "epidemic.group.label", group_options),),
        ),
        # The command structure and measures, as the report describes them
        Section(
            "text", (Part("measures", measures, heading="epidemic.text.title", needs=Needs(item_kinds=TEXT_KINDS), brief=False),)
        ),
    ),
    overview=(OverviewCard("epidemic.mobilised.volunteers", "overview.note.volunteers"),),
)
