"""A topic's filters as Streamlit controls whose choice lives in the URL as stable ids (stage=new_start, never a
translated label), and in the session for the briefing export (what each page was last seen with)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from components.markdown import plain
from components.topics.parts import Filter, Options, Topic, View
from components.ui import url_params

SHOWN = "shown_choices"  # topic key -> filter key -> the value its reader last saw


def remember(topic: Topic, key: str, value: Any) -> None:
    st.session_state.setdefault(SHOWN, {}).setdefault(topic.key, {})[key] = value


def shown() -> dict[str, dict[str, Any]]:
    """This session's last choices per topic (for the briefing export)."""
    return {k: dict(v) for k, v in st.session_state.get(SHOWN, {}).items()}


def draw(topic: Topic, choice: Filter, options: Options, label: str, view: View) -> Any:
    """The control for one filter; returns its value (its default when the URL holds nothing valid)."""
    values = list(options)
    default = choice.default_of(options, view)
    key = choice.key

    def name(value: Any) -> str:
        return plain(options.get(value, value))

    if choice.control == "selection":  # set by a click on the section's chart (page.py), never by a control
        url_params.initial(key, lambda v: url_params.parse_choice(v, values))
        value = st.session_state.get(key)
    elif choice.control == "number":
        top = max(values, default=0.0)
        url_params.initial(key, lambda v: url_params.parse_number(v, 0.0, float(top), default))
        value = st.number_input(label, min_value=0.0, max_value=float(top), step=1.0, key=key)
    elif choice.control == "search":
        url_params.initial(key, url_params.parse_text)
        value = st.text_input(label, key=key, max_chars=60).strip()
    elif choice.multi:
        url_params.initial(key, lambda v: url_params.parse_choices(v, values))
        value = st.pills(label, values, selection_mode="multi", key=key, format_func=name, wrap=True)
    elif len(values) < 2:  # nothing to choose (one period): the one value, no control
        value = default
    else:
        url_params.initial(key, lambda v: url_params.parse_choice(v, values, default))
        value = st.segmented_control(label, values, key=key, format_func=name, required=True)
    url_params.write(key, value, default)
    remember(topic, key, value)
    return value
