"""Presentation mode (演示模式) styling for any meeting-room screen, from a 1024×768 projector to 1920×1080: type that
scales with the screen, the controls in the navigation bar, no developer chrome, and the page's main chart fitted to
what is left of the first screen. Static CSS only."""

# Selectors are Streamlit's own data-testids and the app's keyed containers (st-key-…); nothing here comes from data,
# so it is safe to pass as HTML.
#
# Type follows the screen's smaller side in proportion (about 20 px at 1920×1080, 14 px at 1366×768, 13 px at 1024×768),
# so a page lays out the same on every projector. The main chart's container is given the height left below it: the
# shell (components/ui/shell.js) measures where it starts into --heze-main-top.
PRESENTATION_CSS = """
<style>
[data-testid="stToolbarActions"], [data-testid="stMainMenu"], [data-testid="stAppDeployButton"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], footer { display: none !important; }
html, body, [data-testid="stApp"] { font-size: clamp(13px, min(1.85vh, 1.05vw), 24px); }
.block-container, [data-testid="stMainBlockContainer"] {
  padding-top: 3.9rem !important; padding-bottom: 0.5rem !important; padding-left: 2rem !important;
  padding-right: 2rem !important; max-width: 100% !important;
}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { gap: 0.6rem; }
.st-key-app_controls {
  position: fixed; top: 0.55rem; right: 1.5rem; z-index: 999991; width: auto !important; gap: 0.9rem;
  background: var(--st-background-color, transparent);
}
.st-key-app_controls [data-testid="stElementContainer"] { width: auto !important; }
/* Below 1280 px the navigation and the controls share too little width: the pause switch keeps its name for screen
   readers and its help, and the countdown beside it says what it is about. */
@media (max-width: 1279px) {
  .st-key-app_controls [data-testid="stCheckbox"] [data-testid="stMarkdownContainer"] {
    position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
  }
}
/* only the space above headings is taken in: Streamlit pulls the next element up by their bottom padding */
h1 { font-size: 2.2rem !important; padding-top: 0 !important; }
h2, h3 { font-size: 1.55rem !important; padding-top: 0.2rem !important; }
[data-testid="stMetricValue"] { font-size: min(2.2rem, 14cqi) !important; line-height: 1.12 !important; }
[data-testid="stMetricLabel"] p { font-size: 1.05rem !important; }
[data-testid="stCaptionContainer"] { font-size: 0.95rem !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.05rem !important; }
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p { font-size: inherit !important; }
/* Streamlit sizes a fixed-height container by its wrapper's flex basis */
:has(> [class*="st-key-main_chart"]) {
  flex: 0 0 auto !important; max-height: none !important;
  height: clamp(10rem, calc(100dvh - var(--heze-main-top, 18rem) - 0.75rem), 40rem) !important;
}
[class*="st-key-main_chart"] { height: 100% !important; overflow: hidden !important; }
</style>
"""
