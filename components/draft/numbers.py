"""Numbers as the reports write them (21,356 / 4.87 / 百 / 两 / 十二), their units, and plain decimal values."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from components.data.checks import NUMBER

# What the validator counts as a number (components/data/checks.py): every match must end up in a figure's
# as_published, a named item or a non_metric_numbers row, so the draft counts the same way.
COUNTED_NUMBER = NUMBER

# Not inside a number: the reports also use "," as the Chinese comma (其中,2个), so only a digit before it counts.
ARABIC = r"(?<!\d)(?<!\d[.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
CHINESE_DIGITS = "零〇一二两三四五六七八九"
CHINESE_NUMERALS = CHINESE_DIGITS + "十百千万亿"
# Lazy, so that 三千万元 reads as 三千 + 万元 and 百余人 as 百 + 余 + 人; never starting with 万 or 亿 (亿元以上 is a unit).
CHINESE = rf"(?<![{CHINESE_NUMERALS}])[{CHINESE_NUMERALS[:-2]}][{CHINESE_NUMERALS}]*?"

# Measure words a report may put after a number: with units.csv's units they tell a figure from a bare number (2020年,
# 5G). One not in units.csv is kept as written and reported as unknown. Years, months, days, phases and levels (年 月 日
# 期 级) are left out on purpose: they make dates and ordinals, not figures.
MEASURE_WORDS = (
    "个百分点", "百分点", "平方公里", "平方米", "立方米", "千瓦时", "千瓦", "公里", "公顷", "公斤", "千克", "人次", "户次",
    "剂次", "美元", "元", "亩", "吨", "米", "台", "套", "辆", "件", "座", "户", "项", "次", "场", "批", "篇", "间", "张",
    "头", "只", "株", "棵", "倍", "位", "支", "处", "栋", "床", "剂", "天", "小时", "个", "家", "所", "名", "人", "条",
    "种", "类", "份", "部", "本", "册", "款", "层", "块", "枚", "箱", "根", "斤", "升", "%", "‰",
)  # fmt: skip
MAGNITUDES = ("万", "亿")


def unit_pattern(known_units: Iterable[str]) -> str:
    """A regex alternation of every unit: units.csv's, and 万/亿 with or without a measure word; longest first."""
    units = set(known_units) | set(MAGNITUDES)
    units |= {magnitude + word for magnitude in ("", *MAGNITUDES) for word in MEASURE_WORDS}
    return "|".join(re.escape(u) for u in sorted((u for u in units if u), key=len, reverse=True))


def chinese_value(text: str) -> Decimal:
    """十二 -> 12, 两千五百 -> 2500, 百 -> 100, 三万 -> 30000, 双 -> 2 (a numeral word with an implicit 一 before 十/百/千)."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2, "双": 2}
    small = {"十": 10, "百": 100, "千": 1000}
    total, section, digit = 0, 0, None
    for char in text:
        if char in digits:
            digit = digits[char]
        elif char in small:
            section += (1 if digit is None else digit) * small[char]
            digit = None
        else:  # 万 or 亿 closes a section
            section += digit or 0
            total += (section or 1) * (10_000 if char == "万" else 100_000_000)
            section, digit = 0, None
    return Decimal(total + section + (digit or 0))


def parse_number(text: str) -> Decimal:
    """The value of a number as written: Arabic with or without thousands separators, or Chinese numerals."""
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", text):
        return Decimal(text.replace(",", ""))
    return chinese_value(text)


def plain(value: Decimal) -> str:
    """A decimal as plain text, no exponent and no trailing zeros: 21356, 5.5, 0.79, -3.2."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
