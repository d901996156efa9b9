"""Every page through app.py with AppTest: both languages, presentation mode, tampered URLs, a broken data file."""

from __future__ import annotations

import re

import pytest

from components.markdown import plain
from support import PAGE_FILES, run_page, seen

TAMPERED = {
    "lang": ["fr", "<script>alert(1)</script>", "x" * 5000, "", "EN"],
    "present": ["yes", "true", "2", "<b>1</b>", "1" * 500],
    "rotate": ["abc", "-5", "1e9", "<img src=x onerror=alert(1)>", "0"],
}


@pytest.mark.parametrize("page", PAGE_FILES)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("present", [None, "1"])
def test_every_page_runs(page, lang, present):
    params = {"lang": lang} | ({"present": present} if present else {})
    at = run_page(page, **params)
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["lang"] == lang
    assert (at.session_state["present"] == "1") == (present == "1")
    assert at.title, "every page has a title"


def test_language_switch_changes_titles_and_numbers():
    zh, en = run_page("pages/overview.py"), run_page("pages/overview.py", lang="en")
    assert zh.title[0].value != en.title[0].value
    zh_values, en_values = [m.value for m in zh.metric], [m.value for m in en.metric]
    assert any("亿元" in v for v in zh_values) and not any("亿元" in v for v in en_values)
    assert any(v.startswith("CNY") for v in en_values)


def test_language_is_kept_in_the_url_and_across_pages():
    at = run_page(None)
    at.segmented_control(key="lang_switch").set_value("en").run()
    assert at.query_params["lang"] == "en"
    at.switch_page("pages/trade.py").run()
    assert at.session_state["lang"] == "en"
    assert at.query_params["lang"] == "en"


@pytest.mark.parametrize("param", sorted(TAMPERED))
def test_tampered_parameters_fall_back_to_defaults(param):
    for value in TAMPERED[param]:
        at = run_page("pages/overview.py", **{param: value})
        assert not at.exception
        assert at.session_state["lang"] == "zh" if param == "lang" else True
        assert at.session_state["present"] is None if param == "present" else True
        shown = " ".join(str(e.value) for e in at.markdown) + " ".join(str(e.value) for e in at.caption)
        assert "<script" not in shown and "onerror" not in shown


def test_broken_facts_file_shows_the_error_box_with_file_row_and_column(data_copy):
    facts = data_copy / "facts.csv"
    facts.write_text(facts.read_text(encoding="utf-8").replace(",1034,", ",many,"), encoding="utf-8")
    broken = run_page("pages/overview.py")
    assert not broken.exception
    assert broken.error, "the page shows the error box"
    message = seen(broken.error[0].value)
    assert "facts.csv" in message and "value" in message and "5" in message
    assert not broken.metric, "and not its figures"


@pytest.mark.parametrize(
    "page", ["pages/overview.py", "pages/trade.py", "pages/talent.py", "pages/poverty.py", "pages/epidemic.py"]
)
def test_a_broken_projects_file_leaves_the_other_pages_working(data_copy, page):
    projects = data_copy / "projects.csv"
    projects.write_text(projects.read_text(encoding="utf-8").replace(",150,", ",-150,"), encoding="utf-8")
    at = run_page(page)
    assert not at.exception and not at.error


def test_a_broken_projects_file_stops_the_investment_page_with_the_error_box(data_copy):
    projects = data_copy / "projects.csv"
    projects.write_text(projects.read_text(encoding="utf-8").replace(",150,", ",-150,"), encoding="utf-8")
    at = run_page("pages/investment.py")
    assert not at.exception
    assert at.error and "projects.csv" in seen(at.error[0].value) and "amount" in at.error[0].value


GUIDE_CHANNELS = ("x", "y", "color", "fill", "stroke", "size", "shape", "opacity", "strokeDash", "facet", "row", "column")


def _encodings(node):
    """Every encoding block in a Vega-Lite spec, layers and concatenations included."""
    if isinstance(node, dict):
        if isinstance(node.get("encoding"), dict):
            yield node["encoding"]
        for key, value in node.items():
            if key != "datasets":
                yield from _encodings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _encodings(value)


