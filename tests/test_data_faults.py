"""Faults of the data folder through read_dataset: each is one typed error naming its file (and row and column where it
has them), spoiling only its table and the tables depending on it; and every error code reads in Chinese and English."""

from __future__ import annotations

import ast
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from components.data import errors as error_module
from components.data import folder
from components.data.errors import DataError
from components.data.loader import read_dataset
from components.i18n import t
from support import FIRST_REPORT, ROOT, SECOND_REPORT, add_rows, csv, edit_csv

DESCRIPTOR = "datapackage.json"
TEXT = "source/heze-devzone-2020-report.txt"
PACKAGE = json.loads((FIRST_REPORT / DESCRIPTOR).read_text(encoding="utf-8"))
TABLES = {r["name"]: r for r in PACKAGE["resources"]}
MARKER = "MARKER-outside-the-data-folder"  # in every file outside the folder: no message may show it
LIMIT = 2 * 2**20  # the largest file read while these run (folder.MAX_FILE_BYTES), so that a file too large is quick to make


def dependants(name: str) -> set[str]:
    """The tables referring to `name` by foreign keys, directly or not, read off the descriptor."""
    refers = {n: {k["reference"]["resource"] for k in r["schema"].get("foreignKeys", [])} for n, r in TABLES.items()}
    found = {name}
    while more := {n for n, refs in refers.items() if n not in found and refs & found}:
        found |= more
    return found - {name}


# -- ways to break a copy of the folder: each returns the spreadsheet row it touched, where it touched one -------------


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def write_lines(path: Path, rows: list[str]) -> None:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def set_resource(data: Path, name: str, **changes) -> None:
    descriptor = json.loads((data / DESCRIPTOR).read_text(encoding="utf-8"))
    next(r for r in descriptor["resources"] if r["name"] == name).update(changes)
    (data / DESCRIPTOR).write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def outside(data: Path, name: str) -> Path:
    path = data.parent / name
    path.write_text(f"{MARKER}\n{MARKER},{MARKER}\n", encoding="utf-8")
    return path


def link_out(data: Path, relative: str) -> None:
    (data / relative).unlink()
    (data / relative).symlink_to(outside(data, Path(relative).name))


def extra_cell(data: Path) -> int:
    rows = lines(data / "units.csv")
    rows[3] += ",x"
    write_lines(data / "units.csv", rows)
    return 4


def unknown_column(data: Path) -> None:
    rows = lines(data / "qualifiers.csv")
    write_lines(data / "qualifiers.csv", [rows[0] + ",extra", *(r + "," for r in rows[1:])])


def missing_column(data: Path) -> None:
    frame = csv(data / "units.csv").drop(columns=["label_en"])
    frame.to_csv(data / "units.csv", index=False)


