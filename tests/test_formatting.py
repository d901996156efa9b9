"""Formatting: qualifiers survive in both languages, unit scales convert exactly, derived figures stay exact."""

from __future__ import annotations

from decimal import Decimal

import pytest

from components.data.loader import read_dataset
from components.figures.formatting import (
    convert,
    exact,
    format_number,
    format_pct,
    format_value,
    label_scale,
    units_from_table,
)
from support import DATA


@pytest.fixture(scope="module")
def units():
    return units_from_table(read_dataset(DATA).tables["units"])


@pytest.fixture(scope="module")
def facts():
    return read_dataset(DATA).tables["facts"]


def test_every_lower_bound_keeps_its_qualifier_in_both_languages(facts, units):
    for row in facts[facts["qualifier"] == "at_least"].itertuples():
        zh = format_value(row.value, units[row.unit], row.qualifier, "zh")
        en = format_value(row.value, units[row.unit], row.qualifier, "en")
        assert "多" in zh or "以上" in zh, zh
        assert "+" in en, en


def test_every_exact_figure_is_shown_without_a_qualifier(facts, units):
    for row in facts[facts["qualifier"] == "exact"].itertuples():
        zh = format_value(row.value, units[row.unit], row.qualifier, "zh")
        assert not any(mark in zh for mark in ("多", "以上", "+", "预计")), zh


def test_forecasts_say_so(facts, units):
    for row in facts[facts["qualifier"] == "expected"].itertuples():
        assert format_value(row.value, units[row.unit], row.qualifier, "zh").startswith("预计")
        # English says so after the value, so a value never starts in lower case: "CNY 7 bn (forecast)"
        assert format_value(row.value, units[row.unit], row.qualifier, "en").endswith(" (forecast)")


@pytest.mark.parametrize(
    "value,unit,qualifier,zh,en",
    [
        (300, "亿元", "at_least", "300多亿元", "CNY 30 bn+"),
        (50, "个", "at_least", "50多个", "50+"),
        (3.06, "亿美元", "exact", "3.06亿美元", "USD 306 m"),
        (5.5, "万人", "at_least", "5.5万人以上", "55,000+ people"),
        (3200, "元", "exact", "3,200元", "CNY 3,200"),
        (1.2, "万人次", "exact", "1.2万人次", "12,000 attendances"),
        (0.79, "亿元", "exact", "0.79亿元", "CNY 79 m"),
    ],
)
def test_examples_from_the_issue(units, value, unit, qualifier, zh, en):
    assert format_value(value, units[unit], qualifier, "zh") == zh
    assert format_value(value, units[unit], qualifier, "en") == en


def test_missing_amount_is_never_zero(units):
    assert format_value(None, units["亿元"], "exact", "zh") == "未公布金额"
    assert format_value(float("nan"), units["亿元"], "exact", "en") == "amount not published"


@pytest.mark.parametrize(
    "value,source,target,expected",
    [
        (3000, "万元", "亿元", "0.3"),
        (0.79, "亿元", "万元", "7900"),
        (1.2, "万人次", "人次", "12000"),
        (3.8, "万亩", "万亩", "3.8"),
        (4.87, "亿元", "元", "487000000"),
        (3.06, "亿美元", "亿美元", "3.06"),
    ],
)
def test_scale_conversion_is_exact(units, value, source, target, expected):
    assert convert(value, units[source], units[target]) == Decimal(expected)


def test_round_trip_conversion_is_exact(units):
    for value in (0.79, 4.87, 17.7, 2.6, 3.06):
        there = convert(value, units["亿元"], units["万元"])
        assert convert(there, units["万元"], units["亿元"]) == exact(value)


def test_currencies_and_quantities_are_never_mixed(units):
    with pytest.raises(ValueError):
        convert(3.06, units["亿美元"], units["亿元"])
    with pytest.raises(ValueError):
        convert(100, units["人"], units["人次"])


def test_numbers_and_percentages():
    assert format_number(1034, "zh") == "1,034"
    assert format_number(7.333333, "en", 2) == "7.33"
    assert format_number(4.870, "en") == "4.87"
    assert format_pct(4.9, "en") == "+4.9%"
    assert format_pct(-2.25, "zh") == "-2.2%" or format_pct(-2.25, "zh") == "-2.3%"


# (largest figure, the unit it is held in, the unit it was published in, language) -> held units per axis unit, its name.
# 1 亿元 = 10^8 元: an axis in CNY bn counts 10 亿元 a step, in CNY m 1/100 亿元; 1 万人 = 10^4 人.
@pytest.mark.parametrize(
    "largest, held, published, lang, per, name",
    [
        (300, "亿元", "亿元", "zh", 1, "亿元"),
        (300, "亿元", "亿元", "en", 10, "CNY bn"),
        (4.87, "亿元", "亿元", "en", Decimal("0.01"), "CNY m"),
        (0.3, "亿元", "万元", "zh", Decimal("0.0001"), "万元"),
        (55_000, "人", "万人", "zh", 10_000, "万人"),
        (55_000, "人", "万人", "en", 1, "people"),
        (12_000, "人次", "万人次", "zh", 10_000, "万人次"),
        (6715, "名", "名", "zh", 1, "名"),
    ],
)
def test_an_axis_counts_in_the_scale_its_largest_label_is_written_in(units, largest, held, published, lang, per, name):
    scale = label_scale(largest, units[held], units[published], lang)
    assert (scale.per, scale.name) == (Decimal(per), name)
    # the largest figure on that axis is the number its label shows
    shown = format_value(convert(largest, units[held], units[published]), units[published], "exact", lang)
    assert format_number(Decimal(str(largest)) / scale.per, lang).replace(",", "") in shown.replace(",", "")
