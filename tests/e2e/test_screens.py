"""Every screen an official uses (issue 14), in Chromium: meeting-room screens in presentation mode, laptops, phones,
accessibility (axe-core), the page's language and title, the Back button, and rotation with a clicker."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from axe_playwright_python.sync_playwright import Axe

from streamlit_wait import assert_no_console_errors, goto, wait_for_app, wait_for_charts

# Every page with a main chart; the sources page is the report's text and has none.
CHART_PAGES = ["/", "/investment", "/trade", "/talent", "/poverty", "/epidemic"]
ALL_PAGES = [*CHART_PAGES, "/sources"]
LANGS = ["zh", "en"]
PROJECTORS = [(1920, 1080), (1366, 768), (1280, 720), (1024, 768)]

_BOXES_JS = """
() => {
  const box = (e) => { if (!e) return null; const r = e.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height}; };
  const chart = document.querySelector('[class*="st-key-main_chart"]');
  const drawn = chart && chart.querySelector('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg');
  return {
    headlines: box(document.querySelector('.st-key-headlines')),
    chart: box(chart),
    drawn: box(drawn),
    switches: document.querySelectorAll('[class*="st-key-view_"]').length,
    menuEnd: Math.max(...[...document.querySelectorAll('[data-testid="stTopNavSection"]')].map((e) => e.getBoundingClientRect().right)),
    controls: box(document.querySelector('.st-key-app_controls')),
  };
}
"""


@contextmanager
def screen(browser, width: int, height: int, **options):
    """A page in a fresh browser context of that screen size (options: color_scheme, is_mobile, ...)."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    try:
        yield context.new_page()
    finally:
        context.close()


def _settled(page, base_url: str, path: str, **params) -> None:
    goto(page, base_url, path, **params)
    wait_for_charts(page)
    page.wait_for_timeout(600)  # the shell measures where the main chart starts four times a second


# Every projector with rotation (its switch and countdown in the bar), and the smallest without
FITS = [(*size, "3600") for size in PROJECTORS] + [(1024, 768, None)]


@pytest.mark.parametrize(("width", "height", "rotate"), FITS, ids=[f"{w}x{h}-{'rotating' if r else 'still'}" for w, h, r in FITS])
def test_presentation_fits_the_first_screen(app_server, browser, width, height, rotate):
    """Every page's headline row and main chart are wholly on the first screen, the chart drawn inside its box (not
    cut), the controls clear of the menu, and no chart/table switch takes a projector's room."""
    with screen(browser, width, height) as page:
        misfits = []
        for lang in LANGS:
            for path in CHART_PAGES:
                _settled(page, app_server, path, lang=lang, present="1", **({"rotate": rotate} if rotate else {}))
                boxes = page.evaluate(_BOXES_JS)
                where = f"{lang} {path}"
                if boxes["headlines"] is None or boxes["chart"] is None or boxes["drawn"] is None:
                    misfits.append(f"{where}: headline row or main chart not found ({boxes})")
                    continue
                for name in ("headlines", "chart"):
                    if boxes[name]["top"] < 0 or boxes[name]["bottom"] > height + 0.5 or boxes[name]["right"] > width:
                        misfits.append(f"{where}: {name} at {boxes[name]} outside {width}x{height}")
                if boxes["drawn"]["bottom"] > boxes["chart"]["bottom"] + 1 or boxes["drawn"]["height"] < 120:
                    misfits.append(f"{where}: chart drawn at {boxes['drawn']} in its box {boxes['chart']}")
                if boxes["switches"]:
                    misfits.append(f"{where}: a chart/table switch is shown")
                if boxes["controls"]["left"] < boxes["menuEnd"] or boxes["controls"]["bottom"] > boxes["headlines"]["top"]:
                    misfits.append(f"{where}: the controls {boxes['controls']} run into the menu or the page")
        assert not misfits, "\n".join(misfits)


