"""The data folder's guard: which paths are files of the folder, what a read refuses (links out, pipes, folders, huge
or unreadable files) without waiting or following, and a state that changes whenever a file does."""

from __future__ import annotations

import os
import threading
import time

import pytest

from components.data import folder
from components.data.folder import MAX_FILE_BYTES, FileFault


@pytest.mark.parametrize(
    "path",
    [
        "http://127.0.0.1:8000/facts.csv",
        "https://example.org/schema.json",
        "file:///etc/passwd",
        "data:text/csv,a,b",
        "C:/data/facts.csv",
        "c:facts.csv",
        "/etc/passwd",
        "//server/share/facts.csv",
        "../facts.csv",
        "../../../../etc/passwd",
        "source/../../facts.csv",
        "source\\..\\..\\facts.csv",
        "facts.csv\0.txt",
        "source//x.txt",
        "source/",
        "",
        None,
        42,
        ["facts.csv"],
    ],
)
def test_paths_that_are_not_files_of_the_folder_are_refused(path):
    with pytest.raises(FileFault) as raised:
        folder.check_path(path)
    assert raised.value.code == "unsafe_path"


@pytest.mark.parametrize("path", ["facts.csv", "source/heze-devzone-2020-report.txt", "./facts.csv", "a.b/c-d_e.csv"])
def test_relative_paths_inside_the_folder_are_accepted(path):
    assert folder.check_path(path) == path


def code(root, relative) -> str:
    with pytest.raises(FileFault) as raised:
        folder.read_file(root, relative)
    return raised.value.code


def test_an_ordinary_file_is_read_whole(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"x,y\n1,2\n")
    assert folder.read_file(tmp_path, "a.csv") == b"x,y\n1,2\n"


def test_a_link_inside_the_folder_is_followed_and_a_link_out_is_not(tmp_path):
    root, outside = tmp_path / "data", tmp_path / "outside.csv"
    (root / "real").mkdir(parents=True)
    (root / "real" / "a.csv").write_bytes(b"inside")
    outside.write_bytes(b"MARKER")
    (root / "in.csv").symlink_to("real/a.csv")
    (root / "out.csv").symlink_to(outside)
    (root / "linked").symlink_to(tmp_path)  # a folder link: the path through it leads out
    assert folder.read_file(root, "in.csv") == b"inside"
    assert code(root, "out.csv") == "outside_folder"
    assert code(root, "linked/outside.csv") == "outside_folder"


def test_folders_pipes_and_devices_are_not_files(tmp_path):
    (tmp_path / "dir.csv").mkdir()
    os.mkfifo(tmp_path / "fifo.csv")
    (tmp_path / "null.csv").symlink_to("/dev/null")  # leads out of the folder, so refused before it is looked at
    assert code(tmp_path, "dir.csv") == "not_a_file"
    assert code(tmp_path, "null.csv") == "outside_folder"
    done = []
    reader = threading.Thread(target=lambda: done.append(code(tmp_path, "fifo.csv")), daemon=True)
    reader.start()
    reader.join(5)
    assert done == ["not_a_file"], "a pipe is refused at once, never waited on"


def test_missing_huge_and_unreadable_files(tmp_path, monkeypatch):
    assert code(tmp_path, "absent.csv") == "missing_file"
    with open(tmp_path / "huge.csv", "wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing written, nothing read
    assert code(tmp_path, "huge.csv") == "too_large"
    (tmp_path / "locked.csv").write_bytes(b"x")
    real_open = os.open

    def denied(path, *args, **kwargs):
        if str(path).endswith("locked.csv"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(folder.os, "open", denied)
    with pytest.raises(FileFault) as raised:
        folder.read_file(tmp_path, "locked.csv")
    assert raised.value.code == "unreadable"
    assert raised.value.detail == "Permission denied" and str(tmp_path) not in raised.value.detail


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode; the simulated denial above covers it")
def test_a_file_without_read_permission_is_unreadable(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"x")
    (tmp_path / "a.csv").chmod(0)
    assert code(tmp_path, "a.csv") == "unreadable"


def test_the_state_changes_with_every_kind_of_edit(tmp_path):
    (tmp_path / "source").mkdir()
    (tmp_path / "a.csv").write_bytes(b"1")
    (tmp_path / "source" / "t.txt").write_bytes(b"t")
    states = [folder.state(tmp_path)]
    edits = [
        lambda: (tmp_path / "a.csv").write_bytes(b"2"),  # same size, in place
        lambda: (tmp_path / "source" / "t.txt").write_bytes(b"tt"),  # in a subfolder
        lambda: (tmp_path / "b.csv").write_bytes(b""),  # added
        lambda: (tmp_path / "b.csv").unlink(),  # removed again
        lambda: (tmp_path / "a.csv").chmod(0o600),  # permissions (a file made readable again is read again)
        lambda: os.replace(tmp_path / "source" / "t.txt", tmp_path / "a.csv"),  # replaced by another file
    ]
    for edit in edits:
        time.sleep(0.02)  # older kernels stamp files to the timer tick (up to 10 ms)
        edit()
        states.append(folder.state(tmp_path))
    assert all(folder.digest(a) != folder.digest(b) for a, b in zip(states, states[1:])), "each edit, a new state"
    assert folder.changed(states[0], states[1]) == {"a.csv"}
    assert folder.state(tmp_path) == states[-1], "unchanged, the same state"


def test_the_state_of_a_folder_that_is_not_there_is_a_state(tmp_path):
    assert folder.state(tmp_path / "nowhere") == folder.state(tmp_path / "nowhere")
