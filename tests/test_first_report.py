"""The first report's figures as pinned: every row of its facts.csv reaches a page, read as its qualifier reads it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from components.topics import needs, registry
from components.topics.blocks import Chart, Headlines, Things
from components.topics.parts import resolved
from support import FIRST_REPORT, csv, view_of

FACTS = csv(FIRST_REPORT / "facts.csv")
QUALIFIERS = csv(FIRST_REPORT / "qualifiers.csv").set_index("qualifier")
PERIODS = csv(FIRST_REPORT / "periods.csv").set_index("period")


def reading(row: dict) -> str:
    """The figure as its qualifier reads it (qualifiers.csv's reads_zh), the number with its thousands separated."""
    whole, _, decimals = row["value"].partition(".")
    number = f"{int(whole):,}" + (f".{decimals}" if decimals else "")
    text = QUALIFIERS.loc[row["qualifier"] or "exact", "reads_zh"].format(number=number, unit=row["unit"])
    return QUALIFIERS.loc[row["status"], "reads_zh"].format(value=text) if row["status"] else text


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "status", "expected"),
    [
        ("50", "个", "at_least", "", "50多个"),
        ("300", "亿元", "at_least", "", "300多亿元"),
        ("5.5", "万人", "or_more", "", "5.5万人以上"),
        ("70", "亿元", "exact", "expected", "预计70亿元"),
        ("1034", "名", "exact", "", "1,034名"),
        ("0.79", "亿元", "exact", "", "0.79亿元"),
    ],
)
def test_the_reading_by_hand(value, unit, qualifier, status, expected):
    assert reading({"value": value, "unit": unit, "qualifier": qualifier, "status": status}) == expected


@pytest.fixture(scope="module")
def shown(first):
    """What each page shows of the figures, with its default choices and with each option of a single choice (a
    measure, a kind, a period): {page: (card values, chart point texts, lines of named-thing cards, cards)}."""
    view = view_of(first)
    out = {}
    for topic in registry.topics(first):
        defaults = resolved(topic, view, {})
        variants = [defaults] + [
            {**defaults, f.key: option}
            for f in topic.all_filters()
            if not f.multi and f.control == "segmented"
            for option in f.options(replace(view, choices=defaults))
        ]
        values, points, lines, cards = set(), set(), [], []
        for choices in variants:
            for part in topic.parts:
                built = part.build(replace(view, choices=choices))
                for block in built if isinstance(built, tuple) else (built,):
                    if isinstance(block, Headlines):
                        values |= {c.value for c in block.cards}
                        cards += block.cards
                    elif isinstance(block, Chart):
                        points |= {p.text for p in block.model.points}
                    elif isinstance(block, Things):
                        lines += [line for thing in block.things for line in (thing.title, *thing.lines)]
        out[topic.key] = (values, points, lines, cards)
    return out


@pytest.mark.parametrize("row", FACTS.to_dict("records"), ids=lambda r: f"{r['metric']}@{r['period']}")
def test_every_figure_reaches_a_page_as_its_qualifier_reads_it(first, shown, row):
    pages = needs.pages_showing(registry.topics(first), "facts", row)
    assert pages, "no page shows it"
    said = reading(row)
    as_figure = [p for p in pages if said in shown[p][0] | shown[p][1]]
    # or in words on a card of named things: 「林果种植面积:3.8万亩」, 「3家企业分别获得…称号」
    in_words = [
        p for p in pages if any(said in line and (row["label_zh"] in line or row["as_published"] in line) for line in shown[p][2])
    ]
    assert as_figure or in_words, (said, pages)


def test_most_figures_are_cards_or_chart_points(first, shown):
    drawn = [r for r in FACTS.to_dict("records") if any(reading(r) in v | p for v, p, _, _ in shown.values())]
    # said in words only: 3 titled enterprises (the titles card) and counts on the poverty programme cards (schools,
    # clinics, orchards…), whose themes have no chart of their unit
    assert len(FACTS) - len(drawn) <= 8, len(drawn)


def test_every_card_of_a_figure_reads_its_row(shown):
    label_of = PERIODS["label_zh"].to_dict()
    by_key = {(r["metric"], label_of[r["period"]]): r for r in FACTS.to_dict("records")}
    checked = 0
    for page, (_, _, _, cards) in shown.items():
        for card in cards:
            if card.metric is None:
                continue
            row = by_key[(card.metric, card.period)]
            assert card.value == reading(row), (page, card.label)
            checked += 1
    assert checked >= 40
