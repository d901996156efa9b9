"""Reads the data package: the files it names read once from the data folder (package.snapshot), then each CSV
validated against datapackage.json by frictionless from those bytes, and returned as typed DataFrames.

Nothing but the data folder is read, and never the network: frictionless is handed bytes and inline schemas, never a
path or a URL to resolve itself."""

from __future__ import annotations

import errno
import io
import math
import os
import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import attrs
import pandas as pd
from frictionless import Check, Checklist, Detector, Package, Resource, Schema, errors
from frictionless.resources import TableResource

from components.data import checks, folder
from components.data.errors import CONSTRAINT_CODES, FRICTIONLESS_CODES, DataError, DataUnavailable
from components.data.folder import FileFault
from components.data.package import (
    DESCRIPTOR,
    SOURCES,
    Files,
    Table,
    csv_options,
    decode,
    dialect_of,
    limits,
    parse_descriptor,
    snapshot,
    tables,
    text_of,
    text_rows,
    without_profiles,
)

T = TypeVar("T")

DATA_DIR_ENV = "HEZE_DATA_DIR"
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
    # The version of the folder these were read from (fingerprint); None when it changed during every reading.
    version: str | None = None
    # Every file read, by its path in the folder, byte for byte (the sources page's zip of all data).
    files: Mapping[str, bytes] = field(default_factory=dict, compare=False, repr=False)
    # Frames computed from these tables, kept with them (see derived): the dataset is read-only and shared, so what is
    # derived from it holds for every session until the data changes and a new Dataset is read.
    _derived: dict = field(default_factory=dict, compare=False, repr=False)

    def table(self, name: str) -> pd.DataFrame:
        """The table, or DataUnavailable carrying why it cannot be used: its own problems, the descriptor's, and those
        of the tables it depends on (a maintainer reading "depends on units.csv" is also told what is wrong there)."""
        if name in self.tables:
            return self.tables[name]
        found: list[DataError] = []
        files = [f"{name}.csv", DESCRIPTOR]
        for file in files:  # grows as dependencies are met
            own = [e for errs in self.problems.values() for e in errs if e.file == file and e not in found]
            found += own
            files += [e.value for e in own if e.code == "depends_on" and e.value and e.value not in files]
        raise DataUnavailable(found or [DataError(file=f"{name}.csv", code="missing_file")])

    def derived(self, key: Hashable, build: Callable[[], T]) -> T:
        """build(), made once per dataset and key, for what several of a page's builders need (never mutate it)."""
        if key not in self._derived:
            self._derived[key] = build()  # two sessions may both build it at first; either result is the same
        return self._derived[key]

    @property
    def valid(self) -> bool:
        """No problem but warnings."""
        return not any(not e.warning for errors in self.problems.values() for e in errors)


def detect_encoding(raw: bytes) -> str | None:
    """The first of the encodings Excel and WPS write (UTF-8, GB18030) that decodes the bytes, or None."""
    found = decode(raw)
    return found[1] if found else None


def fingerprint(directory: Path) -> str:
    """The version of the data folder: a digest of every entry's type, size and times (folder.state), which changes when
    a file is written, replaced, added or removed. Opens no file and never raises: the store takes it on every run."""
    return folder.digest(folder.state(Path(directory)))


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
        # as text whatever the schema types them (a schema edited to make a quote a number must not crash the check)
        quote, text = str(row["source_quote"] or ""), self.texts.get(str(row["source_id"]))
        # an unknown source_id is the foreign-key check's to report
        if text is not None and quote not in text:
            yield QuoteNotFoundError.from_row(row, note=str(row["source_id"]), field_name="source_quote")
        if "as_published" in names and row["as_published"] and quote.count(str(row["as_published"])) != 1:
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


