"""A report file's bytes as text: UTF-8 with or without BOM, else GB18030 (which reads GBK and GB2312); None for binary."""

from __future__ import annotations


def decode_report(raw: bytes) -> str | None:
    """The text of a report file, or None when the bytes are not text in either encoding (then the message to show is
    PROBLEMS["binary_text"])."""
    if b"\x00" in raw:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None
