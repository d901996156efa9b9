"""More than one period: a copy of data/ with a made-up second quarter (tests/fixtures/second_period) added as new rows
only. The trade page offers the period choice and its headlines show the change from the previous period, labelled
with both periods; pages whose metrics have one period look exactly as with the shipped data."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from components.data.loader import read_dataset
from components.figures.facts import facts_view, periods_with_history
from support import DATA, add_rows, run_page, seen

FIXTURE = Path(__file__).parent / "fixtures" / "second_period"
NUMBER = re.compile(r"([+\-−]?)(\d[\d,]*(?:\.\d+)?)")


@pytest.fixture
def second_period(data_copy) -> Path:
    """data/ plus the fixture rows, read by the app through HEZE_DATA_DIR (conftest's data_copy)."""
    add_rows(data_copy, FIXTURE)
    return data_copy


def added_facts() -> pd.DataFrame:
    return pd.read_csv(FIXTURE / "facts.csv", dtype=str, keep_default_na=False)


def expected_changes() -> dict[str, tuple[Decimal, Decimal]]:
    """metric -> (absolute, percent) change from the metric's previous period in data/ to the added period,
    computed here from the CSVs."""
    shipped = pd.read_csv(DATA / "facts.csv", dtype=str, keep_default_na=False)
    periods = pd.concat([pd.read_csv(DATA / "periods.csv"), pd.read_csv(FIXTURE / "periods.csv")]).set_index("period")["sort_key"]
    changes = {}
    for row in added_facts().to_dict("records"):
        earlier = shipped[shipped["metric"] == row["metric"]]
        earlier = earlier[earlier["period"].map(periods) < periods[row["period"]]]
        before = earlier.loc[earlier["period"].map(periods).idxmax()]
        new, old = Decimal(row["value"]), Decimal(before["value"])
        changes[row["metric"]] = (new - old, (new / old - 1) * 100)
    return changes


def parse_delta(text: str) -> tuple[Decimal, Decimal | None]:
    """(absolute, percent) from a headline delta such as "+0.39亿元(+8%)"."""
    numbers = [Decimal(sign.replace("−", "-") + digits.replace(",", "")) for sign, digits in NUMBER.findall(text)]
    return numbers[0], numbers[1] if len(numbers) > 1 else None


def test_the_fixture_only_adds_rows_and_is_valid(second_period):
    data = read_dataset(second_period)
    assert data.valid, data.problems
    shipped = read_dataset(DATA)
    assert len(data.tables["facts"]) == len(shipped.tables["facts"]) + len(added_facts())
    assert set(data.tables) == set(shipped.tables)
    view = facts_view(data.tables["facts"], data.tables["periods"], data.tables["units"], data.tables["sources"])
    added_period = added_facts()["period"].iloc[0]
    assert added_period in periods_with_history(view)


def test_the_trade_page_offers_the_period_choice_with_both_periods(second_period):
    at = run_page("pages/trade.py")
    assert not at.exception, [e.value for e in at.exception]
    choice = at.segmented_control(key="period")
    periods = pd.read_csv(second_period / "periods.csv").set_index("period")
    for period in ["2020-Q1", added_facts()["period"].iloc[0]]:
        assert periods.loc[period, "label_zh"] in [seen(o) for o in choice.options]


def test_the_headline_shows_the_change_from_the_previous_period(second_period):
    at = run_page("pages/trade.py")
    assert not at.exception, [e.value for e in at.exception]
    expected = expected_changes()
    shown = [m for m in at.metric if m.delta]
    assert shown, "a headline with two periods shows its change"
    periods = pd.read_csv(second_period / "periods.csv").set_index("period")
    for metric in shown:
        absolute, percent = parse_delta(metric.delta)
        matches = [m for m, (a, p) in expected.items() if a == absolute]
        assert matches, f"{metric.label}: delta {metric.delta} is none of {expected}"
        assert percent == round(expected[matches[0]][1], 1)
        # labelled with both periods
        assert periods.loc["2020-Q1", "label_zh"] in seen(metric.proto.delta_description)
        assert periods.loc[added_facts()["period"].iloc[0], "label_zh"] in seen(metric.proto.delta_description)
    total = expected["trade.quarter.total"][0]
    assert any(parse_delta(m.delta)[0] == total for m in shown), "the total's change is a headline"


def test_choosing_the_earlier_period_shows_it_without_a_change_and_keeps_it_in_the_url(second_period):
    at = run_page("pages/trade.py")
    at.segmented_control(key="period").set_value("2020-Q1").run()
    assert not at.exception
    assert at.query_params["period"] == ["2020-Q1"] or at.query_params["period"] == "2020-Q1"
    assert not [m.delta for m in at.metric if m.delta and parse_delta(m.delta)[0] in {a for a, _ in expected_changes().values()}]
    again = run_page("pages/trade.py", period="2020-Q1")
    assert again.segmented_control(key="period").value == "2020-Q1"
    tampered = run_page("pages/trade.py", period="2020-Q9")
    assert not tampered.exception
    assert tampered.segmented_control(key="period").value != "2020-Q9"


@pytest.mark.parametrize("page", ["pages/epidemic.py", "pages/talent.py", "pages/investment.py"])
def test_pages_with_one_period_are_unchanged(data_copy, monkeypatch, page):
    def shown(at):
        assert not at.exception, [e.value for e in at.exception]
        return [(m.label, m.value, m.delta) for m in at.metric]

    monkeypatch.delenv("HEZE_DATA_DIR")
    before = run_page(page)
    add_rows(data_copy, FIXTURE)
    monkeypatch.setenv("HEZE_DATA_DIR", str(data_copy))
    after = run_page(page)
    assert shown(after) == shown(before)
    with pytest.raises(KeyError):
        after.segmented_control(key="period")


def test_the_sources_page_shows_both_texts_and_both_periods_of_a_figure(second_period):
    at = run_page("pages/sources.py", fact="trade.quarter.total")
    assert not at.exception
    box = seen(at.info[0].value)
    periods = pd.read_csv(second_period / "periods.csv").set_index("period")
    assert periods.loc["2020-Q1", "label_zh"] in box and periods.loc["2020-Q2", "label_zh"] in box
    text = " ".join(seen(m.value) for m in at.markdown)
    assert "同比增长6.1%" in text, "the made-up source text is shown with the report"
    assert len([s for s in at.subheader if s.proto.anchor == "fact"]) == 1, "one place to scroll to"
