"""对外开放 · Foreign trade: a quarter's trade with its growth, the enterprises that trade, foreign investment, titles."""
import streamlit as st

from components import ui
from components.charts.trade import enterprises_chart, flows_chart
from components.display_frames import facts_frame, table_for_reader
from components.i18n import t
from components.store import dataset, facts
from components.trade import (
    FLOWS, balance_and_share, enterprise_note, enterprise_rows, enterprises_known, flow_cards, flow_label, flows_frame,
    flows_table, heading_period, headline_units, other_cards, period_label, title_cards, title_table, trade_periods,
)

lang = ui.lang()
ui.page_header("trade.title", "trade.intro")

with ui.page_data():
    view, units = facts()
    items = dataset().table("items")
    counted = headline_units(units)

    # A period choice only once the flows have more than one period; the latest is the default
    periods = trade_periods(view)
    period = ui.url_segmented("period", t("trade.filter.period", lang), periods, lambda p: period_label(view, p, lang),
                              periods[-1]) if len(periods) > 1 else None

    # Headline figures: the flows with their year-on-year growth; then enterprises that trade and foreign investment
    # (on a projector those come after the main chart, so that the first row and the chart fill the screen)
    cards = flow_cards(view, lang, period)
    for column, (metric, label) in zip(st.columns(len(cards)), cards):
        ui.fact_headline(column, view, units, metric, period=period, label=label)
    others = other_cards(view, units, lang)

    def show_others() -> None:
        for column, (metric, note) in zip(st.columns(len(others)), others):
            ui.fact_headline(column, view, counted, metric, note=note)
        if not ui.presenting():
            st.caption(t("trade.fdi.no_conversion", lang))

    if not ui.presenting():
        show_others()

    # The main chart: the flows beside the prior-year values their growth implies, the two filters that shape it, and the
    # derived balance and export share. A projector has them beside the chart, so that the chart stays on the first screen.
    st.subheader(t("trade.flows.heading", lang, period=heading_period(view, lang, period)), anchor=False)
    if ui.presenting():
        chart_area, side = st.columns([3, 1])
        filter_area, derived_areas = side.container(), [side, side]
    else:
        filter_area, chart_area = st.container(), st.container()
        derived_areas = st.columns(2)
    with filter_area:  # in a container, not directly in a column, pills wrap instead of scrolling
        chosen = ui.url_pills("flow", t("trade.filter.flow", lang), list(FLOWS), lambda f: flow_label(view, f, lang))
        prior = ui.url_segmented("prior", t("trade.filter.prior", lang), ["1", "0"],
                                 lambda v: t("trade.prior.show" if v == "1" else "trade.prior.hide", lang), "1")
    frame = flows_frame(view, units, lang, period, chosen, prior == "1")
    with chart_area:
        ui.chart_block("trade_flows", flows_chart(frame, lang), flows_table(frame, lang), file_stem="trade_flows",
                       quotes=frame["source_quote"])
    derived = balance_and_share(view, units, lang, period)
    ui.headline(derived_areas[0], t("trade.balance.label", lang), derived["balance_text"], note=derived["balance_note"],
                source=derived["quotes"], derived=True)
    ui.headline(derived_areas[1], t("trade.share.label", lang), derived["share_text"], note=derived["share_note"],
                source=derived["quotes"], derived=True)
    if prior == "1":
        ui.derived_caption("trade.prior.caption")
    if ui.presenting():
        show_others()

    # Enterprises that trade: separate counts, since the report does not say whether the groups overlap
    st.subheader(t("trade.enterprises.heading", lang), anchor=False)
    enterprises = facts_frame(enterprise_rows(view), counted, lang)
    table = table_for_reader(enterprises, lang, {"label": "trade.enterprises.table.group", "value_text": "trade.table.value_text",
                                                 "value": "trade.table.value", "unit": "trade.table.unit",
                                                 "qualifier_text": "trade.table.note", "period_label": "trade.table.period"})
    ui.chart_block("trade_enterprises", enterprises_chart(enterprises, lang), table, file_stem="trade_enterprises",
                   quotes=enterprises["source_quote"])
    st.caption(ui.plain(" ".join(x for x in (enterprises_known(view, units, lang), enterprise_note(view, lang)) if x)))

    # Titles awarded to the zone and to its enterprises
    st.subheader(t("trade.titles.heading", lang), anchor=False)
    titles = title_cards(items, lang)
    ui.cards_block("trade_titles", titles, title_table(titles, lang), file_stem="trade_titles", per_row=len(titles))
