"""The validation command (components/validate.py, `python -m components.validate DIR --lang`): its exit status, a line
per problem naming file, row and column in the maintainer's language, warnings marked ⚠, and a summary of errors only."""

from __future__ import annotations

import shutil

import pytest

from components import validate
from components.i18n import t
from support import FIRST_REPORT, edit_csv


@pytest.fixture
def copy(tmp_path):
    return shutil.copytree(FIRST_REPORT, tmp_path / "data")


def run(folder, lang: str, capsys) -> tuple[int, list[str]]:
    status = validate.main([str(folder), "--lang", lang])
    return status, capsys.readouterr().out.splitlines()


def test_the_first_report_is_valid(capsys):
    status, lines = run(FIRST_REPORT, "zh", capsys)
    assert status == 0
    assert lines[0] == t("validate.checking", "zh", folder=FIRST_REPORT)
    assert not [line for line in lines if line[:1] in ("✗", "⚠")]
    assert lines[-1].startswith("✓ ") and "datapackage.json" in lines[-1] and "facts.csv" in lines[-1]


def test_a_broken_copy_fails_with_a_line_per_problem_in_either_language(copy, capsys):
    value_row = edit_csv(copy / "facts.csv", "metric", "trade.fdi.utilised", column="value", new="3.06亿")
    role_row = edit_csv(copy / "items.csv", "item_id", "park.equipment", column="role", new="boss")
    for lang in ("zh", "en"):
        status, lines = run(copy, lang, capsys)
        assert status == 1
        problems = [line for line in lines if line.startswith("✗ ")]
        assert len(problems) == 3, problems  # the two cells, and projects.csv, which needs items.csv
        where = [
            t("error.where.cell", lang, file="facts.csv", row=value_row, column="value"),
            t("error.where.cell", lang, file="items.csv", row=role_row, column="role"),
            t("error.where.file", lang, file="projects.csv"),
        ]
        for place in where:
            assert sum(line.startswith(f"✗ {place}: ") for line in problems) == 1, (place, problems)
        assert "3.06亿" in "\n".join(problems) and "boss" in "\n".join(problems)
        # the files in the package's order (facts, projects, items), the problems counted
        files = ("、" if lang == "zh" else ", ").join(["facts.csv", "projects.csv", "items.csv"])
        assert lines[-1] == t("validate.failed", lang, problems=3, count=3, files=files)


def test_warnings_alone_pass(copy, capsys):
    label_row = edit_csv(copy / "facts.csv", "period", "2019-end", column="label_zh", new="贫困户人均纯收入")
    status, lines = run(copy, "en", capsys)
    assert status == 0
    (warning,) = [line for line in lines if line[:1] in ("✗", "⚠")]
    assert warning.startswith(f"⚠ {t('error.where.cell', 'en', file='facts.csv', row=label_row, column='label_zh')}: ")
    assert lines[-1].startswith("✓ ")


def test_the_summary_counts_errors_only(copy, capsys):
    edit_csv(copy / "items.csv", "item_id", "park.equipment", column="role", new="boss")
    edit_csv(copy / "facts.csv", "period", "2019-end", column="label_zh", new="贫困户人均纯收入")
    status, lines = run(copy, "en", capsys)
    assert status == 1
    assert len([line for line in lines if line.startswith("⚠ ")]) == 1
    assert len([line for line in lines if line.startswith("✗ ")]) == 2  # items.csv, and projects.csv needing it
    assert lines[-1].startswith("2 problem(s) in 2 file(s): ") and "facts.csv" not in lines[-1]


def test_a_folder_with_no_package_is_one_problem(tmp_path, capsys):
    status, lines = run(tmp_path, "en", capsys)
    assert status == 1
    assert [line for line in lines if line.startswith("✗ ")] == [
        f"✗ {t('error.where.file', 'en', file='datapackage.json')}: "
        + t("error.bad_descriptor", "en", detail="No such file or directory")
    ]
