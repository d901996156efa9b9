"""components/sources.py: highlights placed where each row's quote puts them, safe Markdown, the rows and pages behind a
figure, the citation, the data dictionary and the all-data downloads — expectations computed from data/ itself."""

from __future__ import annotations

import csv as csv_module
import dataclasses
import io
import json
import shutil
import zipfile

import openpyxl
import pandas as pd
import pytest

from components.data.loader import read_dataset
from components.markdown import plain
from components.topics.registry import BY_KEY, OVERVIEW_CARDS, TOPICS
from components.topics.sources import build as sources
from support import DATA, csv, edit_csv

REPORT = DATA / "source" / "heze-devzone-2020-report.txt"
# table -> (key column, highlighted column)
HIGHLIGHTED = {"facts": ("metric", "as_published"), "projects": ("project_id", "as_published"), "items": ("item_id", "name_zh")}


@pytest.fixture(scope="module")
def data():
    return read_dataset(DATA)


@pytest.fixture(scope="module")
def report(data):
    return sources.build_report(data)


def descriptor() -> dict:
    return json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))


def use(key="k", table="facts"):
    return sources.Use(table, key, key, {})


# --- links -----------------------------------------------------------------------------------------------------------

# --- placing the highlights ------------------------------------------------------------------------------------------


def test_every_row_is_highlighted_inside_its_own_sentence(report):
    text = REPORT.read_text(encoding="utf-8")
    (source,) = report.texts
    placed = {(s.use.table, s.use.key, s.start, s.end) for s in source.spans}
    for table, (key, words) in HIGHLIGHTED.items():
        for row in csv(table).to_dict("records"):
            start = text.index(row["source_quote"]) + row["source_quote"].index(row[words])
            assert (table, row[key], start, start + len(row[words])) in placed, (table, row[key])
    assert len(source.spans) == sum(len(csv(table)) for table in HIGHLIGHTED)


def test_a_phrase_that_recurs_is_placed_in_its_own_sentence():
    text = "甲说生物医药。乙办生物医药论坛。"
    assert sources.locate(text, "乙办生物医药论坛。", "生物医药") == (9, 13)
    assert sources.locate(text, "不在文中。", "生物医药") is None
    assert sources.locate(text, "乙办生物医药论坛。", "不在句中") is None


def test_segments_cut_overlapping_highlights_and_merge_equal_neighbours():
    a, b = use("a"), use("b")
    found = [sources.Span(1, 5, a), sources.Span(3, 7, b)]
    got = [(s.start, s.end, s.uses) for s in sources.segments(found, 0, 8)]
    assert got == [(0, 1, ()), (1, 3, (a,)), (3, 5, (a, b)), (5, 7, (b,)), (7, 8, ())]
    # a highlight crossing the paragraph's edge is clipped to it
    assert [(s.start, s.end) for s in sources.segments([sources.Span(0, 6, a)], 2, 4)] == [(2, 4)]
    # no highlights: one plain segment
    assert [(s.start, s.end, s.uses) for s in sources.segments([], 0, 3)] == [(0, 3, ())]


def test_paragraphs_are_the_lines_and_short_lines_without_a_full_stop_are_headings():
    text = "扭住目标,强化举措\n  第一句。第二句。  \n\n" + "长" * (sources.MAX_HEADING_LENGTH + 1) + "\n"
    found = sources.paragraphs(text)
    assert [text[p.start : p.end] for p in found] == [
        "扭住目标,强化举措",
        "第一句。第二句。",
        "长" * (sources.MAX_HEADING_LENGTH + 1),
    ]
    assert [p.heading for p in found] == [True, False, False]


