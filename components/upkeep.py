"""A new report taken in without a programmer: the data folder as it is (the files the app read) plus the new report's
text, its row of sources.csv and the rows the maintainer reviewed, as a candidate folder that the validator reads and
the pages can preview, and a zip of it to commit or copy in. Pure: bytes in, bytes out; the app never writes to data/."""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from components.data.package import decode
from components.draft import Known

TEXT_DIR = "source"
MAX_TEXT_BYTES = 2 * 2**20  # a work report is some 10 KB; a 20 MB file is not one
SOURCE_ID = re.compile(r"^[a-z0-9_-]+(\.[a-z0-9_-]+)*$")  # as datapackage.json's pattern for source_id


def tables(files: Mapping[str, bytes]) -> dict[str, pd.DataFrame]:
    """Every CSV of the folder as text (the draft reads them so): name without .csv -> frame."""
    out = {}
    for path, raw in files.items():
        found = decode(raw) if path.endswith(".csv") and "/" not in path else None
        if found is not None:
            out[path[:-4]] = pd.read_csv(io.StringIO(found[0]), dtype=str, keep_default_na=False)
    return out


def known(files: Mapping[str, bytes]) -> Known:
    found = tables(files)
    return Known(found["facts"], found["units"], found["periods"], found["qualifiers"], found.get("projects", pd.DataFrame()))


def appended(raw: bytes | None, rows: pd.DataFrame) -> bytes:
    """A CSV's bytes with rows added at its end, columns matched by its header (a column it lacks is left out, one the
    rows lack is blank): how a maintainer adds rows in a spreadsheet."""
    found = decode(raw) if raw else None
    text = found[0] if found else ""
    header = next(csv.reader(io.StringIO(text)), list(rows.columns))
    out = io.StringIO()
    if text:
        out.write(text if text.endswith("\n") else text + "\n")
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    if not text:
        writer.writeheader()
    writer.writerows({k: "" if pd.isna(v) else str(v) for k, v in row.items()} for row in rows.to_dict("records"))
    return out.getvalue().encode("utf-8")


def candidate(
    base: Mapping[str, bytes], report_text: str, source: Mapping[str, str], rows: Mapping[str, pd.DataFrame]
) -> dict[str, bytes]:
    """The data folder with a new report: its text under source/, its row in sources.csv, and `rows` (table name ->
    reviewed rows) appended to each table."""
    files = dict(base)
    path = f"{TEXT_DIR}/{source['source_id']}.txt"
    files[path] = report_text.encode("utf-8")
    files["sources.csv"] = appended(files.get("sources.csv"), pd.DataFrame([{**source, "path": path}]))
    for name, frame in rows.items():
        if len(frame):
            files[f"{name}.csv"] = appended(files.get(f"{name}.csv"), frame)
    return files


FOLDER_PREFIX = "heze-upkeep-"
FOLDER_KEPT_SECONDS = 24 * 3600  # a session's candidate outlives no working day; a server runs for months


def new_folder(now: float | None = None) -> Path:
    """A folder of the session's own under the system's temporary folder, for its candidate data (never data/). The
    folders of sessions older than a day go first: a server that runs for months does not fill its disk with them."""
    root = Path(tempfile.gettempdir())
    now = time.time() if now is None else now
    for old in root.glob(f"{FOLDER_PREFIX}*"):
        try:
            if old.is_dir() and now - old.stat().st_mtime > FOLDER_KEPT_SECONDS:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:  # another server process took it first
            continue
    return Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX))


def written(files: Mapping[str, bytes], folder: Path) -> Path:
    """The files, and only these, in `folder` (one of new_folder's): the candidate the validator and the preview read."""
    for old in sorted(folder.rglob("*"), reverse=True):
        old.unlink() if old.is_file() else old.rmdir()
    for name, raw in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)
    return folder


