"""The page of a topic declared in the data alone (topics.csv) that has no page written for it, described from its
rows: a period choice once its figures have two or more periods, its headline figures group by group, a chart for
each group of like units (a series over the periods for a figure with three or more), and the sentences they rest on.
A page written for the topic later takes over (components/topics/registry.py)."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import pandas as pd

from components.charts.theme import PALETTE
from components.figures.citations import gather
from components.figures.facts import Fact
from components.i18n import has, pick
from components.topics.bars import fact_chart, grouped, periods_chart
from components.topics.blocks import Chart, Headlines, Table
from components.topics.headline import fact_card
from components.topics.parts import Filter, Needs, Part, Section, Topic, View

HISTORY_FROM = 3


def _facts(v: View, key: str) -> list[Fact]:
    """The topic's figures of the chosen period, or each metric's latest where none is chosen."""
    return v.figures.where(topic=key, period=v.choice("period"))


def _name(v: View, key: str) -> str:
    rows = v.data.tables.get("topics")
    found = rows[rows["topic"] == key].to_dict("records") if rows is not None else []
    return pick(found[0], "label", v.lang) if found else key


def headlines(key: str, v: View) -> tuple[Headlines, ...]:
    """The topic's figures as headline cards, a row per group, in the order facts.csv gives them."""
    return tuple(
        Headlines(tuple(fact_card(v, f) for f in facts), file_stem=f"{key}-{group}")
        for group, facts in grouped(_facts(v, key), lambda f: f.group).items()
    )


def charts(key: str, v: View) -> tuple[Chart, ...]:
    """A chart for each group of like units with two or more figures, and a series for each figure with a history."""
    found: list[Chart] = []
    name = _name(v, key)
    for group, facts in grouped(_facts(v, key), lambda f: f.group).items():
        for quantity, alike in grouped(facts, lambda f: f.unit.quantity).items():
            if len(alike) < 2:
                continue
            measure = (
                v.t(f"quantity.{quantity}")
                if has(f"quantity.{quantity}")
                else alike[0].unit.label_en
                if v.lang == "en"
                else alike[0].unit.code
            )
            title = v.t("generic.chart.title", topic=name, measure=measure)
            found.append(
                fact_chart(
                    v,
                    alike,
                    title=title,
                    axis="generic.chart.axis",
                    file_stem=f"{key}-{group}-{quantity}",
                    colour=PALETTE[len(found) % 3],
                )
            )
        for fact in facts:
            series = [f for f in v.figures.history(fact.metric, fact) if f.period.sort_key <= fact.period.sort_key]
            if len(series) >= HISTORY_FROM:
                title = v.t("generic.series.title", label=fact.label(v.lang))
                found.append(
                    periods_chart(v, series, title=title, axis="generic.chart.axis", file_stem=f"{key}-{fact.item}-series")
                )
    return tuple(found)


def sentences(key: str, v: View) -> Table:
    """Every sentence the topic's figures rest on, each once, under its report."""
    facts = v.figures.where(topic=key)
    seen = dict.fromkeys((f.report.short(v.lang), f.source_quote) for f in facts)
    frame = pd.DataFrame({v.t("table.source"): [r for r, _ in seen], v.t("table.sentence"): [s for _, s in seen]})
    return Table(frame, gather((f.report, f.source_quote) for f in facts), f"{key}-sentences")


def others(data_topics: tuple[str, ...], metrics: frozenset, groups: frozenset, v: View) -> Headlines | None:
    """A written page's figures that none of its parts shows (a new report's new metric): each still reaches the page,
    as a card with its period and sentence, until a part is written for it."""
    facts = [
        f for f in v.figures.where() if f.topic in data_topics and f.metric not in metrics and (f.topic, f.group) not in groups
    ]
    return Headlines(tuple(fact_card(v, f) for f in facts), file_stem="more-figures") if facts else None


def with_others(topic: Topic) -> Topic:
    """A written topic with, last, the part that shows its figures no other part shows."""
    needs = topic.needs()
    build = partial(others, topic.data_topics, frozenset(needs.metrics), frozenset(needs.groups))
    part = Part("more_figures", build, heading="generic.others")
    return replace(topic, sections=(*topic.sections, Section("more_figures", (part,))))


def period_options(key: str, v: View) -> dict[str, str]:
    return {p.key: p.label(v.lang) for p in v.figures.periods_of(f for f in v.figures.facts if f.topic == key)}


def topic(key: str) -> Topic:
    return Topic(
        key=key,
        data_topics=(key,),
        filters=(Filter("period", "generic.period", partial(period_options, key), control="segmented", multi=False),),
        sections=(
            Section(
                "figures",
                (
                    Part("headlines", partial(headlines, key), needs=Needs(groups=())),
                    Part("charts", partial(charts, key), main=True),
                    Part("sentences", partial(sentences, key), heading="generic.sentences", brief=False, present=False),
                ),
            ),
        ),
        intro="generic.intro",
    )