def _to_data_error(file: str, resource: Any, error: Any, known: Mapping[str, list[str]] | None = None) -> DataError:
    """Our typed error from a frictionless one, with the detail a maintainer needs in place of the library's note."""
    known = known or {}
    code = FRICTIONLESS_CODES.get(error.type, "invalid")
    column = getattr(error, "field_name", None) or getattr(error, "label", None)
    value, detail = getattr(error, "cell", None), error.note or getattr(error, "description", "")
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
    elif error.type == "primary-key":  # the key's values, and the earlier row frictionless names by its position
        earlier = re.search(r"\d+", error.note or "")
        keys = resource.schema.primary_key
        cells = dict(zip(resource.schema.field_names, getattr(error, "cells", [])))
        value = ", ".join(f"{k} = {cells.get(k, '')}" for k in keys)
        detail = earlier.group() if earlier else ""
    elif error.type == "foreign-key":  # and the values it could be, so that a mistyped id is seen at once
        column = ", ".join(error.field_names)
        value = ", ".join(map(str, error.field_cells))
        detail = f"{error.reference_name}.csv|{', '.join(known.get(error.reference_name, [])[:12])}"
    return DataError(file=file, code=code, row=getattr(error, "row_number", None), column=column, value=value, detail=detail)


# A number as pandas reads one into a column of the schema's type: frictionless also takes NaN, INF, full-width digits
# and integers past 64 bits, which no column of the report's figures can hold.
PLAIN_NUMBER = {
    "number": re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?"),
    "integer": re.compile(r"[+-]?[0-9]{1,18}"),
}


class NotPlainNumberError(errors.CellError):
    type = "type-error"
    title = "Type Error"
    description = "The value is not a plain number."
    template = "Not a plain number: {note}"


@attrs.define(kw_only=True, repr=False)
class plain_numbers(Check):
    """A number or integer cell is written in ASCII digits, so the typed frame holds exactly what was validated."""

    type = "plain-numbers"
    Errors = [NotPlainNumberError]

    def validate_row(self, row):
        for schema_field, cell in zip(row.fields, row.cells):  # the cells as written, not as frictionless parsed them
            pattern = PLAIN_NUMBER.get(schema_field.type)
            text = "" if cell is None else str(cell).strip()
            if schema_field.name in row.error_cells:  # frictionless' own type error says it already (once is enough)
                continue
            # a number past float's range (1e400) reads as inf in the frame: not plain either
            if pattern and text and not (pattern.fullmatch(text) and math.isfinite(float(text))):
                yield NotPlainNumberError(
                    note=schema_field.type,
                    cells=list(map(str, row.cells)),
                    row_number=row.row_number,
                    cell=text,
                    field_name=schema_field.name,
                    field_number=row.field_names.index(schema_field.name) + 1,
                )


def _typed_frame(
    file: str, content: bytes, fields: Iterable[Mapping[str, Any]], options: Mapping[str, Any]
) -> pd.DataFrame | DataError:
    """The table, typed as its schema says in one reading (the cells are those frictionless validated)."""
    fields = list(fields)
    try:
        return pd.read_csv(
            io.BytesIO(content),
            encoding="utf-8",
            usecols=[f["name"] for f in fields],
            dtype={f["name"]: PANDAS_DTYPES.get(f["type"], "string") for f in fields},
            keep_default_na=False,
            na_values=[""],
            sep=options["delimiter"],
            quotechar=options["quotechar"],
            doublequote=options["doublequote"],
            escapechar=options["escapechar"],
            skipinitialspace=options["skipinitialspace"],
        )[[f["name"] for f in fields]]
    except (KeyError, ValueError, TypeError, OverflowError, pd.errors.ParserError) as exc:  # pandas read it otherwise
        return DataError(file=file, code="invalid", detail=str(exc))


def _source_texts(files: Files, sources: Table, options: Mapping[str, Any]) -> tuple[dict[str, str], list[DataError]]:
    """source_id -> full text; a text that cannot be used is one problem of its own file (or, with no path given, of
    its row of sources.csv)."""
    texts: dict[str, str] = {}
    problems: list[DataError] = []
    for number, source_id, path in text_rows(files.get(sources.path), options):
        if not path:
            problems.append(DataError(sources.path, "missing_value", number, "path"))
            continue
        found = text_of(path, files.get(path), value=path)  # the path as written: what unsafe_path's message names
        if isinstance(found, DataError):
            problems.append(found)
        else:
            texts[source_id] = found[0]
    return texts, problems


def _readable(table: Table, files: Files, options: Mapping[str, Any]) -> bytes | DataError:
    """A table as frictionless and pandas are given it (its text, in UTF-8), else why not: not read, undecodable,
    empty, or beyond the limits."""
    found = text_of(table.path, files.get(table.path))
    if isinstance(found, DataError):
        return found
    text = found[0]
    problem = DataError(file=table.path, code="empty_file") if not text.strip() else limits(table.path, text, options)
    return problem or text.encode("utf-8")


