"""数据维护 · Data upkeep: a new report taken in without a programmer. The maintainer gives the report's text (a file or
pasted) and what it is; the app drafts its rows; the maintainer reviews them, here in editable tables or in Excel (the
draft downloaded, the reviewed tables uploaded), while the validator's messages update; previews every page with the
new data in this session only; and downloads the updated data folder to commit (Community Cloud) or copy in (an
intranet server). The app never writes to data/.

Shown only where the deployment turns it on (HEZE_UPKEEP=1, or upkeep = true in the app's secrets): README."""

from pathlib import Path

import streamlit as st

from components import ui, upkeep
from components.downloads import folder_zip, xlsx_bytes
from components.draft import draft_report
from components.draft.decoding import decode_report
from components.i18n import t
from components.markdown import plain
from components.ui import data
from components.ui.internals import through_app_shell
from components.ui.page import guarded
from components.validate import file_status

through_app_shell()
lang = ui.lang()
st.title(t("nav.upkeep", lang), anchor=False)
st.caption(t("upkeep.intro", lang))

with guarded(stop=True):
    base = dict(data.shared_dataset().files)  # the shared folder as the app read it (never its own preview): never written
    known = upkeep.known(base)
    existing = upkeep.tables(base)

# 1. The report: its text, and what it is
st.header(t("upkeep.step.report", lang), anchor=False)
uploaded = st.file_uploader(t("upkeep.upload", lang), type=["txt"], key="upkeep_file")
pasted = st.text_area(t("upkeep.paste", lang), key="upkeep_text", height=140)
text, problem = None, None
if uploaded is not None:
    raw = uploaded.getvalue()
    if len(raw) > upkeep.MAX_TEXT_BYTES:
        problem = t("upkeep.too_large", lang, size=len(raw) // 2**20, most=upkeep.MAX_TEXT_BYTES // 2**20)
    else:
        text = decode_report(raw)
        problem = None if text is not None else t("upkeep.not_text", lang)
elif pasted.strip():
    text = pasted
if problem:
    st.error(problem, icon=":material/error:")
left, right = st.columns(2)
source_id = left.text_input(t("upkeep.source_id", lang), key="upkeep_source_id", placeholder="heze-devzone-2021-h1").strip()
year = right.number_input(t("upkeep.year", lang), min_value=2000, max_value=2100, value=None, step=1, key="upkeep_year")
described = {}
for suffix in ("zh", "en"):  # what a citation of the report says: title, publisher, and what is known of its date
    for field, column in zip(("title", "publisher", "date_note"), st.columns(3)):
        key = f"{field}_{suffix}"
        described[key] = column.text_input(t(f"upkeep.{key}", lang), key=f"upkeep_{key}")
if not text or problem:
    st.info(t("upkeep.waiting", lang), icon=":material/upload_file:")
    st.stop()
if not upkeep.SOURCE_ID.match(source_id):
    st.warning(t("upkeep.source_id.help", lang), icon=":material/badge:")
    st.stop()

# 2. The draft, to review: in the tables here, or in Excel (download, edit, upload); nothing is kept but in this session
st.header(t("upkeep.step.review", lang), anchor=False)
draft = draft_report(text, source_id, known, report_year=int(year) if year else None)
for found in draft.problems:
    st.error(found.zh if lang == "zh" else found.en, icon=":material/error:")  # fixed messages (draft.PROBLEMS)
if draft.problems:
    st.stop()
proposed = {
    "facts": draft.facts,
    "periods": draft.periods,
    "projects": draft.projects,
    "non_metric_numbers": draft.non_metric_numbers,
    "topics": upkeep.new_topics(upkeep.completed(draft.facts), existing["topics"]),
    "units": upkeep.proposed_units(draft.unknown_units, existing["units"]),
}
st.caption(t("upkeep.review.how", lang, figures=len(draft.facts), numbers=len(draft.non_metric_numbers)))
if draft.unknown_units or draft.unknown_periods:
    st.warning(
        t(
            "upkeep.unknown",
            lang,
            units=plain("、".join(draft.unknown_units)) or "—",
            periods=plain("、".join(draft.unknown_periods)) or "—",
        ),
        icon=":material/help:",
    )
row = st.container(horizontal=True, vertical_alignment="center")
row.download_button(
    t("upkeep.draft.download", lang),
    lambda: xlsx_bytes(proposed),
    f"{t('upkeep.draft.file', lang, source=source_id)}.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="upkeep_draft",
    icon=":material/table_view:",
    on_click="ignore",
)
reviewed_files = st.file_uploader(t("upkeep.reviewed", lang), type=["csv"], accept_multiple_files=True, key="upkeep_reviewed")
reviewed = {}
for file in reviewed_files or []:
    name = Path(file.name).stem
    frame = upkeep.read_uploaded(file.name, file.getvalue()) if name in upkeep.REVIEWED else None
    if frame is None:
        st.error(
            t("upkeep.reviewed.unknown", lang, file=plain(file.name), tables=", ".join(f"{n}.csv" for n in upkeep.REVIEWED)),
            icon=":material/error:",
        )
    else:
        reviewed[name] = frame
labels = upkeep.period_labels(lang, existing["periods"], proposed["periods"], reviewed.get("periods"))
columns = {
    "period": st.column_config.SelectboxColumn(options=list(labels)),
    "qualifier": st.column_config.SelectboxColumn(options=list(known.qualifiers["qualifier"])),
    "status": st.column_config.SelectboxColumn(options=["", *known.qualifiers["qualifier"]]),
    "source_quote": st.column_config.TextColumn(width="large"),
}
rows = {}
for name in upkeep.REVIEWED:
    if name in reviewed:
        rows[name] = reviewed[name]
        st.caption(t("upkeep.reviewed.taken", lang, file=f"{name}.csv", count=len(reviewed[name])))
    elif name == "facts":
        rows[name] = st.data_editor(
            proposed[name], key=f"upkeep_{name}", num_rows="dynamic", hide_index=True, column_config=columns
        )
    elif len(proposed[name]):
        with st.expander(t(f"upkeep.review.{name}", lang, count=len(proposed[name]))):
            rows[name] = st.data_editor(proposed[name], key=f"upkeep_{name}", num_rows="dynamic", hide_index=True)
rows["facts"] = upkeep.completed(rows["facts"])

# 3. What the validator says of the folder with the new report, in the reader's language, as it is edited
st.header(t("upkeep.step.check", lang), anchor=False)
choices = list(labels)
covers = st.selectbox(
    t("upkeep.covers", lang),
    choices,
    format_func=lambda period: plain(f"{labels[period] or period} ({period})"),
    index=upkeep.most_cited(rows["facts"], choices),
    key="upkeep_covers",
)
source = {"source_id": source_id, **described, "period": covers, "sort_key": str(upkeep.next_sort_key(base))}
files = upkeep.candidate(base, text, source, rows)
folder = upkeep.written(files, Path(st.session_state.setdefault("upkeep_folder", str(upkeep.new_folder()))))
checked = data.checked(str(folder))
status = [(path, messages) for path, messages in file_status(checked) if messages]
errors = sum(1 for _, messages in status for e in messages if not e.warning)
if errors:
    st.error(t("upkeep.check.failed", lang, count=errors), icon=":material/error:")
else:
    st.success(t("upkeep.check.ok", lang), icon=":material/check_circle:")
for path, messages in status:
    with st.expander(t("upkeep.check.file", lang, file=plain(path), count=len(messages)), expanded=len(status) == 1):
        st.markdown("\n".join(f"- {'⚠' if e.warning else '✗'} {plain(e.message(lang))}" for e in messages))

# 4. The pages with the new data, in this session only; the folder to commit or copy in
st.header(t("upkeep.step.use", lang), anchor=False)
row = st.container(horizontal=True)
previewing = bool(st.session_state.get(data.PREVIEW))
if row.button(
    t("upkeep.preview.stop" if previewing else "upkeep.preview", lang),
    key="upkeep_preview",
    disabled=bool(errors) and not previewing,
):
    st.session_state[data.PREVIEW] = None if previewing else str(folder)
    st.rerun()
row.download_button(
    t("upkeep.download", lang),
    folder_zip(files),
    f"{t('upkeep.zip', lang, source=source_id)}.zip",
    "application/zip",
    key="upkeep_zip",
    icon=":material/folder_zip:",
    on_click="ignore",
    disabled=bool(errors),
)
st.caption(t("upkeep.commit", lang))