@pytest.mark.parametrize("page", PAGE_FILES)
def test_no_automatic_english_titles_in_the_chinese_view(page):
    """Altair names an untitled field ("value", "Sum of value"): every axis, legend and tooltip title is set, in Chinese."""
    import json

    at = run_page(page)
    for chart in at.get("arrow_vega_lite_chart") + at.get("vega_lite_chart"):
        for encoding in _encodings(json.loads(chart.proto.spec)):
            for channel, spec in encoding.items():
                entries = spec if isinstance(spec, list) else [spec]
                for entry in entries:
                    if not isinstance(entry, dict) or "field" not in entry:
                        continue
                    guided = (
                        channel in GUIDE_CHANNELS and entry.get("axis", {}) is not None and entry.get("legend", {}) is not None
                    )
                    if channel == "tooltip" or guided:
                        assert "title" in entry, f"{page}: {channel} {entry['field']} has Altair's automatic title"
                        title = entry["title"]
                        assert title is None or not re.search(r"[A-Za-z]{3,}", str(title)), f"{page}: English title {title!r}"


def popovers(at) -> list:
    """The page's popovers (the buttons that open a block's source sentences or its downloads), in page order."""
    from streamlit.testing.v1.element_tree import Block

    found, todo = [], [at._tree]
    while todo:
        node = todo.pop(0)
        if isinstance(node, Block):
            if node.type == "popover":
                found.append(node)
            todo[:0] = list(node.children.values())
    return found


@pytest.mark.parametrize("page", [p for p in PAGE_FILES if not p.endswith("sources.py")])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_has_its_sentences_and_downloads_one_click_away(page, lang):
    from components.markdown import plain
    from support import charts

    sentences = {"zh": "原文出处(", "en": "Source sentences ("}[lang]  # then the count
    menu = {"zh": "下载数据", "en": "Download data"}[lang]
    files = {"zh": ["下载 CSV", "下载 Excel"], "en": ["Download CSV", "Download Excel"]}[lang]

    at = run_page(page, lang=lang)
    opened = [
        (
            p.proto.popover.label,
            [c.value for c in p.children.values() if hasattr(c, "value")],
            [c.proto.label for c in p.children.values() if getattr(c, "type", "") == "download_button"],
        )
        for p in popovers(at)
    ]
    notes = [texts for label, texts, _ in opened if label.startswith(sentences)]
    downloads = [buttons for label, _, buttons in opened if label == menu]
    shown = charts(at)
    assert shown and len(notes) >= len(shown) and len(downloads) >= len(shown)
    for _, rows in shown:
        quotes = set(rows["source_quote"].dropna()) if "source_quote" in rows else set()
        assert any(all(f"> {plain(q)}" in texts for q in quotes) for texts in notes), "each chart's sentences, verbatim"
    assert all(buttons == files for buttons in downloads)


@pytest.mark.parametrize("page", [p for p in PAGE_FILES if not p.endswith("sources.py")])
def test_every_chart_draws_from_rows_it_carries(page):
    import json

    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    from support import data_names

    at = run_page(page)
    assert at.get("vega_lite_chart")
    for chart in at.get("vega_lite_chart"):
        rows = {d.name: convert_arrow_bytes_to_pandas_df(d.data.data) for d in chart.proto.datasets if d.has_name}
        names = data_names(json.loads(chart.proto.spec))
        assert names and names <= set(rows), f"the spec draws from {names}; the chart carries {set(rows)}"
        assert all(len(rows[name]) for name in names)


def test_a_data_error_inside_a_section_shows_the_error_box_not_a_traceback():
    from streamlit.testing.v1 import AppTest

    def script():
        from components import ui
        from components.data.errors import DataError, DataUnavailable

        @ui.section
        def part():
            raise DataUnavailable([DataError(file="facts.csv", row=5, column="value", code="missing_value")])

        part()

    at = AppTest.from_function(script).run()
    assert not at.exception
    assert "facts.csv" in seen(at.error[0].value) and "5" in at.error[0].value


CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("page", [p for p in PAGE_FILES if not p.endswith("sources.py")])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_has_a_description_naming_it_in_the_readers_language(page, lang):
    import json

    at = run_page(page, lang=lang)
    specs = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    assert specs
    shown = "\n".join(m.value for m in at.markdown)
    for spec in specs:
        title = spec["usermeta"]["title"]
        title = title["text"] if isinstance(title, dict) else title
        said = spec.get("description", "")
        assert said.startswith(title) and len(said) > len(title) + 5, said  # the title, then what the marks are
        assert bool(CJK.search(said)) == (lang == "zh"), said
        # drawn as the page's text above the chart (it wraps on a phone, where Vega would cut it with "…")
        assert "title" not in spec and f"**{plain(title)}**" in shown, title
