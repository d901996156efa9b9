"""Units and number formatting: exact scale conversion, and display text that never drops a qualifier (the qualifier's
own reading from qualifiers.csv: 「300多亿元」 / "CNY 30 bn+", 「约260亿元」 / "about CNY 26 bn")."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from components.figures.qualifiers import Qualifier
from components.i18n import has, t

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
    label_en: str = ""

    @property
    def noun_en(self) -> str:
        """What an English count of this unit's quantity says after the number ("people"): the translation where the
        app has one, else units.csv's own English name."""
        key = f"suffix.{self.quantity}"
        return t(key, "en") if has(key) else self.label_en


def units_from_table(units: pd.DataFrame) -> dict[str, Unit]:
    """Each unit; its English name is its base unit's where units.csv has that row, as English counts in base units."""
    names = dict(zip(units["unit"], units["label_en"]))
    return {
        r.unit: Unit(
            code=r.unit,
            quantity=r.quantity,
            base_unit=r.base_unit,
            factor=exact(r.factor),
            label_en=str(names.get(r.base_unit, r.label_en)),
        )
        for r in units.itertuples(index=False)
    }


def exact(value) -> Decimal:
    """The decimal a stored number was written as (4.87, not 4.8700000000000001)."""
    return value if isinstance(value, Decimal) else Decimal(repr(float(value))).normalize()


def missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def convert(value, source: Unit, target: Unit) -> Decimal:
    """Exact conversion between units of one quantity (亿元 -> 万元); across quantities it is refused, never guessed."""
    if source.quantity != target.quantity:
        raise ValueError(f"cannot convert {source.code} to {target.code}: different quantities")
    return (exact(value) * source.factor / target.factor).normalize()


def rounded(number: Decimal, decimals: int) -> Decimal:
    """Rounded half up (四舍五入), as a reader and a spreadsheet round: 12.345 -> 12.35 (Python's round() goes half to
    even, 12.34)."""
    return number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_number(value, decimals: int | None = None) -> str:
    """Thousands separators; trailing zeros trimmed; `decimals` rounds (for derived figures)."""
    number = exact(value)
    if decimals is not None:
        number = rounded(number, decimals)
    text = f"{number:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def english_money_scale(base: Decimal) -> tuple[Decimal, str]:
    """The scale English writes an amount of money (in base units, 元) on: (10**9, "bn"), (10**6, "m") or (1, "")."""
    for scale, word in EN_SCALES:
        if abs(base) >= scale:
            return scale, word
    return Decimal(1), ""


def _parts(number: Decimal, unit: Unit, lang: str, noun: str) -> tuple[str, str]:
    """(number, unit) as a qualifier's reading places them: 「300」「亿元」, or "CNY 30 bn" "" and "1,034" "people"."""
    if lang == "zh":
        return format_number(number), unit.code
    base = number * unit.factor
    if unit.quantity in CURRENCY_EN:
        scale, word = english_money_scale(base)
        return f"{CURRENCY_EN[unit.quantity]} {format_number(base / scale, 2)} {word}".rstrip(), ""
    if unit.code == "%":  # 12.4%, as English writes it: no space
        return f"{format_number(base, 2)}%", ""
    return format_number(base, 2), noun or unit.noun_en


def format_value(
    value,
    unit: Unit,
    lang: str,
    qualifier: Qualifier | None = None,
    status: Qualifier | None = None,
    *,
    decimals: int | None = None,
    noun: str = "",
) -> str:
    """The figure as a reader should see it, read through its qualifier and status (qualifiers.csv): 「300多亿元」 /
    "CNY 30 bn+", 「预计70亿元」 / "expected CNY 7 bn". `noun`: what an English count counts (facts' noun_en)."""
    if missing(value):
        return t("value.not_published", lang)
    number = exact(value) if decimals is None else rounded(exact(value), decimals)
    shown, unit_text = _parts(number, unit, lang, noun)
    template = qualifier.reads[lang] if qualifier is not None else "{number}{unit}" if lang == "zh" else "{number} {unit}"
    text = template.format(number=shown, unit=unit_text)
    if lang == "en":  # an empty unit ("CNY 30 bn") leaves no double space
        text = " ".join(text.split())
    if status is not None:
        text = status.reads[lang].format(value=text)
    return text


@dataclass(frozen=True)
class Scale:
    """What an axis counts in: `per` of the values' unit make one step of the axis's unit, named `name`."""

    per: Decimal
    name: str


def label_scale(largest, value_unit: Unit, label_unit: Unit, lang: str, noun: str = "") -> Scale:
    """The scale format_value writes `largest` on (a figure held in `value_unit`, published in `label_unit`), so that
    an axis reaching it reads like its label: 亿元 beside 「300多亿元」, CNY bn beside "CNY 30 bn+", 万人 beside
    「5.5万人以上」. Chinese keeps the published unit, English writes money in bn or m and everything else in base units."""
    if lang == "zh":
        return Scale(label_unit.factor / value_unit.factor, label_unit.code)
    if value_unit.quantity in CURRENCY_EN:
        scale, word = english_money_scale(exact(largest) * value_unit.factor)
        return Scale(scale / value_unit.factor, f"{CURRENCY_EN[value_unit.quantity]} {word}".rstrip())
    return Scale(1 / value_unit.factor, noun or value_unit.noun_en)


def after_label(label: str, value_text: str, lang: str) -> str:
    """A value as written after its label: in English without the count noun the label ends with ("Family farms: 18",
    not "Family farms: 18 farms"); Chinese keeps its measure word (「家庭农场:18家」)."""
    words = label.split()
    if lang == "en" and words and value_text.lower().endswith(f" {words[-1].lower()}"):
        return value_text[: -len(words[-1]) - 1]
    return value_text


def format_pct(value, lang: str = "zh", decimals: int = 1, signed: bool = True) -> str:
    """A percentage or percentage change: +4.9%."""
    if missing(value):
        return "—"
    number = rounded(exact(value), decimals)
    sign = "+" if signed and number > 0 else ""
    return f"{sign}{format_number(number, decimals)}%"


def qualifier_note(qualifier: Qualifier | None, status: Qualifier | None, lang: str) -> str:
    """What kind of number it is, in a few words ("lower bound: more than this · expected"); empty for a plain
    exact figure."""
    parts = [q.label[lang] for q in (qualifier, status) if q is not None and not q.exact]
    return " · ".join(parts)
