"""The issue's proof that adding a chart takes two files: a builder and one Part in its topic's description."""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from components.briefing import content, deck, handout
from components.data.errors import DataUnavailable
from components.topics import needs, registry, trade
from components.topics.bars import fact_chart
from components.topics.blocks import Chart
from components.topics.parts import Needs, Part, View
from support import FIRST_REPORT, charts, csv, run_page, seen, view_of

TITLE = "实际利用外资(新图)"
PDFTOTEXT = Path("/usr/bin/pdftotext")


# --- the two edits a maintainer makes: a builder, and one Part entry in the topic's description -------------------


def fdi_chart(v: View) -> Chart:
    """Foreign investment actually used, a bar for each period the reports give it for."""
    facts = v.figures.of("trade.fdi.utilised")
    category = lambda f: f.period.label(v.lang)  # noqa: E731
    return fact_chart(v, facts, title=TITLE, axis="trade.flows.axis", file_stem="trade_fdi", category=category)


FDI_NEEDS = Needs(metrics=("trade.fdi.utilised",))


def with_chart(needed: Needs = FDI_NEEDS):
    section = next(s for s in trade.TOPIC.sections if s.key == "enterprises")
    grown = replace(section, parts=(*section.parts, Part("fdi_chart", fdi_chart, needs=needed)))
    return replace(trade.TOPIC, sections=tuple(grown if s is section else s for s in trade.TOPIC.sections))


def written(topic) -> tuple:
    return tuple(topic if t.key == "trade" else t for t in registry.WRITTEN)


# --- and what follows with no other edit ---------------------------------------------------------------------------


@pytest.mark.page
def test_the_page_draws_it(data_copy, monkeypatch):
    """A private data folder: the app's caches hold no topics of the unchanged description under its name."""
    monkeypatch.setattr(registry, "WRITTEN", written(with_chart()))
    at = run_page("trade")
    assert not at.exception
    found = [(spec, rows) for spec, rows in charts(at) if TITLE in spec.get("description", "")]
    assert len(found) == 1
    spec, rows = found[0]
    assert rows["text"].tolist() == ["3.06亿美元"]
    assert any(TITLE in seen(m.value) for m in at.markdown)


@pytest.fixture(scope="module")
def briefings(first):
    """The trade page's briefing as the export makes it: {True: projected (the deck), False: up close (the handout)}."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(registry, "WRITTEN", written(with_chart()))
        topics = [registry.by_key(registry.topics(first), "trade")]
    views = {presenting: view_of(first, "zh", presenting) for presenting in (True, False)}
    return {presenting: content.briefing(view, topics, content.direct(view)) for presenting, view in views.items()}


def test_the_briefing_holds_it(briefings):
    for made in briefings.values():
        (brief,) = made.topics
        assert TITLE in [c.title for c in brief.charts]


def test_the_deck_draws_it_as_a_native_chart(briefings):
    slides = Presentation(io.BytesIO(deck.deck_bytes(briefings[True]))).slides
    titled = [s for s in slides if any(sh.has_text_frame and TITLE in sh.text_frame.text for sh in s.shapes)]
    assert len(titled) == 1
    (chart,) = [sh.chart for sh in titled[0].shapes if sh.has_chart]
    row = csv(FIRST_REPORT / "facts.csv").set_index("metric").loc["trade.fdi.utilised"]
    period = csv(FIRST_REPORT / "periods.csv").set_index("period").loc[row["period"], "label_zh"]
    assert list(chart.plots[0].categories) == [period]
    assert list(chart.plots[0].series[0].values) == [float(row["value"])]


@pytest.mark.skipif(not PDFTOTEXT.exists(), reason="poppler-utils' pdftotext is not installed")
def test_the_handout_draws_it(briefings):
    made = handout.handout_bytes(briefings[False])
    text = subprocess.run([str(PDFTOTEXT), "-raw", "-", "-"], input=made, capture_output=True, check=True).stdout.decode()
    assert text.count(TITLE) == 1
    assert len(PdfReader(io.BytesIO(made)).pages) >= 2


def test_the_validator_checks_what_it_needs(first, monkeypatch):
    monkeypatch.setattr(registry, "WRITTEN", written(with_chart(Needs(metrics=("trade.fdi.nonexistent",)))))
    topics = registry.topics(first)
    (error,) = needs.problems(first, topics)
    assert (error.code, error.value, error.detail) == ("required_figure", "trade.fdi.nonexistent", "trade")
    # and the part itself, built as the page and the briefing build it, says what is missing instead of drawing
    build = content.direct(view_of(first))
    with pytest.raises(DataUnavailable):
        build(registry.by_key(topics, "trade"), "fdi_chart", False, {})
