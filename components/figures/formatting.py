"""Units and number formatting: exact scale conversion and display text that never drops a qualifier."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

import pandas as pd

from components.i18n import t

# English display scales for money; Chinese keeps the unit as published.
EN_SCALES = ((Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"))
CURRENCY_EN = {"money_cny": "CNY", "money_usd": "USD"}


@dataclass(frozen=True)
class Unit:
    """One row of units.csv: the unit as published, what it measures and how many base units it is."""

    code: str
    quantity: str
    base_unit: str
    factor: Decimal


def units_from_table(units: pd.DataFrame) -> dict[str, Unit]:
    return {
        r.unit: Unit(code=r.unit, quantity=r.quantity, base_unit=r.base_unit, factor=exact(r.factor))
        for r in units.itertuples(index=False)
    }


def exact(value) -> Decimal:
    """The decimal a stored number was written as (4.87, not 4.8700000000000001)."""
    return value if isinstance(value, Decimal) else Decimal(repr(float(value))).normalize()


def convert(value, source: Unit, target: Unit) -> Decimal:
    """Exact conversion between units of one quantity (亿元 -> 万元); across quantities it is refused, never guessed."""
    if source.quantity != target.quantity:
        raise ValueError(f"cannot convert {source.code} to {target.code}: different quantities")
    return (exact(value) * source.factor / target.factor).normalize()


def format_number(value, lang: str, decimals: int | None = None) -> str:
    """Thousands separators; trailing zeros trimmed; `decimals` rounds (for derived figures)."""
    number = exact(value)
    if decimals is not None:
        number = round(number, decimals)
    text = f"{number:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def english_money_scale(base: Decimal) -> tuple[Decimal, str]:
    """The scale English writes an amount of money (in base units, 元) on: (10**9, "bn"), (10**6, "m") or (1, "")."""
    for scale, word in EN_SCALES:
        if abs(base) >= scale:
            return scale, word
    return Decimal(1), ""


def _english_money(base: Decimal, quantity: str) -> str:
    scale, word = english_money_scale(base)
    return f"{CURRENCY_EN[quantity]} {format_number(base / scale, 'en', 2)} {word}".rstrip()


def format_value(value, unit: Unit, qualifier: str, lang: str, decimals: int | None = None) -> str:
    """The figure as a reader should see it: 「300多亿元」/"CNY 30 bn+", 「预计70亿元」/"expected CNY 7 bn"."""
    if value is None or pd.isna(value):
        return t("value.not_published", lang)
    number = exact(value) if decimals is None else round(exact(value), decimals)
    if lang == "zh":
        shown = format_number(number, lang)
        if qualifier == "at_least":
            # 「50多个」 reads naturally for whole numbers; 「5.5万人以上」 for the rest, as the report writes them
            text = f"{shown}多{unit.code}" if number == number.to_integral_value() else f"{shown}{unit.code}以上"
        else:
            text = f"{shown}{unit.code}"
    else:
        base = number * unit.factor
        if unit.quantity in CURRENCY_EN:
            text = _english_money(base, unit.quantity)
        else:
            suffix = t(f"suffix.{unit.quantity}", "en")
            text = f"{format_number(base, 'en', 2)} {suffix}".strip()
        if qualifier == "at_least":
            text = text.replace(" ", "+ ", 1) if unit.quantity not in CURRENCY_EN and " " in text else text + "+"
    if qualifier == "expected":
        text = t("qualifier.expected_prefix", lang, value=text)
    return text


@dataclass(frozen=True)
class Scale:
    """What an axis counts in: `per` of the values' unit make one step of the axis's unit, named `name`."""

    per: Decimal
    name: str


def label_scale(largest, value_unit: Unit, label_unit: Unit, lang: str) -> Scale:
    """The scale format_value writes `largest` on (a figure held in `value_unit`, published in `label_unit`), so that
    an axis reaching it reads like its label: 亿元 beside 「300多亿元」, CNY bn beside "CNY 30 bn+", 万人 beside
    「5.5万人以上」. Chinese keeps the published unit, English writes money in bn or m and everything else in base units."""
    if lang == "zh":
        return Scale(label_unit.factor / value_unit.factor, label_unit.code)
    if value_unit.quantity in CURRENCY_EN:
        scale, word = english_money_scale(exact(largest) * value_unit.factor)
        return Scale(scale / value_unit.factor, f"{CURRENCY_EN[value_unit.quantity]} {word}".rstrip())
    return Scale(1 / value_unit.factor, t(f"suffix.{value_unit.quantity}", "en"))


def format_pct(value, lang: str, decimals: int = 1, signed: bool = True) -> str:
    """A percentage or percentage change: +4.9%."""
    if value is None or pd.isna(value):
        return "—"
    number = round(exact(value), decimals)
    sign = "+" if signed and number > 0 else ""
    return f"{sign}{format_number(number, lang, decimals)}%"


def qualifier_note(qualifier: str, lang: str, *, short: bool = False) -> str:
    """A few words that say what kind of number it is; empty for exact figures. Short: a word beside a value, which is
    nothing for a forecast, as its value already says so (「预计70亿元」, "CNY 7 bn (forecast)")."""
    if qualifier == "exact" or (short and qualifier == "expected"):
        return ""
    return t(f"qualifier.{qualifier}{'.short' if short else ''}", lang)


def counting(units: Mapping[str, Unit], code: str, noun: str) -> dict[str, Unit]:
    """The units, with the count unit `code` (个, 家) saying what it counts, so that English reads "2 projects" rather
    than a bare "2" (format_value takes the English word from the translation "suffix.<noun>"); Chinese is unchanged."""
    out = dict(units)
    if code in out:
        out[code] = replace(out[code], quantity=noun)
    return out
