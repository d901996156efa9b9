"""Every fault of the data folder is a typed error, never a traceback: through the loader, the validation command and
every page. Files that cannot be read, vanish, are half-written, are folders or pipes or links out of the folder;
paths, schemas and dialects that are URLs, absolute or lead out with `..`; tables too large to read. And nothing outside
the folder is ever read, nor the network reached: a descriptor naming an outside file or a URL served by this test is
refused without one request arriving."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from components import validate
from components.data import folder
from components.data.loader import DESCRIPTOR, read_dataset
from components.markdown import plain
from components.topics.sources import build as sources
from support import PAGE_FILES, run_page, seen

SOURCES_PAGE = "pages/sources.py"
INVESTMENT = "pages/investment.py"
# Pages whose figures come from facts.csv (and so from units, periods and sources too): all but the sources page.
FACT_PAGES = frozenset(p for p in PAGE_FILES if p != SOURCES_PAGE)
TEXT = "source/heze-devzone-2020-report.txt"
MARKER = "MARKER-outside-the-data-folder-5d1c"  # in every file outside the folder: it must never be shown


def replace_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_resource(data: Path, name: str, **changes) -> None:
    """Change properties of one resource of datapackage.json."""
    descriptor = json.loads((data / DESCRIPTOR).read_text(encoding="utf-8"))
    next(r for r in descriptor["resources"] if r["name"] == name).update(changes)
    (data / DESCRIPTOR).write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def outside_file(data: Path, name: str = "outside.csv") -> Path:
    """A file beside the data folder, holding the marker."""
    path = data.parent / name
    path.write_text(f"{MARKER}\n{MARKER},{MARKER}\n", encoding="utf-8")
    return path


def on_open(monkeypatch, name: str, action: Callable[[str], None]) -> None:
    """Run `action(path)` whenever the loader opens the data file `name` (then open it as usual): how a test makes a
    file unreadable as root, or vanish between the folder's listing and the read."""
    real_open = os.open

    def patched(path, *args, **kwargs):
        if str(path).endswith(os.sep + name):
            action(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(folder.os, "open", patched)


def deny(path: str) -> None:
    raise PermissionError(13, "Permission denied", path)


def cut_inside_row(path: Path, row: int, *, in_quote: bool = False) -> None:
    """Truncate a CSV inside its spreadsheet `row` (header = 1): a file saved half-way."""
    raw = path.read_bytes()
    starts = [0] + [i + 1 for i, byte in enumerate(raw) if byte == ord("\n")]
    start = starts[row - 1]
    cut = raw.index(b'"', start) + 10 if in_quote else raw.index(b",", start) + 3
    assert cut < starts[row] - 1
    path.write_bytes(raw[:cut])


@dataclass(frozen=True)
class Fault:
    id: str
    make: Callable[[Path, pytest.MonkeyPatch], None]  # breaks the data folder (and may patch the reader)
    file: str  # the file whose problem it is
    code: str | None  # None: a half-written file may be several problems, all of its cut row
    row: int | None = None
    column: str | None = None
    pages: frozenset[str] = FACT_PAGES  # the pages that need what is broken; the others must not show the error box


FAULTS = [
    Fault("unreadable", lambda d, mp: on_open(mp, "facts.csv", deny), "facts.csv", "unreadable"),
    Fault("vanished", lambda d, mp: on_open(mp, "facts.csv", os.unlink), "facts.csv", "missing_file"),
    Fault("half-written", lambda d, mp: cut_inside_row(d / "facts.csv", 10), "facts.csv", None, row=10),
    Fault(
        "half-written-in-a-quote",
        lambda d, mp: cut_inside_row(d / "facts.csv", 10, in_quote=True),
        "facts.csv",
        None,
        row=10,
    ),
    Fault("directory", lambda d, mp: ((d / "facts.csv").unlink(), (d / "facts.csv").mkdir()), "facts.csv", "not_a_file"),
    Fault("fifo", lambda d, mp: ((d / "facts.csv").unlink(), os.mkfifo(d / "facts.csv")), "facts.csv", "not_a_file"),
    Fault(
        "symlink-out",
        lambda d, mp: ((d / "facts.csv").unlink(), (d / "facts.csv").symlink_to(outside_file(d))),
        "facts.csv",
        "outside_folder",
    ),
    Fault(
        "10-MB-cell",
        lambda d, mp: replace_text(d / "facts.csv", "组织动员1034名", "组织动员1034名" + "x" * 10 * 2**20),
        "facts.csv",
        "cell_too_large",
        row=5,
        column="source_quote",
    ),
    Fault(
        "control-character",
        lambda d, mp: replace_text(d / "facts.csv", "组织动员1034名", "组织动员\x0b1034名"),
        "facts.csv",
        "control_character",
        row=5,
        column="source_quote",
    ),
    Fault(
        "200000-rows",
        lambda d, mp: (d / "units.csv").write_text(
            (d / "units.csv").read_text(encoding="utf-8") + "".join(f"u{i},money_cny,元,1,u\n" for i in range(200_000)),
            encoding="utf-8",
        ),
        "units.csv",
        "too_many_rows",
        row=20_002,
    ),
    Fault(
        "huge-file",
        lambda d, mp: os.truncate(d / "units.csv", folder.MAX_FILE_BYTES + 1),  # sparse: nothing written or read
        "units.csv",
        "too_large",
    ),
    # In datapackage.json; the projects table only, so every page but the investment page goes on as before
    *(
        Fault(
            f"path-{label}",
            lambda d, mp, p=path: set_resource(d, "projects", path=p),
            DESCRIPTOR,
            "unsafe_path",
            pages=frozenset({INVESTMENT}),
        )
        for label, path in (
            ("url", "http://127.0.0.1:9/projects.csv"),
            ("absolute", "/etc/passwd"),
            ("dotdot", "../../../../etc/passwd"),
        )
    ),
    *(
        Fault(
            f"{key}-{label}",
            lambda d, mp, k=key, v=value: set_resource(d, "projects", **{k: v}),
            DESCRIPTOR,
            "not_inline",
            pages=frozenset({INVESTMENT}),
        )
        for key, label, value in (
            ("schema", "url", "http://127.0.0.1:9/schema.json"),
            ("dialect", "url", "http://127.0.0.1:9/dialect.json"),
            ("schema", "non-json-file", "facts.csv"),
        )
    ),
    # In sources.csv: the report's text file
    *(
        Fault(
            f"text-{label}",
            lambda d, mp, p=path: replace_text(d / "sources.csv", TEXT, p),
            "sources.csv",
            "unsafe_path",
            row=2,
            column="path",
        )
        for label, path in (("absolute", "/etc/passwd"), ("dotdot", "../../../../etc/passwd"), ("url", "http://127.0.0.1:9/t"))
    ),
    Fault(
        "text-symlink-out",
        lambda d, mp: ((d / TEXT).unlink(), (d / TEXT).symlink_to(outside_file(d, "outside.txt"))),
        "sources.csv",
        "outside_folder",
        row=2,
        column="path",
    ),
]


def own_problems(dataset, fault: Fault):
    return [e for e in dataset.problems.get(fault.file, ()) if e.code != "depends_on"]


def assert_is_the_fault(errors, fault: Fault) -> None:
    assert errors, f"{fault.file} has no problem"
    for error in errors:
        assert (fault.code or error.code, fault.row, fault.column or error.column) == (error.code, error.row, error.column), error
    if fault.code:
        assert len(errors) == 1, [e.message("en") for e in errors]


def read_in_time(data: Path):
    """read_dataset, in a thread that must finish: a pipe or a slow URL would otherwise hang the test, as it would a page."""
    done = []
    reader = threading.Thread(target=lambda: done.append(read_dataset(data)), daemon=True)
    reader.start()
    reader.join(60)
    assert done, "the loader did not return"
    return done[0]


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.id)
def test_the_loader_gives_the_faults_typed_error(data_copy, monkeypatch, fault):
    fault.make(data_copy, monkeypatch)
    dataset = read_in_time(data_copy)
    errors = own_problems(dataset, fault)
    assert_is_the_fault(errors, fault)
    for lang in ("zh", "en"):  # strict texts (conftest): a code without a message in either language raises here
        for error in errors:
            message = error.message(lang)
            assert fault.file in message and str(data_copy) not in message and MARKER not in message
    others = [e for found in dataset.problems.values() for e in found if e not in errors]
    assert all(e.code == "depends_on" for e in others), "the rest is only what depends on the broken file"


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.id)
def test_the_validation_command_prints_the_faults_typed_error(data_copy, monkeypatch, capsys, fault):
    fault.make(data_copy, monkeypatch)
    errors = own_problems(read_in_time(data_copy), fault)
    for lang in ("zh", "en"):
        assert validate.main([str(data_copy), "--lang", lang]) == 1
        checking, *lines = capsys.readouterr().out.splitlines()  # the first line names the folder it was given
        out = "\n".join(lines)
        assert all(f"✗ {e.message(lang)}" in lines for e in errors), out
        assert str(data_copy) not in out and MARKER not in out


