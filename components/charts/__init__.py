"""Chart building shared by every topic: the theme, bars that show lower bounds and derived values, people charts (no Streamlit here)."""
