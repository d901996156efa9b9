"""Every page on every screen an official uses, in Chromium: a laptop in both languages (1366×768), a meeting-room
projector in presentation mode (1920×1080 and 1280×720), a phone (390×844), and a table read on a small laptop.

One server reads the first report with the made-up later reports added, so that every page has data of several
periods and the page made from the data alone (economy) is among them. Each page load checks many things and says
every problem it found; a full-page screenshot of each is saved in tests/e2e/screenshots/ (git-ignored)."""

from __future__ import annotations

import contextlib
import re
from urllib.parse import urlsplit

import pytest
from page_checks import (
    axe_problems,
    charts_drawn,
    contrast_problems,
    open_everything,
    page_problems,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from streamlit_wait import goto, screenshot, wait_for_app, wait_for_charts

# Topic pages in navigation order (economy: the topic the half-year report brings), then the sources page
PAGES = ["overview", "investment", "economy", "trade", "talent", "poverty", "epidemic", "sources"]
CHART_PAGES = PAGES[:-1]
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
# What a projector is judged by: at 1280×720 the main chart keeps 40 % of the screen's height (about 300 px)
MAIN_CHART_LEAST = 0.4 * 720
LAYOUT_SHIFT_MOST = 0.1  # "good" cumulative layout shift (web.dev)


FIRST_VISIT: dict[str, str] = {}  # what the server's first visitor saw (later_app)


# one server for the module (its fixture is per module, and a module split over two workers would start two)
pytestmark = pytest.mark.xdist_group("screens")


@pytest.fixture(scope="module")
def later_app(start_app, later_data, browser):
    """The server; its first visitor opens a link to the page made from the data alone, as a link shared in a meeting
    does after a restart, and what covers that page (a dialog) is kept for test_a_fresh_servers_first_visitor_gets_the_linked_page."""
    with start_app(env={"HEZE_DATA_DIR": str(later_data), "HEZE_UPKEEP": None}) as url:
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        try:
            first = context.new_page()
            goto(first, url, "/economy")
            dialogs = first.get_by_test_id("stDialog")
            FIRST_VISIT["dialog"] = dialogs.first.inner_text() if dialogs.count() else ""
            FIRST_VISIT["title"] = first.locator("h1").first.inner_text()
            if FIRST_VISIT["dialog"]:
                screenshot(first, "first-visit-economy", full_page=False)
        finally:
            context.close()
        yield url


def test_a_fresh_servers_first_visitor_gets_the_linked_page(later_app):
    """A fresh server's first visit, to /economy (a page with no file in pages/): the page itself."""
    assert FIRST_VISIT["title"] == "工业经济与财政"


@pytest.mark.xfail(
    strict=True,
    reason="Streamlit 1.67 runs a fresh server's first script run as an old-style app when pages/ exists "
    "(PagesManager.uses_pages_directory, _mpa_v1): it knows only pages/*.py and sends page_not_found for a page made "
    "from the data before app.py's st.navigation takes over. Passes (and then fails as XPASS) once Streamlit drops it.",
)
def test_a_fresh_servers_first_visitor_sees_no_page_not_found_notice(later_app):
    assert FIRST_VISIT["dialog"] == "", f"a dialog covers the page: {FIRST_VISIT['dialog']!r}"


def path_of(key: str) -> str:
    return "/" if key == "overview" else f"/{key}"


def _reading_problems(page, key: str, lang: str) -> list[str]:
    """Everything a reader's page load is checked for, the screenshot taken, then axe run with everything open."""
    found = page_problems(page)
    if key in CHART_PAGES and not charts_drawn(page):
        found.append("no chart")
    if page.evaluate("document.documentElement.lang") != HTML_LANG[lang]:
        found.append(f"<html lang> is {page.evaluate('document.documentElement.lang')!r}")
    if key == "sources":  # the report's text with every figure highlighted, and the legend's sample highlight
        found += contrast_problems(page, '[data-testid="stMain"] .stMarkdownColoredBackground')
    screenshot(page, f"reading-{key}-{lang}")
    popovers, tooltip = open_everything(page)
    if key in CHART_PAGES and not (popovers and tooltip):
        found.append(f"{popovers} popovers of sources and downloads, {'a' if tooltip else 'no'} help tooltip")
    # the sentences a figure rests on, quoted in the 「原文出处」 popovers, and their citations
    found += contrast_problems(page, '[data-testid="stPopoverBody"] blockquote p')
    found += contrast_problems(page, '[data-testid="stPopoverBody"] [data-testid="stCaptionContainer"] p')
    found += axe_problems(page)
    return [f"{lang}: {problem}" for problem in found]


@pytest.mark.parametrize("key", PAGES)
def test_reading_on_a_laptop_in_both_languages(later_app, screen, key):
    """1366×768 in Chinese, then switched to English in place: whole, drawn, not cut, headings in order, AA contrast
    and no serious axe violation with every popover open and a help tooltip shown."""
    page = screen(1366, 768)
    goto(page, later_app, path_of(key))
    found = _reading_problems(page, key, "zh")

    page.locator(".st-key-lang_switch").get_by_text("English", exact=True).click()
    page.wait_for_url(lambda url: "lang=en" in url)
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    wait_for_app(page)
    found += _reading_problems(page, key, "en")
    found += page.console_errors
    assert not found, "\n".join(found)


_LAYOUT_SHIFTS_JS = """
window.__layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
}).observe({type: 'layout-shift', buffered: true});
"""

_PROJECTOR_JS = """
() => {
  const px = (e) => parseFloat(getComputedStyle(e).fontSize);
  // the lines under headline figures that say what each covers: captions in the grid cells that hold a metric
  const cells = [...document.querySelectorAll('[data-testid="stMetric"]')].map((m) => m.closest('[data-testid="stGridCell"]') || m.parentElement);
  const captions = cells.flatMap((c) => [...c.querySelectorAll('[data-testid="stCaptionContainer"]')]).filter((e) => e.innerText.trim());
  const axis = [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg .role-axis-label text')];
  const main = document.querySelector('[class*="st-key-main_chart"] [data-testid="stVegaLiteChart"]');
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  return {
    captions: captions.map(px),
    axis: axis.map((t) => parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize)),
    title: [px(document.querySelector('h1'))],
    values: [...document.querySelectorAll('[data-testid="stMetricValue"]')].map(px),
    mainChart: main ? main.getBoundingClientRect().height : null,
    sidebar: !!sidebar && sidebar.getBoundingClientRect().width > 0 && sidebar.getBoundingClientRect().right > 0,
    switches: document.querySelectorAll('[class*="st-key-view_"]').length,
    shift: window.__layoutShift,
  };
}
"""


def _projector_problems(page, key: str, where: str) -> tuple[dict, list[str]]:
    charts = charts_drawn(page)
    found = page_problems(page)
    sizes = page.evaluate(_PROJECTOR_JS)
    if key in CHART_PAGES and not charts:
        found.append("no chart")
    if key in CHART_PAGES and sizes["mainChart"] is None:
        found.append("no main chart")
    if sizes["sidebar"] or sizes["switches"]:
        found.append("a sidebar or a chart/table switch takes a projector's room")
    screenshot(page, f"present-{key}-{where.replace(' ', '-')}")
    return sizes, [f"{where}: {problem}" for problem in found]


# The charts drawn again at the window's new width (each Vega SVG's width attribute changed)
_REDRAWN_JS = """
(before) => {
  const now = [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg')].map((s) => s.getAttribute('width'));
  return now.length === before.length && now.every((width, i) => width !== before[i]);
}
"""


@pytest.mark.parametrize("key", PAGES)
def test_presentation_on_projectors(later_app, screen, key):
    """Presentation mode opened at 1280×720, then the window made 1920×1080 (a language a page, in turn): whole and
    drawn, no sidebar or switches; on the small projector what each headline
    figure covers is no smaller than chart text and the main chart keeps its height; on the large one text is larger
    (it follows the screen)."""
    lang = "zh" if PAGES.index(key) % 2 == 0 else "en"
    page = screen(1280, 720)
    goto(page, later_app, path_of(key), present="1", lang=lang)
    small, found = _projector_problems(page, key, f"1280x720 {lang}")
    if small["captions"] and small["axis"] and min(small["captions"]) < max(small["axis"]):
        found.append(f"1280x720: what a figure covers at {min(small['captions'])} px, chart text at {max(small['axis'])} px")
    if small["mainChart"] is not None and small["mainChart"] < MAIN_CHART_LEAST:
        found.append(f"1280x720: the main chart is {small['mainChart']:.0f} px tall (< {MAIN_CHART_LEAST:.0f})")

    widths = page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] svg')].map((s) => s.getAttribute('width'))"
    )
    page.set_viewport_size({"width": 1920, "height": 1080})
    if widths:
        page.wait_for_function(_REDRAWN_JS, arg=widths)
    wait_for_app(page)
    large, more = _projector_problems(page, key, f"1920x1080 {lang}")
    found += more
    for name in ("title", "captions", "values", "axis"):  # font sizes in px, each list's smallest and largest
        if small[name] and large[name] and not (min(large[name]) > min(small[name]) and max(large[name]) > max(small[name])):
            found.append(
                f"{name} no larger at 1920x1080 ({sorted(set(large[name]))}) than at 1280x720 ({sorted(set(small[name]))})"
            )
    found += page.console_errors
    assert not found, "\n".join(found)


