"""The qualifier markers of qualifiers.csv, sorted by where each touches a figure, read from the row's own reads_zh."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

BOUND_KINDS = ("exact", "lower_bound", "just_below", "approximate")
STATUS_KINDS = ("expected", "target")

Marked = tuple[tuple[str, str], ...]  # (marker, qualifier code), longest marker first


@dataclass(frozen=True)
class Markers:
    exact: str  # the code of the exact qualifier
    before: Marked  # touch the number from before: 约260亿元, 近2000名, 超过70亿元
    between: Marked  # between the number and its unit: 50多个, 3000余名
    after: Marked  # after the unit: 5.5万人以上, 260亿元左右
    status: Marked  # anywhere before the figure in its clause: 预计年可新增产值70亿元, 力争突破300亿元
    approximate: frozenset[str] = frozenset()  # codes of kind approximate: 约10亿元的 is an amount, not a threshold


def _position(reads_zh: str, markers: list[str]) -> str:
    """Where a bound's markers stand, from its reading template: 超过{number}{unit} -> before, {number}多{unit} ->
    between, {number}{unit}以上 -> after (a template that says nothing puts them before the number)."""
    if "{number}" not in reads_zh or "{unit}" not in reads_zh:
        return "before"
    head, rest = reads_zh.split("{number}", 1)
    middle, tail = rest.split("{unit}", 1) if "{unit}" in rest else (rest, "")
    for name, part in (("before", head), ("between", middle), ("after", tail)):
        if any(marker in part for marker in markers):
            return name
    return "before"


def markers_from_table(qualifiers: pd.DataFrame) -> Markers:
    """Markers from qualifiers.csv (columns qualifier, kind, markers_zh, reads_zh): a new row needs no code change."""
    found: dict[str, list[tuple[str, str]]] = {"before": [], "between": [], "after": [], "status": []}
    exact = "exact"
    approximate = set()
    for row in qualifiers.to_dict("records"):
        code, kind = str(row.get("qualifier", "")), str(row.get("kind", ""))
        markers = [m for m in str(row.get("markers_zh", "")).split("|") if m]
        if kind == "exact":
            exact = code
        elif kind in STATUS_KINDS:
            found["status"] += [(m, code) for m in markers]
        elif kind in BOUND_KINDS:
            if kind == "approximate":
                approximate.add(code)
            found[_position(str(row.get("reads_zh", "")), markers)] += [(m, code) for m in markers]

    def longest_first(pairs: list[tuple[str, str]]) -> Marked:
        return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))

    before, between, after, status = (longest_first(found[name]) for name in ("before", "between", "after", "status"))
    return Markers(exact, before, between, after, status, frozenset(approximate))


def marker_pattern(marked: Marked) -> str:
    """A regex alternation of the markers, longest first (超过 before 超), or one that never matches."""
    return "|".join(re.escape(marker) for marker, _ in marked) or r"(?!x)x"


def code_of(marked: Marked, marker: str) -> str:
    return next(code for m, code in marked if m == marker)


def status_before(clause_head: str, markers: Markers) -> str:
    """The status (expected, target) whose marker is written in the clause before the figure, else ''. The marker
    nearest the figure wins (预计…力争… is a target)."""
    best, at = "", -1
    for marker, code in markers.status:
        position = clause_head.rfind(marker)
        if position > at:
            best, at = code, position
    return best
