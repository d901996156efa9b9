"""components/epidemic.py: the mobilised groups, their derived total (all groups and a chosen few), the text cards."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from components.blocks import sentences
from components.data.loader import read_dataset
from components.figures.facts import facts_view
from components.figures.formatting import format_value, units_from_table
from components.i18n import table as translations
from components.topics.epidemic import build as epidemic
from components.topics.items import items_of
from support import DATA


@pytest.fixture(scope="module")
def data():
    ds = read_dataset(DATA)
    view = facts_view(ds.table("facts"), ds.table("periods"), ds.table("units"), ds.table("sources"))
    return view, units_from_table(ds.table("units")), items_of(ds)


def mobilised_csv() -> pd.DataFrame:
    facts = pd.read_csv(DATA / "facts.csv", dtype={"value": str})
    return facts[(facts["topic"] == "epidemic") & (facts["group"] == "mobilised")]


def test_groups_are_every_mobilised_group_in_the_report_order(data):
    view, _, _ = data
    assert epidemic.groups(view) == mobilised_csv()["item"].tolist()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_group_has_a_name_in_both_languages(data, lang):
    view, _, _ = data
    for group in epidemic.groups(view):
        assert f"epidemic.group.{group}" in translations()
        assert epidemic.group_name(group, lang).strip()


def test_the_total_adds_up_every_group_from_the_csv(data):
    view, units, _ = data
    rows = mobilised_csv()
    expected = sum(Decimal(v) for v in rows["value"])
    text, quotes = epidemic.mobilised_total(view, units, "zh")
    assert text == format_value(expected, units[rows["unit"].iloc[0]], "exact", "zh")
    assert sentences(quotes) == tuple(rows["source_quote"].unique())
    publisher = pd.read_csv(DATA / "sources.csv").set_index("source_id").loc[rows["source_id"].iloc[0], "publisher_zh"]
    assert all(publisher in e.citation for e in quotes), "each sentence is cited to its own report"


def test_the_frame_has_every_group_largest_first_then_the_derived_total(data):
    view, units, _ = data
    frame = epidemic.mobilised_frame(view, units, "zh")
    rows = mobilised_csv()
    parts, total = frame[~frame["derived"]], frame[frame["derived"]]
    assert len(parts) == len(rows) and len(total) == 1
    assert parts["value"].tolist() == sorted(rows["value"].astype(float), reverse=True)
    assert total["value"].iloc[0] == sum(rows["value"].astype(float))
    assert frame.index[frame["derived"]].tolist() == [len(frame) - 1], "the total comes last"
    assert total["kind"].iloc[0] != parts["kind"].iloc[0], "the total says in words that it is derived"


def test_a_chosen_few_groups_are_totalled_alone_and_one_group_has_no_total(data):
    view, units, _ = data
    rows = mobilised_csv().set_index("item")
    chosen = list(rows.index[:2])
    frame = epidemic.mobilised_frame(view, units, "en", chosen)
    assert sorted(frame.loc[~frame["derived"], "group"]) == sorted(chosen)
    assert frame.loc[frame["derived"], "value"].iloc[0] == rows.loc[chosen, "value"].astype(float).sum()
    single = epidemic.mobilised_frame(view, units, "en", chosen[:1])
    assert len(single) == 1 and not single["derived"].any()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_cards_hold_every_command_measure_and_first_in_city_item(data, lang):
    _, _, items = data
    cards = epidemic.text_cards(items, lang)
    expected = items[(items["topic"] == "epidemic") & items["kind"].isin(epidemic.TEXT_KINDS)]
    assert cards["kind"].tolist() == [k for k in epidemic.TEXT_KINDS if k in set(expected["kind"])]
    lines = " ".join(line for card in cards["lines"] for line in card)
    for name in expected[f"name_{lang}"]:
        assert name in lines
    assert all(cards["quotes"].map(len) > 0)
    table = epidemic.text_table(items, lang)
    assert len(table) == len(expected)


def test_the_response_item_is_the_level_of_response(data):
    _, _, items = data
    item = epidemic.response_item(items)
    assert item["kind"] == "command" and item["name_zh"] in item["source_quote"]


def test_every_headline_metric_has_a_short_label_and_the_response_a_note(data):
    view, _, items = data
    for metric in epidemic.HEADLINE_METRICS:
        assert metric in set(view["metric"])
        assert {"zh", "en"} <= set(translations()[f"{metric}.short"])
    note, source = epidemic.response_note(items, "en")
    item = epidemic.response_item(items)
    assert item["name_en"] in note and item["description_en"] in note and sentences(source) == (item["source_quote"],)


# The words that say a person may be in two groups, as a reader of each language looks for them
COUNTED_TWICE = {"zh": "重复计算", "en": "counted twice"}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("presenting", [False, True])
def test_wherever_the_total_is_a_headline_it_says_people_may_be_counted_twice(lang, presenting):
    from components.briefing import content
    from components.topics.overview import build as overview
    from components.topics.registry import OVERVIEW_CARDS

    ds = read_dataset(DATA)
    view = facts_view(ds.table("facts"), ds.table("periods"), ds.table("units"), ds.table("sources"))
    units = units_from_table(ds.table("units"))
    total = epidemic.mobilised_total(view, units, lang)[0]
    shown = [
        *epidemic.headlines(ds, view, units, lang=lang, presenting=presenting),
        *overview.headlines(ds, view, units, lang=lang, presenting=presenting, cards=OVERVIEW_CARDS),
    ]
    totals = [h for h in shown if h.value == total]
    assert len(totals) == 2, "the epidemic page's card and the overview's"
    assert all(h.derived and COUNTED_TWICE[lang] in h.note for h in totals)
    brief = content.briefing(ds, content.direct(ds), lang, presenting=presenting, shown={})
    briefed = [f for t in brief.topics for f in t.figures if f.headline.value == total]
    assert briefed and all(COUNTED_TWICE[lang] in f.headline.note for f in briefed), "the briefing carries it too"
