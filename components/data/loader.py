"""Reads the data package: every CSV validated against datapackage.json by frictionless, returned as typed DataFrames."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import attrs
import pandas as pd
from frictionless import Check, Checklist, Detector, Package, errors
from frictionless.resources import TableResource

from components.data.errors import CONSTRAINT_CODES, FRICTIONLESS_CODES, DataError, DataUnavailable

T = TypeVar("T")

DATA_DIR_ENV = "HEZE_DATA_DIR"
DESCRIPTOR = "datapackage.json"
# What Excel and WPS write on Chinese Windows, after UTF-8 (with or without BOM).
ENCODINGS = ("utf-8-sig", "gb18030")
PANDAS_DTYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}


def data_dir() -> Path:
    """The data folder: HEZE_DATA_DIR when set (to preview an edited copy), else the project's data/."""
    return Path(os.environ.get(DATA_DIR_ENV) or Path(__file__).resolve().parents[2] / "data")


@dataclass(frozen=True)
class Dataset:
    """The valid tables by resource name, the problems by file name, and what they were read with."""

    tables: Mapping[str, pd.DataFrame]
    problems: Mapping[str, tuple[DataError, ...]]
    descriptor: Mapping[str, Any] = field(default_factory=dict)
    source_texts: Mapping[str, str] = field(default_factory=dict)
    # Frames computed from these tables, kept with them (see derived): the dataset is read-only and shared, so what is
    # derived from it holds for every session until the data changes and a new Dataset is read.
    _derived: dict = field(default_factory=dict, compare=False, repr=False)

    def table(self, name: str) -> pd.DataFrame:
        """The table, or DataUnavailable carrying why it cannot be used."""
        if name in self.tables:
            return self.tables[name]
        found = [e for errs in self.problems.values() for e in errs if e.file in (f"{name}.csv", DESCRIPTOR)]
        raise DataUnavailable(found or [DataError(file=f"{name}.csv", code="missing_file")])

    def derived(self, key: Hashable, build: Callable[[], T]) -> T:
        """build(), made once per dataset and key, for what several of a page's builders need (never mutate it)."""
        if key not in self._derived:
            self._derived[key] = build()  # two sessions may both build it at first; either result is the same
        return self._derived[key]

    @property
    def valid(self) -> bool:
        return not any(self.problems.values())


