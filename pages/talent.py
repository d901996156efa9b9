"""招才引智 · Talent: people brought in by channel (people and person-visits apart), innovation platforms and events."""
import streamlit as st

from components import ui
from components.charts.people import by_quantity, people_chart
from components.display_frames import table_for_reader
from components.i18n import t
from components.store import dataset, facts
from components.talent import KINDS, PEOPLE_METRICS, item_cards, item_table, people_frame

lang = ui.lang()
ui.page_header("talent.title", "talent.intro")

with ui.page_data():
    view, units = facts()

    # two a row for reading: "50+ person-times" needs the width; a projector gets all four in one row
    per_row = len(PEOPLE_METRICS) if ui.presenting() else 2
    columns = [column for _ in range(0, len(PEOPLE_METRICS), per_row) for column in st.columns(per_row)]
    for column, metric in zip(columns, PEOPLE_METRICS):
        ui.fact_headline(column, view, units, metric, label=t(f"{metric}.short", lang), note=t(f"{metric}.note", lang))

    kind = ui.url_segmented("kind", t("talent.kind.label", lang), list(KINDS), lambda k: t(f"talent.kind.{k}", lang), "people")

    if kind == "people":
        parts = by_quantity(people_frame(view, units, lang))
        for quantity, frame in parts.items():
            table = table_for_reader(frame, lang, {"label": "talent.table.channel", "value_text": "table.value",
                                                   "qualifier_text": "table.qualifier", "period_label": "table.period",
                                                   "note": "talent.table.note"})
            ui.chart_block(f"talent_{quantity}", people_chart(frame, lang, t(f"talent.people.title.{quantity}", lang)),
                           table, file_stem=f"talent-{quantity}", quotes=frame["source_quote"])
        st.caption(t("talent.people.caption", lang))
    else:
        cards = item_cards(dataset().table("items"), kind, lang)
        ui.cards_block(f"talent_{kind}", cards, item_table(cards, kind, lang), file_stem=f"talent-{kind}")
