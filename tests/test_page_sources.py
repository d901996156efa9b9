"""The sources page through AppTest: the report highlighted, sources?fact=<metric> marking a figure with its rows and
pages, the citation, the dictionary, the validation status (also with broken files) and the downloads."""

from __future__ import annotations

import json

import pytest

from components.markdown import plain
from components.topics.sources import build as sources
from support import DATA, csv, run_page, seen

PAGE = "pages/sources.py"
# Headers and labels a reader sees: the uses tables' (in English), the dictionary's, the pages' names
USES_KEY, USES_FILE, TEXT_FILE = (
    {"zh": "编号", "en": "Id"},
    {"zh": "数据文件", "en": "Data file"},
    {"zh": "原文文件", "en": "Text file"},
)
USES_LABEL, USES_PAGES = {"zh": "名称", "en": "Name"}, {"zh": "使用页面", "en": "Used on"}
FIELD, TITLE = {"zh": "字段", "en": "Field"}, {"zh": "名称", "en": "Title"}
PAGE_NAMES = {"trade": {"zh": "对外开放", "en": "Foreign trade"}, "overview": {"zh": "总览", "en": "Overview"}}


def open_tab(at, index: int):
    """Switch the page's tabs to the index-th (only the open tab is built) and rerun."""
    at.session_state[sources.TABS_KEY] = at.tabs[index].label
    return at.run()


def shown_text(at) -> str:
    return "\n".join(str(m.value) for m in at.markdown) + "\n".join(str(s.value) for s in at.subheader)


