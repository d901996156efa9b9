"""The loader (components/data/loader.py, package.py): typed tables from the schema, cells pandas cannot hold, encodings,
broken tables and what depends on them, and the messages of unknown ids, repeated keys, missing texts and warnings."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from components.data.errors import DataUnavailable
from components.data.loader import read_dataset
from support import FIRST_REPORT, csv, edit_csv

DESCRIPTOR = json.loads((FIRST_REPORT / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in DESCRIPTOR["resources"]}
TEXT = "source/heze-devzone-2020-report.txt"
# The schema's types as the frames hold them (pandas' nullable dtypes; a blank cell is <NA>).
DTYPES = {"number": "Float64", "integer": "Int64", "string": "string"}


@pytest.fixture
def copy(tmp_path):
    """A private copy of the first report's data folder, to break."""
    return shutil.copytree(FIRST_REPORT, tmp_path / "data")


def foreign_tables(name: str) -> set[str]:
    keys = RESOURCES[name]["schema"].get("foreignKeys", [])
    return {k["reference"]["resource"] for k in keys} - {"", name}


def dependants(broken: str) -> set[str]:
    """The tables that refer to `broken` through foreign keys, directly or through another table: read off the
    descriptor, independently of the loader."""
    found = {broken}
    while True:
        more = {name for name in RESOURCES if name not in found and foreign_tables(name) & found}
        if not more:
            return found - {broken}
        found |= more


def own(data, file: str) -> list:
    return [e for e in data.problems.get(file, ()) if e.code != "depends_on"]


# -- typed tables ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(RESOURCES))
def test_each_table_is_typed_as_its_schema_says(first, name):
    fields = RESOURCES[name]["schema"]["fields"]
    frame = first.tables[name]
    assert list(frame.columns) == [f["name"] for f in fields]
    assert {c: str(t) for c, t in frame.dtypes.items()} == {f["name"]: DTYPES[f["type"]] for f in fields}
    written = csv(FIRST_REPORT / RESOURCES[name]["path"])
    assert len(frame) == len(written)
    for f in fields:
        column, text = frame[f["name"]], written[f["name"]]
        assert column.isna().tolist() == (text == "").tolist(), f["name"]
        given = text[text != ""]
        if f["type"] == "string":
            assert column.dropna().tolist() == given.tolist(), f["name"]
        else:
            assert column.dropna().astype(float).tolist() == [float(v) for v in given], f["name"]


# -- cells frictionless takes and pandas cannot hold -------------------------------------------------------------------

# (file, key column, key value, column, cell, the column's type): one cell each, all in one copy read once (each in a
# row of its own, so each is its own error).
NOT_PLAIN = [
    ("facts.csv", "metric", "epidemic.mobilised.medical_workers", "value", "NaN", "number"),
    ("facts.csv", "metric", "epidemic.mobilised.police", "value", "INF", "number"),
    ("facts.csv", "metric", "epidemic.mobilised.volunteers", "value", "-Infinity", "number"),
    ("facts.csv", "metric", "epidemic.mobilised.party_cadres", "value", "４３４", "number"),
    ("facts.csv", "metric", "epidemic.command.working_groups", "value", "1e400", "number"),  # past float: inf
    ("facts.csv", "metric", "trade.quarter.total", "yoy_pct", "nan", "number"),
    ("units.csv", "unit", "元", "factor", "inf", "number"),
    ("periods.csv", "period", "2016", "sort_key", "12345678901234567890", "integer"),
    ("topics.csv", "topic", "trade", "order", "３０", "integer"),
    ("sources.csv", "source_id", "heze-devzone-2020", "sort_key", "１", "integer"),
]


@pytest.fixture(scope="module")
def not_plain(tmp_path_factory):
    folder = shutil.copytree(FIRST_REPORT, tmp_path_factory.mktemp("not_plain") / "data")
    rows = [edit_csv(folder / file, key, value, column=column, new=cell) for file, key, value, column, cell, _ in NOT_PLAIN]
    return read_dataset(folder), rows


