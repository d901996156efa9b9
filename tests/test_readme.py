"""Every example link of the app in README.md, opened as a deep link (AppTest, the pinned first report): the page keeps
each of the link's parameters in its URL, and its controls show the chosen values. The links are read from the README
as it is, so a link added there is tested with no edit here. What only a browser shows of a link (the page's language
on <html lang>, presentation mode) is tested in Chromium by tests/e2e/test_readme_links.py."""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qsl, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from components.markdown import plain
from components.topics import registry
from support import ROOT, param, readme_links, seen, view_of

pytestmark = pytest.mark.page
LINKS = readme_links()


def test_the_readme_has_example_links():
    assert LINKS, "no example link of the app in README.md (http://localhost:8501/... or an app path with a query)"


def open_link(link: str) -> AppTest:
    """The link opened in a new session: app.py with the link's query, on the link's page from its first run."""
    asked = urlsplit(link)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for name, value in parse_qsl(asked.query, keep_blank_values=True):
        at.query_params[name] = [*at.query_params.get(name, []), value]
    key = asked.path.strip("/")
    if key:
        at.switch_page(f"pages/{key}.py")
    at.run()
    return at


def kept(at: AppTest) -> list[tuple[str, str]]:
    """The page's URL parameters after its run, as (name, value) pairs."""
    return [(name, value) for name in at.query_params for value in param(at, name)]


def keyed(at: AppTest, key: str):
    """The element of the page with this key, or None when there is none."""
    try:
        return at.get_by_key(key)
    except KeyError:
        return None


def control_problems(at: AppTest, view, topic, name: str, values: list[str]) -> list[str]:
    """Whether the control of the parameter `name` shows `values`, in words; [] when it does."""
    if name == "lang":
        switch = keyed(at, "lang_switch")
        return [] if switch is not None and switch.value == values[-1] else ["the language switch does not show it"]
    if name == "present":
        switch = keyed(at, "present_switch")
        return [] if switch is not None and switch.value == "1" else ["the presentation switch is off"]
    if name == "rotate":
        return [] if keyed(at, "rotate_paused") is not None else ["no rotation (its pause switch is not shown)"]
    if name == "fact":
        return [] if at.info else ["no box for the linked figure"]
    choice = next((f for f in (topic.all_filters() if topic else ()) if f.key == name), None)
    if choice is None:
        return [f"no control for {name}"]
    options = choice.options(view)
    labels = sorted(seen(plain(str(options.get(v, v)))) for v in values)
    if choice.control == "selection":
        text = " ".join(seen(m.value) for m in at.markdown) + " " + " ".join(seen(c.value) for c in at.caption)
        cleared = keyed(at, f"clear_{name}") is not None
        return [] if cleared and all(label in text for label in labels) else [f"{labels} not said selected"]
    if choice.control in ("number", "search"):
        control = keyed(at, name)
        shown = str(control.value).strip() if control is not None else None
        return [] if shown is not None and shown == values[-1] else [f"{name} shows {shown!r}"]
    control = keyed(at, name)
    chosen = [] if control is None or control.value is None else control.value
    chosen = sorted(chosen if isinstance(chosen, list) else [chosen])
    return [] if chosen == sorted(values) else [f"{name} shows {chosen}, not {sorted(values)}"]


@pytest.mark.parametrize("link", LINKS)
def test_a_readme_link_keeps_its_parameters_and_its_controls_show_them(first, link):
    at = open_link(link)
    assert not at.exception, [e.value for e in at.exception]
    params = parse_qsl(urlsplit(link).query, keep_blank_values=True)
    problems = []
    missing = Counter(params) - Counter(kept(at))
    if missing:
        problems.append(f"the URL lost {sorted(missing)}: {kept(at)}")
    key = urlsplit(link).path.strip("/") or "overview"
    topic = next((t for t in registry.topics(first) if t.key == key), None)
    view = view_of(first, dict(params).get("lang", "zh"))
    grouped: dict[str, list[str]] = {}
    for name, value in params:
        grouped.setdefault(name, []).append(value)
    for name, values in grouped.items():
        problems += [f"{name}={values}: {p}" for p in control_problems(at, view, topic, name, values)]
    assert not problems, f"{link}:\n" + "\n".join(problems)
