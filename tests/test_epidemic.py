"""Epidemic page: the people mobilised by group, with their total derived from the groups and its caveat beside it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from components.i18n import t
from components.topics import epidemic, registry
from components.topics.parts import resolved
from support import FIRST_REPORT, csv, view_of

FACTS = csv(FIRST_REPORT / "facts.csv")
MOBILISED = FACTS[FACTS["group"] == "mobilised"]
TOTAL = sum(int(v) for v in MOBILISED["value"])  # 1034 + 434 + 667 + 1485 + 6715


def page_view(data, lang="zh", presenting=False, **seen):
    view = view_of(data, lang, presenting)
    return replace(view, choices=resolved(registry.by_key(registry.topics(data), "epidemic"), view, seen))


@pytest.mark.parametrize("presenting", [False, True])
def test_the_total_is_derived_and_carries_its_caveat(first, presenting):
    cards = epidemic.headlines(page_view(first, presenting=presenting)).cards
    (total,) = [c for c in cards if c.derived]
    assert total is cards[-1] and total.label == t("epidemic.headline.total", "zh")
    assert total.value == f"{TOTAL:,}名" == "10,335名"
    assert t("epidemic.total.caveat", "zh") in total.note
    assert total.period == "2020年初疫情防控期间"
    assert total.metric is None  # no stored figure: the report never states it
    sentences = {s for e in total.evidence for s in e.sentences}
    assert sentences == set(MOBILISED["source_quote"])


def test_the_total_is_never_drawn_as_a_group(first):
    chart = epidemic.mobilised_chart(page_view(first))
    assert sorted(p.text for p in chart.model.points) == sorted(f"{int(v):,}名" for v in MOBILISED["value"])
    assert f"{TOTAL:,}名" not in [p.text for p in chart.model.points]
    line = t("epidemic.total.line", "zh", value=f"{TOTAL:,}名", caveat=t("epidemic.total.caveat", "zh"))
    assert line in chart.model.notes
    assert [p.text for p in chart.model.points] == sorted(
        (p.text for p in chart.model.points), key=lambda x: -int(x[:-1].replace(",", ""))
    )


def test_choosing_groups_keeps_the_total_of_all(first):
    chart = epidemic.mobilised_chart(page_view(first, group=["police", "volunteers"]))
    assert [p.category for p in chart.model.points] == [t("epidemic.group.volunteers", "zh"), t("epidemic.group.police", "zh")]
    assert any(f"{TOTAL:,}名" in note for note in chart.model.notes)


def test_the_headlines_lead_with_the_response_then_stored_figures(first):
    response, groups, checkpoints, _ = epidemic.headlines(page_view(first, "en")).cards
    assert (response.label, response.value) == (
        t("epidemic.headline.response", "en"),
        t("epidemic.headline.response.value", "en"),
    )
    rows = FACTS.set_index("metric")
    for card in (groups, checkpoints):
        row = rows.loc[card.metric]
        assert card.value == f"{row['value']} {row['noun_en']}"  # 11 working groups, 4 checkpoints
    period = csv(FIRST_REPORT / "periods.csv").set_index("period").loc["2020-epidemic", "label_en"]
    assert [c.metric for c in (groups, checkpoints)] == ["epidemic.command.working_groups", "epidemic.measures.checkpoints"]
    assert groups.period == checkpoints.period == period
