"""The interface's translation table (components/text/*.toml, one file per area) and language helpers."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import pandas as pd

from components.markdown import plain

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
TEXT_DIR = Path(__file__).parent / "text"
# Each topic keeps its own texts beside its description (components/topics/<topic>.toml).
TOPICS_DIR = Path(__file__).parent / "topics"
# Strict (HEZE_STRICT_TEXT=1): an unknown key raises KeyError instead of showing itself; the tests run so (tests/conftest.py).
STRICT = os.environ.get("HEZE_STRICT_TEXT") == "1"


def text_files() -> list[Path]:
    """The translation files: the shared ones, then each topic's."""
    return sorted(TEXT_DIR.glob("*.toml")) + sorted(TOPICS_DIR.glob("*.toml"))


@cache
def table() -> dict[str, dict[str, str]]:
    """key -> {"zh": ..., "en": ...}, merged from every file; a key defined twice is a mistake, so it raises."""
    merged: dict[str, dict[str, str]] = {}
    for path in text_files():
        for key, entry in tomllib.loads(path.read_text(encoding="utf-8")).items():
            if key in merged:
                raise ValueError(f"translation key {key!r} defined twice ({path})")
            merged[key] = entry
    return merged


def t(key: str, lang: str, **values) -> str:
    """The text for key in lang, with {placeholders} filled; an unknown key shows itself, so it is noticed, not hidden."""
    entry = table().get(key)
    if STRICT and (entry is None or lang not in entry):
        raise KeyError(f"no {lang} text for translation key {key!r}")
    if entry is None:
        return key
    text = entry[lang] if lang in entry else entry[DEFAULT_LANG]  # an empty text is meant (English has no measure words)
    return text.format(**values) if values else text


def has(key: str) -> bool:
    return key in table()


def md(key: str, lang: str, **values) -> str:
    """t() for a Streamlit call that reads Markdown: the text's own Markdown kept, every value (data text, a period's
    name, a list of names) shown as written."""
    return t(key, lang, **{name: plain(value) for name, value in values.items()})


def pick(row: Mapping, base: str, lang: str) -> str:
    """A data row's own label in lang: pick(row, "name", "en") reads row["name_en"], falling back to Chinese."""
    value = row.get(f"{base}_{lang}")
    if _missing(value):
        value = row.get(f"{base}_{DEFAULT_LANG}")
    return "" if _missing(value) else str(value)


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)
