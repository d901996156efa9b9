"""python bench/lighthouse.py [--app-root DIR] [--runs 3] [--pages …] [--out DIR]: Lighthouse on every page of the app
and on a bare Streamlit page with 6 metrics and 2 Altair charts (bare_app.py), in Debian's Chromium, desktop preset.

Per page, the median of --runs runs: the performance score, Total Blocking Time, Cumulative Layout Shift (also in
presentation mode, ?present=1, run as often), the DOM's element count and the bytes transferred; whether the audits
heading-order, color-contrast, document-title and html-has-lang pass, and every accessibility or best-practices audit
that fails. Then one run a page through deploy/nginx.conf (Debian's nginx, the tests' start_nginx) for what gzip saves.
Lighthouse is the npm package, pinned (LIGHTHOUSE) and installed with npm on first use into bench/out/node/
(git-ignored). Each run starts a new Chromium with an empty profile and cache, so every load is a cold first visit.
Writes lighthouse.md (the table for RESULTS.md), lighthouse.json (every run's figures) and reports/ (every full report).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import protocol_sessions
import servers  # first: puts tests/e2e on sys.path

LIGHTHOUSE = "12.8.2"  # the last release that runs on Node 20 (13.x needs Node 22.19 or later)
NODE_DIR = Path(__file__).parent / "out" / "node"  # bench/out/ is git-ignored
FLOOR_QUERY = "charts=2&metrics=6"
CATEGORIES = "performance,accessibility,best-practices"
CHECKED = ("heading-order", "color-contrast", "document-title", "html-has-lang")
JUDGED = {"binary", "numeric", "metricSavings"}  # audits with a pass mark; the rest are informative, manual or n/a
MEASURES = ("score", "tbt_ms", "cls", "lcp_ms", "dom", "bytes")
RUN_TIMEOUT_S = 240


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def lighthouse_bin() -> Path:
    """The pinned Lighthouse, installed with npm the first time (the registry is needed once)."""
    package = NODE_DIR / "node_modules" / "lighthouse" / "package.json"
    if not package.exists() or json.loads(package.read_text())["version"] != LIGHTHOUSE:
        NODE_DIR.mkdir(parents=True, exist_ok=True)
        log(f"npm install lighthouse@{LIGHTHOUSE} into {NODE_DIR} ...")
        npm = ["npm", "install", "--prefix", str(NODE_DIR), "--no-audit", "--no-fund", "--loglevel=error"]
        subprocess.run([*npm, f"lighthouse@{LIGHTHOUSE}"], check=True)
    return NODE_DIR / "node_modules" / ".bin" / "lighthouse"


def chrome_flags() -> str:
    """The e2e tests' Chromium arguments as one --chrome-flags value, a value with spaces quoted (offline but loopback)."""
    return " ".join(f'{arg.split("=", 1)[0]}="{arg.split("=", 1)[1]}"' if " " in arg else arg for arg in servers.CHROMIUM_ARGS)


def verdict(audit: dict) -> str:
    if audit["scoreDisplayMode"] not in JUDGED or audit["score"] is None:
        return "n/a"
    return "pass" if audit["score"] >= 1 else "fail"


