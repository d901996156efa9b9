"""What the benchmark times in Chromium: a cold page load and a filter rerun, read from Streamlit's own DOM signals.

Times are taken inside the page with performance.now() (milliseconds since the navigation started, or since the click),
so Playwright's round trips are not counted. The readiness and chart tests are the e2e helpers' own JS, imported.
"""

from __future__ import annotations

from dataclasses import dataclass

from servers import E2E_DIR  # noqa: F401  (puts tests/e2e on sys.path for streamlit_wait)

from streamlit_wait import _APP_READY_JS, _CHARTS_DRAWN_JS

VIEWPORT = {"width": 1440, "height": 900}  # as the e2e tests
LOAD_TIMEOUT_MS = 60_000
RERUN_TIMEOUT_MS = 30_000
# Button groups that are not a page's filters, by key prefix: the app's language and presentation switches and each
# chart's chart/table switch. The shell's switches are also told apart by position: app.py draws them before the page's title.
NOT_FILTERS = ["lang", "present", "rotate", "view_"]

# The app ready with `n` charts drawn, for the tools that wait for it in a synchronous page (js_profile, timeline).
READY_AND_DRAWN_JS = f"(n) => ({_APP_READY_JS})() && ({_CHARTS_DRAWN_JS})(n)"

# Resolves once the script has finished and (when charts are expected) that many charts have painted marks.
# "script" is the first moment the app was ready; "charts" the first moment it was ready with every chart drawn.
_LOAD_PROBE_JS = f"""
(expected) => {{
  const ready = {_APP_READY_JS};
  const drawn = {_CHARTS_DRAWN_JS};
  const now = performance.now();
  const b = window.__bench || (window.__bench = {{}});
  if (!ready()) return false;
  if (b.script === undefined) b.script = now;
  if (expected > 0 && !drawn(expected)) return false;
  return {{script: b.script, charts: now}};
}}
"""

# For a warm-up, whose chart count is not known yet: each frame, note the first moment the app was ready with all the
# charts then on the page drawn, by chart count; the settled count then picks its moment. Stops itself after a minute.
_TRACK_DRAWN_JS = f"""
() => {{
  const ready = {_APP_READY_JS};
  const drawn = {_CHARTS_DRAWN_JS};
  const seen = window.__drawnAt = {{}};
  const until = performance.now() + 60000;
  const tick = () => {{
    const n = document.querySelectorAll('[data-testid="stVegaLiteChart"]').length;
    if (seen[n] === undefined && ready() && drawn(n)) seen[n] = performance.now();
    if (performance.now() < until) requestAnimationFrame(tick);
  }};
  tick();
}}
"""

_COUNT_JS = """
() => ({
  charts: document.querySelectorAll('[data-testid="stVegaLiteChart"]').length,
  metrics: document.querySelectorAll('[data-testid="stMetric"]').length,
  exceptions: document.querySelectorAll('[data-testid="stException"]').length,
})
"""

# The page's pills and segmented controls that are not in NOT_FILTERS: key (st-key-<key> class), index, kind, options.
_FIND_FILTERS_JS = """
(notFilters) => {
  const groups = [...document.querySelectorAll('[data-testid="stButtonGroup"]')];
  const title = document.querySelector('[data-testid="stMain"] h1');
  const found = [];
  for (let index = 0; index < groups.length; index++) {
    if (!groups[index].closest('[data-testid="stMain"]')) continue;
    if (title && !(title.compareDocumentPosition(groups[index]) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    const box = groups[index].closest('[class*="st-key-"]');
    const key = box ? (box.className.match(/(?:^|\\s)st-key-(\\S+)/) || [])[1] || null : null;
    if (key && notFilters.some(p => key.startsWith(p))) continue;
    const options = groups[index].querySelectorAll('button[data-variant]');
    if (options.length < 2) continue;
    found.push({key, index, kind: options[0].dataset.variant, options: options.length});
  }
  return found;
}
"""

# Added to every browser context before the app loads: notes when each websocket message from the server arrives.
# A rerun is timed by these messages rather than by the app's script-state attribute: a fast rerun (a cached fragment)
# can go from running to notRunning within one render, and then the attribute never changes.
_WS_HOOK_JS = """
(() => {
  const Native = window.WebSocket;
  window.__wsIn = [];
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", () => window.__wsIn.push(performance.now()));
    }
  };
})();
"""

# How long no message may arrive before a rerun counts as finished (the last message, script_finished, is its end).
QUIET_MS = 200

# Marks the click: messages from now on belong to the rerun.
_MARK_CLICK_JS = """
() => { window.__rerun = {clickAt: performance.now(), seen: window.__wsIn.length}; }
"""

# Clicks the filter's first unselected option (or the first option, when all are selected: a multi-select's toggle).
_CLICK_FILTER_JS = f"""
([key, index]) => {{
  const group = key ? document.querySelector(`.st-key-${{CSS.escape(key)}} [data-testid="stButtonGroup"]`)
                    : document.querySelectorAll('[data-testid="stButtonGroup"]')[index];
  const options = [...group.querySelectorAll('button[data-variant]')];
  const selected = b => b.getAttribute('aria-pressed') === 'true' || b.getAttribute('aria-checked') === 'true';
  const target = options.find(b => !selected(b)) || options[0];
  ({_MARK_CLICK_JS})();
  target.click();
  return target.innerText;
}}
"""

