"""Data text made inert for Streamlit's Markdown: the one escaping rule, shared by the pure builders and the UI (no
Streamlit here). Every label, help text, option, caption, heading, tab, expander and popover that shows data text
passes it through plain() where it meets the Streamlit call."""

from __future__ import annotations

import re

# CommonMark lets a backslash escape any ASCII punctuation, and then shows the character as itself: escaping all of it
# (not a chosen few) leaves Markdown, Streamlit's directives (:red[…], :material/…:), emoji shortcodes and LaTeX ($)
# nothing to read, whatever comes next. Escaped ":" is what stops the shortcodes (checked in the browser).
ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# A line break inside data text would start a new Markdown line, where "===" makes a heading and "- " a list: data text
# is one paragraph, so every kind of break (and a tab) becomes a space.
LINE_BREAKS = re.compile(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")
# Four spaces at the start make code; one is kept (Markdown drops it at a paragraph's start, and a piece of a longer
# text keeps its word space).
INDENT = re.compile(r"^ {2,}")
# Invisible controls that reorder the text around them (a right-to-left override can make "1.2" read "2.1"); real
# Arabic or Hebrew text needs none of them, the browser orders it by itself.
BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")

# GitHub-flavoured Markdown makes links of bare addresses (http://…, www.…, a@b.cn) after the escapes are read, so a
# backslash cannot stop it: an invisible word joiner (U+2060) inside each of those patterns does.
AUTOLINKS = re.compile(r"(?i)(?<=https:)(?=//)|(?<=http:)(?=//)|(?<=www)(?=\.)|(?<=@)(?=[-\w])")
WORD_JOINER = "\u2060"


def plain(text: object) -> str:
    """Data text made inert for every Streamlit call that reads Markdown: shown as written, on one line."""
    one_line = INDENT.sub(" ", LINE_BREAKS.sub(" ", BIDI_CONTROLS.sub("", str(text))))
    return ASCII_PUNCTUATION.sub(r"\\\1", AUTOLINKS.sub(WORD_JOINER, one_line))
