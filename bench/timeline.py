"""When a cold load's parts arrive, for running servers given by URL: the server's messages, the code Streamlit's
frontend fetches for each kind of element, and the moment each kind of element first appears, in ms after the first
websocket message (so that the time before it, the frontend's own start, does not blur the comparison).

    python bench/timeline.py URL CHARTS [URL CHARTS ...] [--loads 9]

For example the overview against the floor with as many charts and metrics (servers started as bench/js_profile.py
says). Each load is a fresh browser context; the figures are medians. It is how "the browser, not the server or the
code it fetches" was found for bench/RESULTS.md: the app's messages and code arrive no later than the floor's."""

from __future__ import annotations

import argparse
import statistics

from browser_timing import READY_AND_DRAWN_JS
from servers import CHROMIUM, CHROMIUM_ARGS

# Before the app loads: each websocket message's arrival, and the first appearance of each data-testid.
_RECORD_JS = """
(() => {
  window.__first = {}; window.__messages = [];
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) { super(...args); this.addEventListener("message", () => window.__messages.push(performance.now())); }
  };
  new MutationObserver(() => {
    for (const e of document.querySelectorAll("[data-testid]")) {
      if (!(e.dataset.testid in window.__first)) window.__first[e.dataset.testid] = performance.now();
    }
  }).observe(document, {subtree: true, childList: true});
})();
"""

_READ_JS = """
() => ({
  drawn: performance.now(),
  messages: window.__messages,
  first: window.__first,
  code: Object.fromEntries(performance.getEntriesByType("resource").map((r) => [r.name.split("/").pop().split(".")[0], r.startTime])),
})
"""

ELEMENTS = ["stSidebarNav", "stHeading", "stCaptionContainer", "stButtonGroup", "stMetric", "stVegaLiteChart"]
CODE = ["ButtonGroup", "Html", "BidiComponent", "Metric", "ArrowVegaLiteChart", "embed"]  # lazily fetched modules


def cold_load(browser, url: str, charts: int) -> dict:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        context.add_init_script(_RECORD_JS)
        page = context.new_page()
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_function(READY_AND_DRAWN_JS, arg=charts, polling="raf", timeout=60_000)
        return page.evaluate(_READ_JS)
    finally:
        context.close()


def report(url: str, loads: list[dict]) -> str:
    def after_first(read) -> str:
        values = [read(load) - load["messages"][0] for load in loads if read(load) is not None]
        return f"{statistics.median(values):5.0f}" if values else "    -"

    lines = [f"{url} (ms after the first message, median of {len(loads)})"]
    lines.append(f"  last message {after_first(lambda x: x['messages'][-1])}   charts drawn {after_first(lambda x: x['drawn'])}")
    lines.append("  first seen:  " + "  ".join(f"{k[2:]} {after_first(lambda x, k=k: x['first'].get(k))}" for k in ELEMENTS))
    lines.append("  code asked:  " + "  ".join(f"{k} {after_first(lambda x, k=k: x['code'].get(k))}" for k in CODE))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="+", help="URL CHARTS pairs")
    parser.add_argument("--loads", type=int, default=9)
    args = parser.parse_args()
    pairs = list(zip(args.targets[::2], map(int, args.targets[1::2])))
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            found: dict[str, list[dict]] = {url: [] for url, _ in pairs}
            for _ in range(args.loads):  # interleaved, so that a busy moment of the machine falls on every target
                for url, charts in pairs:
                    found[url].append(cold_load(browser, url, charts))
            for url, loads in found.items():
                print(report(url, loads))
        finally:
            browser.close()


if __name__ == "__main__":
    main()
