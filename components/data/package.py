"""What the package names and how it is read: the tables of datapackage.json with their inline schemas and dialects,
the source texts of sources.csv, and every one of those files read once while the folder holds still (snapshot).

A path is one the descriptor or sources.csv gives, checked before anything is opened (folder.read_file); a schema or
dialect must be written in the descriptor, since a string would be a URL or a file for frictionless to fetch."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frictionless import Dialect, FrictionlessException
from frictionless.formats import CsvControl

from components.data import folder
from components.data.errors import DataError
from components.data.folder import FileFault

DESCRIPTOR = "datapackage.json"
SOURCES = "sources"  # the table whose `path` column names the source texts
# What Excel and WPS write on Chinese Windows, after UTF-8 (with or without BOM).
ENCODINGS = ("utf-8-sig", "gb18030")
# A table's bounds, checked before it is parsed: ~100 times the package's rows today and ~50 times its longest
# sentence. A table beyond them is refused at once rather than keeping every page waiting on its validation.
MAX_ROWS = 20_000
MAX_CELL_CHARS = 20_000
# frictionless' own rule for a resource name (foreign keys and the pages refer to tables by it)
NAME = re.compile(r"^[-a-z0-9._/]+$")
# Keys by which frictionless would fetch a JSON Schema profile from a URL; the app needs none of them.
PROFILE_KEYS = ("$schema", "profile")
# A folder that changes while it is read (a CSV saved in place) is read again, this often in all, a moment apart.
READ_ATTEMPTS = 3
RETRY_PAUSE = 0.05

# Each file read, by its path relative to the folder: its bytes, or why it was not read.
Files = Mapping[str, bytes | FileFault]


def decode(raw: bytes) -> tuple[str, str] | None:
    """(text, encoding) in the first of ENCODINGS that decodes the bytes, or None. A file cut inside its last character
    (saved half-way) is that encoding still: its text ends before the cut, and the row it ends in is the problem."""
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            if exc.end == len(raw) and exc.reason == "unexpected end of data":
                return raw[: exc.start].decode(encoding), encoding
    return None


def text_of(
    file: str, content: bytes | FileFault | None, row: int | None = None, column: str | None = None, value: str | None = None
) -> tuple[str, str] | DataError:
    """(text, encoding) of a file as read, or its typed error (at `row`/`column` of the file that names it): not read,
    or neither UTF-8 nor GB18030."""
    if not isinstance(content, bytes):
        fault = content or FileFault("missing_file")
        return DataError(file=file, code=fault.code, row=row, column=column, value=value, detail=fault.detail)
    found = decode(content)
    return found or DataError(file=file, code="encoding", row=row, column=column, value=value)


@dataclass(frozen=True)
class Table:
    """A table as the descriptor declares it, and why the loader will not read it (its path or schema), if so."""

    name: str
    path: str
    schema: Mapping[str, Any] | None  # None: not written inline (refused)
    dialect: Mapping[str, Any] | None
    refused: tuple[DataError, ...] = ()

    def references(self) -> set[str]:
        """The other tables its foreign keys refer to, read from the schema as written (with care: it may be odd)."""
        keys = (self.schema or {}).get("foreignKeys")
        references = [k.get("reference") for k in keys if isinstance(k, dict)] if isinstance(keys, list) else []
        return {str(r.get("resource") or "") for r in references if isinstance(r, dict)} - {"", self.name}


def parse_descriptor(raw: bytes) -> dict:
    """datapackage.json as a JSON object, or ValueError saying why it is not one."""
    try:
        descriptor = json.loads(raw.decode("utf-8-sig"))  # a decoding or JSON error is a ValueError
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(descriptor, dict):
        raise ValueError("not a JSON object")
    return descriptor


def tables(descriptor: Mapping[str, Any]) -> list[Table]:
    """Each table of the descriptor; ValueError when the list itself is malformed (then no table can be trusted)."""
    listed = descriptor.get("resources")
    if not isinstance(listed, list):
        raise ValueError('"resources" is not a list')
    found: list[Table] = []
    for entry in listed:
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not NAME.match(name) or name in {r.name for r in found}:
            raise ValueError(f"resource name {name!r} is missing, repeated, or not lower-case letters, digits and - . _ /")
        path = entry.get("path")
        if not isinstance(path, str):
            raise ValueError(f"no path (CSV file) for resource {name}")  # inline data, or a table in several files
        refused = []
        try:
            folder.check_path(path)
        except FileFault:
            refused.append(DataError(file=DESCRIPTOR, code="unsafe_path", value=path))
        schema, dialect = entry.get("schema"), entry.get("dialect")
        if not isinstance(schema, dict):
            refused.append(DataError(file=DESCRIPTOR, code="not_inline", value=name, detail="schema"))
        if dialect is not None and not isinstance(dialect, dict):
            refused.append(DataError(file=DESCRIPTOR, code="not_inline", value=name, detail="dialect"))
        found.append(
            Table(
                name,
                path,
                schema if isinstance(schema, dict) else None,
                dialect if isinstance(dialect, dict) else None,
                tuple(refused),
            )
        )
    return found


def without_profiles(descriptor: Mapping[str, Any]) -> dict:
    """A schema or dialect without the keys that name a profile (frictionless would fetch one), its fields' too."""
    clean = {k: v for k, v in descriptor.items() if k not in PROFILE_KEYS}
    if isinstance(clean.get("fields"), list):
        clean["fields"] = [
            {k: v for k, v in f.items() if k not in PROFILE_KEYS} if isinstance(f, dict) else f for f in clean["fields"]
        ]
    return clean


