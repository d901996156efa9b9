"""python bench/replicas.py [--sessions 50] [--loads 300]: the two-replica set-up under load (issue 15, point 6), about
7 minutes on 2 cores. Two replicas of the app behind deploy/nginx.conf (Debian's nginx, the tests' start_nginx), as
tests/e2e/test_replicas.py runs them; sessions are browsers without a browser (protocol_sessions), each first asking
nginx for a page to get its affinity cookie, as a browser does.

- Concurrency: `--sessions` sessions at once, each running a page (the pages in turn, with a filter in the URL) and
  running it again (a full rerun, heavier than a filter's), three rounds, while one Chromium loads /poverty through
  nginx. Target: zero errors (a page missing, an exception shown, a run that does not finish, a refused connection).
- Memory: on fresh replicas, `--loads` page loads one after another, each a new session closed once its page has run;
  both replicas' RSS sampled every 25 loads, then again once Streamlit has dropped the closed sessions: it keeps each
  for server.disconnectedSessionTTL (set to its default, 120 s, here) in case the browser reconnects, at most 128 a
  replica, and removes expired ones when it next stores one. Then the same again. Targets: RSS back within 20 MB of
  its level after the warm-up, on each replica, and the second batch adding at most 3 MB to what the first left (the
  memory of expired sessions used again, not grown on; Python keeps freed memory for reuse rather than giving it back).

Prints Markdown to paste into bench/RESULTS.md and writes out/replicas.json."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import sys
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import browser_timing
import protocol_sessions
import report
import servers  # first: puts tests/e2e on sys.path
from playwright.async_api import async_playwright

# Each session's page and the filter in its URL, in turn ("" is the overview, the entry page).
PAGES = [
    ("", ""),
    ("investment", "stage=new_start"),
    ("trade", "flow=export"),
    ("talent", "kind=platforms"),
    ("poverty", "theme=education"),
    ("epidemic", "lang=en"),
    ("sources", ""),
]
ROUNDS = 3
PROBE_PAGE = "poverty"  # the page with the most charts
SESSION_TTL_S = 120  # server.disconnectedSessionTTL: Streamlit's default, set explicitly on the replicas
SAMPLE_EVERY = 25
RETURN_MARGIN_MB = 20.0
BATCHES = 2
STEADY_MARGIN_MB = 3.0  # what the second batch may add to what the first left
SETTLE_S = 2


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def replicas_behind_nginx():
    """Two fresh replicas and nginx: (nginx URL, replica URLs, replica pids, nginx's access log)."""
    env = {"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": str(SESSION_TTL_S)}
    with ExitStack() as stack:
        urls = [stack.enter_context(servers.start_app(env=env)) for _ in range(2)]
        proxy, access_log = stack.enter_context(servers.start_nginx(urls))
        yield proxy, urls, [servers.server_pid(url) for url in urls], access_log


def affinity_cookie(proxy: str) -> str:
    """What a browser's first request to nginx gets: the Cookie header its later requests carry."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(proxy + "/", timeout=60) as response:
        cookie = response.headers["Set-Cookie"]
    return cookie.split(";", 1)[0]


async def session(proxy: str, number: int, runs: int) -> tuple[str, list[float]]:
    """Session `number`: its affinity cookie, then its page run `runs` times; (cookie value, run times in ms)."""
    path, query = PAGES[number % len(PAGES)]
    cookie = await asyncio.to_thread(affinity_cookie, proxy)
    return cookie.split("=", 1)[1], await protocol_sessions.run_session(proxy, path, [query] * runs, cookie)


async def warm(urls: list[str]) -> None:
    """Each replica runs the entry page, then every page, directly: its caches filled, st.navigation set up."""
    for url in urls:
        for path, query in PAGES:
            await protocol_sessions.run_session(url, path, [query])


def served_by(access_log: Path, keys: set[str]) -> dict[str, set[str]]:
    """The replicas (host:port) that answered each affinity key's requests, from nginx's log."""
    served: dict[str, set[str]] = {}
    for upstream, key in re.findall(r" upstream=(.+?) affinity=(\S+)$", access_log.read_text(), re.MULTILINE):
        if key in keys:
            served.setdefault(key, set()).add(upstream.split(", ")[-1])
    return served


async def concurrency(browser, sessions: int) -> dict:
    with replicas_behind_nginx() as (proxy, urls, pids, access_log):
        await warm(urls)
        rounds = []
        for _ in range(ROUNDS):
            cpu = [servers.cpu_seconds(pid) for pid in pids]
            started = time.perf_counter()
            crowd = [asyncio.create_task(session(proxy, n, 2)) for n in range(sessions)]
            probe = (await browser_timing.timed_load(browser, f"{proxy}/{PROBE_PAGE}", None))[0]
            outcomes = await asyncio.gather(*crowd, return_exceptions=True)
            wall = time.perf_counter() - started
            done = [o for o in outcomes if not isinstance(o, BaseException)]
            await asyncio.sleep(SETTLE_S)  # the closed websockets logged
            served = served_by(access_log, {key for key, _ in done})
            rounds.append(
                {
                    "sessions": sessions,
                    "errors": [f"{type(o).__name__}: {o}" for o in outcomes if isinstance(o, BaseException)],
                    "wall_s": round(wall, 1),
                    "first_run": report.summary([times[0] for _, times in done]),
                    "rerun": report.summary([times[1] for _, times in done]),
                    "probe_charts_ms": probe.charts_ms,
                    "per_replica": {
                        urlsplit(url).netloc: sum(1 for s in served.values() if s == {urlsplit(url).netloc}) for url in urls
                    },
                    "on_two_replicas": sum(1 for s in served.values() if len(s) > 1),
                    "server_cpu_s": [round(servers.cpu_seconds(pid) - before, 1) for pid, before in zip(pids, cpu)],
                }
            )
            log(f"  round: {rounds[-1]['errors'] or 'no errors'}, {wall:.1f} s, by replica {rounds[-1]['per_replica']}")
    return {"rounds": rounds}


def rss_mb(pids: list[int]) -> list[float]:
    return [round(servers.rss_bytes(pid) / 1e6, 1) for pid in pids]


async def expire_sessions(urls: list[str]) -> None:
    """Wait out the closed sessions' time to live, then store one more session on each replica (run and closed), which
    removes the expired ones."""
    log(f"  waiting {SESSION_TTL_S + 10} s for the closed sessions to expire")
    await asyncio.sleep(SESSION_TTL_S + 10)
    for url in urls:
        await protocol_sessions.run_session(url, "", [""])
    await asyncio.sleep(SETTLE_S)


async def memory(loads: int) -> dict:
    """RSS after the warm-up, during `loads` sequential loads and once their sessions have expired; twice, so that the
    second batch shows whether the memory the first one took is used again or grows on."""
    with replicas_behind_nginx() as (proxy, urls, pids, _):
        await warm(urls)
        await asyncio.sleep(SETTLE_S)
        level = rss_mb(pids)
        batches: list[dict] = []
        errors: list[str] = []
        times: list[float] = []
        for batch in range(BATCHES):
            samples: list[dict] = [{"loads": 0, "rss_mb": rss_mb(pids)}]
            for number in range(loads):
                try:
                    times.append((await session(proxy, number, 1))[1][0])
                except Exception as exc:
                    errors.append(f"batch {batch + 1}, load {number}: {type(exc).__name__}: {exc}")
                if (number + 1) % SAMPLE_EVERY == 0:
                    samples.append({"loads": number + 1, "rss_mb": rss_mb(pids)})
            log(f"  batch {batch + 1}: {loads} loads done")
            await expire_sessions(urls)
            batches.append({"samples": samples, "expired_mb": rss_mb(pids)})
    after = batches[-1]["expired_mb"]
    growth = [round(b - a, 1) for a, b in zip(batches[0]["expired_mb"], after)]
    return {
        "loads": loads,
        "batches": batches,
        "errors": errors,
        "load_ms": report.summary(times),
        "level_mb": level,
        "after_mb": after,
        "second_batch_growth_mb": growth,
        "returned": all(a <= lv + RETURN_MARGIN_MB for a, lv in zip(after, level)),
        "steady": all(g <= STEADY_MARGIN_MB for g in growth),
    }


def markdown(results: dict) -> str:
    c, m = results["concurrency"], results["memory"]
    lines = [
        f"Run {results['started']} · two replicas behind deploy/nginx.conf (Debian's nginx), `python bench/replicas.py "
        f"--sessions {results['sessions']} --loads {results['loads']}`; load average at start {results['load_average']['start']}, "
        f"at end {results['load_average']['end']}; {results['duration_s']:.0f} s.",
        "",
        f"| {results['sessions']} sessions at once, each a page and its rerun | round 1 | round 2 | round 3 |",
        "|---|---|---|---|",
    ]
    rows = [
        ("errors", lambda r: str(len(r["errors"]))),
        ("sessions on each replica", lambda r: " / ".join(str(v) for v in r["per_replica"].values())),
        ("sessions that reached both replicas", lambda r: str(r["on_two_replicas"])),
        ("all sessions done, s", lambda r: f"{r['wall_s']:.1f}"),
        ("a page's run, median (worst), ms", lambda r: f"{r['first_run']['median']:.0f} ({r['first_run']['worst']:.0f})"),
        ("its rerun, median (worst), ms", lambda r: f"{r['rerun']['median']:.0f} ({r['rerun']['worst']:.0f})"),
        (f"one browser's load of /{PROBE_PAGE} meanwhile, charts drawn, ms", lambda r: f"{r['probe_charts_ms']:.0f}"),
        ("server CPU, s (each replica)", lambda r: " / ".join(f"{v:.1f}" for v in r["server_cpu_s"])),
    ]
    for name, cell in rows:
        lines.append(f"| {name} | " + " | ".join(cell(r) for r in c["rounds"]) + " |")
    lines += [
        "",
        f"| {m['loads']} loads one after another, twice; RSS MB (replica 1 / 2) | first batch | second batch |",
        "|---|---|---|",
        f"| after the warm-up (its level) | {m['level_mb'][0]} / {m['level_mb'][1]} | |",
    ]
    first, second = m["batches"]
    for a, b in zip(first["samples"], second["samples"]):
        lines.append(f"| after {a['loads']} loads | {a['rss_mb'][0]} / {a['rss_mb'][1]} | {b['rss_mb'][0]} / {b['rss_mb'][1]} |")
    lines += [
        f"| the batch's sessions expired ({SESSION_TTL_S + 10} s later, one more session a replica) | "
        f"{first['expired_mb'][0]} / {first['expired_mb'][1]} | {second['expired_mb'][0]} / {second['expired_mb'][1]} |",
        "",
        f"Errors during the loads: {len(m['errors'])}; a load (cookie, websocket, page run), median "
        f"{m['load_ms']['median']:.0f} ms, worst {m['load_ms']['worst']:.0f} ms.",
        "",
        "| target | measured | verdict |",
        "|---|---|---|",
    ]
    errors = sum(len(r["errors"]) for r in c["rounds"])
    lines.append(
        f"| {results['sessions']} concurrent sessions through the affinity set-up with zero errors | "
        f"{errors} errors in {ROUNDS} rounds | {'met' if errors == 0 else 'MISSED'} |"
    )
    lines.append(
        f"| memory back to its level after sessions close (within {RETURN_MARGIN_MB:.0f} MB of it after the warm-up) | "
        f"{m['after_mb'][0] - m['level_mb'][0]:+.1f} / {m['after_mb'][1] - m['level_mb'][1]:+.1f} MB | "
        f"{'met' if m['returned'] and not m['errors'] else 'MISSED'} |"
    )
    lines.append(
        f"| no unbounded growth: {m['loads']} more loads add at most {STEADY_MARGIN_MB:.0f} MB to what the first "
        f"{m['loads']} left | {m['second_batch_growth_mb'][0]:+.1f} / {m['second_batch_growth_mb'][1]:+.1f} MB | "
        f"{'met' if m['steady'] else 'MISSED'} |"
    )
    machine = results["machine"]
    lines += ["", "Machine: " + "; ".join(f"{k} {v}" for k, v in machine.items())]
    return "\n".join(lines) + "\n"


async def main(args: argparse.Namespace) -> dict:
    started = time.monotonic()
    results: dict = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "sessions": args.sessions,
        "loads": args.loads,
        "load_average": {"start": [round(x, 2) for x in os.getloadavg()]},
    }
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=servers.CHROMIUM, headless=True, args=servers.CHROMIUM_ARGS)
        try:
            results["machine"] = report.machine(f"Chromium {browser.version}")
            log(f"{args.sessions} concurrent sessions, {ROUNDS} rounds ...")
            results["concurrency"] = await concurrency(browser, args.sessions)
        finally:
            await browser.close()
    log(f"{args.loads} sequential loads on fresh replicas ...")
    results["memory"] = await memory(args.loads)
    results["load_average"]["end"] = [round(x, 2) for x in os.getloadavg()]
    results["duration_s"] = round(time.monotonic() - started, 1)
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50, help="concurrent sessions, default 50")
    parser.add_argument("--loads", type=int, default=300, help="sequential page loads for the memory part, default 300")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out", help="folder for replicas.json")
    arguments = parser.parse_args()
    outcome = asyncio.run(main(arguments))
    arguments.out.mkdir(parents=True, exist_ok=True)
    (arguments.out / "replicas.json").write_text(json.dumps(outcome, indent=2, ensure_ascii=False))
    print(markdown(outcome))
    memory_missed = not (outcome["memory"]["returned"] and outcome["memory"]["steady"])
    failed = any(r["errors"] for r in outcome["concurrency"]["rounds"]) or memory_missed
    sys.exit(1 if failed or outcome["memory"]["errors"] else 0)
