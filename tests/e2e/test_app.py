"""The real app in Chromium: every page in both languages and in presentation mode, language switch, rotation."""

from __future__ import annotations

import re

import pytest

from components.topics.registry import TOPICS
from streamlit_wait import assert_no_console_errors, goto, screenshot, wait_for_app, wait_for_charts

# The default page (overview) lives at "/": Streamlit serves a default page at the root, not under its url_path.
PATHS = ["" if t.key == "overview" else t.key for t in TOPICS]
# A headline value carries a unit or a word: 220亿元, CNY 30 bn+, 1,034 people, not a bare number.
HAS_UNIT = re.compile(r"[^\d\s.,+\-%]")


def check_page(page, name: str) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]'
    ).first.inner_text()
    charts = page.locator('[data-testid="stVegaLiteChart"]').count()
    if charts:
        wait_for_charts(page, min_charts=charts)
    values = page.locator('[data-testid="stMetricValue"]')
    for i in range(values.count()):
        assert values.nth(i).is_visible()
        assert HAS_UNIT.search(values.nth(i).inner_text()), f"{name}: headline {values.nth(i).inner_text()!r} has no unit"
    # the data holds no backslash: one on the page is markdown.plain's escape shown by a call that reads no Markdown
    assert "\\" not in page.inner_text('[data-testid="stApp"]'), f"{name}: an escape is shown as a backslash"
    assert_no_console_errors(page)


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_reads_well(app_server, page, path, lang):
    goto(page, app_server, f"/{path}", lang=lang)
    check_page(page, f"{path}-{lang}")
    if path != "sources":
        assert page.locator('[data-testid="stMetricValue"]').count() > 0, "headline figures are shown"
    screenshot(page, f"{path or 'overview'}-{lang}")


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_in_presentation_mode_at_1920x1080(app_server, browser, path, lang):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    from streamlit_wait import collect_console_errors

    collect_console_errors(page)
    try:
        goto(page, app_server, f"/{path}", lang=lang, present="1")
        check_page(page, f"{path}-{lang}-present")
        sidebar = page.locator('[data-testid="stSidebar"]')
        assert sidebar.count() == 0 or not sidebar.first.is_visible(), "no sidebar on a projector"
        values = page.locator('[data-testid="stMetricValue"]')
        if values.count():
            # the number itself sits in a paragraph inside the value element: measure what is drawn
            size = values.first.evaluate("e => parseFloat(getComputedStyle(e.querySelector('p') || e).fontSize)")
            # type follows the screen (components/ui/presentation.py): a value is 4 % of its height, 43 px at 1080
            assert size >= 0.04 * 1080, f"headline values are {size}px on a projector"
            box = values.first.bounding_box()
            assert box["y"] + box["height"] <= 1080, "the first headline is on the first screen"
        screenshot(page, f"{path or 'overview'}-{lang}-present", full_page=False)
    finally:
        context.close()


def test_language_switch_changes_the_page_and_the_url(app_server, page):
    goto(page, app_server, "/")
    title_zh = page.locator("h1").first.inner_text()
    page.get_by_text("English", exact=True).click()
    wait_for_app(page)
    page.wait_for_url(re.compile(r"lang=en"))
    assert page.locator("h1").first.inner_text() != title_zh
    # kept when moving to another page through the navigation
    page.locator('[data-testid="stSidebarNav"] a[href$="/trade"]').click()
    page.wait_for_url(re.compile(r"/trade"))
    wait_for_app(page)
    page.wait_for_url(re.compile(r"lang=en"))
    assert_no_console_errors(page)


def test_presentation_rotation_advances_to_the_next_page(app_server, page):
    goto(page, app_server, "/", present="1", rotate="5")
    page.wait_for_url(re.compile(r"/investment\?"), timeout=20000)
    wait_for_app(page)
    assert "present=1" in page.url and "rotate=5" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0


def test_rotation_pause_stays_on_the_page(app_server, page):
    goto(page, app_server, "/", present="1", rotate="5")
    page.get_by_text(re.compile("暂停轮播")).click()
    wait_for_app(page)
    page.wait_for_timeout(7000)  # longer than the rotation interval: the page must not change while paused
    assert "/investment" not in page.url


def test_embedded_presentation_renders(app_server, page):
    goto(page, app_server, "/", present="1", embed="true")
    check_page(page, "embed")
    assert page.locator('[data-testid="stMetricValue"]').count() > 0


def test_first_visitors_of_a_fresh_server_all_get_the_app_shell(start_app, browser):
    """A just-started server takes the pages/ folder for old-style pages until app.py first runs; visitors arriving
    at once with deep links each get the app's own navigation and page (internals.through_app_shell)."""
    with start_app() as url:
        contexts = [browser.new_context(viewport={"width": 1280, "height": 800}) for _ in PATHS]
        try:
            pages = [context.new_page() for context in contexts]
            for page, path in zip(pages, PATHS):  # all sent before any is waited for
                page.goto(f"{url}/{path}?lang=en", wait_until="commit")
            for page in pages:
                wait_for_app(page)
                nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
                assert "Investment projects" in nav and "app" not in nav.split(), f"{page.url}: {nav!r}"
                assert page.locator("[class*='st-key-app_controls']").count() == 1, "the app's switches"
        finally:
            for context in contexts:
                context.close()
