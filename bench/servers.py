"""The benchmark's Streamlit servers: the app's folder and pages, started with the e2e tests' start_app, found by pid,
and their memory (RSS) read."""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import subprocess
import sys
import types
from pathlib import Path
from urllib.parse import urlparse

REPO_ROOT = Path(__file__).resolve().parents[1]
E2E_DIR = REPO_ROOT / "tests" / "e2e"
BARE_APP = Path(__file__).resolve().parent / "bare_app.py"
FLOOR_PATH = "floor"  # bare_app.py's page, served at /floor like the app's pages at theirs
# The app's pages by URL path, in navigation order. Given here (or by --pages), not read from the app's registry: the
# trees to compare list their pages differently (components.topics.registry.TOPICS before, topics(dataset) now).
DEFAULT_PAGES = ("overview", "investment", "trade", "talent", "poverty", "epidemic", "sources")

# The e2e conftest imports its sibling streamlit_wait. The repository root is not put on the path: the benchmark imports
# nothing of the app, so that it measures any tree (run.py --app-root) with the same code.
if str(E2E_DIR) not in sys.path:
    sys.path.insert(0, str(E2E_DIR))


def _load_e2e_conftest():
    # Loaded under its own name: "conftest" is pytest's, and this script is not a test run.
    spec = importlib.util.spec_from_file_location("e2e_conftest", E2E_DIR / "conftest.py")
    if spec is None or spec.loader is None:  # a .py file always has a spec and loader; this says so to the type checker
        raise ImportError(f"cannot load {E2E_DIR / 'conftest.py'}")
    module = importlib.util.module_from_spec(spec)
    # The conftest imports the tests' support module for fixtures the benchmark does not use; that module imports the
    # app (seconds, and this tree's app, whichever --app-root is measured). A stand-in answers its names with None.
    stand_in = types.ModuleType("support")
    vars(stand_in)["__getattr__"] = lambda name: None
    sys.modules.setdefault("support", stand_in)
    try:
        spec.loader.exec_module(module)
    finally:
        if sys.modules.get("support") is stand_in:
            del sys.modules["support"]
    return module


_e2e = _load_e2e_conftest()
start_app = _e2e.start_app  # a context manager: yields the base URL, stops the server's process group on exit
start_nginx = _e2e.start_nginx  # deploy/nginx.conf in front of given replicas: yields (base URL, access log)
CHROMIUM = _e2e.CHROMIUM
CHROMIUM_ARGS = _e2e.CHROMIUM_ARGS


def page_path(text: str) -> str:
    """An argparse type: a page's URL path, one segment (as the app's pages are served)."""
    if not re.fullmatch(r"[A-Za-z0-9_-]+", text):
        raise argparse.ArgumentTypeError("a page's URL path, such as investment")
    return text


def app_root(text: str) -> Path:
    """An argparse type: a folder holding an app.py (a tree of the app, checked out anywhere)."""
    root = Path(text).resolve()
    if not (root / "app.py").is_file():
        raise argparse.ArgumentTypeError(f"no app.py in {root}")
    return root


def tree_of(root: Path) -> str:
    """The app's folder and commit, "+ changes" when tracked files differ from it (git calls that write nothing)."""

    def git(*args: str) -> str:
        try:
            run = subprocess.run(["git", "--no-optional-locks", "-C", str(root), *args], capture_output=True, text=True)
        except OSError:
            return ""
        return run.stdout.strip() if run.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "no commit"
    changed = git("status", "--porcelain", "--untracked-files=no")
    return f"{root} at {commit}{' + changes' if changed else ''}"


def server_pid(base_url: str) -> int:
    """The pid of the `streamlit run` this process started for base_url (a child of ours, matched by its port)."""
    port = str(urlparse(base_url).port)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except (OSError, IndexError, ValueError):
            continue
        if ppid == os.getpid() and b"streamlit" in b" ".join(argv) and port.encode() in argv:
            return int(entry.name)
    raise RuntimeError(f"no streamlit child of pid {os.getpid()} listening on port {port}")


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for task in Path(f"/proc/{pid}/task").iterdir() for c in (task / "children").read_text().split()]
    except OSError:
        return []


def rss_bytes(pid: int) -> int:
    """VmRSS of the server and any processes it spawned, in bytes."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024  # the kernel reports kB (KiB)
        except OSError:
            continue
        todo += _children(current)
    return total


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the server has used so far, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime: fields 14 and 15 of stat
