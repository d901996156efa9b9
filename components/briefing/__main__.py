"""python -m components.briefing --lang zh|en [--pages investment,trade] --out FILE.pptx|FILE.pdf

Builds the briefing of the data folder (HEZE_DATA_DIR, else data/) without the app, every page unfiltered: for
maintainers, the tests and the benchmark. Exit status 0 when written, 2 on a bad argument, 1 on a data or font problem."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from components.briefing import build
from components.briefing.content import briefable, direct
from components.briefing.fonts import FontMissing
from components.data.errors import DataUnavailable
from components.data.loader import read_dataset
from components.i18n import LANGS
from components.topics import registry, sources
from components.topics.parts import View


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m components.briefing", description=(__doc__ or "").split("\n\n")[1])
    parser.add_argument("--lang", required=True, choices=LANGS, help="language of the briefing")
    parser.add_argument("--pages", default="", help="comma-separated pages, in navigation order (default: all)")
    parser.add_argument("--out", required=True, type=Path, help="the file to write: .pptx for slides, .pdf for the handout")
    args = parser.parse_args(argv)
    args.format = args.out.suffix.lower().lstrip(".")
    if args.format not in build.FORMATS:
        parser.error(f"--out must end in .pptx or .pdf, not {args.out.name!r}")
    args.page_list = [p.strip() for p in args.pages.split(",") if p.strip()]
    if not args.out.parent.is_dir():
        parser.error(f"no such folder for --out: {args.out.parent}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    try:
        data = read_dataset()
        problems = [e for errors in data.problems.values() for e in errors if not e.warning]
        if problems:  # a briefing for leaders is not made from a data folder with known faults
            raise DataUnavailable(problems)
        topics = briefable(registry.topics(data))
        unknown = [p for p in args.page_list if p not in {topic.key for topic in topics}]
        if unknown:
            print(f"unknown page(s) {', '.join(unknown)}; choose from {', '.join(t.key for t in topics)}", file=sys.stderr)
            return 2
        chosen = [topic for topic in topics if not args.page_list or topic.key in args.page_list]
        view = View(data, registry.figures_of(data), args.lang)
        made = build.build(view, chosen, direct(view), args.format, edition=sources.edition(data, args.lang))
    except DataUnavailable as exc:
        print(f"The data has {len(exc.errors)} problem(s); nothing was written:", file=sys.stderr)
        for error in exc.errors:
            print(f"  {error.message('en')}", file=sys.stderr)
        return 1
    except FontMissing as exc:
        print(exc.message("en"), file=sys.stderr)
        return 1
    args.out.write_bytes(made)
    print(f"wrote {args.out} ({len(made):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
