"""components/topics/model.py, registry.py, contract.py: declarations, order, requirements, pages, the data contract."""

from __future__ import annotations

import pytest

from components.data.loader import Dataset, read_dataset
from components.topics import contract, registry
from components.topics.model import ROLES, Section, Topic
from components.topics.poverty import build as poverty_build
from components.topics.registry import BY_KEY, DEFAULT, TOPICS, get, next_topic, pages_showing, requirements
from support import ROOT, csv, edit_csv

# model.py


def test_a_section_of_an_unknown_role_is_refused():
    with pytest.raises(ValueError, match="role"):
        Section("x", "poster")
    assert Section("x", ROLES[0]).role == ROLES[0]


def test_a_topics_keys_name_its_page_file_and_texts():
    topic = Topic(key="harbour", icon="", nav_section="economy", sections=())
    assert (topic.page_file, topic.title_key, topic.heading_key, topic.intro_key) == (
        "pages/harbour.py",
        "nav.harbour",
        "harbour.title",
        "harbour.intro",
    )


def test_required_metrics_and_items_are_those_of_its_sections_each_once_in_order():
    topic = Topic(
        key="x",
        icon="",
        nav_section="n",
        sections=(
            Section("a", "headlines", metrics=("m1", "m2"), items=("i1",)),
            Section("b", "chart", metrics=("m2", "m3"), items=("i1", "i2")),
        ),
    )
    assert topic.required_metrics == ("m1", "m2", "m3")
    assert topic.required_items == ("i1", "i2")
    assert topic.section("b").metrics == ("m2", "m3")
    with pytest.raises(KeyError, match="nope"):
        topic.section("nope")


def test_a_topic_shows_a_fact_of_its_data_topic_a_named_metric_or_a_named_group():
    topic = Topic(
        key="x",
        icon="",
        nav_section="n",
        data_topics=("own",),
        sections=(Section("a", "headlines", metrics=("other.m",), groups=(("other", "g"),), item_kinds=("park",)),),
    )
    assert topic.shows_fact({"topic": "own", "group": "z", "metric": "own.z"})
    assert topic.shows_fact({"topic": "other", "group": "q", "metric": "other.m"})
    assert topic.shows_fact({"topic": "other", "group": "g", "metric": "other.g.n"})
    assert not topic.shows_fact({"topic": "other", "group": "q", "metric": "other.q"})
    assert topic.shows_item({"topic": "other", "kind": "park"}) and topic.shows_item({"topic": "own", "kind": "any"})
    assert not topic.shows_item({"topic": "other", "kind": "lab"})


# registry.py: the declarations


