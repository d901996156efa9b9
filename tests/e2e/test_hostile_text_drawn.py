"""Hostile data text in the browser: every page, in one language, with Markdown, directives, LaTeX, HTML, images and
links to a host the test serves, right-to-left controls and a 400-letter word in every free text of the data
(tests/hostile.py, on a copy of the pinned first report). What is drawn is the text as written, nothing wrapped in
markup, in the page, its tooltips, its popovers and a chart's tooltip; no request goes anywhere but the app, and the trap
host receives none; the long word does not push the page sideways. One page load a page.

(tests/test_hostile_text.py reads every string the pages give Streamlit; this checks what the browser makes of them.)"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from page_checks import charts_drawn, open_everything

from hostile import MARKERS, hostile_copy
from streamlit_wait import goto
from support import FIRST_REPORT, PAGE_FILES

PATHS = ["" if key == "overview" else key for key in PAGE_FILES]

# Elements that markup would make, each holding exactly a marker (the payload wraps the bare marker in each markup).
MARKUP_JS = """
(markers) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const found = [];
  for (const el of app.querySelectorAll('strong, em, code, a, b, s, del, h1, h2, h3, h4, h5, h6, li, blockquote, span, p')) {
    const text = el.textContent.trim();
    if (markers.some((m) => text === m || (/^(H[1-6]|LI|BLOCKQUOTE)$/.test(el.tagName) && text.startsWith(m)))) {
      found.push(el.tagName + ': ' + text.slice(0, 40));
    }
  }
  for (const el of app.querySelectorAll('img, .katex, [data-testid="stIconMaterial"]')) {
    if (el.tagName === 'IMG' || el.classList.contains('katex') || el.textContent.trim() === 'home') {
      found.push(el.tagName + ' ' + (el.getAttribute('src') || el.textContent.trim()));
    }
  }
  return found;
}
"""
OVERFLOW_JS = """
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return Math.max(document.documentElement.scrollWidth - window.innerWidth, main.scrollWidth - main.clientWidth);
}
"""


class _Trap(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (the standard library's name)
        self.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


# one server for the module (its fixture is per module, and a module split over two workers would start two)
pytestmark = pytest.mark.xdist_group("hostile-drawn")


@pytest.fixture(scope="module")
def trap():
    """A host on loopback that records any request a page makes it: a hostile image or link would reach it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Trap)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", _Trap.hits
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def hostile_app(trap, tmp_path_factory, start_app):
    host, _ = trap
    data = hostile_copy(FIRST_REPORT, tmp_path_factory.mktemp("hostile") / "data", host)
    with start_app(env={"HEZE_DATA_DIR": str(data), "HEZE_UPKEEP": None}) as url:
        yield url


def _outside_requests(page, base: str) -> list[str]:
    return [url for url in page.requests_seen if not url.startswith((base, "data:", "blob:"))]


@pytest.fixture
def watched(page):
    page.requests_seen = []

    def seen(request):
        page.requests_seen.append(request.url)

    page.on("request", seen)
    yield page
    page.remove_listener("request", seen)  # the tab is kept for the next test


# A chart's tooltip: vega draws it from the rows' text when the pointer is on a mark
VEGA_TOOLTIP = "#vg-tooltip-element.visible"


def _chart_tooltip(page) -> str | None:
    """The text of the first chart tooltip that carries the payload, the pointer on each mark in view in turn (the
    400-letter word can take a chart's whole width for its labels); None when none shows it."""
    for chart in page.get_by_test_id("stVegaLiteChart").all():
        chart.scroll_into_view_if_needed()
        viewport = page.viewport_size or {"width": 0, "height": 0}
        for mark in chart.locator("g.role-mark path[aria-label]").all()[:8]:
            box = mark.bounding_box()
            if not box or box["width"] < 1 or not (0 <= box["x"] + box["width"] / 2 < viewport["width"]):
                continue
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            tooltip = page.locator(VEGA_TOOLTIP)
            if tooltip.count() and "B1" in tooltip.inner_text():
                assert tooltip.locator("img, b, strong, a").count() == 0, "markup in a chart's tooltip"
                return tooltip.inner_text()
    return None


@pytest.mark.parametrize("path", PATHS)
def test_hostile_data_text_is_drawn_as_written_and_sends_no_request(hostile_app, trap, watched, path):
    page = watched
    goto(page, hostile_app, f"/{path}")
    charts = charts_drawn(page)
    text = page.inner_text('[data-testid="stMain"]')
    assert "**B1**" in text and ":smile:" in text and "$X1$" in text, "the hostile text is on the page, as written"
    assert page.evaluate(MARKUP_JS, list(MARKERS)) == []
    assert page.evaluate(OVERFLOW_JS) <= 1, "the 400-letter word wraps instead of widening the page"
    if charts:  # a chart's tooltip, before popovers lie over the charts
        shown = _chart_tooltip(page)
        assert shown is None or "**B1**" in shown, shown
    # what opens on demand: a figure's sentences behind its help icon, and every popover of sources and downloads
    open_everything(page)
    tooltips = page.get_by_test_id("stTooltipContent")
    assert tooltips.count() == 0 or "**B1**" in tooltips.first.inner_text() or "B1" not in page.inner_text("body")
    assert sorted(set(page.evaluate(MARKUP_JS, list(MARKERS)))) == [], "nor in a tooltip or popover"
    assert _outside_requests(page, hostile_app) == []
    assert trap[1] == [], "the trap host received a request"
    assert page.console_errors == []
