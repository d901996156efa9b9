"""The Chinese font the handout embeds: Noto Sans CJK SC, from Debian's fonts-noto-cjk (README set-up; packages.txt on
Streamlit Community Cloud) or another install of it. Without one the handout is refused with FontMissing, in the
reader's language, rather than printed with boxes in place of Chinese text."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from components.i18n import t

# Where the well-kept packages put it: Debian/Ubuntu fonts-noto-cjk, Fedora google-noto-sans-cjk-ttc-fonts, Arch
# noto-fonts-cjk, Homebrew's font-noto-sans-cjk. HEZE_CJK_FONT names a regular-weight file elsewhere.
SEARCHED = (
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/google-noto-cjk",
    "/usr/share/fonts/noto-cjk",
    "/usr/share/fonts/truetype/noto",
    "/usr/local/share/fonts",
    str(Path.home() / "Library/Fonts"),
)
REGULAR = ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.otf")


class FontMissing(Exception):
    """No Chinese font to embed: the handout cannot be made."""

    def message(self, lang: str) -> str:
        return t("briefing.font_missing", lang)


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int  # the Simplified Chinese face in a collection (.ttc); 0 for a single font


def _sc_face(path: Path) -> int:
    """The index of the Simplified Chinese face of a font collection, read from its names."""
    if path.suffix.lower() != ".ttc":
        return 0
    from fontTools.ttLib import TTCollection

    with TTCollection(str(path), lazy=True) as collection:
        for index, font in enumerate(collection.fonts):
            family = font["name"].getDebugName(1) or ""
            if family.endswith(" SC"):
                return index
    return 0


def _bold_of(regular: Path) -> Path | None:
    bold = regular.with_name(regular.name.replace("Regular", "Bold"))
    return bold if bold.is_file() else None


@cache
def cjk_fonts() -> tuple[FontFile, FontFile]:
    """(regular, bold) files of Noto Sans CJK SC; bold is the regular one where no bold is installed."""
    given = os.environ.get("HEZE_CJK_FONT")
    candidates = [Path(given)] if given else [Path(d) / name for d in SEARCHED for name in REGULAR]
    for regular in candidates:
        if regular.is_file():
            bold = _bold_of(regular) or regular
            return FontFile(regular, _sc_face(regular)), FontFile(bold, _sc_face(bold))
    raise FontMissing()
