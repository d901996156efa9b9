"""脱贫攻坚 · Poverty alleviation: villages exited, income of poor households and its growth, programmes by theme."""

import streamlit as st

from components import ui
from components.i18n import t
from components.topics.poverty import build as poverty
from components.topics.registry import get
from components.ui.store import shared

TOPIC = get("poverty")
lang = ui.lang()
ui.page_header(TOPIC)

# Headline figures and the main chart: the outcome, the income for the chosen period (a choice once the income has
# several), its derived growth between the first and last published points, and the income chart
with ui.part():
    options = shared(poverty.choices, lang=lang)
    period = (
        ui.url_segmented(
            "period", t("poverty.period.label", lang), list(options.periods), options.period_names.get, options.periods[-1]
        )
        if options.periods
        else None
    )
    shown = shared(poverty.outcome, lang=lang, presenting=ui.presenting(), period=period)
    ui.headline_row(shown.headlines)
    if shown.growth:  # empty when the income has too few dated points for a growth per year
        ui.derived_caption("poverty.growth.formula", **shown.growth)
    ui.chart("poverty_income", shown.income, main=True)
    st.caption(t("poverty.income.caption", lang))


# The programmes by theme. A theme choice reruns this part only (st.fragment).
@ui.section
def programmes_by_theme() -> None:
    st.subheader(t("poverty.programmes", lang), anchor=False)
    themes = ui.url_pills("theme", t("poverty.theme.label", lang), list(poverty.THEMES), lambda x: poverty.theme_name(x, lang))
    programmes = shared(poverty.programmes, lang=lang, themes=themes)
    if programmes.money is None:
        st.info(t("poverty.money.none", lang))
    else:
        ui.chart("poverty_money", programmes.money)
        st.caption(t("poverty.money.caption", lang))
    if not programmes.reach:
        st.info(t("poverty.reach.none", lang))
    for quantity, block in programmes.reach:
        ui.chart(f"poverty_reach_{quantity}", block)

    st.subheader(t("poverty.cards.title", lang), anchor=False)
    ui.cards("poverty_programmes", programmes.cards, per_row=4 if ui.presenting() else 3)


programmes_by_theme()
