"""The app's only stylesheet: what Streamlit's own settings (.streamlit/config.toml: theme colours, heading and metric
sizes) and layout arguments cannot do. Static CSS, nothing from data, so it is safe to pass as HTML. Every selector of
Streamlit's internals the app relies on is here, each with its reason (tests/test_style.py counts them)."""

from __future__ import annotations

# Streamlit's internal test ids this file relies on, and why each cannot be avoided.
INTERNAL_SELECTORS = {
    "stMetric": "a metric's label, value and growth are drawn on one line cut with '…': 「3.06亿美元」 lost 美元 on a laptop",
    "stMetricValue": "a value, unlike a label, keeps its number and unit on one line",
    "stMetricLabel": "on a projector a card's label is read from the back of the room: no smaller than chart text",
    "stCaptionContainer": "on a projector the line saying what a figure covers is no smaller than chart text; its links "
    "and highlights keep their contrast",
    "stMainBlockContainer": "on a projector the page starts under the navigation bar, not 6rem below it",
    "stSidebar": "printed (Ctrl+P), a page is its content: the navigation, switches and export stay on screen",
}

# Streamlit draws metric values and labels on one line cut with an ellipsis (on the text's own box, the div around the
# <p>): here labels wrap, and a value keeps its number and unit together (the builders join them with no-break spaces)
# and its type follows its card's width instead (a 390 px phone, seven cards across a projector); only a word wider
# than its card (a 400-letter name in the data) breaks, rather than widening the page.
# A caption fades its text, not the whole line: Streamlit's opacity 0.6 also faded its links (「原文出处」, 3:1 on white)
# and the highlighted sample of the sources page's legend (3.5:1), below WCAG AA's 4.5:1.
# Printed (Ctrl+P), the sidebar is left out: a page on paper is its content.
_SCREEN = """
[data-testid="stMetric"] { container-type: inline-size; }
[data-testid="stMetric"] :is(div:has(> p), p) { white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: anywhere; }
[data-testid="stMetricValue"] { font-size: clamp(1.1rem, 16cqi, 2.25rem); }
[data-testid="stMetricValue"] p { word-break: keep-all; }
[data-testid="stCaptionContainer"] { opacity: 1; color: color-mix(in srgb, currentColor 60%, transparent); }
@media print { [data-testid="stSidebar"] { display: none; } }
"""

# A projector of any size: type follows the screen's smaller side (about 13 px at 1280x720, 20 px at 1920x1080), as
# chart type follows the chart's width (charts/theme.py); the main chart takes the screen left below the headlines; the
# lines that say what a figure covers and the card labels are no smaller than chart text.
_PRESENTING = """
html { font-size: clamp(13px, min(1.85vh, 1.05vw), 24px); }
[data-testid="stMainBlockContainer"] { padding-top: 3.6rem; }
.st-key-app_controls { position: fixed; top: 0.4rem; right: 3.2rem; z-index: 999991; width: auto; }
[class*="st-key-main_chart"] { height: clamp(16rem, calc(100dvh - 24rem), 44rem); }
[data-testid="stCaptionContainer"], [data-testid="stMetricLabel"] p { font-size: 1.1rem; }
"""


def screen_css(presenting: bool) -> str:
    return f"<style>{_SCREEN}{_PRESENTING if presenting else ''}</style>"
