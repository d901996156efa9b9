"""URL parameter parsing: known values pass, anything else falls back to the default."""

from __future__ import annotations

from components.topics.registry import TOPICS, next_topic
from components.ui.url_params import parse_choice, parse_choices, parse_number, parse_rotate, parse_text


def test_choice():
    assert parse_choice(["en"], ["zh", "en"], "zh") == "en"
    for bad in (["fr"], ["<script>"], ["x" * 5000], [], [""]):
        assert parse_choice(bad, ["zh", "en"], "zh") == "zh"


def test_choices_keep_known_values_in_option_order():
    assert parse_choices(["b", "zzz", "a", "a"], ["a", "b", "c"]) == ["a", "b"]
    assert parse_choices(["<img onerror=1>"], ["a"]) == []


def test_number_in_range():
    assert parse_number(["12.5"], 0, 200, 0) == 12.5
    for bad in (["-1"], ["1e9"], ["abc"], ["nan"], ["inf"]):
        assert parse_number(bad, 0, 200, 0) == 0


def test_text_is_cut():
    assert len(parse_text(["a" * 1000])) == 60
    assert parse_text([]) == ""


def test_rotate():
    assert parse_rotate("30") == 30
    for bad in (None, "abc", "-5", "0", "2", "1e9", "99999999", "<b>", "²³", "①", "¹", "３０", "٣٠", " 30", "+30"):
        assert parse_rotate(bad) is None, bad
    assert parse_rotate(["abc", "30"]) == 30  # the last of repeated values, as for every other parameter
    assert parse_rotate([]) is None


def test_rotation_order_wraps():
    keys = [topic.key for topic in TOPICS]
    assert [next_topic(key).key for key in keys] == keys[1:] + keys[:1]
    assert next_topic("no-such-page").key == keys[0]
