"""项目建设 · Investment projects: the pipeline from negotiation to production, key projects, the named projects."""
import streamlit as st

from components import ui, url_params
from components.charts.investment import pipeline_chart, projects_chart
from components.derived import STAGE_ORDER
from components.display_frames import pipeline_frame
from components.i18n import t
from components.investment import (
    amount_ceiling, average_summary, cards_table, filter_projects, group_cards, headline_units, hidden_by_min_amount,
    industry_cards, industry_label, industry_options, name_list, park_cards, pipeline_table, projects_frame,
    projects_table, selected_project, selection_summary, shared_note, stage_cards,
)
from components.store import dataset, facts

lang = ui.lang()
ui.page_header("investment.title", "investment.intro")

with ui.page_data():
    view, units = facts()
    data = dataset()
    items = data.table("items")
    projects = projects_frame(data.table("projects"), items, view, units, lang)
    order = data.table("facts")["metric"]

    # Headline figures: each stage's total investment and projects; the expected output; the key projects, whose
    # shared caveat is said once. A projector shows the stages above the chart and the rest after it.
    stages, output, key = stage_cards(view, units, lang, compact=ui.presenting()), group_cards(view, "output", order), group_cards(view, "key_projects", order)
    cards_view, key_note = shared_note(view, key, lang)
    counted = headline_units(units)

    def show(cards, columns) -> None:
        for column, card in zip(columns, cards):
            ui.fact_headline(column, cards_view, counted, card.metric, label=card.label)
            if card.note:
                column.caption(card.note)

    if ui.presenting():
        show(stages, st.columns(len(stages)))
    else:
        grid = [1, 1, 1.3]  # three a row, the last a little wider so that "expected CNY 7 bn" is not cut off
        for start in range(0, len(stages + output), len(grid)):
            show((stages + output)[start:start + len(grid)], st.columns(grid))
        show(key, st.columns(grid))
        st.caption(ui.plain(key_note))

    # The main chart: the pipeline by stage, in projects or investment, with the derived average per project
    heading, switch = st.columns([3, 2], vertical_alignment="bottom")
    heading.subheader(t("investment.pipeline.heading", lang), anchor=False)
    with switch:
        measure = ui.url_segmented("measure", t("investment.measure.label", lang), ["investment", "projects"],
                                   lambda m: t(f"investment.measure.{m}", lang), "investment")
    pipeline = pipeline_frame(view, units, measure, lang)
    ui.derived_caption("investment.average.caption", averages=average_summary(pipeline))
    ui.chart_block("investment_pipeline", pipeline_chart(pipeline, measure, lang), pipeline_table(pipeline, measure, lang),
                   file_stem="investment_pipeline", quotes=pipeline["source_quote"])
    if ui.presenting():
        show(output + key, st.columns(len(output) + len(key)))

    # The named projects: filters, then the chart (a click selects a project, kept in the URL) and its table
    st.subheader(t("investment.projects.heading", lang), anchor=False)
    st.caption(t("investment.projects.intro", lang, count=len(projects), with_amount=int(projects["value"].notna().sum())))
    chosen_stages = ui.url_pills("stage", t("investment.filter.stage", lang), list(STAGE_ORDER), lambda s: t(f"stage.{s}", lang))
    chosen_industries = ui.url_pills("industry", t("investment.filter.industry", lang), industry_options(items),
                                     lambda k: industry_label(k, items, lang, short=True))
    left, right = st.columns(2)
    with left:
        min_amount = ui.url_number("min_amount", t("investment.filter.min_amount", lang), 0.0, amount_ceiling(projects), 1.0, 0.0)
    with right:
        query = ui.url_text("q", t("investment.filter.q", lang), t("investment.filter.q.placeholder", lang))
    shown = filter_projects(projects, chosen_stages, chosen_industries, min_amount, query)

    # The selected project lives in the URL; clearing it starts the chart afresh (a new key), so no stale click remains
    url_params.initial("project", lambda v: url_params.parse_choice(v, projects["project_id"].tolist()))
    chart_key = f"investment_projects_{st.session_state.setdefault('investment_project_chart', 0)}"

    def remember_project() -> None:
        st.session_state["project"] = selected_project(st.session_state.get(f"chart_{chart_key}"), projects["project_id"])

    def forget_project() -> None:
        st.session_state["project"] = None
        st.session_state["investment_project_chart"] += 1

    selected = st.session_state.get("project")
    url_params.write("project", selected)
    summary = selection_summary(projects, selected)
    if summary:
        text, button = st.columns([5, 1], vertical_alignment="center")
        text.markdown(t("investment.selected.summary", lang, **{k: ui.plain(v) for k, v in summary.items()}))
        button.button(t("investment.selected.clear", lang), key="clear_project", on_click=forget_project,
                      icon=":material/close:", type="tertiary")
    else:
        st.caption(t("investment.selected.hint", lang))

    if selected and selected not in set(shown["project_id"]):
        st.caption(t("investment.selected.filtered_out", lang))
    table = projects_table(shown, selected, lang)
    if shown.empty:
        st.info(t("investment.projects.empty", lang), icon=":material/filter_alt_off:")
    elif shown["value"].notna().any():
        ui.chart_block(chart_key, projects_chart(shown, lang, selected), table, file_stem="named_projects",
                       quotes=shown["source_quote"], on_select=remember_project, selection_mode="project")
    else:  # only projects without a published amount: nothing to draw, so the table stands alone
        st.dataframe(table, hide_index=True, width="stretch")
        ui.downloads(table, "named_projects", chart_key)
        ui.source_note(shown["source_quote"])
    unpublished = shown.loc[shown["value"].isna(), "label"]
    if not unpublished.empty:
        st.caption(t("investment.projects.unpublished", lang, names=ui.plain(name_list(unpublished, lang))))
    hidden = hidden_by_min_amount(projects, chosen_stages, chosen_industries, min_amount, query)
    if not hidden.empty:
        st.caption(t("investment.projects.hidden", lang, names=ui.plain(name_list(hidden["label"], lang))))
    ui.derived_caption("investment.share.caption")
    st.caption(t("investment.projects.classification", lang))

    # Industries and parks
    st.subheader(t("investment.industries.heading", lang), anchor=False)
    industries_ = industry_cards(items, projects, lang)
    ui.cards_block("investment_industries", industries_, cards_table(industries_, lang), file_stem="industries",
                   per_row=len(industries_))
    st.subheader(t("investment.parks.heading", lang), anchor=False)
    parks = park_cards(items, lang)
    ui.cards_block("investment_parks", parks, cards_table(parks, lang), file_stem="industrial_parks", per_row=len(parks))
