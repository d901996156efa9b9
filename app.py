"""Entry point: page navigation, the language and presentation switches, and rotation between pages in presentation mode."""
from __future__ import annotations

import time

import streamlit as st

from components import url_params
from components.i18n import DEFAULT_LANG, LANGS, t
from components.navigation import PAGES, next_page, parse_rotate
from components.presentation import PRESENTATION_CSS

st.set_page_config(page_title="菏泽市开发区 2020 · Heze Development Zone 2020", page_icon=":material/insights:", layout="wide")

# The switches come first so every page reads the chosen language and mode from session state.
url_params.initial("lang", lambda v: url_params.parse_choice(v, LANGS, DEFAULT_LANG))
url_params.initial("present", lambda v: url_params.parse_choice(v, ["1"]))
_, lang_column, present_column = st.columns([5, 1.4, 1.1], vertical_alignment="center")
with lang_column:
    lang = st.segmented_control(
        "语言 / Language", list(LANGS), required=True, key="lang",
        format_func={"zh": "中文", "en": "English"}.get, label_visibility="collapsed",
    )
with present_column:
    st.pills(
        t("app.present", lang), ["1"], key="present",
        format_func=lambda _: t("app.present", lang), label_visibility="collapsed",
    )
url_params.write("lang", lang, DEFAULT_LANG)
url_params.write("present", st.session_state.get("present"))
presenting = st.session_state.get("present") == "1"

pages = {spec.url_path: st.Page(spec.file, title=t(spec.title_key, lang), icon=spec.icon, url_path=spec.url_path,
                                default=spec.url_path == "overview") for spec in PAGES}
sections: dict[str, list] = {}
for spec in PAGES:
    sections.setdefault(t(f"nav.section.{spec.section}", lang), []).append(pages[spec.url_path])
current = st.navigation(sections, position="top" if presenting else "sidebar")

if presenting:
    st.html(PRESENTATION_CSS)
    rotate = parse_rotate(st.query_params.get("rotate"))
    if rotate:
        if st.session_state.get("rotation_page") != current.url_path:
            st.session_state["rotation_page"], st.session_state["rotation_start"] = current.url_path, time.monotonic()
        paused = st.toggle(t("app.rotate.pause", lang, seconds=rotate), key="rotate_paused")

        @st.fragment(run_every=1)
        def advance() -> None:
            # Re-checks once a second; switching only after the full interval keeps pages on screen for `rotate` s.
            elapsed = time.monotonic() - st.session_state.get("rotation_start", time.monotonic())
            if not st.session_state.get("rotate_paused") and elapsed >= rotate:
                target = next_page(current.url_path)
                st.switch_page(pages[target.url_path], query_params={"lang": lang, "present": "1", "rotate": str(rotate)})

        if not paused:
            advance()
else:
    with st.sidebar:
        st.caption(t("app.sidebar.note", lang))

current.run()
