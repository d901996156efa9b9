"""Pytest fixtures for browser tests: a Streamlit server, a locked-down headless Chromium, and pages."""

from __future__ import annotations

import os
import re
import shutil
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
from support import FIRST_REPORT, LATER_REPORTS, folder

HERE = Path(__file__).parent
REPO_ROOT = Path(__file__).parents[2]
CHROMIUM = "/usr/bin/chromium"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # Debian's package puts it in /usr/sbin, often not on PATH
NGINX_CONFIG = REPO_ROOT / "deploy" / "nginx.conf"

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
    # Every test here drives the browser (`bash tests/run.sh --fast` leaves them out). Skip only where Chromium is
    # absent; under CI a missing browser must fail, not skip.
    here = [item for item in items if item.path.is_relative_to(HERE)]
    for item in here:
        item.add_marker(pytest.mark.browser)
    if Path(CHROMIUM).exists() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not installed (apt-get install chromium)")
    for item in here:
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
    script: str | Path = "app.py",
    cwd: str | Path = REPO_ROOT,
    env: dict[str, str | None] | None = None,
    timeout: float = 60,
    address: str = "127.0.0.1",
):
    """Run `streamlit run <script>` on a free port and yield its base URL (on 127.0.0.1); always stopped on exit.

    `env` entries override the inherited environment (so HEZE_DATA_DIR passes through
    unless overridden); a value of None removes the variable. `address` is the one the server
    listens on ("0.0.0.0": every interface, as the image's server does).
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
        address,
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
            _wait_healthy(url, proc, "streamlit", output, timeout)
            yield url
        finally:
            _stop(proc)


def _wait_healthy(url: str, proc: subprocess.Popen, what: str, output, timeout: float) -> None:
    """Poll url's /_stcore/health until it answers "ok"; fail with the process's output if it exits or never does."""
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            pytest.fail(f"{what} exited early with code {proc.returncode}:\n{output()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"{what} not healthy after {timeout} s:\n{output()}")
        time.sleep(0.2)


def render_nginx_config(config: str, listen_port: int, upstream_ports: list[int]) -> str:
    """deploy/nginx.conf with its listen address and its upstream servers (one line a replica, in order) on loopback;
    every other line as compose runs it. Fails when the file no longer has the lines this replaces."""
    config, listens = re.subn(r"(?m)^(\s*)listen\s+8080;", rf"\g<1>listen 127.0.0.1:{listen_port};", config)
    servers = re.findall(r"(?m)^\s*server\s+\S+:8501\b[^;]*;", config)
    if listens != 1 or len(servers) != len(upstream_ports):
        raise ValueError(f"{NGINX_CONFIG}: expected one 'listen 8080;' and {len(upstream_ports)} 'server …:8501' lines")
    for line, port in zip(servers, upstream_ports):
        config = config.replace(line, re.sub(r"server\s+\S+:8501", f"server 127.0.0.1:{port}", line), 1)
    return config


@contextmanager
def start_nginx(upstream_urls: list[str], timeout: float = 20):
    """Debian's nginx with deploy/nginx.conf in front of the given replicas (http://127.0.0.1:port each), listening on a
    free loopback port; yields (base URL, path of its access log). Its pid, temp files and logs are in a temporary
    prefix; run as nobody when the tests run as root, as compose runs it unprivileged. Always stopped on exit."""
    port = _free_port()
    ports = [int(url.rsplit(":", 1)[1]) for url in upstream_urls]
    user = "nobody" if os.geteuid() == 0 else None
    with tempfile.TemporaryDirectory(prefix="heze-nginx-") as prefix:
        conf = Path(prefix) / "nginx.conf"
        conf.write_text(render_nginx_config(NGINX_CONFIG.read_text(), port, ports))
        access_log, error_log = Path(prefix) / "access.log", Path(prefix) / "error.log"
        # The config logs to /dev/stdout and stderr, which nginx reopens by path: the files must be the user's own.
        for path in (access_log, error_log):
            path.touch()
        if user:
            for path in (Path(prefix), access_log, error_log):
                shutil.chown(path, user)
        url = f"http://127.0.0.1:{port}"
        cmd = [NGINX, "-p", f"{prefix}/", "-e", "stderr", "-c", str(conf), "-g", "daemon off;"]
        with access_log.open("ab") as out, error_log.open("ab") as err:
            proc = subprocess.Popen(cmd, stdout=out, stderr=err, user=user, start_new_session=True)
        try:
            _wait_healthy(url, proc, "nginx", lambda: error_log.read_text(errors="replace"), timeout)
            yield url, access_log
        finally:
            _stop(proc)


@pytest.fixture(scope="session", name="start_app")
def start_app_fixture():
    """The start_app context manager, for tests needing their own server (other env or script)."""
    return start_app


@pytest.fixture(scope="session", name="start_nginx")
def start_nginx_fixture():
    """The start_nginx context manager: deploy/nginx.conf in front of replicas a test starts with start_app. Skips
    where nginx is not installed, except under CI, where tests/run.sh installs it and its absence must fail."""
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{NGINX} not installed: tests/run.sh installs Debian's nginx")
        pytest.skip(f"{NGINX} not installed (apt-get install nginx)")
    return start_nginx


@pytest.fixture(scope="session")
def app_server():
    """Base URL of the real app (REPO_ROOT/app.py) reading the pinned first report (never data/, which a maintainer may
    have added to), without the upkeep page; one server per xdist worker, shared by the modules that only read."""
    with start_app(env={"HEZE_DATA_DIR": str(FIRST_REPORT), "HEZE_UPKEEP": None}) as url:
        yield url


@pytest.fixture(scope="session")
def later_data(tmp_path_factory) -> Path:
    """A data folder of the first report with the made-up second and half-year reports added (the economy page)."""
    return folder(tmp_path_factory.mktemp("later") / "data", *LATER_REPORTS)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (a Playwright Browser) for the session.

    Playwright's launch() already gives Chromium a fresh temporary --user-data-dir and deletes
    it on close; each kind of screen gets its own incognito-like BrowserContext (see `tabs`).
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


@pytest.fixture(scope="session")
def tabs(browser):
    """Browser tabs kept open between a worker's tests, one per kind of screen. A cold load in a new context fetches
    and compiles Streamlit's 3 MB of script again (about 3 s here); a tab that has loaded the app before reuses both
    (about 1.5 s), as a reader's browser does. Each test still gets a new Streamlit session: the tab is taken to
    about:blank, its storage cleared, between tests (`screen`)."""
    kept: dict[tuple, object] = {}
    yield kept
    for page in kept.values():
        page.context.close()


def _hand_back(tabs: dict, key: tuple, page, size: dict) -> None:
    """Leave a kept tab as a new one would be: other tabs closed, storage cleared, its session ended, its first size
    and media."""
    try:
        for other in page.context.pages:
            if other is not page:
                other.close()
        if page.url.startswith("http"):
            page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        page.goto("about:blank")
        page.set_viewport_size(size)
        page.emulate_media(media="null", color_scheme="null", reduced_motion="null")  # a test's print or dark mode
        page.console_errors.clear()
    except Exception:  # a tab a test left broken is not handed to the next one
        tabs.pop(key, None)
        page.context.close()


@pytest.fixture
def screen(browser, tabs):
    """Opens pages: screen(width, height, fresh=False, **context options) -> a page whose console and page errors
    accumulate in page.console_errors. A page is a kept tab of that screen (`tabs`), or, with fresh=True (a first
    visit: nothing cached, as a layout-shift measure needs), a new context closed after the test."""
    borrowed, contexts = [], []

    def open_page(width: int = 1440, height: int = 900, fresh: bool = False, **options):
        size = {"width": width, "height": height}
        key = (width, height, tuple(sorted(options.items())))
        if fresh or any(key == k for k, _, _ in borrowed):  # a second page of one screen in one test: its own context
            context = browser.new_context(viewport=size, **options)
            contexts.append(context)
            page = context.new_page()
            collect_console_errors(page)
            return page
        if key not in tabs:
            tabs[key] = browser.new_context(viewport=size, **options).new_page()
            collect_console_errors(tabs[key])
        borrowed.append((key, tabs[key], size))
        return tabs[key]

    yield open_page
    for key, page, size in borrowed:
        _hand_back(tabs, key, page, size)
    for context in contexts:
        context.close()


@pytest.fixture
def page(screen):
    """A page at 1440x900 (a kept tab, see `screen`); console/page errors accumulate in page.console_errors."""
    return screen()
