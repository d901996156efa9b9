"""components/talent.py: people by channel on their base scale, and the platforms and events as cards."""

from __future__ import annotations

import pytest

from components.data.loader import read_dataset
from components.figures.facts import facts_view
from components.figures.formatting import units_from_table
from components.topics.items import items_of
from components.topics.talent import build as talent
from support import DATA
from support import typed_csv as csv


@pytest.fixture(scope="module")
def data():
    ds = read_dataset(DATA)
    view = facts_view(ds.table("facts"), ds.table("periods"), ds.table("units"), ds.table("sources"))
    return view, units_from_table(ds.table("units")), items_of(ds)


def test_headline_metrics_are_every_talent_people_figure():
    facts = csv("facts")
    assert set(talent.PEOPLE_METRICS) == set(facts.loc[(facts["topic"] == "talent") & (facts["group"] == "people"), "metric"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_people_frame_keeps_people_and_person_visits_apart(data, lang):
    view, units, _ = data
    frame = talent.people_frame(view, units, lang)
    facts = csv("facts").set_index("metric").loc[frame["metric"]]
    quantities = csv("units").set_index("unit").loc[facts["unit"], "quantity"].tolist()
    assert frame["quantity"].tolist() == quantities
    assert {"people", "person_times"} <= set(frame["quantity"])
    bounds = frame[frame["qualifier"] == "at_least"]
    assert len(bounds) == (facts["qualifier"] == "at_least").sum() and len(bounds) > 0
    assert (frame["note"] == facts[f"note_{lang}"].fillna("").tolist()).all()


@pytest.mark.parametrize("kind", ["platforms", "events"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_item_cards_are_the_named_platforms_and_events_each_with_its_sentence(data, kind, lang):
    _, _, items = data
    cards = talent.item_cards(items, kind, lang)
    expected = csv("items")
    expected = expected[(expected["topic"] == "talent") & (expected["kind"] == talent.ITEM_KINDS[kind])]
    assert cards["title"].tolist() == expected[f"name_{lang}"].tolist()
    assert [q[0] for q in cards["quotes"]] == expected["source_quote"].tolist()
    table = talent.item_table(cards, kind, lang)
    assert len(table) == len(expected) and table.iloc[:, -2].tolist() == expected["source_quote"].tolist()
    assert table.iloc[:, -1].str.len().gt(0).all(), "each row names the report it is from"


def test_every_headline_has_a_short_label_and_a_note_in_both_languages():
    from components.i18n import table

    for metric in talent.PEOPLE_METRICS:
        for suffix in ("short", "note"):
            entry = table()[f"{metric}.{suffix}"]
            assert entry["zh"] and entry["en"]
