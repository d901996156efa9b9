"""Citations of the source documents (sources.csv), in each language: what every figure's source note says it is from."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from components.i18n import LANGS, pick, t


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
    )


def citations(sources: pd.DataFrame) -> pd.DataFrame:
    """source_id with its citation in each language (citation_zh, citation_en), one row per source."""
    records = sources.to_dict("records")
    return pd.DataFrame(
        {
            "source_id": [r["source_id"] for r in records],
            **{f"citation_{lang}": [cite_as(r, lang) for r in records] for lang in LANGS},
        },
        columns=["source_id", *(f"citation_{lang}" for lang in LANGS)],
    )


def with_citations(rows: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Rows that carry a source_id (projects, items), with their source's citation_zh and citation_en beside it."""
    return rows.merge(citations(sources), on="source_id", how="left")
