"""Every page through app.py (AppTest): clean in both languages and modes, headings in order, filters kept in the URL."""

from __future__ import annotations

import re
import unicodedata

import pytest
from streamlit.testing.v1.element_tree import Header, Subheader, Title

import support
from components.i18n import t
from components.topics import registry
from support import DATA, FIRST_REPORT, LATER_REPORTS, PAGE_FILES, charts, csv, param, run_page, seen

pytestmark = pytest.mark.page


TOPIC_OF_PAGE = {"overview": "zone"}  # the page file whose data topic has another name (topics.csv)
LEVEL = {Title: 1, Header: 2, Subheader: 3}


def problems(at) -> list[str]:
    """What went wrong on a run: exceptions and error boxes."""
    return [e.value for e in at.exception] + [e.value for e in at.error]


def heading_levels(at) -> list[tuple[int, str]]:
    """(level, text as read) of the main area's headings in page order: title h1, header h2, subheader h3."""
    return [(LEVEL[type(node)], seen(node.value)) for node in at.main if type(node) in LEVEL]


def assert_headings_in_order(at, title: str) -> None:
    levels = heading_levels(at)
    assert levels[0] == (1, title), levels[:3]
    assert [level for level, _ in levels].count(1) == 1, levels
    for (above, _), (level, text) in zip(levels, levels[1:]):
        assert level <= above + 1, f"{text!r}: h{above} -> h{level}"


def expected_title(folder, page: str, lang: str) -> str:
    """A page's title as the data names it (topics.csv), or the sources page's name."""
    if page == "sources":
        return t("nav.sources", lang)
    topics = csv(folder / "topics.csv").set_index("topic")
    return topics.loc[TOPIC_OF_PAGE.get(page, page), f"label_{lang}"]


def open_url_path(at, url_path: str):
    """Open a page that has no file (a topic the data alone declares) through app.py, as a browser asking for its URL
    path would: AppTest.switch_page takes files only, so the run is asked for the page hash st.navigation registered."""
    at._page_hash = next(h for h, info in at._registered_pages.items() if info.get("url_pathname") == url_path)
    return at.run()


def chart_rows(at) -> set[tuple[str, ...]]:
    """Every bar or point of every chart on the page as what a reader sees of it: what, which series, its text, details."""
    found = set()
    for _, frame in charts(at):
        shown = ["category", "series", "text", *(c for c in frame.columns if c.startswith("detail"))]
        found |= {tuple(str(v) for v in row) for row in frame[[c for c in shown if c in frame.columns]].itertuples(index=False)}
    return found


# -- every page runs ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("present", [False, True], ids=["close", "presenting"])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_runs_clean_with_its_title_and_headings_in_order(page, lang, present):
    at = run_page(page, lang=lang, **({"present": "1"} if present else {}))
    assert problems(at) == []
    assert_headings_in_order(at, expected_title(FIRST_REPORT, page, lang))
    assert len(list(at.main)) > 10, "the page shows more than its title"
    cards = [seen(text) for m in at.metric for text in (m.label, m.value)]
    assert not [c for c in cards if re.search(r"\b([A-Za-z]{3,}) \1\b", c)], "a word said twice (50+ projects projects)"
    # a projector has no sidebar: the switches and the navigation are in the bar at the top
    sidebar_widgets = [n for n in at.sidebar if getattr(n, "key", None)]
    assert bool(sidebar_widgets) is not present, [n.key for n in sidebar_widgets]


@pytest.fixture(scope="module")
def data_with_later_reports(tmp_path_factory):
    return support.folder(tmp_path_factory.mktemp("shipped") / "data", *LATER_REPORTS, base=DATA)


@pytest.mark.parametrize("page", [*PAGE_FILES, "economy"])
def test_every_page_runs_over_the_shipped_data_with_the_later_reports(page, data_with_later_reports, monkeypatch):
    monkeypatch.setenv("HEZE_DATA_DIR", str(data_with_later_reports))
    if page == "economy":  # declared in topics.csv by the half-year report, drawn from its rows: no file
        at = open_url_path(run_page(lang="zh"), "economy")
    else:
        at = run_page(page, lang="zh")
    assert problems(at) == []
    assert_headings_in_order(at, expected_title(data_with_later_reports, page, "zh"))
    if page == "economy":
        assert at.metric and charts(at), "the page made from the data shows its figures"


# -- filters -----------------------------------------------------------------------------------------------------------


def test_investment_stage_keeps_the_named_projects_of_that_stage():
    at = run_page("investment", lang="en")
    projects = csv(FIRST_REPORT / "projects.csv")
    with_amount = projects[projects["amount"] != ""]
    named = [frame for _, frame in charts(at) if set(frame["key"]) & set(projects["project_id"])]
    assert len(named) == 1 and sorted(named[0]["key"]) == sorted(with_amount["project_id"])

    at.pills(key="stage").set_value(["new_start"]).run()
    assert problems(at) == []
    named = [frame for _, frame in charts(at) if set(frame["key"]) & set(projects["project_id"])]
    new_starts = with_amount[with_amount["stage"] == "new_start"]["project_id"]
    assert 0 < len(new_starts) < len(with_amount)
    assert sorted(named[0]["key"]) == sorted(new_starts)
    assert param(at, "stage") == ["new_start"], "the stage's id, not its label"


