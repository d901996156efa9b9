"""The investment page through AppTest: headline figures, the pipeline switch, every filter of the named projects
changing the chart's data and the table, the URL restoring filters and the selected project, tampered values falling
back, downloads opening with Chinese intact, both languages and presentation mode."""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import app_test

from support import charts, csv, param, run_page, seen

PAGE = "pages/investment.py"
# What a reader sees: the stages' Chinese names, the projects table's headers, the page's and the charts' titles
STAGE_NAMES = {"negotiating": "在谈", "signed": "新签约", "new_start": "新开工", "continuing": "续建", "in_production": "达产"}
PROJECT, SELECTED = "项目", "已选"
AMOUNT_TEXT, AMOUNT = "投资额", "投资额(亿元,数值)"
TITLE = {"zh": "项目建设", "en": "Investment projects"}
PIPELINE_TITLE = {"zh": "各阶段总投资", "en": "Total investment at each stage"}
PROJECTS_TITLE = {"zh": "点名项目的投资额(按阶段着色)", "en": "Investment in the named projects, coloured by stage"}


def project_ids(at) -> list[str]:
    return list(charts(at)[1][1]["project_id"])


def table(at) -> pd.DataFrame:
    """The named projects' table: the chart/table toggle switched to the table, or the table alone when no project
    left by the filters has an amount to draw."""
    toggles = [w.key for w in at.segmented_control if (w.key or "").startswith("view_investment_projects")]
    if toggles:
        at.segmented_control(key=toggles[0]).set_value("table").run()
    assert not at.exception, [e.value for e in at.exception]
    return at.dataframe[0].value


def names(rows: pd.DataFrame, lang: str = "zh") -> set[str]:
    return set(rows[f"name_{lang}"])


def projects() -> pd.DataFrame:
    return csv("projects").assign(amount_value=lambda f: pd.to_numeric(f["amount"], errors="coerce"))


def test_headline_figures_show_every_stage_the_key_projects_and_the_expected_output():
    at = run_page(PAGE)
    assert not at.exception and not at.error
    facts = csv("facts")
    # a card keeps a number with its unit by a no-break space (ui.unbroken): read as the reader sees it
    shown = {seen(m.label): m.value.replace("\u00a0", " ") for m in at.metric}
    stages = facts[(facts["topic"] == "investment") & (facts["group"] == "pipeline") & (facts["item"] == "investment")]
    assert len(at.metric) == len(facts[facts["topic"] == "investment"]) - len(stages), "one card per stage, not two"
    for row in stages.to_dict("records"):
        label = next(label for label in shown if label.startswith(STAGE_NAMES[row["stage"]]))
        projects_row = facts[(facts["stage"] == row["stage"]) & (facts["item"] == "projects")].iloc[0]
        assert projects_row["value"] in label
        if row["qualifier"] == "at_least":
            assert shown[label] == f"{row['value']}多亿元", "a lower bound is shown as one"
            assert "多个" in label
    output = facts[facts["metric"] == "investment.output.expected_annual_output"].iloc[0]
    assert shown[output["label_zh"]].startswith("预计"), "a forecast says so"


def test_english_counts_say_what_they_count():
    at = run_page(PAGE, lang="en")
    facts = csv("facts")
    shown = {seen(m.label): m.value.replace("\u00a0", " ") for m in at.metric}  # ui.unbroken
    for row in facts[facts["group"] == "key_projects"].to_dict("records"):
        assert shown[row["label_en"]] == f"{row['value']} projects"


def test_the_pipeline_measure_switch_changes_the_chart_data_and_is_kept_in_the_url():
    at = run_page(PAGE)
    spec, rows = charts(at)[0]
    facts = csv("facts")
    invest = facts[(facts["group"] == "pipeline") & (facts["item"] == "investment")]
    assert sorted(rows["value"]) == sorted(invest["value"].astype(float))
    at.segmented_control(key="measure").set_value("projects").run()
    spec, rows = charts(at)[0]
    counts = facts[(facts["group"] == "pipeline") & (facts["item"] == "projects")]
    assert sorted(rows["value"]) == sorted(counts["value"].astype(float))
    assert spec["usermeta"]["title"] == "各阶段项目数"
    assert param(at, "measure") == ["projects"]
    assert run_page(PAGE, measure="projects").segmented_control(key="measure").value == "projects"


def test_by_default_every_project_with_an_amount_is_drawn_and_every_project_is_in_the_table():
    at = run_page(PAGE)
    rows = projects()
    assert set(project_ids(at)) == set(rows.loc[rows["amount_value"].notna(), "project_id"])
    shown = table(at)
    assert len(shown) == len(rows)
    unpublished = shown[shown[AMOUNT_TEXT] == "未公布金额"]
    assert len(unpublished) == rows["amount_value"].isna().sum(), "never as zero"
    assert unpublished[AMOUNT].isna().all()


