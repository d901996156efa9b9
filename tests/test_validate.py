"""The validation command: the loader's own problems, every one printed with file, row and column, in Chinese or
English; exit status 1 when there is one, 0 and a one-line summary when the folder is valid."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from components import validate
from components.data.loader import DESCRIPTOR, read_dataset
from components.i18n import table as translations
from support import DATA, ROOT

GUIDE = ROOT / "README.md"  # the maintainer's guide is a section of it


def resource_files() -> list[str]:
    return [r["path"] for r in json.loads((DATA / DESCRIPTOR).read_text(encoding="utf-8"))["resources"]]


@pytest.fixture
def broken(tmp_path) -> Path:
    """A copy of data/ with a word for a number in facts.csv and a negative amount in projects.csv."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    facts, projects = folder / "facts.csv", folder / "projects.csv"
    facts.write_text(facts.read_text(encoding="utf-8").replace(",1034,", ",many,"), encoding="utf-8")
    projects.write_text(projects.read_text(encoding="utf-8").replace(",150,", ",-150,"), encoding="utf-8")
    return folder


def test_a_valid_folder_exits_0_with_a_short_summary(capsys):
    assert validate.main([str(DATA)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    files = [DESCRIPTOR] + resource_files()
    assert len(out) == 2, "the folder checked, then one summary line"
    assert str(len(files)) in out[-1] and all(f in out[-1] for f in files)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_problem_of_the_loader_is_printed_in_the_chosen_language(broken, capsys, lang):
    args = [str(broken)] + (["--lang", lang] if lang != "zh" else [])
    assert validate.main(args) == 1
    out = capsys.readouterr().out
    problems = [e for errors in read_dataset(broken).problems.values() for e in errors]
    assert problems
    for problem in problems:
        assert problem.message(lang) in out, "the loader's own message, nothing re-worded"
    # file, row and column of the two edits
    assert re.search(r"facts\.csv.*5.*value", out) and re.search(r"projects\.csv.*2.*amount", out)
    assert ("第" in out) == (lang == "zh")


def test_the_default_folder_is_the_one_the_app_reads(broken, monkeypatch, capsys):
    monkeypatch.setenv("HEZE_DATA_DIR", str(broken))
    assert validate.main([]) == 1
    assert str(broken) in capsys.readouterr().out


def test_a_folder_without_a_package_is_one_clear_problem(tmp_path, capsys):
    assert validate.main([str(tmp_path / "nowhere"), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert DESCRIPTOR in out and "missing or malformed" in out


def test_file_status_lists_the_descriptor_then_the_tables_in_package_order(broken):
    status = validate.file_status(read_dataset(broken))
    assert [f for f, _ in status] == [DESCRIPTOR] + resource_files()
    assert {f for f, errors in status if errors} == {"facts.csv", "projects.csv"}


def test_it_runs_as_a_command():
    done = subprocess.run(
        [sys.executable, "-m", "components.validate", str(DATA), "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "All" in done.stdout and "valid" in done.stdout


def test_the_maintainers_guide_explains_every_message():
    guide = GUIDE.read_text(encoding="utf-8")
    codes = [
        key.split(".", 1)[1]
        for key in translations()
        if key.startswith("error.") and not key.startswith(("error.where.", "error.box."))
    ]
    assert codes
    missing = [code for code in codes if f"`{code}`" not in guide]
    assert not missing, f"the README's maintainer's guide does not explain: {missing}"
