"""Presentation mode (演示模式) styling for a 1920×1080 projector: large type, no developer chrome. Static CSS only."""

# Selectors are Streamlit's own data-testids; nothing here comes from data, so it is safe to pass as HTML.
PRESENTATION_CSS = """
<style>
[data-testid="stToolbarActions"], [data-testid="stMainMenu"], [data-testid="stAppDeployButton"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], footer { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding-top: 3.6rem !important; padding-bottom: 0.5rem !important; max-width: 100% !important; }
html, body, [data-testid="stApp"] { font-size: 20px; }
h1 { font-size: 2.6rem !important; }
h2, h3 { font-size: 1.9rem !important; }
[data-testid="stMetricValue"] { font-size: 2.6rem !important; line-height: 1.15 !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
[data-testid="stMetricLabel"] p { font-size: 1.15rem !important; }
[data-testid="stCaptionContainer"] { font-size: 1rem !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.1rem !important; }
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p { font-size: inherit !important; }
</style>
"""
