"""The foreign-trade page through AppTest: headline figures with their growth, the `flow` and `prior` filters changing
the chart's data and the table, the URL restoring them, tampered values falling back, derived values marked, no
currency conversion, both languages and presentation mode — and no dependence on projects.csv."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from support import charts, csv, param, run_page, seen

PAGE = "pages/trade.py"
FLOWS = ["export", "import", "total"]
# The page's and its charts' titles, as the reader sees them
TITLE = {"zh": "对外开放", "en": "Foreign trade and investment"}
FLOWS_TITLE = {"zh": "进出口额:本期与上年同期(推算)", "en": "Trade: this period and a year earlier (derived)"}
ENTERPRISES_TITLE = {"zh": "各类企业数(各自计数,不可相加)", "en": "Enterprises by group (counted separately, not to be added)"}


def flow_facts() -> pd.DataFrame:
    facts = csv("facts")
    return facts[(facts["topic"] == "trade") & facts["item"].isin(FLOWS)].set_index("item")


def flows_table(at) -> pd.DataFrame:
    at.segmented_control(key="view_trade_flows").set_value("table").run()
    assert not at.exception, [e.value for e in at.exception]
    return at.dataframe[0].value


def test_headline_figures_are_the_flows_with_their_growth_enterprises_and_foreign_investment():
    at = run_page(PAGE)
    assert not at.exception and not at.error
    # a card keeps a number with its unit by a no-break space (ui.unbroken): read as the reader sees it
    shown = {seen(m.label): m.value.replace("\u00a0", " ") for m in at.metric}
    deltas = {m.label: m.delta for m in at.metric}
    for _, row in flow_facts().iterrows():
        assert shown[row["label_zh"]] == f"{row['value']}亿元"
        assert deltas[row["label_zh"]] == f"+{row['yoy_pct']}%", "the published growth is the figure's comparison"
    facts = csv("facts").set_index("metric")
    assert (
        shown[facts.loc["trade.enterprises.with_trade", "label_zh"]] == f"{facts.loc['trade.enterprises.with_trade', 'value']}家"
    )
    assert (
        shown[facts.loc["trade.fdi.approved_projects", "label_zh"]] == f"{facts.loc['trade.fdi.approved_projects', 'value']}多个"
    )
    assert shown[facts.loc["trade.fdi.utilised", "label_zh"]] == f"{facts.loc['trade.fdi.utilised', 'value']}亿美元"
    captions = " ".join(c.value for c in at.caption)
    assert f"其中外资企业{facts.loc['trade.enterprises.foreign_invested', 'value']}家" in captions
    with pytest.raises(KeyError):
        at.segmented_control(key="period")  # one period in the shipped data: no choice offered


def test_foreign_investment_is_never_converted_to_yuan():
    for lang in ("zh", "en"):
        at = run_page(PAGE, lang=lang)
        facts = csv("facts").set_index("metric")
        used = next(m for m in at.metric if m.label == facts.loc["trade.fdi.utilised", f"label_{lang}"])
        assert ("美元" in used.value) if lang == "zh" else used.value.startswith("USD")
        assert "元" not in used.value.replace("美元", "") and "CNY" not in used.value


def test_english_counts_say_what_they_count():
    at = run_page(PAGE, lang="en")
    facts = csv("facts").set_index("metric")
    shown = {seen(m.label): m.value.replace("\u00a0", " ") for m in at.metric}  # ui.unbroken
    assert (
        shown[facts.loc["trade.enterprises.with_trade", "label_en"]]
        == f"{facts.loc['trade.enterprises.with_trade', 'value']} enterprises"
    )
    assert (
        shown[facts.loc["trade.fdi.approved_projects", "label_en"]]
        == f"{facts.loc['trade.fdi.approved_projects', 'value']}+ projects"
    )


def test_derived_balance_and_export_share_are_computed_from_the_stored_flows():
    at = run_page(PAGE)
    stored = flow_facts()
    balance = Decimal(stored.loc["export", "value"]) - Decimal(stored.loc["import", "value"])
    share = round(Decimal(stored.loc["export", "value"]) / Decimal(stored.loc["total", "value"]) * 100, 1)
    derived = {m.label: m.value for m in at.metric if "推算" in m.label}
    assert derived == {"贸易差额 · 推算": f"{balance:f}亿元", "出口占比 · 推算": f"占总值{share:f}%"}


def test_by_default_every_flow_is_shown_beside_its_implied_prior_year_marked_derived():
    at = run_page(PAGE)
    spec, rows = charts(at)[0]
    stored = flow_facts()
    assert set(rows["label"]) == set(stored["label_zh"])
    assert rows["derived"].sum() == len(stored), "one implied prior-year value per flow"
    for _, row in rows[rows["derived"]].iterrows():
        assert "推算" in row["series_label"] and "推算" in row["period_label"]
    assert spec["usermeta"]["title"] == FLOWS_TITLE["zh"]


def test_the_flow_filter_changes_the_chart_and_the_table_and_goes_into_the_url():
    at = run_page(PAGE)
    at.pills(key="flow").set_value(["export"]).run()
    _, rows = charts(at)[0]
    assert set(rows["flow"]) == {"export"}
    assert param(at, "flow") == ["export"]
    table = flows_table(at)
    assert set(table["类别"]) == {flow_facts().loc["export", "label_zh"]}


def test_the_prior_filter_hides_the_implied_values_from_the_chart_and_the_table():
    at = run_page(PAGE)
    at.segmented_control(key="prior").set_value("0").run()
    _, rows = charts(at)[0]
    assert not rows["derived"].any() and len(rows) == len(FLOWS)
    assert param(at, "prior") == ["0"]
    table = flows_table(at)
    assert set(table["来源"]) == {"原文"}


def test_the_url_restores_both_filters():
    at = run_page(PAGE, flow=["import", "total"], prior="0")
    assert at.pills(key="flow").value == ["import", "total"]
    assert at.segmented_control(key="prior").value == "0"
    _, rows = charts(at)[0]
    assert set(rows["flow"]) == {"import", "total"} and not rows["derived"].any()


TAMPERED = {
    "flow": ["bogus", "<script>alert(1)</script>", "x" * 5000],
    "prior": ["maybe", "2", "<img src=x onerror=alert(1)>", ""],
    "period": ["2020-Q9", "<script>"],
}


@pytest.mark.parametrize("param_name", sorted(TAMPERED))
def test_tampered_values_fall_back_to_defaults(param_name):
    for value in TAMPERED[param_name]:
        at = run_page(PAGE, **{param_name: value})
        assert not at.exception, (param_name, value, [e.value for e in at.exception])
        assert at.pills(key="flow").value == []
        assert at.segmented_control(key="prior").value == "1"
        _, rows = charts(at)[0]
        assert set(rows["flow"]) == set(FLOWS) and rows["derived"].any()
        shown = " ".join(str(e.value) for e in at.markdown) + " ".join(str(e.value) for e in at.caption)
        assert "<script" not in shown and "onerror" not in shown


def test_enterprise_groups_are_separate_bars_with_the_overlap_caveat():
    at = run_page(PAGE)
    spec, rows = charts(at)[1]
    facts = csv("facts")
    groups = facts[(facts["topic"] == "trade") & (facts["group"] == "enterprises") & (facts["item"] != "titled")]
    assert sorted(rows["value"]) == sorted(groups["value"].astype(float))
    assert spec["usermeta"]["title"] == ENTERPRISES_TITLE["zh"]
    captions = " ".join(c.value for c in at.caption)
    note = groups.loc[groups["note_zh"] != "", "note_zh"].iloc[0]
    assert note in captions


def test_titles_awarded_are_listed():
    at = run_page(PAGE, lang="en")
    items = csv("items")
    text = " ".join(seen(m.value) for m in at.markdown)
    for name in items.loc[(items["topic"] == "trade") & (items["kind"] == "title"), "name_en"]:
        assert name in text


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("present", [None, "1"])
def test_both_languages_and_presentation_mode_run_with_titles_in_the_language(lang, present):
    at = run_page(PAGE, lang=lang, **({"present": present} if present else {}))
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == TITLE[lang]
    (flows, rows), (enterprises, _) = charts(at)
    assert flows["usermeta"]["title"] == FLOWS_TITLE[lang] and enterprises["usermeta"]["title"] == ENTERPRISES_TITLE[lang]
    if lang == "en":
        assert not any("亿" in m.value for m in at.metric)
        assert set(rows["label"]) == set(flow_facts()["label_en"])
    if present:
        assert not at.get("download_button")


def test_the_page_does_not_need_projects_csv(data_copy):
    (data_copy / "projects.csv").unlink()
    at = run_page(PAGE)
    assert not at.exception and not at.error
    assert len(charts(at)) == 2