def page_text(at) -> str:
    """Everything a page put on screen, as the text of its elements' messages."""
    found, todo = [], [at._tree]
    while todo:
        node = todo.pop()
        found.append(str(getattr(node, "proto", "")))
        todo += list(getattr(node, "children", {}).values())
    return "\n".join(found)


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.id)
def test_every_page_shows_the_error_box_where_it_needs_the_broken_file_and_works_elsewhere(data_copy, monkeypatch, fault):
    fault.make(data_copy, monkeypatch)
    errors = own_problems(read_in_time(data_copy), fault)
    boxes = {}
    for page in PAGE_FILES:
        at = run_page(page)
        assert not at.exception, [e.value for e in at.exception]
        boxes[page] = [e.value for e in at.error]
        text = page_text(at)
        assert str(data_copy) not in text and MARKER not in text, page
    assert {page for page, shown in boxes.items() if shown} == fault.pages
    for page in fault.pages:  # the typed error itself, not only "depends on …"
        assert any(plain(e.message("zh")) in box for e in errors for box in boxes[page]), boxes[page]
    english = run_page(min(fault.pages), lang="en")
    assert not english.exception
    assert any(plain(e.message("en")) in box.value for e in errors for box in english.error)

    # the sources page is where a maintainer looks: it warns, names the file and, in its validation tab, the problem
    at = run_page(SOURCES_PAGE)
    assert fault.file in " ".join(seen(w.value) for w in at.warning)
    at.session_state[sources.TABS_KEY] = at.tabs[2].label
    warnings = " ".join(w.value for w in at.run().warning)
    assert not at.exception and all(plain(e.message("zh")) in warnings for e in errors)