def test_the_report_has_its_section_headings(report):
    (source,) = report.texts
    headings = [b for b in report.blocks(source) if b.heading]
    lines = [line.strip() for line in REPORT.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(headings) == sum(1 for line in lines if "。" not in line and len(line) <= sources.MAX_HEADING_LENGTH)
    assert headings, "the report's section titles are headings"


# --- Markdown --------------------------------------------------------------------------------------------------------


def test_data_text_is_escaped_inside_and_outside_highlights():
    text = "1. a *b* [c](javascript:x) <script>alert(1)</script> $x$ :red[d]"
    start = text.index("[c]")
    parts = sources.segments([sources.Span(start, start + 3, use())], 0, len(text))
    markdown = sources.highlighted_markdown(text, parts)
    assert markdown.startswith("1\\. a \\*b\\*")
    assert sources.HIGHLIGHT.format("\\[c\\]") in markdown
    assert "<script>" not in markdown and "\\<script\\>" in markdown
    assert "\\$x\\$" in markdown and ":red\\[d\\]" in markdown
    for start_of_line, safe in [("- x", "\\- x"), ("+ x", "\\+ x"), ("= x", "\\= x"), ("12) x", "12\\) x"), ("# x", "\\# x")]:
        assert sources.highlighted_markdown(start_of_line, sources.segments([], 0, len(start_of_line))) == safe


def test_the_marked_figure_is_drawn_differently(report):
    row = csv("facts").set_index("metric").loc["trade.quarter.total"]
    (source,) = report.texts
    blocks = report.blocks(source, "trade.quarter.total")
    marked = [b for b in blocks if b.marked]
    assert len(marked) == 1
    assert sources.MARKED.format(plain(row["as_published"])) in marked[0].markdown
    assert sources.HIGHLIGHT.format(plain(row["as_published"])) not in marked[0].markdown
    assert not any(b.marked for b in report.blocks(source))


def test_the_fact_box_lists_every_period_of_the_metric_and_marks_it_in_its_sentence(report):
    facts, periods = csv("facts"), csv("periods").set_index("period")
    metric = facts["metric"][facts["metric"].duplicated()].iloc[0]  # a metric the shipped data has two periods of
    rows = facts[facts["metric"] == metric]
    for lang in ("zh", "en"):
        box = report.fact_box_markdown(metric, lang)
        for row in rows.to_dict("records"):
            assert plain(periods.loc[row["period"], f"label_{lang}"]) in box
            assert sources.MARKED.format(plain(row["as_published"])) in box
        assert plain(rows.iloc[-1][f"label_{lang}"]) in box
        assert f"(#{sources.FACT_ANCHOR})" in box


# --- rows and pages --------------------------------------------------------------------------------------------------


def test_the_pages_of_a_fact_are_its_topic_page_and_the_overview_where_it_heads_a_topic():
    owner = {data_topic: topic.key for topic in TOPICS for data_topic in topic.data_topics}
    facts = csv("facts")
    for metric, _, page in OVERVIEW_CARDS:
        pages = sources.fact_pages(facts[facts["metric"] == metric].iloc[0].to_dict())
        assert "overview" in pages and page in pages, "the overview and the page its card links to"
    for row in facts.to_dict("records"):
        pages = sources.fact_pages(row)
        assert owner[row["topic"]] in pages
        assert set(pages) <= set(BY_KEY)
        if row["topic"] == "trade" and row["group"] == "quarter" and row["metric"] != "trade.quarter.total":
            assert "overview" not in pages, "only the total heads the trade topic on the overview"
    assert "overview" in sources.fact_pages(facts[facts["group"] == "mobilised"].iloc[0].to_dict())
    for row in csv("items").to_dict("records"):
        assert owner[row["topic"]] in sources.item_pages(row)
    assert sources.project_pages(csv("projects").iloc[0].to_dict()) == ("investment",)


def test_the_uses_table_names_row_period_value_and_pages(report):
    (source,) = report.texts
    span = next(s for s in source.spans if s.use.key == "trade.quarter.total")
    row = csv("facts").set_index("metric").loc["trade.quarter.total"]
    period = csv("periods").set_index("period").loc[row["period"]]
    for lang in ("zh", "en"):
        frame = report.uses_frame([span.use], lang).iloc[0]
        assert frame["text"] == row["as_published"]
        assert frame["label"] == row[f"label_{lang}"]
        assert frame["file"] == "facts.csv" and frame["key"] == "trade.quarter.total"
        assert frame["period"] == period[f"label_{lang}"]
        pages = {"zh": ("对外开放", "总览"), "en": ("Foreign trade", "Overview")}[lang]  # the trade page and the overview
        assert all(name in frame["pages"] for name in pages)
    assert report.uses_frame([span.use], "zh").iloc[0]["value"] == f"{row['value']}{row['unit']}"


def test_a_broken_table_leaves_its_rows_unhighlighted_and_the_rest_in_place(data):
    broken = dataclasses.replace(data, tables={k: v for k, v in data.tables.items() if k != "facts"})
    report = sources.build_report(broken)
    assert report.unplaced == ("facts.csv",)
    assert report.metrics == []
    (source,) = report.texts
    assert source.spans and {s.use.table for s in source.spans} == {"projects", "items"}


def test_no_descriptor_means_no_text_and_no_failure(data):
    report = sources.build_report(dataclasses.replace(data, tables={}, descriptor={}, source_texts={}))
    assert report.texts == () and report.metrics == []
    assert sources.dictionary_frame({}, "zh").empty


# --- citation --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_citation_gives_publisher_people_and_what_is_known_of_the_date(lang):
    row = csv("sources").iloc[0].to_dict()
    lines = dict(sources.citation_lines(row, lang))
    labels = {
        "zh": {
            "publisher": "发布媒体",
            "reporters": "记者",
            "correspondents": "通讯员",
            "date_note": "时期与发布日期",
            "title": "标题(编者所拟,原文未附标题)",
        },
        "en": {
            "publisher": "Publisher",
            "reporters": "Reporters",
            "correspondents": "Correspondents",
            "date_note": "Period and publication date",
            "title": "Title (supplied by the editors; the text has no headline)",
        },
    }[lang]
    for name, label in labels.items():
        assert lines[label] == row[f"{name}_{lang}"]
    markdown = sources.citation_markdown(row, lang)
    assert plain(row[f"date_note_{lang}"]) in markdown
    assert plain(row[f"reporters_{lang}"]) in markdown


# --- data dictionary -------------------------------------------------------------------------------------------------


def test_the_dictionary_has_every_field_of_every_table_once():
    package = descriptor()
    expected = [(r["path"], f["name"]) for r in package["resources"] for f in r["schema"]["fields"]]
    for lang in ("zh", "en"):
        frame = sources.dictionary_frame(package, lang)
        assert list(zip(frame["table"], frame["field"])) == expected


# A field's type as an English reader sees it
TYPES_EN = {
    "string": "text",
    "number": "number",
    "integer": "whole number",
    "boolean": "true/false",
    "date": "date",
    "any": "any",
}


def test_the_dictionary_speaks_the_readers_language_with_types_units_and_constraints():
    package = descriptor()
    zh, en = sources.dictionary_frame(package, "zh"), sources.dictionary_frame(package, "en")
    fields = [(r, f) for r in package["resources"] for f in r["schema"]["fields"]]
    for i, (resource, field) in enumerate(fields):
        assert zh["title"][i] == field["heze:title_zh"] and en["title"][i] == field["title"]
        assert en["type"][i] == TYPES_EN[field["type"]]
        if "heze:unit" in field:
            assert zh["unit"][i] == field["heze:unit"]
        if "heze:unitField" in field:
            assert field["heze:unitField"] in en["unit"][i]
        for value in field.get("constraints", {}).get("enum", []):
            assert str(value) in en["constraints"][i]
        if field["name"] in resource["schema"].get("primaryKey", []):
            assert "primary key (or part of it)" in en["constraints"][i]
        for key in resource["schema"].get("foreignKeys", []):
            if field["name"] in sources._as_list(key["fields"]):
                assert f"{key['reference']['resource']}.csv" in en["constraints"][i]
    assert {r["title"] for r in sources.resources(package, "en")} == {r["title"] for r in package["resources"]}
    assert {r["title"] for r in sources.resources(package, "zh")} == {r["heze:title_zh"] for r in package["resources"]}


# --- downloads -------------------------------------------------------------------------------------------------------


def test_the_zip_holds_every_file_as_stored_and_nothing_outside_the_folder(data, tmp_path):
    raw = sources.zip_bytes(data.files)
    archive = zipfile.ZipFile(io.BytesIO(raw))
    expected = ["datapackage.json"] + sorted(p.name for p in DATA.glob("*.csv")) + ["source/heze-devzone-2020-report.txt"]
    assert archive.namelist() == expected
    for name in expected:
        stored, zipped = (DATA / name).read_bytes(), archive.read(name)
        if name.endswith(".csv"):  # the same rows and cells (the data has none that would run as a formula)
            stored, zipped = (list(csv_module.reader(io.StringIO(b.decode("utf-8-sig")))) for b in (stored, zipped))
        assert zipped == stored, name
    assert sources.zip_bytes(data.files) == raw, "the same files give the same zip"
    # a file that leads outside the folder was never read, so it is not in the zip either
    folder, outside = tmp_path / "data", tmp_path / "outside.csv"
    shutil.copytree(DATA, folder)
    outside.write_text("outside-the-folder", encoding="utf-8")
    (folder / "units.csv").unlink()
    (folder / "units.csv").symlink_to(outside)
    linked = zipfile.ZipFile(io.BytesIO(sources.zip_bytes(read_dataset(folder).files)))
    assert "units.csv" not in linked.namelist() and "facts.csv" in linked.namelist()
    assert all(b"outside-the-folder" not in linked.read(name) for name in linked.namelist())


def test_the_zips_csv_files_hold_no_cell_that_runs_as_a_formula(data_copy):
    edit_csv(
        data_copy / "facts.csv", "metric", "trade.enterprises.with_trade", column="note_en", new='=HYPERLINK("http://x","y")'
    )
    archive = zipfile.ZipFile(io.BytesIO(sources.zip_bytes(read_dataset(data_copy).files)))
    rows = list(csv_module.DictReader(io.StringIO(archive.read("facts.csv").decode("utf-8-sig"))))
    notes = [r["note_en"] for r in rows if r["metric"] == "trade.enterprises.with_trade"]
    assert notes and all(n == '\'=HYPERLINK("http://x","y")' for n in notes)


def test_the_workbook_has_a_sheet_per_table_and_one_for_the_fields(data):
    tables = sources.package_tables(data)
    fields = sources.dictionary_frame(data.descriptor, "en")
    book = openpyxl.load_workbook(io.BytesIO(sources.workbook_bytes(tables, fields)))
    assert book.sheetnames == [r["name"] for r in descriptor()["resources"]] + [sources.FIELDS_SHEET]
    for name in tables:
        assert book[name].max_row == len(csv(name)) + 1
        assert [c.value for c in book[name][1]] == list(csv(name).columns)
    assert book[sources.FIELDS_SHEET].max_row == len(fields) + 1


def test_the_workbook_cannot_run_a_formula_from_the_data():
    tables = {"facts": pd.DataFrame({"note_zh": ['=HYPERLINK("http://x")', "ok"]})}
    book = openpyxl.load_workbook(io.BytesIO(sources.workbook_bytes(tables, pd.DataFrame({"field": ["@x"]}))))
    # stored as text exactly as written: no formula, and no apostrophe for the reader to see
    assert book["facts"]["A2"].value == '=HYPERLINK("http://x")' and book["facts"]["A2"].data_type == "s"
    assert book["fields"]["A2"].value == "@x" and book["fields"]["A2"].data_type == "s"


# --- validation status -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_files_problems_read_as_the_loader_words_them_with_data_escaped(lang):
    from components.data.errors import DataError

    errors = [
        DataError(file="facts.csv", code="wrong_type", row=5, column="value", value="*many*", detail="number"),
        DataError(file="facts.csv", code="missing_value", row=7, column="unit"),
    ]
    markdown = sources.problems_markdown("facts.csv", errors, lang)
    for error in errors:
        assert plain(error.message(lang)) in markdown
    assert "\\*many\\*" in markdown and str(len(errors)) in markdown.splitlines()[0]
    assert sources.listing(["a.csv", "b.csv"], lang) == ("a.csv、b.csv" if lang == "zh" else "a.csv, b.csv")


def test_the_zip_takes_a_csv_saved_half_way_inside_a_character(data):
    files = {**data.files, "facts.csv": data.files["facts.csv"] + "菏".encode()[:2]}
    archive = zipfile.ZipFile(io.BytesIO(sources.zip_bytes(files)))
    assert (
        archive.read("facts.csv").decode("utf-8-sig").splitlines()
        == data.files["facts.csv"].decode("utf-8-sig").replace("\r\n", "\n").splitlines()
    )
