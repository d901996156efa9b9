"""数据维护 · Data upkeep: a new report taken in without a programmer. The maintainer gives the report's text (a file or
pasted) and what it is; the app drafts its rows; the maintainer reviews them in editable tables while the validator's
messages update; previews every page with the new data in this session only; and downloads the updated data folder
to commit (Community Cloud) or copy in (an intranet server). The app never writes to data/.

Shown only where the deployment turns it on (HEZE_UPKEEP=1, or upkeep = true in the app's secrets): README."""

from pathlib import Path

import streamlit as st

from components import ui, upkeep
from components.downloads import folder_zip
from components.draft import draft_report
from components.draft.decoding import decode_report
from components.i18n import t
from components.markdown import plain
from components.ui import data
from components.ui.internals import through_app_shell
from components.ui.page import guarded
from components.validate import report_lines

through_app_shell()
lang = ui.lang()
st.title(t("nav.upkeep", lang), anchor=False)
st.caption(t("upkeep.intro", lang))

with guarded(stop=True):
    base = dict(data.dataset().files)  # the folder as the app read it: never written to
    known = upkeep.known(base)

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

periods = known.periods
left, right = st.columns(2)
source_id = left.text_input(t("upkeep.source_id", lang), key="upkeep_source_id", placeholder="heze-devzone-2021-h1").strip()
covered = right.selectbox(
    t("upkeep.covers", lang),
    list(periods["period"]),
    index=len(periods) - 1,
    key="upkeep_period",
    format_func=lambda p: periods.set_index("period").loc[p, f"label_{lang}"],
)
left, right = st.columns(2)
titles = {k: left.text_input(t(f"upkeep.{k}", lang), key=f"upkeep_{k}") for k in ("title_zh", "title_en")}
publishers = {k: right.text_input(t(f"upkeep.{k}", lang), key=f"upkeep_{k}") for k in ("publisher_zh", "publisher_en")}
year = st.number_input(t("upkeep.year", lang), min_value=2000, max_value=2100, value=None, step=1, key="upkeep_year")

if not text or problem:
    st.info(t("upkeep.waiting", lang), icon=":material/upload_file:")
    st.stop()
if not upkeep.SOURCE_ID.match(source_id or ""):
    st.warning(t("upkeep.source_id.help", lang), icon=":material/badge:")
    st.stop()

# 2. The draft, to review: each table editable; nothing is kept but in this session
st.header(t("upkeep.step.review", lang), anchor=False)
draft = draft_report(text, source_id, known, report_year=int(year) if year else None)
for found in draft.problems:
    st.error(found.zh if lang == "zh" else found.en, icon=":material/error:")
if draft.problems:
    st.stop()
if draft.unknown_units or draft.unknown_periods:
    st.warning(
        t("upkeep.unknown", lang, units="、".join(draft.unknown_units) or "—", periods="、".join(draft.unknown_periods) or "—"),
        icon=":material/help:",
    )
columns = {
    "period": st.column_config.SelectboxColumn(options=[*periods["period"], *draft.periods["period"]]),
    "qualifier": st.column_config.SelectboxColumn(options=list(known.qualifiers["qualifier"])),
    "status": st.column_config.SelectboxColumn(options=["", *known.qualifiers["qualifier"]]),
    "unit": st.column_config.SelectboxColumn(options=list(known.units["unit"])),
    "source_quote": st.column_config.TextColumn(width="large"),
}
st.caption(t("upkeep.review.facts", lang, count=len(draft.facts)))
facts = st.data_editor(draft.facts, key="upkeep_facts", num_rows="dynamic", hide_index=True, column_config=columns)
with st.expander(t("upkeep.review.others", lang, count=len(draft.non_metric_numbers) + len(draft.periods) + len(draft.projects))):
    st.caption(t("upkeep.review.periods", lang))
    new_periods = st.data_editor(draft.periods, key="upkeep_periods", num_rows="dynamic", hide_index=True)
    st.caption(t("upkeep.review.projects", lang))
    projects = st.data_editor(draft.projects, key="upkeep_projects", num_rows="dynamic", hide_index=True)
    st.caption(t("upkeep.review.non_metric", lang))
    non_metric = st.data_editor(draft.non_metric_numbers, key="upkeep_non_metric", num_rows="dynamic", hide_index=True)

# 3. What the validator says of the folder with the new report, in the reader's language, as it is edited
st.header(t("upkeep.step.check", lang), anchor=False)
source = {"source_id": source_id, **titles, **publishers, "period": covered, "sort_key": str(upkeep.next_sort_key(base))}
files = upkeep.candidate(
    base, text, source, {"facts": facts, "periods": new_periods, "projects": projects, "non_metric_numbers": non_metric}
)
folder = upkeep.written(files, Path(st.session_state.setdefault("upkeep_folder", str(upkeep.new_folder()))))
checked = data.checked(str(folder))
lines = report_lines(checked, lang)
(st.success if checked.valid else st.error)(
    plain(lines[-1]), icon=":material/check_circle:" if checked.valid else ":material/error:"
)
if len(lines) > 1:
    st.markdown("\n".join(f"- {plain(line)}" for line in lines[:-1]))

# 4. The pages with the new data, in this session only; 5. the folder to commit or copy in
st.header(t("upkeep.step.use", lang), anchor=False)
row = st.container(horizontal=True)
previewing = bool(st.session_state.get(data.PREVIEW))
if row.button(
    t("upkeep.preview.stop" if previewing else "upkeep.preview", lang),
    key="upkeep_preview",
    disabled=not checked.valid and not previewing,
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
    disabled=not checked.valid,
)
st.caption(t("upkeep.commit", lang))
