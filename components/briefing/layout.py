"""Layout pieces the slide deck and the handout share: boxes, text fitted to a box, the palette, a chart's periods."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from components.blocks import ChartBlock
from components.briefing.content import Figure
from components.briefing.native import NativeChart, rows
from components.charts.theme import PALETTE
from components.i18n import t

__all__ = ["PALETTE", "Box", "chart_marks", "figure_marks", "figure_texts", "fit", "lines_needed", "periods_of", "text_width"]

EMU_PER_PT = 12700
LINE_HEIGHT = 1.25  # of the font size: what office apps and fpdf2 give a line of CJK text

# Advance widths in em of the Latin glyphs in Arial (and close to Microsoft YaHei's Latin): wider than average, so a
# fitted line errs on the short side. East Asian wide characters are one em.
_NARROW = set("iljtfI.,:;!|'’‘()[]·/ ")
_WIDE = set("mwMW@%")


def _char_width(char: str) -> float:
    # "A" (ambiguous: “ ” · …) is as wide as a Chinese character in a Chinese face, which may draw it
    if unicodedata.east_asian_width(char) in "WFA":
        return 1.0
    if char in _NARROW:
        return 0.3
    if char in _WIDE:
        return 0.86
    if char.isupper():
        return 0.68
    return 0.56


# Office apps put a quarter em between Chinese and Latin text (autospace), and fonts differ between the PC that
# shows a deck and the one that made it: widths are estimated this much wide.
AUTOSPACE, MARGIN_OF_ERROR = 0.25, 1.06


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of one line of text in points at `size`, estimated on the wide side."""
    ems = sum(_char_width(c) for c in text)
    ems += AUTOSPACE * sum(1 for a, b in zip(text, text[1:]) if _wide(a) != _wide(b) and a.isalnum() and b.isalnum())
    return ems * size * (1.08 if bold else 1.0) * MARGIN_OF_ERROR


def _tokens(paragraph: str) -> list[str]:
    """Where a line may break: after any East Asian character, and at spaces between Latin words."""
    tokens: list[str] = []
    word = ""
    for char in paragraph:
        if unicodedata.east_asian_width(char) in "WF":
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        else:
            word += char
            if char == " ":
                tokens.append(word)
                word = ""
    if word:
        tokens.append(word)
    return tokens


def lines_needed(text: str, width: float, size: float, bold: bool = False) -> int:
    """How many lines the text takes in a box `width` points wide, wrapping as office apps do."""
    count = 0
    for paragraph in text.split("\n"):
        line, used = 1, 0.0
        for token in _tokens(paragraph):
            w = text_width(token, size, bold)
            if used and used + text_width(token.rstrip(), size, bold) > width:
                line, used = line + 1, 0.0
            while w > width:  # a word wider than the box breaks inside it
                line, w = line + 1, w - width
            used += w
        count += line
    return count


def fit(
    text: str, width: float, height: float, size: float, min_size: float, *, bold: bool = False, max_lines: int | None = None
) -> float:
    """The largest font size, from `size` down to `min_size` in half points, at which the text fits the box (and takes
    at most `max_lines`); `min_size` when none does."""
    current = size
    while current > min_size:
        lines = lines_needed(text, width, current, bold)
        if lines * current * LINE_HEIGHT <= height and (max_lines is None or lines <= max_lines):
            return current
        current -= 0.5
    return min_size


@dataclass(frozen=True)
class Box:
    """A rectangle in EMU (914,400 to the inch, 12,700 to the point), as python-pptx places shapes."""

    left: int
    top: int
    width: int
    height: int

    @classmethod
    def of(cls, left, top, width, height) -> Box:
        return cls(int(left), int(top), int(width), int(height))

    @property
    def width_pt(self) -> float:
        return self.width / EMU_PER_PT

    @property
    def height_pt(self) -> float:
        return self.height / EMU_PER_PT

    def inset(self, by: int) -> Box:
        return Box(self.left + by, self.top + by, self.width - 2 * by, self.height - 2 * by)

    def grid(self, columns: int, rows: int, gap: int) -> list[Box]:
        """Equal cells, row by row."""
        width = (self.width - gap * (columns - 1)) // columns
        height = (self.height - gap * (rows - 1)) // rows
        return [
            Box(self.left + c * (width + gap), self.top + r * (height + gap), width, height)
            for r in range(rows)
            for c in range(columns)
        ]


def periods_of(block: ChartBlock) -> list[str]:
    """The periods of the figures a chart draws, each once, in order."""
    data = rows(block)
    return list(dict.fromkeys(str(p) for p in data["period_label"].dropna())) if "period_label" in data else []


def figure_texts(figure: Figure, lang: str) -> tuple[str, str, str]:
    """A headline figure as a card says it: label (with the derived badge), value, and what is said under it."""
    headline = figure.headline
    label = headline.label + (f" · {t('derived.badge', lang)}" if headline.derived else "")
    return label, headline.value, " · ".join(x for x in (figure.note, headline.note) if x)


def figure_marks(figures: tuple[Figure, ...] | list[Figure], lang: str) -> list[str]:
    """What the marks among these figures mean: lower bounds and derived figures, where there are any."""
    marks = []
    if any(f.headline.qualifier == "at_least" for f in figures):
        marks.append(t("briefing.bounds", lang))
    if any(f.headline.derived for f in figures):
        marks.append(t("briefing.derived", lang))
    return marks


def chart_marks(block: ChartBlock, chart: NativeChart, filtered: bool, lang: str) -> list[str]:
    """What is said beside a chart: its periods, what its marks mean, and that the reader's filters shaped it."""
    marks = []
    periods = periods_of(block)
    if periods:
        marks.append(t("briefing.period", lang, periods=t("briefing.list_sep", lang).join(periods)))
    if chart.has_bounds:
        marks.append(t("briefing.bounds", lang))
    if chart.has_derived:
        marks.append(t("briefing.derived", lang))
    if filtered:
        marks.append(t("briefing.filtered", lang))
    return marks
