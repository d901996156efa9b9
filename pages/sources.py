"""数据与来源 · Sources: the report with every figure highlighted, its citation, data dictionary, validation, downloads.

It must work with broken data files — it is where a maintainer sees what is wrong — so it warns (never the error box)
and shows what it can: the text stays, unhighlighted where a table is unusable."""

from functools import partial

import streamlit as st

from components import ui
from components.downloads import file_name, folder_zip
from components.i18n import md, t
from components.markdown import plain
from components.topics import sources
from components.ui import data as store
from components.ui import url_params
from components.ui.internals import through_app_shell
from components.ui.page import guarded

through_app_shell()
lang = ui.lang()
st.title(t("nav.sources", lang), anchor=False)
if not ui.presenting():
    st.caption(t("sources.intro", lang))

with guarded(stop=True):
    data = store.dataset()
    report = store.report()
    status = store.status()
    edition = sources.edition(data, lang)
    broken = [file for file, errors in status if any(not e.warning for e in errors)]
    if broken and not ui.presenting():
        st.warning(
            md("sources.validation.top", lang, count=len(broken), files=sources.listing(broken, lang)),
            icon=":material/warning:",
        )

    # sources?fact=<metric>: the figure a page linked from, with its rows, pages and sentence, before the full text
    metric = url_params.parse_choice(st.query_params.get_all(sources.FACT_PARAM), report.metrics)
    url_params.write(sources.FACT_PARAM, metric)  # a tampered or stale fact= leaves the URL, as other pages' filters do
    if metric:
        st.info(report.fact_box_markdown(metric, lang), icon=":material/my_location:")
        links = st.container(horizontal=True)
        links.caption(t("sources.fact.pages", lang), width="content")
        titles = {topic.key: topic.title(lang) for topic in store.topics()}
        for path in report.fact_pages(metric):
            links.markdown(f"[{plain(titles.get(path, path))}]({path}?lang={lang})", width="content")

    # Only the open tab is built (on_change="rerun" gives each tab an .open state): most readers come for the report's
    # text, and the other tabs' tables would otherwise be drawn, hidden, on every visit.
    if ui.presenting():
        text_tab, other_tabs = st.container(), None
    else:
        validation_label = (
            t("sources.tab.validation_problems", lang, count=len(broken)) if broken else t("sources.tab.validation", lang)
        )
        text_tab, *other_tabs = st.tabs(
            [t("sources.tab.text", lang), t("sources.tab.dictionary", lang), validation_label, t("sources.tab.downloads", lang)],
            key=sources.TABS_KEY,
            on_change="rerun",
        )

    if getattr(text_tab, "open", True):
        with text_tab:
            anchored = False  # one anchor on the page, above the first paragraph holding the chosen figure
            if not report.texts:
                st.warning(t("sources.text.unavailable", lang), icon=":material/warning:")
            for text, blocks in store.reading(lang, metric).texts:
                if text.row is None:
                    st.warning(t("sources.citation.missing", lang), icon=":material/warning:")
                elif ui.presenting():
                    st.caption(plain(sources.cite_as(text.row, lang)))
                else:
                    with st.container(border=True):
                        st.markdown(f"**{t('sources.citation.heading', lang)}**")
                        st.markdown(sources.citation_markdown(text.row, lang))
                st.header(t("sources.text.heading", lang), anchor=False)
                if not ui.presenting():
                    sample = sources.HIGHLIGHT.format(t("sources.text.sample", lang))
                    st.caption(t("sources.text.legend", lang, sample=sample) + " " + t("sources.text.language", lang))
                if report.unplaced:
                    st.warning(
                        md("sources.text.unplaced", lang, files=sources.listing(report.unplaced, lang)),
                        icon=":material/warning:",
                    )
                for number, (block, uses) in enumerate(blocks):
                    if block.marked and not anchored:
                        st.subheader(f":material/my_location: {t('sources.fact.here', lang)}", anchor=sources.FACT_ANCHOR)
                        anchored = True
                    if block.heading:
                        st.subheader(block.markdown, anchor=False)
                    else:
                        st.markdown(block.markdown)
                    if uses is not None and not ui.presenting():
                        # The rows behind a paragraph are built when its expander is opened (on_change="rerun" gives it
                        # an .open state): a closed expander's content is still drawn, and the report has a dozen.
                        box = st.expander(
                            t("sources.paragraph.uses", lang, count=len(uses)),
                            expanded=block.marked,
                            key=sources.uses_key(text.source_id, number),
                            on_change="rerun",
                        )
                        if box.open:
                            box.table(uses, hide_index=True)

    def dictionary():
        return sources.table_for_reader(sources.dictionary_frame(data.descriptor, lang), lang, sources.DICTIONARY_HEADERS)

    if other_tabs and other_tabs[0].open:
        fields = dictionary()
        with other_tabs[0]:
            st.caption(t("sources.dictionary.intro", lang))
            if fields.empty:
                st.warning(t("sources.dictionary.unavailable", lang), icon=":material/warning:")
            file_column = t("sources.dictionary.table", lang)
            wide_columns = {
                t(f"sources.dictionary.{c}", lang): st.column_config.TextColumn(width="large")
                for c in ("description", "constraints")
            }
            for resource in sources.resources(data.descriptor, lang):
                st.header(f"{plain(resource['title'])} · {plain(resource['path'])}", anchor=False)
                st.caption(plain(resource["description"]))
                st.dataframe(
                    fields[fields[file_column] == resource["path"]].drop(columns=file_column),
                    hide_index=True,
                    width="stretch",
                    column_config=wide_columns,
                )
            # Ids, data files and paths are for maintainers: here, not beside the report's text.
            with st.expander(t("sources.maintainer.heading", lang), icon=":material/build:"):
                st.caption(t("sources.maintainer.intro", lang))
                st.dataframe(
                    sources.table_for_reader(sources.maintainer_frame(report, lang), lang, sources.MAINTAINER_HEADERS),
                    hide_index=True,
                    width="stretch",
                )

    if other_tabs and other_tabs[1].open:
        with other_tabs[1]:
            st.caption(t("sources.validation.intro", lang))
            valid = [file for file, errors in status if not errors]
            for file, errors in status:
                if errors:
                    st.warning(sources.problems_markdown(file, errors, lang), icon=":material/warning:")
            if valid:
                key = "sources.validation.some_ok" if broken else "sources.validation.all_ok"
                st.success(md(key, lang, count=len(valid), files=sources.listing(valid, lang)), icon=":material/check_circle:")

    if other_tabs and other_tabs[2].open:
        with other_tabs[2]:
            tables, fields = sources.package_tables(data), dictionary()
            left, right = st.columns(2)
            left.download_button(
                t("sources.download.zip", lang),
                partial(folder_zip, data.files),
                file_name(sources.ALL_DATA, lang, "zip", edition),
                "application/zip",
                key="download_zip",
                icon=":material/folder_zip:",
                on_click="ignore",
            )
            left.caption(t("sources.download.zip_note", lang))
            right.download_button(
                t("sources.download.xlsx", lang),
                partial(sources.workbook_bytes, tables, fields),
                file_name(sources.ALL_DATA, lang, "xlsx", edition),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                key="download_xlsx",
                icon=":material/table_view:",
                on_click="ignore",
            )
            right.caption(t("sources.download.xlsx_note", lang))
            missing = [r["path"] for r in sources.resources(data.descriptor, lang) if r["name"] not in tables]
            if missing:
                right.warning(
                    md("sources.download.xlsx_missing", lang, files=sources.listing(missing, lang)),
                    icon=":material/warning:",
                )
