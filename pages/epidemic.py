"""疫情防控 · Epidemic response: the command structure, the first-in-city measures and the people mobilised by group."""

import streamlit as st

from components import ui
from components.i18n import t
from components.topics.epidemic import build as epidemic
from components.topics.registry import get
from components.ui.store import shared

TOPIC = get("epidemic")
lang = ui.lang()
ui.page_header(TOPIC)

# Headline figures: the response level, the command structure, the checkpoints, the people mobilised in all
with ui.part():
    shown = shared(epidemic.headlines, lang=lang, presenting=ui.presenting())
    ui.headline_row(shown)


# The main chart: people mobilised by group. A group choice reruns this part only (st.fragment).
@ui.section
def mobilised_by_group() -> None:
    groups = shared(epidemic.choices)
    chosen = ui.url_pills("group", t("epidemic.group.label", lang), list(groups), lambda g: epidemic.group_name(g, lang))
    ui.chart("epidemic_mobilised", shared(epidemic.mobilised_section, lang=lang, chosen=chosen), main=True)
    ui.derived_caption("epidemic.total.caption")


mobilised_by_group()

# The command structure and measures, as the report describes them
st.subheader(t("epidemic.text.title", lang), anchor=False)
with ui.part():
    ui.cards("epidemic_text", shared(epidemic.text, lang=lang))
