"""Talent page: head counts and attendances are never on one chart, and the kind of thing shown is a choice."""

from __future__ import annotations

import pytest

from components.i18n import t
from components.topics import registry, talent
from support import FIRST_REPORT, csv, rows, view_of


@pytest.mark.parametrize("name", ["first", "later"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_head_counts_and_attendances_never_share_a_chart(datasets, name, lang):
    charts = talent.people_charts(view_of(datasets[name], lang))
    units = rows(name, "units").set_index("unit")["quantity"]
    facts = rows(name, "facts")
    people = facts[(facts["topic"] == "talent") & (facts["group"] == "people")]
    label = "label_zh" if lang == "zh" else "label_en"
    quantity_of = {r[label]: units[r["unit"]] for r in people.to_dict("records")}
    found = []
    for chart in charts:
        (quantity,) = {quantity_of[p.category] for p in chart.model.points}
        assert chart.model.title == t(f"talent.people.title.{quantity}", lang)
        found.append(quantity)
    assert sorted(found) == ["people", "person_times"]
    # every metric of the group is drawn, each on the chart of its own measure
    assert {p.category for c in charts for p in c.model.points} == set(people.drop_duplicates("metric", keep="last")[label])


def test_the_kind_choice_shows_one_kind(first):
    topic = registry.by_key(registry.topics(first), "talent")
    by_kind = next(s for s in topic.sections if s.key == "by_kind")
    shown = {kind: [p.key for p in by_kind.parts if p.shown({"kind": kind}, False)] for kind in talent.KINDS}
    assert shown == {"people": ["people_charts", "people_note"], "platforms": ["platforms"], "events": ["events"]}
    names = csv(FIRST_REPORT / "items.csv")
    platforms = names[(names["topic"] == "talent") & (names["kind"] == "platform")]["name_zh"]
    assert [thing.title for thing in talent.platforms(view_of(first)).things] == list(platforms)


def test_the_people_cards_are_the_reports_figures(first):
    cards = talent.people_cards(view_of(first)).cards
    facts = csv(FIRST_REPORT / "facts.csv").set_index("metric")
    assert [c.metric for c in cards] == list(talent.PEOPLE)
    assert [c.value for c in cards] == ["100多人", "50多人次", "9人", "2名"]
    assert all(c.period == "报告未注明时段" and not c.derived for c in cards)
    assert [c.label for c in cards] == [t(f"{m}.short", "zh") for m in talent.PEOPLE]
    assert all(facts.loc[c.metric, "source_quote"] in c.evidence[0].sentences for c in cards)
