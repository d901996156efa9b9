"""Streamlit pieces every page shares: language and mode, headline cards, chart blocks, source notes, the error box."""
from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager

import pandas as pd
import streamlit as st

from components.blocks import ChartBlock, Headline, sentences
from components.data.errors import DataError, DataUnavailable
from components.downloads import csv_bytes, xlsx_bytes
from components.i18n import DEFAULT_LANG, LANGS, t
from components.markdown import plain
from components.charts.theme import theme_config

def through_app_shell() -> None:
    """Make sure this run went through app.py. Streamlit treats a project with a pages/ folder as an old-style multipage
    app until app.py has called st.navigation once in the process; so the first visitor of a fresh server who opens a
    deep link (/investment?...) would get the bare page without the shell. Clearing that flag and rerunning sends the
    run through app.py, which then opens the same page."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


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


def section(draw: Callable[[], None]) -> Callable[[], None]:
    """A part of a page that reruns on its own when one of its widgets changes (st.fragment), so a filter redraws only
    what it shapes; a data error inside it shows the error box, as for the whole page."""
    @st.fragment
    @functools.wraps(draw)  # the fragment's id comes from the page function's name, not from this wrapper's
    def run() -> None:
        with page_data():
            draw()

    return run


def error_box(errors: Iterable[DataError]) -> None:
    errors = list(errors)
    lines = "\n".join(f"- {plain(e.message(lang()))}" for e in errors[:20])
    more = t("error.box.more", lang(), count=len(errors) - 20) if len(errors) > 20 else ""
    st.error(f"**{t('error.box.title', lang())}**\n\n{lines}\n\n{more}\n\n{t('error.box.hint', lang())}", icon=":material/error:")


def page_header(title_key: str, intro_key: str | None = None) -> None:
    st.title(t(title_key, lang()), anchor=False)
    if intro_key and not presenting():
        st.caption(t(intro_key, lang()))


def headline(column, card: Headline) -> None:
    """One bordered headline figure; its source sentence is on demand behind the help icon. A stored figure links, for
    reading up close, to its topic page and to its sentence in the full report."""
    lang_ = lang()
    help_text = f"{t('source.label', lang_)}:{card.source}" if card.source else None
    label = f"{card.label} · {t('derived.badge', lang_)}" if card.derived else card.label
    column.metric(label, card.value, delta=card.delta, delta_color="off", border=True, help=help_text,
                  delta_description=card.delta_description, delta_arrow="off" if card.delta is None else "auto")
    if card.note:
        column.caption(plain(card.note))
    if card.metric and not presenting():
        if card.page:
            column.page_link(card.page, label=t("headline.more", lang_), icon=":material/arrow_forward:",
                             query_params={"lang": lang_})
        column.page_link("pages/sources.py", label=t("headline.in_report", lang_), icon=":material/format_quote:",
                         query_params={"fact": card.metric, "lang": lang_})


def headlines(columns, cards: Iterable[Headline]) -> None:
    for column, card in zip(columns, cards):
        headline(column, card)


def source_note(quotes: Iterable[str]) -> None:
    """The verbatim sentences behind what is shown, deduplicated, behind a button (a popover: drawn only when opened)."""
    unique = sentences(quotes)
    if not unique:
        return
    with st.popover(t("source.expander", lang(), count=len(unique)), icon=":material/format_quote:"):
        for quote in unique:
            st.markdown(f"> {plain(quote)}")
        st.caption(plain(citation()))


def evidence(table: pd.DataFrame, file_stem: str, key: str, quotes: Iterable[str]) -> None:
    """For reading up close, under a block: its source sentences and its data to download, as two buttons. Popovers,
    not expanders: a closed expander's content is still drawn, and a page has several blocks."""
    with st.container(horizontal=True):
        source_note(quotes)
        downloads(table, file_stem, key)


# Streamlit turns a spec's inline datasets into Arrow on every call; a block is shared by every session, so each block's
# datasets are turned once. Held weakly: a block dropped from the store's cache takes its Arrow copy with it.
_ARROW_DATASETS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _arrow_datasets(block: ChartBlock) -> dict:
    from streamlit.dataframe_util import convert_anything_to_arrow_bytes  # what st.altair_chart uses for the same

    datasets = _ARROW_DATASETS.get(block)
    if datasets is None:
        datasets = {name: convert_anything_to_arrow_bytes(rows) for name, rows in block.spec.get("datasets", {}).items()}
        _ARROW_DATASETS[block] = datasets
    return datasets


def render_chart(block: ChartBlock, *, key: str | None = None, on_select="ignore", selection_mode=None):
    """A built chart with the theme for this viewer (light or dark, projector sizes when presenting)."""
    # theme=None: Streamlit's own chart theme would override ours (and squeeze layered bar charts). A shallow copy is
    # enough: Streamlit copies the spec before it changes anything at its top level, and the shared spec stays as built.
    themed = {**block.spec, "datasets": _arrow_datasets(block), "width": "container",
              "config": theme_config(dark=dark(), presenting=presenting())}
    return st.vega_lite_chart(spec=themed, width="stretch", theme=None, key=key, on_select=on_select,
                              selection_mode=selection_mode)