def test_the_stage_filter_changes_the_chart_and_the_table_and_goes_into_the_url():
    at = run_page(PAGE)
    at.pills(key="stage").set_value(["new_start"]).run()
    rows = projects()
    expected = rows[(rows["stage"] == "new_start")]
    assert set(project_ids(at)) == set(expected.loc[expected["amount_value"].notna(), "project_id"])
    assert param(at, "stage") == ["new_start"]
    assert set(table(at)[PROJECT]) == names(expected)


def test_the_industry_filter_changes_the_chart_and_the_table_including_other():
    at = run_page(PAGE, industry="other")
    rows = projects()
    others = rows[rows["industry"] == ""]
    assert len(charts(at)) == (1 if others["amount_value"].isna().all() else 2), "no empty chart"
    assert set(table(at)[PROJECT]) == names(others)
    at = run_page(PAGE)
    at.pills(key="industry").set_value(["biomedicine"]).run()
    bio = rows[rows["industry"] == "industry.biomedicine"]
    assert set(project_ids(at)) == set(bio.loc[bio["amount_value"].notna(), "project_id"])
    assert param(at, "industry") == ["biomedicine"]


def test_the_minimum_amount_drops_smaller_and_unpublished_amounts_and_says_which_are_hidden():
    rows = projects()
    minimum = float(rows["amount_value"].median())
    at = run_page(PAGE, min_amount=str(minimum))
    assert at.number_input(key="min_amount").value == minimum
    assert set(project_ids(at)) == set(rows.loc[rows["amount_value"] >= minimum, "project_id"])
    captions = " ".join(c.value for c in at.caption)
    assert all(name in captions for name in rows.loc[rows["amount_value"].isna(), "name_zh"])
    assert len(table(at)) == (rows["amount_value"] >= minimum).sum()


@pytest.mark.parametrize("field", ["name_zh", "name_en"])
def test_the_search_matches_names_in_either_language(field):
    rows = projects()
    target = rows.iloc[0]
    query = target[field][:4]
    at = run_page(PAGE, q=query)
    assert at.text_input(key="q").value == query
    expected = rows[
        rows["name_zh"].str.lower().str.contains(query.lower(), regex=False)
        | rows["name_en"].str.lower().str.contains(query.lower(), regex=False)
    ]
    assert set(table(at)[PROJECT]) == names(expected)


def test_the_url_restores_filters_and_the_selected_project_which_is_highlighted_and_ticked():
    rows = projects()
    chosen = rows[(rows["stage"] == "new_start") & (rows["industry"] == "industry.biomedicine")]
    largest = chosen.loc[chosen["amount_value"].idxmax()]
    at = run_page(PAGE, stage="new_start", industry="biomedicine", project=largest["project_id"])
    assert not at.exception
    assert at.pills(key="stage").value == ["new_start"] and at.pills(key="industry").value == ["biomedicine"]
    spec, data = charts(at)[1]
    selection = next(p for p in spec["params"] if p["name"] == "project")
    assert selection["select"] == {"type": "point", "fields": ["project_id"]}, "a click selects a project"
    assert list(data.loc[data["selected"], "project_id"]) == [largest["project_id"]], "its bar is highlighted"
    assert set(data["project_id"]) == set(chosen.loc[chosen["amount_value"].notna(), "project_id"])
    assert any(largest["name_zh"] in m.value for m in at.markdown), "the selected project is named above the chart"
    shown = table(at)
    assert shown.iloc[0][SELECTED] == "✓"
    assert shown.iloc[0][PROJECT] == largest["name_zh"]
    assert param(at, "project") == [largest["project_id"]]


def test_clearing_the_selection_takes_it_out_of_the_url_and_the_chart():
    rows = projects()
    first = rows.loc[rows["amount_value"].idxmax(), "project_id"]
    at = run_page(PAGE, project=first)
    at.button(key="clear_project").click().run()
    assert not at.exception
    assert at.session_state["project"] is None and "project" not in at.query_params
    assert not charts(at)[1][1]["selected"].any()
    assert table(at).iloc[0][SELECTED] == ""


TAMPERED = {
    "stage": ["bogus", "<script>alert(1)</script>", "x" * 5000],
    "industry": ["industry.biomedicine", "<img src=x onerror=alert(1)>", ""],
    "min_amount": ["abc", "-5", "1e9", "nan", "inf"],
    "q": ["<script>alert(1)</script>" * 20],
    "project": ["no_such_project", "<script>", "x" * 5000],
    "measure": ["everything", ""],
}