# The tables a maintainer adds rows to when taking in a report, in the order they are reviewed.
REVIEWED = ("facts", "periods", "projects", "non_metric_numbers", "topics", "units")
# Chinese multipliers a unit is written with, so that a new unit's base and factor can be proposed (万剂次 = 10,000 剂次).
MULTIPLIERS = {"亿": 10**8, "万": 10**4, "千": 10**3, "百": 100}


def completed(facts: pd.DataFrame) -> pd.DataFrame:
    """The reviewed figures with topic, group and item taken from the metric id where they are blank
    (economy.output.industrial_output -> economy, output, industrial_output): a new metric needs only its id."""
    out = facts.copy()
    for index, metric in out["metric"].items():
        parts = str(metric).split(".")
        if len(parts) >= 3 and parts[0] != "draft":
            for column, value in (("topic", parts[0]), ("group", parts[1]), ("item", parts[-1])):
                if not str(out.at[index, column] or "").strip():
                    out.at[index, column] = value
    return out


def new_topics(facts: pd.DataFrame, topics: pd.DataFrame) -> pd.DataFrame:
    """A row of topics.csv for each topic the figures use that is not declared yet, to name (a page is made of it)."""
    known = set(topics["topic"])
    found = [t for t in dict.fromkeys(facts["topic"]) if t and t not in known and not str(t).startswith("draft")]
    return pd.DataFrame(
        [{c: (t if c == "topic" else "") for c in topics.columns} for t in found], columns=topics.columns, dtype=str
    )


def proposed_units(unknown: list[str], units: pd.DataFrame) -> pd.DataFrame:
    """A row of units.csv for each unit the draft met but units.csv lacks, with its base and factor where the unit is a
    multiple of one (万剂次 -> 剂次 × 10,000); quantity and English name are the maintainer's to give."""
    rows = []
    for unit in unknown:
        factor, base = 1, unit
        if unit[:1] in MULTIPLIERS and len(unit) > 1:
            factor, base = MULTIPLIERS[unit[0]], unit[1:]
        known = units[units["unit"] == base]
        quantity = known["quantity"].iloc[0] if len(known) else ""
        rows.append({"unit": unit, "quantity": quantity, "base_unit": base, "factor": str(factor), "label_en": ""})
    return pd.DataFrame(rows, columns=units.columns, dtype=str)


def read_uploaded(name: str, raw: bytes) -> pd.DataFrame | None:
    """An uploaded CSV (UTF-8 with or without BOM, or GBK, as Excel saves it) as text, or None when it is no CSV."""
    found = decode(raw)
    if found is None:
        return None
    try:
        return pd.read_csv(io.StringIO(found[0]), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeError):
        return None


def next_sort_key(base: Mapping[str, bytes]) -> int:
    found = tables(base).get("sources")
    keys = pd.to_numeric(found["sort_key"], errors="coerce").dropna() if found is not None else pd.Series(dtype=float)
    return int(keys.max()) + 1 if len(keys) else 1


def period_labels(lang: str, *frames: pd.DataFrame | None) -> dict[str, str]:
    """Every period the folder, the draft and the reviewed tables name, in order of first mention -> its label in
    `lang` (the id where none is given yet): the choices of the review's period column and of 'the report covers'."""
    labels: dict[str, str] = {}
    for frame in frames:
        if frame is None or "period" not in frame:
            continue
        named = frame[f"label_{lang}"] if f"label_{lang}" in frame else pd.Series("", index=frame.index)
        for period, label in zip(frame["period"], named):
            if str(period).strip() and not labels.get(period):
                labels[period] = str(label or "")
    return labels


def most_cited(facts: pd.DataFrame, choices: list[str]) -> int:
    """The index among `choices` of the period most of the reviewed figures are of (what the report likely covers), or
    the last choice (the newest) when none is."""
    cited = facts["period"].mode() if len(facts) else pd.Series(dtype=str)
    return choices.index(cited.iloc[0]) if len(cited) and cited.iloc[0] in choices else len(choices) - 1