# Resolves once the server's messages for the rerun have stopped (QUIET_MS without one), the app is ready and every
# chart is painted again. "script": when the last message arrived; "charts": when the page was first ready and drawn
# after it.
_RERUN_PROBE_JS = f"""
() => {{
  const ready = {_APP_READY_JS};
  const drawn = {_CHARTS_DRAWN_JS};
  const r = window.__rerun;
  const now = performance.now();
  const messages = window.__wsIn.slice(r.seen);
  if (messages.length === 0) return false;
  const last = messages[messages.length - 1];
  if (r.count !== messages.length) {{ r.count = messages.length; r.okAt = undefined; }}
  const ok = ready() && drawn(0);
  if (!ok) r.okAt = undefined; else if (r.okAt === undefined) r.okAt = now;
  if (!ok || now - last < {QUIET_MS}) return false;
  return {{script: last - r.clickAt, charts: Math.max(r.okAt, last) - r.clickAt}};
}}
"""


@dataclass
class Load:
    script_ms: float
    charts_ms: float
    server_cpu_ms: float | None = None  # CPU the server spent meanwhile (user + system), when the caller measured it


async def settled_counts(page, polls: int = 3, interval_ms: int = 150) -> dict:
    """Charts, metrics and exceptions once the counts stop changing: lazily loaded elements arrive after script done."""
    last, stable = None, 0
    for _ in range(int(LOAD_TIMEOUT_MS / interval_ms)):
        await page.wait_for_timeout(interval_ms)
        counts = await page.evaluate(_COUNT_JS)
        stable = stable + 1 if counts == last else 0
        last = counts
        if stable >= polls:
            break
    assert last is not None  # read at least once: LOAD_TIMEOUT_MS is many poll intervals
    return last


async def timed_load(
    browser, url: str, expected_charts: int | None, keep_open: bool = False, timeout_ms: float = LOAD_TIMEOUT_MS
):
    """Open url in a fresh browser context (a new Streamlit session); return (Load, counts, context or None).

    expected_charts None: the count is not known yet (a warm-up): it is taken once the page has settled, then waited for.
    """
    context = await browser.new_context(viewport=VIEWPORT)
    await context.add_init_script(_WS_HOOK_JS)
    try:
        page = await context.new_page()
        await page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
        handle = await page.wait_for_function(_LOAD_PROBE_JS, arg=expected_charts or 0, polling="raf", timeout=timeout_ms)
        times = await handle.json_value()
        if expected_charts is None:
            await page.evaluate(_TRACK_DRAWN_JS)
            counts = await settled_counts(page)
            handle = await page.wait_for_function(
                "(n) => window.__drawnAt[n]", arg=counts["charts"], polling="raf", timeout=LOAD_TIMEOUT_MS
            )
            times["charts"] = max(times["script"], await handle.json_value())
        else:
            counts = await page.evaluate(_COUNT_JS)
    except BaseException:
        await context.close()
        raise
    if not keep_open:
        await context.close()
        context = None
    return Load(times["script"], times["charts"]), counts, context


async def timed_reruns(
    browser, url: str, expected_charts: int, repeats: int, server_cpu=None, max_filters: int = 3
) -> list[tuple[dict, list[Load]]]:
    """Load url, then click each of its filters (up to max_filters) `repeats` times, timing every rerun.
    [] when the page has no filter. The filters are clicked in page order, in one session, so choices accumulate.
    server_cpu: a function giving the server's CPU seconds so far, to note what each rerun cost it."""
    _, _, context = await timed_load(browser, url, expected_charts, keep_open=True)
    try:
        page = context.pages[0]
        timed = []
        for widget in (await page.evaluate(_FIND_FILTERS_JS, NOT_FILTERS))[:max_filters]:
            reruns = []
            for _ in range(repeats):
                cpu = server_cpu() if server_cpu else None
                await page.evaluate(_CLICK_FILTER_JS, [widget["key"], widget["index"]])
                handle = await page.wait_for_function(_RERUN_PROBE_JS, polling="raf", timeout=RERUN_TIMEOUT_MS)
                times = await handle.json_value()
                used = (server_cpu() - cpu) * 1000 if server_cpu else None
                reruns.append(Load(times["script"], times["charts"], used))
            timed.append((widget, reruns))
        return timed
    finally:
        await context.close()


async def open_session_on(browser, base_url: str, path: str, expected_charts: int, default_path: str):
    """One session that first runs the entry page, then switches to `path` through the sidebar (the same session)."""
    _, _, context = await timed_load(browser, base_url + "/", 0, keep_open=True)
    if path != default_path:
        page = context.pages[0]
        link = page.locator(f'[data-testid="stSidebarNavLink"][href$="/{path}"]')
        await page.evaluate(_MARK_CLICK_JS)
        await link.click()
        await page.wait_for_function(_RERUN_PROBE_JS, timeout=LOAD_TIMEOUT_MS)
        if expected_charts:
            await page.wait_for_function(_CHARTS_DRAWN_JS, arg=expected_charts, timeout=LOAD_TIMEOUT_MS)
    return context
