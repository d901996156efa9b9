"""What a reader does in Chromium, on the app reading the pinned first report: filters kept in the URL as stable ids and
restored by a reload, a click on the named-projects chart selecting a project, Back and Forward, the language and
presentation switches across a page change, rotation and a presenter's keys, a card's link to its sentence, and the
briefing exported from the sidebar as the reader filtered it."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from streamlit_wait import goto, screenshot, wait_for_app, wait_for_charts
from support import FIRST_REPORT

TIMEOUT = 30_000  # ms: the machine is shared
with open(FIRST_REPORT / "projects.csv", encoding="utf-8") as f:
    PROJECT_IDS = {row["name_zh"]: row["project_id"] for row in csv.DictReader(f)}
with open(FIRST_REPORT / "facts.csv", encoding="utf-8") as f:
    METRICS = {row["metric"] for row in csv.DictReader(f)}
with open(FIRST_REPORT / "periods.csv", encoding="utf-8") as f:
    PERIOD_LABELS = tuple(label for row in csv.DictReader(f) for label in (row["label_zh"], row["label_en"]))
ROTATION = ["overview", "investment", "trade", "talent", "poverty", "epidemic"]  # topic pages, in navigation order


def params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def path(url: str) -> str:
    return urlsplit(url).path.strip("/") or "overview"


def chosen(page, key: str) -> list[str]:
    """The options a pills (aria-pressed) or segmented control (aria-checked) widget keyed `key` shows as chosen."""
    options = page.locator(f".st-key-{key}").locator('[aria-pressed="true"], [aria-checked="true"]')
    return [text.strip() for text in options.all_inner_texts()]


def choose(page, key: str, label: str, value: str | None) -> None:
    """Click the option `label` of the URL-kept widget `key`; wait until the URL says key=value (None: no key)."""
    page.locator(f".st-key-{key}").get_by_text(label, exact=True).click()
    page.wait_for_url(lambda url: params(url).get(key) == ([value] if value else None), timeout=TIMEOUT)
    wait_for_app(page)


def reload(page) -> None:
    page.reload()
    wait_for_app(page)


def navigate(page, key: str) -> None:
    """Open a page through the sidebar's navigation (the session, and what it keeps, stay)."""
    page.locator(f'[data-testid="stSidebarNav"] a[href$="/{key}"]').click()
    page.wait_for_url(lambda url: path(url) == key, timeout=TIMEOUT)
    wait_for_app(page)


def projects_chart(page):
    return page.locator('[class*="st-key-chart_projects"] [data-testid="stVegaLiteChart"]')


# Each project is a dot (log scale) or a bar, named in its aria-label; the selection ring or outline is drawn over it
# unnamed (aria-hidden), at the same place.
_MARKS_JS = """
(chart) => [...chart.querySelectorAll('g.role-mark path')].map((p) => ({
  label: p.getAttribute('aria-label') || '',
  hidden: !!p.closest('[aria-hidden="true"]'),
  at: p.getAttribute('transform') || p.getAttribute('d'),
}))
"""


