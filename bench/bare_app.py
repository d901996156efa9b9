"""The benchmark's floor: a bare Streamlit page with ?charts=N&metrics=M Altair charts and metrics, and one filter.

Nothing here loads files or caches: it is the least work Streamlit itself needs to draw that many elements, so a real
page's time divided by this page's time says how much the app adds on top of Streamlit.

?marks=plain (the default) draws each chart as plain bars. ?marks=app draws the marks the app's bar charts have, built
here the same way from the same kind of rows: bars, a dashed open end on the lower bounds ("50多" is 50+), a value label
with its unit, a tooltip. That floor tells what the app adds from what its charts themselves cost the browser to draw.
"""

import altair as alt
import pandas as pd
import streamlit as st

MAX_ELEMENTS = 50  # the URL is the only input; keep a typo from building a thousand charts
OPTIONS = ["a", "b", "c"]
FLOOR_PATH = "floor"  # servers.FLOOR_PATH: the benchmark opens the floor there

st.set_page_config(page_title="bench floor", layout="wide")  # wide, like the real app, so charts get the same width


def count(name: str) -> int:
    value = st.query_params.get(name, "0")
    return min(int(value), MAX_ELEMENTS) if value.isdigit() else 0


def plain_bars(rows: pd.DataFrame, title: str) -> alt.Chart:
    return alt.Chart(rows).mark_bar().encode(x="group:N", y="value:Q", color="kind:N").properties(title=title)


def app_bars(rows: pd.DataFrame, title: str) -> alt.LayerChart | alt.FacetChart:
    """Horizontal bars by label with the app's three layers (see components/charts/base.py), written out here."""
    rows = rows.assign(
        label=rows["group"] + " " + rows["kind"],
        value_text=rows["value"].astype(str) + " 个",
        is_bound=rows["kind"].eq("x"),
        open_end=rows["value"] + rows["value"].max() * 0.08,
    )
    rows["label_x"] = rows["open_end"].where(rows["is_bound"], rows["value"])
    base = alt.Chart().encode(
        y=alt.Y("label:N", sort="-x", title=None), tooltip=[alt.Tooltip("label:N"), alt.Tooltip("value_text:N")]
    )
    bar = base.mark_bar(cornerRadiusEnd=3).encode(x=alt.X("value:Q", title="value"))
    open_end = (
        base.transform_filter("datum.is_bound")
        .mark_rule(strokeDash=[6, 4], strokeWidth=3)
        .encode(x=alt.X("value:Q", title="value"), x2=alt.X2("open_end:Q"))
    )
    label = base.mark_text(align="left", dx=6, fontWeight=600).encode(
        x=alt.X("label_x:Q", title="value"), text=alt.Text("value_text:N")
    )
    return alt.layer(bar, open_end, label, data=rows, height=38 * len(rows) + 90, title=title)


def floor() -> None:
    """The page: a title, one filter, `metrics` metrics and `charts` charts."""
    charts, metrics = count("charts"), count("metrics")
    app_marks = st.query_params.get("marks") == "app"
    st.title("Bench floor", anchor=False)

    # The one widget a rerun is timed on: a filter that changes what every chart shows, like a page's pills.
    chosen = st.pills("filter", OPTIONS, selection_mode="multi", key="filter")
    frame = pd.DataFrame({"group": OPTIONS * 2, "kind": ["x"] * 3 + ["y"] * 3, "value": [3, 7, 5, 4, 2, 6]})
    shown = frame[frame["group"].isin(chosen)] if chosen else frame

    for row_start in range(0, metrics, 3):
        for column, index in zip(st.columns(3), range(row_start, min(row_start + 3, metrics))):
            column.metric(f"metric {index + 1}", f"{int(shown['value'].sum()) + index:,}", delta=f"+{index}", border=True)

    for index in range(charts):
        build = app_bars if app_marks else plain_bars
        st.altair_chart(build(shown, f"chart {index + 1}"), width="stretch")


# Served at /floor, not at "/": the app's pages are opened at their own paths (/investment), and a page at a path costs
# Streamlit's frontend a failed probe for a server under that path (/investment/_stcore/health) and a pause before it
# tries "/" (about 130 ms a cold load here), which a floor at "/" would not pay.
st.navigation([st.Page(floor, title="bench floor", url_path=FLOOR_PATH, default=True)], position="hidden").run()
