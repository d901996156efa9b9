"""The translation table: every key in both languages, placeholders alike, no key defined twice; every key the code
asks for is there (read from the source, tests/text_keys.py); strict lookups raise on an unknown key."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import tomllib

import pytest

from components import i18n
from components.i18n import LANGS, pick, t, table, text_files
from components.topics.registry import TOPICS
from support import ROOT
from text_keys import Code, key_uses

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_every_key_has_both_languages():
    for key, entry in table().items():
        assert set(entry) == set(LANGS), key
        assert entry["zh"].strip(), key
        # English may be empty only where Chinese is a bare measure word (English has none)
        assert entry["en"].strip() or len(entry["zh"]) == 1, key


# The app's font puts a Chinese face first, which draws these as wide as a Chinese character: "“more than”" gains a gap
# on each side. English uses the straight forms.
WIDE_IN_CHINESE_FONTS = (
    "\u201c\u201d\u2018\u2019\u300c\u300d\uff08\uff09\uff0c\uff1a\uff1b"  # “ ” ‘ ’ 「 」 and full-width ( ) , : ;
)


def test_english_texts_use_no_punctuation_a_chinese_font_draws_wide():
    for key, entry in table().items():
        assert not set(entry["en"]) & set(WIDE_IN_CHINESE_FONTS), (key, entry["en"])


def test_english_data_labels_use_no_punctuation_a_chinese_font_draws_wide():
    import csv

    for path in sorted((ROOT / "data").glob("*.csv")):
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for column, value in row.items():
                    if column.endswith("_en"):
                        assert not set(value or "") & set(WIDE_IN_CHINESE_FONTS), (path.name, column, value)


def test_placeholders_match_between_languages():
    for key, entry in table().items():
        assert set(PLACEHOLDER.findall(entry["zh"])) == set(PLACEHOLDER.findall(entry["en"])), key


def test_no_key_is_defined_in_two_files():
    seen: dict[str, str] = {}
    for path in text_files():
        for key in tomllib.loads(path.read_text(encoding="utf-8")):
            assert key not in seen, f"{key} in {seen.get(key)} and {path.name}"
            seen[key] = path.name


def test_lookup_and_fallbacks():
    assert t("nav.overview", "zh") == "总览" and t("nav.overview", "en") == "Overview"
    assert t("suffix.organisations", "en") == ""  # meant: English counts organisations without a measure word
    assert pick({"label_zh": "进口", "label_en": None}, "label", "en") == "进口"


def translated(key: str) -> bool:
    """In the table with a Chinese text and an English one (English may be empty, as the table's rules allow)."""
    entry = table().get(key, {})
    return bool(entry.get("zh")) and isinstance(entry.get("en"), str)


@pytest.fixture(scope="module")
def uses():
    return key_uses()


def test_every_key_the_code_asks_for_is_in_both_languages(uses):
    missing = [f"{use.text} ({use.where})" for use in uses if use.is_static and not translated(use.text)]
    assert not missing, f"keys the code uses but the translation files lack: {missing}"


def test_every_key_family_the_code_builds_has_keys(uses):
    """t(f"stage.{s}", lang): the values of s are known only when it runs, but some stage.* key must exist."""
    empty = [
        f"{use.text} ({use.where})"
        for use in uses
        if not use.is_static and not any(use.matches(key) and translated(key) for key in table())
    ]
    assert not empty, f"key patterns no translation matches: {empty}"


def test_every_key_in_the_translation_files_is_used(uses):
    """A text nothing asks for is dead: it is either a leftover or a key the code spells another way."""
    declared = {key for topic in TOPICS for key in (topic.title_key, topic.heading_key, topic.intro_key)}
    unused = [key for key in table() if key not in declared and not any(use.matches(key) for use in uses)]
    assert not unused, f"translation keys no code uses: {unused}"


def test_every_topic_has_its_name_heading_and_introduction():
    for topic in TOPICS:
        for key in (topic.title_key, topic.heading_key, topic.intro_key):
            assert translated(key), f"{topic.key}: {key}"


def test_the_search_follows_every_way_the_code_hands_over_a_key(tmp_path):
    """Each line is one way the app passes a key on; a part only the running code knows stays open (k.kind.*)."""
    code = tmp_path / "page.py"
    code.write_text(
        textwrap.dedent("""
        SOURCE = {"citation": "k.source"}
        HEADERS = {c: f"k.header.{c}" for c in ("a", "b")}
        FIELDS = ("x", "y")
        card = OverviewCard("some.metric", "k.card")
        if ready:
            key = "k.if" if broken else "k.else"
            t(key, lang)

        def table_for_reader(frame, lang, columns):
            return {field: t(name, lang) for field, name in columns.items()}

        def caption(text_key, **values):
            return t(text_key, lang, **values)

        def build(kind, where):
            table_for_reader(frame, lang, {"label": "k.label", **SOURCE})
            table_for_reader(frame, lang, HEADERS)
            caption("k.caption")
            columns = {"value": "k.local"}
            names = [t(v, lang) for _, v in columns.items()]
            lines = [t(f"k.field.{name}", lang) for name in FIELDS]
            t(f"k.where.{'cell' if where else 'file'}", lang)
            return t("k.plain", lang) + t(f"k.kind.{kind}", lang) + t(kind, lang)
    """),
        encoding="utf-8",
    )
    uses = Code([code]).uses()
    static = (
        "k.if",
        "k.else",
        "k.label",
        "k.source",
        "k.header.a",
        "k.header.b",
        "k.caption",
        "k.local",
        "k.field.x",
        "k.field.y",
        "k.where.cell",
        "k.where.file",
        "k.plain",
        "k.card",
    )
    assert {use.text: use.is_static for use in uses} == dict.fromkeys(static, True) | {"k.kind.*": False}
    assert [use.matches("k.kind.any") for use in uses if not use.is_static] == [True]


def test_the_search_reads_the_app(uses):
    found = {use.text for use in uses}
    assert {"table.source", "sources.dictionary.field", "sources.uses.key", "overview.note.trade", "stage.*"} <= found


def test_a_strict_lookup_raises_on_an_unknown_key():
    assert i18n.STRICT, "the tests run strict (tests/conftest.py)"
    with pytest.raises(KeyError, match="no.such.key"):
        t("no.such.key", "en")


def test_the_app_shows_an_unknown_key_as_itself(monkeypatch):
    monkeypatch.setattr(i18n, "STRICT", False)
    assert t("no.such.key", "en") == "no.such.key"


def test_the_environment_makes_a_new_process_strict():
    """HEZE_STRICT_TEXT=1 is what the app servers of the browser tests inherit from tests/conftest.py; without it, as in
    production, an unknown key shows itself."""

    def lookup(env: dict[str, str]) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", "from components.i18n import t; print(t('no.such.key', 'en'))"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )

    assert os.environ.get("HEZE_STRICT_TEXT") == "1"
    strict = lookup(dict(os.environ))
    assert strict.returncode != 0 and "KeyError" in strict.stderr
    relaxed = lookup({k: v for k, v in os.environ.items() if k != "HEZE_STRICT_TEXT"})
    assert relaxed.returncode == 0 and relaxed.stdout.strip() == "no.such.key"
