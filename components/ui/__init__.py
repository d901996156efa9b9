"""Streamlit pieces every page shares: language and mode, headline cards, chart blocks, source notes, the error box."""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext

import pandas as pd
import streamlit as st

from components.blocks import CardsBlock, ChartBlock, Evidence, Headline, sentences
from components.charts.base import EM_PARAM, chart_title, description
from components.charts.theme import label_size, theme_config
from components.data.errors import DataError, DataUnavailable
from components.downloads import csv_bytes, file_name, sheet_name, xlsx_bytes
from components.i18n import DEFAULT_LANG, LANGS, md, t
from components.markdown import plain
from components.topics import registry
from components.topics.model import Topic
from components.ui import url_params
from components.ui.internals import arrow_bytes, through_app_shell


def lang() -> str:
    through_app_shell()
    value = st.session_state.get("lang")
    return value if value in LANGS else DEFAULT_LANG


def presenting() -> bool:
    return st.session_state.get("present") == "1"


def dark() -> bool:
    return getattr(st.context.theme, "type", None) == "dark"


@contextmanager
def page_data() -> Iterator[None]:
    """Wrap a page's data access: a broken table shows the error box in place of the page, never a traceback."""
    try:
        yield
    except DataUnavailable as exc:
        error_box(exc.errors)
        st.stop()


@contextmanager
def part() -> Iterator[None]:
    """Wrap one part of a page: when the data it needs is missing or broken, the error box stands in its place and the
    page goes on with its next part."""
    try:
        yield
    except DataUnavailable as exc:
        error_box(exc.errors)


def section(draw: Callable[[], None]) -> Callable[[], None]:
    """A part of a page that reruns on its own when one of its widgets changes (st.fragment), so a filter redraws only
    what it shapes; a data error inside it shows the error box, as for the whole page."""

    @st.fragment
    @functools.wraps(draw)  # the fragment's id comes from the page function's name, not from this wrapper's
    def run() -> None:
        with part():
            draw()

    return run


def error_box(errors: Iterable[DataError]) -> None:
    errors = list(errors)
    lines = "\n".join(f"- {plain(e.message(lang()))}" for e in errors[:20])
    more = t("error.box.more", lang(), count=len(errors) - 20) if len(errors) > 20 else ""
    st.error(f"**{t('error.box.title', lang())}**\n\n{lines}\n\n{more}\n\n{t('error.box.hint', lang())}", icon=":material/error:")


def page_header(topic: Topic) -> None:
    """The page's title and, for reading up close, its introduction, from its topic's declaration."""
    st.title(t(topic.heading_key, lang()), anchor=False)
    if not presenting():
        st.caption(t(topic.intro_key, lang()))


def headline(column, card: Headline) -> None:
    """One headline figure in a bordered card that holds its period, notes and links too; its source sentence is on
    demand behind the help icon. A stored figure links, for reading up close, to its topic page and to its sentence in
    the full report."""
    with column.container(border=True, height="stretch"):
        _card_body(card)


# A number keeps its currency, scale and first unit word on its line ("CNY 30 bn+", "100+ people"), where a narrow card
# would otherwise break "CNY 30 / bn+"; the words after may wrap ("11 working / groups").
_NUMBER_JOINS = re.compile(r"(?<=\b[A-Z]{3}) (?=[\d+])|(?<=\d) (?=[a-z]{1,2}\+?(?:\b|$))|(?<=[\d%+)]) (?=[^\s(])")


def unbroken(value: str | None) -> str | None:
    return None if value is None else _NUMBER_JOINS.sub("\u00a0", value)


def _card_body(card: Headline, extra: str = "", *, period: bool = True) -> None:
    """A card's figure, notes and links. `extra`: a line of the page's own under the figure; period=False: the row
    says the period once."""
    lang_ = lang()
    label = f"{card.label} · {t('derived.badge', lang_)}" if card.derived else card.label
    st.metric(
        plain(label),
        unbroken(card.value),
        delta=unbroken(card.delta),
        delta_color="off",
        help=source_help(card.sources),
        delta_description=card.delta_description and plain(card.delta_description),
        delta_arrow="off" if card.delta is None else "auto",
    )
    # A projector's card notes leave the period out (blocks.fact_headline): it is said here, or once for the row
    parts = [card.period if presenting() and period else "", card.note, extra]
    note = " · ".join(plain(x) for x in parts if x)
    if note:
        st.caption(note)
    if card.metric and not presenting():
        links = st.container(horizontal=True, gap="small")
        if card.page:
            links.page_link(
                registry.get(card.page).page_file,
                label=t("headline.more", lang_),
                icon=":material/arrow_forward:",
                query_params={"lang": lang_},
            )
        links.page_link(
            registry.get("sources").page_file,
            label=t("headline.in_report", lang_),
            icon=":material/format_quote:",
            query_params={"fact": card.metric, "lang": lang_},
        )