def read_dataset(directory: Path | None = None) -> Dataset:
    """Validate every table of the package in `directory` and return the valid ones; a broken table spoils only itself
    and the tables that refer to it. The files are read once, while the folder is not changing; all else works on
    those bytes."""
    files, version = snapshot(Path(directory or data_dir()))
    return _dataset(files, version)


def _dataset(files: Files, version: str | None) -> Dataset:
    """The dataset from the files as read (path -> bytes, or why they could not be read)."""
    read = {path: raw for path, raw in files.items() if isinstance(raw, bytes)}  # kept even when nothing else is
    raw = files.get(DESCRIPTOR)
    if not isinstance(raw, bytes):  # no package, no tables: say so once
        fault = raw or FileFault("missing_file")
        error = (
            DataError(file=DESCRIPTOR, code="bad_descriptor", detail=os.strerror(errno.ENOENT))
            if fault.code == "missing_file"
            else DataError(file=DESCRIPTOR, code=fault.code, detail=fault.detail)
        )
        return Dataset(tables={}, problems={DESCRIPTOR: (error,)}, version=version, files=read)
    try:
        descriptor = parse_descriptor(raw)
        declared = tables(descriptor)
        # every table's written out, refused or not: the sources page's data dictionary reads them all
        schemas = {t.name: _schema(t.name, t.schema) for t in declared if t.schema is not None}
        options = {t.name: csv_options(dialect_of(t)) for t in declared}
    except Exception as exc:  # frictionless raises what it meets (TypeError, AttributeError…) on a malformed schema
        error = DataError(file=DESCRIPTOR, code="bad_descriptor", detail=str(exc))
        return Dataset(tables={}, problems={DESCRIPTOR: (error,)}, version=version, files=read)

    own: dict[str, list[DataError]] = {t.name: list(t.refused) for t in declared}
    readable: dict[str, bytes] = {}  # the tables frictionless is given
    for table in declared:
        if not own[table.name]:
            found = _readable(table, files, options[table.name])
            if isinstance(found, DataError):
                own[table.name].append(found)
            else:
                readable[table.name] = found
    texts: dict[str, str] = {}
    text_problems: list[DataError] = []
    sources = next((t for t in declared if t.name == SOURCES and not t.refused), None)
    if sources is not None:
        # a text that cannot be read is one problem of its own file: sources.csv and the tables using it stand
        texts, text_problems = _source_texts(files, sources, options[SOURCES])

    by_name = {t.name: t for t in declared}
    resources: list[Resource] = [_resource(by_name[n], schemas[n], content, set(readable)) for n, content in readable.items()]
    try:
        report = Package(resources=resources).validate(
            checklist=Checklist(checks=[source_quote(texts=texts), known_columns(), plain_numbers()])
        )
    except Exception as exc:  # frictionless failing on what it was given: a typed error all the same, never a traceback
        error = DataError(file=DESCRIPTOR, code="invalid", detail=f"{type(exc).__name__}: {exc}")
        return Dataset(
            tables={},
            problems={DESCRIPTOR: (error,)},
            descriptor=_shown_descriptor(descriptor, declared),
            version=version,
            files=read,
        )
    raw_errors = {task.name: task.errors for task in report.tasks}
    for resource in resources:
        errors = [e for e in raw_errors.get(resource.name, []) if e.type != "foreign-key"]
        # A cell that is no plain number ("NaN", which frictionless reads as a float) says so once: not also that it is
        # below the minimum or out of range, which the maintainer would then look for in vain.
        not_numbers = {(e.row_number, e.field_name) for e in errors if isinstance(e, NotPlainNumberError)}
        own[resource.name] += [
            _to_data_error(by_name[resource.name].path, resource, e)
            for e in errors
            if not (
                e.type == "constraint-error" and (getattr(e, "row_number", None), getattr(e, "field_name", None)) in not_numbers
            )
        ]
    frames: dict[str, pd.DataFrame] = {}
    for resource in resources:
        if not own[resource.name]:
            fields = resource.schema.to_descriptor()["fields"]
            found = _typed_frame(by_name[resource.name].path, readable[resource.name], fields, options[resource.name])
            if isinstance(found, DataError):
                own[resource.name].append(found)
            else:
                frames[resource.name] = found

    broken = _spread_to_dependants(declared, own)
    # the ids each table holds (its primary key's first field), for a message naming what an unknown id could be
    keys = {r.name: r.schema.primary_key[:1] for r in resources}
    known = {name: list(map(str, frame[keys[name][0]].dropna().unique())) for name, frame in frames.items() if keys.get(name)}
    for resource in resources:
        if resource.name not in broken:
            own[resource.name] += [
                _to_data_error(by_name[resource.name].path, resource, e, known)
                for e in raw_errors.get(resource.name, [])
                if e.type == "foreign-key"
            ]
    frames = {name: frame for name, frame in frames.items() if not own[name]}
    # What no schema can say: across tables and texts (components/data/checks.py)
    paths = {source_id: path for _, source_id, path in text_rows(files.get(sources.path), options[SOURCES])} if sources else {}
    noted: list[DataError] = []  # problems that leave every table usable, reported under the file they are in
    for finding in checks.findings(frames, texts, paths):
        if finding.unusable:
            own[finding.table].append(finding.error)
            frames.pop(finding.table, None)
        else:
            noted.append(finding.error)

    # By the file they are in: a table's own, or datapackage.json for a path or schema it gives and the loader refuses;
    # and what frictionless says of the package as a whole (nothing, once every table has passed the checks above).
    problems: dict[str, list[DataError]] = {}
    for error in report.errors:
        problems.setdefault(DESCRIPTOR, []).append(DataError(file=DESCRIPTOR, code="bad_descriptor", detail=error.note))
    for table in declared:
        problems.setdefault(DESCRIPTOR if table.refused else table.path, []).extend(own[table.name])
    for error in [*text_problems, *noted]:
        problems.setdefault(error.file, []).append(error)
    return Dataset(
        tables=frames,
        problems={k: tuple(v) for k, v in problems.items()},
        descriptor=_shown_descriptor(descriptor, declared),
        source_texts=texts,
        version=version,
        files=read,
    )


