"""Qualifiers as data (qualifiers.csv): what 「多」「约」「近」「预计」 say about a figure, how each reads in Chinese and in
English, and its kind, which is all the code knows: a new qualifier is a row, not a change here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

# The kinds a bound can be (how exact the number is), and the kinds a status can be (whether it has happened yet).
BOUND_KINDS = ("exact", "lower_bound", "just_below", "approximate")
STATUS_KINDS = ("expected", "target")


@dataclass(frozen=True)
class Qualifier:
    code: str
    kind: str
    markers: tuple[str, ...]
    reads: Mapping[str, str]  # lang -> template with {number} and {unit} (a bound) or {value} (a status)
    label: Mapping[str, str]  # lang -> what it means, in a few words

    @property
    def exact(self) -> bool:
        return self.kind == "exact"


# What the app reads when qualifiers.csv cannot be read: the meaning of an exact figure and of a lower bound.
FALLBACK = {
    "exact": Qualifier("exact", "exact", (), {"zh": "{number}{unit}", "en": "{number} {unit}"}, {"zh": "确数", "en": "exact"}),
}


def qualifiers_from_table(table: pd.DataFrame | None) -> dict[str, Qualifier]:
    if table is None:
        return dict(FALLBACK)
    return {
        r["qualifier"]: Qualifier(
            r["qualifier"],
            r["kind"],
            tuple(m for m in str(r.get("markers_zh") or "").split("|") if m),
            {"zh": r["reads_zh"], "en": r["reads_en"]},
            {"zh": r["label_zh"], "en": r["label_en"]},
        )
        for r in table.to_dict("records")
    }


def kind_of(qualifiers: Mapping[str, Qualifier], code) -> str:
    """The kind of a qualifier code ("exact" for none): what charts and derived figures go by."""
    if code is None or code is pd.NA or code == "" or (isinstance(code, float) and code != code):
        return "exact"
    found = qualifiers.get(str(code))
    return found.kind if found else "exact"


def combined_kind(kinds) -> str:
    """The kind a sum of figures deserves: a lower bound if any part is one, approximate if any part is approximate or
    just below (a sum of 'nearly's is nearly), else exact."""
    kinds = set(kinds)
    if "lower_bound" in kinds and kinds & {"just_below", "approximate"}:
        return "approximate"
    for kind in ("lower_bound", "approximate", "just_below"):
        if kind in kinds:
            return kind
    return "exact"
