"""A second, later report from another publisher (tests/fixtures/second_report, made up for the test) added as rows
only, as the README's maintainer's guide says: it validates; every figure cites its own report; pages whose figures now
have several periods offer a period choice; a change names both periods; no derived figure mixes periods, and one whose
input the later report lacks is said to be unavailable; a project that moved stage and an item named again appear as
the later report has them."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from components.data.loader import read_dataset
from components.validate import main as validate
from support import FIXTURES, add_rows, charts, csv, run_page, seen, unaccounted_numbers

FIXTURE = FIXTURES / "second_report"
FIRST, SECOND = "山东商报", "菏泽日报(虚构测试数据)"  # the two publishers, as sources.csv names them


def fixture(name: str) -> pd.DataFrame:
    return pd.read_csv(FIXTURE / f"{name}.csv", dtype=str, keep_default_na=False)


@pytest.fixture
def second_report(data_copy):
    add_rows(data_copy, FIXTURE)
    return data_copy


def test_the_fixture_is_a_later_report_of_another_publisher():
    source = fixture("sources").iloc[0]
    assert source["publisher_zh"] == SECOND and FIRST not in source["publisher_zh"]
    text = (FIXTURE / source["path"]).read_text(encoding="utf-8")
    assert text.startswith("【测试用虚构文本")
    facts = fixture("facts")
    assert "trade.quarter.import" not in set(facts["metric"]) and {"trade.quarter.total", "trade.quarter.export"} <= set(
        facts["metric"]
    )


def test_the_validator_accepts_it(second_report, capsys):
    assert validate([str(second_report), "--lang", "en"]) == 0
    assert "All 8 files valid" in capsys.readouterr().out


def test_a_relative_period_of_one_report_cannot_hold_a_figure_of_another(second_report, capsys):
    facts = second_report / "facts.csv"
    text = facts.read_text(encoding="utf-8")
    # the later report's total, filed under the first report's "at the time of the report"
    facts.write_text(text.replace("trade.quarter.total,2021-Q1", "trade.quarter.total,as-of-report"), encoding="utf-8")
    assert validate([str(second_report), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "facts.csv" in out and "as-of-report" in out and "belongs to another report" in out


def headline(at, label_part: str):
    return next(m for m in at.metric if label_part in m.label)


def test_trade_offers_both_quarters_and_cites_each_figure_to_its_report(second_report):
    at = run_page("pages/trade.py")
    assert not at.exception
    period = at.segmented_control(key="period")
    assert [seen(o) for o in period.options] == ["2020年第一季度", "2021年第一季度"] and period.value == "2021-Q1"
    export = headline(at, "出口")
    assert export.value == "4.76亿元" and SECOND in seen(export.proto.help) and FIRST not in seen(export.proto.help)
    # the change from the earlier quarter names both quarters
    assert "2021年第一季度较2020年第一季度" in export.proto.delta_description
    assert export.delta == f"+{Decimal('4.76') - Decimal('4.08')}亿元(+16.7%)"
    # the later report has no import figure: its card and the balance say so; the share is of the same quarter
    assert headline(at, "进口").value == "本期未公布"
    assert headline(at, "贸易差额").value == "本期无法推算"
    share = Decimal("4.76") / Decimal("5.62") * 100
    assert headline(at, "出口占比").value == f"占总值{round(share, 1)}%"
    # the chart's table cites each row to its own report
    at.segmented_control(key="view_trade_flows").set_value("table").run()
    table = at.dataframe[0].value
    assert table["出处"].str.contains(SECOND, regex=False).all()


def test_the_earlier_quarter_shows_only_its_own_figures(second_report):
    at = run_page("pages/trade.py", period="2020-Q1")
    assert not at.exception
    facts = csv("facts").set_index("metric")
    export, import_, total = (Decimal(facts.loc[f"trade.quarter.{f}", "value"]) for f in ("export", "import", "total"))
    assert headline(at, "贸易差额").value == f"{export - import_}亿元"
    assert headline(at, "出口占比").value == f"占总值{round(export / total * 100, 1)}%"
    assert FIRST in seen(headline(at, "出口").proto.help) and SECOND not in seen(headline(at, "出口").proto.help)


def test_investment_offers_both_reports_periods_and_draws_each_period_alone(second_report):
    at = run_page("pages/investment.py")
    assert not at.exception
    period = at.segmented_control(key="period")
    assert period.value == "fixture-2021-ytd" and len(period.options) == 2
    later = fixture("facts").set_index("metric")
    signed = headline(at, "新签约")
    assert signed.value == f"{later.loc['investment.pipeline.signed.investment', 'value']}亿元" and SECOND in seen(
        signed.proto.help
    )
    # a change between two lower bounds is not derived, and the card says why
    negotiating = headline(at, "在谈")
    assert negotiating.delta in (None, "") and "变化无法推算" in negotiating.proto.delta_description
    # the derived average of a stage is of the same period's figures
    average = Decimal(later.loc["investment.pipeline.signed.investment", "value"]) / Decimal(
        later.loc["investment.pipeline.signed.projects", "value"]
    )
    assert f"新签约 {round(average, 2)}亿元" in " ".join(seen(c.value) for c in at.caption)
    # the named projects are those of the period, each at the stage the later report gives it
    (_, _), (_, rows) = charts(at)
    moved = rows.set_index("project_id").loc["kaiweisi"]
    assert moved["stage"] == "new_start" and set(rows["project_id"]) == set(fixture("projects")["project_id"])
    # the park the later report names again has its later status
    assert any("已开工建设" in m.value for m in at.markdown)


def test_the_first_reports_period_still_shows_the_first_report(second_report):
    at = run_page("pages/investment.py", period="2020-ytd")
    assert not at.exception
    (_, _), (_, rows) = charts(at)
    assert rows.set_index("project_id").loc["kaiweisi", "stage"] == "signed"
    assert set(rows["project_id"]) <= set(csv("projects")["project_id"])
    assert FIRST in seen(headline(at, "新签约").proto.help)


def test_poverty_income_has_three_points_and_the_growth_names_its_periods(second_report):
    at = run_page("pages/poverty.py")
    assert not at.exception
    assert list(at.segmented_control(key="period").options) == ["2016年", "2019年年底", "2020年年底"]
    income = headline(at, "人均纯收入")
    assert income.value == "9,150元" and SECOND in seen(income.proto.help)
    assert "2016年至2020年年底" in " ".join(seen(c.value) for c in at.caption)


def test_the_sidebar_names_both_reports(second_report):
    at = run_page("pages/overview.py")
    assert not at.exception
    note = " ".join(c.value for c in at.sidebar.caption)
    assert FIRST in note and SECOND.split("(")[0] in note


def test_a_metric_filed_under_another_topic_or_item_in_the_later_report_is_refused(second_report, capsys):
    facts = second_report / "facts.csv"
    text = facts.read_text(encoding="utf-8")
    edited = text.replace(
        "trade.quarter.export,2021-Q1,trade,quarter,,export,", "trade.quarter.export,2021-Q1,investment,quarter,,exports,"
    )
    assert edited != text
    facts.write_text(edited, encoding="utf-8")
    assert validate([str(second_report), "--lang", "en"]) == 1
    out = [line for line in capsys.readouterr().out.splitlines() if "facts.csv" in line and "same metric" in line]
    assert len(out) == 2 and 'column "topic"' in out[0] and 'column "item"' in out[1]


def test_a_period_label_used_twice_is_named_as_a_repeated_value(second_report, capsys):
    periods = second_report / "periods.csv"
    later = fixture("periods").iloc[0]
    text = periods.read_text(encoding="utf-8")
    periods.write_text(text.replace(f"{later['period']},{later['label_zh']},", f"{later['period']},2016年,"), encoding="utf-8")
    assert validate([str(second_report)]) == 1
    out = capsys.readouterr().out
    assert "“2016年”重复了" in out and "row at position" not in out, "the reader's language, not the validator's English"


def test_every_number_of_the_later_report_is_accounted_for(second_report):
    data = read_dataset(second_report)
    source_id = fixture("sources").iloc[0]["source_id"]
    assert not unaccounted_numbers(data, source_id, data.source_texts[source_id])
    first = "heze-devzone-2020"
    assert not unaccounted_numbers(data, first, data.source_texts[first]), "and the first report's still are"
