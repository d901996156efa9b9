"""Altair chart builders, one module per topic: each takes a DataFrame and returns an alt.Chart (no Streamlit here)."""