@pytest.mark.xfail(
    strict=True,
    reason="The projector's type size and spacing are CSS, and every way Streamlit 1.67 offers to send CSS (st.html, "
    "st.markdown with HTML) renders through a lazily loaded script chunk, requested only when that element is drawn: "
    "the title, cards and switches are painted 200-500 ms before the style applies and then move (CLS 0.6-1.2 at "
    "1280x720). Passes (XPASS fails) once the style can arrive with the page.",
)
def test_presentation_opens_without_layout_shift(later_app, screen):
    page = screen(1280, 720, fresh=True)  # a first visit: nothing cached
    page.add_init_script(_LAYOUT_SHIFTS_JS)  # before navigation: every shift from the first paint on
    goto(page, later_app, "/trade", present="1")
    small, _ = _projector_problems(page, "trade", "1280x720 zh")
    assert small["shift"] <= LAYOUT_SHIFT_MOST


def test_phone(later_app, screen):
    """390×844, Chinese, every page opened from the navigation in turn: whole, drawn, nothing cut or wider than the
    phone."""
    page = screen(390, 844, is_mobile=True, has_touch=True)
    goto(page, later_app, "/")
    found = []
    for key in PAGES:
        if key != "overview":  # the navigation's link, as a tap on it in the drawer does
            page.evaluate("(key) => document.querySelector(`[data-testid=stSidebarNav] a[href$='/${key}']`).click()", key)
            page.wait_for_url(lambda url, key=key: urlsplit(url).path == f"/{key}")
            wait_for_app(page)
        problems = page_problems(page)
        if key in CHART_PAGES and not charts_drawn(page):
            problems.append("no chart")
        screenshot(page, f"phone-{key}")
        found += [f"{key}: {problem}" for problem in problems]
    found += page.console_errors
    assert not found, "\n".join(found)


