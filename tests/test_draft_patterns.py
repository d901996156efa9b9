"""Each pattern of the draft module on short sentences: numbers and units, qualifiers and status, growth and changes,
numbers that are not figures, periods, metrics, and the problems of bad input."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from components.draft import PROBLEMS, Draft, Known, draft_report
from components.draft.decoding import decode_report
from components.draft.non_figures import REASONS
from components.draft.numbers import chinese_value, parse_number, plain
from components.draft.sentences import sentences

FIRST = Path(__file__).resolve().parent / "fixtures" / "first_report"


def table(name: str) -> pd.DataFrame:
    return pd.read_csv(FIRST / f"{name}.csv", dtype=str, keep_default_na=False)


@cache
def known() -> Known:
    return Known(table("facts"), table("units"), table("periods"), table("qualifiers"), table("projects"))


def draft(text: str, year: int | None = 2021, source_id: str = "test-report", data: Known | None = None) -> Draft:
    return draft_report(text, source_id, data or known(), report_year=year)


def fact(result: Draft, as_published: str) -> dict[str, str]:
    rows = result.facts[result.facts["as_published"] == as_published]
    assert len(rows) == 1, f"{as_published!r} not in {list(result.facts['as_published'])}"
    return rows.iloc[0].to_dict()


def reason_of(result: Draft, written: str) -> str:
    rows = result.non_metric_numbers[result.non_metric_numbers["text"] == written]
    assert len(rows) == 1, f"{written!r} not in {list(result.non_metric_numbers['text'])}"
    return next(key for key, (_, en) in REASONS.items() if en == rows.iloc[0]["reason_en"])


# --- numbers --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, value",
    [("十二", 12), ("十", 10), ("二十", 20), ("百", 100), ("两千五百", 2500), ("三万", 30000), ("一万二千", 12000), ("双", 2)],
)
def test_chinese_numerals(written, value):
    assert chinese_value(written) == value


@pytest.mark.parametrize("written, value", [("21,356", "21356"), ("1,234,567.5", "1234567.5"), ("0.79", "0.79"), ("百", "100")])
def test_numbers_become_plain_decimals(written, value):
    assert plain(parse_number(written)) == value


# --- figures: value, unit, qualifier, status ----------------------------------------------------------------------

FIGURES = [
    # sentence, as_published, value, unit, qualifier, status
    ("全区建档立卡贫困户人均纯收入达到21,356元。", "21,356元", "21356", "元", "exact", ""),
    ("每年劳务输出5.5万人以上。", "5.5万人以上", "5.5", "万人", "or_more", ""),
    ("在谈推进项目50多个。", "50多个", "50", "个", "at_least", ""),
    ("对辖区3000余名贫困学生进行了帮扶救助。", "3000余名", "3000", "名", "at_least", ""),
    ("发放救助资金3000多万元。", "3000多万元", "3000", "万元", "at_least", ""),
    ("引进科技研发人才百余人。", "百余人", "100", "人", "at_least", ""),
    ("新签约项目总投资约260亿元。", "约260亿元", "260", "亿元", "about", ""),
    ("引进各类人才近2000名。", "近2000名", "2000", "名", "nearly", ""),
    ("实际利用外资超过3亿美元。", "超过3亿美元", "3", "亿美元", "more_than", ""),
    ("实际利用外资逾3亿美元。", "逾3亿美元", "3", "亿美元", "more_than", ""),
    ("税收收入占比达到78.2%左右。", "78.2%左右", "78.2", "%", "around", ""),
    ("天厚新材料等8个项目相继达产,预计年可新增产值70亿元。", "70亿元", "70", "亿元", "exact", "expected"),
    ("达产项目预计超过70亿元。", "超过70亿元", "70", "亿元", "more_than", "expected"),
    ("力争全年新签约项目总投资突破300亿元。", "突破300亿元", "300", "亿元", "more_than", "target"),
    ("年底前新开工项目力争达到50个以上。", "50个以上", "50", "个", "or_more", "target"),
    ("新建院士工作站两个。", "两个", "2", "个", "exact", ""),
    ("引进国家级高层次人才十二名。", "十二名", "12", "名", "exact", ""),
    ("新建、改扩建中小学校两所。", "两所", "2", "所", "exact", ""),
    ("组织职业技能培训三千余人次。", "三千余人次", "3000", "人次", "at_least", ""),
    ("新增1.5万余人就业。", "1.5万余人", "1.5", "万人", "at_least", ""),
]


@pytest.mark.parametrize("sentence, as_published, value, unit, qualifier, status", FIGURES)
def test_figure(sentence, as_published, value, unit, qualifier, status):
    row = fact(draft(sentence), as_published)
    assert (row["value"], row["unit"], row["qualifier"], row["status"]) == (value, unit, qualifier, status)
    assert row["source_quote"] == sentence


def test_a_new_qualifier_row_needs_no_code():
    qualifiers = pd.concat(
        [
            table("qualifiers"),
            pd.DataFrame(
                [
                    ["roughly", "approximate", "上下", "{number}{unit}上下", "", "", ""],
                    ["as_much_as", "lower_bound", "高达", "高达{number}{unit}", "", "", ""],
                    ["planned", "target", "拟", "拟{value}", "", "", ""],
                ],
                columns=table("qualifiers").columns,
            ),
        ]
    )
    data = Known(table("facts"), table("units"), table("periods"), qualifiers)
    result = draft("总投资260亿元上下。利用外资高达5亿美元。拟新建学校3所。", data=data)
    assert fact(result, "260亿元上下")["qualifier"] == "roughly"
    assert fact(result, "高达5亿美元")["qualifier"] == "as_much_as"
    assert fact(result, "3所")["status"] == "planned"


# --- growth and changes -------------------------------------------------------------------------------------------


def test_year_on_year_growth_belongs_to_the_figure_before_it():
    result = draft("对外贸易进出口总值完成4.87亿元,同比增长4.9%,其中出口4.08亿元; 进口0.79亿元,同比下降8.9%。")
    assert fact(result, "4.87亿元,同比增长4.9%")["yoy_pct"] == "4.9"
    assert fact(result, "4.08亿元")["yoy_pct"] == ""
    assert fact(result, "0.79亿元,同比下降8.9%")["yoy_pct"] == "-8.9"
    assert len(result.facts) == 3, "the growth rates are no figures of their own"


def test_growth_without_year_on_year_is_a_change_of_its_own():
    result = draft("完成固定资产投资120亿元,增长9.8%; 单位能耗下降4.1%。")
    assert fact(result, "120亿元")["yoy_pct"] == ""
    change = fact(result, "增长9.8%")
    assert (change["value"], change["unit"], change["yoy_pct"]) == ("9.8", "%", "")
    assert change["label_zh"] == "固定资产投资增长"
    assert fact(result, "下降4.1%")["value"] == "-4.1"


def test_percentage_points_are_a_change_of_a_rate_not_a_count():
    result = draft("税收收入占一般公共预算收入的80.6%,比去年同期提高2.3个百分点。")
    points = fact(result, "提高2.3个百分点")
    assert (points["value"], points["unit"]) == ("2.3", "个百分点")
    assert not (result.facts["unit"] == "个").any()
    assert result.unknown_units == ["个百分点"]
    assert fact(result, "80.6%")["unit"] == "%"


def test_a_unit_units_csv_does_not_know_is_kept_and_listed():
    result = draft("累计接种新冠病毒疫苗18.6万剂次,新增市场主体3000户。")
    assert fact(result, "18.6万剂次")["unit"] == "万剂次"
    assert result.unknown_units == ["万剂次", "户"]


# --- numbers that are not figures ---------------------------------------------------------------------------------

NON_FIGURES = [
    # sentence, text of the non_metric_numbers row, reason, the figure the sentence does have (or "")
    ("其中投资10亿元以上的项目7个。", "10亿元以上", "threshold", "7个"),
    ("其中进出口额过亿元的企业6家。", "过亿元", "threshold", "6家"),
    ("进出口额过1000万元的企业21家。", "过1000万元", "threshold", "21家"),
    ("1—6月,全区完成工业总产值156.3亿元。", "1—6月", "period", "156.3亿元"),
    ("1-6月,全区完成工业总产值156.3亿元。", "1-6月", "period", "156.3亿元"),
    ("今年第一季度,进出口总值完成4.87亿元。", "今年第一季度", "period", "4.87亿元"),
    ("截至2020年年底,人均纯收入达到9150元。", "2020年年底", "period", "9150元"),
    ("2020年是脱贫攻坚决战决胜之年。", "2020年", "year", ""),
    ("1月24日启动一级应急响应。", "1月24日", "date", ""),
    ("大年三十在全市率先设立4个卡点。", "大年三十", "date", "4个"),
    ("第一时间启动一级应急机制。", "第一", "ordinal", ""),
    ("第一时间启动一级应急机制。", "一级", "ordinal", ""),
    ("医药港一期主体工程基本完工,二期启动建设。", "一期", "ordinal", ""),
    ("医药港一期主体工程基本完工,二期启动建设。", "二期", "ordinal", ""),
    ("总量居全市第二位。", "第二", "ordinal", ""),
    ("由双组长(双指挥长)负责。", "双组长", "named_count", ""),
    ("聚焦三大主导产业。", "三大主导产业", "named_count", ""),
    ("坚持两线作战。", "两线作战", "named_count", ""),
    ("积极对接市“231”产业体系。", "231", "quoted", ""),
    ("筑牢疫情防控“七条线”。", "七条线", "quoted", ""),
    ("加快推进「一村一品」工程。", "一村一品", "quoted", ""),
    ("“十三五”规划收官之年。", "十三五", "plan", ""),
    ("续建中国大唐5G等项目。", "5G", "name", ""),
]


@pytest.mark.parametrize("sentence, written, reason, figure", NON_FIGURES)
def test_non_figure(sentence, written, reason, figure):
    result = draft(sentence)
    assert reason_of(result, written) == reason
    assert list(result.facts["as_published"]) == ([figure] if figure else [])


def test_a_bare_magnitude_is_a_unit_not_a_number():
    assert list(draft("在建亿元以上项目87个。").facts["as_published"]) == ["87个"]


def test_a_non_figure_is_listed_once():
    result = draft("“231”产业体系。对接“231”产业体系。")
    assert list(result.non_metric_numbers["text"]) == ["231"]
    assert set(result.non_metric_numbers["source_id"]) == {"test-report"}


# --- periods ------------------------------------------------------------------------------------------------------

PERIODS = [
    # sentence, as_published, period (report year 2021, source test-report)
    ("今年以来,新开工项目26个。", "26个", "2021-ytd"),
    ("2020年以来,新开工项目26个。", "26个", "2020-ytd"),
    ("今年第一季度,进出口总值完成4.87亿元。", "4.87亿元", "2021-Q1"),
    ("一季度,进出口总值完成4.87亿元。", "4.87亿元", "2021-Q1"),
    ("上半年,全区进出口总值11.2亿元。", "11.2亿元", "2021-H1"),
    ("1—6月,全区进出口总值11.2亿元。", "11.2亿元", "2021-H1"),
    ("1—9月,全区进出口总值11.2亿元。", "11.2亿元", "2021-M01-09"),
    ("前三季度,全区进出口总值11.2亿元。", "11.2亿元", "2021-M01-09"),
    ("下半年,全区进出口总值11.2亿元。", "11.2亿元", "2021-H2"),
    ("全年实现一般公共预算收入16.8亿元。", "16.8亿元", "2021"),
    ("截至2020年年底,人均纯收入达到9150元。", "9150元", "2020-end"),
    ("年末全区常住人口达到31.2万人。", "31.2万人", "2021-end"),
    ("截至6月底,累计接种疫苗3万人次。", "3万人次", "test-report-cumulative"),
    ("截至6月底,接种疫苗3万人次。", "3万人次", "2021-M06-end"),
    ("目前,全区有进出口实绩的企业126家。", "126家", "test-report-now"),
    ("累计批准外资项目150多个,实际利用外资共计3.52亿美元。", "3.52亿美元", "test-report-cumulative"),
    ("每年劳务输出5.5万人以上。", "5.5万人以上", "per-year"),
    ("全区有进出口实绩的企业126家。", "126家", "test-report-unstated"),
    ("【测试用虚构文本,并非真实报道】今年第二季度,进出口总值完成5.26亿元。", "5.26亿元", "2021-Q2"),  # 【】 is a header
    ("人均纯收入由2016年的3200元增加到2019年年底的7820元。", "3200元", "2016"),
    ("人均纯收入由2016年的3200元增加到2019年年底的7820元。", "7820元", "2019-end"),
    ("在教育扶贫方面,累计投入19亿元,新建中小学校32所。", "19亿元", "test-report-cumulative"),
    ("在教育扶贫方面,累计投入19亿元,新建中小学校32所。", "32所", "test-report-unstated"),  # 累计 opens a clause only
]


@pytest.mark.parametrize("sentence, as_published, period", PERIODS)
def test_period(sentence, as_published, period):
    assert fact(draft(sentence), as_published)["period"] == period


def test_a_period_heading_carries_on_through_its_paragraph_only():
    result = draft("今年第一季度,进出口总值完成4.87亿元,其中出口4.08亿元。续建项目31个。\n全区有企业126家。")
    assert [fact(result, a)["period"] for a in ("4.87亿元", "4.08亿元", "31个")] == ["2021-Q1"] * 3
    assert fact(result, "126家")["period"] == "test-report-unstated"


def test_the_year_comes_from_the_period_then_the_caller_then_the_text():
    assert fact(draft("2019年第一季度,出口4.08亿元。", year=2021), "4.08亿元")["period"] == "2019-Q1"
    assert fact(draft("2020年工作报道。今年以来,出口4.08亿元。", year=2021), "4.08亿元")["period"] == "2021-ytd"
    assert fact(draft("2020年工作报道。今年以来,出口4.08亿元。", year=None), "4.08亿元")["period"] == "2020-ytd"


def test_a_period_without_a_year_is_left_for_review():
    result = draft("今年以来,新开工项目26个。", year=None)
    assert fact(result, "26个")["period"] == "今年以来"
    assert result.unknown_periods == ["今年以来"]
    assert result.periods.empty


def test_new_periods_are_rows_after_the_existing_ones():
    result = draft("今年以来,新开工项目26个。目前,全区有企业126家。\n上半年,出口4.08亿元。", source_id="r2")
    periods = result.periods.set_index("period")
    assert list(result.periods.columns) == list(table("periods").columns)
    assert periods.loc["2021-H1"].to_dict() | {"sort_key": ""} == {
        "label_zh": "2021年上半年", "label_en": "first half of 2021", "start": "2021-01-01", "end": "2021-06-30",
        "sort_key": "", "source_id": "",
    }  # fmt: skip
    assert periods.loc["2021-ytd", "source_id"] == periods.loc["r2-now", "source_id"] == "r2"
    assert pd.to_numeric(result.periods["sort_key"]).min() > pd.to_numeric(table("periods")["sort_key"]).max()


def test_existing_periods_are_reused_by_id_or_by_label_of_the_same_report():
    first = draft("今年第一季度,出口4.08亿元。目前,全区有企业126家。", year=2020, source_id="heze-devzone-2020")
    assert fact(first, "4.08亿元")["period"] == "2020-Q1"
    assert fact(first, "126家")["period"] == "as-of-report"  # same label, same report
    assert first.periods.empty
    other = draft("目前,全区有企业126家。", year=2020, source_id="another")
    assert fact(other, "126家")["period"] == "another-now"  # 报告时 of another report is another period
    assert list(other.periods["period"]) == ["another-now"]


# --- sentences and as_published -----------------------------------------------------------------------------------


def test_a_sentence_ends_at_a_full_stop_or_a_line_end_not_a_semicolon():
    text = "甲3个;乙4个。丙5个!\n丁6个"
    assert [text[s.start : s.end] for s in sentences(text)] == ["甲3个;乙4个。", "丙5个!", "丁6个"]


def test_as_published_is_widened_until_it_is_written_once_in_its_sentence():
    result = draft("壮大农业龙头企业6家,发展新型经济组织216家。")
    assert fact(result, "216家")["value"] == "216"
    assert fact(result, "企业6家")["value"] == "6"


# --- projects and metrics ----------------------------------------------------------------------------------------


def test_project_amounts_go_to_projects_with_the_stage_of_their_sentence():
    result = draft("今年以来,新开工投资150亿元的菏泽现代医药港、投资8亿元的新药研发中心等项目30个,总投资220亿元。")
    projects = result.projects.set_index("as_published")
    assert list(result.projects.columns) == list(table("projects").columns)
    port = projects.loc["投资150亿元的菏泽现代医药港"]
    assert (port["project_id"], port["name_zh"], port["amount"], port["stage"]) == (
        "pharma_port",
        "菏泽现代医药港",
        "150",
        "new_start",
    )
    assert projects.loc["投资8亿元的新药研发中心", "project_id"].startswith("draft.")
    assert list(result.facts["as_published"]) == ["30个", "220亿元"]


@pytest.mark.parametrize(
    "sentence, as_published, metric",
    [
        ("对外贸易进出口总值完成4.87亿元。", "4.87亿元", "trade.quarter.total"),
        (
            "今年以来,新开工投资150亿元的菏泽现代医药港等项目30个,总投资220亿元。",
            "30个",
            "investment.pipeline.new_start.projects",
        ),
        (
            "今年以来,新开工投资150亿元的菏泽现代医药港等项目30个,总投资220亿元。",
            "220亿元",
            "investment.pipeline.new_start.investment",
        ),
        ("续建项目27个,总投资230亿元。", "230亿元", "investment.pipeline.continuing.investment"),
        ("全区建档立卡贫困户人均纯收入达到4300元。", "4300元", "poverty.income.per_capita"),
        ("组织动员1034名党员干部、434名医务工作者参与疫情防控。", "434名", "epidemic.mobilised.medical_workers"),
    ],
)
def test_a_figure_continues_the_metric_whose_label_it_repeats(sentence, as_published, metric):
    row = fact(draft(sentence), as_published)
    latest = table("facts").query("metric == @metric").iloc[-1]
    assert row["metric"] == metric
    assert (row["topic"], row["group"], row["stage"], row["item"]) == tuple(latest[["topic", "group", "stage", "item"]])
    assert (row["label_zh"], row["label_en"]) == (latest["label_zh"], latest["label_en"])


@pytest.mark.parametrize(
    "sentence, as_published",
    [
        ("地区生产总值完成312.5亿元,同比增长9.1%。", "312.5亿元,同比增长9.1%"),  # 总值 is not 进出口总值
        ("规模以上工业企业发展到186家,其中产值过10亿元的企业12家。", "12家"),  # nor 进出口额过亿元的企业
        ("农村劳动力转移就业1.1万人次,组织职业技能培训三千余人次。", "1.1万人次"),  # nor 免费技能培训
        ("全区脱贫享受政策人口人均纯收入达到9,860元。", "9,860元"),  # nor 建档立卡贫困户人均纯收入
    ],
)
def test_a_figure_that_shares_only_some_words_with_a_label_is_a_new_metric(sentence, as_published):
    assert fact(draft(sentence), as_published)["metric"].startswith("draft.")


def test_a_figure_of_another_unit_kind_does_not_continue_a_metric():
    assert fact(draft("全区进出口总值完成12家。"), "12家")["metric"].startswith("draft.")


def test_a_new_metric_is_a_draft_id_named_by_the_words_before_the_number():
    result = draft("1—6月,全区完成工业总产值156.3亿元。力争全年完成工业总产值超过330亿元。实现一般公共预算收入8.62亿元。")
    output, target, revenue = (fact(result, a) for a in ("156.3亿元", "超过330亿元", "8.62亿元"))
    assert (output["metric"], output["label_zh"], output["label_en"], output["topic"]) == ("draft.1", "工业总产值", "", "")
    assert target["metric"] == "draft.1", "the same words and unit kind make the same new metric"
    assert (revenue["metric"], revenue["label_zh"]) == ("draft.2", "一般公共预算收入")


def test_one_metric_takes_one_figure_per_period():
    result = draft("今年以来,进出口总值完成4.87亿元,进出口总值完成5.1亿元。")  # the second is the maintainer's to name
    assert list(result.facts["metric"]) == ["trade.quarter.total", "draft.1"]


# --- the frames and bad input -------------------------------------------------------------------------------------


def test_the_frames_have_the_columns_of_the_data_files():
    result = draft("今年以来,新开工项目26个。")
    assert list(result.facts.columns) == list(table("facts").columns)
    assert list(result.non_metric_numbers.columns) == list(table("non_metric_numbers").columns)
    assert all(result.facts[c].map(type).eq(str).all() for c in result.facts.columns)


@pytest.mark.parametrize(
    "text, key",
    [("", "empty_text"), ("  \n ", "empty_text"), ("\x00\x01ELF\x02", "binary_text"), ("没有数字的文本。", "no_numbers")],
)
def test_bad_text_gives_an_empty_draft_and_a_problem(text, key):
    result = draft(text)
    assert [(p.key, p.zh, p.en) for p in result.problems] == [(key, *PROBLEMS[key])]
    assert result.facts.empty and result.projects.empty and result.non_metric_numbers.empty and result.periods.empty
    assert list(result.facts.columns) == list(table("facts").columns)


def test_a_draft_from_an_empty_data_folder_still_drafts():
    empty = Known(*(pd.DataFrame(columns=table(n).columns, dtype=str) for n in ("facts", "units", "periods", "qualifiers")))
    result = draft("今年以来,新开工项目约26个。", data=empty)
    row = fact(result, "26个")  # no qualifiers.csv rows: no markers known
    assert (row["metric"], row["value"], row["qualifier"], row["period"]) == ("draft.1", "26", "exact", "2021-ytd")
    assert result.unknown_units == ["个"]


@pytest.mark.parametrize(
    "raw, text",
    [
        ("人均纯收入4300元。".encode(), "人均纯收入4300元。"),
        ("人均纯收入4300元。".encode("utf-8-sig"), "人均纯收入4300元。"),
        ("人均纯收入4300元。".encode("gbk"), "人均纯收入4300元。"),
        ("人均纯收入4300元。".encode("gb18030"), "人均纯收入4300元。"),
        ("人均纯收入4300元。".encode("utf-16"), "人均纯收入4300元。"),
        (b"\x7fELF\x02\x01\x01\x00\x00", None),
        (bytes(range(256)), None),
    ],
)
def test_report_bytes_are_decoded(raw, text):
    assert decode_report(raw) == text


def test_value_is_a_plain_decimal_string():
    row = fact(draft("人均纯收入达到4300.50元。"), "4300.50元")
    assert row["value"] == "4300.5" and Decimal(row["value"]) == Decimal("4300.5")
