"""The look shared by the app and its charts: colour-blind-safe palette, Chinese-friendly fonts, projector sizes."""

from __future__ import annotations

from typing import Any, cast

import altair as alt

FONT = '"Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
# Okabe–Ito hues, darkened where needed so every mark has at least 3:1 contrast on white (WCAG 2.x non-text).
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#8E4585", "#7A6300", "#808080"]
# The pipeline's stages (在谈, 新签约, 新开工, 续建, 达产): Okabe–Ito hues (blue, reddish purple, vermillion, yellow,
# bluish green, production last as "done") at the lightness where each has 3:1 on both the light and the dark
# background and the five stay apart under protanopia, deuteranopia and tritanopia (tests/test_theme.py). Shades of one
# hue were hard to tell apart and could not reach 3:1 on both backgrounds at once.
STAGE_COLOURS = ["#0089D6", "#C15C94", "#A34800", "#A1960D", "#007052"]
DERIVED_OPACITY = 0.45
INK = {"light": "#1F2933", "dark": "#E4E7EB"}
GRID = {"light": "#D9DEE3", "dark": "#3E4751"}
OPEN_END_STYLE = "open-end"  # a lower bound's chevron (charts.base), drawn in the ink of the viewer's theme
# The outline of a selected bar, in the ink of the viewer's theme: a selection is shown by an outline, never by a colour
# or a fading that could read as another stage.
SELECTED_STYLE = "selected"
BACKGROUND = {"light": "#FFFFFF", "dark": "#0E1117"}  # Streamlit's own, behind the transparent charts


def label_size(presenting: bool = False) -> int:
    """Pixels of chart labels: larger on a projector."""
    return 20 if presenting else 13


def theme_config(dark: bool = False, presenting: bool = False) -> alt.theme.ConfigKwds:
    """Vega-Lite config for light or dark backgrounds, with larger type when presenting on a projector."""
    ink, grid = INK["dark" if dark else "light"], GRID["dark" if dark else "light"]
    label, title = label_size(presenting), (24 if presenting else 15)
    return {
        "background": "transparent",
        "font": FONT,
        "view": {"stroke": None},
        "range": {"category": PALETTE},
        "title": {
            "font": FONT,
            "fontSize": title + 2,
            "color": ink,
            "anchor": "start",
            "fontWeight": 600,
            "subtitleFont": FONT,
            "subtitleFontSize": label,
            "subtitleColor": ink,
        },
        "axis": {
            "labelFont": FONT,
            "titleFont": FONT,
            "labelFontSize": label,
            "titleFontSize": label,
            "labelColor": ink,
            "titleColor": ink,
            "gridColor": grid,
            "domainColor": grid,
            "tickColor": grid,
            "labelLimit": 0,
        },
        "legend": {
            "labelFont": FONT,
            "titleFont": FONT,
            "labelFontSize": label,
            "titleFontSize": label,
            "labelColor": ink,
            "titleColor": ink,
            "labelLimit": 0,
            "orient": "bottom",
        },
        "text": {"font": FONT, "fontSize": label, "color": ink},
        # the app's own mark styles, which Altair's typed config does not know by name
        "style": cast(Any, {OPEN_END_STYLE: {"color": ink, "stroke": ink}, SELECTED_STYLE: {"stroke": ink}}),
        "header": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": label, "labelColor": ink},
    }


@alt.theme.register("heze", enable=True)
def heze_theme() -> alt.theme.ThemeConfig:
    return {"config": theme_config()}
