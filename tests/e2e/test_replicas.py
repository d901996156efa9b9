"""Two replicas of the app behind nginx, as deploy/compose.yaml runs them: deploy/nginx.conf itself, run by Debian's
nginx on loopback. Pages, filters and downloads work through the proxy and each browser stays on one replica; browsers
from one address spread over both; when a replica stops, the other serves new sessions, and the open tab once it
changes page. The frontend, which Streamlit sends uncompressed, leaves nginx gzip-compressed.

The replicas run as the image's do: from a copy of the files the Dockerfile copies, with its STREAMLIT_ and PYTHON
settings, on every interface. The tests check that no file of that copy changes, that the browser asks no host but
the proxy, and that the servers connect to or look up no host beyond loopback (a Python audit hook in each)."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from test_download_files import _download
from test_interactions import choose

from streamlit_wait import assert_no_console_errors, collect_console_errors, goto, screenshot, wait_for_app, wait_for_charts

REPO_ROOT = Path(__file__).parents[2]
AFFINITY_COOKIE = "heze_replica"  # deploy/nginx.conf's
FRESH_BROWSERS = 12  # tried until one lands on the other replica: all on one replica by chance is 1 in 2**12
OLD_ICON = re.compile(r"status of 404 .*/media/[0-9a-f]+\.png\)$")
STREAM = "GET /_stcore/stream "  # a session's websocket, as nginx logs its request
# The frontend's entry script in index.html; its name carries a hash of its content, so it is read from the page.
MAIN_SCRIPT = re.compile(r'<script type="module"[^>]*\ssrc="\./(static/js/index\.[\w-]+\.js)"')

# Loaded into each replica (and the handout worker it may spawn) through PYTHONPATH: every connection and name lookup
# to a host that is not loopback is written down.
AUDIT_HOOK = textwrap.dedent(
    '''
    """Notes every socket connection or name lookup to a host beyond loopback in the file $HEZE_NET_AUDIT."""
    import os
    import sys

    LOG = os.environ.get("HEZE_NET_AUDIT")
    LOOPBACK = ("127.", "::1", "localhost", "0.0.0.0")


    def hook(event, args):
        if event == "socket.connect":
            address = args[1]
        elif event == "socket.getaddrinfo":
            address = args[:2]
        else:
            return
        if not isinstance(address, tuple) or not address:
            return  # a Unix socket's path
        host = address[0].decode() if isinstance(address[0], bytes) else str(address[0] or "")
        if host and not host.startswith(LOOPBACK):
            with open(LOG, "a") as log:
                log.write(f"{event} {address!r}\\n")


    if LOG:
        sys.addaudithook(hook)
    '''
)


def dockerfile(instruction: str) -> list[list[str]]:
    """The arguments of each `instruction` line of the Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n", " ", (REPO_ROOT / "Dockerfile").read_text())
    return [line.split()[1:] for line in text.splitlines() if line.startswith(f"{instruction} ")]


IMAGE_FILES = [source.rstrip("/") for args in dockerfile("COPY") for source in args[:-1] if not source.startswith("--")]
IMAGE_ENV = {
    key: value
    for args in dockerfile("ENV")
    for key, value in (pair.split("=", 1) for pair in args)
    if key.startswith(("STREAMLIT_", "PYTHON"))
}


def image_health_check(replica: str) -> int:
    """The exit status of the Dockerfile's HEALTHCHECK command, run as the image runs it, for the replica's port."""
    (line,) = dockerfile("HEALTHCHECK")
    command = json.loads(" ".join(line[line.index("CMD") + 1 :]))
    port = replica.rsplit(":", 1)[1]
    env = {**os.environ, "STREAMLIT_SERVER_PORT": port, "HTTP_PROXY": "http://127.0.0.1:9"}
    return subprocess.run([sys.executable if command[0] == "python" else command[0], *command[1:]], env=env).returncode


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


def status(url: str, headers: dict[str, str] | None = None) -> int | str:
    """The HTTP status of a GET of url, or the error when nothing answers."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError as error:
        return type(error).__name__


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[dict[str, str], bytes]:
    """A GET's headers (lower-case names) and body as sent: urllib neither asks for nor undoes any compression."""
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as response:
        return {name.lower(): value for name, value in response.headers.items()}, response.read()


