"""总览 · Overview: the zone's 2020 at a glance — the figures each topic contributes, strategies, honours, pipeline.
Declared from the other topics' contributions (registry.OVERVIEW_CARDS); built in build.py, drawn by pages/overview.py."""

from components.topics import epidemic, investment
from components.topics.model import Section, Topic
from components.topics.overview import build


def declare(cards: tuple[tuple[str, str, str], ...]) -> Topic:
    """The overview, given the (metric, note key, topic key) cards the other topics contribute."""
    return Topic(
        key="overview",
        icon=":material/dashboard:",
        nav_section="overview",
        data_topics=("zone",),
        item_kinds=("honour", "strategy"),
        sections=(
            Section(
                "headlines",
                "headlines",
                build.headlines,
                metrics=(*(m for m, _, _ in cards), *epidemic.MOBILISED),
                groups=(("epidemic", "mobilised"),),
                choices=(("cards", cards),),
            ),
            Section("strategies", "cards", build.lists, part="strategies", item_kinds=("strategy",)),
            Section("honours", "cards", build.lists, part="honours", item_kinds=("honour",)),
            Section(
                "pipeline",
                "main_chart",
                build.pipeline,
                part="chart",
                metrics=investment.PIPELINE,
                groups=(("investment", "pipeline"),),
            ),
        ),
    )
