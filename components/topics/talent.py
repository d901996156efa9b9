"""招才引智 · Talent: the people brought in, by channel (head counts and attendances apart: they cannot be added), the
innovation platforms set up and the talent events held."""

from __future__ import annotations

from components.charts.theme import PALETTE
from components.topics import named
from components.topics.bars import fact_chart, grouped
from components.topics.blocks import Chart, Headlines, Note, Things
from components.topics.headline import metric_card
from components.topics.parts import Filter, Needs, OverviewCard, Part, Section, Topic, View

PEOPLE = (
    "talent.people.rd_talent",
    "talent.people.expert_visits",
    "talent.people.overseas_talent",
    "talent.people.foreign_experts",
)
KINDS = ("people", "platforms", "events")
COLOURS = {"people": PALETTE[0], "person_times": PALETTE[2]}  # two measures, two hues as well as two charts


def people_cards(v: View) -> Headlines:
    cards = tuple(metric_card(v, m, label=v.t(f"{m}.short"), note=v.t(f"{m}.note")) for m in PEOPLE if v.figures.latest(m))
    return Headlines(cards, file_stem="talent-key-figures", per_row=2)


def people_charts(v: View) -> tuple[Chart, ...]:
    """A chart for head counts and one for attendances: never on one axis."""
    facts = v.figures.where(topic="talent", group="people")
    return tuple(
        fact_chart(
            v,
            alike,
            title=v.t(f"talent.people.title.{quantity}"),
            axis=f"people.axis.{quantity}",
            file_stem=f"talent-{quantity}",
            colour=COLOURS.get(quantity, PALETTE[0]),
            details=lambda f: ((v.t("people.tooltip.note"), f.note(v.lang)),) if f.note(v.lang) else (),
        )
        for quantity, alike in grouped(facts, lambda f: f.unit.quantity).items()
    )


def people_note(v: View) -> Note:
    return Note(v.t("talent.people.caption"))


def platforms(v: View) -> Things:
    return named.things(v, named.of_kind(v, "talent", "platform"), file_stem="talent-platforms")


def events(v: View) -> Things:
    return named.things(v, named.of_kind(v, "talent", "event"), file_stem="talent-events")


def kind_options(v: View) -> dict[str, str]:
    return {k: v.t(f"talent.kind.{k}") for k in KINDS}


def showing(kind: str):
    return lambda choices: choices.get("kind", KINDS[0]) == kind


TOPIC = Topic(
    key="talent",
    data_topics=("talent",),
    item_kinds=("event", "organisation", "platform", "programme"),
    intro="talent.intro",
    page_file="pages/talent.py",
    icon=":material/school:",
    section="society",
    sections=(
        # Headline figures: two a row for reading ("50+ attendances" needs the width); a projector has all four in one
        Section("people", (Part("people", people_cards, needs=Needs(metrics=PEOPLE)),)),
        # The people by channel, or the platforms, or the events
        Section(
            "by_kind",
            (
                Part(
                    "people_charts", people_charts, needs=Needs(groups=(("talent", "people"),)), main=True, when=showing("people")
                ),
                Part("people_note", people_note, brief=False, when=showing("people")),
                Part("platforms", platforms, needs=Needs(item_kinds=("platform",)), brief=False, when=showing("platforms")),
                Part("events", events, needs=Needs(item_kinds=("event",)), brief=False, when=showing("events")),
            ),
            filters=(Filter("kind", "talent.kind.label", kind_options, control="segmented", multi=False, default="people"),),
        ),
    ),
    overview=(OverviewCard("talent.people.rd_talent", "overview.note.talent"),),
)
