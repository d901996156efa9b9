"""Number formatting (components/figures/formatting.py) with the first report's units and qualifiers read from its CSVs:
figures read through their qualifier and status in Chinese and English, exact conversion, separators, percentages,
axis scales and qualifier notes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from components.figures.formatting import (
    convert,
    exact,
    format_number,
    format_pct,
    format_value,
    label_scale,
    qualifier_note,
    units_from_table,
)
from components.figures.qualifiers import qualifiers_from_table
from support import FIRST_REPORT, csv

QUALIFIERS = qualifiers_from_table(csv(FIRST_REPORT / "qualifiers.csv"))
UNITS = units_from_table(csv(FIRST_REPORT / "units.csv"))


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "status", "noun", "zh", "en"),
    [
        (260, "亿元", "about", None, "", "约260亿元", "about CNY 26 bn"),
        (2000, "名", "nearly", None, "", "近2,000名", "nearly 2,000 people"),
        (50, "个", "at_least", None, "", "50多个", "50+"),
        (50, "个", "at_least", None, "projects", "50多个", "50+ projects"),
        (300, "亿元", "at_least", None, "", "300多亿元", "CNY 30 bn+"),
        (5.5, "万人", "or_more", None, "", "5.5万人以上", "55,000 people or more"),
        (3000, "万元", "at_least", None, "", "3,000多万元", "CNY 30 m+"),
        (70, "亿元", None, "expected", "", "预计70亿元", "expected CNY 7 bn"),
        (70, "亿元", "more_than", "expected", "", "预计超过70亿元", "expected more than CNY 7 bn"),
        (300, "亿元", "more_than", "target", "", "力争超过300亿元", "target: more than CNY 30 bn"),
        (50, "个", "or_more", "target", "projects", "力争50个以上", "target: 50 projects or more"),
        (120, "亿元", "around", None, "", "120亿元左右", "around CNY 12 bn"),
        (10, "万元", "under", None, "", "不足10万元", "under CNY 100,000"),
        (4.87, "亿元", "exact", None, "", "4.87亿元", "CNY 487 m"),
        (0.79, "亿元", None, None, "", "0.79亿元", "CNY 79 m"),
        (19, "亿元", None, None, "", "19亿元", "CNY 1.9 bn"),
        (3.06, "亿美元", None, None, "", "3.06亿美元", "USD 306 m"),
        (9150, "元", None, None, "", "9,150元", "CNY 9,150"),
        (1034, "名", None, None, "", "1,034名", "1,034 people"),
        (1.2, "万人次", None, None, "", "1.2万人次", "12,000 attendances"),
        (3.8, "万亩", None, None, "", "3.8万亩", "38,000 mu"),
        (32, "所", None, None, "", "32所", "32 schools"),
        (107, "家", None, None, "", "107家", "107"),  # English counts enterprises with no measure word
        (107, "家", None, None, "enterprises", "107家", "107 enterprises"),
    ],
)
def test_a_figure_reads_through_its_qualifier_and_status(value, unit, qualifier, status, noun, zh, en):
    q, s = QUALIFIERS.get(qualifier), QUALIFIERS.get(status)
    assert format_value(value, UNITS[unit], "zh", q, s, noun=noun) == zh
    assert format_value(value, UNITS[unit], "en", q, s, noun=noun) == en


@pytest.mark.parametrize(
    ("bound", "status", "words"),
    [
        ("more_than", "expected", ("预计", "超过", "expected", "more than")),
        ("more_than", "target", ("力争", "超过", "target", "more than")),
    ],
)
def test_a_bound_and_a_status_both_keep_their_words(bound, status, words):
    """预计超过 and 力争突破: the status and the bound each say their part, in both languages."""
    zh = format_value(70, UNITS["亿元"], "zh", QUALIFIERS[bound], QUALIFIERS[status])
    en = format_value(70, UNITS["亿元"], "en", QUALIFIERS[bound], QUALIFIERS[status])
    assert zh.index(words[0]) < zh.index(words[1]) < zh.index("70") and en.index(words[2]) < en.index(words[3]) < en.index("7")


def test_a_missing_value_says_so():
    assert format_value(None, UNITS["亿元"], "zh") == "未公布金额"
    assert format_value(float("nan"), UNITS["亿元"], "en", QUALIFIERS["at_least"]) == "amount not published"


def test_decimals_round_a_derived_figure():
    assert format_value(Decimal("12.3456"), UNITS["亿元"], "zh", decimals=2) == "12.35亿元"
    assert format_value(Decimal("1234.5"), UNITS["名"], "en", decimals=0) == "1,235 people"  # half up, as 四舍五入


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        (4.87, "亿元", "元", Decimal("487000000")),
        (0.79, "亿元", "万元", Decimal("7900")),
        (3000, "万元", "亿元", Decimal("0.3")),
        (5.5, "万人", "人", Decimal("55000")),
        (0.1, "亿元", "元", Decimal("10000000")),
        (1.2, "万人次", "人次", Decimal("12000")),
    ],
)
def test_conversion_is_exact(value, source, target, expected):
    converted = convert(value, UNITS[source], UNITS[target])
    assert converted == expected and isinstance(converted, Decimal)
    assert format_number(converted) == f"{int(expected):,}" if expected == int(expected) else str(expected)


def test_conversion_across_quantities_is_refused():
    with pytest.raises(ValueError, match="different quantities"):
        convert(1, UNITS["亿元"], UNITS["亿美元"])
    with pytest.raises(ValueError):
        convert(1, UNITS["人"], UNITS["人次"])


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (487000000, None, "487,000,000"),
        (1234567.891, None, "1,234,567.891"),
        (4.87, None, "4.87"),
        (1000, None, "1,000"),
        (999, None, "999"),
        (2.0, None, "2"),
        (0.5, None, "0.5"),
        (Decimal("4.8700"), None, "4.87"),
        (12.3456, 1, "12.3"),
        (12.96, 1, "13"),
        (0, None, "0"),
    ],
)
def test_numbers_have_thousands_separators_and_no_trailing_zeros(value, decimals, text):
    assert format_number(value, decimals) == text


def test_a_stored_number_is_the_decimal_it_was_written_as():
    assert exact(4.87) == Decimal("4.87") and exact(0.79) == Decimal("0.79") and exact(Decimal("1.10")) == Decimal("1.10")


@pytest.mark.parametrize(
    ("value", "kwargs", "text"),
    [
        (4.9, {}, "+4.9%"),
        (-3.2, {}, "-3.2%"),
        (0, {}, "0%"),
        (0.04, {}, "0%"),  # rounds to nothing: no sign
        (15.44, {}, "+15.4%"),
        (80.6, {"signed": False}, "80.6%"),
        (12.345, {"decimals": 2}, "+12.35%"),
        (1234.5, {}, "+1,234.5%"),
        (None, {}, "—"),
        (float("nan"), {}, "—"),
    ],
)
def test_percentages_carry_their_sign(value, kwargs, text):
    assert format_pct(value, **kwargs) == text


@pytest.mark.parametrize(
    ("largest", "value_unit", "label_unit", "lang", "per", "name"),
    [
        (300, "亿元", "亿元", "zh", 1, "亿元"),
        (300, "亿元", "亿元", "en", 10, "CNY bn"),  # 300 亿元 = CNY 30 bn: 10 亿元 a step
        (0.79, "亿元", "亿元", "en", Decimal("0.01"), "CNY m"),  # CNY 79 m: a million is 0.01 亿元
        (3000, "万元", "万元", "en", 100, "CNY m"),
        (3.06, "亿美元", "亿美元", "en", Decimal("0.01"), "USD m"),
        (30.6, "亿美元", "亿美元", "en", 10, "USD bn"),
        (5.5, "万人", "万人", "en", Decimal("0.0001"), "people"),
        (55000, "人", "万人", "zh", 10000, "万人"),  # held in people, published in 万人
        (107, "家", "家", "en", 1, ""),
    ],
)
def test_an_axis_reads_like_its_labels(largest, value_unit, label_unit, lang, per, name):
    scale = label_scale(largest, UNITS[value_unit], UNITS[label_unit], lang)
    assert (scale.per, scale.name) == (Decimal(per), name)


def test_qualifier_note_names_what_kind_of_number_it_is():
    assert qualifier_note(QUALIFIERS["at_least"], QUALIFIERS["expected"], "en") == "lower bound: more than this · expected"
    assert qualifier_note(QUALIFIERS["nearly"], None, "zh") == "略低于此数"
    assert qualifier_note(None, QUALIFIERS["target"], "zh") == "目标值"
    assert qualifier_note(QUALIFIERS["exact"], None, "en") == "" and qualifier_note(None, None, "zh") == ""


def test_english_counts_name_the_base_unit():
    assert UNITS["万人"].noun_en == "people" and UNITS["万人次"].noun_en == "attendances" and UNITS["万亩"].noun_en == "mu"
    assert UNITS["家"].noun_en == ""  # deliberately empty in the translations
    assert UNITS["亿元"].factor == Decimal(10) ** 8 and UNITS["亿元"].base_unit == "元"
