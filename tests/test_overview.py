"""Overview page: it leads with figures the reports give (no derived sum), each linked to its own page."""

from __future__ import annotations

import pytest

from components.i18n import t
from components.topics import investment, overview, registry
from support import rows, view_of


@pytest.mark.parametrize("name", ["first", "later"])
def test_headlines_are_report_figures_each_linked_to_its_page(datasets, name):
    data = datasets[name]
    pages = {topic.key: topic for topic in registry.topics(data)}
    cards = overview.headlines(view_of(data)).cards
    facts = rows(name, "facts")
    assert len(cards) == len(overview.CARDS) == 7
    for card in cards:
        assert not card.derived and card.metric, card.label  # no sum the app made up front
        assert card.metric in set(facts["metric"])
        topic = pages[card.page]
        assert card.page != "overview" and topic.page_file == f"pages/{card.page}.py"
        assert card.metric in [c.metric for c in topic.overview]  # the page that names it as its overview figure
        assert facts[facts["metric"] == card.metric]["topic"].iloc[0] in topic.data_topics
        assert card.period and card.evidence


def test_the_epidemic_total_is_not_among_the_headlines(first):
    labels = [c.label for c in overview.headlines(view_of(first)).cards]
    assert t("epidemic.headline.total", "zh") not in labels
    assert not any(c.derived for c in overview.headlines(view_of(first)).cards)


def test_headlines_come_first_then_the_pipeline(first):
    topic = registry.by_key(registry.topics(first), "overview")
    assert [s.key for s in topic.sections][:2] == ["headlines", "pipeline"]
    assert next(p for p in topic.parts if p.main).key == "pipeline"


@pytest.mark.parametrize("name", ["first", "later"])
def test_the_pipeline_is_the_investment_pages_own(datasets, name):
    """One chart: the overview draws the investment page's pipeline of its latest actual period, in investment."""
    view = view_of(datasets[name])
    drawn = overview.pipeline(view)
    own = investment.pipeline_chart(view_of(datasets[name], measure="investment"))
    assert drawn.model == own.model
    assert overview.pipeline_period(view).text == drawn.model.points[0].period