@pytest.mark.parametrize("case", range(len(NOT_PLAIN)), ids=[case[4] for case in NOT_PLAIN])
def test_a_number_pandas_cannot_hold_is_a_typed_wrong_type_error(not_plain, case):
    data, rows = not_plain
    file, _, _, column, cell, kind = NOT_PLAIN[case]
    found = [(e.code, e.row, e.column, e.value, e.detail) for e in own(data, file)]
    assert ("wrong_type", rows[case], column, cell, kind) in found, found
    assert [f for f in found if f[1:3] == (rows[case], column)] == [("wrong_type", rows[case], column, cell, kind)], (
        "one message a cell: not also 'below the minimum'"
    )
    assert file.removesuffix(".csv") not in data.tables
    message = next(e for e in own(data, file) if e.row == rows[case] and e.code == "wrong_type").message("en")
    assert message == f'File {file}, row {rows[case]}, column "{column}": "{cell}" is not of the column\'s type ' + (
        "(a number)." if kind == "number" else "(a whole number)."
    )


# -- encodings ---------------------------------------------------------------------------------------------------------


# What Excel and WPS write: UTF-8 with a BOM, or GBK / GB18030 on Chinese Windows (lines ending in CRLF); plain UTF-8.
ENCODINGS = ("utf-8-sig", "gbk", "gb18030", "utf-8")


def test_files_saved_from_excel_read_the_same(first, copy):
    """The folder's files each saved in one of the encodings in turn (the report text too): the same tables and text."""
    saved = {}
    for number, path in enumerate(sorted([*copy.glob("*.csv"), copy / TEXT])):
        text = path.read_text(encoding="utf-8")
        saved[path.name] = ENCODINGS[number % len(ENCODINGS)]
        path.write_bytes((text.replace("\n", "\r\n") if path.suffix == ".csv" else text).encode(saved[path.name]))
    assert set(saved.values()) == set(ENCODINGS)
    data = read_dataset(copy)
    assert data.valid and data.problems == first.problems
    assert data.source_texts == first.source_texts
    for name, frame in first.tables.items():
        pd.testing.assert_frame_equal(data.tables[name], frame, obj=f"{name} ({saved[name + '.csv']})")


# -- a broken table spoils only itself and what depends on it -----------------------------------------------------------


def add_unknown_column(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0] + ",extra", *(line + "," for line in lines[1:])]) + "\n", encoding="utf-8")


def test_a_broken_table_spoils_only_itself_and_its_dependants(copy):
    """sources.csv, which most tables refer to (the fault table of test_data_faults.py breaks the others)."""
    broken = "sources"
    add_unknown_column(copy / f"{broken}.csv")
    data = read_dataset(copy)
    spoiled = {broken} | dependants(broken)
    assert set(data.tables) == set(RESOURCES) - spoiled
    assert [(e.code, e.column) for e in data.problems[f"{broken}.csv"]] == [("unknown_column", "extra")]
    for name in spoiled - {broken}:
        errors = data.problems[f"{name}.csv"]
        assert errors and {e.code for e in errors} == {"depends_on"}, errors
        # a page asking for the dependant is told what is wrong in the broken table, too
        with pytest.raises(DataUnavailable) as raised:
            data.table(name)
        assert ("unknown_column", f"{broken}.csv") in {(e.code, e.file) for e in raised.value.errors}
    for name in set(RESOURCES) - spoiled:
        assert not data.problems.get(f"{name}.csv")
        assert data.table(name) is data.tables[name]


def test_the_dependants_follow_the_descriptor():
    """The table above rests on the descriptor's foreign keys: these, read by hand, are what the package declares."""
    assert dependants("units") == {"facts", "projects"}
    assert dependants("topics") == {"facts", "items", "projects"}  # projects refer to items (their industry)
    assert dependants("qualifiers") == {"facts", "projects"}
    assert dependants("sources") == {"periods", "facts", "projects", "items", "non_metric_numbers"}


# -- messages that name what a maintainer needs ------------------------------------------------------------------------

