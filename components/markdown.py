"""Data text made inert for Streamlit's Markdown: escaping shared by the pure builders and the UI (no Streamlit here)."""

from __future__ import annotations

import re

# Characters that change Markdown's reading of inline text; "." "(" "-" only matter at a line start, which we never give data.
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]<>#|~$])")


def plain(text: str) -> str:
    """Data text made inert for st.markdown: every Markdown character escaped, so it shows as written."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", str(text))
