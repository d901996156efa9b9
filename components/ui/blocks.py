"""Built parts drawn with Streamlit: headline cards, charts with their table and downloads, named things as cards,
tables and notes. Data text is made inert here (markdown.plain) where it meets a call that reads Markdown."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd
import streamlit as st

from components.charts.theme import em_param, theme_config
from components.charts.vega import EM_PARAM, description, vega_spec
from components.downloads import csv_bytes, file_name, sheet_name, xlsx_bytes
from components.figures.citations import Evidence, sentence_count
from components.i18n import md, t
from components.markdown import plain
from components.topics.blocks import Card, Chart, Headlines, Note, Table, Things
from components.ui import dark, data, lang, presenting

MIN_CARD_WIDTH, MIN_THING_WIDTH = 150, 200
# A value keeps its currency, scale and first unit word on its line ("CNY 30 bn+", "100+ people"): a narrow card would
# otherwise break "CNY 30 / bn+"; the words after may wrap ("11 working / groups").
NUMBER_JOINS = re.compile(r"(?<=\b[A-Z]{3}) (?=[\d+])|(?<=\d) (?=[a-z]{1,2}\+?(?:\b|$))|(?<=[\d%+)]) (?=[^\s(])")


def unbroken(value: str) -> str:
    return NUMBER_JOINS.sub("\u00a0", value)  # narrower than this, a card's value would break: fewer cards a row


def evidence_help(evidence: Iterable[Evidence]) -> str | None:
    """A card's help: each sentence it rests on, with the report it is from."""
    lang_ = lang()
    parts = [t("source.sentence", lang_, sentence=plain(s), report=plain(e.short[lang_])) for e in evidence for s in e.sentences]
    return t("source.help", lang_, sentences=" ".join(parts)) if parts else None


def _card_caption(card: Card) -> str:
    """What a card covers, its qualifier and (read up close) its note and links; a projector keeps what it covers."""
    lang_ = lang()
    parts = [plain(x) for x in (card.period, card.qualifier, "" if presenting() else card.note) if x]
    if card.metric and not presenting():  # its sentence in the full report, for reading up close
        parts.append(f"[{t('headline.in_report', lang_)}](sources?fact={card.metric}&lang={lang_})")
    if card.page and not presenting():
        parts.append(f"[{t('headline.more', lang_)}]({card.page}?lang={lang_})")
    return " · ".join(parts)


def headlines(block: Headlines, *, stacked: bool = False) -> None:
    """Headline cards in a grid that wraps to fewer a row on a narrow screen; a projector has them in one row (two
    past seven), or one under another in the column beside a chart (`stacked`), so that a larger screen gives larger
    cards rather than more of them. Each card says what it covers, its growth where there is one, and its sentence on
    demand."""
    cards = block.cards
    if not cards:
        return
    lang_ = lang()
    if stacked:
        per_row = 1
    elif presenting():  # one row up to seven, so that the main chart stays on the first screen
        per_row = len(cards) if len(cards) <= 7 else math.ceil(len(cards) / 2)
    else:
        per_row = block.per_row or min(3, len(cards))
    grid = st.grid(per_row, min_column_width=MIN_CARD_WIDTH, border=True, gap="small")
    for card in cards:
        with grid.cell():
            label = f"{card.label} · {t('derived.badge', lang_)}" if card.derived else card.label
            st.metric(
                plain(label),
                unbroken(plain(card.value)),  # a unit's or a noun's name from the data is part of it
                delta=card.growth,
                delta_color="off",
                delta_arrow="off" if card.growth is None else "auto",
                delta_description=plain(card.growth_note) if card.growth_note else None,
                help=evidence_help(card.evidence),
                chart_data=list(card.history) or None,
                chart_type="line",
            )
            caption = _card_caption(card)
            if caption:
                st.caption(caption)
    if block.note and not presenting():
        st.caption(plain(block.note))


def _themed(block: Chart, fill: bool = False) -> dict[str, Any]:
    """The chart's spec with the viewer's theme; `fill`: as tall as its container (a projector's main chart)."""
    spec = vega_spec(block.model)
    params = [{"name": EM_PARAM, **em_param(presenting())} if p.get("name") == EM_PARAM else p for p in spec.get("params", [])]
    return {
        **spec,
        **({"params": params} if params else {}),
        "width": "container",
        **({"height": "container"} if fill else {}),
        "config": theme_config(dark=dark(), presenting=presenting()),
        "description": description(block.model),
    }