def dialect_of(table: Table) -> Dialect:
    """The table's dialect, comma-separated unless it says otherwise: frictionless would otherwise guess the delimiter
    from the first rows, and the frame (pandas) be read otherwise than what was validated. FrictionlessException when
    the descriptor's dialect is malformed."""
    dialect = Dialect.from_descriptor(without_profiles(table.dialect)) if table.dialect else Dialect()
    if not dialect.has_control("csv"):
        dialect.add_control(CsvControl(delimiter=","))
    return dialect


def csv_options(dialect: Dialect) -> dict[str, Any]:
    """The dialect's CSV settings as Python's csv module names them; ValueError when it cannot read with them (an
    empty or two-character delimiter, say)."""
    control: Any = dialect.get_control("csv")  # a CsvControl: dialect_of gives every dialect one
    options = {
        "delimiter": control.delimiter,
        "quotechar": control.quote_char,
        "doublequote": control.double_quote,
        "escapechar": control.escape_char,
        "skipinitialspace": control.skip_initial_space,
    }
    try:
        csv.reader(io.StringIO(""), **options)
    except TypeError as exc:
        raise ValueError(f"dialect: {exc}") from None
    return options


def records(text: str, options: Mapping[str, Any]) -> Iterable[tuple[int, list[str]]]:
    """(spreadsheet row, cells) of each record of a CSV text; stops quietly where the text stops being CSV (what is
    wrong then is frictionless' to report)."""
    try:
        yield from enumerate(csv.reader(io.StringIO(text), **options), start=1)
    except csv.Error:
        return


# Characters no spreadsheet cell means and that XML cannot hold: the slides and the handout's charts are XML, and one
# vertical tab in a label made every briefing fail. Tabs and line breaks are text; the rest of C0, DEL and C1 are not.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def limits(file: str, text: str, options: Mapping[str, Any]) -> DataError | None:
    """The first breach of MAX_ROWS or MAX_CELL_CHARS, or a cell with a control character, found before anything
    slower reads the table."""
    header: list[str] = []
    for number, cells in records(text, options):
        if number == 1:
            header = cells
        if number > MAX_ROWS + 1:
            return DataError(file=file, code="too_many_rows", row=number, detail=str(MAX_ROWS))
        for index, cell in enumerate(cells):
            column = header[index] if number > 1 and index < len(header) else None
            if len(cell) > MAX_CELL_CHARS:
                return DataError(file=file, code="cell_too_large", row=number, column=column, detail=str(MAX_CELL_CHARS))
            if control := CONTROL_CHARACTER.search(cell):
                return DataError(file=file, code="control_character", row=number, column=column, value=f"U+{ord(control[0]):04X}")
    return None


def text_rows(content: bytes | FileFault | None, options: Mapping[str, Any]) -> list[tuple[int, str, str]]:
    """(spreadsheet row, source_id, path) of each row of sources.csv; none while it cannot be read or is too large
    (what is wrong with sources.csv itself is the validation's to report)."""
    found = decode(content) if isinstance(content, bytes) else None
    if found is None or limits(SOURCES, found[0], options):
        return []
    rows = list(records(found[0], options))
    header = rows[0][1] if rows else []
    if "source_id" not in header or "path" not in header:
        return []
    at_id, at_path = header.index("source_id"), header.index("path")

    def cell(cells: list[str], index: int) -> str:
        return cells[index] if index < len(cells) else ""

    return [(number, cell(cells, at_id), cell(cells, at_path)) for number, cells in rows[1:] if cells]


def read_files(directory: Path) -> dict[str, bytes | FileFault]:
    """Every file the package names, each read once: datapackage.json, each table's CSV, each text sources.csv names."""
    files: dict[str, bytes | FileFault] = {}

    def read(path: str) -> bytes | FileFault:
        if path not in files:
            try:
                files[path] = folder.read_file(directory, path)
            except FileFault as fault:
                files[path] = fault
        return files[path]

    raw = read(DESCRIPTOR)
    try:
        declared = tables(parse_descriptor(raw)) if isinstance(raw, bytes) else []
    except ValueError:
        return files
    for table in declared:
        if table.refused:
            continue
        content = read(table.path)
        if table.name == SOURCES:
            try:
                options = csv_options(dialect_of(table))
            except (ValueError, FrictionlessException):  # a malformed dialect: the descriptor is the validation's to refuse
                continue
            for _, _, path in text_rows(content, options):
                if path:
                    read(path)
    return files


def unended(files: Files) -> list[str]:
    """The CSVs whose last row has no line end: what every program that saves a CSV writes, so such a file may be one
    cut short while it is being saved (its last row whole but for the end of its last cell)."""
    return [
        p for p, raw in files.items() if p.endswith(".csv") and isinstance(raw, bytes) and raw[-1:] not in (b"", b"\n", b"\r")
    ]


def snapshot(directory: Path) -> tuple[Files, str | None]:
    """The package's files read while the folder did not change (and, when a CSV's last row is not ended, still had
    not a moment later), and the version they were read at. When it changed during every reading: the last reading,
    the files that changed marked as being saved, and no version."""
    for attempt in range(READ_ATTEMPTS):
        if attempt:
            time.sleep(RETRY_PAUSE)  # let a save in progress finish
        before = folder.state(directory)
        files = read_files(directory)
        after = folder.state(directory)
        if before == after and unended(files):
            time.sleep(RETRY_PAUSE)
            after = folder.state(directory)
        if before == after:
            return files, folder.digest(before)
    moving = {os.path.normpath(name) for name in folder.changed(before, after)}
    return {k: FileFault("being_saved") if os.path.normpath(k) in moving else v for k, v in files.items()}, None