@pytest.mark.parametrize("param", sorted(TAMPERED))
def test_tampered_values_fall_back_to_defaults(param):
    for value in TAMPERED[param]:
        at = run_page(PAGE, **{param: value})
        assert not at.exception, (param, value, [e.value for e in at.exception])
        assert not at.error
        if param == "stage":
            assert at.pills(key="stage").value == []
        if param == "industry":
            assert at.pills(key="industry").value == []
        if param == "min_amount":
            assert at.number_input(key="min_amount").value == 0
        if param == "project":
            assert at.session_state["project"] is None
            assert not charts(at)[1][1]["selected"].any()
        if param == "measure":
            assert at.segmented_control(key="measure").value == "investment"
        if param == "q":
            assert len(at.text_input(key="q").value) <= 60
        shown = " ".join(str(e.value) for e in at.markdown) + " ".join(str(e.value) for e in at.caption)
        # the search term is said back beside the filters, escaped (\<script\> shows as text); never as raw markup
        assert not re.search(r"(?<!\\)<(script|img)", shown)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("present", [None, "1"])
def test_both_languages_and_presentation_mode_run_with_titles_in_the_language(lang, present):
    at = run_page(PAGE, lang=lang, **({"present": present} if present else {}))
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == TITLE[lang]
    (pipeline, _), (named, rows) = charts(at)
    assert pipeline["usermeta"]["title"] == PIPELINE_TITLE[lang]
    assert named["usermeta"]["title"] == PROJECTS_TITLE[lang]
    if lang == "en":
        assert not any("亿元" in m.value for m in at.metric)
        assert set(rows["label"]) <= set(csv("projects")["name_en"])
    if present:
        assert not at.get("download_button"), "a projector shows no downloads"


@pytest.fixture
def media(monkeypatch) -> list:
    """Every media manager AppTest makes, so a test can fetch what a download button gives when clicked."""
    managers = []

    class Recording(MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", Recording)
    return managers


def downloaded(managers, button) -> bytes:
    """The bytes a click on the button downloads: downloads are made on click (deferred), as in the browser."""
    file_id = button.proto.deferred_file_id
    for manager in reversed(managers):
        try:
            url = manager.execute_deferred(file_id)
        except Exception:
            continue
        return manager._storage.get_file(url.rsplit("/", 1)[-1].split(".")[0]).content
    raise AssertionError(f"no download behind {button.proto.label}")


def test_the_downloads_open_with_chinese_intact_and_follow_the_filters(media):
    at = run_page(PAGE, stage="new_start", industry="biomedicine")
    buttons = at.get("download_button")
    csvs = [downloaded(media, b) for b in buttons if "csv" in b.proto.id]
    sheets = [downloaded(media, b) for b in buttons if "xlsx" in b.proto.id]
    assert len(csvs) == len(sheets) == len(at.get("vega_lite_chart")) + 2, "every chart and both card rows"
    assert all(raw.startswith(b"\xef\xbb\xbf") for raw in csvs), "UTF-8 with a BOM, for Excel"
    frames = [pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig") for raw in csvs]
    named = next(f for f in frames if PROJECT in f.columns)
    rows = projects()
    expected = rows[(rows["stage"] == "new_start") & (rows["industry"] == "industry.biomedicine")]
    assert set(named[PROJECT]) == names(expected), "the download is what the filters show, Chinese intact"
    workbooks = [pd.read_excel(io.BytesIO(raw)) for raw in sheets]
    assert set(next(w for w in workbooks if PROJECT in w.columns)[PROJECT]) == names(expected)


def test_a_broken_projects_file_shows_the_error_box_in_place_of_the_projects_only(data_copy):
    path = data_copy / "projects.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",150,", ",-150,"), encoding="utf-8")
    at = run_page(PAGE)
    assert not at.exception
    assert at.error and all("projects.csv" in seen(e.value) and "amount" in e.value for e in at.error)
    # the stage figures and the pipeline need no project: they stay; the named projects' chart does not
    assert len(at.metric) == len(csv("facts").query("topic == 'investment' and item != 'projects'")), (
        "a card per stage (its projects in the label), output, key projects"
    )
    ((spec, _),) = charts(at)
    assert "project" not in json.dumps(spec)


def test_a_selection_outside_the_filters_is_said_to_be(tmp_path):
    rows = csv("projects")
    new_start = rows[rows["stage"] == "new_start"]["project_id"].iloc[0]
    at = run_page(PAGE, stage="signed", project=new_start)
    assert not at.exception
    assert any("已选项目不在当前筛选结果中;调整筛选条件或取消选择即可。" in c.value for c in at.caption)
