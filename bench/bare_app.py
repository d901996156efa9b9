"""The benchmark's floor: a bare Streamlit page with ?charts=N&metrics=M simple Altair charts and metrics, and one filter.

Nothing here loads files or caches: it is the least work Streamlit itself needs to draw that many elements, so a real
page's time divided by this page's time says how much the app adds on top of Streamlit.
"""
import altair as alt
import pandas as pd
import streamlit as st

MAX_ELEMENTS = 50  # the URL is the only input; keep a typo from building a thousand charts
OPTIONS = ["a", "b", "c"]

st.set_page_config(page_title="bench floor", layout="wide")  # wide, like the real app, so charts get the same width


def count(name: str) -> int:
    value = st.query_params.get(name, "0")
    return min(int(value), MAX_ELEMENTS) if value.isdigit() else 0


charts, metrics = count("charts"), count("metrics")
st.title("Bench floor", anchor=False)

# The one widget a rerun is timed on: a filter that changes what every chart shows, like a page's pills.
chosen = st.pills("filter", OPTIONS, selection_mode="multi", key="filter")
frame = pd.DataFrame({"group": OPTIONS * 2, "kind": ["x"] * 3 + ["y"] * 3, "value": [3, 7, 5, 4, 2, 6]})
shown = frame[frame["group"].isin(chosen)] if chosen else frame

for row_start in range(0, metrics, 3):
    for column, index in zip(st.columns(3), range(row_start, min(row_start + 3, metrics))):
        column.metric(f"metric {index + 1}", f"{int(shown['value'].sum()) + index:,}", delta=f"+{index}", border=True)

for index in range(charts):
    chart = alt.Chart(shown).mark_bar().encode(x="group:N", y="value:Q", color="kind:N").properties(title=f"chart {index + 1}")
    st.altair_chart(chart, width="stretch")
