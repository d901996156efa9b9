"""Data text is text everywhere: with Markdown, Streamlit's directives, LaTeX, HTML, remote images, line starts that
make headings and lists, right-to-left controls and a very long word in every free text of the data (tests/hostile.py),
no string any page hands Streamlit (labels, help, options, captions, headings, tabs, expanders, popovers, error boxes)
reads as markup. Each string is read as CommonMark would (markdown-it) plus Streamlit's own extensions, which
CommonMark does not know: $…$, :red[…], :material/…:, :smile: and bare addresses.

The browser half (tests/e2e/test_hostile_text_drawn.py) checks what is drawn and that no request leaves."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from markdown_it import MarkdownIt

from components.markdown import plain
from components.topics.sources.build import TABS_KEY
from hostile import MARKERS, hostile_copy, payload
from support import DATA, PAGE_FILES, csv, run_page

TRAP = "127.0.0.1:9"  # nothing listens there; the browser test serves its own host
MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("strikethrough")

# What each marker's markup makes of it when read: the tag wrapping the marker alone.
OWN_TAG = {"B1": "strong", "I1": "em", "C1": "code", "L1": "a", "H1": "b", "S1": "s", "T1": "h[1-6]"}
# Streamlit's extensions and raw HTML, unescaped (an escaped one has a backslash before it).
UNESCAPED = ["$X1", ":red[R1]", ":material/home:", ":smile:", "<b>", "<img", "http://"]
# Fields of Streamlit's messages that are not read as Markdown (chart specs and data are checked in the browser).
NOT_MARKDOWN = {"spec", "data", "id", "form_id", "datasets", "arrow_data", "styler", "css", "js", "html", "body_html"}


def markup_in(text: str) -> set[str]:
    """The kinds of markup that `text` would produce from the payload, as Streamlit reads it."""
    html = MARKDOWN.render(text)
    found = {MARKERS[m] for m, tag in OWN_TAG.items() if re.search(rf"<({tag})\b[^>]*>{m}</", html)}
    found |= {MARKERS["M1"]} if re.search(r'<img[^>]*alt="M1', html) else set()
    found |= {MARKERS["E1"]} if re.search(r"E1[^<]*</h[1-6]>", html) else set()
    found |= {MARKERS["L2"]} if re.search(r"<li>\s*(<p>)?\s*L2", html) else set()
    found |= {MARKERS["Q1"]} if re.search(r"<blockquote>\s*<p>\s*Q1", html) else set()
    found |= {f"unescaped {raw}" for raw in UNESCAPED if re.search(r"(?<!\\)" + re.escape(raw), text)}
    return found


def _is_message(value) -> bool:
    return hasattr(value, "ListFields")  # a protobuf message (Streamlit's element protos)


def strings(message, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, text) of every string in a Streamlit element's message, nested ones included."""
    for field, value in message.ListFields():
        if field.name in NOT_MARKDOWN:
            continue
        values = (
            value if not isinstance(value, (str, bytes)) and not _is_message(value) and hasattr(value, "__len__") else [value]
        )
        for item in values:
            if _is_message(item):
                yield from strings(item, f"{path}.{field.name}")
            elif isinstance(item, str):
                yield f"{path}.{field.name}", item


def elements(node) -> Iterator:
    if getattr(node, "proto", None) is not None:
        yield node
    for child in getattr(node, "children", {}).values():
        yield from elements(child)


def leaks(at) -> dict[str, set[str]]:
    """Where a page's strings would make markup of the payload: "Element.field" -> the kinds of markup."""
    found: dict[str, set[str]] = {}
    for element in elements(at._tree):
        for path, text in strings(element.proto):
            if any(marker in text for marker in MARKERS) and (kinds := markup_in(text)):
                found.setdefault(f"{type(element).__name__}{path}", set()).update(kinds)
    return found


def payload_shown(at) -> bool:
    return any("B1" in text for element in elements(at._tree) for _, text in strings(element.proto))


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory):
    return hostile_copy(DATA, tmp_path_factory.mktemp("hostile") / "data", TRAP)


@pytest.fixture
def hostile(hostile_data, monkeypatch):
    monkeypatch.setenv("HEZE_DATA_DIR", str(hostile_data))
    return hostile_data


def test_the_checker_finds_markup_in_unescaped_text_and_none_in_escaped(hostile_data):
    raw = payload(TRAP)
    assert markup_in(raw) >= {"bold", "link", "image", "html", "heading", "setext heading", "list", "block quote"}
    assert markup_in(plain(raw)) == set()
    assert markup_in(f"**{plain(raw)}**\n\n- {plain(raw)}\n\n> {plain(raw)}") == set(), "the page's own markup is fine"


@pytest.mark.parametrize("page", PAGE_FILES)
@pytest.mark.parametrize("params", [{"lang": "zh"}, {"lang": "en"}, {"lang": "en", "present": "1"}], ids=str)
def test_no_page_reads_data_text_as_markup(hostile, page, params):
    at = run_page(page, timeout=60, **params)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert payload_shown(at), "the hostile text reaches the page"
    assert leaks(at) == {}


@pytest.mark.parametrize("tab", [1, 2, 3])
def test_the_sources_pages_other_tabs_and_fact_box_read_no_data_text_as_markup(hostile, tab):
    at = run_page("pages/sources.py", timeout=60, lang="en", fact="trade.quarter.total")
    assert at.info, "the fact box is shown"
    at.session_state[TABS_KEY] = at.tabs[tab].label  # only the open tab is built
    at.run()
    assert not at.exception and payload_shown(at)
    assert leaks(at) == {}


def test_a_selected_projects_summary_reads_no_data_text_as_markup(hostile):
    project = csv("projects").iloc[0]["project_id"]
    at = run_page("pages/investment.py", timeout=60, lang="en", project=project)
    assert not at.exception and payload_shown(at)
    assert leaks(at) == {}