# Every piece of a headline card whose text could be cut: a metric's label, value and delta note, and the card's notes
# and links, each checked against the card (grid cell) it belongs to.
_CUT_JS = """
() => {
  const cut = [];
  for (const metric of document.querySelectorAll('[data-testid="stMetric"]')) {
    for (const part of metric.querySelectorAll('[data-testid="stMetricLabel"] p, [data-testid="stMetricValue"] p, [data-testid="stMetricDeltaDescription"] p')) {
      if (part.scrollWidth > part.clientWidth + 1) cut.push(`${part.innerText} (${part.scrollWidth} > ${part.clientWidth})`);
      const style = getComputedStyle(part);
      if (style.textOverflow === 'ellipsis' && style.whiteSpace === 'nowrap') cut.push(`${part.innerText} (ellipsis)`);
      // a value without an ordinary space (its number and unit joined, or Chinese) is one line: never broken inside
      if (part.closest('[data-testid="stMetricValue"]') && !part.textContent.includes(' ')
          && part.getBoundingClientRect().height > 1.5 * parseFloat(style.lineHeight)) cut.push(`${part.innerText} (broken over lines)`);
    }
  }
  for (const row of document.querySelectorAll('[class*="st-key-headlines"]')) {
    const cards = [...row.querySelectorAll('[data-testid="stMetric"]')].map((m) => {
      let cell = m.parentElement; while (cell && cell.parentElement && getComputedStyle(cell.parentElement).display !== 'grid') cell = cell.parentElement;
      return cell;
    });
    const byTop = {};
    for (const cell of cards) {
      const box = cell.getBoundingClientRect();
      for (const piece of cell.querySelectorAll('p, a, [data-testid="stCaptionContainer"]')) {
        const r = piece.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.right > box.right + 1 || r.bottom > box.bottom + 1 || r.left < box.left - 1) cut.push(`${piece.innerText} outside its card`);
      }
      (byTop[Math.round(box.top)] ||= []).push(Math.round(box.height));
    }
    for (const [top, heights] of Object.entries(byTop)) {
      if (Math.max(...heights) - Math.min(...heights) > 1) cut.push(`cards at ${top} px differ in height: ${heights}`);
    }
  }
  return cut;
}
"""


@pytest.mark.parametrize("width", [1024, 1280, 1440])
def test_no_headline_value_or_label_is_cut_on_a_laptop(app_server, browser, width):
    with screen(browser, width, 800) as page:
        found = []
        for lang in LANGS:
            for path in ALL_PAGES:
                goto(page, app_server, path, lang=lang)
                found += [f"{lang} {path}: {problem}" for problem in page.evaluate(_CUT_JS)]
        assert not found, "\n".join(found)


_OVERFLOW_JS = """
() => {
  const wide = [];
  const limit = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > limit + 1) wide.push(`page ${document.documentElement.scrollWidth} > ${limit}`);
  for (const chart of document.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
    const box = chart.getBoundingClientRect();
    for (const drawn of chart.querySelectorAll('canvas, svg')) {
      const r = drawn.getBoundingClientRect();
      if (r.right > box.right + 1 || r.right > limit + 1) wide.push(`chart ${Math.round(r.width)} px wide in ${Math.round(box.width)}`);
      // legends, axis titles and value labels whole: nothing drawn past the chart's own edge, where it would be cut
      for (const part of drawn.querySelectorAll('.role-legend, .role-axis-title, .role-mark.mark-text text')) {
        const p = part.getBoundingClientRect();
        // a text's box is its line's, a few pixels more than its ink (a y-axis title turned on its side)
        if (p.width && (p.right > r.right + 4 || p.left < r.left - 4)) wide.push(`${part.textContent.slice(0, 30)} runs past its chart`);
      }
    }
  }
  return wide;
}
"""


@pytest.fixture
def phone(browser):
    with screen(browser, 390, 844, is_mobile=True, has_touch=True) as page:
        yield page


def test_phone_navigation_closes_after_a_choice(app_server, phone):
    goto(phone, app_server, "/", lang="en")
    sidebar = phone.locator('[data-testid="stSidebar"]')
    covering = "() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right > 0"
    phone.locator('[data-testid="stExpandSidebarButton"]').click()
    phone.wait_for_function(covering)
    phone.locator('[data-testid="stSidebarNav"] a[href$="/trade"]').click()
    phone.wait_for_url(re.compile(r"/trade"))
    wait_for_app(phone)
    phone.wait_for_timeout(1500)  # the drawer's closing animation
    box = sidebar.bounding_box()
    assert not phone.evaluate(covering), f"the navigation still covers the page: {box}"


@pytest.mark.parametrize("lang", LANGS)
def test_phone_pages_fit_the_width_and_show_their_chart_early(app_server, phone, lang):
    found = []
    for path in ALL_PAGES:
        goto(phone, app_server, path, lang=lang)
        if path in CHART_PAGES:
            wait_for_charts(phone)
            phone.wait_for_timeout(300)
            # The chart comes straight after the headline figures (only its heading and switches between them)
            top, after = phone.evaluate(
                """() => [document.querySelector('[class*="st-key-main_chart"]').getBoundingClientRect().top,
                          document.querySelector('.st-key-headlines').getBoundingClientRect().bottom]"""
            )
            if top > 2.5 * 844 or top - after > 0.5 * 844:
                found.append(f"{path}: main chart starts {top:.0f} px down, {top - after:.0f} px after the headlines")
        found += [f"{path}: {problem}" for problem in phone.evaluate(_OVERFLOW_JS)]
    assert not found, "\n".join(found)