def test_investment_filters_selection_history_and_reload(app_server, page):
    """Stage and industry pills write stable ids to the URL; a dot of the named-projects chart selects its project
    (URL, summary line, ring), the clear button removes it; Back and Forward follow the URL; a reload restores it."""
    goto(page, app_server, "/investment")
    wait_for_charts(page, 2)
    choose(page, "stage", "新开工", "new_start")
    choose(page, "industry", "生物医药", "biomedicine")
    assert chosen(page, "stage") == ["新开工"] and chosen(page, "industry") == ["生物医药"]

    page.go_back()
    page.wait_for_url(lambda url: "industry" not in params(url), timeout=TIMEOUT)
    wait_for_app(page)
    expect(page.locator(".st-key-industry [aria-pressed='true']")).to_have_count(0, timeout=TIMEOUT)
    assert chosen(page, "stage") == ["新开工"] and params(page.url)["stage"] == ["new_start"]
    page.go_forward()
    page.wait_for_url(lambda url: params(url).get("industry") == ["biomedicine"], timeout=TIMEOUT)
    wait_for_app(page)
    expect(page.locator(".st-key-industry [aria-pressed='true']")).to_have_text("生物医药", timeout=TIMEOUT)
    choose(page, "industry", "生物医药", None)  # off again: the three new starts with amounts

    # a click on a project's mark selects it
    wait_for_charts(page, 2)
    chart = projects_chart(page)
    named = [m for m in chart.evaluate(_MARKS_JS) if m["label"] and not m["hidden"]]
    first = next(m for m in named if "菏泽现代医药港" in m["label"])
    chart.locator(f'path[aria-label="{first["label"]}"]').click()
    page.wait_for_url(lambda url: params(url).get("project") == [PROJECT_IDS["菏泽现代医药港"]], timeout=TIMEOUT)
    wait_for_app(page)
    expect(page.locator(".st-key-clear_project")).to_be_visible(timeout=TIMEOUT)
    summary = page.locator('[data-testid="stMain"] [data-testid="stMarkdownContainer"]', has_text="已选项目")
    expect(summary).to_contain_text("已选项目:菏泽现代医药港 · 新开工", timeout=TIMEOUT)
    wait_for_charts(page, 2)
    ring = [m for m in projects_chart(page).evaluate(_MARKS_JS) if m["hidden"]]
    assert [m["at"] for m in ring] == [first["at"]], "the selected project's mark, and it alone, is outlined"
    screenshot(page, "investment-selected", full_page=False)

    reload(page)
    assert params(page.url) == {"stage": ["new_start"], "project": ["pharma_port"]}
    assert chosen(page, "stage") == ["新开工"] and chosen(page, "industry") == []
    expect(page.locator(".st-key-clear_project")).to_be_visible(timeout=TIMEOUT)

    page.locator(".st-key-clear_project button").click()
    page.wait_for_url(lambda url: "project" not in params(url), timeout=TIMEOUT)
    wait_for_app(page)
    wait_for_charts(page, 2)
    assert page.locator(".st-key-clear_project").count() == 0
    assert not [m for m in projects_chart(page).evaluate(_MARKS_JS) if m["hidden"]], "no outline left"
    assert params(page.url) == {"stage": ["new_start"]}
    assert page.console_errors == []


def test_trade_poverty_and_talent_filters_are_kept_in_the_url(app_server, page):
    """Each page's filter in the URL under its stable id, restored by a reload; the pages opened from the sidebar."""
    goto(page, app_server, "/trade")
    for key, widget, label, value in (
        ("trade", "flow", "出口", "export"),
        ("poverty", "theme", "就业扶贫", "employment"),
        ("talent", "kind", "创新平台", "platforms"),
    ):
        if path(page.url) != key:
            navigate(page, key)
        choose(page, widget, label, value)
        assert chosen(page, widget) == [label]
        reload(page)
        assert params(page.url)[widget] == [value], f"{key}: {page.url}"
        assert chosen(page, widget) == [label], f"{key}: the reloaded page shows the choice"
    assert page.console_errors == []


def _sidebar_shown(page) -> bool:
    """Whether a sidebar still takes room after a few seconds (Streamlit may take it away a moment after the run)."""
    try:
        page.wait_for_function(
            """() => { const s = document.querySelector('[data-testid="stSidebar"]');
                       return !s || s.getBoundingClientRect().right <= 0 || s.getBoundingClientRect().width === 0; }""",
            timeout=5000,
        )
        return False
    except PlaywrightTimeoutError:
        return True


def test_language_and_presentation_survive_a_page_change_and_presenting_turns_pages(app_server, page):
    """The language switch, a page change (English kept), a card's link to its sentence, the presentation switch, a
    page change by the presenter's key (both kept); then rotation moves on by itself and skips the sources page."""
    goto(page, app_server, "/trade")
    page.locator(".st-key-lang_switch").get_by_text("English", exact=True).click()
    page.wait_for_url(lambda url: params(url).get("lang") == ["en"], timeout=TIMEOUT)
    wait_for_app(page)
    navigate(page, "talent")
    assert params(page.url).get("lang") == ["en"]
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert page.locator("h1").inner_text() == "Talent"

    # every card's link to its sentence in the report: sources?fact=<a metric of the data>
    links = page.locator('[data-testid="stGridCell"] [data-testid="stCaptionContainer"] a', has_text="In the report")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs, "the cards link to their sentences"
    for href in hrefs:
        found = re.fullmatch(r"sources\?fact=([\w.]+)&lang=en", href or "")
        assert found and found.group(1) in METRICS, href
    with page.context.expect_page() as opened:
        links.first.click()
    report = opened.value
    report.wait_for_load_state()
    wait_for_app(report)
    assert path(report.url) == "sources" and params(report.url)["fact"] == [re.search(r"fact=([\w.]+)", hrefs[0]).group(1)]
    expect(report.locator('[data-testid="stAlertContentInfo"]')).to_be_visible()
    report.close()

    page.locator(".st-key-present_switch button").click()
    page.wait_for_url(lambda url: params(url).get("present") == ["1"], timeout=TIMEOUT)
    wait_for_app(page)
    screenshot(page, "presentation-switched", full_page=False)
    problems = []
    if _sidebar_shown(page):
        problems.append("switched to presentation, the page keeps an (empty) sidebar")
    page.locator("h1").click()  # the keys go to the page, not to the switch just pressed
    page.keyboard.press("PageDown")
    page.wait_for_url(lambda url: path(url) == "poverty", timeout=TIMEOUT)
    wait_for_app(page)
    assert params(page.url).get("lang") == ["en"] and params(page.url).get("present") == ["1"]
    assert chosen(page, "present_switch") == ["Presentation"]
    if _sidebar_shown(page):
        problems.append("presenting, the next page has a sidebar")

    # rotation: from the last topic page the next is the first, never the sources page between them
    shown = []
    goto(page, app_server, "/epidemic", present="1", rotate="5")

    def moved(url: str) -> bool:
        shown.append(path(url))
        return path(url) != "epidemic"

    page.wait_for_url(moved, timeout=20_000)
    wait_for_app(page)
    assert path(page.url) == ROTATION[0] and "sources" not in shown, shown
    assert params(page.url).get("rotate") == ["5"] and params(page.url).get("present") == ["1"]
    assert not problems + page.console_errors, problems + page.console_errors


