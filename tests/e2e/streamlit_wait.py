"""Helpers for browser tests: wait on Streamlit's own DOM signals, navigate, screenshot, check console errors."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

SCREENSHOT_DIR = Path(__file__).parent / "screenshots"

# Attribute names/values verified in streamlit 1.67's frontend bundle (static/js/index.*.js):
# stApp carries data-test-connection-state (CONNECTED, PINGING_SERVER, ...) and
# data-test-script-state (initial, running, notRunning, rerunRequested, stopRequested, compilationError).
_APP_READY_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  // The status widget shows "Running..." / "Source changed" / connection trouble.
  const status = document.querySelector('[data-testid="stStatusWidget"]');
  if (status && status.getClientRects().length > 0) return false;
  // Lazy-loaded elements and the whole-app placeholder render skeletons until they are ready.
  if (document.querySelector('[data-testid="stSkeleton"], [data-testid="stSkeletonElement"], [data-testid="stAppSkeleton"]')) return false;
  // Elements left over from the previous run are marked stale until the run finishes.
  if (document.querySelector('[data-stale="true"]')) return false;
  return true;
}
"""

# A chart counts as drawn when vega has painted data marks: SVG renderer -> a g.role-mark
# group with children; canvas renderer -> any pixel with non-zero alpha.
_CHARTS_DRAWN_JS = """
(minCharts) => {
  const charts = document.querySelectorAll('[data-testid="stVegaLiteChart"]');
  if (charts.length < minCharts) return false;
  for (const chart of charts) {
    const svgMarks = chart.querySelectorAll('svg g.role-mark > path, svg g.role-mark > text, svg g.role-mark > g');
    if (svgMarks.length > 0) continue;
    const canvas = chart.querySelector('canvas');
    if (!canvas || canvas.width === 0 || canvas.height === 0) return false;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = false;
    for (let i = 3; i < data.length; i += 4) { if (data[i] !== 0) { painted = true; break; } }
    if (!painted) return false;
  }
  return true;
}
"""

# Streamlit probes <page path>/_stcore/health and host-config before falling back to the
# root, so 404s on those URLs are expected; browsers also ask for a favicon on their own.
_IGNORED_URL = re.compile(r"/_stcore/(health|host-config)(\?|$)|/favicon\.")


_APP_STATE_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const status = document.querySelector('[data-testid="stStatusWidget"]');
  return {
    connection: app && app.getAttribute('data-test-connection-state'),
    script: app && app.getAttribute('data-test-script-state'),
    status: status && status.innerText,
    skeletons: document.querySelectorAll('[data-testid*="Skeleton"]').length,
    stale: document.querySelectorAll('[data-stale="true"]').length,
  };
}
"""


def wait_for_app(page, timeout: float = 30000) -> None:
    """Wait until the app is connected, its script finished and nothing is still loading."""
    try:
        _settle(page, timeout)
    except PlaywrightTimeoutError:
        # Say which signal never settled; console errors often tell why (e.g. assets failed to load).
        state = page.evaluate(_APP_STATE_JS)
        errors = "\n".join(getattr(page, "console_errors", []))
        raise AssertionError(f"app not ready after {timeout} ms at {page.url}: {state}\n{errors}") from None


# Streamlit reports the script done a moment before lazily loaded elements (charts, first metrics) are in the DOM. Ready
# once the app has stayed ready with the same number of rendered elements for `quietMs`; checked in the page, every
# 50 ms, so that no round trip to the browser is paid per check.
_SETTLED_JS = f"""
(quietMs) => {{
  const ready = ({_APP_READY_JS})();
  const count = document.querySelectorAll(
    '[data-testid="stElementContainer"], [data-testid="stVegaLiteChart"], [data-testid="stMetricValue"]').length;
  const now = performance.now();
  const s = window.__settle;
  if (!s || s.ready !== ready || s.count !== count) {{ window.__settle = {{ready, count, since: now}}; return false; }}
  if (!ready || now - s.since < quietMs) return false;
  window.__settle = undefined;
  return true;
}}
"""


def _settle(page, timeout: float, quiet_ms: int = 300) -> None:
    """Wait until the app stays ready and its rendered element count does not change for quiet_ms."""
    page.evaluate("() => { window.__settle = undefined; }")
    page.wait_for_function(_SETTLED_JS, arg=quiet_ms, polling=50, timeout=timeout)


def wait_for_charts(page, min_charts: int = 1, timeout: float = 30000) -> None:
    """Wait until at least `min_charts` Vega charts exist and every one of them has painted marks."""
    page.wait_for_function(_CHARTS_DRAWN_JS, arg=min_charts, timeout=timeout)


def goto(page, base_url: str, path: str = "/", **params) -> None:
    """Open base_url/path?params (lists become repeated keys) and wait for the app to settle.

    Use single-segment page paths ("/", "/overview"): Streamlit loads its assets relative to
    the page URL, so "/a/b" breaks the frontend (wait_for_app then fails with asset errors).
    """
    url = base_url.rstrip("/") + "/" + path.lstrip("/")
    if params:
        url += "?" + urlencode(params, doseq=True)
    page.goto(url)
    wait_for_app(page)


def screenshot(page, name: str, full_page: bool = True) -> Path | None:
    """With HEZE_SCREENSHOTS=1 in the environment, save tests/e2e/screenshots/<name>.png (git-ignored) and return its
    path, for a person to look at; otherwise nothing (a full-page shot redraws every chart at the new height and costs
    a second or more, about a minute of the suite in all).

    Streamlit scrolls inside <main data-testid=stMain>, not the document, so Playwright's own
    full_page sees only the viewport; instead the viewport is briefly made as tall as the content.
    """
    if os.environ.get("HEZE_SCREENSHOTS") != "1":
        return None
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    viewport = page.viewport_size
    height = page.evaluate(
        """() => Math.max(window.innerHeight, ...[...document.querySelectorAll(
             '[data-testid="stMain"], [data-testid="stSidebarContent"]')].map(e => e.scrollHeight))"""
    )
    if full_page and viewport and height > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": height})
        try:
            page.wait_for_timeout(300)  # let charts and layout react to the resize
            page.screenshot(path=str(path))
        finally:
            page.set_viewport_size(viewport)
    else:
        page.screenshot(path=str(path))
    return path


def collect_console_errors(page) -> list[str]:
    """Record console errors and uncaught page errors into page.console_errors; returns that list."""
    errors: list[str] = []

    def on_console(msg):
        if msg.type != "error":
            return
        url = (msg.location or {}).get("url", "")
        if _IGNORED_URL.search(url) or _IGNORED_URL.search(msg.text):
            return
        errors.append(f"console.error: {msg.text} ({url})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    page.console_errors = errors
    return errors


def assert_no_console_errors(page) -> None:
    """Fail listing every console error / page error seen since the page was created."""
    errors = page.console_errors
    assert not errors, "browser reported errors:\n" + "\n".join(errors)
