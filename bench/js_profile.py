"""Where a page's cold load spends the browser's time: Chromium's sampling profiler (CDP Profiler) over each load, from
navigation to every chart drawn, summed by script file and by function, for running servers given by URL.

    python bench/js_profile.py URL CHARTS [URL CHARTS ...] [--loads 3]

For example the overview against the floor with as many charts and metrics (servers started as bench/run.py does, or
by hand with `streamlit run`):

    python bench/js_profile.py http://127.0.0.1:8501/overview 1 "http://127.0.0.1:8502/floor?charts=1&metrics=7" 1

Each load is a fresh browser context (a cold session, as bench/run.py times). The empty file name is V8's own time
(program, idle, garbage collection)."""

from __future__ import annotations

import argparse
import collections

from browser_timing import READY_AND_DRAWN_JS
from servers import CHROMIUM, CHROMIUM_ARGS

SAMPLING_US = 200


def profile(browser, url: str, charts: int, loads: int) -> collections.Counter:
    """Milliseconds a load, by (script file, function), averaged over `loads` cold loads."""
    spent: collections.Counter = collections.Counter()
    for _ in range(loads):
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        try:
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Profiler.enable")
            cdp.send("Profiler.setSamplingInterval", {"interval": SAMPLING_US})
            cdp.send("Profiler.start")
            page.goto(url, wait_until="domcontentloaded")
            page.wait_for_function(READY_AND_DRAWN_JS, arg=charts, polling="raf", timeout=60_000)
            found = cdp.send("Profiler.stop")["profile"]
        finally:
            context.close()
        frames = {node["id"]: node["callFrame"] for node in found["nodes"]}
        for node, delta in zip(found["samples"], found["timeDeltas"]):
            frame = frames[node]
            spent[(frame["url"].rsplit("/", 1)[-1], frame["functionName"] or "(anonymous)")] += delta / 1000 / loads
    return spent


def report(url: str, spent: collections.Counter, top: int = 12) -> str:
    by_file: collections.Counter = collections.Counter()
    for (file, _), ms in spent.items():
        by_file[file] += ms
    lines = [f"{url}: {sum(spent.values()):.0f} ms a load", "  by file:"]
    lines += [f"    {ms:7.0f}  {file or '(V8: program, idle, GC)'}" for file, ms in by_file.most_common(top)]
    lines += ["  by function:"]
    lines += [f"    {ms:7.0f}  {file} {name}" for (file, name), ms in spent.most_common(top)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="+", help="URL and chart count, in pairs")
    parser.add_argument("--loads", type=int, default=3)
    args = parser.parse_args()
    if len(args.pages) % 2:
        parser.error("give each URL with its chart count")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for url, charts in zip(args.pages[::2], args.pages[1::2]):
                print(report(url, profile(browser, url, int(charts), args.loads)))
        finally:
            browser.close()


if __name__ == "__main__":
    main()
