"""The real app in Chromium: filters reshape chart, table and URL; links restore them; a bar click selects a project."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from streamlit_wait import assert_no_console_errors, collect_console_errors, goto, wait_for_app, wait_for_charts

DATA = Path(__file__).parents[2] / "data"
TIMEOUT = 30_000  # ms; another test run may share the CPU
with (DATA / "projects.csv").open(encoding="utf-8") as f:
    PROJECTS = list(csv.DictReader(f))
with (DATA / "items.csv").open(encoding="utf-8") as f:
    PLATFORMS = [r["name_zh"] for r in csv.DictReader(f) if r["topic"] == "talent" and r["kind"] == "platform"]

# Vega's SVG renderer draws each bar as a path in a g.role-mark group, with an aria-label "field: value; …";
# our bar charts name each bar in the field `label`.
BARS = "svg g.role-mark.mark-rect > path"
BAR_LABELS_JS = f"""chart => [...chart.querySelectorAll('{BARS}[aria-label]')]
  .map(bar => (bar.getAttribute('aria-label').match(/(?:^|; )label: ([^;]*)/) || [])[1])"""
# st.dataframe paints on a canvas; glide-data-grid keeps an accessible <table role=grid> of the visible cells inside it.
COLUMN_JS = """(grid, header) => {
  const th = [...grid.querySelectorAll('thead th')].find(th => th.textContent === header);
  if (!th) throw new Error(`no column ${header}`);
  const column = th.getAttribute('aria-colindex');
  return [...grid.querySelectorAll(`tbody td[aria-colindex="${column}"]`)].map(td => td.textContent);
}"""


def projects(stage: str | None = None, industry: str | None = None, drawn: bool = False) -> list[dict]:
    """Rows of projects.csv (industry as stored: "industry.biomedicine"); drawn: only those with a published amount,
    the only ones the chart has a bar for."""
    return [
        p for p in PROJECTS if stage in (None, p["stage"]) and industry in (None, p["industry"]) and (p["amount"] or not drawn)
    ]


def project_names(*args, **kwargs) -> list[str]:
    return sorted(p["name_zh"] for p in projects(*args, **kwargs))


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def widget(page, key: str):
    """A keyed widget: Streamlit gives its element container the class st-key-<key>."""
    return page.locator(f".st-key-{key}")


def toggle(page, block: str):
    """A chart_block's chart/table toggle, keyed view_<block> (a prefix: the projects' block key ends in a counter)."""
    return page.locator(f'[class*="st-key-view_{block}"]')


def shown_in(page, block: str):
    """What a chart_block shows, chart or table: the first thing after its toggle that holds one (the chart's title
    comes between them). (The chart's own key class is no help: Streamlit sets it only on charts that report
    selections.)"""
    return toggle(page, block).locator(
        'xpath=following-sibling::*[.//*[@data-testid="stVegaLiteChart" or @data-testid="stDataFrame"]][1]'
    )


def chart(page, block: str):
    return shown_in(page, block).get_by_test_id("stVegaLiteChart")


def bar_labels(page, block: str, count: int | None = None) -> list[str]:
    """The names of a chart_block's bars, sorted; with count, first wait until that many are drawn (a chart repaints
    a moment after the run ends)."""
    if count is not None:
        expect(chart(page, block).locator(BARS)).to_have_count(count, timeout=TIMEOUT)
    return sorted(chart(page, block).evaluate(BAR_LABELS_JS))


def grid(page, block: str):
    return shown_in(page, block).get_by_test_id("stDataFrame").locator('table[role="grid"]')


def table_rows(page, block: str) -> int:
    """All rows of a chart_block's table, not only those in view: aria-rowcount counts them plus the header row."""
    return int(grid(page, block).get_attribute("aria-rowcount", timeout=TIMEOUT)) - 1


def table_column(page, block: str, header: str, rows: int) -> list[str]:
    """The cells of one column, once the table has `rows` rows (all of them in view: these tables are short)."""
    expect(grid(page, block)).to_have_attribute("aria-rowcount", str(rows + 1), timeout=TIMEOUT)
    return grid(page, block).evaluate(COLUMN_JS, header)