def lone_figures() -> list[dict]:
    """Facts whose as_published no other highlighted row overlaps: highlighted exactly as written."""
    facts, items, projects = csv("facts"), csv("items"), csv("projects")
    others = list(items["name_zh"]) + list(projects["as_published"])
    return [
        r
        for r in facts.to_dict("records")
        if not any(r["as_published"] in o or o in r["as_published"] for o in others)
        and (facts["as_published"] == r["as_published"]).sum() == 1
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_is_shown_with_the_figures_highlighted(lang):
    at = run_page(PAGE, lang=lang)
    assert not at.exception and not at.error
    text = shown_text(at)
    figures = lone_figures()
    assert len(figures) > 10
    for row in figures:
        assert sources.HIGHLIGHT.format(plain(row["as_published"])) in text, row["metric"]
    for row in csv("items").to_dict("records"):
        assert plain(row["name_zh"]) in text
    assert sources.MARKED.format("").split("]", 1)[1] not in text, "nothing is marked without ?fact"


def technical_names() -> set[str]:
    """What only a maintainer should see: every row id, data file name and source text path."""
    ids = set(csv("facts")["metric"]) | set(csv("projects")["project_id"]) | set(csv("items")["item_id"])
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    return ids | {r["path"] for r in package["resources"]} | set(csv("sources")["path"]) | {"datapackage.json"}


def cells(frame) -> set[str]:
    return {str(v) for column in frame.columns for v in frame[column]} | {str(c) for c in frame.columns}


def open_every_paragraph(at):
    report = (DATA / "source" / "heze-devzone-2020-report.txt").read_text(encoding="utf-8")
    for number in range(len(sources.paragraphs(report))):
        at.session_state[sources.uses_key("heze-devzone-2020", number)] = True
    return at.run()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_paragraph_lists_the_rows_and_pages_behind_its_highlights_by_label_not_id(lang):
    at = run_page(PAGE, lang=lang)
    assert at.expander and not at.table, "a paragraph's rows are built when its expander is opened"
    open_every_paragraph(at)
    labels, technical = set(), technical_names()
    for frame in at.table:
        value = frame.value
        labels |= set(value[USES_LABEL[lang]])
        assert value[USES_PAGES[lang]].str.len().gt(0).all()
        assert not cells(value) & technical, "no ids, file names or paths beside the report"
        assert not any(str(v).endswith(".csv") for v in cells(value))
    assert set(csv("facts")[f"label_{lang}"]) <= labels
    assert set(csv("projects")[f"name_{lang}"]) <= labels and set(csv("items")[f"name_{lang}"]) <= labels


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_reader_sees_no_ids_file_names_or_paths_in_the_report_tab(lang):
    shown = shown_text(run_page(PAGE, lang=lang)) + shown_text(run_page(PAGE, lang=lang, fact="trade.quarter.total"))
    shown += "\n".join(str(i.value) for i in run_page(PAGE, lang=lang, fact="trade.quarter.total").info)
    found = [name for name in technical_names() if name in shown]
    assert not found, found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_data_dictionary_gives_maintainers_each_highlighted_rows_file_and_id(lang):
    at = open_tab(run_page(PAGE, lang=lang), 1)
    (frame,) = [f.value for f in at.dataframe if USES_KEY[lang] in f.value.columns]
    ids = set(frame[USES_KEY[lang]])
    assert set(csv("facts")["metric"]) <= ids
    assert set(csv("projects")["project_id"]) <= ids and set(csv("items")["item_id"]) <= ids
    assert set(frame[USES_FILE[lang]]) == {"facts.csv", "projects.csv", "items.csv"}
    assert set(frame[TEXT_FILE[lang]]) == set(csv("sources")["path"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_fact_link_marks_the_figure_shows_its_rows_and_pages_and_anchors_its_paragraph(lang):
    row = csv("facts").set_index("metric").loc["trade.quarter.total"]
    period = csv("periods").set_index("period").loc[row["period"]]
    at = run_page(PAGE, lang=lang, fact="trade.quarter.total")
    assert not at.exception and not at.error
    box = at.info[0].value
    assert plain(row[f"label_{lang}"]) in box and plain(period[f"label_{lang}"]) in box
    assert sources.MARKED.format(plain(row["as_published"])) in box
    links = at.get("page_link")
    assert {link.proto.label for link in links} == {PAGE_NAMES["trade"][lang], PAGE_NAMES["overview"][lang]}
    assert all(link.proto.query_string == f"lang={lang}" for link in links), "the links keep the language"
    assert sources.MARKED.format(plain(row["as_published"])) in "\n".join(m.value for m in at.markdown)
    anchors = [s for s in at.subheader if s.proto.anchor == sources.FACT_ANCHOR]
    assert len(anchors) == 1
    assert [e for e in at.expander if e.proto.expanded], "the marked paragraph's rows are open"


@pytest.mark.parametrize("value", ["no.such.metric", "<script>alert(1)</script>", "x" * 5000, "", "TRADE.Q1.TOTAL"])
def test_an_unknown_fact_is_ignored(value):
    at = run_page(PAGE, fact=value)
    assert not at.exception and not at.error
    assert not at.info
    assert not [s for s in at.subheader if s.proto.anchor == sources.FACT_ANCHOR]
    assert "<script" not in shown_text(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_citation_names_publisher_people_and_the_date_as_known(lang):
    row = csv("sources").iloc[0]
    text = shown_text(run_page(PAGE, lang=lang))
    for name in ("publisher", "reporters", "correspondents", "date_note"):
        assert plain(row[f"{name}_{lang}"]) in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_dictionary_shows_every_table_and_field_in_the_readers_language(lang):
    at = run_page(PAGE, lang=lang)
    assert not [f for f in at.dataframe if FIELD[lang] in f.value.columns], "built only when open"
    open_tab(at, 1)
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    title = "heze:title_zh" if lang == "zh" else "title"
    frames = [f.value for f in at.dataframe if FIELD[lang] in f.value.columns]
    assert len(frames) == len(package["resources"])
    for frame, resource in zip(frames, package["resources"]):
        assert list(frame[FIELD[lang]]) == [f["name"] for f in resource["schema"]["fields"]]
        assert list(frame[TITLE[lang]]) == [f[title] for f in resource["schema"]["fields"]]
    headings = " ".join(s.value for s in at.subheader)
    assert all(plain(r[title]) in headings for r in package["resources"])


def test_every_file_is_valid_with_the_shipped_data():
    at = open_tab(run_page(PAGE, lang="en"), 2)
    assert not at.warning
    message = at.success[0].value
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert all(r["path"] in seen(message) for r in package["resources"]) and "datapackage.json" in seen(message)


def test_a_broken_facts_file_is_listed_and_the_text_still_shown(data_copy):
    facts = data_copy / "facts.csv"
    facts.write_text(facts.read_text(encoding="utf-8").replace(",1034,", ",many,"), encoding="utf-8")
    at = run_page(PAGE, lang="en", fact="trade.quarter.total")
    assert not at.exception and not at.error, "warnings only: this is where a maintainer looks"
    assert "facts.csv" in " ".join(seen(w.value) for w in at.warning), "the problem is named above the tabs"
    assert not at.info, "no figure to mark while facts.csv is broken"
    text = shown_text(at)
    item = csv("items").iloc[0]["name_zh"]
    assert sources.HIGHLIGHT.format(plain(item)) in text, "items are still highlighted"
    assert sources.HIGHLIGHT.format(plain("1034名党员干部")) not in text
    assert plain(csv("sources").iloc[0]["publisher_en"]) in text
    warnings = " ".join(seen(w.value) for w in open_tab(at, 2).warning)
    assert "facts.csv" in warnings and "row 5" in warnings and "value" in warnings


def test_a_broken_package_file_still_shows_the_page(data_copy):
    (data_copy / "datapackage.json").write_text("{ not json", encoding="utf-8")
    at = run_page(PAGE)
    assert not at.exception and not at.error
    assert any("datapackage.json" in w.value for w in at.warning)


def test_downloads_are_offered():
    at = run_page(PAGE)
    assert not at.get("download_button"), "built only when their tab is open"
    open_tab(at, 3)
    buttons = {b.proto.label for b in at.get("download_button")}
    assert {"下载全部数据(.zip)", "下载全部数据(Excel)"} <= buttons


def test_presentation_mode_shows_the_highlighted_text_only():
    at = run_page(PAGE, present="1")
    assert not at.exception and not at.error
    assert not at.tabs and not at.expander and not at.get("download_button")
    assert sources.HIGHLIGHT.format(plain(lone_figures()[0]["as_published"])) in shown_text(at)
