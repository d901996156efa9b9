"""The screen stylesheet every page gets, in reading and presentation mode: figures and labels that wrap instead of
being cut with "…", captions dark enough to read (WCAG AA), and a phone layout. Static CSS, one of two by theme."""

# Streamlit draws metric values, labels and delta notes on one line cut with an ellipsis, so 「3.06亿美元」 loses 美元 on
# a laptop; here they wrap. Values scale down a little with the window so that most still fit on one line.
#
# Captions are Streamlit's text colour at 60 % opacity: 4.05:1 on white and 3.93:1 on the light sidebar, under the
# 4.5:1 that small text needs. They get a solid colour of their own, per theme (contrast checked in tests/test_screen_style.py).
CAPTION = {"light": "#4F5964", "dark": "#B3BAC2"}

_CSS = """
<style>
[data-testid="stMetric"] .stMarkdownEllipsis, [data-testid="stMetric"] .stMarkdownEllipsis p, [data-testid="stMetricValue"],
[data-testid="stMetricLabel"], [data-testid="stMetricDelta"], [data-testid="stMetricDeltaDescription"] {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
[data-testid="stMetricLabel"] p, [data-testid="stMetricDeltaDescription"] p { overflow-wrap: break-word; }
/* the delta and its note share a row; the note goes under the delta when the card is narrow */
[data-testid="stMetricDelta"] { flex-shrink: 0; }
:has(> [data-testid="stMetricDeltaDescription"]) { flex-wrap: wrap !important; row-gap: 0.15rem; }
/* A value is never broken inside a word or between a number and its unit (ui.unbroken joins them): it is sized to its
   card instead (14cqi: 14 % of the card's width, which "10,335 people" just fills), and 「300多亿元」 stays whole. */
[data-testid="stMetric"] { container-type: inline-size; }
[data-testid="stMetricValue"] { font-size: min(clamp(1.6rem, 1.1rem + 1vw, 2.25rem), 14cqi); line-height: 1.15; }
[data-testid="stMetricValue"] p { word-break: keep-all; overflow-wrap: normal; }
[data-testid="stCaptionContainer"] { color: CAPTION !important; opacity: 1 !important; }
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-left: 0.75rem !important; padding-right: 0.75rem !important; }
  [data-testid="stMetricValue"] { font-size: min(1.45rem, 14cqi); }
  h1 { font-size: 2rem !important; }
  [data-testid="stVegaLiteChart"], [data-testid="stVegaLiteChart"] > * { max-width: 100% !important; }
}
</style>
"""


def screen_css(dark: bool) -> str:
    return _CSS.replace("CAPTION", CAPTION["dark" if dark else "light"])