# How far the grid has scrolled sideways, read after two frames (the grid scrolls to a chosen cell on the next frame)
_SCROLLED_JS = """(grid) => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(
  () => done(grid.querySelector('.dvn-scroller').scrollLeft))))"""


def test_a_table_shows_its_figures_without_scrolling_on_a_small_laptop(later_app, screen):
    """Each chart of the investment page switched to its table at 1024 px: the figure's column (the second, after what
    each row is) is in view without scrolling sideways (a cell chosen there needs no scroll), and there is no empty
    selection column before the first."""
    page = screen(1024, 768)
    goto(page, later_app, "/investment")
    wait_for_charts(page)
    switches = page.locator('[class*="st-key-view_"]')
    found = []
    for number in range(switches.count()):
        switch = switches.nth(number)
        switch.get_by_text("表格", exact=True).click()
        wait_for_app(page)
        grid = page.locator('[data-testid="stDataFrame"]').nth(number)
        grid.wait_for()
        headers = grid.locator('table[role="grid"] thead th')
        with contextlib.suppress(PlaywrightTimeoutError):  # the grid's accessible table is written a moment after it
            expect(headers.first).to_have_text(re.compile(r"\S"), timeout=10_000)
        texts = headers.all_inner_texts()
        if not texts or not all(t.strip() for t in texts) or headers.first.get_attribute("aria-colindex") != "1":
            found.append(f"table {number}: columns {texts}, the first at {headers.first.get_attribute('aria-colindex')}")
        grid.scroll_into_view_if_needed()
        grid.locator(".dvn-scroller").click(position={"x": 20, "y": 50})  # a cell of the first column, first row
        page.keyboard.press("ArrowRight")  # the figure beside it: the grid scrolls only if it is not in view
        if grid.evaluate(_SCROLLED_JS):
            found.append(f"table {number} ({texts}): its second column needs a sideways scroll at 1024 px")
    screenshot(page, "table-1024")
    found += page.console_errors
    assert not found, "\n".join(found)
