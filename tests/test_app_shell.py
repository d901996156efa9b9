"""The app shell (app.py): navigation and document title from the data, rotation, the upkeep switch, kept switches."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import streamlit as st
from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Title

import support
from components.i18n import t
from components.topics import sources
from support import FIRST_REPORT, LATER_REPORTS, ROOT, csv, param, run_page, seen

# one worker reads the later reports for the module (tests/run.sh distributes by group)
pytestmark = [pytest.mark.page, pytest.mark.xdist_group("later")]


@pytest.fixture(scope="module")
def later_folder(tmp_path_factory):
    """The first report with the later ones, one folder for the worker (the app's caches keep it between modules)."""
    target = tmp_path_factory.getbasetemp() / "later-reports" / "data"
    return target if target.exists() else support.folder(target, *LATER_REPORTS)


@pytest.fixture
def later_reports(later_folder, monkeypatch):
    monkeypatch.setenv("HEZE_DATA_DIR", str(later_folder))
    return later_folder


@pytest.fixture
def shell(monkeypatch):
    """What app.py gave st.navigation (sections of pages, position) and st.set_page_config (the document title)."""
    recorded: dict = {"navigation": [], "page_title": []}
    navigation, page_config = st.navigation, st.set_page_config

    def record_navigation(pages, **kwargs):
        recorded["navigation"].append((pages, kwargs.get("position")))
        return navigation(pages, **kwargs)

    def record_page_config(**kwargs):
        if kwargs.get("page_title"):
            recorded["page_title"].append(kwargs["page_title"])
        return page_config(**kwargs)

    monkeypatch.setattr(st, "navigation", record_navigation)
    monkeypatch.setattr(st, "set_page_config", record_page_config)
    monkeypatch.delenv("HEZE_UPKEEP", raising=False)
    return recorded


def sections(recorded) -> dict[str, list[tuple[str, str]]]:
    """The last run's navigation: section -> [(page title, url path)]."""
    pages, _ = recorded["navigation"][-1]
    return {section: [(p.title, p.url_path) for p in found] for section, found in pages.items()}


def title(at) -> str:
    """The page's h1 as a reader sees it."""
    return seen(next(node.value for node in at.main if isinstance(node, Title)))


def open_url_path(at, url_path: str):
    """Open a page through app.py by its URL path, as a browser would: AppTest.switch_page takes page files only."""
    at._page_hash = next(h for h, info in at._registered_pages.items() if info.get("url_pathname") == url_path)
    return at.run()


def expected_navigation(folder, lang: str, *, upkeep: bool = False) -> dict[str, list[str]]:
    """Section -> page titles, as topics.csv orders and places them, then the data section."""
    topics = csv(folder / "topics.csv")
    topics["order"] = pd.to_numeric(topics["order"])
    found: dict[str, list[str]] = {}
    for _, row in topics.sort_values("order", kind="stable").iterrows():
        found.setdefault(t(f"nav.section.{row['section']}", lang), []).append(row[f"label_{lang}"])
    found.setdefault(t("nav.section.data", lang), []).extend(
        [t("nav.sources", lang), *([t("nav.upkeep", lang)] if upkeep else [])]
    )
    return found


# -- navigation --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_navigation_names_are_the_page_titles(lang, later_reports, shell):
    """Each page's name in the navigation is its h1 ("Foreign trade" in one and "Foreign trade and investment" in the
    other was a reported bug); the page the data alone declares included."""
    at = run_page(lang=lang)
    named = [page for pages in sections(shell).values() for page in pages]
    assert len(named) == 8
    for name, url_path in named:
        open_url_path(at, url_path)
        assert not at.exception
        assert title(at) == name, url_path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_navigation_order_and_sections_follow_topics_csv(lang, later_reports, shell):
    run_page(lang=lang)
    shown = {section: [name for name, _ in pages] for section, pages in sections(shell).items()}
    assert shown == expected_navigation(later_reports, lang)
    assert list(shown) == list(expected_navigation(later_reports, lang)), "sections in order"


def test_a_changed_topics_csv_reorders_and_moves_pages(data_copy, shell):
    support.edit_csv(data_copy / "topics.csv", "topic", "trade", column="order", new="15")
    support.edit_csv(data_copy / "topics.csv", "topic", "talent", column="section", new="economy")
    run_page(lang="en")
    shown = {section: [name for name, _ in pages] for section, pages in sections(shell).items()}
    assert shown == expected_navigation(data_copy, "en")
    assert shown[t("nav.section.economy", "en")][:2] == ["Foreign trade and investment", "Investment projects"]


# -- document title ----------------------------------------------------------------------------------------------------


def latest_period_label(folder, lang: str) -> str:
    """What the latest report (the largest sort_key of sources.csv) covers, as periods.csv names it."""
    reports = csv(folder / "sources.csv")
    latest = reports.loc[pd.to_numeric(reports["sort_key"]).idxmax(), "period"]
    return csv(folder / "periods.csv").set_index("period").loc[latest, f"label_{lang}"]


def test_edition_is_what_the_latest_report_covers(first, later, later_folder):
    assert sources.edition(first, "zh") == latest_period_label(FIRST_REPORT, "zh") == "2020年"
    assert sources.edition(later, "zh") == latest_period_label(later_folder, "zh") == "2021年上半年"
    assert sources.edition(later, "en") == latest_period_label(later_folder, "en") == "H1 2021"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_document_title_names_the_page_and_the_latest_reports_period(lang, later_reports, shell):
    at = run_page("trade", lang=lang)
    edition = latest_period_label(later_reports, lang)
    assert edition in ("2021年上半年", "H1 2021")
    assert shell["page_title"][-1].startswith(title(at))
    assert shell["page_title"][-1].endswith(edition)
    assert "2020" not in shell["page_title"][-1]


# -- rotation ----------------------------------------------------------------------------------------------------------


def step(at, value: int):
    """What the browser's shell (components/ui/shell.js) sends when a presenter's key or the countdown asks for the next
    (1) or previous (-1) page: the shell component's trigger, with the other widgets as they are."""
    shell_element = next(n for n in at._tree if getattr(n, "type", None) == "bidi_component")
    states = at._tree.get_widget_states()
    trigger = states.widgets.add()
    trigger.id = _make_trigger_id(shell_element.proto.id, "events")
    trigger.json_trigger_value = json.dumps([{"event": "step", "value": value}])
    return at._run(widget_state=states)


def topic_titles(folder, lang: str) -> list[str]:
    topics = csv(folder / "topics.csv")
    return list(topics.assign(order=pd.to_numeric(topics["order"])).sort_values("order")[f"label_{lang}"])


@pytest.mark.parametrize(
    ("start", "move", "expected"),
    [
        ("epidemic", 1, 0),  # the last topic page wraps to the first
        ("overview", -1, -1),  # and back: never the sources or upkeep page between them
        ("investment", 1, 2),  # the page the data alone declares is a topic page too
        ("sources", 1, 0),  # from a page outside the rotation, forward to the first topic
        ("upkeep", -1, -1),  # and back to the last
    ],
)
def test_rotation_steps_through_topic_pages_only(start, move, expected, later_reports, shell, monkeypatch):
    monkeypatch.setenv("HEZE_UPKEEP", "1")
    at = run_page(start, lang="en", present="1", rotate="30")
    step(at, move)
    assert not at.exception
    assert title(at) == topic_titles(later_reports, "en")[expected]
    assert {k: param(at, k) for k in ("lang", "present", "rotate")} == {"lang": ["en"], "present": ["1"], "rotate": ["30"]}


def test_a_step_outside_presentation_mode_changes_nothing(later_reports, shell):
    at = run_page("trade", lang="en")
    step(at, 1)
    assert title(at) == "Foreign trade and investment"


# -- the upkeep page ---------------------------------------------------------------------------------------------------


def test_the_upkeep_page_is_not_in_the_navigation_by_default(shell):
    run_page(lang="zh")
    assert "upkeep" not in [url for pages in sections(shell).values() for _, url in pages]
    assert {k: [n for n, _ in v] for k, v in sections(shell).items()} == expected_navigation(FIRST_REPORT, "zh")


def test_the_upkeep_page_is_in_the_data_section_when_the_deployment_turns_it_on(shell, monkeypatch):
    monkeypatch.setenv("HEZE_UPKEEP", "1")
    run_page(lang="zh")
    assert sections(shell)[t("nav.section.data", "zh")] == [
        (t("nav.sources", "zh"), "sources"),
        (t("nav.upkeep", "zh"), "upkeep"),
    ]
    assert {k: [n for n, _ in v] for k, v in sections(shell).items()} == expected_navigation(FIRST_REPORT, "zh", upkeep=True)


def test_the_upkeep_page_follows_the_apps_secrets_too(shell):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.secrets["upkeep"] = True
    at.run()
    assert "upkeep" in [url for pages in sections(shell).values() for _, url in pages]


# -- switches ----------------------------------------------------------------------------------------------------------


def test_the_language_and_presentation_switches_are_kept_across_a_page_change(shell):
    at = run_page(lang="zh")
    at.segmented_control(key="lang_switch").set_value("en").run()
    assert title(at) == "Overview" and param(at, "lang") == ["en"]
    at.switch_page("pages/trade.py").run()
    assert title(at) == "Foreign trade and investment" and param(at, "lang") == ["en"]
    assert shell["navigation"][-1][1] == "sidebar"

    at.pills(key="present_switch").set_value("1").run()
    assert shell["navigation"][-1][1] == "top" and param(at, "present") == ["1"]
    at.switch_page("pages/investment.py").run()
    assert title(at) == "Investment projects"
    assert shell["navigation"][-1][1] == "top", "still presenting"
    assert {k: param(at, k) for k in ("lang", "present")} == {"lang": ["en"], "present": ["1"]}
    assert not [n for n in at.sidebar if getattr(n, "key", None)], "a projector has no sidebar"
