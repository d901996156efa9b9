"""Every URL parameter of every page, given hostile values (Unicode and full-width digits, signs, exponents, NaN,
very long strings, HTML, repeats): the page runs without an exception and takes the parameter's default."""

from __future__ import annotations

import unicodedata

import pytest

from support import run_page

APP_PARAMS = ("lang", "present", "rotate")
PAGE_PARAMS = {
    "pages/overview.py": (),
    "pages/investment.py": ("period", "measure", "stage", "industry", "min_amount", "project"),
    "pages/trade.py": ("period", "flow", "prior"),
    "pages/talent.py": ("kind",),
    "pages/poverty.py": ("period", "theme"),
    "pages/epidemic.py": ("group",),
    "pages/sources.py": ("fact",),
}
HOSTILE = [
    "²³",
    "①",
    "１２",
    "٣",
    "-1",
    "+5",
    "1e3",
    "NaN",
    "inf",
    " 1",
    "0x10",
    "1_000",
    "",
    "x" * 5000,
    "<img src=x onerror=alert(1)>",
    "new_start\x00",
    "EN",
]


def state(at, keys) -> dict:
    return {key: at.session_state.get(key) for key in keys}


@pytest.mark.parametrize("page", sorted(PAGE_PARAMS))
def test_hostile_values_in_every_parameter_give_the_defaults(page):
    keys = APP_PARAMS + PAGE_PARAMS[page]
    defaults = state(run_page(page), keys)
    for value in HOSTILE:
        at = run_page(page, **dict.fromkeys(keys, value))
        assert not at.exception, (value, [e.value for e in at.exception])
        assert state(at, keys) == defaults, value
    # a repeated parameter whose values are all hostile is no different
    at = run_page(page, **dict.fromkeys(keys, HOSTILE[:4]))
    assert not at.exception and state(at, keys) == defaults


def test_a_valid_value_among_hostile_repeats_is_taken():
    at = run_page("pages/investment.py", measure=["①", "projects"], min_amount=["1e3", "12"], present=["²", "1"])
    assert at.session_state["measure"] == "projects" and at.session_state["min_amount"] == 12.0
    assert at.session_state["present"] == "1"


@pytest.mark.parametrize("value", [*HOSTILE, "\u202egnp.exe", "a\u200bb\x00c", "  two   words\t\n", "x" * 61])
def test_search_text_from_the_url_is_visible_characters_within_its_length(value):
    at = run_page("pages/investment.py", q=value)
    assert not at.exception, [e.value for e in at.exception]
    query = at.session_state["q"]
    assert len(query) <= 60 and query == query.strip() and "  " not in query
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in query)
    assert set(query) <= set(value) | {" "}, "nothing added"


def test_a_search_from_the_url_is_kept_as_typed():
    at = run_page("pages/investment.py", q="医药 港")
    assert at.session_state["q"] == "医药 港" and at.text_input(key="q").value == "医药 港"