def _export(page, fmt: str) -> bytes:
    """Build the briefing in `fmt` from the sidebar's export control and download it."""
    sidebar = page.get_by_test_id("stSidebar")
    box = sidebar.get_by_test_id("stExpander")
    if not box.get_by_text(fmt, exact=True).is_visible():
        box.get_by_text("导出汇报材料").click()
    box.get_by_text(fmt, exact=True).click()
    wait_for_app(page)
    box.get_by_role("button", name="生成", exact=True).click()
    button = box.get_by_test_id("stDownloadButton").get_by_role("button", name="下载", exact=True)
    button.wait_for(timeout=120_000)
    wait_for_app(page)
    with page.expect_download(timeout=60_000) as info:
        button.click()
    return info.value.path().read_bytes()


def _slides(deck) -> list[tuple[str, list]]:
    """Each slide's title (its first text) and its shapes."""
    slides = []
    for slide in deck.slides:
        texts = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
        slides.append((texts[0].text_frame.text if texts else "", list(slide.shapes)))
    return slides


def _inside(shape, panel) -> bool:
    return (
        panel.left <= shape.left
        and panel.top <= shape.top
        and shape.left + shape.width <= panel.left + panel.width
        and shape.top + shape.height <= panel.top + panel.height
    )


def test_the_briefing_is_exported_as_the_reader_filtered_it(app_server, page):
    """Investment filtered to 新开工 in the browser; the sidebar's export builds slides and a handout whose named-projects
    chart says the filter in its title, and every card of a figures slide says the period it covers."""
    goto(page, app_server, "/investment")
    wait_for_charts(page, 2)
    choose(page, "stage", "新开工", "new_start")

    deck = Presentation(io.BytesIO(_export(page, "演示文稿 PPTX")))
    slides = _slides(deck)
    named = [title for title, _ in slides if title.startswith("项目建设") and "点名项目" in title]
    assert named and all("新开工" in title for title in named), [title for title, _ in slides]
    figures = [(title, shapes) for title, shapes in slides if "主要数字" in title]
    assert figures, [title for title, _ in slides]
    undated = []
    for title, shapes in figures:
        panels = [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
        texts = [s for s in shapes if s.has_text_frame and s.shape_type == MSO_SHAPE_TYPE.TEXT_BOX]
        assert panels, title
        for panel in panels:
            inside = [t.text_frame.text for t in texts if _inside(t, panel)]
            if not any(text.startswith(PERIOD_LABELS) for text in inside):
                undated.append(f"{title}: {' / '.join(inside)}")
    assert not undated, "cards that do not say the period they cover:\n" + "\n".join(undated)

    raw = _export(page, "A4 讲义 PDF")
    handout = PdfReader(io.BytesIO(raw))
    assert len(handout.pages) > 1 and handout.metadata.title
    # poppler reads the text back as a reader's PDF viewer does (pypdf spaces CJK letters apart)
    text = subprocess.run(["pdftotext", "-raw", "-", "-"], input=raw, capture_output=True, check=True).stdout.decode()
    lines = [line for line in text.splitlines() if "点名项目" in line]
    assert lines and any("新开工" in line for line in lines), lines
    assert page.console_errors == []
