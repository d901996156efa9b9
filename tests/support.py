"""Helpers the test modules import: where the data is, AppTest runs of a page, and reading a page's charts and URL.

(Kept out of conftest.py: tests/ and tests/e2e/ each have a conftest, and `from support import` would pick either.)"""

from __future__ import annotations

import csv as csv_module
import html
import json
import re
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import altair as alt
import pandas as pd
from markdown_it import MarkdownIt
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from components.topics.registry import TOPICS

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FIXTURES = ROOT / "tests" / "fixtures"

# Every page, from the topics' declarations (the one list of pages).
PAGE_FILES = [topic.page_file for topic in TOPICS]


def run_page(page: str | None = None, timeout: float = 30, **params) -> AppTest:
    """Run app.py with the given URL parameters, then switch to `page` (e.g. "pages/investment.py") and run it."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


_MARKDOWN = MarkdownIt("commonmark")


def seen(markdown: str) -> str:
    """What a reader sees of a Streamlit Markdown text (a label, caption, help, option): CommonMark's reading of it,
    without the tags and the invisible word joiners that keep addresses from becoming links; lines joined by spaces."""
    rendered = _MARKDOWN.render(str(markdown)).replace("\u2060", "")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


def typed_csv(name: str, **read_options) -> pd.DataFrame:
    """A data file read by pandas with its own type guessing (numbers as numbers), for expectations about values."""
    return pd.read_csv(DATA / f"{name}.csv", **read_options)


def csv(name: str) -> pd.DataFrame:
    """A data file as the maintainer wrote it (all text), to compute expectations independently of the loader."""
    return pd.read_csv(DATA / f"{name}.csv", dtype=str, keep_default_na=False)


def charts(at) -> list[tuple[dict, pd.DataFrame]]:
    """Each chart on the page: its Vega-Lite spec and the rows behind it, in page order."""
    return [
        (json.loads(c.proto.spec), convert_arrow_bytes_to_pandas_df(c.proto.datasets[0].data.data))
        for c in at.get("vega_lite_chart")
    ]


def param(at, key: str) -> list[str]:
    """A URL parameter's values (AppTest gives one value as a string, several as a list)."""
    value = at.query_params[key]
    return value if isinstance(value, list) else [value]


def data_names(spec) -> set[str]:
    """Every dataset name a Vega-Lite spec (or a part of one) draws from."""
    if isinstance(spec, list):
        return set().union(*(data_names(part) for part in spec))
    if not isinstance(spec, dict):
        return set()
    own = {spec["data"]["name"]} if isinstance(spec.get("data"), dict) and "name" in spec["data"] else set()
    return own.union(*(data_names(value) for key, value in spec.items() if key not in ("data", "datasets")))


def checked_spec(spec: dict) -> dict:
    """A chart builder's Vega-Lite spec, checked against Altair's Vega-Lite schema (the app skips that check), with
    every dataset it draws from present and holding rows."""
    alt.LayerChart.from_dict(spec, validate=True)
    names = data_names(spec)
    assert names and all(spec["datasets"].get(name) for name in names), f"draws from {names}, has {list(spec['datasets'])}"
    return spec


def spec_rows(spec: dict) -> pd.DataFrame:
    """The rows of a spec's (first) inline dataset."""
    return pd.DataFrame(next(iter(spec["datasets"].values())))


def spec_records(spec: dict) -> list[dict]:
    """The same rows as records."""
    return spec_rows(spec).to_dict("records")


def bar_order(spec: dict) -> list[str]:
    """The bars' labels top to bottom, as the spec sorts its y axis: a list of labels, or a field of the rows."""
    sort = spec["layer"][0]["encoding"]["y"]["sort"]
    if isinstance(sort, list):
        return sort
    ordered = spec_rows(spec).sort_values(sort["field"], ascending=sort.get("order", "ascending") == "ascending")
    return list(dict.fromkeys(ordered["label"]))


def add_rows(target: Path, fixture: Path) -> None:
    """Append each fixture CSV's rows to the CSV of the same name in `target` (columns matched by header, missing
    ones blank), and copy the fixture's source texts: how a maintainer adds a period or a report."""
    for path in sorted(fixture.glob("*.csv")):
        with open(target / path.name, encoding="utf-8", newline="") as f:
            header = next(csv_module.reader(f))
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv_module.DictReader(f))
        with open(target / path.name, "a", encoding="utf-8", newline="") as f:
            csv_module.DictWriter(f, fieldnames=header, lineterminator="\n").writerows(rows)
    shutil.copytree(fixture / "source", target / "source", dirs_exist_ok=True)


