"""Text fitted to a box, for the slides and the handout alike: the width of a line estimated on the wide side (as
office apps wrap), the lines a text takes, and the largest size at which it fits. Sizes in points."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

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


# A word wider than its box would break inside it ("attendanc / es"): no size at which that happens fits.
UNBREAKABLE = 10**6


def lines_needed(text: str, width: float, size: float, bold: bool = False) -> int:
    """How many lines the text takes in a box `width` points wide, wrapping as office apps do (UNBREAKABLE when a word
    is wider than the box)."""
    count = 0
    for paragraph in text.split("\n"):
        line, used = 1, 0.0
        for token in _tokens(paragraph):
            w = text_width(token, size, bold)
            if text_width(token.rstrip(), size, bold) > width:
                return UNBREAKABLE
            if used and used + text_width(token.rstrip(), size, bold) > width:
                line, used = line + 1, 0.0
            used += w
        count += line
    return count


def fit(text: str, box: Box, size: float, min_size: float, *, bold: bool = False, max_lines: int | None = None) -> float:
    """The largest font size, from `size` down to `min_size` in half points, at which the text fits the box (and takes
    at most `max_lines`); `min_size` when none does."""
    current = size
    while current > min_size:
        if fits(text, box, current, bold, max_lines):
            return current
        current -= 0.5
    return min_size


@dataclass(frozen=True)
class Box:
    """A rectangle in points."""

    left: float
    top: float
    width: float
    height: float

    def inset(self, by: float) -> Box:
        return Box(self.left + by, self.top + by, self.width - 2 * by, self.height - 2 * by)

    def below(self, height: float, gap: float = 0) -> Box:
        """A box of `height` under this one."""
        return Box(self.left, self.top + self.height + gap, self.width, height)

    def split(self, first: float) -> tuple[Box, Box]:
        """This box cut in two across, the first `first` points high."""
        return Box(self.left, self.top, self.width, first), Box(self.left, self.top + first, self.width, self.height - first)

    def grid(self, columns: int, rows: int, gap: float) -> list[Box]:
        """Equal cells, row by row."""
        width = (self.width - gap * (columns - 1)) / columns
        height = (self.height - gap * (rows - 1)) / rows
        return [
            Box(self.left + c * (width + gap), self.top + r * (height + gap), width, height)
            for r in range(rows)
            for c in range(columns)
        ]


def fits(text: str, box: Box, size: float, bold: bool = False, max_lines: int | None = None) -> bool:
    lines = lines_needed(text, box.width, size, bold)
    return lines * size * LINE_HEIGHT <= box.height and (max_lines is None or lines <= max_lines)
