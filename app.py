"""Entry point: page navigation, the language and presentation switches, and rotation between pages in presentation mode."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import streamlit as st

from components import ui
from components.data.errors import DataUnavailable
from components.i18n import DEFAULT_LANG, LANGS, t
from components.markdown import plain
from components.topics import registry
from components.topics.registry import DEFAULT, TOPICS, next_topic
from components.topics.sources import build as sources
from components.ui import export, shell, store, url_params
from components.ui.presentation import PRESENTATION_CSS
from components.ui.print_style import PRINT_CSS
from components.ui.screen_style import screen_css

FAVICON = Path(__file__).parent / "components" / "assets" / "favicon.png"

# A local icon: a Material icon would be fetched from a font CDN that an office network may not reach.
st.set_page_config(page_title="菏泽市开发区 2020 · Heze Development Zone 2020", page_icon=str(FAVICON), layout="wide")
# Every part of this run is built from one version of the data folder (a file saved meanwhile waits for the next run).
store.begin_run()

# Language, mode and rotation are plain session values seeded from the URL (and again on Back/Forward): widget values
# would be dropped on a page change, so choosing a page from the menu keeps them. The switches mirror them and store the
# reader's choice through their callbacks; the URL is rewritten on every run.
url_params.initial("lang", lambda v: url_params.parse_choice(v, LANGS, DEFAULT_LANG))
url_params.initial("present", lambda v: url_params.parse_choice(v, ["1"]))
url_params.initial("rotate", url_params.parse_rotate)
st.session_state["lang_switch"], st.session_state["present_switch"] = st.session_state["lang"], st.session_state["present"]
lang = st.session_state["lang"]
presenting = st.session_state.get("present") == "1"
rotate = st.session_state["rotate"] if presenting else None

# One row of controls; on a projector it sits in the navigation bar (components/ui/presentation.py), not above the page.
controls = st.container(key="app_controls", horizontal=True, horizontal_alignment="right", vertical_alignment="center")
with controls:
    if rotate:
        st.toggle(
            t("app.rotate.pause", lang),
            key="rotate_paused",
            help=t("app.rotate.pause.help", lang, seconds=rotate),
            # unpausing gives the page its full time again, rather than jumping on at once
            on_change=lambda: st.session_state.update(rotation_start=time.monotonic()),
        )
    shell_slot = st.empty()
    st.segmented_control(
        "语言 / Language",
        list(LANGS),
        required=True,
        key="lang_switch",
        format_func={"zh": "中文", "en": "English"}.__getitem__,
        label_visibility="collapsed",
        on_change=lambda: st.session_state.update(lang=st.session_state["lang_switch"]),
    )
    st.pills(
        t("app.present", lang),
        ["1"],
        key="present_switch",
        format_func=lambda _: t("app.present", lang),
        label_visibility="collapsed",
        on_change=lambda: st.session_state.update(present=st.session_state["present_switch"]),
    )
url_params.write("lang", lang, DEFAULT_LANG)
url_params.write("present", st.session_state["present"])
url_params.write("rotate", rotate)

# Navigation and rotation follow the topics' declarations (components/topics/registry.py), in their order.
pages = {
    topic.key: st.Page(
        topic.page_file, title=t(topic.title_key, lang), icon=topic.icon, url_path=topic.key, default=topic.key == DEFAULT
    )
    for topic in TOPICS
}
sections: dict[str, list] = {}
for topic in TOPICS:
    sections.setdefault(t(f"nav.section.{topic.nav_section}", lang), []).append(pages[topic.key])
current = st.navigation(sections, position="top" if presenting else "sidebar")

st.html(PRINT_CSS)  # static, no data: what Ctrl+P prints (components/ui/print_style.py)
st.html(screen_css(dark=ui.dark()))  # static, no data: wrapping figures, readable captions, phones

# The default page's url_path reads "" at run time, so the page is identified by the object st.navigation returns.
current_path = next(path for path, page in pages.items() if page is current)
st.set_page_config(page_title=t("app.document_title", lang, page=t(registry.get(current_path).title_key, lang)))

remaining = None
if rotate:
    if st.session_state.get("rotation_page") != current_path:
        st.session_state["rotation_page"], st.session_state["rotation_start"] = current_path, time.monotonic()
    remaining = rotate - (time.monotonic() - st.session_state["rotation_start"])
with shell_slot:
    # A clicker's or keyboard's page step, or the end of the countdown (both only when presenting)
    step = shell.mount(
        lang,
        presenting=presenting,
        remaining=remaining,
        paused=bool(st.session_state.get("rotate_paused")),
        showing=f"{current_path}@{st.session_state.get('rotation_start')}",
    )
if presenting:
    st.html(PRESENTATION_CSS)
    if step:
        query = {"lang": lang, "present": "1", **({"rotate": str(rotate)} if rotate else {})}
        st.switch_page(pages[next_topic(current_path, step).key], query_params=query)
else:
    # Drawn after the page has run (so the filters it has just applied are the ones exported), in a slot above the note
    export_slot = st.sidebar.container()
    # While the data cannot be read (a folder being saved), the page below shows the error box; the note waits.
    with st.sidebar, contextlib.suppress(DataUnavailable):
        st.caption(plain(store.shared_from_dataset(sources.sources_note, lang=lang)))

current.run()
if not presenting:
    with export_slot:
        export.control(lang)
