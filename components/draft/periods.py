"""Period words (今年以来, 第一季度, 上半年, 1—6月, 年底, 目前, 累计, 每年), the figures each applies to, and the period
rows they propose."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from components.draft.numbers import parse_number
from components.draft.sentences import CLAUSE_BREAK, Sentence, part_around

WRITTEN_YEAR = r"(?P<y>(?:19|20)\d{2}|[〇零一二][〇零一二三四五六七八九]{3})年"
YEAR = rf"(?:{WRITTEN_YEAR}|今年|本年)"
MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
CN_QUARTER = "一二三四"

# Tried in this order; a later phrase never overlaps an earlier one (2021年上半年 is a half-year, not a year).
PATTERNS = (
    ("ytd", rf"(?:{YEAR}|年初)度?以来"),
    ("months", rf"{YEAR}?(?<![\d.])(?P<a>{MONTH})\s*[—–\-~～至到]\s*(?P<b>{MONTH})月份?"),
    ("quarters", rf"{YEAR}?前(?P<n>[一二两三])个?季度"),
    ("quarter", rf"{YEAR}?第?(?P<q>[一二三四1-4])季度"),
    ("half", rf"{YEAR}?(?P<h>[上下])半年"),
    ("year_end", rf"{YEAR}(?:年底|年末|底|末)|(?P<prev>去年|上年)(?:年底|年末|底)|年底|年末"),
    ("month_end", rf"{YEAR}?(?<![\d.])(?P<m>{MONTH})月(?:底|末|份末)"),
    ("year", rf"{YEAR}(?:全年)?|全年"),
    ("now", r"(?:截至|截止)?(?:目前|当前)"),
    ("cumulative", r"累计"),
    ("per_year", r"每年"),
)
COMPILED = tuple((kind, re.compile(pattern)) for kind, pattern in PATTERNS)
# Words that may stand beside a period in a clause that holds nothing else (「截至2020年年底,」 heads what follows).
HEADING_WORDS = re.compile(r"(?:截至|截止到?|到|在)?")


@dataclass(frozen=True)
class Phrase:
    """A period as written: where, which kind, and the year it is in (None when the text and the caller give none)."""

    start: int
    end: int
    kind: str
    year: int | None
    first: int = 0  # the quarter, the half, the first month of a range, or the month of a month's end
    last: int = 0  # the last month of a range
    numeral: bool = False  # holds a number (2021年, 第一季度, 1—6月): then it goes to non_metric_numbers


@dataclass(frozen=True)
class Period:
    id: str
    label_zh: str
    label_en: str
    start: str = ""
    end: str = ""
    relative: bool = False  # belongs to one report (ytd, now, cumulative, unstated): its row names the source


def year_in_text(text: str) -> int | None:
    """The year the report is about, when its text says it: the first year written in it (2021年…)."""
    match = re.search(WRITTEN_YEAR, text)
    return _year(match.group("y")) if match else None


def _year(written: str) -> int:
    return int(written.translate(str.maketrans("〇零一二三四五六七八九", "00123456789")))


def find_phrases(text: str, report_year: int | None, taken: list[tuple[int, int]]) -> list[Phrase]:
    """Every period phrase of the text outside `taken` (dates), the earlier pattern winning an overlap."""
    spans = list(taken)
    found: list[Phrase] = []
    for kind, pattern in COMPILED:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in spans):
                continue
            spans.append(match.span())
            found.append(_phrase(kind, match, report_year))
    return sorted(found, key=lambda phrase: phrase.start)


def _phrase(kind: str, match: re.Match[str], report_year: int | None) -> Phrase:
    groups = {name: value for name, value in match.groupdict().items() if value}
    year = _year(groups["y"]) if "y" in groups else report_year
    if "prev" in groups and year is not None:
        year -= 1
    first = last = 0
    if kind == "months":
        first, last = int(parse_number(groups["a"])), int(parse_number(groups["b"]))
    elif kind == "quarters":
        kind, first, last = "months", 1, 3 * int(parse_number(groups["n"]))
    elif kind == "quarter":
        first = int(groups["q"]) if groups["q"].isdigit() else CN_QUARTER.index(groups["q"]) + 1
    elif kind == "half":
        first = 1 if groups["h"] == "上" else 2
    elif kind == "month_end":
        first = int(parse_number(groups["m"]))
    numeral = bool(re.search(r"[\d〇零一二两三四五六七八九十]", match.group()))
    return Phrase(match.start(), match.end(), kind, year, first, last, numeral)


def _month_end(year: int, month: int) -> str:
    return (pd.Timestamp(year, month, 1) + pd.offsets.MonthEnd(0)).date().isoformat()


def unstated(source_id: str) -> Period:
    """The period of a figure under no period word."""
    return Period(f"{source_id}-unstated", "报告未注明时段", "not stated in the report", relative=True)


def period_of(phrase: Phrase, source_id: str) -> Period | None:
    """The period a phrase names, or None when it needs a year nobody gave."""
    if phrase.kind in ("now", "cumulative", "per_year"):
        return {
            "now": Period(f"{source_id}-now", "报告时(“目前”)", "at the time of the report", relative=True),
            "cumulative": Period(
                f"{source_id}-cumulative", "累计至报告时", "cumulative to the time of the report", relative=True
            ),
            "per_year": Period("per-year", "每年", "each year"),
        }[phrase.kind]
    y = phrase.year
    if y is None:
        return None
    if phrase.kind == "months":  # a range that is a quarter, a half or the year is named as such
        named = {(1, 3): ("quarter", 1), (4, 6): ("quarter", 2), (7, 9): ("quarter", 3), (10, 12): ("quarter", 4)}
        named |= {(1, 6): ("half", 1), (7, 12): ("half", 2), (1, 12): ("year", 0)}
        if (phrase.first, phrase.last) in named:
            kind, first = named[(phrase.first, phrase.last)]
            return period_of(Phrase(phrase.start, phrase.end, kind, y, first), source_id)
        a, b = phrase.first, phrase.last
        return Period(f"{y}-M{a:02d}-{b:02d}", f"{y}年{a}—{b}月", f"{y}, months {a}–{b}", f"{y}-{a:02d}-01", _month_end(y, b))
    if phrase.kind == "quarter":
        q = phrase.first
        return Period(
            f"{y}-Q{q}", f"{y}年第{CN_QUARTER[q - 1]}季度", f"{y} Q{q}", f"{y}-{3 * q - 2:02d}-01", _month_end(y, 3 * q)
        )
    if phrase.kind == "half":
        h = phrase.first
        label = ("上半年", "first half of") if h == 1 else ("下半年", "second half of")
        return Period(f"{y}-H{h}", f"{y}年{label[0]}", f"{label[1]} {y}", f"{y}-{6 * h - 5:02d}-01", _month_end(y, 6 * h))
    if phrase.kind == "ytd":
        return Period(f"{y}-ytd", f"{y}年以来(至报告时)", f"{y} to the time of the report", f"{y}-01-01", "", relative=True)
    if phrase.kind == "year_end":
        return Period(f"{y}-end", f"{y}年年底", f"end of {y}", f"{y}-12-31", f"{y}-12-31")
    if phrase.kind == "month_end":
        m = phrase.first
        end = _month_end(y, m)
        return Period(f"{y}-M{m:02d}-end", f"{y}年{m}月底", f"end of {pd.Timestamp(y, m, 1):%B} {y}", end, end)
    return Period(f"{y}", f"{y}年", f"{y}", f"{y}-01-01", f"{y}-12-31")


def _is_heading(text: str, sentence: Sentence, phrase: Phrase) -> bool:
    """A clause that holds only a period (「今年以来,」 「截至2020年年底,」) heads the rest of its sentence and paragraph."""
    start, end = part_around(text, sentence, phrase.start)
    rest = text[start : phrase.start] + text[phrase.end : end]
    return end < sentence.end and text[end] in CLAUSE_BREAK and HEADING_WORDS.fullmatch(rest) is not None


def phrase_for(text: str, sentences: list[Sentence], index: int, position: int, phrases: list[Phrase]) -> Phrase | None:
    """The period phrase a figure at `position` of sentence `index` falls under: the nearest one before it in its
    clause; else the last heading clause before it in the sentence; else a phrase that opens the sentence; else the
    last heading of an earlier sentence of the same paragraph; else none."""
    sentence = sentences[index]
    clause_start, _ = part_around(text, sentence, position)
    within = [p for p in phrases if sentence.start <= p.start and p.end <= position]
    in_clause = [p for p in within if p.start >= clause_start]
    if in_clause:
        return in_clause[-1]
    headings = [p for p in within if _is_heading(text, sentence, p)]
    if headings:
        return headings[-1]
    if within and within[0].start == sentence.start:
        return within[0]
    for earlier in reversed(sentences[:index]):
        if earlier.paragraph != sentence.paragraph:
            break
        carried = [p for p in phrases if earlier.start <= p.start < earlier.end and _is_heading(text, earlier, p)]
        if carried:
            return carried[-1]
    return None


def settle(used: list[Period], existing: pd.DataFrame, source_id: str) -> tuple[dict[str, str], list[Period]]:
    """Each used period's id in periods.csv (the same id, else a row with the same label_zh, of this report when the
    period belongs to one), and the periods that are new, in order of first use."""
    rows = existing.to_dict("records")
    ids: dict[str, str] = {}
    new: list[Period] = []
    for period in used:
        if period.id in ids:
            continue
        same = [r for r in rows if r.get("period") == period.id]
        same = same or [
            r for r in rows if r.get("label_zh") == period.label_zh and (not period.relative or r.get("source_id") == source_id)
        ]
        ids[period.id] = str(same[0]["period"]) if same else period.id
        if not same:
            new.append(period)
    return ids, new


def period_rows(new: list[Period], existing: pd.DataFrame, source_id: str, columns: list[str]) -> pd.DataFrame:
    """The new periods as rows of periods.csv: dated ones first by date, then the report's own; sort keys after the
    existing ones."""
    keys = pd.to_numeric(existing.get("sort_key", pd.Series(dtype=str)), errors="coerce").dropna()
    last = int(keys.max()) if len(keys) else 0
    ordered = sorted(new, key=lambda p: (p.start == "", p.start, p.end == "", p.end))
    records = [
        {
            "period": p.id,
            "label_zh": p.label_zh,
            "label_en": p.label_en,
            "start": p.start,
            "end": p.end,
            "sort_key": str(last + 10 * (i + 1)),
            "source_id": source_id if p.relative else "",
        }
        for i, p in enumerate(ordered)
    ]
    return pd.DataFrame([[r.get(c, "") for c in columns] for r in records], columns=columns, dtype=str)
