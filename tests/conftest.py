"""Shared fixtures: strict translation lookups for the whole run, the real data folder, temporary copies of it to break,
the dataset read once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager

from components import i18n
from components.data.loader import read_dataset
from components.figures.facts import facts_view
from components.figures.formatting import units_from_table
from support import DATA


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


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A private copy of data/ that the app reads (HEZE_DATA_DIR), for tests that edit or break files."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    monkeypatch.setenv("HEZE_DATA_DIR", str(target))
    return target


@pytest.fixture(scope="session")
def data():
    """The shipped dataset, read once for the whole run."""
    return read_dataset(DATA)


@pytest.fixture(scope="session")
def view(data):
    return facts_view(data.table("facts"), data.table("periods"), data.table("units"), data.table("sources"))


@pytest.fixture(scope="session")
def units(data):
    return units_from_table(data.table("units"))
