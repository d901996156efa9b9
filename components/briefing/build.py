"""Build a briefing file: the one entry point for the app's export control, the command and the benchmark. The slide
and PDF libraries are imported here, on the first export, so that the app starts no slower for them."""

from __future__ import annotations

import multiprocessing
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from importlib.machinery import ModuleSpec
from typing import Any

from components.briefing.content import Briefing, Builder, briefing
from components.topics.parts import Topic, View

# format -> (MIME type, whether it is projected: slides take the projector's short notes, a handout the full ones)
FORMATS: Mapping[str, tuple[str, bool]] = {
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", True),
    "pdf": ("application/pdf", False),
}


def lay_out(brief: Briefing, fmt: str) -> bytes:
    """The briefing laid out as slides or a handout."""
    if fmt == "pptx":
        from components.briefing.deck import deck_bytes

        return deck_bytes(brief)
    from components.briefing.handout import handout_bytes

    return handout_bytes(brief)


# The app lays out in one worker process, started on the first export and kept: the layout is CPU-bound Python (font
# subsetting, PDF writing) that would otherwise hold the server's GIL and slow every other viewer's page while it runs.
# Spawned, not forked: the server has threads. A worker that dies is replaced, and meanwhile the layout runs here.
_worker: ProcessPoolExecutor | None = None
_worker_lock = threading.Lock()


def _main_not_imported_by_workers() -> None:
    """A spawned process first imports the main module of its parent, and under Streamlit that is the running script
    (Streamlit installs it as __main__): the worker ran app.py outside the server, failed, and every export fell back
    to this process. A main module that names itself __main__ is one multiprocessing leaves alone; Streamlit's has no
    name (no __spec__), so it is given that one before a worker starts."""
    main = sys.modules.get("__main__")
    if main is not None and getattr(main, "__spec__", None) is None:
        main.__spec__ = ModuleSpec("__main__", None)


def _in_worker(brief: Briefing, fmt: str) -> bytes:
    global _worker
    with _worker_lock:
        if _worker is None:
            _worker = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        worker = _worker
        _main_not_imported_by_workers()  # the worker process starts on the first submit
    try:
        return worker.submit(lay_out, brief, fmt).result()
    except BrokenProcessPool:
        with _worker_lock:
            _worker = None
        return lay_out(brief, fmt)


def build(
    view: View,
    topics: Sequence[Topic],
    builder: Builder,
    fmt: str,
    *,
    seen: Mapping[str, Mapping[str, Any]] | None = None,
    edition: str = "",
    progress: Callable[[float, str], None] | None = None,
    in_worker: bool = False,
) -> bytes:
    """The briefing of `topics` in view's language as a .pptx or .pdf file. `progress(share done, what)` is told as
    each topic is gathered (the first half); the layout is the rest, in the worker process when `in_worker` (the app).
    Raises DataUnavailable, or FontMissing for a PDF on a machine without a Chinese font."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")

    def gathered(done: int, total: int, title: str) -> None:
        if progress:
            progress(0.5 * done / max(total, 1), title)

    if fmt == "pdf":
        from components.briefing.fonts import cjk_fonts

        cjk_fonts()  # before the work: without a Chinese font there is no handout to make
    projected = View(view.data, view.figures, view.lang, FORMATS[fmt][1])
    brief = briefing(projected, topics, builder, seen=seen, edition=edition, progress=gathered)
    if progress:
        progress(0.5, "")
    return _in_worker(brief, fmt) if in_worker else lay_out(brief, fmt)
