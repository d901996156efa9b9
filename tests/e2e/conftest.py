"""Pytest fixtures for browser tests: a Streamlit server, a locked-down headless Chromium, and pages."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from streamlit_wait import collect_console_errors

HERE = Path(__file__).parent
REPO_ROOT = Path(__file__).parents[2]
CHROMIUM = "/usr/bin/chromium"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # tests run as root in containers
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Every host name fails to resolve except loopback, so the app cannot silently depend
    # on the internet. IP literals also pass through the mapper, hence EXCLUDE 127.0.0.1.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
]


def pytest_collection_modifyitems(config, items):
    # Skip only where Chromium is absent; under CI a missing browser must fail, not skip.
    if Path(CHROMIUM).exists() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not installed (apt-get install chromium)")
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(skip)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen) -> None:
    """Stop the server's process group (streamlit may spawn children): TERM, then KILL after 10 s."""
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


@contextmanager
def start_app(
    script: str | Path = "app.py", cwd: str | Path = REPO_ROOT, env: dict[str, str | None] | None = None, timeout: float = 60
):
    """Run `streamlit run <script>` on a free port and yield its base URL; always stopped on exit.

    `env` entries override the inherited environment (so HEZE_DATA_DIR passes through
    unless overridden); a value of None removes the variable.
    """
    port = _free_port()
    full_env = dict(os.environ)
    for key, value in (env or {}).items():
        if value is None:
            full_env.pop(key, None)
        else:
            full_env[key] = value
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        # Others edit the sources while tests run; a watcher would pop a "source changed" widget.
        "--server.fileWatcherType",
        "none",
    ]
    url = f"http://127.0.0.1:{port}"
    # A file rather than a pipe: nobody reads the pipe while tests run, and a full pipe blocks the server.
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, cwd=cwd, env=full_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

        def output() -> str:
            log.seek(0)
            return log.read().decode(errors="replace")

        try:
            deadline = time.monotonic() + timeout
            while True:
                if proc.poll() is not None:
                    pytest.fail(f"streamlit exited early with code {proc.returncode}:\n{output()}")
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                        if resp.read().decode().strip() == "ok":
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"streamlit not healthy after {timeout} s:\n{output()}")
                time.sleep(0.2)
            yield url
        finally:
            _stop(proc)


@pytest.fixture(scope="session", name="start_app")
def start_app_fixture():
    """The start_app context manager, for tests needing their own server (other env or script)."""
    return start_app


@pytest.fixture(scope="session")
def app_server():
    """Base URL of the real app (REPO_ROOT/app.py), shared by the whole session."""
    with start_app() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (a Playwright Browser) for the session.

    Playwright's launch() already gives Chromium a fresh temporary --user-data-dir and deletes
    it on close, and each test gets its own incognito-like BrowserContext (see `page`), so no
    state leaks between tests; launch_persistent_context would allow only one context.
    """
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        pw.stop()


@pytest.fixture
def page(browser):
    """A fresh context + page at 1440x900; console/page errors accumulate in page.console_errors."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    collect_console_errors(page)
    yield page
    context.close()
