"""The README's example links that carry what only a browser shows (the page's language on <html lang>, presentation
mode and its rotation), opened in Chromium on the app reading the pinned first report: the page keeps each of the
link's parameters in its URL after it loads, and its controls show the chosen values. Every link's parameters and
controls are checked without a browser in tests/test_readme.py; the links are read from the README as it is."""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qsl, urlsplit

import pytest

from components.topics import registry
from streamlit_wait import wait_for_app
from support import readme_links, view_of

LABELS = {"lang": {"zh": "中文", "en": "English"}}
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
SHELL = {"lang", "present"}  # parameters the browser acts on: <html lang>, the projector's layout
LINKS = [link for link in readme_links() if SHELL & {name for name, _ in parse_qsl(urlsplit(link).query)}]


def test_the_readme_has_example_links_for_the_browser():
    assert LINKS, "no example link in README.md with lang= or present="


def _chosen(page, key: str) -> list[str]:
    options = page.locator(f".st-key-{key}").locator('[aria-pressed="true"], [aria-checked="true"]')
    return sorted(text.strip() for text in options.all_inner_texts())


def _control_problems(page, view, topic, name: str, values: list[str]) -> list[str]:
    """Whether the control of the parameter `name` shows `values`, in words; [] when it does."""
    if name == "lang":
        shown = page.evaluate("document.documentElement.lang")
        ok = _chosen(page, "lang_switch") == [LABELS["lang"][values[-1]]] and shown == HTML_LANG[values[-1]]
        return [] if ok else [f"the language switch shows {_chosen(page, 'lang_switch')}, <html lang> {shown}"]
    if name == "present":
        return [] if _chosen(page, "present_switch") else ["the presentation switch is off"]
    if name == "rotate":
        return [] if page.locator(".st-key-rotate_paused").count() else ["no rotation (its pause switch is not shown)"]
    if name == "fact":
        return [] if page.get_by_test_id("stAlertContentInfo").count() else ["no box for the linked figure"]
    choice = next((f for f in (topic.all_filters() if topic else ()) if f.key == name), None)
    if choice is None:
        return [f"no control for {name}"]
    options = choice.options(view)
    labels = sorted(str(options.get(v, v)) for v in values)
    if choice.control == "selection":
        summary = page.locator(f".st-key-clear_{name}")
        text = page.inner_text('[data-testid="stMain"]')
        return [] if summary.count() and all(label in text for label in labels) else [f"{labels} not said selected"]
    if choice.control in ("number", "search"):
        shown = page.locator(f".st-key-{name} input").input_value()
        return [] if shown.strip() == values[-1] else [f"{name} shows {shown!r}"]
    return [] if _chosen(page, name) == labels else [f"{name} shows {_chosen(page, name)}, not {labels}"]


@pytest.mark.parametrize("link", LINKS)
def test_a_readme_link_keeps_its_parameters(app_server, page, first, link):
    """The page of the link keeps each parameter in its URL after it loads, and each control shows its value."""
    asked = urlsplit(link)
    params = parse_qsl(asked.query, keep_blank_values=True)
    page.goto(app_server.rstrip("/") + link)
    wait_for_app(page)
    kept = parse_qsl(urlsplit(page.url).query, keep_blank_values=True)
    problems = []
    if urlsplit(page.url).path.rstrip("/") != asked.path.rstrip("/"):
        problems.append(f"opened {urlsplit(page.url).path}")
    missing = Counter(params) - Counter(kept)
    if missing:
        problems.append(f"the URL lost {sorted(missing)}: {page.url}")
    key = asked.path.strip("/") or "overview"
    topic = next((t for t in registry.topics(first) if t.key == key), None)
    view = view_of(first, dict(params).get("lang", "zh"))  # the first report: what the server reads
    grouped: dict[str, list[str]] = {}
    for name, value in params:
        grouped.setdefault(name, []).append(value)
    for name, values in grouped.items():
        problems += [f"{name}={values}: {p}" for p in _control_problems(page, view, topic, name, values)]
    problems += page.console_errors
    assert not problems, f"{link}:\n" + "\n".join(problems)