# --- nothing outside the folder, never the network -------------------------------------------------------------------


@pytest.fixture
def web_server():
    """An HTTP server on 127.0.0.1 that answers anything (with a valid schema, even) and counts what it is asked."""
    asked: list[str] = []

    class Answer(BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            body = json.dumps({"fields": [{"name": MARKER, "type": "string"}]}).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", asked
    server.shutdown()


def test_nothing_outside_the_folder_is_read_and_no_request_is_made(data_copy, web_server, capsys):
    url, asked = web_server
    outside = outside_file(data_copy)
    descriptor = json.loads((data_copy / DESCRIPTOR).read_text(encoding="utf-8"))
    by_name = {r["name"]: r for r in descriptor["resources"]}
    by_name["units"]["path"] = f"{url}/units.csv"
    by_name["items"]["path"] = str(outside)
    by_name["non_metric_numbers"]["path"] = f"../{outside.name}"
    by_name["periods"]["schema"] = f"{url}/periods.schema.json"
    by_name["projects"]["dialect"] = f"{url}/projects.dialect.json"
    # and every key by which frictionless would fetch a profile
    descriptor["profile"] = descriptor["$schema"] = f"{url}/package-profile.json"
    by_name["sources"]["profile"] = by_name["sources"]["$schema"] = f"{url}/resource-profile.json"
    by_name["facts"]["schema"]["$schema"] = by_name["facts"]["schema"]["profile"] = f"{url}/schema-profile.json"
    by_name["facts"]["dialect"] = {"$schema": f"{url}/dialect-profile.json", "delimiter": ","}
    (data_copy / DESCRIPTOR).write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    replace_text(data_copy / "sources.csv", TEXT, f"{url}/report.txt")

    dataset = read_in_time(data_copy)
    refused = {(e.code, e.value) for e in dataset.problems[DESCRIPTOR]}
    assert refused == {
        ("unsafe_path", f"{url}/units.csv"),
        ("unsafe_path", str(outside)),
        ("unsafe_path", f"../{outside.name}"),
        ("not_inline", "periods"),
        ("not_inline", "projects"),
    }
    assert [(e.code, e.value) for e in dataset.problems["sources.csv"]] == [("unsafe_path", f"{url}/report.txt")]
    assert validate.main([str(data_copy), "--lang", "en"]) == 1
    printed = capsys.readouterr().out
    shown = [page_text(run_page(page)) for page in PAGE_FILES]
    assert asked == [], "the server was asked for something"
    for text in [
        printed,
        *shown,
        *(e.message(lang) for errors in dataset.problems.values() for e in errors for lang in ("zh", "en")),
    ]:
        assert MARKER not in text


def test_a_url_that_never_answers_keeps_no_page_waiting(data_copy):
    """A server that accepts and never answers: the descriptor naming it costs no time at all."""
    import socket
    import time

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    try:
        set_resource(data_copy, "units", path=f"http://127.0.0.1:{silent.getsockname()[1]}/units.csv")
        start = time.monotonic()
        at = run_page("pages/overview.py")
        assert not at.exception and at.error
        assert time.monotonic() - start < 8
    finally:
        silent.close()
