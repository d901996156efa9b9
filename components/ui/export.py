"""The export control every page has (in the sidebar): the briefing pack of what is on screen, in the reader's language
and with each page's filters as the reader last saw them, as slides or a handout, built only when asked for."""

from __future__ import annotations

import streamlit as st

from components.briefing.build import FORMATS
from components.briefing.content import briefable
from components.data.errors import DataUnavailable
from components.i18n import t
from components.ui import blocks, data, filters
from components.ui.page import guarded

READY = "export_ready"  # (what it was built from, format, the file)


def _size(count: int) -> str:
    return f"{count / 1024:,.0f} KB" if count < 1024 * 1024 else f"{count / 1024 / 1024:,.1f} MB"


@st.fragment  # its widgets and its build rerun it alone, not the page beside it
def control(lang: str) -> None:
    # An expander, not a popover: the sidebar scrolls, so the download button below the build is always reachable.
    # Its form is drawn only while it is open (on_change="rerun" reports that): closed, it costs a page one element.
    box = st.expander(t("export.label", lang), icon=":material/slideshow:", key="export_open", on_change="rerun")
    if box.open:
        with box:
            _form(lang)


def _form(lang: str) -> None:
    st.caption(t("export.intro", lang))
    with guarded():
        topics = briefable(data.topics())
        titles = {topic.key: topic.title(lang) for topic in topics}
        fmt = st.radio(
            t("export.format", lang), list(FORMATS), key="export_format", format_func=lambda f: t(f"export.format.{f}", lang)
        )
        chosen = st.pills(
            t("export.pages", lang),
            list(titles),
            selection_mode="multi",
            default=list(titles),
            key="export_pages",
            format_func=titles.__getitem__,
        )
        # The pages' filters rerun their own sections, so they are read when the button is pressed
        st.caption(t("export.as_filtered", lang))
        seen = filters.shown()
        made_from = (fmt, tuple(chosen), lang, repr(sorted(seen.items())), data.version())
        if st.button(t("export.build", lang), key="export_build", type="primary", disabled=not chosen, width="stretch"):
            st.session_state.pop(READY, None)
            _build(fmt, [topic for topic in topics if topic.key in chosen], lang, seen, made_from)
        ready = st.session_state.get(READY)
        if ready and ready[0] == made_from:
            st.caption(t("export.ready", lang, size=_size(len(ready[2]))))
            st.download_button(
                t("export.download", lang),
                ready[2],
                f"{t('export.file', lang, edition=data.edition(lang))}.{ready[1]}",
                FORMATS[ready[1]][0],
                key="export_download",
                icon=":material/download:",
                on_click="ignore",
                type="primary",
                width="stretch",
            )
        elif not chosen:
            st.caption(t("export.no_pages", lang))


def _build(fmt: str, chosen: list, lang: str, seen: dict, made_from: tuple) -> None:
    from components.briefing.build import build  # the slide and PDF libraries load on the first export only
    from components.briefing.fonts import FontMissing

    bar = st.progress(0.0, text=t("export.progress.layout", lang))

    def progress(share: float, what: str) -> None:
        bar.progress(min(share, 1.0), text=t("export.progress", lang, page=what) if what else t("export.progress.layout", lang))

    def builder(topic, part_key, presenting, choices):
        return data.built(topic, part_key, lang, presenting, choices)

    try:
        made = build(
            data.view(lang), chosen, builder, fmt, seen=seen, edition=data.edition(lang), progress=progress, in_worker=True
        )
    except DataUnavailable as exc:
        bar.empty()
        blocks.error_box(exc.errors)
        return
    except FontMissing as exc:
        bar.empty()
        st.error(exc.message(lang), icon=":material/font_download_off:")
        return
    bar.empty()
    st.session_state[READY] = (made_from, fmt, made)
