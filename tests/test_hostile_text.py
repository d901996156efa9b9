"""Markdown and HTML in every free text of the data (tests/hostile.py) reach no page's strings as markup."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from markdown_it import MarkdownIt

import support
from components.markdown import plain
from hostile import MARKERS, hostile_copy, payload
from support import FIRST_REPORT, LATER_REPORTS, csv, dataset, opened, run_page, seen

# one worker makes the hostile copy and reads it (tests/run.sh distributes by group)
pytestmark = [pytest.mark.page, pytest.mark.xdist_group("hostile")]


TRAP = "127.0.0.1:9"  # nothing listens there (the browser test serves its own host)
MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("strikethrough")

# What each marker's markup makes of it when read: the tag wrapping the marker alone.
OWN_TAG = {"B1": "strong", "I1": "em", "C1": "code", "L1": "a", "H1": "b", "S1": "s", "T1": "h[1-6]"}
# Streamlit's extensions, which CommonMark does not know, and raw HTML: unescaped, they would be read.
UNESCAPED = ["$X1", ":red[R1]", ":material/home:", ":smile:", "<b>", "<img", "http://"]
# Fields of Streamlit's messages that are not read as Markdown (chart specs and data are checked in the browser; the
# shell component's own code is static).
NOT_MARKDOWN = {"spec", "data", "id", "form_id", "datasets", "arrow_data", "styler", "css", "js", "html", "body_html"}
NOT_MARKDOWN |= {"js_content", "css_content", "html_content"}


def markup_in(text: str) -> set[str]:
    """The kinds of markup that `text` would make of the payload, as Streamlit reads it."""
    html = MARKDOWN.render(text)
    found = {MARKERS[m] for m, tag in OWN_TAG.items() if re.search(rf"<({tag})\b[^>]*>{m}</", html)}
    found |= {MARKERS["M1"]} if re.search(r'<img[^>]*alt="M1', html) else set()
    found |= {MARKERS["E1"]} if re.search(r"E1[^<]*</h[1-6]>", html) else set()
    found |= {MARKERS["L2"]} if re.search(r"<li>\s*(<p>)?\s*L2", html) else set()
    found |= {MARKERS["Q1"]} if re.search(r"<blockquote>\s*<p>\s*Q1", html) else set()
    found |= {f"unescaped {raw}" for raw in UNESCAPED if re.search(r"(?<!\\)" + re.escape(raw), text)}
    return found


def strings(message, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, text) of every string in an element's message, nested ones included."""
    for field, value in message.ListFields():
        if field.name in NOT_MARKDOWN:
            continue
        many = not isinstance(value, (str, bytes)) and not hasattr(value, "ListFields") and hasattr(value, "__len__")
        for item in value if many else [value]:
            if hasattr(item, "ListFields"):
                yield from strings(item, f"{path}.{field.name}")
            elif isinstance(item, str):
                yield f"{path}.{field.name}", item


def texts(at) -> Iterator[tuple[str, str]]:
    """("Element.field", text) of every element on the page, sidebar included."""
    for node in at._tree:
        if getattr(node, "proto", None) is not None:
            for path, text in strings(node.proto):
                yield f"{type(node).__name__}{path}", text


def leaks(at) -> dict[str, set[str]]:
    """Where a page's strings would make markup of the payload: "Element.field" -> the kinds of markup."""
    found: dict[str, set[str]] = {}
    for where, text in texts(at):
        if any(marker in text for marker in MARKERS) and (kinds := markup_in(text)):
            found.setdefault(where, set()).update(kinds)
    return found


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory):
    return hostile_copy(FIRST_REPORT, tmp_path_factory.mktemp("hostile") / "data", TRAP)


@pytest.fixture
def hostile(hostile_data, monkeypatch):
    monkeypatch.setenv("HEZE_DATA_DIR", str(hostile_data))
    return hostile_data


def test_the_hostile_copy_is_valid_data_with_the_payload_everywhere(hostile_data):
    data = dataset(hostile_data)  # valid: every page shows it, none stops at an error box
    raw = payload(TRAP)
    assert raw in next(iter(data.source_texts.values()))
    for table, column in (("facts", "label_en"), ("facts", "note_zh"), ("items", "name_zh"), ("topics", "label_en")):
        filled = csv(hostile_data / f"{table}.csv")[column]
        assert filled[filled != ""].str.endswith(raw).all(), (table, column)


def test_the_checker_finds_markup_in_raw_text_and_none_in_escaped_text():
    raw = payload(TRAP)
    assert markup_in(raw) >= {"bold", "link", "image", "html", "heading", "setext heading", "list", "block quote"}
    assert markup_in(plain(raw)) == set()
    assert markup_in(f"**{plain(raw)}**\n\n- {plain(raw)}\n\n> {plain(raw)}") == set(), "the page's own markup is fine"
    for written in ("**B1**", "_I1_", "`C1`", f"[L1](http://{TRAP}/link)", "<b>H1</b>", "# T1", "- L2", "> Q1"):
        assert written in seen(plain(raw)), f"a reader sees {written} as written"
        assert written not in seen(raw)


def run_hostile(page: str, **params):
    at = opened(run_page(page, timeout=60, **params))  # with every popover's sentences and downloads
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert any("B1" in text for _, text in texts(at)), "the hostile text reaches the page"
    return at


@pytest.mark.parametrize("page", ["overview", "investment", "trade", "talent", "poverty", "epidemic", "sources"])
def test_no_page_reads_data_text_as_markup(hostile, page):
    # the sources page with a figure's box (its quote and rows), investment with a selected project's summary
    extra = {"sources": {"fact": "trade.quarter.total"}, "investment": {"project": "pharma_port"}}.get(page, {})
    at = run_hostile(page, lang="en", **extra)
    if extra:
        assert at.info if page == "sources" else any("pharma_port" in str(v) for v in at.query_params.values())
    assert leaks(at) == {}


@pytest.mark.parametrize("page", ["investment", "trade"])
def test_presenting_reads_no_data_text_as_markup(hostile, page):
    """A projector's layout has its own labels: cards' notes, filters beside the chart."""
    at = run_hostile(page, lang="zh", present="1")
    assert leaks(at) == {}


def test_a_page_made_from_the_data_alone_reads_no_data_text_as_markup(tmp_path, monkeypatch):
    """The half-year report's topic has no page written for it: its title, intro, labels and sentences are all data."""
    later = support.folder(tmp_path / "later", *LATER_REPORTS)
    monkeypatch.setenv("HEZE_DATA_DIR", str(hostile_copy(later, tmp_path / "data", TRAP)))
    at = run_page(lang="en")
    at._page_hash = next(h for h, info in at._registered_pages.items() if info.get("url_pathname") == "economy")
    at = opened(at.run())
    assert not at.exception and not at.error
    assert any("B1" in text for _, text in texts(at)), "the hostile text reaches the page"
    assert leaks(at) == {}
