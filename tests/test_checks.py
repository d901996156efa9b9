"""The checks across tables (components/data/checks.py), on small frames built here and on the fixtures' tables: numbers
of a text accounted for, sort_key against dates, dates, label and 同比 warnings, periods of other reports, metrics filed
otherwise."""

from __future__ import annotations

import pandas as pd
import pytest

from components.data import checks
from components.data.checks import NUMBER

FACT_COLUMNS = ("metric", "period", "topic", "group", "stage", "item", "label_zh", "label_en", "value", "unit")
FACT_COLUMNS += ("yoy_pct", "as_published", "source_id", "source_quote")


def frame(rows: list[dict], columns=None) -> pd.DataFrame:
    """Rows as the loader types them: text as pandas strings, blanks as <NA>."""
    out = pd.DataFrame(rows, columns=list(columns) if columns else None, dtype=object)
    return out.astype("string")


def fact(**values) -> dict:
    row = dict.fromkeys(FACT_COLUMNS)
    row.update(metric="m.a", period="2020", topic="trade", group="quarter", item="total", label_zh="进出口", unit="亿元")
    row.update(label_en="Trade", value="1", source_id="s", as_published="1亿元", source_quote="1亿元")
    row.update(values)
    return row


# -- NUMBER: the ways a report writes a number -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("新签约项目总投资21,356万元", ["21,356"]),
        ("进出口总值4.87亿元", ["4.87"]),
        ("吸引专家学者百余人次", ["百"]),  # 百 before 余: a number
        ("入选“双百计划”", ["双百"]),
        ("筑牢疫情防控“七条线”", ["七"]),  # a numeral before a measure word
        ("“十三五”以来", ["十三五"]),
        ("第一时间启动一级应急机制", ["一"]),  # 第一时 is no count; 一级 is
        ("1—6月,城镇新增就业2,136人", ["1", "6", "2,136"]),
        ("一般公共预算收入", []),
        ("第一季度", []),
    ],
)
def test_the_number_pattern_finds_how_reports_write_numbers(text, numbers):
    assert NUMBER.findall(text) == numbers


# -- every number of a text accounted for ------------------------------------------------------------------------------

TEXT = "新开工项目30个,总投资220亿元。另有30个项目在谈,入选“双百计划”的专家2名。紧扣“231”产业体系,十三五期间成效明显。"
QUOTE = "新开工项目30个,总投资220亿元。"
# What accounts for the text's numbers but the second 30: figures inside their quotes, an item's name, reviewed rows.
BASE = {
    "facts": [
        fact(metric="a", as_published="30个", source_quote=QUOTE),
        fact(metric="b", as_published="220亿元", source_quote=QUOTE),
        fact(metric="c", as_published="2名", source_quote="入选“双百计划”的专家2名。"),
    ],
    "items": [{"item_id": "plan", "name_zh": "双百计划", "source_id": "s"}],
    "non_metric": [{"text": "“231”", "source_id": "s"}, {"text": "十三五", "source_id": "s"}],
}
SECOND_30 = ("30", "另有30个")


def tables(facts=(), projects=(), items=(), non_metric=()) -> dict[str, pd.DataFrame]:
    return {
        "facts": frame(list(facts), FACT_COLUMNS),
        "projects": frame(list(projects), ("project_id", "period", "as_published", "source_id", "source_quote")),
        "items": frame(list(items), ("item_id", "name_zh", "source_id")),
        "non_metric_numbers": frame(list(non_metric), ("text", "source_id")),
    }


