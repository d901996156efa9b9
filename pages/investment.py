"""项目建设 · Investment projects: the pipeline from negotiation to production, key projects, the named projects."""

import streamlit as st

from components import ui
from components.figures.derived import STAGE_ORDER
from components.i18n import md, t
from components.topics.investment import build as investment
from components.topics.registry import get
from components.ui import url_params
from components.ui.store import shared

TOPIC = get("investment")
lang = ui.lang()
ui.page_header(TOPIC)

with ui.page_data():
    # A period choice only once the pipeline has more than one period; the latest is the default, and every figure,
    # average, share and named project below is of that period
    options = shared(investment.choices, lang=lang)
    period = (
        ui.url_segmented(
            "period", t("investment.period.label", lang), list(options.periods), options.period_names.get, options.periods[-1]
        )
        if options.periods
        else None
    )


# Headline figures: each stage's total investment and projects, then the main chart; after it the expected output and
# the key projects, whose shared caveat is said once. So the chart comes early on a phone and fits a projector.
def show(cards, key: str) -> None:
    ui.headline_row([card for card, _ in cards], [note for _, note in cards], key=key)


with ui.part():
    show(shared(investment.page, lang=lang, presenting=ui.presenting(), period=period).stages, "headlines")


# The main chart: the pipeline by stage, in projects or investment, with the derived average per project.
# A measure choice reruns this part only (st.fragment), as does a filter or a click in the projects below.
@ui.section
def pipeline_by_measure() -> None:
    heading, switch = st.columns([3, 2], vertical_alignment="bottom")
    heading.subheader(t("investment.pipeline.heading", lang), anchor=False)
    with switch:
        measure = ui.url_segmented(
            "measure",
            t("investment.measure.label", lang),
            list(investment.MEASURES),
            lambda m: t(f"investment.measure.{m}", lang),
            investment.MEASURES[0],
        )
    pipeline = shared(investment.pipeline_section, lang=lang, measure=measure, period=period)
    ui.derived_caption("investment.average.caption", averages=pipeline.averages)
    ui.chart("investment_pipeline", pipeline.chart, main=True)


pipeline_by_measure()
with ui.part():
    shown = shared(investment.page, lang=lang, presenting=ui.presenting(), period=period)
    show(shown.output + shown.key, "headlines_after")
    if not ui.presenting():
        st.caption(ui.plain(shown.key_note))


# The named projects: filters, then the chart (a click selects a project, kept in the URL) and its table
@ui.section
def named_projects() -> None:
    st.subheader(t("investment.projects.heading", lang), anchor=False)
    offered = shared(investment.filters, lang=lang, period=period)
    projects = offered.projects
    st.caption(t("investment.projects.intro", lang, count=len(projects), with_amount=int(projects["value"].notna().sum())))
    chosen_stages = ui.url_pills("stage", t("investment.filter.stage", lang), list(STAGE_ORDER), lambda s: t(f"stage.{s}", lang))
    chosen_industries = ui.url_pills(
        "industry", t("investment.filter.industry", lang), list(offered.industry_names), offered.industry_names.get
    )
    # The amount and name filters are used less: behind a button (a popover is not drawn until opened, and two
    # text inputs cost a tenth of the page's load), with what they are set to said beside it.
    row = st.container(horizontal=True, vertical_alignment="center")
    with row.popover(t("investment.filter.more", lang), icon=":material/tune:"):
        min_amount = ui.url_number("min_amount", t("investment.filter.min_amount", lang), 0.0, offered.amount_ceiling, 1.0, 0.0)
        query = ui.url_text("q", t("investment.filter.q", lang), t("investment.filter.q.placeholder", lang))
    settings = [f"{t('investment.filter.min_amount', lang)} ≥ {min_amount:g}"] if min_amount else []
    settings += [f"{t('investment.filter.q', lang)}:{ui.plain(query)}"] if query else []
    if settings:
        row.caption(" · ".join(settings), width="content")

    # The selected project lives in the URL; clearing it starts the chart afresh (a new key), so no stale click remains
    url_params.initial("project", lambda v: url_params.parse_choice(v, projects["project_id"].tolist()))
    chart_key = f"investment_projects_{st.session_state.setdefault('investment_project_chart', 0)}"

    def remember_project() -> None:
        st.session_state["project"] = investment.selected_project(
            st.session_state.get(f"chart_{chart_key}"), projects["project_id"]
        )

    def forget_project() -> None:
        st.session_state["project"] = None
        st.session_state["investment_project_chart"] += 1

    selected = st.session_state.get("project")
    url_params.write("project", selected)
    summary = investment.selection_summary(projects, selected)
    if summary:
        text, button = st.columns([5, 1], vertical_alignment="center")
        text.markdown(t("investment.selected.summary", lang, **{k: ui.plain(v) for k, v in summary.items()}))
        button.button(
            t("investment.selected.clear", lang),
            key="clear_project",
            on_click=forget_project,
            icon=":material/close:",
            type="tertiary",
        )
    else:
        st.caption(t("investment.selected.hint", lang))

    found = shared(
        investment.projects_section,
        lang=lang,
        stages=chosen_stages,
        industries_=chosen_industries,
        min_amount=min_amount,
        query=query,
        selected=selected,
        period=period,
    )
    if found.selected_hidden:
        st.caption(t("investment.selected.filtered_out", lang))
    if found.table.empty:
        st.info(t("investment.projects.empty", lang), icon=":material/filter_alt_off:")
    elif found.chart is not None:
        ui.chart(chart_key, found.chart, on_select=remember_project, selection_mode="project")
    else:  # only projects without a published amount: nothing to draw, so the table stands alone
        st.dataframe(found.table, hide_index=True, width="stretch")
        ui.sources_and_downloads(found.table, "named_projects", chart_key, found.sources)
    if found.unpublished:
        st.caption(md("investment.projects.unpublished", lang, names=found.unpublished))
    if found.hidden:
        st.caption(md("investment.projects.hidden", lang, names=found.hidden))
    ui.derived_caption("investment.share.caption")
    st.caption(t("investment.projects.classification", lang))


named_projects()

# Industries and parks
with ui.part():
    things = shared(investment.named_things, lang=lang, period=period)
    st.subheader(t("investment.industries.heading", lang), anchor=False)
    ui.cards("investment_industries", things.industries, per_row=len(things.industries.cards))
    st.subheader(t("investment.parks.heading", lang), anchor=False)
    ui.cards("investment_parks", things.parks, per_row=len(things.parks.cards))
