"""Build a briefing file: the one entry point for the app's export control, the command and the benchmark. The slide
and PDF libraries are imported here, on the first export, so that the app starts no slower for them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from components.briefing.content import Runner, briefing, direct
from components.data.loader import Dataset

# format -> (MIME type, whether it is projected: slides take the projector's short notes, a handout the full ones)
FORMATS: Mapping[str, tuple[str, bool]] = {
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", True),
    "pdf": ("application/pdf", False),
}
direct_runner = direct


def build(
    data: Dataset,
    run: Runner,
    fmt: str,
    lang: str,
    *,
    pages: Sequence[str] | None = None,
    shown: Mapping[str, Mapping[str, Any]] | None = None,
    progress: Callable[[float, str], None] | None = None,
) -> bytes:
    """The briefing of `pages` in `lang` as a .pptx or .pdf file. `progress(share done, what)` is told as it goes:
    gathering each topic takes the first half, laying out the rest. Raises DataUnavailable, or FontMissing for a PDF
    on a machine without a Chinese font."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")

    def gathered(done: int, total: int, title: str) -> None:
        if progress:
            progress(0.5 * done / max(total, 1), title)

    if fmt == "pdf":
        from components.briefing.fonts import cjk_fonts

        cjk_fonts()  # before the work: without a Chinese font there is no handout to make
    brief = briefing(data, run, lang, pages=pages, presenting=FORMATS[fmt][1], shown=shown, progress=gathered)
    if progress:
        progress(0.5, "")
    if fmt == "pptx":
        from components.briefing.deck import deck_bytes

        return deck_bytes(brief)
    from components.briefing.handout import handout_bytes

    def laid_out(done: int, total: int, title: str) -> None:
        if progress:
            progress(0.5 + 0.5 * done / max(total, 1), title)

    return handout_bytes(brief, progress=laid_out)
