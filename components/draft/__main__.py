"""python -m components.draft REPORT.txt --source-id ID [--data DIR] [--year YYYY] --out DIR

Drafts the rows of a new report for the maintainer to review: reads the report (UTF-8 with or without BOM, UTF-16 with
BOM, or GB18030) and the data folder (default data/), writes facts.csv, projects.csv, non_metric_numbers.csv and
periods.csv into DIR, and prints a summary in Chinese and English. Exit status 0 when written, 2 on a bad argument, 1 when
the report cannot be read or holds no number."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import pandas as pd

from components.draft import PROBLEMS, Draft, Known, draft_report
from components.draft.decoding import decode_report
from components.draft.figures import FALLS, RISES

DATA = Path(__file__).resolve().parents[2] / "data"
REQUIRED = ("facts", "units", "periods", "qualifiers")


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m components.draft", description=__doc__.split("\n\n")[1])
    parser.add_argument("report", type=Path, help="the report's text file")
    parser.add_argument("--source-id", required=True, help="the report's id in sources.csv, e.g. heze-devzone-2021-h1")
    parser.add_argument("--data", type=Path, default=DATA, help="the data folder the draft continues (default: data/)")
    parser.add_argument("--year", type=int, help="the year of 今年 when the text does not say it")
    parser.add_argument("--out", type=Path, required=True, help="the folder to write the draft CSV files into")
    args = parser.parse_args(argv)
    missing = [f"{name}.csv" for name in REQUIRED if not (args.data / f"{name}.csv").is_file()]
    if missing:
        parser.error(f"--data {args.data} lacks {', '.join(missing)}")
    if args.year is not None and not 1900 <= args.year <= 2100:
        parser.error(f"--year {args.year} is not a year")
    if not args.source_id.strip():
        parser.error("--source-id is empty")
    return args


def read_known(folder: Path) -> Known:
    """The data folder's tables the draft needs, every column as text (projects.csv is optional)."""

    def read(name: str) -> pd.DataFrame:
        return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")

    known = Known(*(read(name) for name in REQUIRED))
    if (folder / "projects.csv").is_file():
        known = Known(known.facts, known.units, known.periods, known.qualifiers, read("projects"))
    return known


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(frame.columns)
        writer.writerows(frame.astype(str).itertuples(index=False))


def summary(draft: Draft, out: Path) -> list[str]:
    facts, projects = draft.facts, draft.projects
    written_as_change = facts["as_published"].str.contains(f"{RISES}|{FALLS}") & (facts["yoy_pct"] == "")
    changes = int(written_as_change.sum())
    lines = [
        f"起草了 {len(facts)} 个指标、{len(projects)} 个项目金额,另列 {len(draft.non_metric_numbers)} 个不是指标的数字;"
        f"写入 {out}。",
        f"Drafted {len(facts)} figures and {len(projects)} project amounts, and set aside {len(draft.non_metric_numbers)} "
        f"numbers that are not figures; written to {out}.",
    ]
    if changes > 0:
        lines += [
            f"其中 {changes} 个是没有“同比”的增减(增长9.8%、提高1.8个百分点),各自单列为指标,下降记为负数。",
            f"{changes} of them are changes without 同比 (增长9.8%, 提高1.8个百分点): each is a figure of its own, "
            "negative for a fall.",
        ]
    unknown_units, unknown_periods = "、".join(draft.unknown_units) or "无", "、".join(draft.unknown_periods) or "无"
    lines += [f"units.csv 中没有的单位 / Units not in units.csv: {unknown_units}"]
    lines += [f"无法确定年份的时段 / Periods without a known year: {unknown_periods}"]
    new_periods = "、".join(draft.periods["period"]) or "无"
    lines += [f"periods.csv 中没有的时段(见 periods.csv)/ New periods (see periods.csv): {new_periods}"]
    return lines


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    try:
        raw = args.report.read_bytes()
    except OSError as error:
        print(f"无法读取报告 / Cannot read the report: {args.report} ({error.strerror})", file=sys.stderr)
        return 1
    text = decode_report(raw)
    try:
        known = read_known(args.data)
    except (OSError, ValueError, pd.errors.ParserError) as error:
        print(f"无法读取数据文件夹 / Cannot read the data folder {args.data}: {error}", file=sys.stderr)
        return 1
    draft = draft_report(text, args.source_id, known, report_year=args.year) if text is not None else None
    if draft is None or draft.problems:
        zh, en = PROBLEMS["binary_text"] if draft is None else (draft.problems[0].zh, draft.problems[0].en)
        print(f"{args.report}: {zh} / {en}", file=sys.stderr)
        return 1
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        for name in ("facts", "projects", "non_metric_numbers", "periods"):
            write_csv(getattr(draft, name), args.out / f"{name}.csv")
    except OSError as error:
        print(f"无法写入 / Cannot write to {args.out}: {error.strerror}", file=sys.stderr)
        return 1
    print("\n".join(summary(draft, args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