@dataclass
class Replicas:
    url: str  # nginx's
    replicas: list[str]  # each replica's own URL, in the order of nginx.conf's upstream servers
    access_log: Path
    app_copy: Path
    audit_log: Path
    stops: list[ExitStack]
    before: dict[str, str] = field(default_factory=dict)

    def address(self, replica: str) -> str:
        return urlsplit(replica).netloc

    def requests(self, key: str) -> list[tuple[str, str]]:
        """(request line, replica as host:port) of each request nginx logged under an affinity key, in order; where nginx
        first tried a replica that did not answer, the one that did. A websocket is logged once it has closed."""
        found = re.findall(rf'"([^"]*)" .* upstream=(.+?) affinity={re.escape(key)}$', self.access_log.read_text(), re.MULTILINE)
        return [(request, tried.split(", ")[-1]) for request, tried in found]

    def served(self, key: str) -> list[str]:
        return [replica for _, replica in self.requests(key)]

    def replica_of(self, context) -> str:
        """The one replica that has served this browser so far (its URL)."""
        served = set(self.served(affinity_key(context)))
        assert len(served) == 1, f"one browser's requests reached {served}"
        return next(r for r in self.replicas if self.address(r) in served)

    def stop(self, replica: str) -> None:
        """Stop one replica's server by its own process id (start_app's stop, as its context ends)."""
        self.stops[self.replicas.index(replica)].close()

    def assert_untouched(self) -> None:
        """No file of the app's copy changed or appeared, and no server reached or looked up a host beyond loopback."""
        assert digest(self.app_copy) == self.before, "the app's folder was written to at run time"
        outside = self.audit_log.read_text() if self.audit_log.exists() else ""
        assert not outside, f"a replica reached beyond loopback:\n{outside}"


