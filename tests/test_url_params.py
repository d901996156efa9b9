"""URL parameter parsers (components/ui/url_params.py) against hostile values: each gives its default, or the valid value
among repeated ones; free text comes back without invisible characters, cut short."""

from __future__ import annotations

import unicodedata

import pytest

from components.ui.url_params import (
    MAX_ROTATE_SECONDS,
    MIN_ROTATE_SECONDS,
    parse_choice,
    parse_choices,
    parse_number,
    parse_rotate,
    parse_text,
)

# Values no link of the app holds: controls, invisible format characters, digits float() or isdigit() would take, huge
# and empty values, markup.
HOSTILE = [
    "",
    "\x00",
    "en\x00",
    "\u202een",  # a right-to-left override
    "e\u200bn",  # a zero-width space inside
    "\ufeffen",
    "１２",  # full-width digits
    "٣٠",  # Arabic-Indic digits
    "²",
    "①",
    "x" * 5000,
    "1" * 5000,
    "1e9",
    "1E2",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    " 5",
    "5 ",
    "5\n",
    "1_000",
    "0x10",
    "-1",
    "+5",
    "5.",
    ".5",
    "5,0",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%00",
]
OPTIONS = ["zh", "en"]


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
def test_a_hostile_value_is_no_choice(value):
    assert parse_choice([value], OPTIONS, "zh") == "zh"
    assert parse_choice([value], OPTIONS) is None
    assert parse_choices([value], OPTIONS) == []


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
def test_a_hostile_value_is_no_number(value):
    assert parse_number([value], 0, 1e12, 7.0) == 7.0
    assert parse_number([value], 0, 1e12) is None


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
def test_a_hostile_value_does_not_rotate(value):
    assert parse_rotate(value) is None
    assert parse_rotate([value]) is None


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
def test_hostile_text_comes_back_visible_and_short(value):
    text = parse_text([value])
    assert len(text) <= 60
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in text)
    assert text == " ".join(text.split())  # no leading, trailing or repeated spaces


@pytest.mark.parametrize(
    ("values", "text"),
    [
        (["a\u202eb"], "ab"),
        (["e\u200bn"], "en"),
        (["\x00菏泽\x00"], "菏泽"),
        (["  医药\t\n 港  "], "医药 港"),
        (["x" * 5000], "x" * 60),
        (["first", "second"], "second"),  # the last of repeated values
        ([], ""),
    ],
)
def test_text_is_cleaned(values, text):
    assert parse_text(values) == text


@pytest.mark.parametrize(
    ("values", "choice"),
    [
        (["en"], "en"),
        (["nan", "\x00", "en", "x" * 5000], "en"),  # the valid one among hostile ones
        (["en", "zh"], "zh"),  # the last valid one
        (["zh", "en\u200b"], "zh"),
        (["EN"], "zh"),
        ([], "zh"),
    ],
)
def test_the_valid_choice_among_repeated_values(values, choice):
    assert parse_choice(values, OPTIONS, "zh") == choice


@pytest.mark.parametrize(
    ("values", "choices"),
    [
        (["b", "zzz", "a", "a"], ["a", "b"]),  # the options' order, each once
        (["c", "\x00", "1e9", "a" * 5000], ["c"]),
        (["<img onerror=1>"], []),
        ([], []),
    ],
)
def test_choices_are_the_known_values_in_the_options_order(values, choices):
    assert parse_choices(values, ["a", "b", "c", "a" * 5000]) == choices


@pytest.mark.parametrize(
    ("values", "number"),
    [
        (["12.5"], 12.5),
        (["0"], 0.0),
        (["200"], 200.0),
        (["200.000001"], None),  # above the maximum
        (["abc", "12", "nan"], 12.0),  # the last valid value
        (["3", "4"], 4.0),
        (["4", "1e9"], 4.0),
        (["1234567890123"], None),  # more digits than a link of the app writes
        (["1.1234567"], None),
    ],
)
def test_a_plain_number_in_range(values, number):
    assert parse_number(values, 0, 200) == number


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("30", 30),
        (str(MIN_ROTATE_SECONDS), MIN_ROTATE_SECONDS),
        (str(MIN_ROTATE_SECONDS - 1), None),
        (str(MAX_ROTATE_SECONDS), MAX_ROTATE_SECONDS),
        (str(MAX_ROTATE_SECONDS + 1), None),
        ("0", None),
        ("99999999", None),
        ("030", 30),
        (["abc", "30"], 30),  # the last of repeated values
        (["30", "abc"], None),
        ([], None),
        (None, None),
    ],
)
def test_rotation_seconds_within_bounds(value, seconds):
    assert parse_rotate(value) == seconds


def test_the_rotation_bounds_are_sane():
    assert 0 < MIN_ROTATE_SECONDS < MAX_ROTATE_SECONDS <= 24 * 3600
