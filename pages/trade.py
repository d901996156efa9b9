"""对外开放 · Foreign trade: a quarter's trade with its growth, the enterprises that trade, foreign investment, titles."""

import streamlit as st

from components import ui
from components.i18n import md, t
from components.topics.registry import get
from components.topics.trade import build as trade
from components.ui.store import shared

TOPIC = get("trade")
lang = ui.lang()
ui.page_header(TOPIC)

with ui.page_data():
    options = shared(trade.choices, lang=lang)
    # A period choice only once the flows have more than one period; the latest is the default
    period = (
        ui.url_segmented(
            "period", t("trade.filter.period", lang), list(options.periods), options.period_names.get, options.periods[-1]
        )
        if options.periods
        else None
    )


# Headline figures: the flows of the period with their year-on-year growth
with ui.part():
    shown = shared(trade.page, lang=lang, presenting=ui.presenting(), period=period)
    ui.headline_row(shown.flows)
st.subheader(md("trade.flows.heading", lang, period=options.period_names.get(period or "", options.latest)), anchor=False)


# The main chart: the flows beside the prior-year values their growth implies, the two filters that shape it, and the
# derived balance and export share, all of the period. A projector has them beside the chart, so that the chart stays on
# the first screen. A flow or prior-year choice reruns this part only (st.fragment).
@ui.section
def flows_with_filters() -> None:
    if ui.presenting():
        chart_area, side = st.columns([3, 1])
        filter_area, derived_areas = side.container(), (side, side)
    else:
        filter_area, chart_area = st.container(), st.container()
        derived_areas = st.columns(2)
    with filter_area:  # in a container, not directly in a column, pills wrap instead of scrolling
        chosen = ui.url_pills("flow", t("trade.filter.flow", lang), list(trade.FLOWS), options.flow_names.get)
        prior = ui.url_segmented(
            "prior",
            t("trade.filter.prior", lang),
            ["1", "0"],
            lambda v: t("trade.prior.show" if v == "1" else "trade.prior.hide", lang),
            "1",
        )
    flows = shared(trade.flows_section, lang=lang, period=period, chosen=chosen, prior=prior == "1")
    with chart_area:
        ui.chart("trade_flows", flows.chart, main=True)
    ui.headline(derived_areas[0], flows.balance)
    ui.headline(derived_areas[1], flows.share)
    if prior == "1":
        ui.derived_caption("trade.prior.caption")


flows_with_filters()

# After the main chart (the flows and their chart come first, on a projector's first screen as on a phone's)
with ui.part():
    context = shared(trade.context, lang=lang, presenting=ui.presenting())

    # Enterprises that trade and foreign investment
    ui.headline_row(context.others, key="headlines_others")
    if not ui.presenting():
        st.caption(t("trade.fdi.no_conversion", lang))

    # Enterprises that trade: separate counts, since the report does not say whether the groups overlap
    st.subheader(t("trade.enterprises.heading", lang), anchor=False)
    ui.chart("trade_enterprises", context.enterprises)
    st.caption(ui.plain(context.enterprises_note))

    # Titles awarded to the zone and to its enterprises
    st.subheader(t("trade.titles.heading", lang), anchor=False)
    ui.cards("trade_titles", context.titles, per_row=len(context.titles.cards))
