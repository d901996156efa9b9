"""python -m components.draft: the files it writes, its summary, its exit status on good and bad input."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from components.draft import Known, draft_report
from components.draft.__main__ import main

ROOT = Path(__file__).resolve().parents[1]
FIRST = ROOT / "tests" / "fixtures" / "first_report"
HALF_YEAR = ROOT / "tests" / "fixtures" / "draft" / "half-year-2021.txt"
SOURCE_ID = "heze-devzone-2021-h1"
WRITTEN = ("facts", "projects", "non_metric_numbers", "periods")


def run(*args: str | Path) -> int:
    return main([str(a) for a in args])


def header(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def expected_facts() -> pd.DataFrame:
    tables = {n: read(FIRST / f"{n}.csv") for n in ("facts", "units", "periods", "qualifiers", "projects")}
    known = Known(tables["facts"], tables["units"], tables["periods"], tables["qualifiers"], tables["projects"])
    return draft_report(HALF_YEAR.read_text(encoding="utf-8"), SOURCE_ID, known).facts


def test_the_command_writes_the_four_files_and_a_summary(tmp_path, capsys):
    assert run(HALF_YEAR, "--source-id", SOURCE_ID, "--data", FIRST, "--out", tmp_path / "out") == 0
    out = tmp_path / "out"
    for name in WRITTEN:
        assert header(out / f"{name}.csv") == header(FIRST / f"{name}.csv"), name
        raw = (out / f"{name}.csv").read_bytes()
        assert b"\r\n" not in raw and raw.endswith(b"\n")
    pd.testing.assert_frame_equal(read(out / "facts.csv"), expected_facts())
    summary = capsys.readouterr().out
    assert "起草了 44 个指标、4 个项目金额" in summary and "Drafted 44 figures and 4 project amounts" in summary
    assert "万剂次、个百分点" in summary, "the units units.csv does not know"
    assert "2021-H1" in summary, "the new periods"
    assert "没有“同比”的增减" in summary


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "gbk"])
def test_the_command_reads_a_report_with_a_bom_or_in_gb18030(tmp_path, encoding):
    report = tmp_path / "report.txt"
    report.write_bytes(HALF_YEAR.read_text(encoding="utf-8").encode(encoding))
    assert run(report, "--source-id", SOURCE_ID, "--data", FIRST, "--out", tmp_path / "out") == 0
    assert len(read(tmp_path / "out" / "facts.csv")) == len(expected_facts())


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "报告文本为空。 / The report's text is empty."),
        ("没有数字的文本。".encode(), "The report's text holds no number"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00", "This is not a text file"),
        (bytes(range(256)) * 4, "This is not a text file"),
    ],
)
def test_a_report_that_cannot_be_drafted_exits_1_with_one_line(tmp_path, capsys, content, message):
    report = tmp_path / "report.txt"
    report.write_bytes(content)
    assert run(report, "--source-id", "x", "--data", FIRST, "--out", tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_missing_report_exits_1(tmp_path, capsys):
    assert run(tmp_path / "nowhere.txt", "--source-id", "x", "--data", FIRST, "--out", tmp_path / "out") == 1
    assert "Cannot read the report" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [
        ["--data", FIRST, "--out", "OUT"],  # no --source-id
        ["--source-id", "x", "--data", FIRST],  # no --out
        ["--source-id", "x", "--data", FIRST, "--out", "OUT", "--year", "abc"],
        ["--source-id", "x", "--data", FIRST, "--out", "OUT", "--year", "20210"],
        ["--source-id", "x", "--data", FIRST / "source", "--out", "OUT"],  # no data folder there
        ["--source-id", " ", "--data", FIRST, "--out", "OUT"],
    ],
)
def test_a_bad_argument_exits_2(tmp_path, args):
    with pytest.raises(SystemExit) as exit_:
        run(HALF_YEAR, *[tmp_path / "out" if a == "OUT" else a for a in args])
    assert exit_.value.code == 2


def test_python_dash_m_runs_it(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "components.draft", HALF_YEAR, "--source-id", SOURCE_ID, "--data", FIRST, "--out", tmp_path],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert all((tmp_path / f"{name}.csv").is_file() for name in WRITTEN)
