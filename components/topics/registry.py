"""Every topic page of a dataset, in navigation order: the pages written for a topic (their descriptions in this
package), and for every other topic declared in topics.csv with figures, a page made from its rows (generic.py).
topics.csv names each page, places it in the navigation and gives its icon; a page written later takes over."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from components.data.errors import DataUnavailable
from components.data.loader import Dataset
from components.figures.facts import Figures, figures_from_tables
from components.i18n import LANGS, pick, t
from components.topics import epidemic, generic, investment, overview, poverty, talent, trade
from components.topics.parts import Topic

# The pages written for a topic, in their default navigation order (topics.csv's order wins where it gives one).
WRITTEN: tuple[Topic, ...] = (overview.TOPIC, investment.TOPIC, trade.TOPIC, talent.TOPIC, poverty.TOPIC, epidemic.TOPIC)
DEFAULT_ICON, DEFAULT_SECTION = ":material/insights:", "economy"
SECTIONS = ("overview", "economy", "society", "data")


def figures_of(data: Dataset) -> Figures:
    """The dataset's figures; DataUnavailable when a table they are made of cannot be used."""
    return figures_from_tables(
        data.table("facts"),
        data.table("periods"),
        data.table("units"),
        data.table("sources"),
        data.tables.get("qualifiers"),
    )


def _declared(data: Dataset) -> list[dict]:
    try:
        rows = data.table("topics")
    except DataUnavailable:  # the navigation never breaks: the written pages stand under their own names
        return []
    return sorted(rows.to_dict("records"), key=lambda r: (pd.isna(r["order"]), 0 if pd.isna(r["order"]) else r["order"]))


def _named(topic: Topic, row: dict | None) -> Topic:
    """A topic with its name, icon and place from its row of topics.csv (or, without one, its written defaults)."""
    if row is None:
        return replace(topic, labels={lang: t(f"nav.{topic.key}", lang) for lang in LANGS})
    section = row.get("section")
    return replace(
        topic,
        labels={lang: pick(row, "label", lang) for lang in LANGS},
        icon=str(row["icon"]) if isinstance(row.get("icon"), str) else topic.icon or DEFAULT_ICON,
        section=section if isinstance(section, str) and section in SECTIONS else topic.section or DEFAULT_SECTION,
        intros={lang: pick(row, "intro", lang) for lang in LANGS} if pick(row, "intro", "zh") else topic.intros,
    )


def topics(data: Dataset) -> tuple[Topic, ...]:
    """The topic pages of this data: each declared topic in topics.csv's order, written or made from its rows, then
    any written page whose topic is not declared (its figures would be refused by the validator, its page stays)."""
    written = {d: topic for topic in WRITTEN for d in topic.data_topics}
    facts = data.tables.get("facts")
    with_figures = set(facts["topic"]) if facts is not None else set()
    found: dict[str, Topic] = {}
    for row in _declared(data):
        key = row["topic"]
        if key in written:
            found.setdefault(written[key].key, _named(generic.with_others(written[key]), row))
        elif key in with_figures and key not in found:
            found[key] = _named(generic.topic(key), row)
    for topic in WRITTEN:
        found.setdefault(topic.key, _named(generic.with_others(topic), None))
    check(tuple(found.values()))
    return tuple(found.values())


def check(all_topics: tuple[Topic, ...]) -> None:
    """A description that does not hold together fails at once, not on some page later: keys repeat nowhere."""
    keys = [t.key for t in all_topics]
    if len(set(keys)) != len(keys):
        raise ValueError(f"topic keys repeat: {keys}")
    for topic in all_topics:
        parts = [p.key for p in topic.parts]
        filters = [f.key for f in topic.all_filters()]
        for kind, found in (("part", parts), ("filter", filters), ("section", [s.key for s in topic.sections])):
            if len(set(found)) != len(found):
                raise ValueError(f"topic {topic.key!r}: {kind} keys repeat: {found}")


def by_key(all_topics: tuple[Topic, ...], key: str) -> Topic:
    return next(topic for topic in all_topics if topic.key == key)
