"""Every topic's declaration, in navigation (and rotation) order: the one list of pages. Checked when first imported,
as the app starts, so a declaration that does not hold together fails at once instead of on some page later."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from components.topics import epidemic, investment, overview, poverty, sources, talent, trade
from components.topics.model import Topic

ROOT = Path(__file__).resolve().parents[2]

# Each topic's contribution to the overview, with the page it links to: (metric, note key, topic key).
_CONTRIBUTORS = (investment.TOPIC, trade.TOPIC, talent.TOPIC, poverty.TOPIC, epidemic.TOPIC)
OVERVIEW_CARDS: tuple[tuple[str, str, str], ...] = tuple(
    (card.metric, card.note_key, topic.key) for topic in _CONTRIBUTORS for card in topic.overview
)

TOPICS: tuple[Topic, ...] = (overview.declare(OVERVIEW_CARDS), *_CONTRIBUTORS, sources.TOPIC)
DEFAULT = TOPICS[0].key
BY_KEY: Mapping[str, Topic] = {topic.key: topic for topic in TOPICS}


def get(key: str) -> Topic:
    return BY_KEY[key]


def next_topic(key: str, step: int = 1) -> Topic:
    """The topic `step` places after `key` in navigation order (before it, for a negative step), wrapping round."""
    keys = list(BY_KEY)
    return TOPICS[(keys.index(key) + step) % len(TOPICS) if key in BY_KEY else 0]


def requirements(build: Callable) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(metrics, items, topic keys) that the sections built by `build` require, from every declaration naming it."""
    metrics: dict[str, None] = {}
    items: dict[str, None] = {}
    pages: dict[str, None] = {}
    for topic in TOPICS:
        for section in topic.sections:
            if section.build is build or build in section.helpers:
                metrics.update(dict.fromkeys(section.metrics))
                items.update(dict.fromkeys(section.items))
                if section.metrics or section.items:
                    pages[topic.key] = None
    return tuple(metrics), tuple(items), tuple(pages)


def pages_showing(table: str, row: Mapping) -> tuple[str, ...]:
    """The keys of the pages that show a row of facts, items or projects, in navigation order: the sources page's
    figure -> page links."""
    if table == "facts":
        return tuple(t.key for t in TOPICS if t.shows_fact(row))
    if table == "items":
        return tuple(t.key for t in TOPICS if t.shows_item(row))
    return tuple(t.key for t in TOPICS if any(table in s.tables for s in t.sections))


def _check(topics: tuple[Topic, ...]) -> None:
    keys = [t.key for t in topics]
    if len(set(keys)) != len(keys):
        raise ValueError(f"topic keys repeat: {keys}")
    owners = [d for t in topics for d in t.data_topics]
    if len(set(owners)) != len(owners):
        raise ValueError(f"a data topic is declared by two topics: {owners}")
    for topic in topics:
        if not (ROOT / topic.page_file).is_file():
            raise ValueError(f"topic {topic.key!r}: its page {topic.page_file} does not exist")
        section_keys = [s.key for s in topic.sections]
        if len(set(section_keys)) != len(section_keys):
            raise ValueError(f"topic {topic.key!r}: section keys repeat: {section_keys}")
        for section in topic.sections:
            if section.part and not section.build:
                raise ValueError(f"topic {topic.key!r}, section {section.key!r}: a part needs a builder")


_check(TOPICS)