@pytest.mark.parametrize(
    ("page", "key", "value", "lang"),
    [
        ("trade", "flow", "export", "zh"),
        ("poverty", "theme", "education", "en"),
        ("epidemic", "group", "volunteers", "zh"),
    ],
)
def test_a_theme_filter_keeps_only_the_rows_of_its_choice(page, key, value, lang):
    at = run_page(page, lang=lang)
    before = chart_rows(at)
    at.pills(key=key).set_value([value]).run()
    assert problems(at) == []
    assert param(at, key) == [value], "the choice's id, not its label"
    label = seen(at.pills(key=key).format_func(value))
    after = chart_rows(at)
    chosen = {row for row in before if label in row}
    assert chosen and after < before, "some rows are left out"
    assert chosen <= after, f"every row of {label} stays"
    assert not any(label in row for row in before - after), f"only rows of other choices than {label} go"


def test_talent_platforms_are_cards_not_charts():
    at = run_page("talent", lang="zh")
    assert charts(at), "people are charts"
    at.segmented_control(key="kind").set_value("platforms").run()
    assert problems(at) == []
    assert param(at, "kind") == ["platforms"]
    assert charts(at) == []
    items = csv(FIRST_REPORT / "items.csv")
    platforms = items[(items["topic"] == "talent") & (items["kind"] == "platform")]["name_zh"]
    shown = {seen(m.value) for m in at.markdown}
    assert len(platforms) and set(platforms) <= shown


@pytest.fixture(scope="module")
def later_reports(tmp_path_factory):
    """The first report with the later ones, one folder for the worker (the app's caches keep it between modules)."""
    target = tmp_path_factory.getbasetemp() / "later-reports" / "data"
    return target if target.exists() else support.folder(target, *LATER_REPORTS)


@pytest.mark.xdist_group("later")  # with test_app_shell.py, on the worker that has read the later reports
@pytest.mark.parametrize(("page", "period"), [("trade", "2021-Q1"), ("investment", "2020-ytd"), ("poverty", "2016")])
def test_a_period_choice_shows_that_periods_figures(page, period, later_reports, monkeypatch):
    monkeypatch.setenv("HEZE_DATA_DIR", str(later_reports))
    at = run_page(page, lang="en")
    before = [m.value for m in at.metric]
    at.segmented_control(key="period").set_value(period).run()
    assert problems(at) == []
    assert param(at, "period") == [period]
    label = csv(later_reports / "periods.csv").set_index("period").loc[period, "label_en"]
    assert [m.value for m in at.metric] != before
    said = [seen(c.value) for c in at.caption] + [seen(h.value) for h in at.header]
    assert any(line.startswith(label) or label in line.split(" · ") for line in said), (label, said[:8])


# -- hostile URLs ------------------------------------------------------------------------------------------------------

# Values no link of the app holds: markup, a path, a huge value, a control character, a look-alike of an id.
HOSTILE = ["<script>alert(1)</script>", "../../etc/passwd", "x" * 5000, "new_start\x00", "ｅｘｐｏｒｔ", "1e9", "-1"]


@pytest.mark.parametrize("page", PAGE_FILES)
def test_hostile_url_values_fall_back_to_the_defaults(page, first):
    """Every parameter of the page (the app's and each filter's) given every hostile value at once: one run."""
    topic = next((tp for tp in registry.topics(first) if tp.page_file == f"pages/{page}.py"), None)
    keys = (
        ["lang", "present", "rotate", *(f.key for f in topic.all_filters())] if topic else ["lang", "present", "rotate", "fact"]
    )
    at = run_page(page, **dict.fromkeys(keys, HOSTILE))
    assert problems(at) == []
    assert heading_levels(at)[0] == (1, expected_title(FIRST_REPORT, page, "zh")), "the default language"
    assert at.sidebar.children, "not presenting"
    for key in keys:
        if key == "q":  # free text: kept as the reader's search, without control characters and cut short
            (searched,) = [w.value for w in at.text_input if w.key == "q"]
            assert all(unicodedata.category(c) not in ("Cc", "Cf") for c in searched) and len(searched) <= 60
        elif key == "fact":  # no figure is picked out, and the value leaves the URL
            assert not at.info and key not in at.query_params
        else:  # the app writes a value to the URL unless it is the default
            assert key not in at.query_params, f"{key}: the hostile value was taken"


def test_the_sources_page_keeps_a_known_fact_in_the_url_and_picks_it_out():
    metric = csv(FIRST_REPORT / "facts.csv")["metric"].iloc[0]
    at = run_page("sources", fact=metric)
    assert problems(at) == [] and param(at, "fact") == [metric]
    (box,) = at.info
    assert csv(FIRST_REPORT / "facts.csv").set_index("metric").loc[[metric], "label_zh"].iloc[-1] in seen(box.value)
