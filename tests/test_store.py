"""The shared cache: pages read the dataset and the blocks built from it as one object per data version, so no page may
change them, and a block is built again for a new choice or a new data version, never served stale."""
from __future__ import annotations

import pandas as pd
import pytest

from components.ui import store
from components.topics.trade import build as trade
from components.figures.facts import facts_view
from components.data.loader import read_dataset
from support import DATA, PAGE_FILES, run_page


def test_running_every_page_leaves_the_shared_tables_as_read():
    for page in PAGE_FILES:
        for lang in ("zh", "en"):
            for present in ("0", "1"):
                assert not run_page(page, lang=lang, present=present).exception
    fresh = read_dataset(DATA)
    shared = store.dataset()
    assert set(shared.tables) == set(fresh.tables)
    for name, table in fresh.tables.items():
        pd.testing.assert_frame_equal(shared.tables[name], table, obj=name)
    view, _ = store.facts()
    pd.testing.assert_frame_equal(view, facts_view(fresh.table("facts"), fresh.table("periods"), fresh.table("units"), fresh.table("sources")))


def test_a_block_is_built_once_for_a_choice_and_again_for_another():
    exports = store.shared(trade.flows_section, lang="en", period=None, chosen=["export"], prior=True)
    assert store.shared(trade.flows_section, lang="en", period=None, chosen=["export"], prior=True) is exports
    everything = store.shared(trade.flows_section, lang="en", period=None, chosen=[], prior=True)
    assert set(exports.chart.table.iloc[:, 0]) < set(everything.chart.table.iloc[:, 0])
    in_chinese = store.shared(trade.flows_section, lang="zh", period=None, chosen=["export"], prior=True)
    assert in_chinese.chart.table.columns.tolist() != exports.chart.table.columns.tolist()


@pytest.mark.usefixtures("data_copy")
def test_an_edited_data_file_is_read_again(data_copy):
    before = store.shared(trade.flows_section, lang="en", period=None, chosen=["export"], prior=False)
    facts = data_copy / "facts.csv"
    text = facts.read_text(encoding="utf-8")
    edited = text.replace("4.08,亿元", "4.09,亿元", 1)
    assert edited != text, "the export figure this test edits is no longer in facts.csv"
    facts.write_text(edited, encoding="utf-8")
    after = store.shared(trade.flows_section, lang="en", period=None, chosen=["export"], prior=False)
    assert after is not before
    assert after.chart.table.iloc[0].tolist() != before.chart.table.iloc[0].tolist()


@pytest.mark.usefixtures("data_copy")
def test_a_frame_derived_from_the_data_is_made_once_per_data_version(data_copy):
    from components.topics.investment import build as investment

    def named_projects(stages):
        found = store.shared(investment.projects_section, lang="en", stages=stages, industries_=[], min_amount=0.0,
                             query="", selected=None)
        return found.table.to_csv()

    data = store.dataset()
    assert "Heze Modern Pharmaceutical Port" in named_projects([])
    made = data.derived(("investment.projects", "en", None), lambda: pytest.fail("made again for the same data version"))
    assert made is data.derived(("investment.projects", "en", None), lambda: None)
    projects = data_copy / "projects.csv"
    text = projects.read_text(encoding="utf-8")
    projects.write_text(text.replace("Heze Modern Pharmaceutical Port", "Heze Pharma Harbour", 1), encoding="utf-8")
    assert store.dataset() is not data
    shown = named_projects(["new_start"])  # a new choice on the new data version
    assert "Heze Pharma Harbour" in shown and "Heze Modern Pharmaceutical Port" not in shown
