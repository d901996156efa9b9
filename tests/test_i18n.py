"""The translation table: every key in both languages, placeholders alike, no key defined twice."""
from __future__ import annotations

import re
import tomllib

from components.i18n import LANGS, pick, t, table, text_files

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_every_key_has_both_languages():
    for key, entry in table().items():
        assert set(entry) == set(LANGS), key
        assert entry["zh"].strip(), key
        # English may be empty only where Chinese is a bare measure word (English has none)
        assert entry["en"].strip() or len(entry["zh"]) == 1, key


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
    assert t("nav.overview", "zh") != t("nav.overview", "en")
    assert t("no.such.key", "en") == "no.such.key"
    assert pick({"label_zh": "进口", "label_en": None}, "label", "en") == "进口"
