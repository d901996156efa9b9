"""components/figures/citations.py: each source's one-line citation in both languages, joined to the rows it backs."""

from __future__ import annotations

import pandas as pd
import pytest

from components.figures.citations import citations, cite_as, with_citations
from support import csv

FIELDS = ("publisher", "title", "reporters", "correspondents", "date_note")


def source(source_id: str, tag: str) -> dict:
    """A sources.csv row whose every field names `tag`, so a citation shows which row it came from."""
    return {"source_id": source_id, **{f"{f}_zh": f"{tag}{f}中" for f in FIELDS}, **{f"{f}_en": f"{tag}-{f}-en" for f in FIELDS}}


SOURCES = pd.DataFrame([source("first", "甲"), source("second", "乙")])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_citation_names_publisher_title_reporters_correspondents_and_date(lang):
    text = cite_as(source("s", "甲"), lang)
    suffix = "中" if lang == "zh" else "-en"
    for f in FIELDS:
        assert (f"甲{f}中" if lang == "zh" else f"甲-{f}-en") in text
    assert text.count(suffix) == len(FIELDS)  # nothing of the other language


def test_an_english_citation_falls_back_to_the_chinese_fields():
    row = {k: v for k, v in source("s", "甲").items() if not k.endswith("_en")}
    assert "甲publisher中" in cite_as(row, "en") and "甲title中" in cite_as(row, "en")


def test_the_shipped_source_is_cited_with_its_own_fields():
    row = csv("sources").iloc[0].to_dict()
    for lang in ("zh", "en"):
        text = cite_as(row, lang)
        for f in FIELDS:
            assert row[f"{f}_{lang}"] in text


def test_citations_has_one_row_per_source_in_both_languages():
    table = citations(SOURCES)
    assert list(table.columns) == ["source_id", "citation_zh", "citation_en"]
    assert table["source_id"].tolist() == ["first", "second"]


def test_a_second_source_gets_its_own_citation():
    table = citations(SOURCES).set_index("source_id")
    for lang, tag in (("zh", "乙{}中"), ("en", "乙-{}-en")):
        second = table.loc["second", f"citation_{lang}"]
        assert tag.format("publisher") in second and tag.format("title") in second
        assert "甲" not in second
        assert "甲" in table.loc["first", f"citation_{lang}"] and "乙" not in table.loc["first", f"citation_{lang}"]


def test_citations_of_no_sources_is_an_empty_table_with_its_columns():
    table = citations(SOURCES.iloc[0:0])
    assert table.empty and list(table.columns) == ["source_id", "citation_zh", "citation_en"]


def test_with_citations_gives_each_row_its_own_sources_citation():
    rows = pd.DataFrame({"item_id": ["a", "b", "c"], "source_id": ["second", "first", "second"]})
    out = with_citations(rows, SOURCES)
    assert out["item_id"].tolist() == ["a", "b", "c"]  # rows kept, in order
    for row in out.to_dict("records"):
        tag = "乙" if row["source_id"] == "second" else "甲"
        assert f"{tag}publisher中" in row["citation_zh"] and f"{tag}title中" in row["citation_zh"]
        assert f"{tag}-publisher-en" in row["citation_en"] and f"{tag}-title-en" in row["citation_en"]


def test_a_row_of_an_unknown_source_has_no_citation_rather_than_another_sources():
    out = with_citations(pd.DataFrame({"item_id": ["x"], "source_id": ["nowhere"]}), SOURCES)
    assert out["citation_zh"].isna().all() and out["citation_en"].isna().all()


@pytest.mark.parametrize("lang, labels", [("zh", ("记者", "通讯员")), ("en", ("reporters", "correspondents"))])
def test_a_source_without_reporters_or_correspondents_does_not_show_empty_labels(lang, labels):
    # both are optional in datapackage.json
    row = {k: v for k, v in source("s", "甲").items() if not k.startswith(("reporters", "correspondents"))}
    text = cite_as(row, lang)
    assert not any(label in text for label in labels)
    assert "甲publisher中" in text or "甲-publisher-en" in text


def test_a_source_with_reporters_only_names_them_and_not_the_correspondents():
    row = {k: v for k, v in source("s", "甲").items() if not k.startswith("correspondents")}
    assert "甲reporters中" in cite_as(row, "zh") and "通讯员" not in cite_as(row, "zh")
    assert "甲-reporters-en" in cite_as(row, "en") and "correspondents" not in cite_as(row, "en")
