"""The translation table (components/i18n.py and its TOML files): every key in Chinese and English, placeholders alike, no
key defined twice, and every key the code passes to t() or md() (read from the source with ast) in the table."""

from __future__ import annotations

import ast
import re
import string
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from components import i18n
from components.i18n import LANGS, has, md, pick, t, table, text_files
from support import ROOT

CODE = sorted([*(ROOT / "components").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"])
LOOKUPS = ("t", "md")  # t(key, lang), md(key, lang), and the View's v.t(key) / v.md(key)


@dataclass(frozen=True)
class Use:
    """A key as the code passes it: a literal, or a pattern for a key built at run time (an f-string)."""

    where: str
    key: str | None = None
    pattern: re.Pattern | None = None
    prefix: str = ""


def key_argument(node: ast.expr, where: str) -> list[Use]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [Use(where, key=node.value)]
    if isinstance(node, ast.IfExp):  # t("a" if x else "b")
        return key_argument(node.body, where) + key_argument(node.orelse, where)
    if isinstance(node, ast.JoinedStr):  # t(f"stage.{s}"): a key of that shape must exist
        parts = [re.escape(v.value) if isinstance(v, ast.Constant) else ".+" for v in node.values]
        prefix = ""
        for v in node.values:
            if not isinstance(v, ast.Constant):
                break
            prefix += v.value
        return [Use(where, pattern=re.compile("".join(parts)), prefix=prefix)]
    return []  # a variable: its value is a literal somewhere else, or comes from the data


def uses() -> list[Use]:
    found = []
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name in LOOKUPS:
                found += key_argument(node.args[0], f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


USES = uses()


def translated(key: str) -> bool:
    entry = table().get(key, {})
    return set(entry) == set(LANGS) and bool(entry["zh"].strip())


def test_the_scan_reads_the_code():
    literals = {u.key for u in USES if u.key}
    assert {"table.source", "chart.tooltip.report", "error.box.title", "validate.failed"} <= literals
    assert any(u.prefix == "error.where." for u in USES) and any(u.prefix == "type." for u in USES)
    assert len(literals) > 150


def test_every_key_has_chinese_and_english():
    wrong = {key: entry for key, entry in table().items() if set(entry) != set(LANGS) or not entry["zh"].strip()}
    assert not wrong, wrong
    # English may be empty where Chinese is a bare measure word (家, 个): English counts without one
    untranslated = {key: entry for key, entry in table().items() if not entry["en"].strip() and len(entry["zh"]) != 1}
    assert not untranslated, untranslated


# A language's own form of a value, which the caller gives beside the value: 第一季度 (quarter_zh) for Q1, a month's name
# in English (month_name) for its number.
OWN_FORMS = {"month_name": "month"}


def placeholders(text: str, lang: str) -> set[str]:
    """The names a text fills in, a language's own form of a value counted as the value."""
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    return {OWN_FORMS.get(name, name).removesuffix(f"_{lang}") for name in names}


def test_placeholders_match_between_languages():
    differ = {
        key: entry
        for key, entry in table().items()
        if entry["en"] and placeholders(entry["zh"], "zh") != placeholders(entry["en"], "en")
    }
    assert not differ, differ


def test_no_key_is_defined_twice():
    seen: dict[str, str] = {}
    for path in text_files():
        for key in tomllib.loads(path.read_text(encoding="utf-8")):  # TOML itself refuses a key twice in one file
            assert key not in seen, f"{key} in {seen.get(key)} and {path.name}"
            seen[key] = path.name
    assert set(seen) == set(table())


def test_a_key_in_two_files_is_refused(tmp_path, monkeypatch):
    for name in ("a.toml", "b.toml"):
        (tmp_path / name).write_text('"dup.key" = { zh = "一", en = "one" }\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "text_files", lambda: sorted(tmp_path.glob("*.toml")))
    i18n.table.cache_clear()
    try:
        with pytest.raises(ValueError, match="dup.key"):
            i18n.table()
    finally:
        monkeypatch.undo()
        i18n.table.cache_clear()
    assert has("nav.overview")


def test_every_literal_key_the_code_passes_is_translated():
    missing = sorted({f"{u.key} ({u.where})" for u in USES if u.key and not translated(u.key)})
    assert not missing, missing


def test_every_key_the_code_builds_has_keys_of_that_shape():
    keys = [k for k in table() if translated(k)]
    empty = sorted(
        {f"{u.pattern.pattern} ({u.where})" for u in USES if u.pattern and not any(u.pattern.fullmatch(k) for k in keys)}
    )
    assert not empty, empty
    unprefixed = sorted({f"{u.prefix} ({u.where})" for u in USES if u.prefix and not any(k.startswith(u.prefix) for k in keys)})
    assert not unprefixed, unprefixed


def strings_of_the_code() -> tuple[set[str], list[Use]]:
    """Every string constant of the code, and every f-string that starts with text, as a pattern: a key handed on in
    a variable (Part(heading="epidemic.text.title"), key = f"download.file.{stem}") is one of them."""
    literals, built = set(), []
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and any(  # a key's piece in it: f"{x}" alone says nothing of keys
                isinstance(v, ast.Constant) and re.fullmatch(r"\.?[a-z_]+(\.[a-z_]+)*\.?", v.value) and "." in v.value
                for v in node.values
            ):
                built += key_argument(node, str(path))
    return literals, built


def test_every_key_is_used_by_the_code():
    """A key no code reads is text a translator keeps up for nothing (and a sign of a page part gone)."""
    literals, built = strings_of_the_code()
    patterns = [u.pattern for u in built if u.pattern]
    unused = sorted(k for k in table() if k not in literals and not any(p.fullmatch(k) for p in patterns))
    assert not unused, unused


def test_lookups():
    assert (t("nav.overview", "zh"), t("nav.overview", "en")) == ("总览", "Overview")
    assert t("suffix.organisations", "en") == ""
    assert t("error.where.row", "en", file="f.csv", row=3) == "File f.csv, row 3"
    assert md("error.where.row", "en", file="*f*.csv", row=3) == r"File \*f\*\.csv, row 3"  # a value is data: inert
    assert pick({"label_zh": "进口", "label_en": None}, "label", "en") == "进口"
    assert pick({"label_zh": "进口", "label_en": "Imports"}, "label", "en") == "Imports"
    assert pick({}, "label", "en") == ""


def test_a_strict_lookup_raises_and_a_relaxed_one_shows_the_key(monkeypatch):
    assert i18n.STRICT, "the tests run strict (tests/conftest.py)"
    with pytest.raises(KeyError, match="no.such.key"):
        t("no.such.key", "en")
    monkeypatch.setattr(i18n, "STRICT", False)
    assert t("no.such.key", "en") == "no.such.key"


def test_the_text_files_are_where_i18n_reads_them():
    assert all(isinstance(p, Path) and p.suffix == ".toml" for p in text_files())
    assert {p.parent.name for p in text_files()} == {"text", "topics"}
