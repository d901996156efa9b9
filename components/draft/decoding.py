"""A report file's bytes as text: UTF-8 with or without BOM, UTF-16 with BOM (Notepad's "Unicode"), else GB18030 (which
also reads GBK and GB2312); None for bytes that are no text."""

from __future__ import annotations

import codecs


def decode_report(raw: bytes) -> str | None:
    """The text of a report file, or None when the bytes are not text in any of these encodings (then the message to
    show is PROBLEMS["binary_text"])."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in raw:
        return None
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None
