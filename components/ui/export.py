"""The export control every page has (in the sidebar): the briefing pack of what is on screen, in the reader's language
and with each page's filters as the reader last saw them, as slides or a handout, built only when asked for."""

from __future__ import annotations

import streamlit as st

from components.briefing.build import FORMATS
from components.briefing.content import BRIEFABLE, filtered_topics
from components.data.errors import DataUnavailable
from components.i18n import t
from components.topics.registry import get
from components.ui import error_box, store

READY = "export_ready"  # (what it was built from, format, the file)


def _size(count: int) -> str:
    return f"{count / 1024:,.0f} KB" if count < 1024 * 1024 else f"{count / 1024 / 1024:,.1f} MB"


@st.fragment  # its widgets and its build rerun it alone, not the page beside it
def control(lang: str) -> None:
    # An expander, not a popover: the sidebar scrolls, so the download button below the build is always reachable.
    # Its form is drawn only while it is open (on_change="rerun" reports that): closed, it costs each page run one
    # element instead of a dozen.
    box = st.expander(t("export.label", lang), icon=":material/slideshow:", key="export_open", on_change="rerun")
    if not box.open:
        return
    with box:
        _form(lang)


def _form(lang: str) -> None:
    st.caption(t("export.intro", lang))
    fmt = st.radio(
        t("export.format", lang), list(FORMATS), key="export_format", format_func=lambda f: t(f"export.format.{f}", lang)
    )
    pages = st.pills(
        t("export.pages", lang),
        list(BRIEFABLE),
        selection_mode="multi",
        default=list(BRIEFABLE),
        key="export_pages",
        format_func=lambda key: t(get(key).title_key, lang),
    )
    # The pages' filters rerun their own parts only, so what they are is read when the button is pressed, and said
    # with the file: a list drawn here could be stale.
    st.caption(t("export.as_filtered", lang))
    shown = store.shown_choices()
    made_from = (fmt, tuple(pages), lang, repr(sorted(shown.items())), store.data_version())
    if st.button(t("export.build", lang), key="export_build", type="primary", disabled=not pages, width="stretch"):
        st.session_state.pop(READY, None)
        _build(fmt, pages, lang, shown, made_from)
    ready = st.session_state.get(READY)
    if ready and ready[0] == made_from:
        filtered = [t(get(key).title_key, lang) for key in filtered_topics(shown) if key in pages]
        applied = (
            t("export.filters", lang, pages=t("briefing.list_sep", lang).join(filtered))
            if filtered
            else t("export.no_filters", lang)
        )
        st.caption(f"{t('export.ready', lang, size=_size(len(ready[2])))} {applied}")
        st.download_button(
            t("export.download", lang),
            ready[2],
            f"{t('export.file', lang)}.{ready[1]}",
            FORMATS[ready[1]][0],
            key="export_download",
            icon=":material/download:",
            on_click="ignore",
            type="primary",
            width="stretch",
        )
    elif not pages:
        st.caption(t("export.no_pages", lang))


def _build(fmt: str, pages: list[str], lang: str, shown: dict, made_from: tuple) -> None:
    from components.briefing.build import build  # the slide and PDF libraries load on the first export only
    from components.briefing.fonts import FontMissing

    bar = st.progress(0.0, text=t("export.progress.layout", lang))

    def progress(share: float, what: str) -> None:
        bar.progress(min(share, 1.0), text=t("export.progress", lang, page=what) if what else t("export.progress.layout", lang))

    try:
        made = build(store.dataset(), store.built, fmt, lang, pages=pages, shown=shown, progress=progress, in_worker=True)
    except DataUnavailable as exc:
        bar.empty()
        error_box(exc.errors)
        return
    except FontMissing as exc:
        bar.empty()
        st.error(exc.message(lang), icon=":material/font_download_off:")
        return
    bar.empty()
    st.session_state[READY] = (made_from, fmt, made)