def chart_block(key: str, block: ChartBlock, *, on_select="ignore", selection_mode=None):
    """Chart or table (a toggle, kept in the session), downloads of the data behind it, and its source note.
    Returns the chart's selection state when it has one."""
    lang_ = lang()  # bound now: the label function is also called outside the run (AppTest), where lang() is unknown
    choice = st.segmented_control(
        t("view.label", lang_), ["chart", "table"], default="chart", required=True, key=f"view_{key}",
        format_func=lambda v: t(f"view.{v}", lang_), label_visibility="collapsed",
    )
    state = None
    if choice == "table":
        st.dataframe(block.table, hide_index=True, width="stretch")
    else:
        state = render_chart(block, key=f"chart_{key}", on_select=on_select, selection_mode=selection_mode)
    if not presenting():
        evidence(block.table, block.file_stem, key, block.quotes)
    return state


def downloads(table: pd.DataFrame, file_stem: str, key: str) -> None:
    with st.popover(t("download.label", lang()), icon=":material/download:"):
        # Callables: the files are made only when someone clicks, not on every rerun of every session.
        st.download_button(t("download.csv", lang()), lambda: csv_bytes(table), f"{file_stem}.csv", "text/csv",
                           key=f"csv_{key}", icon=":material/download:", on_click="ignore", width="stretch")
        st.download_button(t("download.xlsx", lang()), lambda: xlsx_bytes({file_stem: table}), f"{file_stem}.xlsx",
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key=f"xlsx_{key}", icon=":material/table_view:", on_click="ignore", width="stretch")


def derived_caption(text_key: str, **values) -> None:
    st.caption(f":material/calculate: {t('derived.badge', lang())} · {t(text_key, lang(), **values)}")


def citation() -> str:
    """The report's citation in the reader's language, from sources.csv (blank if that table is broken)."""
    from components.topics.sources.build import citation_text
    from components.ui.store import shared_from_dataset

    return shared_from_dataset(citation_text, lang=lang())


def headline_columns(count: int) -> list:
    """Columns for `count` headline cards: three a row for reading, four a row on a projector so the chart still fits."""
    per_row = 4 if presenting() else 3
    columns: list = []
    while len(columns) < count:
        columns += st.columns(per_row)
    return columns[:count]


def url_pills(key: str, label: str, options: list, format_func, *, multi: bool = True, default=None):
    """Pills whose choice lives in the URL under `key` as stable ids (stage=new_start), not as translated labels.
    Multi: an empty choice means "no filter". Single: `default` when the URL has nothing valid."""
    from components.ui import url_params

    url_params.initial(key, (lambda v: url_params.parse_choices(v, options)) if multi else (lambda v: url_params.parse_choice(v, options, default)))
    value = st.pills(label, options, selection_mode="multi" if multi else "single", key=key, format_func=format_func)
    url_params.write(key, value, [] if multi else default)
    return value


def url_segmented(key: str, label: str, options: list, format_func, default):
    """A required single choice (segmented control) kept in the URL under `key`."""
    from components.ui import url_params

    url_params.initial(key, lambda v: url_params.parse_choice(v, options, default))
    value = st.segmented_control(label, options, key=key, format_func=format_func, required=True)
    url_params.write(key, value, default)
    return value


def url_number(key: str, label: str, minimum: float, maximum: float, step: float, default: float):
    """A number input kept in the URL; out-of-range or malformed values fall back to the default."""
    from components.ui import url_params

    url_params.initial(key, lambda v: url_params.parse_number(v, minimum, maximum, default))
    value = st.number_input(label, min_value=minimum, max_value=maximum, step=step, key=key)
    url_params.write(key, value, default)
    return value


def url_text(key: str, label: str, placeholder: str = ""):
    """A search box kept in the URL; its text is only compared with data, never rendered as HTML."""
    from components.ui import url_params

    url_params.initial(key, url_params.parse_text)
    value = st.text_input(label, key=key, placeholder=placeholder, max_chars=60)
    url_params.write(key, value.strip(), "")
    return value.strip()


def cards_block(key: str, cards: pd.DataFrame, table: pd.DataFrame, *, file_stem: str, per_row: int = 3) -> None:
    """Named things as bordered cards — `cards` has title, lines (list of text) and quotes (list of source sentences,
    shown behind the help icon) — then, for reading up close, downloads of `table` and the source note.
    Data text is escaped here."""
    records = cards.to_dict("records")
    for start in range(0, len(records), per_row):
        for column, card in zip(st.columns(per_row), records[start:start + per_row]):
            with column.container(border=True):
                quote = " ".join(dict.fromkeys(card.get("quotes") or []))
                st.markdown(f"**{plain(card['title'])}**", help=f"{t('source.label', lang())}:{plain(quote)}" if quote else None)
                lines = list(card.get("lines") or [])
                if lines:
                    st.markdown("\n".join(f"- {plain(line)}" for line in lines))
    if not presenting():
        evidence(table, file_stem, key, (q for card in records for q in (card.get("quotes") or [])))
