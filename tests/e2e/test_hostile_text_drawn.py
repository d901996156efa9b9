"""Hostile data text in the browser: every page, in both languages, with Markdown, directives, LaTeX, HTML, images and
links to a host the test serves, right-to-left controls and a 400-letter word in every free text of the data
(tests/hostile.py). What is drawn is the text as written, nothing wrapped in markup; no request goes anywhere but the
app, and the trap host receives none; the long word does not push the page sideways.

(tests/test_hostile_text.py reads every string the pages give Streamlit; this checks what the browser makes of them,
tooltips, popovers and the charts' tooltips included.)"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from components.topics.registry import TOPICS
from hostile import MARKERS, hostile_copy
from streamlit_wait import goto, wait_for_charts
from support import DATA

PATHS = ["" if t.key == "overview" else t.key for t in TOPICS]

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
    data = hostile_copy(DATA, tmp_path_factory.mktemp("hostile") / "data", host)
    with start_app(env={"HEZE_DATA_DIR": str(data)}) as url:
        yield url


def _outside_requests(page, base: str) -> list[str]:
    return [url for url in page.requests_seen if not url.startswith((base, "data:", "blob:"))]


@pytest.fixture
def watched(page):
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    return page


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", PATHS)
def test_hostile_data_text_is_drawn_as_written_and_sends_no_request(hostile_app, trap, watched, path, lang):
    page = watched
    goto(page, hostile_app, f"/{path}", lang=lang)
    text = page.inner_text('[data-testid="stMain"]')
    assert "**B1**" in text and ":smile:" in text and "$X1$" in text, "the hostile text is on the page, as written"
    found = page.evaluate(MARKUP_JS, list(MARKERS))
    assert found == [], sorted(set(found))
    # what opens on demand: a figure's source sentences behind the help icon, and a block's popover of sources
    helps = page.locator('[data-testid="stMain"] [data-testid="stTooltipHoverTarget"]')
    if helps.count():
        helps.first.hover()
        tooltip = page.locator('[data-testid="stTooltipContent"]').first
        tooltip.wait_for()
        assert "**B1**" in tooltip.inner_text() or "B1" not in page.inner_text("body")
    popovers = page.locator('[data-testid="stMain"] [data-testid="stPopover"] button')
    if popovers.count():
        popovers.first.click()
        page.locator('[data-testid="stPopoverBody"]').first.wait_for()
    assert page.evaluate(MARKUP_JS, list(MARKERS)) == [], "nor in a tooltip or popover"
    assert page.evaluate(OVERFLOW_JS) <= 1, "the 400-letter word wraps instead of widening the page"
    assert _outside_requests(page, hostile_app) == []
    assert trap[1] == [], "the trap host received a request"


def test_a_charts_tooltip_shows_hostile_text_as_written(hostile_app, trap, watched):
    page = watched
    goto(page, hostile_app, "/investment", lang="en")
    wait_for_charts(page)
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    marks = chart.locator("path[aria-roledescription='bar'], path[role='graphics-symbol']")
    for index in range(min(marks.count(), 8)):
        marks.nth(index).hover(force=True)
        tooltip = page.locator("#vg-tooltip-element.visible")
        if tooltip.count() and "B1" in tooltip.inner_text():
            break
    else:
        pytest.fail("no bar's tooltip showed the data text")
    assert "**B1**" in tooltip.inner_text()
    assert tooltip.locator("img, b, strong, a").count() == 0
    assert _outside_requests(page, hostile_app) == [] and trap[1] == []