def _schema(name: str, descriptor: Mapping[str, Any]) -> Schema:
    """A table's schema for frictionless; ValueError for a pattern Python cannot compile (frictionless would raise it
    while validating)."""
    schema = Schema.from_descriptor(without_profiles(descriptor))
    for f in schema.fields:
        pattern = f.constraints.get("pattern")
        if not isinstance(pattern, str):
            continue
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f'field "{f.name}" of resource "{name}": pattern {pattern!r}: {exc}') from None
    return schema


def _resource(table: Table, schema: Schema, content: bytes, present: set[str]) -> TableResource:
    """The frictionless table of `table`'s bytes. A foreign key to a table that is not there to check against is left
    out: the dependency pass reports it (depends_on)."""
    keys = [k for k in schema.foreign_keys if (k.get("reference", {}).get("resource") or "") in ("", *present)]
    if keys != schema.foreign_keys:
        schema = Schema.from_descriptor({**schema.to_descriptor(), "foreignKeys": keys})
    return TableResource(
        name=table.name,
        data=content,
        format="csv",
        encoding="utf-8",
        schema=schema,
        dialect=dialect_of(table),
        detector=Detector(schema_sync=True),
    )


def _spread_to_dependants(declared: Iterable[Table], own: dict[str, list[DataError]]) -> set[str]:
    """The broken tables, once each table that refers to a broken one has been told so (one line instead of a
    foreign-key error per row): a table that refers to a broken one is unusable too."""
    declared = list(declared)
    broken = {name for name, found in own.items() if found}
    changed = True
    while changed:  # until no table newly depends on a broken one
        changed = False
        for table in declared:
            refs = table.references()
            if table.name in broken or not refs & broken:
                continue
            own[table.name] += [
                DataError(file=table.path, code="depends_on", value=f"{name}.csv") for name in sorted(refs & broken)
            ]
            broken.add(table.name)
            changed = True
    return broken


def _shown_descriptor(descriptor: Mapping[str, Any], declared: Iterable[Table]) -> dict:
    """The descriptor as the pages read it (the data dictionary): a schema or dialect the loader refused is left out."""
    refused = {t.name: {e.detail for e in t.refused if e.code == "not_inline"} for t in declared}
    return {
        **descriptor,
        "resources": [
            {k: v for k, v in entry.items() if k not in refused.get(entry["name"], ())} for entry in descriptor["resources"]
        ],
    }
