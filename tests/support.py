"""Helpers the test modules import: where the data and the fixtures are, data folders made of them, views to build
parts with, AppTest runs of a page, and reading what a page gave Streamlit.

Tests of behaviour read fixtures, never data/ (a new report added there must break no test): FIRST_REPORT is a pinned
copy of the first report's data folder, and `folder()` adds the made-up later reports to a copy of it.

(Kept out of conftest.py: tests/ and tests/e2e/ each have a conftest, and `from support import` would pick either.)"""

from __future__ import annotations

import csv as csv_module
import functools
import html
import json
import re
import shutil
from pathlib import Path

import pandas as pd
from markdown_it import MarkdownIt
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from components.data.loader import Dataset, read_dataset
from components.topics import registry
from components.topics.parts import View

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FIXTURES = ROOT / "tests" / "fixtures"
FIRST_REPORT = FIXTURES / "first_report"  # the first report's data folder, pinned
SECOND_REPORT = FIXTURES / "second_report"  # a made-up later report: a quarter's trade, a year-end income…
HALF_YEAR = FIXTURES / "half_year_report"  # a made-up whole half-year report with a new topic
LATER_REPORTS = (SECOND_REPORT, HALF_YEAR)
PAGE_FILES = ("overview", "investment", "trade", "talent", "poverty", "epidemic", "sources")


def add_rows(target: Path, fixture: Path) -> None:
    """Append each fixture CSV's rows to the CSV of the same name in `target` (columns matched by header, missing ones
    blank), and copy the fixture's source texts: how a maintainer adds a report."""
    for path in sorted(fixture.glob("*.csv")):
        with open(target / path.name, encoding="utf-8", newline="") as f:
            header = next(csv_module.reader(f))
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv_module.DictReader(f))
        with open(target / path.name, "a", encoding="utf-8", newline="") as f:
            csv_module.DictWriter(f, fieldnames=header, lineterminator="\n").writerows(rows)
    shutil.copytree(fixture / "source", target / "source", dirs_exist_ok=True)


def folder(target: Path, *fixtures: Path, base: Path = FIRST_REPORT) -> Path:
    """A data folder at `target`: a copy of `base` (the pinned first report) with each fixture's rows added."""
    shutil.copytree(base, target)
    for fixture in fixtures:
        add_rows(target, fixture)
    return target


def view_of(data: Dataset, lang: str = "zh", presenting: bool = False, **choices) -> View:
    """A page's view of the dataset; its figures made once and kept with it (read-only, like the dataset), as the app's
    cache keeps them."""
    return View(data, data.derived(("tests", "figures"), lambda: registry.figures_of(data)), lang, presenting, choices)


def dataset(path: Path) -> Dataset:
    data = read_dataset(path)
    assert data.valid, {f: [e.message("en") for e in errors] for f, errors in data.problems.items() if errors}
    return data


def run_page(page: str | None = None, timeout: float = 30, **params) -> AppTest:
    """Run app.py with the given URL parameters, then switch to `page` ("investment", a file of pages/) and run it."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page and page != "overview":
        at.switch_page(f"pages/{page}.py")
        at.run()
    return at


def opened(at: AppTest) -> AppTest:
    """The page run again with every keyed popover open, as a reader who opens each one (a part's sentences and
    downloads are made only once their popover is open)."""
    for popover in at.get("popover"):
        if popover.key:
            at.session_state[popover.key] = True
    at.run()
    return at


_MARKDOWN = MarkdownIt("commonmark")


def seen(markdown: str) -> str:
    """What a reader sees of a Streamlit Markdown text (a label, caption, help, option): CommonMark's reading of it,
    without the tags and the invisible word joiners that keep addresses from becoming links; lines joined by spaces."""
    rendered = _MARKDOWN.render(str(markdown)).replace("\u2060", "")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


def charts(at) -> list[tuple[dict, pd.DataFrame]]:
    """Each chart on the page: its Vega-Lite spec and the rows behind it, in page order."""
    return [
        (json.loads(c.proto.spec), convert_arrow_bytes_to_pandas_df(c.proto.datasets[0].data.data))
        if c.proto.datasets
        else (json.loads(c.proto.spec), pd.DataFrame(next(iter(json.loads(c.proto.spec).get("datasets", {}).values()), [])))
        for c in at.get("vega_lite_chart")
    ]


def param(at, key: str) -> list[str]:
    """A URL parameter's values (AppTest gives one value as a string, several as a list)."""
    value = at.query_params[key]
    return value if isinstance(value, list) else [value]


def csv(path: Path) -> pd.DataFrame:
    """A data file as the maintainer wrote it (all text), to compute expectations independently of the loader."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def edit_csv(path: Path, key: str, value: str, *, column: str | None = None, new: str | None = None) -> int:
    """Rewrite one CSV: the rows whose `key` column is `value` get `column` = `new`, or are deleted when no column is
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


# The datasets the topic tests read: the pinned first report, and with the later reports added.
FOLDERS = {"first": (FIRST_REPORT,), "later": (FIRST_REPORT, *LATER_REPORTS)}


@functools.cache
def rows(name: str, table: str) -> pd.DataFrame:
    """A table of the named dataset (FOLDERS) as its fixture folders hold it, as text: expectations computed from the
    CSVs, independently of the loader."""
    frames = [csv(f / f"{table}.csv") for f in FOLDERS[name] if (f / f"{table}.csv").exists()]
    return pd.concat(frames, ignore_index=True).fillna("")


README = ROOT / "README.md"
_README_ABSOLUTE = re.compile(r"https?://(?:localhost|127\.0\.0\.1):8501(/[^\s<>)\]`\"'*]*)?")
_README_RELATIVE = re.compile(r"\]\(\s*(?:\./|/)?([a-z_]*\?[^\s)#]+)")


def readme_links() -> list[str]:
    """The app's example links in README.md, as paths with their queries ("/trade?flow=export"), in order, once each:
    http://localhost:8501/..., http://127.0.0.1:8501/..., or an app path with a query in a Markdown link."""
    text = README.read_text(encoding="utf-8")
    found = [match.group(1) or "/" for match in _README_ABSOLUTE.finditer(text)]
    found += ["/" + match.group(1) for match in _README_RELATIVE.finditer(text)]
    return list(dict.fromkeys(link.split("#")[0].rstrip(".,;:") for link in found))
