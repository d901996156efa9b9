"""components/charts/theme.py: every mark colour has 3:1 contrast on the light and the dark background (WCAG 2.x
non-text contrast), and the stage colours stay apart for viewers with each kind of colour-vision deficiency."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from components.charts.theme import BACKGROUND, INK, PALETTE, STAGE_COLOURS, theme_config

# Streamlit's own backgrounds (its light and dark themes), written out here rather than read from the module under test
BACKGROUNDS = {"light": "#FFFFFF", "dark": "#0E1117"}

# Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for Simulation of Color Vision Deficiency",
# severity 1.0: the full dichromacy, applied to linear RGB.
DICHROMACY = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}
# CIE76 ΔE in CIELAB: about 2.3 is just noticeable; bars side by side a reader must tell apart at a glance want far more.
MIN_DELTA_E = 15


def linear_rgb(hex_colour: str) -> np.ndarray:
    srgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance."""
    return float(np.dot([0.2126, 0.7152, 0.0722], linear_rgb(hex_colour)))


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def lab(linear: np.ndarray) -> np.ndarray:
    """CIELAB (D65) of a linear-RGB colour."""
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ np.clip(linear, 0, 1)
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen(hex_colour: str, vision: str) -> np.ndarray:
    linear = linear_rgb(hex_colour)
    return lab(linear if vision == "normal" else np.array(DICHROMACY[vision]) @ linear)


def test_the_helpers_agree_with_known_values():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # the well-known AA borderline grey
    assert np.linalg.norm(seen("#FF0000", "normal") - [53.24, 80.09, 67.20]) < 0.5
    # red and green, far apart for most, collapse for a deuteranope
    red_green = np.linalg.norm(seen("#D62728", "deuteranopia") - seen("#2CA02C", "deuteranopia"))
    assert red_green < np.linalg.norm(seen("#D62728", "normal") - seen("#2CA02C", "normal")) / 2


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("colour", sorted(set(PALETTE + STAGE_COLOURS)))
def test_every_mark_colour_has_3_to_1_on_both_backgrounds(colour, theme):
    assert contrast(colour, BACKGROUNDS[theme]) >= 3, f"{colour} on {theme}"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_ink_of_labels_and_marker_outlines_has_4_5_to_1(theme):
    assert BACKGROUND[theme] == BACKGROUNDS[theme]
    assert contrast(INK[theme], BACKGROUNDS[theme]) >= 4.5
    config = theme_config(dark=theme == "dark")
    assert {style["stroke"] for style in config["style"].values()} == {INK[theme]}, "outlines drawn in the theme's ink"


@pytest.mark.parametrize("vision", ["normal", *DICHROMACY])
def test_the_stage_colours_stay_apart_in_every_kind_of_colour_vision(vision):
    assert len(set(STAGE_COLOURS)) == 5
    for a, b in itertools.combinations(STAGE_COLOURS, 2):
        distance = float(np.linalg.norm(seen(a, vision) - seen(b, vision)))
        assert distance >= MIN_DELTA_E, f"{a} and {b} under {vision}: ΔE {distance:.1f}"