# Streamlit's own sidebar navigation is a <ul> whose items are wrapped in <div>s (axe: list, listitem); it is
# Streamlit's markup, not the app's, and is left out of the check.
STREAMLIT_OWN = [['[data-testid="stSidebarNavItems"]']]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_serious_violation(app_server, browser, lang, scheme):
    axe = Axe()
    with screen(browser, 1440, 900, color_scheme=scheme) as page:
        found = []
        for path in ALL_PAGES:
            goto(page, app_server, path, lang=lang)
            if path in CHART_PAGES:
                wait_for_charts(page)
            results = axe.run(
                page,
                context={"exclude": STREAMLIT_OWN},
                options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}},
            )
            for violation in results.response["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    targets = [node["target"] for node in violation["nodes"][:3]]
                    found.append(f"{path}: {violation['id']} ({violation['impact']}) at {targets}")
        assert not found, "\n".join(found)


def test_each_page_has_its_language_and_its_own_title(app_server, page):
    for lang, html_lang in (("zh", "zh-Hans"), ("en", "en")):
        titles = []
        for path in ALL_PAGES:
            goto(page, app_server, path, lang=lang)
            page.wait_for_function("(lang) => document.documentElement.lang === lang", arg=html_lang)
            titles.append(page.title())
            assert page.locator("h1").first.inner_text().strip()[:2] in page.title() or lang == "en"
        assert len(set(titles)) == len(titles), titles
    assert_no_console_errors(page)


def _stage_pressed(page, name: str) -> bool:
    pill = page.locator('[data-testid="stButtonGroup"] button', has_text=name).first
    return pill.get_attribute("aria-pressed") == "true" or pill.get_attribute("aria-checked") == "true"


def test_back_undoes_the_last_filter_and_then_leaves_the_page(app_server, page):
    goto(page, app_server, "/", lang="en")
    page.locator('[data-testid="stSidebarNav"] a[href$="/investment"]').click()
    page.wait_for_url(re.compile(r"/investment"))
    wait_for_app(page)
    page.locator('[data-testid="stButtonGroup"] button', has_text="New starts").first.click()
    page.wait_for_url(re.compile(r"stage=new_start"))
    wait_for_app(page)
    assert _stage_pressed(page, "New starts")

    page.go_back()
    wait_for_app(page)
    page.wait_for_timeout(800)  # a written-back URL would come a run later
    assert "stage=" not in page.url and "/investment" in page.url
    assert not _stage_pressed(page, "New starts")

    page.go_back()
    page.wait_for_url(lambda url: "/investment" not in url)
    wait_for_app(page)
    assert "lang=en" in page.url

    page.go_forward()
    page.wait_for_url(re.compile(r"/investment"))
    page.go_forward()
    page.wait_for_url(re.compile(r"stage=new_start"))
    wait_for_app(page)
    assert _stage_pressed(page, "New starts")


def _countdown(page) -> int:
    """Seconds to the next page, as the shell shows them."""
    text = page.evaluate(
        """() => { for (const host of document.querySelectorAll('.st-key-app_controls *')) {
             const line = (host.shadowRoot || host).querySelector && (host.shadowRoot || host).querySelector('.countdown');
             if (line && line.textContent) return line.textContent; } return ''; }"""
    )
    found = re.search(r"\d+", text)
    assert found, f"no countdown shown: {text!r}"
    return int(found.group())


def test_rotation_survives_a_menu_choice(app_server, page):
    goto(page, app_server, "/", present="1", rotate="8")
    page.locator('[data-testid="stTopNavSection"]', has_text="民生与治理").click()
    page.locator('[data-testid="stTopNavDropdownLink"][href$="/talent"]').click()
    page.wait_for_url(re.compile(r"/talent\?"))
    wait_for_app(page)
    assert "rotate=8" in page.url and "present=1" in page.url
    assert 0 < _countdown(page) <= 8
    page.wait_for_url(re.compile(r"/poverty\?"), timeout=20000)  # the page after talent
    assert "rotate=8" in page.url


def test_unpausing_restarts_the_countdown(app_server, page):
    goto(page, app_server, "/trade", present="1", rotate="6")
    toggle = page.get_by_text("暂停轮播")
    toggle.click()
    wait_for_app(page)
    page.wait_for_timeout(7000)  # longer than the interval: paused, the page stays
    assert "/trade" in page.url
    toggle.click()
    wait_for_app(page)
    assert _countdown(page) >= 5  # the page's full time again, not "next page now"
    page.wait_for_timeout(2000)
    assert "/trade" in page.url
    page.wait_for_url(re.compile(r"/talent\?"), timeout=15000)


def test_clicker_keys_turn_pages(app_server, page):
    goto(page, app_server, "/investment", present="1", lang="en")
    page.keyboard.press("PageDown")
    page.wait_for_url(re.compile(r"/trade\?"))
    wait_for_app(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"/talent\?"))
    wait_for_app(page)
    page.keyboard.press("PageUp")
    page.wait_for_url(re.compile(r"/trade\?"))
    wait_for_app(page)
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(r"/investment\?"))
    assert "lang=en" in page.url and "present=1" in page.url
    assert_no_console_errors(page)


def test_keys_do_not_turn_pages_outside_presentation(app_server, page):
    goto(page, app_server, "/investment")
    page.keyboard.press("PageDown")
    page.wait_for_timeout(1500)
    assert "/investment" in page.url
