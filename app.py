"""Entry point: the navigation (a page per topic of the data, then the sources, and the upkeep page where the deployment
turns it on), the language and presentation switches, the sidebar's note and export, and the rotation between topic
pages in presentation mode."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from components.data.errors import DataUnavailable
from components.i18n import DEFAULT_LANG, LANGS, t
from components.markdown import plain
from components.topics import sources as sources_text
from components.ui import data, export, page, shell, style, url_params

FAVICON = Path(__file__).parent / "components" / "assets" / "favicon.png"
UPKEEP_ENV = "HEZE_UPKEEP"  # "1" shows the maintainer's page (or upkeep = true in the app's secrets)

# A local icon: a Material icon would be fetched from a font CDN that an office network may not reach.
st.set_page_config(page_title=t("app.name", DEFAULT_LANG), page_icon=str(FAVICON), layout="wide")
data.begin_run()  # every part of this run is built from one version of the data folder

# Language, mode and rotation are session values seeded from the URL (and again on Back/Forward), so that a page change
# keeps them; the switches mirror them and store the reader's choice through their callbacks.
url_params.initial("lang", lambda v: url_params.parse_choice(v, LANGS, DEFAULT_LANG))
url_params.initial("present", lambda v: url_params.parse_choice(v, ["1"]))
url_params.initial("rotate", url_params.parse_rotate)
lang = st.session_state["lang"]
presenting = st.session_state.get("present") == "1"
rotate = st.session_state["rotate"] if presenting else None
st.set_page_config(initial_sidebar_state="collapsed" if presenting else "auto")
# First, before anything is drawn: a style arriving after the page would shift it (layout shift on a projector).
st.html(style.screen_css(presenting))

st.session_state["lang_switch"], st.session_state["present_switch"] = lang, st.session_state["present"]
# The switches head the sidebar (the page's title then starts at the top); a projector, which has no sidebar, has them
# in its navigation bar (components/ui/style.py).
controls = (st.container if presenting else st.sidebar.container)(
    key="app_controls", horizontal=True, horizontal_alignment="right" if presenting else "left", vertical_alignment="center"
)
with controls:
    if rotate:
        st.toggle(
            t("app.rotate.pause", lang),
            key="rotate_paused",
            help=t("app.rotate.pause.help", lang, seconds=rotate),
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


def topic_page(key: str):
    """A page for a topic of the data with no page written for it, drawn from its rows."""

    def draw() -> None:
        page.topic_page(key)

    draw.__name__ = f"topic_{key}"
    return draw


topics = data.topics()
pages = {
    topic.key: st.Page(
        topic.page_file or topic_page(topic.key),
        title=plain(topic.title(lang)),  # the navigation reads Markdown, and a topic's name is data text
        icon=topic.icon or ":material/insights:",
        url_path=topic.key,
        default=number == 0,
    )
    for number, topic in enumerate(topics)
}
pages["sources"] = st.Page("pages/sources.py", title=t("nav.sources", lang), icon=":material/menu_book:", url_path="sources")


def upkeep_on() -> bool:
    """The maintainer's page is for a deployment that turns it on, never for the public by default."""
    if os.environ.get(UPKEEP_ENV) == "1":
        return True
    try:
        return st.secrets.get("upkeep") is True
    except StreamlitSecretNotFoundError:  # no secrets file: off
        return False


if upkeep_on():
    pages["upkeep"] = st.Page("pages/upkeep.py", title=t("nav.upkeep", lang), icon=":material/build:", url_path="upkeep")
sections: dict[str, list] = {}
for topic in topics:
    sections.setdefault(t(f"nav.section.{topic.section or 'economy'}", lang), []).append(pages[topic.key])
sections.setdefault(t("nav.section.data", lang), []).extend(p for k, p in pages.items() if k in ("sources", "upkeep"))
current = st.navigation(sections, position="top" if presenting else "sidebar")
current_key = next(key for key, p in pages.items() if p is current)

with contextlib.suppress(DataUnavailable):
    edition = sources_text.edition(data.dataset(), lang)
    title = next((topic.title(lang) for topic in topics if topic.key == current_key), current.title)  # as written
    st.set_page_config(page_title=t("app.document_title", lang, page=title, edition=edition))

# Rotation shows what a meeting looks at: the topic pages, never the sources or upkeep pages.
rotation = [topic.key for topic in topics]
remaining = None
if rotate:
    if st.session_state.get("rotation_page") != current_key:
        st.session_state["rotation_page"], st.session_state["rotation_start"] = current_key, time.monotonic()
    remaining = rotate - (time.monotonic() - st.session_state["rotation_start"])
with shell_slot:
    step = shell.mount(
        lang,
        presenting=presenting,
        remaining=remaining,
        paused=bool(st.session_state.get("rotate_paused")),
        showing=f"{current_key}@{st.session_state.get('rotation_start')}",
    )
if presenting and step:
    # from a page outside the rotation (sources, upkeep): forward to the first topic page, back to the last
    here = rotation.index(current_key) if current_key in rotation else (-1 if step > 0 else 0)
    query = {"lang": lang, "present": "1", **({"rotate": str(rotate)} if rotate else {})}
    st.switch_page(pages[rotation[(here + step) % len(rotation)]], query_params=query)
if st.session_state.get(data.PREVIEW):  # the upkeep page's preview: this session reads a candidate folder, no one else
    with st.sidebar:
        st.warning(t("upkeep.preview.on", lang), icon=":material/preview:")
        if st.button(t("upkeep.preview.stop", lang), key="preview_stop"):
            st.session_state[data.PREVIEW] = None
            st.rerun()
if not presenting:
    export_slot = st.sidebar.container()  # filled after the page has run, with the filters it has just applied
    with st.sidebar, contextlib.suppress(DataUnavailable):
        st.caption(plain(sources_text.sources_note(data.dataset(), lang=lang)))

current.run()
if not presenting:
    with export_slot:
        export.control(lang)
