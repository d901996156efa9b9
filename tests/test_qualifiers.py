"""Qualifiers as data (components/figures/qualifiers.py): read from the first report's qualifiers.csv, their kinds, the
kind of a sum, and a new qualifier added as a row that works with no change to the code."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from components.figures.facts import figures_from_tables
from components.figures.formatting import format_value, qualifier_note, units_from_table
from components.figures.qualifiers import BOUND_KINDS, FALLBACK, STATUS_KINDS, combined_kind, kind_of, qualifiers_from_table
from support import FIRST_REPORT, csv

WRITTEN = csv(FIRST_REPORT / "qualifiers.csv")
QUALIFIERS = qualifiers_from_table(WRITTEN)
UNITS = units_from_table(csv(FIRST_REPORT / "units.csv"))
# 逾: a new row, kind lower_bound, with its own readings (no code knows it)
OVER = {
    "qualifier": "over",
    "kind": "lower_bound",
    "markers_zh": "逾",
    "reads_zh": "逾{number}{unit}",
    "reads_en": "over {number} {unit}",
    "label_zh": "下限:实际超过此数",
    "label_en": "lower bound: over this",
}


def test_each_row_is_a_qualifier_with_its_readings_and_label():
    assert list(QUALIFIERS) == list(WRITTEN["qualifier"])
    for row in WRITTEN.to_dict("records"):
        found = QUALIFIERS[row["qualifier"]]
        assert (found.code, found.kind) == (row["qualifier"], row["kind"])
        assert found.markers == tuple(m for m in row["markers_zh"].split("|") if m)
        assert found.reads == {"zh": row["reads_zh"], "en": row["reads_en"]}
        assert found.label == {"zh": row["label_zh"], "en": row["label_en"]}
        assert found.exact is (row["kind"] == "exact")
    assert QUALIFIERS["more_than"].markers == ("逾", "超", "超过", "突破", "过")
    assert QUALIFIERS["exact"].markers == ()


def test_the_kinds_are_the_schemas():
    package = json.loads((FIRST_REPORT / "datapackage.json").read_text(encoding="utf-8"))
    qualifiers = next(r for r in package["resources"] if r["name"] == "qualifiers")
    (kind,) = [f for f in qualifiers["schema"]["fields"] if f["name"] == "kind"]
    assert set(kind["constraints"]["enum"]) == {*BOUND_KINDS, *STATUS_KINDS}


def test_without_a_table_an_exact_figure_still_reads():
    assert qualifiers_from_table(None) == FALLBACK
    assert format_value(5, UNITS["个"], "zh", FALLBACK["exact"]) == "5个"


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("at_least", "lower_bound"),
        ("or_more", "lower_bound"),
        ("nearly", "just_below"),
        ("under", "just_below"),
        ("about", "approximate"),
        ("expected", "expected"),
        ("target", "target"),
        ("exact", "exact"),
        (None, "exact"),
        ("", "exact"),
        (pd.NA, "exact"),
        (float("nan"), "exact"),
        ("no_such_code", "exact"),
    ],
)
def test_kind_of_a_code(code, kind):
    assert kind_of(QUALIFIERS, code) == kind


@pytest.mark.parametrize(
    ("kinds", "kind"),
    [
        ((), "exact"),
        (("exact", "exact"), "exact"),
        (("exact", "lower_bound"), "lower_bound"),  # 30 + 50多 = 80多
        (("lower_bound", "lower_bound"), "lower_bound"),
        (("exact", "approximate"), "approximate"),
        (("exact", "just_below"), "just_below"),  # 30 + 近50 is near 80
        (("just_below", "approximate"), "approximate"),
        (("lower_bound", "just_below"), "approximate"),  # more than one part, less than another: about
        (("lower_bound", "approximate", "exact"), "approximate"),
    ],
)
def test_combined_kind_of_a_sum(kinds, kind):
    assert combined_kind(kinds) == kind
    assert combined_kind(iter(kinds)) == kind


def test_a_new_qualifier_is_a_row():
    added = qualifiers_from_table(pd.concat([WRITTEN, pd.DataFrame([OVER])], ignore_index=True))
    over = added["over"]
    assert (over.kind, over.markers) == ("lower_bound", ("逾",))
    assert format_value(3000, UNITS["万元"], "zh", over) == "逾3,000万元"
    assert format_value(3000, UNITS["万元"], "en", over) == "over CNY 30 m"
    assert format_value(70, UNITS["亿元"], "en", over, added["expected"]) == "expected over CNY 7 bn"
    assert qualifier_note(over, None, "en") == "lower bound: over this"
    assert kind_of(added, "over") == "lower_bound"
    assert combined_kind([kind_of(added, "over"), "exact"]) == "lower_bound"


def test_a_new_qualifier_reaches_the_figures(first):
    """The row added to the first report's qualifiers and used by one figure: the figure is a lower bound, read 逾."""
    tables = first.tables
    facts = tables["facts"].copy()
    facts.loc[facts["metric"] == "trade.fdi.approved_projects", "qualifier"] = "over"
    qualifiers = pd.concat([tables["qualifiers"], pd.DataFrame([OVER]).astype("string")], ignore_index=True)
    figures = figures_from_tables(facts, tables["periods"], tables["units"], tables["sources"], qualifiers)
    fact = figures.latest("trade.fdi.approved_projects")
    assert fact.kind == "lower_bound" and not fact.firm
    value = facts.loc[facts["metric"] == "trade.fdi.approved_projects", "value"].iloc[0]
    assert fact.text("zh") == f"逾{value:g}个" and fact.qualifier_text("en") == "lower bound: over this"