def wait_until(condition, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {timeout} s")
        time.sleep(0.1)


def affinity_key(context) -> str:
    (value,) = [c["value"] for c in context.cookies() if c["name"] == AFFINITY_COOKIE]
    return value


# One pair of replicas for the module, on one worker, its tests in file order: the last one stops a replica.
pytestmark = pytest.mark.xdist_group("replicas")


@pytest.fixture(scope="module")
def replicas(start_app, start_nginx, tmp_path_factory):
    """Two replicas (the image's files and settings, each stoppable on its own) behind nginx."""
    tmp_path = tmp_path_factory.mktemp("replicas")
    app_copy = tmp_path / "app"
    for name in IMAGE_FILES:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, app_copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            app_copy.mkdir(exist_ok=True)
            shutil.copy2(source, app_copy / name)
    (tmp_path / "audit").mkdir()
    (tmp_path / "audit" / "sitecustomize.py").write_text(AUDIT_HOOK)
    audit_log = tmp_path / "outside.log"
    env = {**IMAGE_ENV, "PYTHONPATH": str(tmp_path / "audit"), "HEZE_NET_AUDIT": str(audit_log)}
    before = digest(app_copy)
    stops = [ExitStack(), ExitStack()]
    try:
        urls = [stop.enter_context(start_app(cwd=app_copy, env=env, address="0.0.0.0")) for stop in stops]
        with start_nginx(urls) as (url, access_log):
            yield Replicas(url, urls, access_log, app_copy, audit_log, stops, before)
    finally:
        for stop in stops:
            stop.close()


@pytest.fixture
def browsers(browser):
    """New browser contexts (each a browser of its own, with its own cookies), each with one page that records its
    console errors and the hosts it requests; all closed at the end."""
    opened = []

    def new():
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        page = context.new_page()
        collect_console_errors(page)
        page.hosts = set()
        page.on("request", lambda request: page.hosts.add(urlsplit(request.url).netloc or request.url.split(":")[0]))
        opened.append(context)
        return context, page

    yield new
    for context in opened:
        context.close()


def assert_only_the_proxy_asked(page, proxy: str) -> None:
    assert page.hosts <= {urlsplit(proxy).netloc, "data", "blob"}, f"the browser asked {page.hosts}"


def download_trade_csv(page) -> tuple[str, str]:
    """The trade flows' CSV as downloaded: (its path on the server, its text)."""
    csv_file = _download(page, "下载 CSV")
    assert csv_file.suggested_filename == "菏泽市开发区2020年_进出口.csv"
    data = csv_file.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, for Excel"
    return urlsplit(csv_file.url).path, data.decode("utf-8-sig")


def flows(csv_text: str) -> list[str]:
    """The first column (项目, the flow) of each data row."""
    return [line.split(",", 1)[0] for line in csv_text.splitlines()[1:] if line]


def test_pages_filters_and_downloads_stay_on_one_replica_and_browsers_spread(replicas, browsers):
    context, page = browsers()
    goto(page, replicas.url, "/")
    wait_for_charts(page)
    goto(page, replicas.url, "/investment")
    choose(page, "stage", "新开工", "new_start")  # a rerun over the session's websocket
    goto(page, replicas.url, "/trade")
    choose(page, "flow", "出口", "export")
    wait_for_charts(page)
    screenshot(page, "replicas-trade-through-nginx")
    media, text = download_trade_csv(page)
    assert text.splitlines()[0].startswith("项目,数值,时期"), "Chinese text intact"
    assert flows(text) == ["出口", "出口"], "the file is made by the session that holds the filter"
    home = replicas.replica_of(context)

    # The file lives in the memory of the replica that holds the session, and there only.
    assert {r: status(r + media) for r in replicas.replicas} == {r: 200 if r == home else 404 for r in replicas.replicas}

    # Other officials behind the same address: nginx's cookie, not the address, picks their replica.
    # Each new browser's first request gets its cookie (the address picks who answers that one) and its next goes where
    # the cookie sends it, as a page's own requests would; only the browser that lands elsewhere then loads the page.
    for _ in range(FRESH_BROWSERS):
        other_context, other = browsers()
        for path in ("/trade", "/_stcore/health"):
            assert other_context.request.get(replicas.url + path).ok
        if replicas.replica_of(other_context) != home:
            break
    else:
        pytest.fail(f"{FRESH_BROWSERS} browsers from one address all reached {home}")
    goto(other, replicas.url, "/trade")
    wait_for_charts(other)
    other_media, other_text = download_trade_csv(other)
    assert sorted(set(flows(other_text))) == ["出口", "进出口总值", "进口"], "that session's own, unfiltered file"
    assert status(home + other_media) == 404 and status(replicas.replica_of(other_context) + other_media) == 200

    for each in (page, other):
        wait_for_app(each)
        assert_no_console_errors(each)
        assert_only_the_proxy_asked(each, replicas.url)
    keys = [affinity_key(context), affinity_key(other_context)]
    for browser_context in (context, other_context):  # closed, so that nginx logs their websockets
        browser_context.close()
    wait_until(lambda: all(any(STREAM in r for r, _ in replicas.requests(k)) for k in keys), "the websockets logged")
    for key in keys:
        assert len(set(replicas.served(key))) == 1, f"the browser {key}'s websockets and files reached two replicas"
    replicas.assert_untouched()


def test_nginx_gzips_the_frontend_for_slow_links(replicas):
    # No browser: two requests through nginx and one to a replica tell all (a browser's would be the same bytes).
    gzip_please = {"Accept-Encoding": "gzip"}
    index_headers, index = fetch(replicas.url + "/", gzip_please)
    assert index_headers.get("content-encoding") == "gzip", "index.html compressed too"
    found = MAIN_SCRIPT.search(gzip.decompress(index).decode())
    assert found, "index.html names its main script"
    script = found.group(1)

    headers, body = fetch(f"{replicas.url}/{script}", gzip_please)
    _, original = fetch(f"{replicas.replicas[0]}/{script}")  # the replica's own bytes: Streamlit never compresses these
    assert headers.get("content-encoding") == "gzip"
    assert "accept-encoding" in headers.get("vary", "").lower(), "caches keep the compressed copy apart"
    assert gzip.decompress(body) == original
    assert len(body) < len(original) / 2, f"{len(body):,} bytes compressed of {len(original):,}"

    # A client that does not ask for gzip gets the script as it is.
    plain_headers, plain = fetch(f"{replicas.url}/{script}")
    assert "content-encoding" not in plain_headers and plain == original


def test_when_a_replica_stops_the_other_serves_new_sessions_and_the_open_tab(replicas, browsers):
    context, page = browsers()
    goto(page, replicas.url, "/investment")
    wait_for_charts(page)
    stopped = replicas.replica_of(context)
    (survivor,) = [r for r in replicas.replicas if r != stopped]
    key = affinity_key(context)

    replicas.stop(stopped)
    assert status(stopped + "/_stcore/health") == "URLError", "the stopped replica no longer answers"
    assert [image_health_check(r) for r in (survivor, stopped)] == [0, 1], "the image's HEALTHCHECK tells them apart"
    wait_until(lambda: any(STREAM in request for request, _ in replicas.requests(key)), "the closed websocket logged")
    logged = 1 + max(i for i, (request, _) in enumerate(replicas.requests(key)) if STREAM in request)

    # The open tab reconnects through nginx to the other replica, where it has a new session. That session has run
    # nothing yet, so the page's filters (fragments of the old session) do nothing until a whole run: a change of
    # page, as here, or a reload. Its first requests on reconnecting (health, host-config) come before its websocket.
    wait_until(lambda: replicas.address(survivor) in replicas.served(key)[logged:], "the tab reconnecting")
    wait_for_app(page)
    page.get_by_test_id("stSidebarNavLink").and_(page.locator('[href$="/trade"]')).click()
    page.wait_for_url("**/trade")
    wait_for_app(page)
    choose(page, "flow", "出口", "export")
    media, text = download_trade_csv(page)
    assert flows(text) == ["出口", "出口"]
    assert status(survivor + media) == 200

    # The same browser (its cookie still points at the stopped replica) opens a new session and filters.
    goto(page, replicas.url, "/investment")
    choose(page, "stage", "新开工", "new_start")
    wait_for_charts(page)
    assert set(replicas.served(key)[logged:]) == {replicas.address(survivor)}

    # A browser that comes now, and the health check through nginx, with and without a cookie.
    _, newcomer = browsers()
    goto(newcomer, replicas.url, "/")
    wait_for_charts(newcomer)
    cookie = {"Cookie": f"{AFFINITY_COOKIE}={key}"}
    assert status(replicas.url + "/_stcore/health") == status(replicas.url + "/_stcore/health", cookie) == 200

    # The page icon is a media file of the old session: the reconnected tab asks the other replica for it, once.
    page.console_errors[:] = [e for e in page.console_errors if not OLD_ICON.search(e)]
    for each in (page, newcomer):
        assert_no_console_errors(each)
        assert_only_the_proxy_asked(each, replicas.url)
    replicas.assert_untouched()
