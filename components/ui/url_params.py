"""Links that keep the view: widget values read from and written back to the URL's query parameters.

Streamlit's own bind="query-params" writes a widget's *displayed* label into the URL, which would make links depend on
the reader's language; these helpers keep stable ids (lang=en, stage=new_start) instead."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

import streamlit as st

from components.ui.internals import history_navigation

MAX_PARAM_LENGTH = 200
MIN_ROTATE_SECONDS, MAX_ROTATE_SECONDS = 5, 3600


def parse_choice(values: Sequence[str], options: Sequence, default=None):
    """The last value if it is one of the options, else the default: unknown or tampered values are ignored."""
    for value in reversed(list(values)):
        if len(value) <= MAX_PARAM_LENGTH and value in options:
            return value
    return default


def parse_choices(values: Sequence[str], options: Sequence) -> list:
    """The known options among the values, in the options' order, without repeats."""
    given = {v for v in values if len(v) <= MAX_PARAM_LENGTH}
    return [o for o in options if o in given]


# A number as the app writes one: ASCII digits with an optional decimal part. float() would also take "１２", "1e3",
# "nan", "inf", " 5" and "1_000", none of which a link of the app's own holds.
_NUMBER = re.compile(r"[0-9]{1,12}(?:\.[0-9]{1,6})?")


def parse_number(values: Sequence[str], minimum: float, maximum: float, default: float | None = None) -> float | None:
    """A plain decimal number within [minimum, maximum] (the last such of repeated values), else the default."""
    for value in reversed(list(values)):
        if _NUMBER.fullmatch(value) and minimum <= (number := float(value)) <= maximum:
            return number
    return default


def parse_text(values: Sequence[str], max_length: int = 60) -> str:
    """Free text (a search): the last value without control or format characters (NUL, bidi overrides, zero-width
    ones; no reader types them), its spaces collapsed, cut to a sane length. It is only ever compared with data, and
    shown through markdown.plain."""
    if not values:
        return ""
    visible = "".join(" " if c.isspace() else c for c in values[-1] if unicodedata.category(c) not in ("Cc", "Cf"))
    return " ".join(visible.split())[:max_length]


def parse_rotate(value: str | Sequence[str] | None) -> int | None:
    """Seconds between pages in presentation mode, or None: anything but a whole number in range means "do not rotate".
    ASCII digits only: str.isdigit() also accepts "²³" and "①", which int() refuses."""
    if not isinstance(value, str):
        value = value[-1] if value else None
    if value is None or not (value.isascii() and value.isdigit()) or len(value) > 5:
        return None
    seconds = int(value)
    return seconds if MIN_ROTATE_SECONDS <= seconds <= MAX_ROTATE_SECONDS else None


def initial(key: str, parse: Callable[[list[str]], object]) -> None:
    """Seed a session value from the URL the first time it is needed in this session, and again when the reader goes
    Back or Forward: the URL of that history entry is then what they asked for, and the session's newer value written
    over it would trap them on the page."""
    if key not in st.session_state or history_navigation():
        st.session_state[key] = parse(st.query_params.get_all(key))


def write(key: str, value, default=None) -> None:
    """Put the value in the URL, or take the parameter out when it is the default, so links stay short."""
    if value == default or value in (None, "", []):
        if key in st.query_params:
            del st.query_params[key]
        return
    encoded = [str(v) for v in value] if isinstance(value, (list, tuple)) else str(value)
    if st.query_params.get_all(key) != (encoded if isinstance(encoded, list) else [encoded]):
        st.query_params[key] = encoded