def test_every_topic_has_its_page_file_and_every_page_file_a_topic():
    for topic in TOPICS:
        assert (ROOT / topic.page_file).is_file(), topic.page_file
    assert {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")} == {t.page_file for t in TOPICS}


def test_topic_keys_and_section_keys_are_unique_and_each_data_topic_has_one_owner():
    keys = [t.key for t in TOPICS]
    assert len(keys) == len(set(keys)) and set(BY_KEY) == set(keys)
    owners = [d for t in TOPICS for d in t.data_topics]
    assert len(owners) == len(set(owners))
    for topic in TOPICS:
        sections = [s.key for s in topic.sections]
        assert len(sections) == len(set(sections)), topic.key


def test_every_topic_and_data_topic_of_the_data_is_declared():
    declared = {d for t in TOPICS for d in t.data_topics}
    assert set(csv("facts")["topic"]) <= declared
    assert set(csv("items")["topic"]) <= declared


def test_every_topic_has_a_name_in_both_languages():
    from components.i18n import table

    for topic in TOPICS:
        assert table()[topic.title_key]["zh"] and table()[topic.title_key]["en"], topic.key


def test_the_navigation_keeps_the_topics_order_as_its_sections_are_contiguous():
    # app.py groups pages by nav_section in first-seen order: that is TOPICS order only if no section comes back later
    sections = [t.nav_section for t in TOPICS]
    runs = [s for i, s in enumerate(sections) if i == 0 or s != sections[i - 1]]
    assert len(runs) == len(set(runs)), sections
    grouped = [t.key for section in dict.fromkeys(sections) for t in TOPICS if t.nav_section == section]
    assert grouped == [t.key for t in TOPICS]


def test_the_first_topic_is_the_default_and_get_finds_each():
    assert DEFAULT == TOPICS[0].key == "overview"
    for topic in TOPICS:
        assert get(topic.key) is topic
    with pytest.raises(KeyError):
        get("nowhere")


def test_next_topic_follows_the_order_and_wraps_round():
    for before, after in zip(TOPICS, TOPICS[1:]):
        assert next_topic(before.key) is after
    assert next_topic(TOPICS[-1].key) is TOPICS[0]
    assert next_topic("nowhere") is TOPICS[0]


def test_rotation_visits_every_page_once_before_returning():
    key, seen = DEFAULT, []
    for _ in TOPICS:
        seen.append(key)
        key = next_topic(key).key
    assert key == DEFAULT and sorted(seen) == sorted(t.key for t in TOPICS)


# registry.py: requirements, pages_showing


def test_requirements_are_the_union_of_the_sections_a_builder_makes(monkeypatch):
    def one(): ...
    def two(): ...

    topics = (
        Topic(
            key="a",
            icon="",
            nav_section="n",
            sections=(
                Section("s1", "headlines", one, metrics=("m1", "m2")),
                Section("s2", "chart", one, metrics=("m2", "m3"), items=("i1",)),
                Section("s3", "chart", two, metrics=("m9",)),
            ),
        ),
        Topic(
            key="b",
            icon="",
            nav_section="n",
            sections=(
                Section("s1", "chart", two, metrics=("m4",), helpers=(one,)),  # `one` builds its filters: needs m4 too
                Section("s2", "cards", one),
            ),
        ),
        Topic(key="c", icon="", nav_section="n", sections=(Section("s1", "chart", two, metrics=("m8",)),)),
    )
    monkeypatch.setattr(registry, "TOPICS", topics)
    assert requirements(one) == (("m1", "m2", "m3", "m4"), ("i1",), ("a", "b"))
    assert requirements(two) == (("m9", "m4", "m8"), (), ("a", "b", "c"))
    assert requirements(lambda: None) == ((), (), ())


def test_the_poverty_outcome_builder_requires_the_income_and_relief_figures_and_the_outcome_item():
    metrics, items, pages = requirements(poverty_build.outcome)
    assert set(metrics) == {"poverty.income.per_capita", "poverty.safety_net.relief_funds"}
    assert items == ("outcome.villages_exited",) and pages == ("poverty",)
    assert set(metrics) <= set(csv("facts")["metric"]) and set(items) <= set(csv("items")["item_id"])


def test_every_builders_requirements_are_those_its_declarations_name():
    for build in {s.build for t in TOPICS for s in t.sections if s.build}:
        named = [(t.key, s) for t in TOPICS for s in t.sections if s.build is build or build in s.helpers]
        metrics, items, pages = requirements(build)
        assert set(metrics) == {m for _, s in named for m in s.metrics}
        assert set(items) == {i for _, s in named for i in s.items}
        assert set(pages) == {k for k, s in named if s.metrics or s.items}


@pytest.mark.parametrize(
    "table, row, pages",
    [
        ("facts", {"topic": "epidemic", "group": "mobilised", "metric": "epidemic.mobilised.police"}, ("overview", "epidemic")),
        (
            "facts",
            {"topic": "investment", "group": "pipeline", "metric": "investment.pipeline.signed.projects"},
            ("overview", "investment"),
        ),
        ("facts", {"topic": "trade", "group": "fdi", "metric": "trade.fdi.utilised"}, ("overview", "trade")),
        ("facts", {"topic": "poverty", "group": "education", "metric": "poverty.education.schools"}, ("poverty",)),
        ("facts", {"topic": "weather", "group": "rain", "metric": "weather.rain.mm"}, ()),
        ("items", {"topic": "zone", "kind": "strategy"}, ("overview",)),
        ("items", {"topic": "talent", "kind": "platform"}, ("talent",)),
        ("items", {"topic": "weather", "kind": "cloud"}, ()),
        ("projects", {"project_id": "pharma_port"}, ("investment",)),
    ],
)
def test_pages_showing_a_row_are_named_in_navigation_order(table, row, pages):
    assert pages_showing(table, row) == pages


def test_every_shipped_fact_item_and_project_is_shown_on_some_page():
    order = [t.key for t in TOPICS]
    for table in ("facts", "items", "projects"):
        for row in csv(table).to_dict("records"):
            pages = pages_showing(table, row)
            assert pages, (table, row)
            assert list(pages) == sorted(pages, key=order.index)


# contract.py


def test_the_shipped_data_keeps_the_contract(data):
    assert contract.problems(data) == []


def test_missing_names_what_the_data_lacks_and_the_pages_that_need_it(data):
    assert contract.missing(data, ["trade.fdi.utilised"], ["command.level1"]) == []
    errors = contract.missing(data, ["no.such.metric"], ["no.such.item"], ["trade", "overview"])
    assert [(e.file, e.code, e.column, e.value, e.detail) for e in errors] == [
        ("facts.csv", "required_figure", "metric", "no.such.metric", "trade,overview"),
        ("items.csv", "required_item", "item_id", "no.such.item", "trade,overview"),
    ]


def test_missing_leaves_a_table_the_loader_could_not_read_to_the_loader():
    assert contract.missing(Dataset(tables={}, problems={}), ["no.such.metric"], ["no.such.item"]) == []


@pytest.mark.parametrize("metric", ["trade.fdi.utilised", "investment.pipeline.new_start.investment"])
def test_a_required_figure_deleted_from_facts_is_named_with_the_pages_needing_it(data_copy, metric):
    needing = [t.key for t in TOPICS if metric in t.required_metrics]
    assert "overview" in needing  # both are overview cards
    edit_csv(data_copy / "facts.csv", "metric", metric)
    data = read_dataset(data_copy)
    assert data.valid, data.problems  # the file itself is fine: only the contract is broken
    errors = contract.problems(data)
    assert [(e.file, e.code, e.column, e.value) for e in errors] == [("facts.csv", "required_figure", "metric", metric)]
    assert errors[0].detail.split(",") == needing
    assert "总览" in errors[0].message("zh") and "Overview" in errors[0].message("en")


def test_a_fact_of_an_undeclared_topic_is_not_allowed_at_its_spreadsheet_row(data_copy):
    row = edit_csv(data_copy / "facts.csv", "metric", "poverty.education.schools", column="topic", new="weather")
    assert row == csv("facts")["metric"].tolist().index("poverty.education.schools") + 2
    errors = contract.problems(read_dataset(data_copy))
    assert [(e.file, e.code, e.row, e.column, e.value) for e in errors] == [("facts.csv", "not_allowed", row, "topic", "weather")]
    assert set(errors[0].detail.split(", ")) == {d for t in TOPICS for d in t.data_topics}


def test_an_item_of_a_kind_its_topic_does_not_declare_is_not_allowed(data_copy):
    # "strategy" is a kind the overview declares for "zone", not one of trade's
    row = edit_csv(data_copy / "items.csv", "item_id", "title.cross_border", column="kind", new="strategy")
    assert row == csv("items")["item_id"].tolist().index("title.cross_border") + 2
    errors = contract.problems(read_dataset(data_copy))
    assert [(e.file, e.code, e.row, e.column, e.value) for e in errors] == [("items.csv", "not_allowed", row, "kind", "strategy")]
    assert errors[0].detail.split(", ") == sorted(BY_KEY["trade"].item_kinds)


def test_an_item_of_an_undeclared_topic_is_reported_once_on_its_topic(data_copy):
    row = edit_csv(data_copy / "items.csv", "item_id", "platform.graphene", column="topic", new="weather")
    errors = contract.problems(read_dataset(data_copy))
    assert [(e.file, e.code, e.row, e.column, e.value) for e in errors] == [("items.csv", "not_allowed", row, "topic", "weather")]


def test_a_required_item_deleted_from_items_is_named_with_its_page(data_copy):
    item = "command.level1"
    needing = [t.key for t in TOPICS if item in t.required_items]
    assert needing == ["epidemic"]
    edit_csv(data_copy / "items.csv", "item_id", item)
    errors = contract.problems(read_dataset(data_copy))
    assert [(e.file, e.code, e.value, e.detail) for e in errors] == [("items.csv", "required_item", item, "epidemic")]
