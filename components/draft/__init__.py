"""Drafts the data rows of a new report from its text: figures (facts.csv), project amounts (projects.csv), numbers that
are not figures (non_metric_numbers.csv) and new periods (periods.csv), for the maintainer to review.

    draft = draft_report(text, "heze-devzone-2021-h1", Known(facts, units, periods, qualifiers), report_year=2021)

Pure: no file, no Streamlit. Every number of the text (as the data test counts them) ends up in a figure's as_published
or in a non_metric_numbers row. A text that cannot be drafted gives an empty Draft whose `problems` say why, each with
a key ("empty_text", "binary_text", "no_numbers") and a one-line message in Chinese and in English.

How the rows are made (the details are in each module):
- numbers.py: a figure is a number (21,356 / 4.87 / 百 / 两个) followed by a unit; value is the plain decimal in that unit.
- qualifiers.py: qualifier and status come from qualifiers.csv's markers, placed as its reads_zh shows them.
- figures.py: growth after 同比 belongs to the figure before it (yoy_pct); other changes (增长9.8%, 提高1.8个百分点) are
  figures of their own, signed; 投资X亿元的<name> is a project amount.
- non_figures.py: dates, periods, thresholds (过1000万元的), ordinals (第一, 一期), plans (十三五), quoted names.
- periods.py: the period a figure falls under, and the period rows it proposes.
- matching.py: the existing metric a figure continues, else a new id draft.<n>.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import pandas as pd

from components.draft import figures, non_figures, periods
from components.draft.matching import Metric, best_metric, metrics_from_facts
from components.draft.numbers import plain
from components.draft.periods import Period, Phrase
from components.draft.qualifiers import marker_pattern, markers_from_table
from components.draft.sentences import ITEM_BREAK, part_around, sentences, unique_span

FACT_COLUMNS = [
    *("metric", "period", "topic", "group", "stage", "item", "label_zh", "label_en", "value", "unit", "qualifier"),
    *("status", "yoy_pct", "as_published", "source_id", "source_quote", "note_zh", "note_en"),
]
PROJECT_COLUMNS = [
    *("project_id", "name_zh", "name_en", "stage", "industry", "amount", "unit", "qualifier", "period", "as_published"),
    *("source_id", "source_quote"),
]
# The columns of facts.csv that belong to one figure; the others describe its metric and are copied when it continues one.
FIGURE_FIELDS = frozenset(
    ("period", "value", "unit", "qualifier", "status", "yoy_pct", "as_published", "source_id", "source_quote", "note_zh")
    + ("note_en",)
)
METRIC_NEEDS = {"metric", "period", "unit", "label_zh"}  # the columns of facts.csv that matching reads
NON_METRIC_COLUMNS = ["text", "reason_zh", "reason_en", "source_id"]
PERIOD_COLUMNS = ["period", "label_zh", "label_en", "start", "end", "sort_key", "source_id"]
PROBLEMS = {
    "empty_text": ("报告文本为空。", "The report's text is empty."),
    "binary_text": ("这不是文本文件(含有控制字符)。", "This is not a text file (it holds control characters)."),
    "no_numbers": ("报告文本中没有数字,无可起草。", "The report's text holds no number: there is nothing to draft."),
}
# A label is the words before the number after the last of these verbs (全区完成工业总产值 -> 工业总产值).
VERBS = re.compile(r"完成|实现|达到|共计|合计|总计|发展到|增加到|提高到|为")
ONLY_CHANGE = re.compile(rf"(?:比上年同期|比去年同期|比上年|比去年|较上年|同比)?(?:{figures.RISES}|{figures.FALLS})了?")


def _frame(rows: list[dict[str, str]], columns: list[str]) -> pd.DataFrame:
    """Rows as a frame of text with exactly these columns, a missing cell blank."""
    return pd.DataFrame([[row.get(c, "") for c in columns] for row in rows], columns=columns, dtype=str)


def _empty(columns: list[str]) -> pd.DataFrame:
    return _frame([], columns)


@dataclass(frozen=True)
class Known:
    """The data folder as it is, every column read as text: what the draft continues and reuses."""

    facts: pd.DataFrame
    units: pd.DataFrame
    periods: pd.DataFrame
    qualifiers: pd.DataFrame
    projects: pd.DataFrame = field(default_factory=lambda: _empty(PROJECT_COLUMNS))  # to reuse a project's id


@dataclass(frozen=True)
class Problem:
    """Why a text could not be drafted: a key of PROBLEMS and its one-line message in each language."""

    key: str
    zh: str
    en: str


@dataclass(frozen=True)
class Draft:
    """The proposed rows, each frame with the columns of its data file, all text; what the maintainer must look at."""

    facts: pd.DataFrame
    projects: pd.DataFrame
    non_metric_numbers: pd.DataFrame
    periods: pd.DataFrame  # only the periods periods.csv does not have yet
    unknown_units: list[str] = field(default_factory=list)  # units written in the report that units.csv lacks
    unknown_periods: list[str] = field(default_factory=list)  # period words whose year nobody gave (今年以来)
    problems: list[Problem] = field(default_factory=list)


def _columns(frame: pd.DataFrame, fallback: list[str]) -> list[str]:
    return [str(c) for c in frame.columns] if len(frame.columns) else fallback


def _empty_draft(known: Known, key: str) -> Draft:
    return Draft(
        _empty(_columns(known.facts, FACT_COLUMNS)),
        _empty(_columns(known.projects, PROJECT_COLUMNS)),
        _empty(NON_METRIC_COLUMNS),
        _empty(_columns(known.periods, PERIOD_COLUMNS)),
        problems=[Problem(key, *PROBLEMS[key])],
    )


def _label(text: str, item: tuple[int, int], figure: figures.Written, skip: list[tuple[int, int]], previous: str) -> str:
    """A new metric's label: the words before the number in its list item, without period words, status words and
    the words that open a clause, after the last verb; else the words after the unit; a bare change (增长9.8%) is
    named after the figure before it."""
    head_end = figure.number_start if figure.change else figure.start  # a change keeps its word: 同比增长
    head = "".join(text[i] for i in range(item[0], head_end) if not any(a <= i < b for a, b in skip))
    head = re.sub(r"^[\s()（）]*(?:其中|同时|另有|全区)*|[\s()（）]+$", "", head)
    parts = [part for part in VERBS.split(head) if part.strip()]
    head = parts[-1].strip() if parts else ""
    if ONLY_CHANGE.fullmatch(head) and previous:
        return previous + head
    tail = re.match(r"[^、,，;；。]{0,10}", text[figure.end : item[1]])
    return head[-16:] or (tail.group() if tail else "")


def draft_report(text: str, source_id: str, known: Known, *, report_year: int | None = None) -> Draft:
    """The draft rows of one report. report_year is the year of 今年 when the text gives none (else the first year
    written in the text is used; a year written in a period itself, 2019年年底, always wins)."""
    if not text.strip():
        return _empty_draft(known, "empty_text")
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text):
        return _empty_draft(known, "binary_text")

    markers = markers_from_table(known.qualifiers)
    families = dict(zip(known.units.get("unit", []), known.units.get("quantity", []), strict=False))
    found_by = figures.patterns(frozenset(families), markers)
    dates = non_figures.dates(text)
    phrases = periods.find_phrases(text, report_year or periods.year_in_text(text), [(d.start, d.end) for d in dates])
    skipped = dates + non_figures.before_figures(text, phrases, found_by.threshold)
    written = figures.find(text, found_by, [(s.start, s.end) for s in skipped])
    not_in_labels = [(p.start, p.end) for p in phrases]  # period words and status words (预计, 力争) name no metric
    not_in_labels += [m.span() for m in re.finditer(marker_pattern(markers.status), text)]
    skipped += non_figures.leftovers(text, [(f.start, f.end) for f in written] + [(s.start, s.end) for s in skipped])
    non_metric = _frame(non_figures.rows(text, skipped, source_id), NON_METRIC_COLUMNS)
    if not written and non_metric.empty:
        return _empty_draft(known, "no_numbers")

    sort_keys = pd.to_numeric(known.periods.get("sort_key", pd.Series(dtype=str)), errors="coerce").fillna(0)
    order = dict(zip(known.periods.get("period", []), sort_keys, strict=False))
    metrics = metrics_from_facts(known.facts, order, families) if set(known.facts.columns) >= METRIC_NEEDS else []
    all_sentences = sentences(text)
    starts = [s.start for s in all_sentences]
    rows: list[dict[str, str]] = []
    project_rows: list[tuple[figures.Written, dict[str, str]]] = []
    used: list[Period] = []
    unknown_periods: list[str] = []
    taken: dict[str, set[str]] = {}
    draft_ids: dict[tuple[str, str], str] = {}
    previous: dict[int, str] = {}  # sentence -> label of its last figure
    for figure in written:
        index = bisect.bisect_right(starts, figure.start) - 1
        sentence = all_sentences[index]
        quote = text[sentence.start : sentence.end]
        start, end = unique_span(text, sentence, figure.start, figure.end)
        period, has_year = _period(text, periods.phrase_for(text, all_sentences, index, figure.start, phrases), source_id)
        if has_year:
            used.append(period)
        else:
            unknown_periods.append(period.id)
        common = {"unit": figure.unit, "qualifier": figure.qualifier, "period": period.id, "as_published": text[start:end]}
        common |= {"source_id": source_id, "source_quote": quote}
        if figure.project:
            project_rows.append((figure, common))
            continue
        item = part_around(text, sentence, figure.number_start, ITEM_BREAK)
        clause = part_around(text, sentence, figure.number_start)
        family = families.get(figure.unit, figure.unit)
        metric = best_metric(metrics, family, text[slice(*item)], text[slice(*clause)], quote)
        if metric is not None and metric.id in taken.setdefault(period.id, set()):
            metric = None  # two figures for one metric and period: the maintainer decides which is which
        row = _metric_fields(metric)
        if metric is None:
            label = _label(text, item, figure, not_in_labels, previous.get(index, ""))
            same_metric = (label or f"#{len(rows)}", family)  # an unnamed figure is a metric of its own
            row["metric"] = draft_ids.setdefault(same_metric, f"draft.{len(draft_ids) + 1}")
            row["label_zh"] = label
        else:
            taken[period.id].add(metric.id)
        previous[index] = row["label_zh"]
        yoy = "" if figure.yoy_pct is None else plain(figure.yoy_pct)
        rows.append(row | common | {"value": plain(figure.value), "status": figure.status, "yoy_pct": yoy})

    ids, new_periods = periods.settle(used, known.periods, source_id)
    facts = _frame(rows, _columns(known.facts, FACT_COLUMNS))
    facts["period"] = facts["period"].map(lambda p: ids.get(p, p))
    projects = _project_frame(project_rows, facts, known.projects, ids)
    return Draft(
        facts,
        projects,
        non_metric,
        periods.period_rows(new_periods, known.periods, source_id, _columns(known.periods, PERIOD_COLUMNS)),
        unknown_units=sorted({f.unit for f in written if f.unit not in families}),
        unknown_periods=list(dict.fromkeys(unknown_periods)),
    )


def _period(text: str, phrase: Phrase | None, source_id: str) -> tuple[Period, bool]:
    """A figure's period, and False when it needs a year nobody gave (then its id is the words as written, 今年以来,
    for the maintainer to name)."""
    if phrase is None:
        return periods.unstated(source_id), True
    period = periods.period_of(phrase, source_id)
    return (period, True) if period else (Period(text[phrase.start : phrase.end], "", ""), False)


def _metric_fields(metric: Metric | None) -> dict[str, str]:
    """What a continued metric's latest row says about the metric (id, topic, group, stage, item, labels, and any
    other column that is not about one figure, such as noun_en)."""
    if metric is None:
        return {"metric": "", "label_zh": ""}
    return {name: value for name, value in metric.row.items() if name not in FIGURE_FIELDS}


def _project_frame(
    found: list[tuple[figures.Written, dict[str, str]]], facts: pd.DataFrame, known: pd.DataFrame, ids: dict[str, str]
) -> pd.DataFrame:
    """Project amounts as rows of projects.csv: a known project (same name) keeps its id, name_en and industry; the
    stage is that of the figures of the same sentence (新开工…等项目30个 -> new_start)."""
    by_name = {str(r["name_zh"]): r for r in known.to_dict("records")} if len(known) else {}
    rows = []
    for number, (figure, common) in enumerate(found, start=1):
        same = by_name.get(figure.project, {})
        in_sentence = facts["source_quote"] == common["source_quote"]
        stages = [s for s in facts.loc[in_sentence, "stage"] if s] if "stage" in facts else []
        rows.append(
            common
            | {
                "project_id": same.get("project_id", f"draft.project.{number}"),
                "name_zh": figure.project,
                "name_en": same.get("name_en", ""),
                "stage": stages[0] if stages else "",
                "industry": same.get("industry", ""),
                "amount": plain(figure.value),
                "period": ids.get(common["period"], common["period"]),
            }
        )
    return _frame(rows, _columns(known, PROJECT_COLUMNS))
