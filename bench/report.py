"""The benchmark's results as text: the machine, each app's per-page table and targets met or missed (and, for several
apps, their page loads side by side), in plain text and Markdown."""

from __future__ import annotations

import platform
import statistics
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy

# The issues' targets.
PAGE_RATIO_MAX = 1.15  # page time / bare page time (issue 22/24; 1.25 before)
RERUN_RATIO_MAX = 1.25  # filter rerun / bare page's rerun
RSS_PER_SESSION_MAX_MB = 5.0  # MB = 10^6 bytes
CONCURRENT_RATIO_MAX = 2.0  # median page time with N concurrent sessions / single session


def machine(browser_version: str) -> dict:
    def run(*cmd: str) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=10).stdout.strip()
        except OSError:
            return "?"

    def package(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    models = [line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")]
    mem_row = next((line.split() for line in run("free", "-h").splitlines() if line.startswith("Mem:")), [])
    # free -h's Mem row: total, used, free, shared, buff/cache, available
    memory = f"{mem_row[1]} total, {mem_row[6]} available" if len(mem_row) >= 7 else "?"
    os_release = Path("/etc/os-release").read_text() if Path("/etc/os-release").exists() else ""
    pretty = next((line.split("=", 1)[1].strip('"') for line in os_release.splitlines() if line.startswith("PRETTY_NAME=")), "?")
    return {
        "nproc": run("nproc"),
        "cpu_model": models[0] if models else platform.processor() or "?",
        "memory": memory,
        "os": f"{pretty}, kernel {platform.release()}",
        "python": sys.version.split()[0],
        "streamlit": package("streamlit"),
        "altair": package("altair"),
        "pandas": package("pandas"),
        "playwright": package("playwright"),
        "chromium": browser_version,
    }


def summary(values: list[float]) -> dict | None:
    return {"median": statistics.median(values), "worst": max(values), "n": len(values)} if values else None


def ratio(numerator: dict | None, denominator: dict | None) -> float | None:
    if not numerator or not denominator or denominator["median"] <= 0:
        return None
    return numerator["median"] / denominator["median"]


def ratio_range(page: list[float], floor: list[float], share: float = 0.9, rounds: int = 4000) -> list[float] | None:
    """Where the ratio of medians falls in `share` of the runs made by drawing each side's loads again with replacement
    (a bootstrap): how far the ratio could move with other loads of the same code on the same machine. One run's ratio
    with a range wider than the gap to a target says nothing about that target."""
    if min(len(page), len(floor)) < 3:
        return None
    draw = numpy.random.default_rng(0).choice
    ratios = numpy.median(draw(page, (rounds, len(page))), axis=1) / numpy.median(draw(floor, (rounds, len(floor))), axis=1)
    return [float(x) for x in numpy.quantile(ratios, [(1 - share) / 2, (1 + share) / 2])]


def targets(results: dict) -> list[dict]:
    """Each target with its measured value and whether it is met (None: could not be measured), for one app's results."""
    out = []
    pages = results["pages"]
    for suffix, floor in (("", "the bare page"), ("_like", "the bare page with the app's chart marks")):
        out += [_load_target(pages, suffix, floor), _rerun_target(pages, suffix, floor)]
    memory = results.get("memory") or {}
    per = memory.get("growth_per_session_mb")
    out.append(
        {
            "target": f"RSS growth under {RSS_PER_SESSION_MAX_MB:g} MB per extra session",
            "value": f"{per:.2f} MB/session" if per is not None else "n/a",
            "met": per < RSS_PER_SESSION_MAX_MB if per is not None else None,
        }
    )
    concurrent = results.get("concurrent") or {}
    protocol = concurrent.get("protocol") or {}
    factor = protocol.get("ratio")
    out.append(
        {
            "target": f"with {protocol.get('sessions', '?')} concurrent sessions the median page time within "
            f"{CONCURRENT_RATIO_MAX:g}x the single-session figure (a browser's load while the other sessions "
            f"load the same page, without browsers)",
            "value": (
                f"{factor:.2f}x ({concurrent.get('page')}; the bare floor: {_x((protocol.get('bare') or {}).get('ratio'))})"
                if factor is not None
                else "n/a"
            ),
            "met": factor <= CONCURRENT_RATIO_MAX if factor is not None else None,
        }
    )
    return out


def _load_target(pages: list[dict], suffix: str, floor: str) -> dict:
    page_ratios = {p["path"]: p.get(f"ratio_charts{suffix}") for p in pages}
    measured = [r for r in page_ratios.values() if r is not None]
    worst_page = max(page_ratios, key=lambda k: page_ratios[k] or 0) if measured else None
    return {
        "target": f"every page within {PAGE_RATIO_MAX}x {floor} (median time to charts drawn)",
        "value": f"worst {page_ratios[worst_page]:.2f}x ({worst_page}{_range_said(pages, worst_page, suffix)})"
        if worst_page
        else "n/a",
        "met": (all(r is not None and r <= PAGE_RATIO_MAX for r in page_ratios.values()) if measured else None),
    }


def _range_said(pages: list[dict], path: str, suffix: str) -> str:
    found = _span(next(p for p in pages if p["path"] == path), f"ratio_charts{suffix}")
    return f"; 90 % range {found}" if found else ""


def _rerun_target(pages: list[dict], suffix: str, floor: str) -> dict:
    rerun_ratios = {p["path"]: p["rerun"].get(f"ratio_charts{suffix}") for p in pages if p.get("rerun", {}).get("filters")}
    rerun_ratios = {k: v for k, v in rerun_ratios.items() if v is not None}
    worst_rerun = max(rerun_ratios, key=rerun_ratios.__getitem__) if rerun_ratios else None
    return {
        "target": f"a filter rerun under {RERUN_RATIO_MAX}x the rerun of {floor} (median, to charts redrawn)",
        "value": (
            f"worst {rerun_ratios[worst_rerun]:.2f}x ({worst_rerun}, filter "
            f"{next(p['rerun']['filter'] for p in pages if p['path'] == worst_rerun)})"
        )
        if worst_rerun
        else "n/a: no page has a filter yet",
        "met": all(r < RERUN_RATIO_MAX for r in rerun_ratios.values()) if rerun_ratios else None,
    }


def app_share(concurrent: dict) -> float | None:
    """How much more the app slows down under concurrent load than the bare floor does on the same machine."""
    app, bare = concurrent.get("ratio"), (concurrent.get("bare") or {}).get("ratio")
    return app / bare if app and bare else None


def _ms(s: dict | None, key: str = "median") -> str:
    return f"{s[key]:.0f}" if s else "–"


def _x(value: float | None) -> str:
    return f"{value:.2f}×" if value is not None else "–"


def _span(page: dict, key: str) -> str:
    """A page's bootstrap range of the ratio `key` (ratio_range), when the run kept it."""
    found = page.get(f"{key}_range")
    return f"{found[0]:.2f}–{found[1]:.2f}" if found else ""


def _x_range(page: dict, key: str) -> str:
    span = _span(page, key)
    return _x(page.get(key)) + (f" ({span})" if span else "")


def _verdict(met: bool | None) -> str:
    return {True: "met", False: "MISSED", None: "n/a"}[met]


def page_rows(app: dict) -> list[list[str]]:
    rows = []
    for p in app["pages"]:
        if p.get("error"):
            rows.append([p["path"]] + ["–"] * (len(PAGE_HEADER) - 2) + ["error: " + p["error"][:60]])
            continue
        rerun = p.get("rerun", {})
        if rerun.get("error"):
            rerun_text = "error"
        elif not rerun.get("filters"):
            rerun_text = "n/a"
        else:
            rerun_text = (
                f"{_ms(rerun['page'])} / {_ms(rerun['bare'])} = {_x(rerun['ratio_charts'])}; "
                f"/ {_ms(rerun.get('like'))} = {_x(rerun.get('ratio_charts_like'))} "
                f"({rerun['filter']}, slowest of {len(rerun['filters'])}; "
                f"CPU {_ms(rerun.get('page_cpu'))} / {_ms(rerun.get('bare_cpu'))} / {_ms(rerun.get('like_cpu'))})"
            )
        rows.append(
            [
                p["path"],
                f"{p['charts']}/{p['metrics']}",
                f"{_ms(p['page_script'])} ({_ms(p['page_script'], 'worst')})",
                f"{_ms(p['page_charts'])} ({_ms(p['page_charts'], 'worst')})",
                f"{_ms(p['bare_script'])} ({_ms(p['bare_script'], 'worst')})",
                f"{_ms(p['bare_charts'])} ({_ms(p['bare_charts'], 'worst')})",
                _x(p.get("ratio_script")),
                _x_range(p, "ratio_charts"),
                f"{_ms(p.get('like_charts'))} ({_ms(p.get('like_charts'), 'worst')})",
                _x_range(p, "ratio_charts_like"),
                f"{_ms(p.get('page_cpu'))} / {_ms(p.get('bare_cpu'))} / {_ms(p.get('like_cpu'))}",
                rerun_text,
                (f"{p['exceptions']} exception(s) on the page" if p.get("exceptions") else ""),
            ]
        )
    return rows


PAGE_HEADER = [
    "page",
    "charts/metrics",
    "script done ms (worst)",
    "charts drawn ms (worst)",
    "bare script ms (worst)",
    "bare charts ms (worst)",
    "ratio script",
    "ratio charts (90 % range)",
    "bare with app marks, charts ms (worst)",
    "ratio charts, app marks (90 % range)",
    "server CPU ms a load: page / bare / app marks",
    "filter rerun ms, median: page / bare = ratio; / bare with app marks = ratio",
    "note",
]


def app_markdown(app: dict) -> list[str]:
    """One app's tables: its pages, first load, memory, concurrency and targets."""
    memory, concurrent = app.get("memory") or {}, app.get("concurrent") or {}
    lines = [
        f"App: `{app['tree']}`.",
        "",
        "| " + " | ".join(PAGE_HEADER) + " |",
        "|" + "---|" * len(PAGE_HEADER),
        *("| " + " | ".join(row) + " |" for row in page_rows(app)),
        "",
    ]
    if app.get("first_load"):
        first = app["first_load"]
        lines += [
            f"First load after the server started (empty caches, `/{first['path']}`): script done "
            f"{first['script_ms']:.0f} ms, charts drawn {first['charts_ms']:.0f} ms.",
            "",
        ]
    if memory:
        lines += [
            "| server memory (VmRSS) | MB |",
            "|---|---|",
            f"| idle, before any session | {memory['idle_mb']:.1f} |",
            f"| 1 session open (`/{memory['page']}`) | {memory['one_session_mb']:.1f} |",
            f"| {memory['sessions_open']} sessions open (1 + {memory['extra_sessions']} concurrent) | {memory['all_sessions_mb']:.1f} |",
            f"| growth per extra session | {memory['growth_per_session_mb']:.2f} |",
            "",
        ]
    if concurrent:
        bare, n = concurrent["bare"], concurrent["sessions"]
        lines += [
            f"| `/{concurrent['page']}`, charts drawn | app median ms | app worst ms | bare median ms | bare worst ms |",
            "|---|---|---|---|---|",
            f"| single session | {_ms(concurrent['single'])} | {_ms(concurrent['single'], 'worst')} "
            f"| {_ms(bare['single'])} | {_ms(bare['single'], 'worst')} |",
            f"| {n} concurrent sessions | {_ms(concurrent['charts'])} | {_ms(concurrent['charts'], 'worst')} "
            f"| {_ms(bare['charts'])} | {_ms(bare['charts'], 'worst')} |",
            f"| concurrent / single (median) | {_x(concurrent['ratio'])} | | {_x(bare['ratio'])} | |",
            f"| server CPU seconds for the {n} loads | {concurrent['server_cpu_s']:.1f} | | {bare['server_cpu_s']:.1f} | |",
            "",
            f"The app's own share of the concurrent slow-down (app factor / bare factor): {_x(app_share(concurrent))}.",
            "",
        ]
    protocol = concurrent.get("protocol")
    if protocol:
        bare = protocol["bare"]
        lines += [
            f"| `/{concurrent['page']}`, one browser's load (charts drawn) | app median ms | app worst ms "
            f"| bare median ms | bare worst ms |",
            "|---|---|---|---|---|",
            f"| alone | {_ms(protocol['single'])} | {_ms(protocol['single'], 'worst')} | {_ms(bare['single'])} "
            f"| {_ms(bare['single'], 'worst')} |",
            f"| while {protocol['sessions']} other sessions load the page (no browser) | {_ms(protocol['charts'])} "
            f"| {_ms(protocol['charts'], 'worst')} | {_ms(bare['charts'])} | {_ms(bare['charts'], 'worst')} |",
            f"| loaded / alone (median) | {_x(protocol['ratio'])} | | {_x(bare['ratio'])} | |",
            f"| the other sessions' script time, request to finished | {_ms(protocol['others_ms'])} "
            f"| {_ms(protocol['others_ms'], 'worst')} | {_ms(bare['others_ms'])} | {_ms(bare['others_ms'], 'worst')} |",
            "",
        ]
    lines += [
        "| target | measured | verdict |",
        "|---|---|---|",
        *(f"| {t['target']} | {t['value']} | {_verdict(t['met'])} |" for t in app["targets"]),
        "",
    ]
    return lines


def comparison_markdown(apps: list[dict]) -> list[str]:
    """Several apps' page loads side by side: charts drawn, median ms, and the ratio to the plain floor with its 90 %
    bootstrap range."""
    paths = list(dict.fromkeys(p["path"] for app in apps for p in app["pages"]))
    by_path = [{p["path"]: p for p in app["pages"]} for app in apps]
    lines = [
        "| page | " + " | ".join(f"`{app['tree']}`: charts drawn ms, ratio to the plain floor" for app in apps) + " |",
        "|" + "---|" * (len(apps) + 1),
    ]
    for path in paths:
        cells = []
        for pages in by_path:
            p = pages.get(path)
            if p is None or p.get("error"):
                cells.append("–")
            else:
                cells.append(f"{_ms(p['page_charts'])} / {_ms(p['bare_charts'])} = {_x_range(p, 'ratio_charts')}")
        lines.append(f"| {path} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def markdown(results: dict) -> str:
    m, apps = results["machine"], results["apps"]
    lines = [
        f"Run {results['started']} · {results['loads']} cold loads a page (fresh browser context each), "
        f"medians with the worst in brackets; times from navigation start (or the filter click) in ms.",
        "",
    ]
    if len(apps) > 1:
        lines += comparison_markdown(apps)
    for app in apps:
        lines += app_markdown(app)
    load = results.get("load_average", {})
    lines += [
        "Machine: " + "; ".join(f"{k} {v}" for k, v in m.items()),
        "",
        f"Load average (1, 5, 15 min) at start {load.get('start')}, at end {load.get('end')}; "
        f"run took {results.get('duration_s', 0):.0f} s.",
        "",
    ]
    if results.get("errors"):
        lines += ["Errors:", *(f"- {e}" for e in results["errors"]), ""]
    return "\n".join(lines)


def text_table(results: dict) -> str:
    """Each app's per-page table and targets, for a terminal."""
    return "\n\n".join(app_text(app) for app in results["apps"]) or "no app measured: " + "; ".join(results["errors"])


def app_text(app: dict) -> str:
    rows = [PAGE_HEADER[:-1]] + [row[:-1] for row in page_rows(app)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = [app["tree"], *("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) for row in rows)]
    out.append("")
    if app.get("first_load"):
        first = app["first_load"]
        out.append(
            f"first load after server start (/, empty caches): script {first['script_ms']:.0f} ms, "
            f"charts {first['charts_ms']:.0f} ms"
        )
    memory, concurrent = app.get("memory") or {}, app.get("concurrent") or {}
    if memory:
        out.append(
            f"RSS: idle {memory['idle_mb']:.1f} MB, 1 session {memory['one_session_mb']:.1f} MB, "
            f"{memory['sessions_open']} sessions {memory['all_sessions_mb']:.1f} MB "
            f"-> {memory['growth_per_session_mb']:.2f} MB per extra session"
        )
    if concurrent:
        bare = concurrent["bare"]
        out.append(
            f"/{concurrent['page']}: single session {_ms(concurrent['single'])} ms, {concurrent['sessions']} "
            f"concurrent: median {_ms(concurrent['charts'])} ms ({_x(concurrent['ratio'])}), worst "
            f"{_ms(concurrent['charts'], 'worst')} ms, server CPU {concurrent['server_cpu_s']:.1f} s"
        )
        out.append(
            f"bare floor, same counts: single {_ms(bare['single'])} ms, {bare['sessions']} concurrent: median "
            f"{_ms(bare['charts'])} ms ({_x(bare['ratio'])}), server CPU {bare['server_cpu_s']:.1f} s"
        )
        out.append(f"the app's own share of the slow-down (app factor / bare factor): {_x(app_share(concurrent))}")
    out.append("")
    out += [f"[{_verdict(t['met']):>6}] {t['target']}: {t['value']}" for t in app["targets"]]
    return "\n".join(out)
