"""Shared fixtures: the real data folder, temporary copies of it to break, and AppTest runs of a page."""
from __future__ import annotations

import shutil
from pathlib import Path

import json

import pandas as pd
import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from components.figures import facts_view
from components.formatting import units_from_table
from components.loader import read_dataset

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


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


def run_page(page: str | None = None, timeout: float = 30, **params) -> AppTest:
    """Run app.py with the given URL parameters, then switch to `page` (e.g. "pages/investment.py") and run it."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


PAGE_FILES = [
    "pages/overview.py", "pages/investment.py", "pages/trade.py", "pages/talent.py",
    "pages/poverty.py", "pages/epidemic.py", "pages/sources.py",
]


@pytest.fixture(scope="session")
def data():
    """The shipped dataset, read once for the whole run."""
    return read_dataset(DATA)


@pytest.fixture(scope="session")
def view(data):
    return facts_view(data.table("facts"), data.table("periods"), data.table("units"))


@pytest.fixture(scope="session")
def units(data):
    return units_from_table(data.table("units"))


def csv(name: str) -> pd.DataFrame:
    """A data file as the maintainer wrote it (all text), to compute expectations independently of the loader."""
    return pd.read_csv(DATA / f"{name}.csv", dtype=str, keep_default_na=False)


def charts(at) -> list[tuple[dict, pd.DataFrame]]:
    """Each chart on the page: its Vega-Lite spec and the rows behind it, in page order."""
    return [(json.loads(c.proto.spec), convert_arrow_bytes_to_pandas_df(c.proto.datasets[0].data.data))
            for c in at.get("vega_lite_chart")]


def param(at, key: str) -> list[str]:
    """A URL parameter's values (AppTest gives one value as a string, several as a list)."""
    value = at.query_params[key]
    return value if isinstance(value, list) else [value]
