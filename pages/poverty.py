"""脱贫攻坚 · Poverty alleviation: villages exited, income of poor households and its growth, programmes by theme."""
import streamlit as st

from components import ui
from components.charts.people import by_quantity, people_chart
from components.charts.poverty import income_chart, money_chart
from components.display_frames import table_for_reader
from components.figures import periods_with_history
from components.i18n import t
from components.poverty import (INCOME_METRIC, RELIEF_METRIC, THEMES, growth_texts, income_frame, income_growth,
                                money_frame, outcome_note, period_names, programme_cards, programme_table, reach_frame,
                                theme_name)
from components.store import dataset, facts

lang = ui.lang()
ui.page_header("poverty.title", "poverty.intro")

with ui.page_data():
    view, units = facts()
    items = dataset().table("items")

    periods = periods_with_history(view[view["topic"] == "poverty"])
    period = None
    if len(periods) > 1:
        names = period_names(view, lang)
        period = ui.url_segmented("period", t("poverty.period.label", lang), periods, names.get, periods[-1])

    columns = ui.headline_columns(4)
    note, source = outcome_note(items, lang)
    ui.headline(columns[0], t("poverty.headline.outcome", lang), t("poverty.headline.outcome.value", lang), note=note, source=source)
    ui.fact_headline(columns[1], view, units, INCOME_METRIC, period=period, label=t("poverty.headline.income", lang),
                     note=t("poverty.headline.income.note", lang))
    growth = income_growth(view)
    words = growth_texts(growth, units, lang)
    ui.headline(columns[2], t("poverty.headline.cagr", lang), t("poverty.cagr.value", lang, pct=words["cagr_signed"]),
                derived=True, note=t("poverty.cagr.note", lang, **words), source=growth.after["source_quote"])
    ui.fact_headline(columns[3], view, units, RELIEF_METRIC)
    ui.derived_caption("poverty.growth.formula", **words)

    income = income_frame(view, units, lang)
    ui.chart_block("poverty_income", income_chart(income, lang),
                   table_for_reader(income, lang, {"label": "poverty.table.item", "period_label": "table.period",
                                                   "value_text": "table.value", "qualifier_text": "table.qualifier"}),
                   file_stem="poverty-income", quotes=income["source_quote"])
    st.caption(t("poverty.income.caption", lang))

    st.subheader(t("poverty.programmes", lang), anchor=False)
    themes = ui.url_pills("theme", t("poverty.theme.label", lang), list(THEMES), lambda x: theme_name(x, lang))

    money = money_frame(view, units, lang, themes)
    if money.empty:
        st.info(t("poverty.money.none", lang))
    else:
        ui.chart_block("poverty_money", money_chart(money, lang),
                       table_for_reader(money, lang, {"label": "poverty.table.theme", "measure": "poverty.table.item",
                                                      "value_text": "table.value", "value": "poverty.money.axis",
                                                      "qualifier_text": "table.qualifier", "period_label": "table.period"}),
                       file_stem="poverty-money", quotes=money["source_quote"])
        st.caption(t("poverty.money.caption", lang))

    reach = reach_frame(view, units, lang, themes)
    if reach.empty:
        st.info(t("poverty.reach.none", lang))
    for quantity, frame in by_quantity(reach).items():
        ui.chart_block(f"poverty_reach_{quantity}", people_chart(frame, lang, t(f"poverty.reach.title.{quantity}", lang)),
                       table_for_reader(frame, lang, {"theme": "poverty.table.theme", "label": "poverty.table.item",
                                                      "value_text": "table.value", "qualifier_text": "table.qualifier",
                                                      "period_label": "table.period"}),
                       file_stem=f"poverty-reach-{quantity}", quotes=frame["source_quote"])

    st.subheader(t("poverty.cards.title", lang), anchor=False)
    reports = dataset().source_texts
    cards = programme_cards(view, items, units, lang, themes, reports)
    ui.cards_block("poverty_programmes", cards, programme_table(view, items, units, lang, themes, reports),
                   file_stem="poverty-programmes", per_row=4 if ui.presenting() else 3)
