"""The dashboard's performance benchmark in one command: `python bench/run.py` (what it measures: bench/README.md).

One Chromium, two local servers at a time (an app and bench/bare_app.py as the floor); every loop is bounded. Each
--app-root is measured in turn, against the same floor in the same browser, so that an old tree and a new one compare.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import browser_timing
import protocol_sessions
import pytest
import report
import servers  # first: puts tests/e2e on sys.path
from playwright.async_api import async_playwright

ENTRY_PAGE = "overview"  # app.py's default page, served at "/"
SETTLE_SECONDS = 2  # before reading RSS, so the last responses have been sent and buffers released
PROBE_ROUNDS = 3  # probe loads alone and under load, each
# The floors a page is timed against (bare_app.py's ?marks=), by the prefix of their figures: plain bars, and bars
# with the app's marks (open ends, value labels), which separates what the app adds from what its charts cost to draw.
FLOORS = {"bare": "plain", "like": "app"}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def bounded(low: int, high: int):
    def parse(text: str) -> int:
        value = int(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}")
        return value

    return parse


def summaries(entry: dict, prefix: str, loads: list[browser_timing.Load]) -> None:
    entry[f"{prefix}_script"] = report.summary([x.script_ms for x in loads])
    entry[f"{prefix}_charts"] = report.summary([x.charts_ms for x in loads])
    entry[f"{prefix}_cpu"] = report.summary([x.server_cpu_ms for x in loads if x.server_cpu_ms is not None])
    entry[f"{prefix}_raw"] = [asdict(x) for x in loads]


async def load_with_cpu(browser, url: str, charts: int, pid: int) -> browser_timing.Load:
    """A timed cold load, with the CPU its server spent from navigation to charts drawn."""
    cpu = servers.cpu_seconds(pid)
    load = (await browser_timing.timed_load(browser, url, charts))[0]
    load.server_cpu_ms = (servers.cpu_seconds(pid) - cpu) * 1000
    return load


def cpu_of(pid: int):
    return lambda: servers.cpu_seconds(pid)


async def measure_page(browser, app: tuple[str, int], bare: tuple[str, int], path: str, loads: int) -> dict:
    """One page against the floors with its counts: a warm-up, `loads` interleaved cold loads each, then its filters."""
    (app_url, app_pid), (bare_url, bare_pid) = app, bare
    entry: dict = {"path": path}
    warm, counts, _ = await browser_timing.timed_load(browser, f"{app_url}/{path}", None)
    charts, metrics = counts["charts"], counts["metrics"]
    entry.update(charts=charts, metrics=metrics, exceptions=counts["exceptions"], warmup=asdict(warm))
    floors = {
        prefix: f"{bare_url}/{servers.FLOOR_PATH}?charts={charts}&metrics={metrics}&marks={marks}"
        for prefix, marks in FLOORS.items()
    }
    for floor_page in floors.values():
        await browser_timing.timed_load(browser, floor_page, charts)  # the floor's warm-up, untimed
    page_loads: list[browser_timing.Load] = []
    floor_loads: dict[str, list[browser_timing.Load]] = {prefix: [] for prefix in floors}
    for _ in range(loads):  # interleaved, so drift on the machine hits every side alike
        page_loads.append(await load_with_cpu(browser, f"{app_url}/{path}", charts, app_pid))
        for prefix, floor_page in floors.items():
            floor_loads[prefix].append(await load_with_cpu(browser, floor_page, charts, bare_pid))
    summaries(entry, "page", page_loads)
    for prefix, timed in floor_loads.items():
        summaries(entry, prefix, timed)
        entry[ratio_key("script", prefix)] = report.ratio(entry["page_script"], entry[f"{prefix}_script"])
        entry[ratio_key("charts", prefix)] = report.ratio(entry["page_charts"], entry[f"{prefix}_charts"])
        entry[ratio_key("charts", prefix) + "_range"] = report.ratio_range(
            [x.charts_ms for x in page_loads], [x.charts_ms for x in timed]
        )
    entry["rerun"] = await measure_reruns(
        browser, (f"{app_url}/{path}", app_pid), {prefix: (url, bare_pid) for prefix, url in floors.items()}, charts, loads
    )
    return entry


def ratio_key(what: str, prefix: str) -> str:
    return f"ratio_{what}" if prefix == "bare" else f"ratio_{what}_{prefix}"


async def measure_reruns(browser, app: tuple[str, int], floors: dict[str, tuple[str, int]], charts: int, repeats: int) -> dict:
    """Every filter's reruns against the floors'; the page's figure is its slowest filter (by median)."""
    rerun: dict = {"filters": []}
    try:
        timed = await browser_timing.timed_reruns(browser, app[0], charts, repeats, cpu_of(app[1]))
        if not timed:
            return rerun
        for prefix, (url, pid) in floors.items():
            ((_, floor_reruns),) = await browser_timing.timed_reruns(browser, url, charts, repeats, cpu_of(pid), max_filters=1)
            summaries(rerun, prefix, floor_reruns)
        for widget, reruns in timed:
            one: dict = {"widget": widget}
            summaries(one, "page", reruns)
            for prefix in floors:
                one[ratio_key("charts", prefix)] = report.ratio(one["page_charts"], rerun[f"{prefix}_charts"])
            rerun["filters"].append(one)
        slowest = max(rerun["filters"], key=lambda f: f["page_charts"]["median"])
        rerun.update(
            filter=slowest["widget"]["key"],
            page=slowest["page_charts"],
            page_cpu=slowest["page_cpu"],
            **{prefix: rerun[f"{prefix}_charts"] for prefix in floors},
            **{ratio_key("charts", prefix): slowest[ratio_key("charts", prefix)] for prefix in floors},
        )
    except Exception as exc:  # a page mid-build may break its filter; the load figures still stand
        rerun["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return rerun


async def concurrent_wave(browser, url: str, pid: int, charts: int, sessions: int) -> tuple[dict, list]:
    """`sessions` fresh sessions loading url at once, left open; their times and the server's CPU seconds meanwhile."""
    cpu = servers.cpu_seconds(pid)
    # Every session's browser work shares this machine's cores, so the wave is given time in proportion to its size.
    timeout_ms = browser_timing.LOAD_TIMEOUT_MS + 15_000 * sessions
    started = await asyncio.gather(
        *(browser_timing.timed_load(browser, url, charts, keep_open=True, timeout_ms=timeout_ms) for _ in range(sessions)),
        return_exceptions=True,
    )
    loads = [s[0] for s in started if not isinstance(s, BaseException)]
    wave = {
        "sessions": sessions,
        "loaded": len(loads),
        "server_cpu_s": round(servers.cpu_seconds(pid) - cpu, 2),
        "wall_s": round(max((x.charts_ms for x in loads), default=0) / 1000, 1),
        "failures": [f"{type(s).__name__}: {str(s).splitlines()[0]}" for s in started if isinstance(s, BaseException)],
        "script": report.summary([x.script_ms for x in loads]),
        "charts": report.summary([x.charts_ms for x in loads]),
        "raw": [asdict(x) for x in loads],
    }
    return wave, [s[2] for s in started if not isinstance(s, BaseException)]


async def probe_under_load(browser, base_url: str, path: str, query: str, charts: int, sessions: int, rounds: int) -> dict:
    """A browser's cold load of the page (the probe) alone, then while `sessions` other sessions, opened without a
    browser (protocol_sessions), request and run the same page at the same moment; `rounds` of each."""
    page_url = f"{base_url}/{path}?{query}"
    alone, loaded, crowd = [], [], []
    for _ in range(rounds):
        alone.append((await browser_timing.timed_load(browser, page_url, charts))[0])
    for _ in range(rounds):
        others = [asyncio.create_task(protocol_sessions.run_page(base_url, path, query)) for _ in range(sessions)]
        loaded.append((await browser_timing.timed_load(browser, page_url, charts))[0])
        crowd += await asyncio.gather(*others)
    single, busy = report.summary([x.charts_ms for x in alone]), report.summary([x.charts_ms for x in loaded])
    return {
        "sessions": sessions,
        "rounds": rounds,
        "single": single,
        "charts": busy,
        "ratio": report.ratio(busy, single),
        "others_ms": report.summary(crowd),
        "raw_single": [asdict(x) for x in alone],
        "raw_loaded": [asdict(x) for x in loaded],
    }


async def measure_memory_and_concurrency(
    browser, root: Path, path: str, charts: int, metrics: int, sessions: int
) -> tuple[dict, dict]:
    """On fresh servers: the app's RSS idle, with one session, and after `sessions` more sessions loaded at once (all kept
    open); then the same wave on the bare floor, to tell the app's share of the slow-down from the machine's."""
    with servers.start_app(cwd=root) as url:
        pid = servers.server_pid(url)
        await asyncio.sleep(SETTLE_SECONDS)
        idle = servers.rss_bytes(pid)
        # The first session runs "/" before switching pages: on a fresh server a deep link would skip app.py.
        contexts = [await browser_timing.open_session_on(browser, url, path, charts, ENTRY_PAGE)]
        try:
            await asyncio.sleep(SETTLE_SECONDS)
            one = servers.rss_bytes(pid)
            wave, opened = await concurrent_wave(browser, f"{url}/{path}", pid, charts, sessions)
            contexts += opened
            await asyncio.sleep(SETTLE_SECONDS)
            everyone = servers.rss_bytes(pid)
        finally:
            for context in contexts:
                await context.close()
        protocol = await probe_under_load(browser, url, path, "lang=zh", charts, sessions, PROBE_ROUNDS)
    extra = wave["loaded"]
    memory = {
        "page": path,
        "idle_mb": idle / 1e6,
        "one_session_mb": one / 1e6,
        "sessions_open": 1 + extra,
        "extra_sessions": extra,
        "all_sessions_mb": everyone / 1e6,
        "growth_per_session_mb": (everyone - one) / 1e6 / extra if extra else None,
    }
    with servers.start_app(servers.BARE_APP, cwd=servers.REPO_ROOT) as bare_url:
        bare_page = f"{bare_url}/{servers.FLOOR_PATH}?charts={charts}&metrics={metrics}"
        await browser_timing.timed_load(browser, bare_page, charts)  # warm-up: imports, first run
        bare_wave, opened = await concurrent_wave(browser, bare_page, servers.server_pid(bare_url), charts, sessions)
        for context in opened:
            await context.close()
        # the floor is its server's default page, which Streamlit's protocol names "" whatever its URL path
        bare_protocol = await probe_under_load(
            browser, bare_url, "", f"charts={charts}&metrics={metrics}", charts, sessions, PROBE_ROUNDS
        )
    return memory, {"page": path, **wave, "bare": bare_wave, "protocol": {**protocol, "bare": bare_protocol}}


def heaviest(pages: list[dict]) -> str:
    """The measured page with the most charts, then metrics; nav order breaks ties."""
    ok = [p for p in pages if not p.get("error")]
    return max(ok, key=lambda p: (p["charts"], p["metrics"]))["path"] if ok else ENTRY_PAGE


async def measure_pages(browser, root: Path, bare: tuple[str, int], paths: list[str], loads: int) -> dict:
    """The app in root, each page against the floor server `bare`: its first load after starting, then every page."""
    app_results: dict = {"tree": servers.tree_of(root), "pages": [], "errors": []}
    with servers.start_app(cwd=root) as app_url:
        log(f"app {app_results['tree']}: {app_url}")
        app = (app_url, servers.server_pid(app_url))
        # The entry page first: it fills the data caches and puts the server in st.navigation mode.
        load, counts, _ = await browser_timing.timed_load(browser, app_url + "/", None)
        app_results["first_load"] = {"path": ENTRY_PAGE, **asdict(load), **counts}
        for path in paths:
            log(f"page /{path} ...")
            try:
                entry = await measure_page(browser, app, bare, path, loads)
            except Exception as exc:
                entry = {"path": path, "error": f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"}
                app_results["errors"].append(f"/{path}: {entry['error']}")
            app_results["pages"].append(entry)
    return app_results


async def measure_sessions(browser, root: Path, app_results: dict, page: str | None, sessions: int) -> None:
    """Memory and concurrency, on fresh servers, into app_results: on `page`, or the measured page with most charts."""
    target = page or heaviest(app_results["pages"])
    single = next((p for p in app_results["pages"] if p["path"] == target and not p.get("error")), None)
    log(f"memory and {sessions} concurrent sessions on /{target} (fresh server) ...")
    try:
        charts, metrics = (single["charts"], single["metrics"]) if single else (0, 0)
        memory, concurrent = await measure_memory_and_concurrency(browser, root, target, charts, metrics, sessions)
        concurrent["single"] = single["page_charts"] if single else None
        concurrent["ratio"] = report.ratio(concurrent["charts"], concurrent["single"])
        concurrent["bare"]["single"] = single["bare_charts"] if single else None
        concurrent["bare"]["ratio"] = report.ratio(concurrent["bare"]["charts"], concurrent["bare"]["single"])
        app_results["memory"], app_results["concurrent"] = memory, concurrent
        for wave in (concurrent, concurrent["bare"]):
            app_results["errors"] += [f"concurrent load: {f}" for f in wave["failures"]]
    except (Exception, pytest.fail.Exception) as exc:  # the latter: a server that would not start (start_app)
        app_results["errors"].append(f"memory/concurrency: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")


async def main(args: argparse.Namespace) -> dict:
    started = time.monotonic()
    results: dict = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "loads": args.loads,
        "sessions": args.sessions,
        "apps": [],
        "errors": [],
        "load_average": {"start": [round(x, 2) for x in os.getloadavg()]},
    }
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=servers.CHROMIUM, headless=True, args=servers.CHROMIUM_ARGS)
        try:
            results["machine"] = report.machine(f"Chromium {browser.version}")
            for root in args.app_root:
                # One floor server a tree, started afresh as the app is; the same floor script and browser for every tree.
                try:
                    with servers.start_app(servers.BARE_APP, cwd=servers.REPO_ROOT) as bare_url:
                        log(f"bare floor {bare_url}")
                        bare = (bare_url, servers.server_pid(bare_url))
                        app_results = await measure_pages(browser, root, bare, args.pages, args.loads)
                except pytest.fail.Exception as exc:  # start_app reports a server that would not start this way
                    results["errors"].append(f"{root}: server did not start: {str(exc).splitlines()[0]}")
                    continue
                if args.sessions:
                    await measure_sessions(browser, root, app_results, args.concurrent_page, args.sessions)
                app_results["targets"] = report.targets(app_results)
                results["errors"] += [f"{root}: {e}" for e in app_results["errors"]]
                results["apps"].append(app_results)
        finally:
            await browser.close()
    results["load_average"]["end"] = [round(x, 2) for x in os.getloadavg()]
    results["duration_s"] = round(time.monotonic() - started, 1)
    return results


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=bounded(1, 50), default=5, help="cold loads (and filter reruns) a page, default 5")
    parser.add_argument(
        "--sessions", type=bounded(0, 50), default=20, help="concurrent sessions, default 20; 0 leaves out memory and concurrency"
    )
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out", help="folder for results.json/.md")
    parser.add_argument(
        "--app-root",
        nargs="+",
        type=servers.app_root,
        default=[servers.REPO_ROOT],
        help="the app's folder (its app.py and data/), default this repository; several: each in turn, same floor and browser",
    )
    parser.add_argument(
        "--pages",
        nargs="+",
        type=servers.page_path,
        default=list(servers.DEFAULT_PAGES),
        help="pages by URL path, default: %(default)s",
    )
    parser.add_argument(
        "--concurrent-page",
        type=servers.page_path,
        help="page for the memory and concurrency part (default: the one with the most charts)",
    )
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments = parse_args()
    outcome = asyncio.run(main(arguments))
    arguments.out.mkdir(parents=True, exist_ok=True)
    (arguments.out / "results.json").write_text(json.dumps(outcome, indent=2, ensure_ascii=False))
    (arguments.out / "results.md").write_text(report.markdown(outcome))
    print(report.text_table(outcome))
    print(f"\n{outcome['duration_s']:.0f} s; wrote {arguments.out / 'results.json'} and {arguments.out / 'results.md'}")
    sys.exit(1 if outcome["errors"] else 0)
