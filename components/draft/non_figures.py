"""Numbers that are not figures (dates, periods, thresholds, ordinals, names, slogans), each with its reason in Chinese and
English, as the rows of non_metric_numbers.csv."""

from __future__ import annotations

import re
from dataclasses import dataclass

from components.draft.numbers import COUNTED_NUMBER
from components.draft.periods import Phrase

REASONS = {
    "year": ("年份,不是指标", "A year, not a figure"),
    "date": ("日期,不是指标", "A date, not a figure"),
    "period": ("时期的写法,不是指标", "How a period is written, not a figure"),
    "threshold": ("门槛,属于指标定义,不是指标", "A threshold that defines a figure, not a figure"),
    "ordinal": ("序数、期次或级别,不是指标", "An ordinal, a phase or a level, not a figure"),
    "plan": ("规划名称", "Name of a plan"),
    "quoted": ("引号或书名号中的名称、口号", "A name or slogan in quotation marks"),
    "named_count": ("名称,或所列事物的个数,不是指标", "A name, or the count of things named beside it, not a figure"),
    "name": ("名称或型号中的数字", "A number in a name or model (5G)"),
    "unrecognised": ("未识别为指标,请核对", "Not recognised as a figure: please check"),
}

NUMERAL = "〇零一二两三四五六七八九十百千万双"
# A day (1月24日, 大年三十) or a month (2021年6月, 6月份); a month after a dash or before 底/末 is a period (1—6月, 6月底).
DATES = re.compile(
    r"(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}[日号]|(?:19|20)\d{2}年\d{1,2}月份?(?![底末])"
    r"|(?<![\d.—–~～至到-])\d{1,2}月份?(?![底末])"
    rf"|[{NUMERAL}]{{1,3}}月初?[{NUMERAL}]{{1,3}}[日号]|大年三十|大年初[一二三四五六七八九十]+"
    rf"|正月初?[{NUMERAL}]+|腊月[{NUMERAL}]+"
)
PLANS = re.compile(r"十[一二三四五六七八九]五")
ORDINALS = re.compile(r"第[〇零一二两三四五六七八九十百千\d]+|[一二三四五六七八九十]+(?:期|级)")
QUOTED = re.compile(r"“[^”\n]*”|「[^」\n]*」|《[^》\n]*》|『[^』\n]*』|\"[^\"\n]*\"")
HAS_NUMBER = re.compile(rf"[\d{NUMERAL}]")


@dataclass(frozen=True)
class NonFigure:
    start: int
    end: int
    reason: str  # a key of REASONS


def _spans(pattern: re.Pattern[str], text: str, reason: str) -> list[NonFigure]:
    return [NonFigure(m.start(), m.end(), reason) for m in pattern.finditer(text)]


def dates(text: str) -> list[NonFigure]:
    return _spans(DATES, text, "date")


def before_figures(text: str, phrases: list[Phrase], thresholds: re.Pattern[str]) -> list[NonFigure]:
    """Numbers known not to be figures before any figure is looked for, so that none is read as one: periods with a
    number, plans, thresholds, ordinals and quoted names; an earlier kind wins an overlap. Quotation marks are kept out
    of a quoted name's span (the name is what gets reviewed)."""
    found = [NonFigure(p.start, p.end, "year" if p.kind == "year" else "period") for p in phrases if p.numeral]
    candidates = _spans(PLANS, text, "plan") + [
        NonFigure(m.start("threshold"), m.end("threshold"), "threshold") for m in thresholds.finditer(text)
    ]
    candidates += _spans(ORDINALS, text, "ordinal")
    candidates += [NonFigure(m.start() + 1, m.end() - 1, "quoted") for m in QUOTED.finditer(text)]
    for candidate in candidates:
        if not any(candidate.start < other.end and other.start < candidate.end for other in found):
            found.append(candidate)
    return found


def leftovers(text: str, covered: list[tuple[int, int]]) -> list[NonFigure]:
    """Every number the data test counts (and 双 before a word: 双组长) that no figure and no earlier non-figure holds:
    a Chinese numeral with the words after it is a name or a count of named things (三大主导产业, 两线作战); digits
    with letters are a name (5G); anything else is left for the maintainer to check."""
    found: list[NonFigure] = []
    numbers = [m.span() for m in COUNTED_NUMBER.finditer(text)] + [m.span() for m in re.finditer(r"双(?=[一-鿿])", text)]
    for start, end in sorted(set(numbers)):
        if any(a <= start and end <= b for a, b in covered + [(f.start, f.end) for f in found]):
            continue
        if not text[start].isdigit():
            words = re.match(r"[一-鿿]{0,5}", text[end:])
            found.append(NonFigure(start, end + (words.end() if words else 0), "named_count"))
        elif re.match(r"[A-Za-z]", text[end : end + 1]) or re.search(r"[A-Za-z]$", text[:start]):
            name = re.search(r"[A-Za-z]*$", text[:start])
            tail = re.match(r"[A-Za-z\d.]*", text[end:])
            found.append(NonFigure(start - (len(name.group()) if name else 0), end + (tail.end() if tail else 0), "name"))
        else:
            word = re.match(r"\w", text[end : end + 1])  # the character after it, to tell 12期 from 12岁 in review
            found.append(NonFigure(start, end + (1 if word else 0), "unrecognised"))
    return found


def rows(text: str, non_figures: list[NonFigure], source_id: str) -> list[dict[str, str]]:
    """One row per distinct text holding a number, in text order (a period without one, 上半年, needs no review; a
    threshold always does: 过亿元 is 1亿元)."""
    seen: dict[str, dict[str, str]] = {}
    for item in sorted(non_figures, key=lambda f: f.start):
        written = text[item.start : item.end]
        if written and written not in seen and (HAS_NUMBER.search(written) or item.reason == "threshold"):
            zh, en = REASONS[item.reason]
            seen[written] = {"text": written, "reason_zh": zh, "reason_en": en, "source_id": source_id}
    return list(seen.values())