@pytest.mark.parametrize(
    ("change", "left"),
    [
        # the 30 of 「另有30个」 is outside the quote of the row that publishes 30个: still to account for
        ({}, [SECOND_30]),
        ({"facts": BASE["facts"][1:]}, [("30", "项目30个,总"), SECOND_30]),
        # a figure of another report covers nothing in this one
        (
            {"facts": [fact(metric="a", as_published="30个", source_quote=QUOTE, source_id="t"), *BASE["facts"][1:]]},
            [("30", "项目30个,总"), SECOND_30],
        ),
        # a project's figure covers as a fact's does
        (
            {
                "facts": BASE["facts"][1:],
                "projects": [{"project_id": "p", "as_published": "项目30个", "source_id": "s", "source_quote": QUOTE}],
            },
            [SECOND_30],
        ),
        ({"items": []}, [SECOND_30, ("双百", "“双百计划”")]),
        ({"non_metric": BASE["non_metric"][1:]}, [SECOND_30, ("231", "“231”产业")]),
        ({"non_metric": BASE["non_metric"][:1]}, [SECOND_30, ("十三五", "十三五期间")]),
        (
            {"non_metric": [{**row, "source_id": "t"} for row in BASE["non_metric"]]},
            [SECOND_30, ("231", "“231”"), ("十三五", "十三五")],
        ),
    ],
)
def test_a_number_no_row_covers_is_reported_with_its_context(change, left):
    found = checks.unaccounted_numbers(tables(**{**BASE, **change}), "s", TEXT)
    assert [number for number, _ in found] == [number for number, _ in left]
    for (number, context), (_, around) in zip(found, left, strict=True):
        assert around in context and context in TEXT, (number, context)


def test_numbers_accounted_files_each_number_under_its_text(first):
    """The pinned report without one reviewed row (十三五): that number, in the report's text file, and nothing else."""
    reviewed = first.tables["non_metric_numbers"]
    frames = {**first.tables, "non_metric_numbers": reviewed[reviewed["text"] != "十三五"]}
    paths = dict(zip(first.tables["sources"]["source_id"], first.tables["sources"]["path"]))
    assert checks.numbers_accounted(first.tables, first.source_texts, paths) == []
    found = checks.numbers_accounted(frames, first.source_texts, paths)
    assert [(f.error.file, f.error.code, f.error.value, f.unusable) for f in found] == [
        ("source/heze-devzone-2020-report.txt", "unaccounted_number", "十三五", False)
    ]
    assert "十三五" in found[0].error.detail and found[0].error.detail in first.source_texts["heze-devzone-2020"]


def test_numbers_are_checked_only_once_every_covering_table_is_readable(first):
    frames = {k: v for k, v in first.tables.items() if k != "items"}
    assert checks.numbers_accounted(frames, {"heze-devzone-2020": "一共99个"}, {}) == []


def test_the_fixtures_raise_no_finding(first, later):
    for data in (first, later):
        paths = dict(zip(data.tables["sources"]["source_id"], data.tables["sources"]["path"]))
        assert checks.findings(data.tables, data.source_texts, paths) == []


# -- periods: dates and sort_key ---------------------------------------------------------------------------------------


def periods(*rows: tuple) -> pd.DataFrame:
    table = frame([dict(zip(("period", "start", "end", "sort_key"), r)) for r in rows])
    return table.astype({"sort_key": "Int64"})


def codes(found) -> list[tuple]:
    return [(f.error.code, f.error.row, f.error.column, f.error.value, f.error.detail, f.unusable) for f in found]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # a quarter of 2021 sorted before the same quarter of 2020: named both, at the earlier-sorted row
        (
            [("2021-Q1", "2021-01-01", "2021-03-31", 10), ("2020-Q1", "2020-01-01", "2020-03-31", 20)],
            [("sort_key_order", 2, "sort_key", "2021-Q1", "2020-Q1", False)],
        ),
        (
            [
                ("2020-end", "2020-12-31", "2020-12-31", 30),
                ("2020-ytd", "2020-01-01", None, 20),
                ("2019", "2019-01-01", "2019-12-31", 40),
            ],
            [("sort_key_order", 2, "sort_key", "2020-end", "2019", False)],
        ),
        # in order, points and spans alike; periods without an end are not placed by dates
        (
            [("2019-end", "2019-12-31", "2019-12-31", 1), ("2020-Q1", "2020-01-01", "2020-03-31", 2), ("now", None, None, 3)],
            [],
        ),
        ([("x", "2021-02-30", "2021-03-31", 1)], [("bad_date", 2, "start", "2021-02-30", "", True)]),
        ([("x", "2021-01-01", "31/03/2021", 1)], [("bad_date", 2, "end", "31/03/2021", "", True)]),
        ([("x", "2021-03-31", "2021-01-01", 1)], [("end_before_start", 2, "end", "2021-01-01", "", True)]),
    ],
)
def test_period_dates(rows, expected):
    assert codes(checks.period_dates({"periods": periods(*rows)})) == expected