# (file, key value of the row, column, the unknown id, the table it should be in, that table's key): all in one copy.
UNKNOWN_IDS = [
    ("facts.csv", "trade.fdi.utilised", "source_id", "heze-devzone-2002", "sources.csv", "source_id"),
    ("facts.csv", "trade.quarter.import", "unit", "亿美圆", "units.csv", "unit"),
    ("facts.csv", "trade.fdi.approved_projects", "qualifier", "approx", "qualifiers.csv", "qualifier"),
    ("facts.csv", "trade.quarter.export", "period", "2020-Q5", "periods.csv", "period"),
    ("items.csv", "park.equipment", "topic", "parks", "topics.csv", "topic"),
]


@pytest.fixture(scope="module")
def unknown_ids(tmp_path_factory):
    folder = shutil.copytree(FIRST_REPORT, tmp_path_factory.mktemp("unknown_ids") / "data")
    rows = []
    for file, key_value, column, wrong, _, _ in UNKNOWN_IDS:
        key = RESOURCES[file.removesuffix(".csv")]["schema"]["primaryKey"][0]
        rows.append(edit_csv(folder / file, key, key_value, column=column, new=wrong))
    return read_dataset(folder), rows


@pytest.mark.parametrize("case", range(len(UNKNOWN_IDS)), ids=[case[2] for case in UNKNOWN_IDS])
def test_an_unknown_id_names_the_file_and_the_ids_it_holds(unknown_ids, case):
    data, rows = unknown_ids
    file, _, column, wrong, target, target_key = UNKNOWN_IDS[case]
    known = list(dict.fromkeys(csv(FIRST_REPORT / target)[target_key]))[:12]  # the first dozen, in the file's order
    (error,) = [e for e in own(data, file) if e.row == rows[case]]
    assert (error.code, error.column, error.value) == ("unknown_reference", column, wrong)
    assert error.detail == f"{target}|{', '.join(known)}"
    for lang in ("zh", "en"):
        message = error.message(lang)
        assert file in message and wrong in message and target in message and ", ".join(known) in message, message
    assert "which has:" in error.message("en") and "其中有" in error.message("zh")


def test_a_repeated_key_names_the_key_and_the_earlier_row(copy):
    lines = (copy / "facts.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    written = csv(FIRST_REPORT / "facts.csv")
    earlier = written.index[written["metric"] == "trade.quarter.export"][0]
    (copy / "facts.csv").write_text("".join([*lines, lines[earlier + 1]]), encoding="utf-8")
    data = read_dataset(copy)
    (error,) = own(data, "facts.csv")
    assert (error.code, error.row) == ("duplicate_key", len(lines) + 1)
    assert error.value == "metric = trade.quarter.export, period = 2020-Q1"
    assert error.detail == str(earlier + 2)
    assert error.message("en").endswith(f"its key (metric = trade.quarter.export, period = 2020-Q1) repeats row {earlier + 2}.")
    assert "trade.quarter.export" in error.message("zh") and f"第 {earlier + 2} 行" in error.message("zh")


def test_a_missing_report_text_is_one_message_and_spoils_no_table(copy):
    (copy / TEXT).unlink()
    data = read_dataset(copy)
    errors = [e for found in data.problems.values() for e in found]
    assert [(e.file, e.code) for e in errors] == [(TEXT, "missing_file")]
    assert set(data.problems) - {k for k, v in data.problems.items() if not v} == {TEXT}
    assert set(data.tables) == set(RESOURCES)
    assert not data.valid and data.source_texts == {}
    assert TEXT in errors[0].message("zh") and TEXT in errors[0].message("en")


def test_warnings_leave_every_table_usable_and_the_dataset_valid(copy):
    label_row = edit_csv(copy / "facts.csv", "period", "2019-end", column="label_zh", new="贫困户人均纯收入")
    yoy_row = edit_csv(copy / "facts.csv", "metric", "trade.quarter.total", column="yoy_pct", new="")
    data = read_dataset(copy)
    found = [(e.code, e.row, e.severity) for e in data.problems.get("facts.csv", ())]
    assert sorted(found) == [("label_differs", label_row, "warning"), ("yoy_missing", yoy_row, "warning")]
    assert all(e.warning for errors in data.problems.values() for e in errors)
    assert data.valid and set(data.tables) == set(RESOURCES)
    assert data.table("facts") is data.tables["facts"]