def edit_csv(path: Path, key: str, value: str, *, column: str | None = None, new: str | None = None) -> int:
    """Rewrite one CSV: the rows whose `key` column is `value` lose `column` -> `new`, or are deleted when no column is
    given. Returns the spreadsheet row number (header = 1) of the first row touched."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv_module.reader(f))
    header, body = rows[0], rows[1:]
    touched = [i for i, r in enumerate(body) if r[header.index(key)] == value]
    assert touched, f"no row of {path.name} has {key}={value}"
    if column is None:
        body = [r for i, r in enumerate(body) if i not in touched]
    else:
        for i in touched:
            body[i][header.index(column)] = new
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv_module.writer(f, lineterminator="\n").writerows([header, *body])
    return touched[0] + 2


# Arabic numerals, runs of two or more Chinese numerals (十三五, 双百), and one Chinese numeral before a measure word
# or 余/多 (百余人, 七条线, 一级): the ways the reports write a number.
NUMBER = re.compile(
    r"\d+(?:\.\d+)?|[一二两三四五六七八九十百千万双]{2,}|[一二两三四五六七八九十百千双](?=[余多个大条张级名人家所项线])"
)


def _spans(text: str, needle: str, within: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    start, end = within or (0, len(text))
    return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text) if start <= m.start() and m.end() <= end]


def unaccounted_numbers(dataset, source_id: str, text: str) -> list[tuple[str, str]]:
    """Numbers of one report's text covered by none of that report's data rows' figures as published (inside their
    quotes), item names, or reviewed numbers that are not figures; each with a little context."""
    covered: list[tuple[int, int]] = []
    for table in ("facts", "projects"):
        frame = dataset.tables[table]
        for row in frame[frame["source_id"] == source_id].itertuples():
            quote_at = text.find(row.source_quote)
            if quote_at >= 0:
                covered += _spans(text, row.as_published, (quote_at, quote_at + len(row.source_quote)))
    items = dataset.tables["items"]
    for name in items.loc[items["source_id"] == source_id, "name_zh"]:
        covered += _spans(text, name)
    reviewed = dataset.tables["non_metric_numbers"]
    for number_text in reviewed.loc[reviewed["source_id"] == source_id, "text"]:
        covered += _spans(text, number_text)
    return [
        (m.group(), text[max(0, m.start() - 8) : m.end() + 8])
        for m in NUMBER.finditer(text)
        if not any(a <= m.start() and m.end() <= b for a, b in covered)
    ]


# --- a file saved while it is read -------------------------------------------------------------------------------------

# The epidemic mobilisation total as the shipped facts give it, and once party cadres are "1034 or more" (a valid edit).
MOBILISED_TOTAL = {"old": "10,335名", "new": "10,335多名"}
EXACT_CADRES, AT_LEAST_CADRES = ",1034,名,exact,".encode(), ",1034,名,at_least,".encode()


def saves_of(raw: bytes) -> list[bytes]:
    """The states a CSV passes through while it is saved in place: empty, cut inside a row, cut inside a quoted cell,
    and whole."""
    middle = raw.index(b"\n", len(raw) // 2) + 1
    return [b"", raw[: raw.index(b",", middle) + 2], raw[: raw.index(b'"', middle) + 7], raw]


@contextmanager
def rewriting(path: Path, versions: list[bytes], pause: float = 0.004) -> Iterator[None]:
    """A thread that saves `path` in place, over and over, in each of `versions` by turns, through every half-saved
    state (saves_of) and in the two ways editors write in place: truncate then write in pieces, and overwrite then
    truncate. When the block ends it stops, and leaves the file as it was (or as the block then writes it)."""
    stop = threading.Event()
    failures: list[BaseException] = []

    def save(data: bytes, way: int) -> None:
        if way:
            with open(path, "r+b") as f:  # overwrite in place, then cut what is left of the longer old file
                f.write(data)
                f.flush()
                time.sleep(pause)
                f.truncate()
        else:
            with open(path, "wb") as f:  # emptied, then written in two pieces
                f.write(data[: len(data) // 2])
                f.flush()
                time.sleep(pause)
                f.write(data[len(data) // 2 :])

    def run() -> None:
        turn = 0
        try:
            while not stop.is_set():
                for state in saves_of(versions[turn % len(versions)]):
                    save(state, turn % 2)
                    time.sleep(pause * (5 if state == versions[turn % len(versions)] else 1))  # saved: a while as it is
                turn += 1
        except BaseException as exc:  # reported in the test's own thread
            failures.append(exc)

    # A half-saved state cut at a line end would be a shorter file, valid: the states here are all cut inside a row.
    for version in versions:
        for state in saves_of(version)[1:]:
            assert state == version or not state.endswith(b"\n")
            assert not state[: len(state) // 2].endswith(b"\n")
    original = path.read_bytes()
    writer = threading.Thread(target=run, daemon=True)
    writer.start()
    try:
        yield
    finally:
        stop.set()
        writer.join(10)
        path.write_bytes(original)
    assert not writer.is_alive() and not failures, failures
