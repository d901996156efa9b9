"""components/investment.py: stage cards, named projects with industry and derived share of their stage, filters,
selection and the tables — expectations computed here from the CSVs, not copied from the code."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from components.figures.derived import STAGE_ORDER
from components.figures.frames import pipeline_frame
from components.topics.investment import build as inv
from support import csv

# What a reader sees, in each language (the stages' and roles' names, the table's headers, the set phrases)
SEEN = {
    "not_published": {"zh": "未公布金额", "en": "amount not published"},
    "share_undefined": {"zh": "无法推算", "en": "cannot be worked out"},
    "other": {"zh": "其他(不属于所列产业)", "en": "Other (not in a named industry)"},
    "selected": {"zh": "已选", "en": "Selected"},
    "amount": {"zh": "投资额(亿元,数值)", "en": "Investment (CNY 100 m, number)"},
    "amount_text": {"zh": "投资额", "en": "Investment"},
}
STAGE_NAMES = {
    "negotiating": {"zh": "在谈", "en": "Under negotiation"},
    "signed": {"zh": "新签约", "en": "Newly signed"},
    "new_start": {"zh": "新开工", "en": "New starts"},
    "continuing": {"zh": "续建", "en": "Continuing"},
    "in_production": {"zh": "达产", "en": "In full production"},
}
ROLES = {
    "leading": {"zh": "主导产业", "en": "Leading industry"},
    "emerging": {"zh": "新兴产业", "en": "Emerging industry"},
}


def stage_facts() -> pd.DataFrame:
    facts = csv("facts")
    return facts[(facts["topic"] == "investment") & (facts["group"] == "pipeline")]


def stage_total(stage: str) -> tuple[Decimal, str]:
    rows = stage_facts()
    row = rows[(rows["stage"] == stage) & (rows["item"] == "investment")].iloc[0]
    return Decimal(row["value"]), row["qualifier"]


@pytest.fixture(scope="module", params=["zh", "en"])
def frame(request, data, view, units):
    return request.param, inv.projects_frame(data.table("projects"), data.table("items"), view, units, request.param)


def test_every_named_project_is_in_the_frame_with_its_stage_and_name(frame):
    lang, projects = frame
    rows = csv("projects")
    assert list(projects["project_id"]) == list(rows["project_id"])
    assert list(projects["stage"]) == list(rows["stage"])
    assert list(projects["label"]) == list(rows[f"name_{lang}"])


def test_unpublished_amounts_are_missing_and_say_so_never_zero(frame):
    lang, projects = frame
    rows = csv("projects").set_index("project_id")
    unpublished = rows.index[rows["amount"] == ""]
    assert len(unpublished), "the shipped data has projects without an amount"
    shown = projects.set_index("project_id").loc[unpublished]
    assert shown["value"].isna().all()
    assert (shown["value_text"] == SEEN["not_published"][lang]).all()
    assert not (projects["value"] == 0).any()


def test_published_amounts_are_the_stored_ones(frame):
    _, projects = frame
    rows = csv("projects")
    rows = rows[rows["amount"] != ""].set_index("project_id")
    shown = projects.set_index("project_id").loc[rows.index]
    assert [Decimal(repr(v)) for v in shown["value"]] == [Decimal(a) for a in rows["amount"]]


def test_share_of_stage_is_amount_over_the_stage_total_and_an_upper_bound_against_a_lower_bound(frame):
    lang, projects = frame
    for row in csv("projects").to_dict("records"):
        shown = projects.set_index("project_id").loc[row["project_id"]]
        if not row["amount"]:
            assert shown["share_qualifier"] == "undefined"
            assert shown["share_text"] == SEEN["share_undefined"][lang]
            continue
        total, qualifier = stage_total(row["stage"])
        expected = Decimal(row["amount"]) / total * 100
        assert shown["share_pct"] == pytest.approx(float(expected))
        percent = f"{round(expected, 1):f}".rstrip("0").rstrip(".") + "%"
        if qualifier == "at_least":
            assert shown["share_qualifier"] == "at_most"
            assert shown["share_text"] == {"zh": f"不超过{percent}", "en": f"≤ {percent}"}[lang]
        else:
            assert shown["share_qualifier"] == "exact"
            assert shown["share_text"] == percent


def test_industry_comes_from_items_and_empty_is_other_translated(frame, data):
    lang, projects = frame
    items = csv("items").set_index("item_id")
    for row in csv("projects").to_dict("records"):
        shown = projects.set_index("project_id").loc[row["project_id"]]
        if row["industry"]:
            assert shown["industry_label"] == items.loc[row["industry"], f"name_{lang}"]
            assert shown["industry"] == row["industry"].removeprefix("industry.")
        else:
            assert shown["industry"] == inv.OTHER_INDUSTRY
            assert shown["industry_label"] == SEEN["other"][lang]


def test_industry_choices_are_the_named_industries_then_other(data):
    items = csv("items")
    named = items.loc[items["kind"] == "industry", "item_id"].str.removeprefix("industry.").tolist()
    assert list(inv.industry_labels(data.table("items"), "zh", short=True)) == [*named, inv.OTHER_INDUSTRY]
    assert inv.industry_labels(data.table("items"), "zh", short=True)[inv.OTHER_INDUSTRY] == "其他"


def test_stage_cards_label_each_stage_with_its_number_of_projects(view, units):
    cards = inv.stage_cards(view, units, "zh")
    facts = stage_facts()
    assert [c.metric for c in cards] == [f"investment.pipeline.{s}.investment" for s in STAGE_ORDER]
    for card, stage in zip(cards, STAGE_ORDER):
        row = facts[(facts["stage"] == stage) & (facts["item"] == "projects")].iloc[0]
        count = f"{row['value']}多个" if row["qualifier"] == "at_least" else f"{row['value']}个"
        assert card.label == f"{STAGE_NAMES[stage]['zh']} · {count}项目"
    compact = inv.stage_cards(view, units, "en", compact=True)
    assert compact[0].label == "Under negotiation" and compact[0].note.endswith("+ projects")


def test_group_cards_follow_the_order_of_facts_csv(view):
    order = csv("facts")["metric"]
    expected = [m for m in order if m.startswith("investment.key_projects.")]
    assert [c.metric for c in inv.group_cards(view, "key_projects", order)] == expected
    assert [c.metric for c in inv.group_cards(view, "output", order)] == [m for m in order if m.startswith("investment.output.")]


def test_a_note_shared_by_cards_is_said_once_and_blanked_on_the_cards(view):
    cards = inv.group_cards(view, "key_projects")
    blanked, note = inv.shared_note(view, cards, "zh")
    facts = csv("facts")
    notes = facts.loc[facts["metric"].isin([c.metric for c in cards]), "note_zh"].unique()
    assert note == " ".join(notes)
    assert blanked.loc[blanked["metric"].isin([c.metric for c in cards]), "note_zh"].isna().all()
    others = ~view["metric"].isin([c.metric for c in cards])
    assert blanked.loc[others, "note_zh"].equals(view.loc[others, "note_zh"])


def test_average_per_project_is_investment_over_projects_and_not_derivable_for_lower_bounds(view, units):
    frame = pipeline_frame(view, units, "investment", "zh")
    summary = inv.average_summary(frame)
    facts = stage_facts()
    for stage in STAGE_ORDER:
        rows = facts[facts["stage"] == stage].set_index("item")
        label = STAGE_NAMES[stage]["zh"]
        if "at_least" in set(rows["qualifier"]):
            assert f"{label} 无法推算(项目数和总投资均为下限)" in summary
        else:
            average = round(Decimal(rows.loc["investment", "value"]) / Decimal(rows.loc["projects", "value"]), 2)
            assert f"{label} {f'{average:f}'.rstrip('0').rstrip('.')}亿元" in summary


def test_filters_by_stage_industry_minimum_and_name_in_either_language(frame):
    lang, projects = frame
    rows = csv("projects")
    assert len(inv.filter_projects(projects)) == len(rows)
    new_bio = inv.filter_projects(projects, ["new_start"], ["biomedicine"])
    assert set(new_bio["project_id"]) == set(
        rows.loc[(rows["stage"] == "new_start") & (rows["industry"] == "industry.biomedicine"), "project_id"]
    )
    other = inv.filter_projects(projects, industries_=["other"])
    assert set(other["project_id"]) == set(rows.loc[rows["industry"] == "", "project_id"])
    amounts = pd.to_numeric(rows["amount"], errors="coerce")
    minimum = float(amounts.dropna().median())
    at_least = inv.filter_projects(projects, min_amount=minimum)
    assert set(at_least["project_id"]) == set(rows.loc[amounts >= minimum, "project_id"]), "unpublished amounts are dropped"
    first = rows.iloc[0]
    for query in (first["name_zh"][:3], first["name_en"].split()[0].upper(), f"  {first['name_en'][:5].lower()} "):
        assert first["project_id"] in set(inv.filter_projects(projects, query=query)["project_id"])
    assert inv.filter_projects(projects, query="no such project at all").empty


def test_hidden_by_minimum_lists_only_the_unpublished_that_the_other_filters_keep(frame):
    _, projects = frame
    rows = csv("projects")
    hidden = inv.hidden_by_min_amount(projects, ["in_production"], [], 1, "")
    assert set(hidden["project_id"]) == set(rows.loc[(rows["stage"] == "in_production") & (rows["amount"] == ""), "project_id"])
    assert inv.hidden_by_min_amount(projects, [], [], 0, "").empty


def test_amount_ceiling_is_the_largest_published_amount(frame):
    _, projects = frame
    assert inv.amount_ceiling(projects) == pd.to_numeric(csv("projects")["amount"], errors="coerce").max()


@pytest.mark.parametrize(
    "state, expected",
    [
        ({"selection": {"project": [{"project_id": "pharma_port"}]}}, "pharma_port"),
        ({"selection": {"project": []}}, None),
        ({"selection": {"project": [{"project_id": "<script>"}]}}, None),
        ({"selection": {}}, None),
        (None, None),
    ],
)
def test_selected_project_reads_the_chart_selection_and_ignores_unknown_ids(state, expected):
    assert inv.selected_project(state, csv("projects")["project_id"]) == expected


def test_the_table_puts_the_selected_project_first_ticked_and_keeps_unpublished_amounts_empty(frame):
    lang, projects = frame
    last = csv("projects")["project_id"].iloc[-1]
    table = inv.projects_table(projects, last, lang)
    tick, amount = SEEN["selected"][lang], SEEN["amount"][lang]
    assert table.iloc[0][tick] == inv.SELECTED_MARK
    assert (table[tick] == inv.SELECTED_MARK).sum() == 1
    assert table[SEEN["amount_text"][lang]].str.contains(SEEN["not_published"][lang]).any()
    assert not (table[amount] == 0).any()
    unselected = inv.projects_table(projects, None, lang)
    assert not (unselected[tick] == inv.SELECTED_MARK).any()
    published = unselected[amount].dropna()
    assert list(published) == sorted(published, reverse=True), "then by amount, largest first"


def test_selection_summary_names_the_project_or_nothing(frame):
    lang, projects = frame
    row = projects.iloc[0]
    summary = inv.selection_summary(projects, row["project_id"])
    assert summary["name"] == row["label"] and summary["share"] == row["share_text"]
    assert inv.selection_summary(projects, None) is None
    assert inv.selection_summary(projects, "unknown") is None


def test_pipeline_table_has_the_numbers_and_translated_headers(view, units):
    frame = pipeline_frame(view, units, "projects", "en")
    table = inv.pipeline_table(frame, "projects", "en")
    assert "Number of projects" in table.columns
    assert list(table["Stage"]) == [STAGE_NAMES[s]["en"] for s in STAGE_ORDER]


def test_industry_and_park_cards_come_from_items(frame, data):
    lang, projects = frame
    items = csv("items")
    industries = items[items["kind"] == "industry"]
    cards = inv.industry_cards(data.table("items"), projects, lang)
    assert list(cards["title"]) == list(industries[f"name_{lang}"])
    for card, row in zip(cards.to_dict("records"), industries.to_dict("records")):
        assert card["lines"][0] == ROLES[row["role"]][lang]
        projects_csv = csv("projects")
        named = projects_csv.loc[projects_csv["industry"] == row["item_id"], f"name_{lang}"]
        assert all(name in card["lines"][-1] for name in named)
        assert card["quotes"] == [row["source_quote"]]
    parks = items[items["kind"] == "park"]
    park_cards = inv.park_cards(data.table("items"), lang)
    assert list(park_cards["title"]) == list(parks[f"name_{lang}"])
    assert [lines[0] for lines in park_cards["lines"]] == list(parks[f"status_{lang}"])
    table = inv.cards_table(park_cards, lang)
    assert list(table.iloc[:, -2]) == list(parks["source_quote"])


def test_name_list_joins_the_way_each_language_lists():
    assert inv.name_list(["甲", "乙"], "zh") == "甲、乙"
    assert inv.name_list(["A", "B"], "en") == "A, B"


def test_headline_units_make_english_counts_say_projects_and_leave_chinese_and_money_alone(units):
    from components.figures.formatting import format_value

    counted = inv.headline_units(units)
    assert format_value(2, counted["个"], "exact", "en") == "2 projects"
    assert format_value(50, counted["个"], "at_least", "en") == "50+ projects"
    assert format_value(2, counted["个"], "exact", "zh") == format_value(2, units["个"], "exact", "zh")
    assert counted["亿元"] == units["亿元"] and units["个"].quantity == "items", "the shared units are not changed"
