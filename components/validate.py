"""The validation command: `python -m components.validate [DATA_DIR] [--lang zh|en]`, exit status 1 on any problem.

It checks the folder with the app's own reader (loader.read_dataset) and prints every problem it found, with file, row
and column, in the maintainer's language; nothing is checked here that the app does not check."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from components.data.errors import DataError
from components.data.loader import DESCRIPTOR, Dataset, data_dir, read_dataset
from components.i18n import DEFAULT_LANG, LANGS, t
from components.topics import needs, registry


def file_status(dataset: Dataset) -> list[tuple[str, tuple[DataError, ...]]]:
    """Every file checked, datapackage.json first then the tables in the package's order, each with its problems
    (an empty tuple: the file is valid): the loader's, then the breaches of the topics' contract (a topic or kind no
    page declares, a figure or item a page needs but the data lacks). The sources page shows the same list."""
    problems = {file: list(errors) for file, errors in dataset.problems.items()}
    for error in needs.problems(dataset, registry.topics(dataset)):
        problems.setdefault(error.file, []).append(error)
    return [(DESCRIPTOR, tuple(problems.pop(DESCRIPTOR, ())))] + [(f, tuple(e)) for f, e in problems.items()]


def report_lines(dataset: Dataset, lang: str) -> list[str]:
    """One line per problem, then a one-line summary."""
    status = file_status(dataset)
    broken = [f for f, errors in status if any(not e.warning for e in errors)]
    lines = [f"{'⚠' if error.warning else '✗'} {error.message(lang)}" for _, errors in status for error in errors]
    separator = "、" if lang == "zh" else ", "
    if broken:
        errors = sum(1 for _, found in status for e in found if not e.warning)
        lines.append(t("validate.failed", lang, problems=errors, count=len(broken), files=separator.join(broken)))
    else:
        lines.append("✓ " + t("validate.all_ok", lang, count=len(status), files=separator.join(f for f, _ in status)))
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m components.validate", description=f"{t('validate.help', 'zh')} / {t('validate.help', 'en')}"
    )
    parser.add_argument(
        "folder", nargs="?", type=Path, help=f"{t('validate.help.folder', 'zh')} / {t('validate.help.folder', 'en')}"
    )
    parser.add_argument(
        "--lang", choices=LANGS, default=DEFAULT_LANG, help=f"{t('validate.help.lang', 'zh')} / {t('validate.help.lang', 'en')}"
    )
    args = parser.parse_args(argv)
    folder = args.folder or data_dir()
    # a console that cannot show a character (✓ on a GBK console) gets "?" rather than a crash
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    dataset = read_dataset(folder)
    print(t("validate.checking", args.lang, folder=folder))
    for line in report_lines(dataset, args.lang):
        print(line)
    return 0 if not any(not e.warning for _, errors in file_status(dataset) for e in errors) else 1


if __name__ == "__main__":
    sys.exit(main())
