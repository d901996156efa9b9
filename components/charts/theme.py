"""The look shared by the app and its charts: colour-blind-safe palette, Chinese-friendly fonts, and on a projector type
that grows with the chart's width, so that it scales with the screen like the page's own text."""

from __future__ import annotations

from typing import Any, cast

import altair as alt

FONT = '"Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
# Okabe–Ito hues, darkened where needed so every mark has at least 3:1 contrast on white (WCAG 2.x non-text).
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#8E4585", "#7A6300", "#808080"]
# The pipeline's stages (在谈, 新签约, 新开工, 续建, 达产): Okabe–Ito hues at the lightness where each has 3:1 on both the
# light and the dark background and the five stay apart under protanopia, deuteranopia and tritanopia.
STAGE_COLOURS = ["#0089D6", "#C15C94", "#A34800", "#A1960D", "#007052"]
DERIVED_OPACITY = 0.45
INK = {"light": "#1F2933", "dark": "#E4E7EB"}
GRID = {"light": "#D9DEE3", "dark": "#3E4751"}
END_STYLE = "end-mark"  # a bound's or an approximate figure's mark (charts/vega.py), in the ink of the viewer's theme
SELECTED_STYLE = "selected"  # a selected bar's outline, in the same ink: a selection is never shown by a colour
BACKGROUND = {"light": "#FFFFFF", "dark": "#0E1117"}  # Streamlit's own, behind the transparent charts
# On a projector, chart type follows the chart's width as the page's type follows the screen (presentation CSS): about
# 13 px at 1024 px wide, 20 at 1600, 24 at 1920 and more.
PRESENTING_SIZE = "clamp(round(width / 78), 13, 24)"


def label_size(presenting: bool = False) -> int:
    """Pixels of chart labels when read up close (and the least they are on a projector)."""
    return 13


def _size(presenting: bool, up_close: int, step: int = 0) -> Any:
    return {"expr": f"{PRESENTING_SIZE} + {step}"} if presenting else up_close + step


def theme_config(dark: bool = False, presenting: bool = False) -> alt.theme.ConfigKwds:
    """Vega-Lite config for light or dark backgrounds, with type that scales on a projector."""
    ink, grid = INK["dark" if dark else "light"], GRID["dark" if dark else "light"]
    label = _size(presenting, 13)
    return {
        "background": "transparent",
        "font": FONT,
        "view": {"stroke": None},
        "range": {"category": PALETTE},
        "title": {"font": FONT, "fontSize": _size(presenting, 13, 2), "color": ink, "anchor": "start", "fontWeight": 600},
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
        "style": cast(Any, {END_STYLE: {"color": ink, "stroke": ink}, SELECTED_STYLE: {"stroke": ink}}),
    }


def em_param(presenting: bool) -> dict[str, Any]:
    """The label size as the spec's EM parameter, by which the value axis leaves its labels room (charts/vega.py)."""
    return {"expr": PRESENTING_SIZE} if presenting else {"value": label_size()}


@alt.theme.register("heze", enable=True)
def heze_theme() -> alt.theme.ThemeConfig:
    return {"config": theme_config()}