def chart(block: Chart, key: str, *, main: bool = False, on_select: Any = "ignore") -> Any:
    """A chart (or, by the reader's choice, its table) with its notes, its sentences and its downloads; on a projector
    the chart alone, the page's main chart filling the screen below the headlines."""
    lang_ = lang()
    choice = "chart"
    if block.model.title:
        st.markdown(f"**{plain(block.model.title)}**")
    if not presenting():
        choice = st.segmented_control(
            t("view.label", lang_),
            ["chart", "table"],
            default="chart",
            required=True,
            key=f"view_{key}",
            format_func=lambda v: t(f"view.{v}", lang_),
            label_visibility="collapsed",
        )
    state = None
    if choice == "table":
        table(block.table)
    else:
        selecting = {"on_select": on_select, "selection_mode": "project"} if on_select != "ignore" else {}
        holder = st.container(key=f"main_chart_{key}") if main else st.container()
        with holder:
            state = st.vega_lite_chart(
                spec=_themed(block, fill=main and presenting()),
                width="stretch",
                height="stretch" if main and presenting() else "content",
                theme=None,
                key=f"chart_{key}",
                **selecting,
            )
    for line in block.model.notes:
        st.caption(plain(line))
    if not presenting():
        toolbar(block.table, block.file_stem, key, block.evidence)
    return state


def table(frame: pd.DataFrame) -> None:
    """A table with its first column (what each row is) pinned, so the figure beside it is seen without scrolling."""
    first = frame.columns[0] if len(frame.columns) else None
    config = {first: st.column_config.TextColumn(pinned=True)} if first is not None else None
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config)


def toolbar(frame: pd.DataFrame, file_stem: str, key: str, evidence: Iterable[Evidence]) -> None:
    """For reading up close, under a part: its sentences and its data to download, each behind a button."""
    with st.container(horizontal=True, gap="small"):
        sources(evidence, key)
        downloads(frame, file_stem, key)


def _when_open(label: str, icon: str, key: str):
    """A popover whose content is made only once it is opened (a rerun of its section, Streamlit's `.open`): every
    part's sentences and download buttons would otherwise travel with every page load and be kept by the browser, for
    the few a reader opens. The popover itself, or None while it is closed."""
    box = st.popover(label, icon=icon, key=key, on_change="rerun")
    return box if box.open else None


def sources(evidence: Iterable[Evidence], key: str) -> None:
    evidence = tuple(evidence)
    count = sentence_count(evidence)
    if not count:
        return
    lang_ = lang()
    box = _when_open(t("source.expander", lang_, count=count), ":material/format_quote:", f"sources_{key}")
    if box is None:
        return
    with box:
        for found in evidence:
            for sentence in found.sentences:
                st.markdown(f"> {plain(sentence)}")
            st.caption(plain(found.citation[lang_]))
        # a way on, and something to focus: a long list scrolls, and a keyboard must reach what a mouse wheel does
        st.markdown(f"[{t('source.full_text', lang_)}](sources?lang={lang_})")


def downloads(frame: pd.DataFrame, file_stem: str, key: str) -> None:
    lang_ = lang()
    box = _when_open(t("download.label", lang_), ":material/download:", f"downloads_{key}")
    if box is None:
        return
    edition = data.edition(lang_)
    with box:
        # callables: a file is made only when someone clicks, not on every run of every session
        st.download_button(
            t("download.csv", lang_),
            lambda: csv_bytes(frame),
            file_name(file_stem, lang_, "csv", edition),
            "text/csv",
            key=f"csv_{key}",
            icon=":material/download:",
            on_click="ignore",
            width="stretch",
        )
        st.download_button(
            t("download.xlsx", lang_),
            lambda: xlsx_bytes({sheet_name(file_stem, lang_): frame}),
            file_name(file_stem, lang_, "xlsx", edition),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"xlsx_{key}",
            icon=":material/table_view:",
            on_click="ignore",
            width="stretch",
        )


def things(block: Things, key: str) -> None:
    """Named things as bordered cards, each its sentences behind its help icon; then its sentences and downloads."""
    per_row = 4 if presenting() and block.per_row == 3 else block.per_row
    grid = st.grid(max(1, min(per_row, len(block.things))), min_column_width=MIN_THING_WIDTH, border=True, gap="small")
    for thing in block.things:
        with grid.cell():
            st.markdown(f"**{plain(thing.title)}**", help=evidence_help(thing.evidence))
            if thing.lines:
                st.markdown("\n".join(f"- {plain(line)}" for line in thing.lines))
    if not presenting():
        toolbar(block.table, block.file_stem, key, block.evidence)


def note(block: Note) -> None:
    if block.derived:
        st.caption(f":material/calculate: {t('derived.badge', lang())} · {plain(block.text)}")
    else:
        st.caption(plain(block.text))


def table_block(block: Table, key: str) -> None:
    table(block.frame)
    toolbar(block.frame, block.file_stem, key, block.evidence)


def heading(text: str) -> None:
    """A section's heading: h2 under the page's h1 (Streamlit's subheader is an h3, which would skip a level)."""
    st.header(text, anchor=False)


def error_box(errors) -> None:
    errors = list(errors)
    lang_ = lang()
    lines = "\n".join(f"- {plain(e.message(lang_))}" for e in errors[:20])
    more = t("error.box.more", lang_, count=len(errors) - 20) if len(errors) > 20 else ""
    st.error(f"**{t('error.box.title', lang_)}**\n\n{lines}\n\n{more}\n\n{t('error.box.hint', lang_)}", icon=":material/error:")


def derived_caption(key: str, **values: Any) -> None:
    st.caption(f":material/calculate: {t('derived.badge', lang())} · {md(key, lang(), **values)}")
