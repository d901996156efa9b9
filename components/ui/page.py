"""A topic's page, drawn from its one description (components/topics/parts.py): its title, its page-wide filters, then
each section in reading order, a section with filters of its own as a fragment that reruns alone when they change.
A part whose data is missing or broken shows the error box in its place, and the page goes on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st

from components.data.errors import DataUnavailable
from components.i18n import md, t
from components.markdown import plain
from components.topics.blocks import Chart, Choice, Headlines, Note, Table, Things
from components.topics.parts import Section, Topic, filters_said
from components.ui import blocks, data, filters, lang, presenting, url_params
from components.ui.internals import through_app_shell


@contextmanager
def guarded(stop: bool = False) -> Iterator[None]:
    """A data problem shows the error box in place of what needed the data (the whole page when `stop`)."""
    try:
        yield
    except DataUnavailable as exc:
        blocks.error_box(exc.errors)
        if stop:
            st.stop()


def header(topic: Topic) -> None:
    st.title(plain(topic.title(lang())), anchor=False)  # topics.csv's name: data text
    if not presenting() and topic.intro_text(lang()):
        st.caption(plain(topic.intro_text(lang())))


def topic_page(key: str) -> None:
    """The page of the topic `key`, as its description says."""
    through_app_shell()
    with guarded(stop=True):
        topic = data.topic(key)
    header(topic)
    with guarded(stop=True):
        data.figures()  # the figures every part is made of: without them, one box for the page
        view = data.view(lang())
        choices = {f.key: filters.draw(topic, f, data.options(topic, f, lang()), t(f.label, lang()), view) for f in topic.filters}
    period = data.options(topic, topic.filters[0], lang()).get(choices.get("period")) if topic.filters else None
    for section in topic.sections:
        if section.filters:
            _fragment(topic.key, section.key, choices, period)
        else:
            _section(topic, section, choices, period)


@st.fragment
def _fragment(topic_key: str, section_key: str, choices: dict[str, Any], period: str | None) -> None:
    """A section with filters of its own: a change reruns it alone."""
    with guarded():
        topic = data.topic(topic_key)
        _section(topic, next(s for s in topic.sections if s.key == section_key), choices, period)


def _section(topic: Topic, section: Section, page_choices: dict[str, Any], period: str | None) -> None:
    lang_ = lang()
    if section.heading:
        blocks.heading(md(section.heading, lang_, period=period or ""))
    beside = section.beside and presenting()
    if beside:
        main_area, side = st.columns([3, 1])
    else:
        main_area = side = st.container()
    choices = dict(page_choices)
    with side, guarded():
        for choice in section.filters:
            if choice.tucked:
                continue
            choices[choice.key] = filters.draw(
                topic, choice, data.options(topic, choice, lang_), t(choice.label, lang_), data.view(lang_)
            )
        tucked = [f for f in section.filters if f.tucked]
        if tucked and not presenting():
            choices.update(_tucked(topic, tucked))
    for part in section.parts:
        if not part.shown(choices, presenting()):
            continue
        with guarded():
            built = data.built(topic, part.key, lang_, presenting(), dict(choices.items()))
            found = [b for b in (built if isinstance(built, tuple) else (built,)) if b is not None]
            if not found:  # nothing to show for these choices (no heading over nothing)
                continue
            area = main_area if (part.main or not beside) else side
            with area:
                if part.heading:
                    blocks.heading(md(part.heading, lang_, period=period or ""))
                for place, block in enumerate(found):
                    key = part.key if place == 0 else f"{part.key}_{place}"
                    _draw(topic, key, block, main=part.main and place == 0, stacked=beside and area is side)


def _tucked(topic: Topic, tucked: list) -> dict[str, Any]:
    """The filters used less, behind a button (a popover is drawn only when opened), with what they are set to beside."""
    lang_ = lang()
    row = st.container(horizontal=True, vertical_alignment="center")
    values = {}
    with row.popover(t("filter.more", lang_), icon=":material/tune:"):
        for choice in tucked:
            values[choice.key] = filters.draw(
                topic, choice, data.options(topic, choice, lang_), t(choice.label, lang_), data.view(lang_)
            )
    said = filters_said(tucked, data.view(lang_), values)
    if said:
        row.caption(plain(" · ".join(said)), width="content")
    return values


def _draw(topic: Topic, key: str, block: Any, *, main: bool, stacked: bool = False) -> None:
    if isinstance(block, Headlines):
        blocks.headlines(block, stacked=stacked)
    elif isinstance(block, Chart) and block.model.selectable:
        # a new chart after a selection is cleared, so that no stale click remains in it
        key = f"{key}_{st.session_state.get(GENERATION, 0)}"
        blocks.chart(block, key, main=main, on_select=_selection(topic, f"chart_{key}"))
    elif isinstance(block, Chart):
        blocks.chart(block, key, main=main)
    elif isinstance(block, Things):
        blocks.things(block, key)
    elif isinstance(block, Table):
        blocks.table_block(block, key)
    elif isinstance(block, Note):
        blocks.note(block)
    elif isinstance(block, Choice):
        _choice(topic, block)


GENERATION = "selection_chart_generation"


def _selection(topic: Topic, chart_key: str):
    """The callback of a chart whose click selects a thing (a project), kept in the URL under the filter's key."""
    choice = next(f for f in topic.all_filters() if f.control == "selection")

    def select() -> None:
        state = st.session_state.get(chart_key) or {}
        points = (state.get("selection") or {}).get("project") or []
        keys = [p.get("key") for p in points if isinstance(p, dict)]
        st.session_state[choice.key] = keys[0] if keys else None

    return select


def _choice(topic: Topic, block: Choice) -> None:
    """What is selected, with a button to clear it; or how to select."""
    if block.summary is None:
        st.caption(plain(block.hint))
        return
    choice = next(f for f in topic.all_filters() if f.control == "selection")
    text, button = st.columns([5, 1], vertical_alignment="center")
    text.markdown(plain(block.summary))

    def clear() -> None:
        st.session_state[choice.key] = None
        st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1

    button.button(block.clear, key=f"clear_{choice.key}", on_click=clear, icon=":material/close:", type="tertiary")
    url_params.write(choice.key, st.session_state.get(choice.key))
