"""The loader: each kind of bad input becomes its one typed error; Excel's encodings load the same as UTF-8."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from components.data.errors import DataUnavailable
from components.data.loader import detect_encoding, fingerprint, read_dataset
from support import DATA


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture edit: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def only_problem(folder, file):
    """The single problem of `file`, asserting the other files are fine or merely depend on it."""
    ds = read_dataset(folder)
    own = ds.problems[file]
    assert len(own) == 1, [e.message("en") for e in own]
    others = [e for f, errs in ds.problems.items() if f != file for e in errs]
    assert all(e.code == "depends_on" and e.value == file for e in others), [e.message("en") for e in others]
    return own[0], ds


# (file, old text, new text, expected code, expected spreadsheet row, expected column)
BREAKAGES = [
    ("projects.csv", ",150,", ",-150,", "negative", 2, "amount"),
    ("projects.csv", ",new_start,", ",started,", "not_allowed", 2, "stage"),
    ("facts.csv", ",1034,", ",many,", "wrong_type", 5, "value"),
    ("facts.csv", ",2020-Q1,", ",2020-Q9,", "unknown_reference", 29, "period"),
    ("facts.csv", "组织动员1034名", "组织动员1035名", None, 5, None),  # quote and figure both no longer match
    ("units.csv", "quantity", "qty", None, None, None),  # the column is missing and an unknown one appears
    ("items.csv", "strategy.industry,", "strategy.technology,", "duplicate_key", 3, None),
    ("periods.csv", "2016,2016年,2016,10", "2016,2016年,2016,", "missing_value", 2, "sort_key"),
]


@pytest.mark.parametrize("file,old,new,code,row,column", BREAKAGES)
def test_breakage_is_reported_with_file_row_and_column(folder, file, old, new, code, row, column):
    edit(folder / file, old, new)
    ds = read_dataset(folder)
    problems = ds.problems[file]
    assert problems, f"{file} should have a problem"
    if code:
        assert [(e.code, e.row, e.column) for e in problems] == [(code, row, column)]
    assert file.removesuffix(".csv") not in ds.tables
    for lang in ("zh", "en"):
        assert all(file in e.message(lang) for e in problems)


def test_changed_quote_is_two_problems_of_that_row(folder):
    edit(folder / "facts.csv", "组织动员1034名", "组织动员1035名")
    codes = {(e.code, e.row, e.column) for e in read_dataset(folder).problems["facts.csv"]}
    assert codes == {("quote_not_found", 5, "source_quote"), ("figure_not_in_quote", 5, "as_published")}


def test_renamed_column_is_a_missing_and_an_unknown_column(folder):
    edit(folder / "units.csv", "quantity", "qty")
    codes = {(e.code, e.column) for e in read_dataset(folder).problems["units.csv"]}
    assert codes == {("missing_column", "quantity"), ("unknown_column", "qty")}


def test_missing_file_spoils_only_itself_and_what_refers_to_it(folder):
    (folder / "items.csv").unlink()
    error, ds = only_problem(folder, "items.csv")
    assert error.code == "missing_file"
    assert {"facts", "periods", "units", "sources"} <= set(ds.tables)
    assert "projects" not in ds.tables  # projects refer to items (their industry)
    with pytest.raises(DataUnavailable) as raised:
        ds.table("items")
    assert raised.value.errors == [error]


def test_empty_file(folder):
    (folder / "units.csv").write_bytes(b"")
    error, ds = only_problem(folder, "units.csv")
    assert error.code == "empty_file"


def test_undecodable_file(folder):
    (folder / "periods.csv").write_bytes(b"\xff\xfe\x00\x81" + (folder / "periods.csv").read_bytes())
    error, _ = only_problem(folder, "periods.csv")
    assert error.code == "encoding"


def test_malformed_descriptor_is_one_clear_problem(folder):
    (folder / "datapackage.json").write_text("{ not json", encoding="utf-8")
    ds = read_dataset(folder)
    assert not ds.tables
    assert [e.code for errs in ds.problems.values() for e in errs] == ["bad_descriptor"]


@pytest.mark.parametrize("encoding,bom", [("gb18030", b""), ("gbk", b""), ("utf-8", b"\xef\xbb\xbf")])
def test_excel_encodings_load_identically(folder, encoding, bom):
    original = read_dataset(DATA)
    for csv in folder.glob("*.csv"):
        csv.write_bytes(bom + csv.read_text(encoding="utf-8").encode(encoding))
    converted = read_dataset(folder)
    assert converted.valid, {f: [e.message("en") for e in errs] for f, errs in converted.problems.items() if errs}
    for name, frame in original.tables.items():
        pd.testing.assert_frame_equal(converted.tables[name], frame)


def test_encoding_detection():
    text = "菏泽市开发区"
    assert detect_encoding(text.encode("utf-8")) == "utf-8-sig"
    assert detect_encoding(b"\xef\xbb\xbf" + text.encode("utf-8")) == "utf-8-sig"
    assert detect_encoding(text.encode("gbk")) == "gb18030"


def test_tables_are_typed():
    ds = read_dataset(DATA)
    facts = ds.tables["facts"]
    assert str(facts["value"].dtype) == "Float64" and str(facts["metric"].dtype) == "string"
    assert str(ds.tables["periods"]["sort_key"].dtype) == "Int64"


def test_fingerprint_changes_when_a_file_is_edited(folder):
    before = fingerprint(folder)
    edit(folder / "units.csv", "CNY 100 million", "CNY 100 mn")
    assert fingerprint(folder) != before


def test_a_csv_whose_last_row_has_no_line_end_is_read_once_it_holds_still(folder):
    """Hand-edited files may lack the final line end that every program writes; such a file is read (after a moment's
    wait: a file cut short while it is saved looks the same)."""
    units = folder / "units.csv"
    units.write_bytes(units.read_bytes().rstrip(b"\n"))
    ds = read_dataset(folder)
    assert ds.valid and len(ds.tables["units"]) == len(read_dataset(DATA).tables["units"])


def test_a_file_saved_while_it_is_read_gives_the_old_or_the_new_table_or_a_typed_error(folder):
    """In place, through its half-saved states: every reading is the file before or after a save, whole, or a typed
    error of that file, never an exception; once it is saved, it is read whole again."""
    from collections import Counter

    from support import AT_LEAST_CADRES, EXACT_CADRES, rewriting

    facts = folder / "facts.csv"
    old = facts.read_bytes()
    new = old.replace(EXACT_CADRES, AT_LEAST_CADRES, 1)
    rows = len(read_dataset(folder).tables["facts"])
    seen: Counter = Counter()
    with rewriting(facts, [new, old]):
        for _ in range(40):
            ds = read_dataset(folder)
            table = ds.tables.get("facts")
            if table is None:
                assert ds.problems["facts.csv"], "no table, and no typed error saying why"
                seen["error"] += 1
                continue
            cadres = table.loc[table["metric"] == "epidemic.mobilised.party_cadres", "qualifier"].tolist()
            assert len(table) == rows and cadres in (["exact"], ["at_least"]), (len(table), cadres)
            seen[cadres[0]] += 1
    assert len(seen) >= 2 and seen["exact"] + seen["at_least"], seen  # the file changed under the reader, and was read
    facts.write_bytes(new)
    fixed = read_dataset(folder)
    assert fixed.valid and fixed.tables["facts"]["qualifier"].eq("at_least").any()


@pytest.mark.parametrize(
    "key,value",
    [
        ("schema", {"fields": [1]}),
        ("schema", {"fields": "unit"}),
        ("schema", {"fields": [{"name": "unit", "type": "string"}], "foreignKeys": [{"fields": "unit", "reference": 5}]}),
        ("schema", {"fields": [{"name": "unit", "type": "string", "constraints": {"pattern": "("}}]}),
        ("schema", {"fields": [{"name": "unit", "type": "wat"}]}),
        ("dialect", {"delimiter": ""}),
        ("dialect", {"delimiter": ";;"}),
        ("dialect", {"quoteChar": ""}),
        ("dialect", {"delimiter": 5}),
    ],
)
def test_a_malformed_schema_or_dialect_is_a_bad_descriptor_not_an_exception(folder, key, value):
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    next(r for r in descriptor["resources"] if r["name"] == "units")[key] = value
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    ds = read_dataset(folder)
    assert [e.code for errors in ds.problems.values() for e in errors] == ["bad_descriptor"] and not ds.tables


def test_a_refused_table_with_a_malformed_schema_is_a_bad_descriptor_too(folder):
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    next(r for r in descriptor["resources"] if r["name"] == "units").update(path="/etc/passwd", schema={"fields": [1]})
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert [e.code for errors in read_dataset(folder).problems.values() for e in errors] == ["bad_descriptor"]


@pytest.mark.parametrize("text", ['{"resources": {}}', '{"resources": [5]}', "[]", "null", "[" * 100_000, '{"resources": [{}]}'])
def test_a_descriptor_that_is_no_package_is_one_bad_descriptor(folder, text):
    (folder / "datapackage.json").write_text(text, encoding="utf-8")
    assert [e.code for errors in read_dataset(folder).problems.values() for e in errors] == ["bad_descriptor"]


def test_numbers_frictionless_takes_that_no_table_can_hold_are_the_wrong_type(folder):
    for value in ("NaN", "INF", "１０３４", "1e999"):
        edit(folder / "facts.csv", ",1034,", f",{value},")
        errors = read_dataset(folder).problems["facts.csv"]
        # NaN breaks the column's minimum in frictionless already; the others only pandas' typing refuses
        assert [(e.code, e.row, e.column) for e in errors] == [("negative" if value == "NaN" else "wrong_type", 5, "value")]
        edit(folder / "facts.csv", f",{value},", ",1034,")
