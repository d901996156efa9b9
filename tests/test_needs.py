"""The validator's contract read from the descriptions: what the pages need, once each, and which pages show a row."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from components.topics import needs, registry
from support import FIRST_REPORT, csv


def without(data, table: str, column: str, value: str):
    """The dataset with one table's rows of `value` left out (in memory: the validator reads the tables it is given)."""
    frame = data.tables[table]
    return replace(data, tables={**data.tables, table: frame[frame[column] != value]}, _derived={})


def test_the_first_report_has_everything_the_pages_need(first, later):
    assert needs.problems(first, registry.topics(first)) == []
    assert needs.problems(later, registry.topics(later)) == []


@pytest.mark.parametrize(
    ("table", "column", "value", "code", "pages"),
    [
        ("facts", "metric", "investment.pipeline.new_start.investment", "required_figure", {"overview", "investment"}),
        ("facts", "metric", "investment.pipeline.signed.projects", "required_figure", {"overview", "investment"}),
        ("facts", "metric", "trade.quarter.import", "required_figure", {"trade"}),
        ("facts", "metric", "poverty.income.per_capita", "required_figure", {"overview", "poverty"}),
        ("facts", "metric", "epidemic.mobilised.volunteers", "required_figure", {"overview", "epidemic"}),
        ("items", "item_id", "command.level1", "required_item", {"epidemic"}),
        ("items", "item_id", "outcome.villages_exited", "required_item", {"poverty"}),
    ],
)
def test_a_missing_requirement_is_one_error_naming_every_page(first, table, column, value, code, pages):
    assert value in set(csv(FIRST_REPORT / f"{table}.csv")[column])
    errors = needs.problems(without(first, table, column, value), registry.topics(first))
    assert len(errors) == 1
    (error,) = errors
    assert (error.file, error.code, error.column, error.value) == (f"{table}.csv", code, column, value)
    assert set(error.detail.split(",")) == pages


def test_a_figure_no_page_needs_is_no_error(first):
    assert needs.problems(without(first, "facts", "metric", "epidemic.command.group_heads"), registry.topics(first)) == []


@pytest.mark.parametrize(("topic", "kind"), [("trade", "award"), ("zone", "park"), ("epidemic", "title")])
def test_an_item_of_a_kind_no_part_shows_is_refused(first, topic, kind):
    items = first.tables["items"]
    added = pd.concat([items, pd.DataFrame([{**items.iloc[0].to_dict(), "item_id": "x", "topic": topic, "kind": kind}])])
    data = replace(first, tables={**first.tables, "items": added.reset_index(drop=True)}, _derived={})
    (error,) = needs.problems(data, registry.topics(first))
    assert (error.file, error.code, error.column, error.value) == ("items.csv", "not_allowed", "kind", kind)
    assert error.row == len(items) + 2  # the spreadsheet's row: the header is row 1
    page = next(t for t in registry.topics(first) if topic in t.data_topics)
    assert error.detail == ", ".join(sorted(page.item_kinds))


def test_an_item_of_a_topic_no_page_is_written_for_is_not_judged(first):
    items = first.tables["items"]
    added = pd.concat([items, pd.DataFrame([{**items.iloc[0].to_dict(), "item_id": "x", "topic": "culture", "kind": "any"}])])
    data = replace(first, tables={**first.tables, "items": added.reset_index(drop=True)}, _derived={})
    assert needs.problems(data, registry.topics(first)) == []


FACTS = csv(FIRST_REPORT / "facts.csv").set_index("metric")
ITEMS = csv(FIRST_REPORT / "items.csv").set_index("item_id")


@pytest.mark.parametrize(
    ("table", "row", "pages"),
    [
        ("facts", FACTS.loc["trade.quarter.total"].to_dict() | {"metric": "trade.quarter.total"}, ("overview", "trade")),
        ("facts", FACTS.loc["trade.quarter.export"].to_dict() | {"metric": "trade.quarter.export"}, ("trade",)),
        (
            "facts",
            FACTS.loc["epidemic.command.group_heads"].to_dict() | {"metric": "epidemic.command.group_heads"},
            ("epidemic",),
        ),
        (
            "facts",
            {"metric": "investment.pipeline.signed.projects", "topic": "investment", "group": "pipeline"},
            ("overview", "investment"),
        ),
        ("facts", {"metric": "x.y", "topic": "culture", "group": "x"}, ()),
        ("items", ITEMS.loc["strategy.industry"].to_dict(), ("overview",)),
        ("items", ITEMS.loc["industry.biomedicine"].to_dict(), ("investment",)),
        ("items", ITEMS.loc["command.level1"].to_dict(), ("epidemic",)),
        ("projects", csv(FIRST_REPORT / "projects.csv").iloc[0].to_dict(), ("investment",)),
    ],
)
def test_pages_showing_a_row(first, table, row, pages):
    assert needs.pages_showing(registry.topics(first), table, row) == pages


def test_pages_showing_a_row_of_a_page_made_from_data(later):
    row = {"metric": "economy.revenue.tax", "topic": "economy", "group": "revenue"}
    assert needs.pages_showing(registry.topics(later), "facts", row) == ("economy",)
