"""Required figures are a validated contract: a topic's declaration names every figure its sections cannot do without;
without one of them the validator names it and the page that needs it, and the page shows the error box in place of
that section only. Every builder is tried without every figure, so a figure a section needs but does not declare fails
here, not in front of a reader."""

from __future__ import annotations

import inspect
from dataclasses import replace

import pytest

from components.data.loader import read_dataset
from components.figures.facts import facts_view
from components.figures.formatting import units_from_table
from components.markdown import plain
from components.topics import contract, registry
from components.topics.sources.build import TABS_KEY
from components.validate import main as validate
from support import DATA, PAGE_FILES, csv, edit_csv, run_page, seen

# What a builder is given when a page first opens (no filter chosen): by parameter name.
FIRST_CHOICES = {
    "lang": "zh",
    "presenting": False,
    "period": None,
    "measure": "investment",
    "chosen": (),
    "prior": True,
    "kind": "people",
    "themes": (),
    "stages": (),
    "industries_": (),
    "min_amount": 0.0,
    "query": "",
    "selected": None,
    "cards": registry.OVERVIEW_CARDS,
}


def builders() -> list:
    """Every builder of every topic that draws on the figures: the public functions of components/topics/*/build.py
    taking (data, view, units)."""
    found = []
    for topic in registry.TOPICS:
        module = inspect.getmodule(next((s.build for s in topic.sections if s.build), None))
        if module is None:
            continue
        for _name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and list(inspect.signature(function).parameters)[:3] == [
                "data",
                "view",
                "units",
            ]:
                found.append(function)
    return found


def first_run(build, data) -> None:
    view = facts_view(data.table("facts"), data.table("periods"), data.table("units"), data.table("sources"))
    parameters = inspect.signature(build).parameters
    build(data, view, units_from_table(data.table("units")), **{k: FIRST_CHOICES[k] for k in parameters if k in FIRST_CHOICES})


@pytest.fixture(scope="module")
def shipped():
    return read_dataset(DATA)


def test_every_builder_is_found_and_runs_on_the_shipped_data(shipped):
    found = builders()
    declared = {s.build for t in registry.TOPICS for s in t.sections if s.build} | {
        h for t in registry.TOPICS for s in t.sections for h in s.helpers
    }
    assert {b for b in declared if "view" in inspect.signature(b).parameters} <= set(found)
    for build in found:
        first_run(build, shipped)


@pytest.mark.parametrize("metric", sorted(set(csv("facts")["metric"])))
def test_without_a_figure_every_builder_runs_or_declares_it_required(shipped, metric):
    facts = shipped.tables["facts"]
    data = replace(shipped, tables={**shipped.tables, "facts": facts[facts["metric"] != metric]}, _derived={})
    for build in builders():
        if metric in registry.requirements(build)[0]:
            assert contract.missing(data, *registry.requirements(build)[:2]), "the store stops this build"
            continue
        first_run(build, data)  # must not raise: the figure is not one this section needs


def test_every_declared_requirement_is_in_the_shipped_data(shipped):
    assert not contract.problems(shipped)
    present = set(shipped.tables["facts"]["metric"])
    for topic in registry.TOPICS:
        assert set(topic.required_metrics) <= present, topic.key


# One figure each section requires, from the declarations: the pages' own runs without it.
SAMPLES = (
    "trade.fdi.utilised",
    "investment.pipeline.signed.investment",
    "trade.quarter.import",
    "talent.people.rd_talent",
    "poverty.income.per_capita",
    "epidemic.mobilised.police",
    "epidemic.measures.checkpoints",
)


def test_the_samples_cover_every_section_with_requirements():
    requiring = {(t.key, s.key) for t in registry.TOPICS for s in t.sections if s.metrics}
    covered = {(t.key, s.key) for t in registry.TOPICS for s in t.sections if set(s.metrics) & set(SAMPLES)}
    assert covered == requiring


@pytest.mark.parametrize("metric", SAMPLES)
def test_a_missing_required_figure_is_named_by_the_validator_and_stops_only_its_sections(data_copy, metric, capsys):
    assert edit_csv(data_copy / "facts.csv", "metric", metric)
    needing = {t.key for t in registry.TOPICS if metric in t.required_metrics}

    assert validate([str(data_copy), "--lang", "en"]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if metric in line]
    assert len(lines) == 1 and "facts.csv" in lines[0]
    assert validate([str(data_copy)]) == 1
    zh = [line for line in capsys.readouterr().out.splitlines() if metric in line]
    assert len(zh) == 1 and "缺少指标" in zh[0]

    for page in PAGE_FILES:
        key = page.removeprefix("pages/").removesuffix(".py")
        at = run_page(page, lang="en")
        assert not at.exception, (metric, page)
        boxes = [e.value for e in at.error]
        if key in needing:
            assert boxes and all(plain(metric) in box for box in boxes), (metric, page, boxes)
            assert at.metric or at.get("vega_lite_chart") or at.markdown, "the rest of the page is still drawn"
        elif key != "sources":
            assert not boxes, (metric, page, boxes)


def test_the_sources_page_lists_a_missing_required_figure_in_its_validation_tab(data_copy):
    edit_csv(data_copy / "facts.csv", "metric", "trade.fdi.utilised")
    at = run_page("pages/sources.py", lang="en")
    assert not at.exception
    assert any("facts.csv" in seen(w.value) for w in at.warning), "the top warning names the file"
    at.session_state[TABS_KEY] = at.tabs[2].label  # only the open tab is built
    at.run()
    assert any(plain("trade.fdi.utilised") in w.value and "Overview" in w.value for w in at.warning)
