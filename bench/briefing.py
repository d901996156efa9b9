"""python bench/briefing.py [--app-root DIR] [--runs 3] [--loads 5]: how long the briefing export takes to build, and
whether a page load waits while another session builds one (the app runs each session's script in its own thread; the
export must not hold the others up).

The build is timed as a maintainer runs it, `python -m components.briefing --lang zh --out X.pptx` in the app's folder,
as a whole command: the benchmark imports nothing of the app, so that it measures any tree the same way (the build's
Python API differs between trees). A command pays what an export in the app does not: Python's imports, reading the
data, loading the fonts and, for the handout, starting its worker process and rendering every chart afresh. Issue 13's
targets (deck ≤ 2 s, handout ≤ 3 s) were for a warm export in the app, so they are not judged here. Prints a Markdown
table to paste into RESULTS.md."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import servers  # first: puts tests/e2e on sys.path

FORMATS = ("pptx", "pdf")
LANGS = ("zh", "en")
# The investment page's stage filter, by its URL values (the same in every tree so far): each export in the load test
# is of a stage not exported before, so that the worker renders every chart afresh.
STAGES = ("negotiating", "signed", "new_start", "continuing", "in_production")


def command_times(root: Path, runs: int) -> list[tuple[str, str, float, float]]:
    """(file, language, median s, slowest s) of `python -m components.briefing` in root, each run a new process."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="heze-briefing-") as folder:
        for fmt in FORMATS:
            for lang in LANGS:
                out = Path(folder) / f"briefing.{fmt}"
                command = [sys.executable, "-m", "components.briefing", "--lang", lang, "--out", str(out)]
                times = []
                for _ in range(runs):
                    start = time.perf_counter()
                    run = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=300)
                    times.append(time.perf_counter() - start)
                    if run.returncode:
                        sys.exit(f"{' '.join(command[1:])} in {root} failed ({run.returncode}):\n{run.stderr[-2000:]}")
                rows.append((fmt, lang, statistics.median(times), max(times)))
    return rows


def load_while_exporting(root: Path, loads: int) -> tuple[float, float]:
    """Median time to load /trade in a browser alone, and while another session keeps building PDF handouts."""
    from playwright.sync_api import sync_playwright

    from streamlit_wait import goto, wait_for_app

    def timed_load(browser, url) -> float:
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        page = context.new_page()
        start = time.perf_counter()
        goto(page, url, "/trade")
        wait_for_app(page)
        elapsed = time.perf_counter() - start
        context.close()
        return elapsed

    with servers.start_app(cwd=root) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=servers.CHROMIUM, args=servers.CHROMIUM_ARGS)
        timed_load(browser, url)
        alone = [timed_load(browser, url) for _ in range(loads)]
        exporter = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
        busy = []
        for number in range(loads):
            goto(exporter, url, "/investment", stage=STAGES[number % len(STAGES)])
            wait_for_app(exporter)
            sidebar = exporter.get_by_test_id("stSidebar")
            sidebar.get_by_test_id("stExpander").get_by_text("导出汇报材料").click()
            sidebar.get_by_text("A4 讲义 PDF", exact=True).click()
            wait_for_app(exporter)
            sidebar.get_by_role("button", name="生成", exact=True).click()
            time.sleep(0.3)  # the export is under way on the server
            busy.append(timed_load(browser, url))
            sidebar.get_by_role("button", name="下载", exact=True).wait_for(timeout=60000)
        browser.close()
    return statistics.median(alone), statistics.median(busy)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--app-root", type=servers.app_root, default=servers.REPO_ROOT, help="the app's folder, default this repository"
    )
    parser.add_argument("--runs", type=int, default=3, help="commands timed per file and language, default 3")
    parser.add_argument("--loads", type=int, default=5, help="page loads alone and during exports, default 5; 0: none")
    args = parser.parse_args()
    root = args.app_root
    print(f"`{servers.tree_of(root)}`: `python -m components.briefing --lang … --out …`, {args.runs} runs each, whole command\n")
    print("| file | language | median (s) | slowest (s) |")
    print("|---|---|---|---|")
    for fmt, lang, median, slowest in command_times(root, args.runs):
        print(f"| {fmt} | {lang} | {median:.2f} | {slowest:.2f} |")
    if args.loads:
        alone, busy = load_while_exporting(root, args.loads)
        print(f"\n/trade load, median of {args.loads}: alone {alone:.2f} s, while another session builds a handout {busy:.2f} s")


if __name__ == "__main__":
    main()
