"""Shared fixtures: strict translation lookups for the whole run, the pinned first report (and with the made-up later
reports added), read once, and private data folders that the app reads, for tests that edit or break files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from components import i18n
from support import FIRST_REPORT, LATER_REPORTS, dataset, folder


@pytest.fixture(scope="session", autouse=True)
def _strict_text():
    """Every lookup in the run, by builders and by AppTest's page runs (same process), raises on a missing key instead
    of showing the key; the environment variable carries it to the app servers the browser tests start."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(i18n, "STRICT", True)
        patch.setenv("HEZE_STRICT_TEXT", "1")
        yield


@pytest.fixture(autouse=True)
def _entrypoint_runs_every_page(monkeypatch):
    """AppTest resets PagesManager.uses_pages_directory before each run, and with a pages/ folder present it then runs a
    switched-to page on its own, skipping app.py (the real server runs app.py, which calls st.navigation and clears the
    flag). Clearing it after construction makes AppTest run pages the way the server does: through app.py."""
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture(autouse=True, scope="session")
def _components_scanned_once():
    """A new AppTest scans every installed package for Streamlit components (some 0.3 s of CPU, half a page run); the
    app declares its one component in code, so one scan serves every run of the session."""
    manager = BidiComponentManager()
    manager.discover_and_register_components(start_file_watching=False)
    init = AppTest.__init__

    def scanned(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self._bidi_component_manager = manager

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(AppTest, "__init__", scanned)
        yield


@pytest.fixture(autouse=True)
def _app_reads_the_pinned_report(monkeypatch):
    """Page runs read the pinned first report, never data/ (which a maintainer may have added to)."""
    monkeypatch.setenv("HEZE_DATA_DIR", str(FIRST_REPORT))


@pytest.fixture(scope="session")
def first(tmp_path_factory):
    """The first report's dataset (pinned), read once."""
    return dataset(FIRST_REPORT)


@pytest.fixture(scope="session")
def later(tmp_path_factory):
    """The first report with the made-up second report and half-year report added, read once."""
    return dataset(folder(tmp_path_factory.mktemp("later") / "data", *LATER_REPORTS))


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A private copy of the pinned first report that the app reads (HEZE_DATA_DIR), for tests that edit or break it."""
    target = tmp_path / "data"
    shutil.copytree(FIRST_REPORT, target)
    monkeypatch.setenv("HEZE_DATA_DIR", str(target))
    return target


@pytest.fixture(scope="module")
def datasets(first, later):
    """The first report's dataset and the one with the later reports, by the names of support.FOLDERS."""
    return {"first": first, "later": later}
