"""总览 · Overview: the latest report at a glance — the figure each topic contributes (each topic's description names
its own, and the report gives every one of them), the investment pipeline, and the zone's strategies and honours."""

from __future__ import annotations

from components.topics import epidemic, investment, named, poverty, talent, trade
from components.topics.blocks import Chart, Headlines, Note, Things
from components.topics.headline import metric_card
from components.topics.parts import Needs, Part, Section, Topic, View

CONTRIBUTORS = (investment.TOPIC, trade.TOPIC, talent.TOPIC, poverty.TOPIC, epidemic.TOPIC)
CARDS = tuple((card, topic.key) for topic in CONTRIBUTORS for card in topic.overview)


def headlines(v: View) -> Headlines:
    cards = tuple(
        metric_card(v, card.metric, note=v.t(card.note), page=page) for card, page in CARDS if v.figures.latest(card.metric)
    )
    return Headlines(cards, file_stem="overview-headlines")


def pipeline(v: View) -> Chart | Note:
    """The investment pipeline of its latest period, in investment."""
    return investment.pipeline_chart(View(v.data, v.figures, v.lang, v.presenting, {"measure": "investment"}))


def pipeline_period(v: View) -> Note | None:
    period = investment.actual_period(v)  # the chart's own period, not a later target's
    return Note(v.figures.periods[period].label(v.lang)) if period else None


def strategies(v: View) -> Things:
    return named.things(v, named.of_kind(v, "zone", "strategy"), file_stem="overview-strategies", lines=lambda r: [])


def honours(v: View) -> Things:
    return named.things(v, named.of_kind(v, "zone", "honour"), file_stem="overview-honours", lines=lambda r: [])


TOPIC = Topic(
    key="overview",
    data_topics=("zone",),
    item_kinds=("honour", "strategy"),
    intro="overview.intro",
    page_file="pages/overview.py",
    icon=":material/dashboard:",
    section="overview",
    sections=(
        # Headline figures: what each topic contributes, each linked to its page and its sentence
        Section("headlines", (Part("headlines", headlines, needs=Needs(metrics=tuple(c.metric for c, _ in CARDS))),)),
        # The main chart, straight after the figures (early on a phone): the investment pipeline of its latest period
        Section(
            "pipeline",
            (
                Part("pipeline_period", pipeline_period, brief=False),
                Part(
                    "pipeline",
                    pipeline,
                    needs=Needs(metrics=investment.PIPELINE, groups=(("investment", "pipeline"),)),
                    main=True,
                ),
            ),
            heading="overview.pipeline",
        ),
        # The zone's strategies and honours, for reading up close
        Section(
            "named",
            (
                Part(
                    "strategies",
                    strategies,
                    heading="overview.strategies",
                    needs=Needs(item_kinds=("strategy",)),
                    brief=False,
                    present=False,
                ),
                Part(
                    "honours",
                    honours,
                    heading="overview.honours",
                    needs=Needs(item_kinds=("honour",)),
                    brief=False,
                    present=False,
                ),
            ),
        ),
    ),
)
