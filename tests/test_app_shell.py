"""Every run goes through app.py's shell, even while Streamlit still takes the project for an old-style multipage app
(a pages/ folder, and no st.navigation call yet in this process): a fresh server's first visitors, however many arrive
at once, get the app's navigation, switches and page, never Streamlit's list of file names."""

from __future__ import annotations

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import script_runner

from support import run_page


@pytest.fixture
def fresh_server(monkeypatch):
    """Streamlit's state before app.py's first st.navigation in the process: the pages/ folder taken as old-style pages."""
    cleared = PagesManager.__init__  # conftest's: clears the flag after construction

    def init(self, *args, **kwargs):
        cleared(self, *args, **kwargs)
        PagesManager.uses_pages_directory = True

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def racing_session(fresh_server, monkeypatch):
    """Another session's first run clears the flag while this one's old-style run has already begun."""
    legacy = script_runner._mpa_v1

    def raced(main_script_path):
        PagesManager.uses_pages_directory = False
        legacy(main_script_path)

    monkeypatch.setattr(script_runner, "_mpa_v1", raced)


def assert_app_shell(at):
    assert not at.exception, [e.value for e in at.exception]
    assert at.button_group(key="lang_switch"), "the app's language switch: the run went through app.py"


@pytest.mark.parametrize("setup", ["fresh_server", "racing_session"])
def test_a_first_visitors_deep_link_gets_the_app_shell_and_its_page(request, setup):
    request.getfixturevalue(setup)
    at = run_page("pages/investment.py", lang="en")
    assert_app_shell(at)
    assert [t.value for t in at.title] == ["Investment projects"]