def figures(report: dict) -> dict:
    """What the table shows of one Lighthouse report (lhr)."""
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse: {report['runtimeError'].get('message', report['runtimeError'])}")
    audits = report["audits"]
    score = report["categories"]["performance"]["score"]
    judged = [ref["id"] for cat in ("accessibility", "best-practices") for ref in report["categories"][cat]["auditRefs"]]
    return {
        "score": None if score is None else round(score * 100),
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "dom": audits["dom-size"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "checked": {audit: verdict(audits[audit]) for audit in CHECKED},
        "failing": sorted({audit for audit in judged if verdict(audits[audit]) == "fail"}),
    }


def lighthouse(binary: Path, url: str, report_path: Path) -> dict:
    """One Lighthouse run of url; its full report is written to report_path."""
    command = [
        str(binary),
        url,
        "--preset=desktop",
        f"--only-categories={CATEGORIES}",
        "--output=json",
        f"--output-path={report_path}",
        "--quiet",
        f"--chrome-flags={chrome_flags()}",
    ]
    env = {**os.environ, "CHROME_PATH": servers.CHROMIUM}
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    if run.returncode:
        raise RuntimeError(f"lighthouse exited {run.returncode}: {run.stderr.strip()[-500:]}")
    return figures(json.loads(report_path.read_text()))


def summary(runs: list[dict]) -> dict | None:
    """Medians of the runs; an audit's verdict where every run agrees, else how many failed; failures by run count."""
    if not runs:
        return None
    medians = {key: [r[key] for r in runs if r[key] is not None] for key in MEASURES}
    out: dict = {key: statistics.median(values) if values else None for key, values in medians.items()}
    verdicts = {audit: [r["checked"][audit] for r in runs] for audit in CHECKED}
    out["checked"] = {a: v[0] if len(set(v)) == 1 else f"fail {v.count('fail')}/{len(v)}" for a, v in verdicts.items()}
    counts = Counter(audit for r in runs for audit in r["failing"])
    out["failing"] = [a if n == len(runs) else f"{a} ({n}/{len(runs)})" for a, n in sorted(counts.items())]
    out["runs"] = len(runs)
    return out


async def warm_up(app_url: str, bare_url: str, pages: list[str]) -> None:
    """Each page run once (without a browser) so the timed runs find the caches filled, as a visitor after the first does.
    The entry page first: on a fresh server a deep link would skip app.py."""
    for path, query in [("", ""), *((p, "") for p in pages), *((p, "present=1") for p in pages)]:
        try:
            await protocol_sessions.run_page(app_url, path, query)
        except Exception as exc:  # the default page has no name of its own (""), a broken page still gets its runs
            log(f"warm-up /{path}?{query} not run: {exc}")
    await protocol_sessions.run_page(bare_url, "", FLOOR_QUERY)


def measure(binary: Path, root: Path, pages: list[str], runs: int, nginx: bool, reports: Path) -> dict:
    """Every page (and its presentation mode) and the floor, `runs` rounds; then each page once through nginx."""
    out: dict = {"measured": {}, "nginx": {}, "errors": []}

    def one(name: str, url: str, report_path: Path) -> dict | None:
        log(f"{name}: {url}")
        try:
            return lighthouse(binary, url, report_path)
        except (RuntimeError, subprocess.TimeoutExpired, KeyError, json.JSONDecodeError) as exc:
            out["errors"].append(f"{name}: {type(exc).__name__}: {exc}")
            return None

    with servers.start_app(cwd=root) as app_url, servers.start_app(servers.BARE_APP, cwd=servers.REPO_ROOT) as bare_url:
        asyncio.run(warm_up(app_url, bare_url, pages))
        urls = {p: f"{app_url}/{p}" for p in pages} | {f"{p} present": f"{app_url}/{p}?present=1" for p in pages}
        urls["floor"] = f"{bare_url}/{servers.FLOOR_PATH}?{FLOOR_QUERY}"
        for number in range(runs):  # round by round, so that drift on the machine hits every page alike
            for name, url in urls.items():
                figures_of_run = one(name, url, reports / f"{name.replace(' ', '-')}-{number + 1}.json")
                out["measured"].setdefault(name, []).append(figures_of_run)
        if nginx:
            # Both upstream lines to the one app server: this measures bytes on the wire, not the affinity.
            with servers.start_nginx([app_url, app_url]) as (proxy, _):
                for p in pages:
                    out["nginx"][p] = one(f"{p} via nginx", f"{proxy}/{p}", reports / f"{p}-nginx.json")
    out["summary"] = {name: summary([r for r in done if r]) for name, done in out["measured"].items()}
    return out


def _kb(value: float | None) -> str:
    return f"{value / 1000:,.0f}" if value is not None else "–"


def table(results: dict, pages: list[str]) -> str:
    """The Markdown table: a row a page, then the floor; medians of the runs."""
    summaries, via = results["summary"], results["nginx"]
    header = [
        "page",
        "performance",
        "TBT ms",
        "CLS",
        "CLS, `?present=1`",
        "DOM elements",
        "transfer kB",
        "through nginx (gzip) kB",
        *CHECKED,
        "failing accessibility / best-practices audits",
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name in [*pages, "floor"]:
        s, present = summaries.get(name), summaries.get(f"{name} present")
        if not s:
            lines.append(f"| {name} | " + " | ".join(["–"] * (len(header) - 2)) + " | no successful run |")
            continue
        failing = list(s["failing"])
        if present:
            failing += [f"present: {a}" for a in present["failing"] if a not in s["failing"]]
        nginx = via.get(name)
        label = f"bare floor ({FLOOR_QUERY.replace('&', ', ')})" if name == "floor" else name
        cells = [
            label,
            f"{s['score']:.0f}",
            f"{s['tbt_ms']:.0f}",
            f"{s['cls']:.3f}",
            f"{present['cls']:.3f}" if present else "–",
            f"{s['dom']:.0f}",
            _kb(s["bytes"]),
            f"{_kb(nginx['bytes'])} ({nginx['bytes'] / s['bytes']:.0%})" if nginx else "–",
            *(s["checked"][a] for a in CHECKED),
            ", ".join(f"`{a}`" for a in failing) or "none",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def markdown(results: dict, pages: list[str]) -> str:
    load = results["load_average"]
    lines = [
        f"Lighthouse {results['lighthouse']} (desktop preset, its simulated throttling), {results['chromium']}, "
        f"{results['started']}: `{results['tree']}`; median of {results['runs']} runs a page, each a cold first visit in "
        f"a new browser; transfer through nginx from one run (in brackets: of the direct transfer).",
        "",
        table(results, pages),
        "",
        f"Load average (1, 5, 15 min) at start {load['start']}, at end {load['end']}; run took {results['duration_s']:.0f} s.",
        "",
    ]
    if results["errors"]:
        lines += ["Errors:", *(f"- {e}" for e in results["errors"]), ""]
    return "\n".join(lines)


def chromium_version() -> str:
    run = subprocess.run([servers.CHROMIUM, "--version"], capture_output=True, text=True)
    return run.stdout.strip() or "Chromium ?"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--app-root", type=servers.app_root, default=servers.REPO_ROOT, help="the app's folder")
    parser.add_argument("--runs", type=int, default=3, choices=range(1, 11), metavar="1..10", help="runs a page, default 3")
    parser.add_argument(
        "--pages", nargs="+", type=servers.page_path, default=list(servers.DEFAULT_PAGES), help="default: %(default)s"
    )
    parser.add_argument("--nginx", action=argparse.BooleanOptionalAction, default=True, help="one run a page through nginx")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "lighthouse", help="folder for the results")
    return parser.parse_args(argv)


def main(args: argparse.Namespace) -> dict:
    started = time.monotonic()
    binary = lighthouse_bin()
    reports = args.out / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    results: dict = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "lighthouse": LIGHTHOUSE,
        "chromium": chromium_version(),
        "tree": servers.tree_of(args.app_root),
        "runs": args.runs,
        "load_average": {"start": [round(x, 2) for x in os.getloadavg()]},
    }
    results |= measure(binary, args.app_root, args.pages, args.runs, args.nginx, reports)
    results["load_average"]["end"] = [round(x, 2) for x in os.getloadavg()]
    results["duration_s"] = round(time.monotonic() - started, 1)
    return results


if __name__ == "__main__":
    arguments = parse_args()
    outcome = main(arguments)
    (arguments.out / "lighthouse.json").write_text(json.dumps(outcome, indent=2, ensure_ascii=False))
    text = markdown(outcome, arguments.pages)
    (arguments.out / "lighthouse.md").write_text(text)
    print(text)
    sys.exit(1 if outcome["errors"] else 0)