def repeated_row(data: Path) -> int:
    rows = (data / "facts.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (data / "facts.csv").write_text("".join([*rows, rows[1]]), encoding="utf-8")
    return len(rows) + 1


def too_large(data: Path) -> None:
    os.truncate(data / "units.csv", LIMIT + 1)  # sparse: nothing written, and nothing read


def undecodable(data: Path) -> None:
    raw = (data / "units.csv").read_bytes()
    (data / "units.csv").write_bytes(raw[:60] + b"\xff\xfe\xff" + raw[60:])  # 0xFF starts nothing in UTF-8 or GB18030


def period_of_other_report(data: Path) -> int:
    """The second report's year-end income filed under the first report's "cumulative" (its own "累计")."""
    add_rows(data, SECOND_REPORT)
    return edit_csv(data / "facts.csv", "period", "2020-end", column="period", new="cumulative")


def edit(file: str, key: str, value: str, column: str, new: str) -> Callable[[Path], int]:
    return lambda data: edit_csv(data / file, key, value, column=column, new=new)


@dataclass(frozen=True)
class Fault:
    id: str
    make: Callable[[Path], object]  # breaks the data folder; returns the spreadsheet row it touched, if any
    file: str  # the file the error is filed under
    code: str
    at_row: bool = False  # the error is at the row `make` touched
    column: str | None = None
    value: str | None = None
    spoils: str | None = None  # the table that cannot be used (its dependants neither); "*": none can; None: none
    says: str = ""  # what its messages say besides, in both languages


FAULTS = [
    Fault("missing-csv", lambda d: (d / "items.csv").unlink(), "items.csv", "missing_file", spoils="items"),
    Fault(
        "empty-csv",
        lambda d: (d / "non_metric_numbers.csv").write_bytes(b""),
        "non_metric_numbers.csv",
        "empty_file",
        spoils="non_metric_numbers",
    ),
    Fault("row-of-another-shape", extra_cell, "units.csv", "row_shape", at_row=True, spoils="units"),
    Fault("unknown-column", unknown_column, "qualifiers.csv", "unknown_column", column="extra", spoils="qualifiers"),
    Fault("missing-column", missing_column, "units.csv", "missing_column", column="label_en", spoils="units"),
    Fault(
        "wrong-type",
        edit("facts.csv", "metric", "trade.fdi.utilised", "value", "3.06亿"),
        "facts.csv",
        "wrong_type",
        at_row=True,
        column="value",
        value="3.06亿",
        spoils="facts",
    ),
    Fault(
        "negative",
        edit("facts.csv", "metric", "trade.fdi.utilised", "value", "-3.06"),
        "facts.csv",
        "negative",
        at_row=True,
        column="value",
        value="-3.06",
        spoils="facts",
    ),
    Fault(
        "enum",
        edit("facts.csv", "metric", "investment.pipeline.signed.projects", "stage", "started"),
        "facts.csv",
        "not_allowed",
        at_row=True,
        column="stage",
        value="started",
        spoils="facts",
    ),
    Fault("duplicate-key", repeated_row, "facts.csv", "duplicate_key", at_row=True, spoils="facts"),
    Fault(
        "unknown-reference",
        edit("facts.csv", "metric", "trade.fdi.utilised", "unit", "亿美圆"),
        "facts.csv",
        "unknown_reference",
        at_row=True,
        column="unit",
        value="亿美圆",
        spoils="facts",
    ),
    Fault(
        "control-character",
        edit("facts.csv", "metric", "trade.fdi.utilised", "note_en", "a\x0bb"),
        "facts.csv",
        "control_character",
        at_row=True,
        column="note_en",
        value="U+000B",
        spoils="facts",
    ),
    Fault(
        "table-path-dotdot",
        lambda d: set_resource(d, "projects", path="../projects.csv"),
        DESCRIPTOR,
        "unsafe_path",
        value="../projects.csv",
        spoils="projects",
    ),
    Fault(
        "text-path-dotdot",
        edit("sources.csv", "source_id", "heze-devzone-2020", "path", "../../outside.txt"),
        "../../outside.txt",
        "unsafe_path",
        value="../../outside.txt",
    ),
    Fault("csv-symlink-out", lambda d: link_out(d, "facts.csv"), "facts.csv", "outside_folder", spoils="facts"),
    Fault("text-symlink-out", lambda d: link_out(d, TEXT), TEXT, "outside_folder"),
    Fault(
        "folder-for-a-file",
        lambda d: ((d / "items.csv").unlink(), (d / "items.csv").mkdir()),
        "items.csv",
        "not_a_file",
        spoils="items",
    ),
    Fault("too-large", too_large, "units.csv", "too_large", spoils="units", says="2 MB"),
    Fault("not-utf8-nor-gb18030", undecodable, "units.csv", "encoding", spoils="units"),
    Fault(
        "broken-descriptor",
        lambda d: (d / DESCRIPTOR).write_text('{"resources": [', encoding="utf-8"),
        DESCRIPTOR,
        "bad_descriptor",
        spoils="*",
    ),
    Fault(
        "schema-not-inline",
        lambda d: set_resource(d, "projects", schema="projects.schema.json"),
        DESCRIPTOR,
        "not_inline",
        value="projects",
        spoils="projects",
    ),
    Fault(
        "quote-not-verbatim",
        edit("facts.csv", "metric", "trade.fdi.utilised", "source_quote", "累计审批外资项目140多个,实际利用外资共计3.06亿美元。"),
        "facts.csv",
        "quote_not_found",
        at_row=True,
        column="source_quote",
        spoils="facts",
    ),
    Fault(
        "figure-twice-in-quote",
        edit("facts.csv", "metric", "trade.fdi.utilised", "as_published", "0"),
        "facts.csv",
        "figure_not_in_quote",
        at_row=True,
        column="as_published",
        value="0",
        spoils="facts",
    ),
    Fault(
        "period-of-another-report",
        period_of_other_report,
        "facts.csv",
        "period_of_other_report",
        at_row=True,
        column="period",
        value="cumulative",
        spoils="facts",
    ),
    Fault(
        "metric-filed-elsewhere",
        edit("facts.csv", "period", "2019-end", "topic", "talent"),
        "facts.csv",
        "inconsistent_metric",
        at_row=True,
        column="topic",
        value="talent",
        spoils="facts",
    ),
]


def break_copy(fault: Fault, tmp_path: Path, monkeypatch) -> tuple[Path, int | None]:
    monkeypatch.setattr(folder, "MAX_FILE_BYTES", LIMIT)
    data = shutil.copytree(FIRST_REPORT, tmp_path / "data")
    touched = fault.make(data)
    return data, touched if isinstance(touched, int) else None


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.id)
def test_each_fault_is_one_typed_error_spoiling_only_its_table(tmp_path, monkeypatch, fault):
    data_dir, row = break_copy(fault, tmp_path, monkeypatch)
    data = read_dataset(data_dir)
    found = [e for e in data.problems.get(fault.file, ()) if e.code != "depends_on"]
    assert [(e.code, e.row, e.column) for e in found] == [(fault.code, row if fault.at_row else None, fault.column)], found
    (error,) = found
    if fault.value is not None:
        assert error.value == fault.value
    for lang in ("zh", "en"):
        message = error.message(lang)
        assert fault.file in message and fault.says in message and f"error.{fault.code}" not in message, message
        assert str(tmp_path) not in message and MARKER not in message, message
    assert not data.valid

    spoiled = set(TABLES) if fault.spoils == "*" else {fault.spoils, *dependants(fault.spoils)} if fault.spoils else set()
    assert set(data.tables) == set(TABLES) - spoiled
    others = {(e.code, e.file) for errors in data.problems.values() for e in errors if e != error}
    told = set() if fault.spoils == "*" else spoiled - {fault.spoils}  # no table at all: nothing to depend on
    assert others == {("depends_on", TABLES[n]["path"]) for n in told}