def show(page, block: str, view: str) -> None:
    """Switch a chart_block to 表格 (its table) or 图表 (its chart) and wait for it."""
    toggle(page, block).get_by_role("radio", name=view, exact=True).click()
    if view == "表格":
        expect(grid(page, block)).to_be_attached(timeout=TIMEOUT)  # inside the canvas: in the DOM, never drawn itself
    else:
        expect(chart(page, block)).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    if view == "图表":
        wait_for_charts(page)


def choose(page, key: str, label: str, value: str | None) -> None:
    """Click the option `label` of the URL-kept widget `key`, then wait until the URL says key=value (None: no key)."""
    widget(page, key).get_by_text(label, exact=True).click()
    page.wait_for_url(lambda url: query(url).get(key) == ([value] if value else None), timeout=TIMEOUT)
    wait_for_app(page)


def chosen(page, key: str) -> list[str]:
    """What a pills (aria-pressed) or segmented control (aria-checked) widget shows as chosen."""
    options = widget(page, key).locator('[aria-pressed="true"], [aria-checked="true"]')
    return [text.strip() for text in options.all_inner_texts()]


def assert_clean(page) -> None:
    exceptions = page.get_by_test_id("stException")
    assert exceptions.count() == 0, exceptions.first.inner_text()
    assert_no_console_errors(page)


# --- a filter on each topic page reshapes its chart, its table and the URL ---------------------------------------


def test_investment_stage_filter(app_server, page):
    block = "investment_projects"
    goto(page, app_server, "/investment")
    wait_for_charts(page, 2)
    assert bar_labels(page, block) == project_names(drawn=True)
    show(page, block, "表格")
    assert table_rows(page, block) == len(PROJECTS)

    choose(page, "stage", "新开工", "new_start")
    assert sorted(table_column(page, block, "项目", len(project_names("new_start")))) == project_names("new_start")
    show(page, block, "图表")
    drawn = project_names("new_start", drawn=True)
    assert bar_labels(page, block, len(drawn)) == drawn
    assert_clean(page)


def test_trade_flow_and_prior_filters(app_server, page):
    block = "trade_flows"
    goto(page, app_server, "/trade")
    wait_for_charts(page, 2)
    assert bar_labels(page, block) == sorted(["出口", "进口", "进出口总值"] * 2), "each flow beside its prior year"
    show(page, block, "表格")
    assert table_rows(page, block) == 6

    choose(page, "flow", "出口", "export")
    assert table_column(page, block, "类别", 2) == ["出口", "出口"]
    choose(page, "prior", "不显示", "0")
    assert query(page.url)["flow"] == ["export"], "the other filter stays in the URL"
    assert table_column(page, block, "类别", 1) == ["出口"]
    show(page, block, "图表")
    assert bar_labels(page, block, 1) == ["出口"]
    assert_clean(page)


def test_talent_kind_switches_charts_for_cards_and_back(app_server, page):
    goto(page, app_server, "/talent")
    wait_for_charts(page, 2)
    assert chosen(page, "kind") == ["引进人才"]

    choose(page, "kind", "创新平台", "platforms")
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(0, timeout=TIMEOUT)
    for name in PLATFORMS:
        expect(page.get_by_text(name, exact=True).first).to_be_visible()
    choose(page, "kind", "引进人才", None)  # the default leaves the URL
    wait_for_charts(page, 2)
    assert_clean(page)


def test_poverty_theme_filter(app_server, page):
    block = "poverty_money"
    goto(page, app_server, "/poverty")
    wait_for_charts(page, 3)
    before = bar_labels(page, block)
    assert len(before) > 1 and "教育扶贫" in before
    show(page, block, "表格")
    assert table_rows(page, block) == len(before)

    choose(page, "theme", "教育扶贫", "education")
    assert table_column(page, block, "主题", 1) == ["教育扶贫"]
    show(page, block, "图表")
    assert bar_labels(page, block, 1) == ["教育扶贫"]
    assert_clean(page)


def test_epidemic_group_filter(app_server, page):
    block = "epidemic_mobilised"
    goto(page, app_server, "/epidemic")
    wait_for_charts(page)
    before = bar_labels(page, block)
    assert "志愿者" in before and "合计(推算)" not in before, "every group; their derived total is no bar among them"
    show(page, block, "表格")
    assert table_rows(page, block) == len(before) + 1, "the table lists the derived total after the groups"

    choose(page, "group", "志愿者", "volunteers")
    assert table_column(page, block, "人员类别", 1) == ["志愿者"], "one group: no total"
    show(page, block, "图表")
    assert bar_labels(page, block, 1) == ["志愿者"]
    assert_clean(page)