def detect_encoding(raw: bytes) -> str | None:
    """The first of ENCODINGS that decodes the bytes, or None."""
    for encoding in ENCODINGS:
        try:
            raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def fingerprint(directory: Path) -> str:
    """A digest of the names, sizes and modification times of every file in the folder: a cache key that changes when
    a file is edited. (A short string: Streamlit hashes the key on every cached call, several times a run.)"""
    files = tuple(
        (str(p.relative_to(directory)), p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    )
    return hashlib.sha256(repr(files).encode()).hexdigest()


class QuoteNotFoundError(errors.CellError):
    type = "quote-not-found"
    title = "Quote Not Found"
    description = "The source quote is not in the source text."
    template = "Quote not found in the source text: {note}"


class FigureNotInQuoteError(errors.CellError):
    type = "figure-not-in-quote"
    title = "Figure Not In Quote"
    description = "The figure as published must occur exactly once in the source quote."
    template = "Figure not found once in its quote: {note}"


@attrs.define(kw_only=True, repr=False)
class source_quote(Check):
    """Each source_quote occurs verbatim in its source's text, and as_published occurs exactly once in that quote."""

    type = "source-quote"
    Errors = [QuoteNotFoundError, FigureNotInQuoteError]
    texts: dict = attrs.field(factory=dict)

    def validate_row(self, row):
        names = row.field_names
        if "source_quote" not in names or "source_id" not in names:
            return
        quote, text = row["source_quote"] or "", self.texts.get(row["source_id"])
        # an unknown source_id is the foreign-key check's to report
        if text is not None and quote not in text:
            yield QuoteNotFoundError.from_row(row, note=str(row["source_id"]), field_name="source_quote")
        if "as_published" in names and row["as_published"] and quote.count(row["as_published"]) != 1:
            yield FigureNotInQuoteError.from_row(row, note=str(row["as_published"]), field_name="as_published")


@attrs.define(kw_only=True, repr=False)
class known_columns(Check):
    """A column the schema does not define is an error (schema_sync alone would drop it silently)."""

    type = "known-columns"
    Errors = [errors.ExtraLabelError]

    def validate_start(self):
        if not isinstance(self.resource, TableResource):  # only a table has a header (every CSV of the package is one)
            return
        known = set(self.resource.schema.field_names)
        for number, label in enumerate(self.resource.labels or [], start=1):
            if label not in known:
                yield errors.ExtraLabelError(
                    note="", labels=self.resource.labels, row_numbers=[1], label=label, field_name=label, field_number=number
                )


def _to_data_error(resource: Any, error: Any) -> DataError:
    """Our typed error from a frictionless one, with the detail a maintainer needs in place of the library's note."""
    code = FRICTIONLESS_CODES.get(error.type, "invalid")
    column = getattr(error, "field_name", None) or getattr(error, "label", None)
    value, detail = getattr(error, "cell", None), error.note
    if error.type == "constraint-error":
        constraint = error.note.split('"')[1] if '"' in error.note else ""
        code = CONSTRAINT_CODES.get(constraint, "invalid")
        constraints = resource.schema.get_field(column).constraints if resource.schema.has_field(column) else {}
        detail = (
            ", ".join(map(str, constraints.get(constraint) or []))
            if constraint == "enum"
            else str(constraints.get(constraint, ""))
        )
    elif error.type == "type-error":
        detail = resource.schema.get_field(column).type if resource.schema.has_field(column) else ""
    elif error.type == "primary-key":
        value = re.search(r"\d+", error.note or "")  # frictionless names the earlier row by its position
        value = value.group() if value else ""
    elif error.type == "foreign-key":
        column = ", ".join(error.field_names)
        value = ", ".join(map(str, error.field_cells))
        detail = f"{error.reference_name}.csv"
    return DataError(
        file=resource.path, code=code, row=getattr(error, "row_number", None), column=column, value=value, detail=detail
    )


def _read_source_texts(
    directory: Path, package: Package, encodings: Mapping[str, str | None], files: Mapping[str, str]
) -> tuple[dict[str, str], list[DataError]]:
    """source_id -> full text, from the sources table; a text file that is missing is a problem of sources.csv."""
    texts: dict[str, str] = {}
    problems: list[DataError] = []
    resource = package.get_resource("sources") if package.has_resource("sources") else None
    # only a table has rows to read (a sources file of another kind is the validation pass's to report)
    if not isinstance(resource, TableResource) or resource.name not in encodings:
        return texts, problems
    try:
        rows = resource.read_rows()
    except Exception:  # the validation pass reports what is wrong with sources.csv itself
        return texts, problems
    for row in rows:
        path = directory / str(row.get("path") or "")
        if path.is_file():
            texts[row["source_id"]] = path.read_text(encoding=detect_encoding(path.read_bytes()) or "utf-8")
        else:
            problems.append(
                DataError(
                    file=files[resource.name], code="missing_file", row=row.row_number, column="path", value=str(row.get("path"))
                )
            )
    return texts, problems


def _typed_frame(path: Path, encoding: str | None, fields: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    fields = list(fields)
    raw = pd.read_csv(path, encoding=encoding, dtype=str, keep_default_na=False)
    frame = raw[[f["name"] for f in fields]].replace("", pd.NA)
    for f in fields:
        if f["type"] in ("integer", "number"):
            frame[f["name"]] = pd.to_numeric(frame[f["name"]])
    return frame.astype({f["name"]: PANDAS_DTYPES.get(f["type"], "string") for f in fields})


def _periods_of_other_reports(tables: Mapping[str, pd.DataFrame]) -> list[tuple[str, DataError]]:
    """(table, error) for each row of facts or projects whose period belongs to a report other than its own source."""
    periods = tables.get("periods")
    if periods is None or "source_id" not in periods:
        return []
    owner = periods.set_index("period")["source_id"].dropna()
    found = []
    for name in ("facts", "projects"):
        frame = tables.get(name)
        if frame is None:
            continue
        for number, row in enumerate(frame[["period", "source_id"]].to_dict("records"), start=2):
            report = owner.get(row["period"])
            if report is not None and report != row["source_id"]:
                found.append(
                    (
                        name,
                        DataError(
                            file=f"{name}.csv",
                            code="period_of_other_report",
                            row=number,
                            column="period",
                            value=str(row["period"]),
                            detail=str(report),
                        ),
                    )
                )
    return found


def _files(package: Package) -> dict[str, str]:
    """Each resource's file (its path) by resource name: every table of the package is a CSV file, not inline data."""
    inline = [r.name for r in package.resources if r.path is None]
    if inline:
        raise ValueError(f"no path (CSV file) for resource {', '.join(inline)}")
    return {r.name: r.path for r in package.resources if r.path is not None}


# What a metric is, which every row of it must repeat (labels, values and sources may differ between periods).
METRIC_IDENTITY = ("topic", "group", "stage", "item")


def _inconsistent_metrics(tables: Mapping[str, pd.DataFrame]) -> list[tuple[str, DataError]]:
    """("facts", error) for each row of a metric that files it differently from the metric's first row."""
    facts = tables.get("facts")
    if facts is None:
        return []
    found = []
    first: dict[str, tuple[int, dict]] = {}
    for number, row in enumerate(facts[["metric", *METRIC_IDENTITY]].to_dict("records"), start=2):
        number_before, before = first.setdefault(row["metric"], (number, row))
        for column in METRIC_IDENTITY:
            now, then = row[column], before[column]
            if number != number_before and not (pd.isna(now) and pd.isna(then)) and now != then:
                found.append(
                    (
                        "facts",
                        DataError(
                            file="facts.csv",
                            code="inconsistent_metric",
                            row=number,
                            column=column,
                            value="" if pd.isna(now) else str(now),
                            detail=str(number_before),
                        ),
                    )
                )
    return found


def read_dataset(directory: Path | None = None) -> Dataset:
    """Validate every table of the package in `directory` and return the valid ones; a broken table spoils only itself
    and the tables that refer to it."""
    directory = Path(directory or data_dir())
    try:
        descriptor = json.loads((directory / DESCRIPTOR).read_text(encoding="utf-8-sig"))
        package = Package(descriptor, basepath=str(directory), detector=Detector(schema_sync=True))
        files = _files(package)
    except Exception as exc:  # no package, no tables: say so once
        return Dataset(tables={}, problems={DESCRIPTOR: (DataError(file=DESCRIPTOR, code="bad_descriptor", detail=str(exc)),)})

    problems: dict[str, list[DataError]] = {file: [] for file in files.values()}
    encodings: dict[str, str | None] = {}  # as detected; a missing file keeps the descriptor's (None if it names none)
    for resource in package.resources:
        file = files[resource.name]
        path = directory / file
        if path.is_file():
            encoding = detect_encoding(path.read_bytes())
            if encoding is None:
                problems[file].append(DataError(file=file, code="encoding"))
                continue
            resource.encoding = encoding
        encodings[resource.name] = resource.encoding

    texts, text_problems = _read_source_texts(directory, package, encodings, files)
    for problem in text_problems:
        problems[problem.file].append(problem)

    checklist = Checklist(checks=[source_quote(texts=texts), known_columns()])
    report = package.validate(checklist=checklist)
    raw_errors = {task.name: task.errors for task in report.tasks}
    for resource in package.resources:
        if resource.name not in encodings:
            continue
        own_file = directory / files[resource.name]
        own_file_read = own_file.is_file() and own_file.stat().st_size > 0
        # a missing or empty *referenced* file surfaces here too; the dependency pass below reports that once
        ignored = {"foreign-key", "scheme-error", "source-error", "encoding-error"} if own_file_read else {"foreign-key"}
        problems[files[resource.name]] += [
            _to_data_error(resource, e) for e in raw_errors.get(resource.name, []) if e.type not in ignored
        ]

    # A table that refers to a broken one is unusable too: one clear line instead of a foreign-key error per row.
    broken = {r.name for r in package.resources if problems[files[r.name]]}
    changed = True
    while changed:  # until no table newly depends on a broken one
        changed = False
        for resource in package.resources:
            refs = {fk["reference"]["resource"] for fk in resource.schema.to_descriptor().get("foreignKeys", [])}
            if resource.name in broken or not refs & broken:
                continue
            problems[files[resource.name]] += [
                DataError(file=files[resource.name], code="depends_on", value=f"{name}.csv") for name in sorted(refs & broken)
            ]
            broken.add(resource.name)
            changed = True
    for resource in package.resources:
        if resource.name not in broken:
            problems[files[resource.name]] += [
                _to_data_error(resource, e) for e in raw_errors.get(resource.name, []) if e.type == "foreign-key"
            ]

    tables = {
        r.name: _typed_frame(directory / files[r.name], encodings[r.name], r.schema.to_descriptor()["fields"])
        for r in package.resources
        if not problems[files[r.name]]
    }
    # A period relative to a report ("目前", "今年以来") is that report's: a row from another source cannot use it; and
    # a metric is one thing in every period: the rows of a later report file it under the same topic, group and item.
    for name, error in [*_periods_of_other_reports(tables), *_inconsistent_metrics(tables)]:
        problems[error.file].append(error)
        tables.pop(name, None)
    return Dataset(tables=tables, problems={k: tuple(v) for k, v in problems.items()}, descriptor=descriptor, source_texts=texts)