# -- every code reads in both languages --------------------------------------------------------------------------------


def produced_codes() -> set[str]:
    """Every error code the app can give: the codes frictionless' errors map to, and each literal code (or each branch of
    a conditional one) given to DataError or FileFault anywhere in components/."""
    codes = {*error_module.FRICTIONLESS_CODES.values(), *error_module.CONSTRAINT_CODES.values(), *error_module.PAGE_CODES}
    for path in (ROOT / "components").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            if node.func.id == "DataError":
                argument = next((k.value for k in node.keywords if k.arg == "code"), node.args[1] if len(node.args) > 1 else None)
            elif node.func.id == "FileFault":
                argument = node.args[0] if node.args else None
            else:
                continue
            codes |= (
                {c.value for c in ast.walk(argument) if isinstance(c, ast.Constant) and isinstance(c.value, str)}
                if argument
                else set()
            )
    return codes


CODES = sorted(produced_codes())
DETAILS = {
    "wrong_type": "number",
    "unknown_reference": "units.csv|亿元, 万元",
    "required_figure": "trade",
    "required_item": "investment",
}


def test_the_scan_finds_the_codes_of_every_layer():
    assert {"missing_file", "too_large", "row_shape", "negative", "unaccounted_number", "label_differs", "required_item"} <= set(
        CODES
    )


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_code_has_its_message_in_both_languages(code, lang):
    error = DataError("units.csv", code, 4, "factor", "1,5", DETAILS.get(code, "7"))
    message = error.message(lang)  # strict texts (conftest): a missing translation raises
    where = t("error.where.cell", lang, file="units.csv", row=4, column="factor")
    assert message.startswith(where + ": ") and len(message) > len(where) + 4, message
    assert "error." not in message and "{" not in message, message
    assert message != DataError("units.csv", code, 4, "factor", "1,5", DETAILS.get(code, "7")).message(
        "zh" if lang == "en" else "en"
    )
