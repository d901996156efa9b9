"""The shared cache: pages read the dataset and the blocks built from it as one object per data version, so no page may
change them, and a block is built again for a new choice or a new data version, never served stale."""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Mapping

import pandas as pd
import pytest

from components.data.loader import read_dataset
from components.figures.facts import facts_view
from components.topics.trade import build as trade
from components.ui import store
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
    pd.testing.assert_frame_equal(
        view, facts_view(fresh.table("facts"), fresh.table("periods"), fresh.table("units"), fresh.table("sources"))
    )


def fingerprint(value, seen=None) -> object:
    """Everything a shared result holds, all the way down, as plain comparable data."""
    if isinstance(value, pd.DataFrame):
        return (
            "frame",
            tuple(map(str, value.columns)),
            tuple(map(str, value.dtypes)),
            value.to_json(orient="split", default_handler=str),
        )
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            tuple((f.name, fingerprint(getattr(value, f.name))) for f in dataclasses.fields(value) if not f.name.startswith("_")),
        )
    if isinstance(value, Mapping):
        return ("map", tuple(sorted((str(k), fingerprint(v)) for k, v in value.items())))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(fingerprint(v) for v in value))
    return repr(value)


def test_no_page_run_changes_any_shared_block_all_the_way_down(monkeypatch):
    """Shared blocks are one object for every session: a page that changed one (a column added to a shared table, a
    nested spec edited) would change it for everyone. Every result the pages are given is fingerprinted when first
    given and again after every page has run, in both languages, presenting and not, and with filters chosen."""
    given: dict[int, tuple[object, object]] = {}

    def recording(original):
        def shared(build, **choices):
            result = original(build, **choices)
            given.setdefault(id(result), (result, fingerprint(result)))
            return result

        return shared

    monkeypatch.setattr(store, "shared", recording(store.shared))
    monkeypatch.setattr(store, "shared_from_dataset", recording(store.shared_from_dataset))
    for page in PAGE_FILES:
        for lang in ("zh", "en"):
            for present in ("0", "1"):
                assert not run_page(page, lang=lang, present=present).exception
    for page, params in (
        ("pages/investment.py", {"stage": "new_start", "project": "pharma_port"}),
        ("pages/trade.py", {"flow": "export"}),
        ("pages/poverty.py", {"theme": "health"}),
        ("pages/talent.py", {"kind": "events"}),
        ("pages/epidemic.py", {"group": "police"}),
        ("pages/sources.py", {"fact": "trade.quarter.total"}),
    ):
        at = run_page(page, **params)
        assert not at.exception
        for control in at.segmented_control:  # every chart/table switch to its table
            if "table" in control.options:
                control.set_value("table")
        assert not at.run().exception
    assert len(given) > 30, "the pages were given their blocks through the store"
    changed = [type(result).__name__ for result, before in given.values() if fingerprint(result) != before]
    assert not changed


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
        found = store.shared(
            investment.projects_section, lang="en", stages=stages, industries_=[], min_amount=0.0, query="", selected=None
        )
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


def test_an_edited_builder_is_built_afresh_not_served_from_the_cache(tmp_path, monkeypatch):
    """The cache is keyed on a builder's code as well as its inputs: after an edit (Streamlit reloads the module), the
    same builder name with the same choices gives the new output, never the one built before the edit."""
    module = tmp_path / "edited_builder.py"
    module.write_text("def build(data, *, lang):\n    return f'first {lang}'\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    edited = importlib.import_module("edited_builder")
    assert store.shared_from_dataset(edited.build, lang="en") == "first en"
    module.write_text("def build(data, *, lang):\n    return f'second, edited {lang}'\n", encoding="utf-8")
    importlib.invalidate_caches()
    edited = importlib.reload(edited)
    assert store.shared_from_dataset(edited.build, lang="en") == "second, edited en"


def test_open_sessions_rerun_while_a_file_is_saved_in_place_see_old_new_or_the_error_box(data_copy):
    """Two open sessions rerun the epidemic page while facts.csv is saved in place, again and again, through its
    half-saved states: each run shows the figures before the save, or after it, never a mix of the two (the headline
    and the chart agree), or the error box; never an exception. Once the file is whole, the next run shows it, without
    a restart."""
    from collections import Counter

    from support import AT_LEAST_CADRES, EXACT_CADRES, MOBILISED_TOTAL, charts, rewriting

    facts = data_copy / "facts.csv"
    old = facts.read_bytes()
    new = old.replace(EXACT_CADRES, AT_LEAST_CADRES, 1)

    def shown(at) -> str:
        assert not at.exception, [e.value for e in at.exception]
        if at.error:
            return "error"
        total = next(m.value for m in at.metric if m.label.startswith("动员人员合计"))
        version = next(v for v, text in MOBILISED_TOTAL.items() if total == text)
        _, rows = charts(at)[0]
        cadres = rows.loc[rows["metric"] == "epidemic.mobilised.party_cadres", "value_text"].item()
        assert cadres.endswith("多名") == (version == "new"), (total, cadres)  # headline and chart from one reading
        return version

    sessions = [run_page("pages/epidemic.py") for _ in range(2)]
    assert [shown(at) for at in sessions] == ["old", "old"]
    seen: Counter = Counter()
    with rewriting(facts, [new, old], pause=0.01):
        for _ in range(12):
            for at in sessions:
                seen[shown(at.run())] += 1
    assert len(seen) >= 2 and seen["old"] + seen["new"], seen  # the data changed under the sessions, and was shown
    facts.write_bytes(new)
    assert [shown(at.run()) for at in sessions] == ["new", "new"], "the saved file, at the next run"


def test_every_part_of_a_run_comes_from_the_data_version_it_began_with(data_copy):
    """A file saved half-way through a run changes nothing in that run; the next run is built from the saved file."""
    from streamlit.testing.v1 import AppTest

    def script():
        import os
        from pathlib import Path

        import streamlit as st

        from components.ui import store

        store.begin_run()
        first = store.dataset()
        facts = Path(os.environ["HEZE_DATA_DIR"]) / "facts.csv"
        if "saved" not in st.session_state:  # saved once, between the run's first and second look at the data
            st.session_state["saved"] = True
            facts.write_bytes(facts.read_bytes().replace(",1034,名,exact,".encode(), ",1034,名,at_least,".encode(), 1))
        second = store.dataset()
        cadres = second.tables["facts"].set_index("metric").loc["epidemic.mobilised.party_cadres", "qualifier"]
        st.write(f"{first is second} {cadres}")

    at = AppTest.from_function(script).run()
    assert not at.exception and at.markdown[0].value == "True exact"
    assert at.run().markdown[0].value == "True at_least"


def test_a_dataset_is_never_kept_under_a_version_it_was_not_read_at(data_copy):
    stamp = store.data_version()  # outside a run: the folder's version now
    facts = data_copy / "facts.csv"
    facts.write_bytes(facts.read_bytes().replace(b"\n", b"\r\n", 1))  # saved after the version was taken
    with pytest.raises(store.FolderChanged) as raised:
        store._dataset(*stamp)
    assert [e.code for e in raised.value.errors] == ["being_saved"]
    said = {lang: raised.value.errors[0].message(lang) for lang in ("zh", "en")}  # the folder, never its path
    assert said["zh"].startswith("数据文件夹") and said["en"].startswith("The data folder")
    assert all(str(data_copy) not in message for message in said.values())
    with pytest.raises(store.FolderChanged):  # and not cached: asked again, read again
        store._dataset(*stamp)
    assert store.dataset().valid