# Narrower than this, a card's value would break between number and unit: the grid has fewer cards a row instead.
# (A phone's 360 px still takes two a row.)
MIN_CARD_WIDTH = 170


def headline_row(
    cards: Iterable[Headline], extras: Iterable[str] = (), *, per_row: int | None = None, key: str = "headlines"
) -> None:
    """Headline cards in a grid whose cards in a row are as tall as each other and which wraps to fewer columns on a
    narrow screen (two a row on a phone). A projector has them all in one row where they fit, else two rows, and a
    period that every card shares said once under the row instead of on each card."""
    cards, extras = list(cards), list(extras)
    if not cards:
        return
    if per_row is None:
        per_row = (len(cards) if len(cards) <= 5 else -(-len(cards) // 2)) if presenting() else min(3, len(cards))
    periods = {c.period for c in cards}
    shared_period = presenting() and len(periods) == 1 and next(iter(periods))
    with st.container(key=key):
        grid = st.grid(per_row, min_column_width=MIN_CARD_WIDTH, border=True, gap="small")
        for card, extra in zip(cards, [*extras, *[""] * len(cards)]):  # a card without a line of its own gets ""
            with grid.cell():
                _card_body(card, extra, period=not shared_period)
        if shared_period:
            st.caption(plain(shared_period))


def source_help(sources: Iterable[Evidence]) -> str | None:
    """A headline's or card's help text: each sentence it comes from, with the document it is in."""
    parts = [f"{plain(s)}({plain(e.citation)})" if e.citation else plain(s) for e in sources for s in e.sentences]
    return f"{t('source.label', lang())}:" + " ".join(parts) if parts else None


def source_note(sources: Iterable[Evidence]) -> None:
    """The verbatim sentences behind what is shown, each under the citation of its document, behind a button (a
    popover: drawn only when opened)."""
    sources = tuple(sources)
    count = len(sentences(sources))
    if not count:
        return
    with st.popover(t("source.expander", lang(), count=count), icon=":material/format_quote:"):
        for found in sources:
            for quote in found.sentences:
                st.markdown(f"> {plain(quote)}")
            if found.citation:
                st.caption(plain(found.citation))


def sources_and_downloads(table: pd.DataFrame, file_stem: str, key: str, sources: Iterable[Evidence]) -> None:
    """For reading up close, under a block: its source sentences and its data to download, as two buttons. Popovers,
    not expanders: a closed expander's content is still drawn, and a page has several blocks."""
    with st.container(horizontal=True):
        source_note(sources)
        downloads(table, file_stem, key)


# Streamlit turns a spec's inline datasets into Arrow on every call; a block is shared by every session, so each block's
# datasets are turned once. Held weakly: a block dropped from the store's cache takes its Arrow copy with it.
_ARROW_DATASETS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _arrow_datasets(block: ChartBlock) -> dict:
    datasets = _ARROW_DATASETS.get(block)
    if datasets is None:
        datasets = {name: arrow_bytes(rows) for name, rows in block.spec.get("datasets", {}).items()}
        _ARROW_DATASETS[block] = datasets
    return datasets


# The most a projector's main chart takes; the presentation style shrinks it to what is left of the screen.
MAIN_CHART_HEIGHT = 800


def render_chart(block: ChartBlock, *, key: str | None = None, on_select="ignore", selection_mode=None, height="content"):
    """A built chart with the theme for this viewer (light or dark, projector sizes when presenting). Its title and
    subtitle are drawn as the page's text above it: Vega cuts a title longer than the chart with "…", and a phone's
    charts are narrow."""
    text, subtitle = chart_title(block.spec)
    if text:
        st.markdown(f"**{plain(text)}**")
    if subtitle:
        st.caption(plain(subtitle))
    # theme=None: Streamlit's own chart theme would override ours (and squeeze layered bar charts). A shallow copy is
    # enough: Streamlit copies the spec before it changes anything at its top level, and the shared spec stays as built.
    # the label size of this viewer's theme, by which the axis leaves its labels room (charts.base.room_params)
    params = [dict(p, value=label_size(presenting())) if p.get("name") == EM_PARAM else p for p in block.spec.get("params", [])]
    themed = {
        **{k: v for k, v in block.spec.items() if k != "title"},
        # the title drawn above, kept with the chart for whoever reads the spec (Vega ignores usermeta)
        "usermeta": {"title": block.spec.get("title", "")},
        **({"params": params} if params else {}),
        "datasets": _arrow_datasets(block),
        "width": "container",
        "config": theme_config(dark=dark(), presenting=presenting()),
        # the SVG's accessible name (role graphics-document, aria-label), in the reader's language
        "description": description(block.spec, lang()),
    }
    return st.vega_lite_chart(
        spec=themed,
        width="stretch",
        height=height,
        theme=None,
        key=key,
        on_select=on_select,
        selection_mode=selection_mode,
    )


def chart(key: str, block: ChartBlock, *, on_select="ignore", selection_mode=None, main: bool = False):
    """Chart or table (a toggle, kept in the session), downloads of the data behind it, and its source note; on a
    projector the chart alone. The page's `main` chart is marked (st-key-main_chart…): a projector fits it to the
    screen below the headlines. Returns the chart's selection state when it has one."""
    lang_ = lang()  # bound now: the label function is also called outside the run (AppTest), where lang() is unknown
    choice = "chart"
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
        st.dataframe(block.table, hide_index=True, width="stretch")
    elif main and presenting():
        with st.container(key=f"main_chart_{key}", height=MAIN_CHART_HEIGHT, border=False):
            state = render_chart(block, key=f"chart_{key}", on_select=on_select, selection_mode=selection_mode, height="stretch")
    else:
        with st.container(key=f"main_chart_{key}") if main else nullcontext():
            state = render_chart(block, key=f"chart_{key}", on_select=on_select, selection_mode=selection_mode)
    if not presenting():
        sources_and_downloads(block.table, block.file_stem, key, block.sources)
    return state


def downloads(table: pd.DataFrame, file_stem: str, key: str) -> None:
    lang_ = lang()  # files named in the reader's language; file_stem stays the block's stable id
    with st.popover(t("download.label", lang_), icon=":material/download:"):
        # Callables: the files are made only when someone clicks, not on every rerun of every session.
        st.download_button(
            t("download.csv", lang_),
            lambda: csv_bytes(table),
            file_name(file_stem, lang_, "csv"),
            "text/csv",
            key=f"csv_{key}",
            icon=":material/download:",
            on_click="ignore",
            width="stretch",
        )
        st.download_button(
            t("download.xlsx", lang_),
            lambda: xlsx_bytes({sheet_name(file_stem, lang_): table}),
            file_name(file_stem, lang_, "xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"xlsx_{key}",
            icon=":material/table_view:",
            on_click="ignore",
            width="stretch",
        )


def derived_caption(text_key: str, **values) -> None:
    st.caption(f":material/calculate: {t('derived.badge', lang())} · {md(text_key, lang(), **values)}")


def url_pills(key: str, label: str, options: list, format_func, *, multi: bool = True, default=None):
    """Pills whose choice lives in the URL under `key` as stable ids (stage=new_start), not as translated labels.
    Multi: an empty choice means "no filter". Single: `default` when the URL has nothing valid."""
    url_params.initial(
        key,
        (lambda v: url_params.parse_choices(v, options)) if multi else (lambda v: url_params.parse_choice(v, options, default)),
    )
    value = st.pills(
        label, options, selection_mode="multi" if multi else "single", key=key, format_func=lambda v: plain(format_func(v))
    )
    url_params.write(key, value, [] if multi else default)
    return value


def url_segmented(key: str, label: str, options: list, format_func, default):
    """A required single choice (segmented control) kept in the URL under `key`."""
    url_params.initial(key, lambda v: url_params.parse_choice(v, options, default))
    value = st.segmented_control(label, options, key=key, format_func=lambda v: plain(format_func(v)), required=True)
    url_params.write(key, value, default)
    return value


def url_number(key: str, label: str, minimum: float, maximum: float, step: float, default: float):
    """A number input kept in the URL; out-of-range or malformed values fall back to the default."""
    url_params.initial(key, lambda v: url_params.parse_number(v, minimum, maximum, default))
    value = st.number_input(label, min_value=minimum, max_value=maximum, step=step, key=key)
    url_params.write(key, value, default)
    return value


def url_text(key: str, label: str, placeholder: str = ""):
    """A search box kept in the URL; its text is only compared with data, never rendered as HTML."""
    url_params.initial(key, url_params.parse_text)
    value = st.text_input(label, key=key, placeholder=placeholder, max_chars=60)
    url_params.write(key, value.strip(), "")
    return value.strip()


MIN_TEXT_CARD_WIDTH = 220


def cards(key: str, block: CardsBlock, *, per_row: int = 3) -> None:
    """Named things as bordered cards (each card's sentences, with their documents, behind its help icon), then, for
    reading up close, the block's source note and the download of its table. Data text is escaped here."""
    records = block.cards.to_dict("records")
    # a grid, so that cards go fewer a row where they would be too narrow for their words (a laptop with the sidebar)
    grid = st.grid(per_row, min_column_width=MIN_TEXT_CARD_WIDTH, border=True, gap="small")
    for card in records:
        with grid.cell():
            found = [Evidence(c, c, (q,)) for q, c in zip(card.get("quotes") or [], card.get("citations") or [])]
            st.markdown(f"**{plain(card['title'])}**", help=source_help(found))
            lines = list(card.get("lines") or [])
            if lines:
                st.markdown("\n".join(f"- {plain(line)}" for line in lines))
    if not presenting():
        sources_and_downloads(block.table, block.file_stem, key, block.sources)