# --- a link with filters opens the page as it was shared ----------------------------------------------------------


@pytest.mark.parametrize(
    "path, params, shown, block, labels",
    [
        pytest.param(
            "/investment",
            {"stage": "new_start", "industry": "biomedicine"},
            {"stage": ["新开工"], "industry": ["生物医药"]},
            "investment_projects",
            project_names("new_start", "industry.biomedicine", drawn=True),
            id="investment",
        ),
        pytest.param(
            "/trade",
            {"flow": "export", "prior": "0"},
            {"flow": ["出口"], "prior": ["不显示"]},
            "trade_flows",
            ["出口"],
            id="trade",
        ),
        pytest.param("/poverty", {"theme": "education"}, {"theme": ["教育扶贫"]}, "poverty_money", ["教育扶贫"], id="poverty"),
        pytest.param(
            "/epidemic", {"group": "volunteers"}, {"group": ["志愿者"]}, "epidemic_mobilised", ["志愿者"], id="epidemic"
        ),
    ],
)
def test_deep_link_restores_filters(app_server, page, path, params, shown, block, labels):
    goto(page, app_server, path, **params)
    for key, options in shown.items():
        assert chosen(page, key) == options, key
    assert bar_labels(page, block, len(labels)) == labels
    assert {k: v[0] for k, v in query(page.url).items() if k in params} == params, "the link keeps its filters"
    assert_clean(page)


def test_deep_link_opens_talent_platforms(app_server, page):
    goto(page, app_server, "/talent", kind="platforms")
    assert chosen(page, "kind") == ["创新平台"]
    assert page.get_by_test_id("stVegaLiteChart").count() == 0
    for name in PLATFORMS:
        expect(page.get_by_text(name, exact=True).first).to_be_visible()
    assert_clean(page)


# --- a click on a bar selects the project, in the table and in the link -------------------------------------------


def assert_project_selected(page, project: dict) -> None:
    assert query(page.url).get("project") == [project["project_id"]]
    summary = page.get_by_test_id("stMarkdownContainer").filter(has_text="已选项目")
    expect(summary).to_contain_text(project["name_zh"], timeout=TIMEOUT)
    # the chart outlines the selected bar (a stroke) and leaves the others, in their stage colours, without one
    highlighted = chart(page, "investment_projects").locator(f'{BARS}[stroke-width]:not([stroke-width="0"])')
    expect(highlighted).to_have_count(1, timeout=TIMEOUT)
    expect(highlighted).to_have_attribute("aria-label", re.compile(f"label: {re.escape(project['name_zh'])};"))


def test_bar_click_selects_the_project(app_server, browser, page):
    block, filters = "investment_projects", {"stage": "new_start", "industry": "biomedicine"}
    candidates = projects("new_start", "industry.biomedicine", drawn=True)
    largest = max(candidates, key=lambda p: float(p["amount"]))
    goto(page, app_server, "/investment", **filters)
    wait_for_charts(page, 2)

    marks = chart(page, block).locator(BARS)
    expect(marks).to_have_count(len(candidates), timeout=TIMEOUT)
    widths = [marks.nth(i).bounding_box()["width"] for i in range(marks.count())]
    widest = marks.nth(widths.index(max(widths)))
    widest.scroll_into_view_if_needed()  # the chart is below the fold; mouse clicks only land inside the viewport
    box = widest.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # Vega listens on the SVG marks
    page.wait_for_url(lambda url: "project" in query(url), timeout=TIMEOUT)
    wait_for_app(page)
    assert_project_selected(page, largest)
    assert {k: query(page.url)[k] for k in filters} == {k: [v] for k, v in filters.items()}, "the filters stay"

    show(page, block, "表格")
    assert table_column(page, block, "项目", len(candidates))[0] == largest["name_zh"], "the selection heads the table"
    assert table_column(page, block, "已选", len(candidates)) == ["✓"] + [""] * (len(candidates) - 1)
    assert_clean(page)

    # the link alone, in a browser that never clicked, shows the same selection
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        fresh = context.new_page()
        collect_console_errors(fresh)
        fresh.goto(page.url)
        wait_for_app(fresh)
        wait_for_charts(fresh, 2)
        assert_project_selected(fresh, largest)
        assert_clean(fresh)
    finally:
        context.close()
