"""Figures as a report writes them: a number with its unit, the qualifier and status around it, the year-on-year growth
after it, and project amounts (投资150亿元的菏泽现代医药港)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from components.draft.numbers import ARABIC, CHINESE, parse_number, unit_pattern
from components.draft.qualifiers import Markers, code_of, marker_pattern, status_before
from components.draft.sentences import CLAUSE_BREAK, SENTENCE_END

# A change is written 增长/下降 X (signed: 下降 is negative); 同比 before it makes it year-on-year growth, which belongs
# to the figure just before it when only a comma lies between (「4.87亿元,同比增长4.9%」).
RISES, FALLS = "增长|增加|提高|上升", "下降|减少|降低|回落|下滑"
CHANGE = re.compile(rf"(?P<yoy>同比)?(?:(?P<up>{RISES})|(?P<down>{FALLS}))了?$")
BETWEEN_FIGURE_AND_GROWTH = re.compile(r"[\s,，、]*")
PROJECT_LEAD = "投资"
# A project's name runs from 的 to the next list break or 等 (「投资5亿元的神威药业等项目30个」).
PROJECT_NAME = re.compile(r"的(?P<name>[^、,，;；。!?！？\n]{1,40}?)(?=等|[、,，;；。!?！？\n]|$)")
GENERIC_NAMES = re.compile(r"(?:项目|企业|单位|工程)$")


@dataclass(frozen=True)
class Written:
    """A figure as found: its span in the text (qualifier and growth included), where its number starts, what it says."""

    start: int
    end: int
    number_start: int
    value: Decimal
    unit: str
    qualifier: str
    status: str = ""
    yoy_pct: Decimal | None = None
    change: bool = False  # a change (增长12.5%, 提高1.8个百分点), not a level
    yoy_from: int = -1  # where 同比 starts, for a growth that may belong to the figure before it
    project: str = ""  # the project's name when the figure is a project's amount


@dataclass(frozen=True)
class Patterns:
    figure: re.Pattern[str]
    threshold: re.Pattern[str]
    known_units: frozenset[str]
    markers: Markers


def patterns(known_units: frozenset[str], markers: Markers) -> Patterns:
    """The regexes for one data folder's units and qualifiers. A threshold is a bound followed by 的: 「过1000万元的企业」,
    「10亿元以上的项目」 define a tier of the figure that follows, they are not figures."""
    units = unit_pattern(known_units)
    number = rf"(?:{ARABIC}|{CHINESE})"
    bounds = tuple((m, code) for m, code in markers.before if code not in markers.approximate)
    between = marker_pattern(markers.between)
    figure = re.compile(  # 万/亿 may stand before a 多/余 that splits the unit: 1.5万余人 is 1.5万人, at least
        rf"(?P<number>{ARABIC}|{CHINESE})(?:(?P<magnitude>[万亿])(?={between}))?(?P<between>{between})?(?P<unit>{units})"
        rf"(?P<after>{marker_pattern(markers.after)})?"
    )
    tier_words = rf"{marker_pattern(markers.after)}|及以上|以下|以内"
    threshold = re.compile(
        rf"(?P<threshold>(?:{marker_pattern(bounds)}){number}?(?:{units})|{number}(?:{units})(?:{tier_words}))的"
    )
    return Patterns(figure, threshold, known_units, markers)


def find(text: str, found_by: Patterns, blocked: list[tuple[int, int]]) -> list[Written]:
    """Every figure of the text outside the blocked spans (numbers that are not figures), in text order."""
    figures: list[Written] = []
    for match in found_by.figure.finditer(text):
        written = _figure(text, match, found_by)
        if written and not any(written.number_start < b and a < match.end() for a, b in blocked):
            figures.append(written)
    return _attach_growth(text, figures)


def _figure(text: str, match: re.Match[str], found_by: Patterns) -> Written | None:
    number, unit, markers = match.group("number"), (match.group("magnitude") or "") + match.group("unit"), found_by.markers
    # A Chinese numeral is a figure only before a unit of units.csv, and never a lone 一 (一批, 一个平台 are words).
    if not number[0].isdigit() and (unit not in found_by.known_units or number == "一"):
        return None
    start, end = match.start(), match.end()
    qualifier = markers.exact
    before = next(((m, c) for m, c in markers.before if text.endswith(m, 0, start)), None)
    if before:
        qualifier, start = before[1], start - len(before[0])
    elif match.group("between"):
        qualifier = code_of(markers.between, match.group("between"))
    elif match.group("after"):
        qualifier = code_of(markers.after, match.group("after"))
    clause_start = max((text.rfind(c, 0, start) for c in CLAUSE_BREAK + SENTENCE_END + "\n"), default=-1) + 1
    value = parse_number(number)
    change = CHANGE.search(text, clause_start, start)
    if change:  # the change word is part of how the figure is written: 下降3.2% is -3.2
        value, start = (-value if change.group("down") else value), change.start()
    project = ""
    name = PROJECT_NAME.match(text, end)
    if text.endswith(PROJECT_LEAD, 0, start) and name and not GENERIC_NAMES.fullmatch(name.group("name")):
        project, start, end = name.group("name"), start - len(PROJECT_LEAD), name.end("name")
    return Written(
        start,
        end,
        match.start(),
        value,
        unit,
        qualifier,
        status_before(text[clause_start:start], markers),
        change=bool(change),
        yoy_from=change.start() if change and change.group("yoy") and unit == "%" else -1,
        project=project,
    )


def _attach_growth(text: str, figures: list[Written]) -> list[Written]:
    """Year-on-year growth right after a figure becomes that figure's yoy_pct (and part of its as_published)."""
    kept: list[Written] = []
    for figure in figures:
        before = kept[-1] if kept else None
        if (
            figure.yoy_from >= 0
            and before is not None
            and not before.project
            and before.yoy_pct is None
            and BETWEEN_FIGURE_AND_GROWTH.fullmatch(text, before.end, figure.yoy_from)
        ):
            kept[-1] = replace(before, end=figure.end, yoy_pct=figure.value)
        else:
            kept.append(figure)
    return kept
