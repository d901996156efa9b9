"""The print stylesheet: Ctrl+P on any page gives a clean A4 printout. Static CSS only (no data), added on every run."""

# Streamlit lays a page out in a scrolling container, which a printer would cut after one sheet: in print the
# containers grow to their content. Everything a reader cannot use on paper (navigation, switches, filters, buttons,
# popovers, the ? icons) is hidden; a number and its unit, a chart and a card are never split across lines or sheets.
PRINT_CSS = """
<style>
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"] {
    position: static !important; overflow: visible !important; height: auto !important; min-height: 0 !important;
  }
  [data-testid="stMainBlockContainer"], .block-container {
    padding: 0 !important; max-width: 100% !important; width: 100% !important;
  }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stSkipToContent"], [data-testid="stButtonGroup"], [data-testid="stPopover"],
  [data-testid="stPageLink"], [data-testid="stElementToolbar"], [data-testid="stTooltipIcon"],
  [data-testid="stDownloadButton"], [data-testid="stButton"], [data-testid="stWidgetLabel"], footer {
    display: none !important;
  }
  [data-testid="stMetric"], [data-testid="stVegaLiteChart"], [data-testid="stColumn"], [data-testid="stHeading"] {
    break-inside: avoid; page-break-inside: avoid;
  }
  [data-testid="stHeading"] { break-after: avoid; page-break-after: avoid; }
  [data-testid="stMetricValue"] { font-size: 1.6rem !important; word-break: keep-all; overflow-wrap: normal; }
  [data-testid="stMetricValue"] * { white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
  [data-testid="stCaptionContainer"] { word-break: normal; overflow-wrap: anywhere; }
}
</style>
"""