def test_a_sort_key_order_message_names_both_periods():
    (found,) = checks.period_dates(
        {"periods": periods(("2021-Q1", "2021-01-01", "2021-03-31", 10), ("2020-Q1", "2020-01-01", "2020-03-31", 20))}
    )
    for lang in ("zh", "en"):
        assert "2021-Q1" in found.error.message(lang) and "2020-Q1" in found.error.message(lang)
    assert found.error.warning is False and found.unusable is False


# -- a metric is one thing in every period -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        ({}, []),
        ({"label_zh": "进出口总值"}, [("label_differs", 4, "label_zh", "进出口总值", "2:进出口", False)]),
        ({"label_en": "Total trade"}, [("label_differs", 4, "label_en", "Total trade", "2:Trade", False)]),
        ({"topic": "economy"}, [("inconsistent_metric", 4, "topic", "economy", "2", True)]),
        ({"group": "year"}, [("inconsistent_metric", 4, "group", "year", "2", True)]),
        ({"item": "export"}, [("inconsistent_metric", 4, "item", "export", "2", True)]),
        ({"stage": "signed"}, [("inconsistent_metric", 4, "stage", "signed", "2", True)]),
    ],
)
def test_a_metric_filed_or_labelled_otherwise_in_a_later_row(later, expected):
    """The metric's rows are 2 and 4 (a spreadsheet's numbers); what differs in 4 is told against 2."""
    facts = frame([fact(period="2020-Q1"), fact(metric="other", topic="poverty"), fact(period="2021-Q1", **later)])
    found = checks.inconsistent_metrics({"facts": facts})
    assert codes(found) == expected
    for finding in found:
        assert finding.error.warning == finding.error.code.startswith("label")


@pytest.mark.parametrize(
    ("quote", "published", "unit", "yoy", "warned"),
    [
        ("进出口总值5.62亿元,同比增长15.4%。", "5.62亿元", "亿元", None, True),
        ("进出口总值5.62亿元、同比增长15.4%。", "5.62亿元", "亿元", None, True),
        ("进出口总值5.62亿元,同比增长15.4%。", "5.62亿元,同比增长15.4%", "亿元", None, True),
        ("进出口总值5.62亿元,同比增长15.4%。", "5.62亿元", "亿元", "15.4", False),
        ("增加值同比增长12.4%。", "同比增长12.4%", "%", None, False),  # the figure is the growth itself
        ("高于全市2.3个百分点,同比提高。", "2.3个百分点", "个百分点", None, False),
        ("进出口总值5.62亿元,其中出口4.76亿元,同比增长16.7%。", "5.62亿元", "亿元", None, False),  # 同比 is the export's
    ],
)
def test_tongbi_after_a_figure_with_no_growth_is_a_warning(quote, published, unit, yoy, warned):
    facts = frame([fact(source_quote=quote, as_published=published, unit=unit, yoy_pct=yoy)])
    found = checks.growth_left_out({"facts": facts})
    assert codes(found) == ([("yoy_missing", 2, "yoy_pct", published, "", False)] if warned else [])
    assert all(f.error.warning for f in found)


# -- periods belong to reports -----------------------------------------------------------------------------------------


def test_a_period_of_another_report_is_an_error_that_makes_the_table_unusable():
    owned = frame([{"period": "2020-ytd", "source_id": "first"}, {"period": "2020-Q1", "source_id": None}])
    facts = frame([fact(period="2020-Q1", source_id="second"), fact(period="2020-ytd", source_id="second")])
    projects = frame([{"period": "2020-ytd", "source_id": "first"}, {"period": "2020-ytd", "source_id": "second"}])
    found = checks.periods_of_other_reports({"periods": owned, "facts": facts, "projects": projects})
    assert [(f.table, *c) for f, c in zip(found, codes(found))] == [
        ("facts", "period_of_other_report", 3, "period", "2020-ytd", "first", True),
        ("projects", "period_of_other_report", 3, "period", "2020-ytd", "first", True),
    ]


def test_a_report_names_a_period_it_covers():
    sources = frame([{"source_id": "a", "period": "2020"}, {"source_id": "b", "period": "2021-H1"}])
    found = checks.report_periods({"sources": sources, "periods": frame([{"period": "2020"}])})
    assert codes(found) == [("unknown_reference", 3, "period", "2021-H1", "periods.csv", False)]
