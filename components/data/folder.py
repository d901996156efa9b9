"""The data folder's files and nothing else: a path from the package is checked, a file is read whole and bounded, and
the folder's state (each entry's type, size and times) tells one version of the folder from the next.

Nothing here follows a path outside the folder, opens a pipe or a device, or reaches the network: the loader reads only
through read_file, with paths the descriptor and sources.csv give, so a row or a descriptor cannot make it read
anything else."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path

# A file this large is refused unread: the package's biggest CSV is ~25 KB, so 16 MB leaves room for many reports
# while a stray dump cannot fill the server's memory.
MAX_FILE_BYTES = 16 * 2**20
# A scheme (http:, file:, data:) or a Windows drive (C:): never a file name inside the folder.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Not following a link, not waiting on a pipe (POSIX only; Windows has neither links to follow here nor FIFOs).
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class FileFault(Exception):
    """Why a file was not read: one of the loader's error codes, with the system's words (never its path) as detail."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(code)
        self.code = code
        self.detail = detail


def check_path(text: object) -> str:
    """`text` when it is a relative POSIX path inside the folder, else FileFault("unsafe_path"): no URL or drive, no
    absolute path, no backslash, no `..` or empty part."""
    if (
        not isinstance(text, str)
        or not text
        or "\\" in text
        or "\0" in text
        or text.startswith("/")
        or _SCHEME.match(text)
        or any(part in ("", "..") for part in text.split("/"))
    ):
        raise FileFault("unsafe_path")
    return text


def read_file(root: Path, relative: str) -> bytes:
    """The bytes of the ordinary file at `relative` (checked by check_path) inside `root`, read once, or FileFault: a
    link resolving outside the folder, a directory, pipe or device, an unreadable, missing or oversized file."""
    check_path(relative)
    real_root = os.path.realpath(root)
    real = os.path.realpath(os.path.join(real_root, relative))  # every link resolved, so where it leads can be checked
    try:
        inside = os.path.commonpath([real_root, real]) == real_root
    except ValueError:  # another drive (Windows)
        inside = False
    if not inside:
        raise FileFault("outside_folder")
    try:
        found = os.lstat(real)
        if not stat.S_ISREG(found.st_mode):
            raise FileFault("not_a_file")
        if found.st_size > MAX_FILE_BYTES:
            raise FileFault("too_large", str(MAX_FILE_BYTES // 2**20))
        fd = os.open(real, _OPEN_FLAGS)
        with open(fd, "rb") as file:
            opened = os.fstat(fd)
            # swapped for another file (a pipe, a link) between the check and the open: read it on the next pass
            if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (found.st_dev, found.st_ino):
                raise FileFault("being_saved")
            raw = file.read(MAX_FILE_BYTES + 1)  # grown since the check: still bounded
    except FileNotFoundError:
        raise FileFault("missing_file") from None
    except OSError as exc:  # permission denied, locked (Windows), a link swapped in (ELOOP): the system's words only
        raise FileFault("unreadable", exc.strerror or type(exc).__name__) from None
    if len(raw) > MAX_FILE_BYTES:
        raise FileFault("too_large", str(MAX_FILE_BYTES // 2**20))
    return raw


def state(root: Path) -> tuple:
    """Every entry under `root` (links not followed) with its type, size, modification and change times and inode,
    sorted: equal states mean no file was written, replaced, added or removed in between (to the file system's time
    resolution). Never raises: an entry that cannot be looked at is recorded as such."""
    found: list[tuple] = []
    pending = [""]
    while pending:
        prefix = pending.pop()
        try:
            with os.scandir(os.path.join(root, prefix) if prefix else root) as entries:
                for entry in entries:
                    name = prefix + entry.name
                    try:
                        info = entry.stat(follow_symlinks=False)
                    except OSError as exc:
                        found.append((name, -1, exc.errno))
                        continue
                    found.append((name, stat.S_IFMT(info.st_mode), info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino))
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(name + "/")
        except OSError as exc:
            found.append((prefix, -1, exc.errno))
    return tuple(sorted(found, key=repr))


def changed(before: tuple, after: tuple) -> set[str]:
    """The entries whose state differs between two states of the folder, by path relative to it."""
    return {entry[0] for entry in set(before) ^ set(after)}


def digest(folder_state: tuple) -> str:
    """A short key for a state of the folder (Streamlit hashes a cache key on every cached call)."""
    return hashlib.sha256(repr(folder_state).encode()).hexdigest()
