"""The app's browser-side shell (shell.js): the page's language on <html lang>, the presenter's keys (a clicker's
PageDown/PageUp, the arrow keys) and the rotation's visible countdown. One small component mounted on every run, as
Streamlit has no call for any of these."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from components.i18n import t

HTML_LANG = {"zh": "zh-Hans", "en": "en"}

_shell = st.components.v2.component(
    "heze_shell",
    html='<span class="countdown" role="timer" aria-live="off"></span>',
    css=".countdown { font-size: 0.95rem; white-space: nowrap; color: var(--st-text-color); }",
    js=(Path(__file__).with_name("shell.js")).read_text(encoding="utf-8"),
)


def mount(lang: str, *, presenting: bool, remaining: float | None, paused: bool, showing: str = "") -> int:
    """Mount the shell; returns the page step a key press or the countdown asked for on this run (0: none).
    `remaining`: seconds to the next page when rotating, else None; `showing`: this showing of the page (a page and
    when its countdown started), so that one countdown asks for one next page."""
    result = _shell(
        key="shell",
        data={
            "htmlLang": HTML_LANG.get(lang, lang),
            "presenting": presenting,
            "remaining": None if remaining is None else max(0, round(remaining)),
            "paused": paused,
            "showing": showing,
            "countdownText": t("app.rotate.countdown", lang),
            "pausedText": t("app.rotate.paused", lang),
        },
        on_step_change=lambda: None,  # a trigger is only sent to a component that has a callback for it
    )
    step = result.step if result is not None else None
    return step if step in (-1, 1) else 0
