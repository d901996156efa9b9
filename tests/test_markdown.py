"""Data text made inert for Markdown (components/markdown.py): whatever a cell holds, CommonMark (markdown_it) reads one
plain paragraph that shows the text as written, and Streamlit's own directives ($…$, :red[…], :material/…:) and bare
addresses find nothing to read."""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

from components.markdown import plain

# CommonMark with GitHub's tables and strikethrough (Streamlit reads GitHub-flavoured Markdown)
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

TEXTS = [
    "**bold** and __bold__",
    "*em* _em_ ~~struck~~",
    "[a link](http://example.com) and <http://example.com>",
    "![an image](http://example.com/x.png)",
    "<b>html</b> <img src=x onerror=alert(1)>",
    "`code` and ```fenced```",
    "$x^2$ and $$\\int$$",
    ":red[red text] :blue-background[x] :rainbow[y]",
    ":material/home: :smile: :+1:",
    "# heading",
    "###### heading",
    "heading\n=======",
    "text\n---",
    "- item\n- item",
    "* item",
    "+ item",
    "1. first\n2. second",
    "1) first",
    "> quoted",
    "    four spaces make code",
    "\tA tab",
    "a | b\n--|--\n1 | 2",
    "line\nbreak  \nand\r\nmore\u2028here",
    "\\*escaped\\*",
    "&amp; &lt;b&gt; &#42;",
    "price: 4.87亿元 (同比+4.9%)",
    "1.2 and \u202e2.1\u202c",
    "\u2066isolated\u2069 text",
    "[ref]: http://example.com",
    "footnote[^1]",
    "<!-- comment -->",
    "菏泽市开发区“231”产业体系,4.87亿元*2",
]


def rendered(text: str) -> str:
    return MARKDOWN.render(plain(text))


def shown(html_text: str) -> str:
    """What a reader sees of the rendered HTML: its text, without the word joiners that only keep addresses inert."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_text)).replace("\u2060", "")


def as_written(text: str) -> str:
    """The text as data: the bidi controls dropped, line breaks and runs of spaces one space."""
    return " ".join(re.sub(f"[{BIDI}]", "", text).split())


@pytest.mark.parametrize("text", TEXTS, ids=repr)
def test_markup_in_data_text_comes_out_as_one_plain_paragraph(text):
    out = rendered(text)
    tags = re.findall(r"</?(\w+)", out)
    assert set(tags) <= {"p"} and tags.count("p") <= 2, out  # one <p>…</p>, nothing else
    assert " ".join(shown(out).split()) == as_written(text)


@pytest.mark.parametrize("text", TEXTS, ids=repr)
def test_streamlit_directives_find_nothing_to_read(text):
    """$…$ (LaTeX), :red[…] and :material/…: are read by Streamlit on the Markdown source: every $ and : escaped."""
    out = plain(text)
    assert not re.search(r"(?<!\\)[$:]", out), out
    assert "\n" not in out and not re.search(f"[{BIDI}]", out)


@pytest.mark.parametrize(
    "text",
    ["see http://example.com", "see https://example.com/a", "www.example.com", "mail a@b.cn", "HTTP://EXAMPLE.COM"],
)
def test_bare_addresses_cannot_become_links(text):
    """GitHub's autolinks are read after the escapes: a word joiner inside each address pattern stops them."""
    out = plain(text)
    assert not re.search(r"(?i)https?:\\?//|www\\?\.|@[-\w]", out), out
    assert shown(MARKDOWN.render(out)).strip() == text


def test_plain_takes_any_value():
    assert plain(None) == "None" and plain(4.87) == r"4\.87" and plain("") == ""
