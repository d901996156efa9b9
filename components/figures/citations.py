"""The reports the figures come from (sources.csv), and the evidence a part of a page carries: each sentence it rests
on, under the citation of its report. Every citation, footer, tooltip and note names the report its figure is from."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from components.i18n import LANGS, pick, t


@dataclass(frozen=True)
class Report:
    """One source document: what a citation, a footer and the sources page say of it."""

    source_id: str
    fields: Mapping[str, str]  # title_zh, publisher_en, … as in sources.csv
    period_labels: Mapping[str, str]  # lang -> the period it covers ("2020年"); empty when not given
    sort_key: int

    def get(self, name: str, lang: str) -> str:
        return pick(self.fields, name, lang)

    def short(self, lang: str) -> str:
        """Publisher and title: 「山东商报·速豹新闻《菏泽市开发区2020年工作报道》」."""
        return t("source.short", lang, publisher=self.get("publisher", lang), title=self.get("title", lang))

    def citation(self, lang: str) -> str:
        return cite_as(self.fields, lang)

    def period(self, lang: str) -> str:
        return self.period_labels.get(lang, "")


def cite_as(row: Mapping, lang: str) -> str:
    """The one-line citation of a sources.csv row: publisher, title, reporters and correspondents (where named), date."""
    people = "".join(
        t(f"source.citation.{role}", lang, names=names)
        for role in ("reporters", "correspondents")
        if (names := pick(row, role, lang))
    )
    return t(
        "source.citation",
        lang,
        publisher=pick(row, "publisher", lang),
        title=pick(row, "title", lang),
        people=people,
        date=pick(row, "date_note", lang),
    ).strip()


def reports_from_table(sources: pd.DataFrame, periods: Mapping | None = None) -> dict[str, Report]:
    """Every report by id, in sources.csv's sort order (the latest last). `periods`: id -> Period, for what each covers."""
    out = {}
    for row in sources.sort_values("sort_key", kind="stable").to_dict("records"):
        covered = (periods or {}).get(row.get("period"))
        labels = {lang: covered.label(lang) for lang in LANGS} if covered is not None else {}
        clean = {k: ("" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else str(v)) for k, v in row.items()}
        out[row["source_id"]] = Report(row["source_id"], clean, labels, int(row["sort_key"]))
    return out


@dataclass(frozen=True)
class Evidence:
    """The sentences something rests on in one report, and that report's citation in each language."""

    source_id: str
    citation: Mapping[str, str]
    short: Mapping[str, str]
    sentences: tuple[str, ...]


def gather(pairs: Iterable[tuple[Report, str]]) -> tuple[Evidence, ...]:
    """(report, sentence) pairs as evidence: each report once, in the order first met, each sentence once."""
    found: dict[str, tuple[Report, dict[str, None]]] = {}
    for report, sentence in pairs:
        if sentence:
            found.setdefault(report.source_id, (report, {}))[1][sentence] = None
    return tuple(
        Evidence(
            report.source_id,
            {lang: report.citation(lang) for lang in LANGS},
            {lang: report.short(lang) for lang in LANGS},
            tuple(sentences),
        )
        for report, sentences in found.values()
    )


def merge(*groups: Iterable[Evidence]) -> tuple[Evidence, ...]:
    """Evidence of several parts as one: each report once, each sentence once."""
    by_source: dict[str, tuple[Evidence, dict[str, None]]] = {}
    for group in groups:
        for found in group:
            entry = by_source.setdefault(found.source_id, (found, {}))
            entry[1].update(dict.fromkeys(found.sentences))
    return tuple(Evidence(e.source_id, e.citation, e.short, tuple(s)) for e, s in by_source.values())


def sentence_count(evidence: Iterable[Evidence]) -> int:
    return sum(len(e.sentences) for e in evidence)
