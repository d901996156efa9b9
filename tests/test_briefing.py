"""Briefing deck and handout: cards with period and growth, legible type, each chart once, sources and filters said."""

from __future__ import annotations

import io
import re
import runpy
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.util import Pt
from pypdf import PdfReader

from components.briefing import content, deck, handout
from components.i18n import t
from components.topics import registry, sources
from support import FIRST_REPORT, csv, rows, view_of

PDFTOTEXT = Path("/usr/bin/pdftotext")
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
FILTERED = {"investment": {"stage": ["new_start"]}}
DECKS = [("first", "zh", False), ("first", "en", False), ("later", "zh", False), ("first", "zh", True)]
HANDOUTS = [("first", "zh"), ("first", "en"), ("later", "zh")]


def made(data, lang: str, presenting: bool, seen=None, pages=()) -> content.Briefing:
    """A briefing as the export makes one: slides projected, a handout read up close; every page (or the pages chosen),
    each with the choices its reader last saw (`seen`), by default none."""
    view = view_of(data, lang, presenting)
    topics = [t for t in content.briefable(registry.topics(data)) if not pages or t.key in pages]
    return content.briefing(view, topics, content.direct(view), seen=seen, edition=sources.edition(data, lang))


@pytest.fixture(scope="module")
def decks(first, later):
    """{(dataset, lang, filtered): (briefing, presentation)}, each deck built once."""
    data = {"first": first, "later": later}
    out = {}
    for name, lang, filtered in DECKS:
        # the filtered export: the investment page as filtered, with the overview that draws its pipeline too
        brief = made(data[name], lang, True, FILTERED, ("overview", "investment")) if filtered else made(data[name], lang, True)
        out[(name, lang, filtered)] = (brief, Presentation(io.BytesIO(deck.deck_bytes(brief))))
    return out


@dataclass(frozen=True)
class Handout:
    brief: content.Briefing
    pdf: bytes
    pages: list[str]  # each page's text as drawn
    own: str  # its text without spaces, up to each page's footer


@pytest.fixture(scope="module")
def handouts(first, later, tmp_path_factory):
    """{(dataset, lang): Handout}, each built and read once; the English one made by the command, as a maintainer makes
    it."""
    made_by = {}
    for name, data in (("first", first), ("later", later)):
        brief = made(data, "zh", False)
        made_by[(name, "zh")] = (brief, handout.handout_bytes(brief))
    target = tmp_path_factory.mktemp("command") / "briefing.pdf"
    assert command("--lang", "en", "--out", str(target)) == 0
    made_by[("first", "en")] = (made(first, "en", False), target.read_bytes())
    out = {}
    for key, (brief, pdf) in made_by.items():
        pages = pdf_pages(pdf)
        out[key] = Handout(brief, pdf, pages, laid_out(pages, key[1]))
    return out


def command(*argv: str) -> int:
    """`python -m components.briefing ARGS` on the pinned first report, in this process: its exit status."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HEZE_DATA_DIR", str(FIRST_REPORT))
        patch.setattr(sys, "argv", ["components.briefing", *argv])
        with pytest.raises(SystemExit) as exit_:
            runpy.run_module("components.briefing", run_name="__main__", alter_sys=True)
    return exit_.value.code


# --- reading a deck back -------------------------------------------------------------------------------------------


def texts(slide) -> list:
    return [s for s in slide.shapes if s.has_text_frame and s.text_frame.text]


def title_of(slide) -> str:
    return texts(slide)[0].text_frame.text


def footer_of(slide) -> str:
    found = [s.text_frame.text for s in texts(slide) if s.top == Pt(deck.FOOTER.top) and s.left == Pt(deck.FOOTER.left)]
    return found[0] if found else ""


def inside(shape, panel) -> bool:
    return panel.left <= shape.left < panel.left + panel.width and panel.top <= shape.top < panel.top + panel.height


def panels(slide) -> list[list]:
    """The cards of a figures slide: the text boxes inside each rounded panel, top first."""
    said = texts(slide)
    boxes = [
        s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE and s.auto_shape_type == MSO_SHAPE.ROUNDED_RECTANGLE
    ]
    return [sorted((s for s in said if inside(s, box)), key=lambda s: s.top) for box in boxes]


def figures_slides(prs, lang: str) -> list:
    said = t("briefing.figures", lang)
    return [s for s in prs.slides if said in title_of(s)]


def chart_slides(prs) -> list:
    return [s for s in prs.slides if any(sh.has_chart for sh in s.shapes)]


def runs(shape):
    return [r for p in shape.text_frame.paragraphs for r in p.runs]


# --- every card with its period and growth -------------------------------------------------------------------------


@pytest.mark.parametrize("key", DECKS[:3])
def test_every_card_on_the_slides_shows_its_period_and_growth(decks, key):
    brief, prs = decks[key]
    cards = [c for topic in brief.topics for c in topic.cards]
    drawn = [panel for slide in figures_slides(prs, key[1]) for panel in panels(slide)]
    assert len(drawn) == len(cards) > 20
    for card, panel in zip(cards, drawn):
        said = [s.text_frame.text for s in panel]
        assert card.value in said, card.label
        assert card.period, card.label  # every card says what it covers: a figure's period, an item's, or what is not
        assert any(card.period in s for s in said), (card.label, said)
        if card.growth:
            assert any(card.growth in s for s in said), (card.label, said)


@pytest.mark.parametrize(("lang", "value", "period"), [("zh", "4.08亿元", "2020年第一季度"), ("en", "CNY 408 m", "2020 Q1")])
def test_exports_are_said_with_their_quarter_and_growth(decks, handouts, lang, value, period):
    row = csv(FIRST_REPORT / "facts.csv").set_index("metric").loc["trade.quarter.export"]
    assert row["period"] == "2020-Q1" and row["value"] + "亿元" == "4.08亿元"
    growth = f"+{row['yoy_pct']}%"
    _, prs = decks[("first", lang, False)]
    found = [[s.text_frame.text for s in p] for slide in figures_slides(prs, lang) for p in panels(slide)]
    card = next(p for p in found if value in p)
    assert any(period in s for s in card) and any(growth in s for s in card)
    needs_text(handouts[("first", lang)])
    text = handouts[("first", lang)].own
    at = text.index(squeeze(value + period))  # the card: its value, then what it covers
    assert squeeze(growth) in text[at : at + 60]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_pages(pdf: bytes) -> list[str]:
    """Each page's text in the order it is drawn (pdftotext -raw), or [] without poppler-utils."""
    if not PDFTOTEXT.exists():
        return []
    out = subprocess.run([str(PDFTOTEXT), "-raw", "-", "-"], input=pdf, capture_output=True, check=True)
    return out.stdout.decode().split("\f")[:-1]


def needs_text(handout: Handout) -> None:
    if not handout.pages:
        pytest.skip("poppler-utils' pdftotext is not installed")


def page_marker(lang: str, page: int, pages: int) -> str:
    return squeeze(t("briefing.page", lang, page=page, pages=pages))


def laid_out(pages: list[str], lang: str) -> str:
    """The handout's own text without spaces, page by page up to each page's footer (its charts, laid on afterwards,
    come after it)."""
    out = []
    for number, text in enumerate(pages, start=1):
        flat = squeeze(text)
        out.append(flat[: flat.index(page_marker(lang, number, len(pages)))])
    return "".join(out)


@pytest.mark.parametrize("key", HANDOUTS)
def test_every_handout_card_shows_its_period_and_growth(handouts, key):
    needs_text(handouts[key])
    brief, text = handouts[key].brief, handouts[key].own
    at = 0
    for card in (c for topic in brief.topics for c in topic.cards):
        found = squeeze(content.card_lines(card, key[1])["label"] + card.value)  # a card: its label, then its value
        at = text.index(found, at) + len(found)
        under = text[at : at + len(squeeze(card.covers + (card.growth or "") + (card.growth_note or ""))) + 12]
        if card.metric:
            assert card.period
        if card.period:
            assert under.startswith(squeeze(card.period)), (card.label, under)
        if card.growth:
            assert squeeze(card.growth) in under, (card.label, under)


# --- type that reads from the back of the room ---------------------------------------------------------------------


@pytest.mark.parametrize("key", DECKS)
def test_slide_text_is_never_below_14_points(decks, key):
    _, prs = decks[key]
    for number, slide in enumerate(prs.slides, start=1):
        for shape in texts(slide):
            for run in runs(shape):
                assert run.font.size is not None and run.font.size >= Pt(deck.TEXT_MIN), (number, run.text)
        for shape in (s for s in slide.shapes if s.has_chart):
            sizes = [int(e.get("sz")) for e in shape.chart.element.iter(f"{A}rPr", f"{A}defRPr") if e.get("sz")]
            assert sizes and min(sizes) >= 100 * deck.TEXT_MIN, number


@pytest.mark.parametrize("key", DECKS)
def test_card_labels_and_data_labels_are_18_points(decks, key):
    _, prs = decks[key]
    for slide in figures_slides(prs, key[1]):
        for panel in panels(slide):
            label = panel[0]  # the top of a card
            assert all(r.font.size >= Pt(18) for r in runs(label)), label.text_frame.text
    labelled = 0
    for slide in chart_slides(prs):
        for shape in (s for s in slide.shapes if s.has_chart):
            points = sum(v is not None for plot in shape.chart.plots for s in plot.series for v in s.values)
            found = list(shape.chart.element.iter(f"{C}dLbl"))
            assert len(found) == points
            for label in found:
                sizes = [int(r.get("sz")) for r in label.iter(f"{A}rPr")]
                assert sizes and min(sizes) >= 1800
                assert [b.get("wrap") for b in label.iter(f"{A}bodyPr")] == ["none"]  # never broken inside a word
                labelled += 1
    assert labelled >= 5


# --- filters, nothing twice, the reports at the foot ---------------------------------------------------------------


def test_a_filtered_export_says_its_filter_and_keeps_the_stage_key(decks):
    brief, prs = decks[("first", "zh", True)]
    said = f"{t('investment.filter.stage', 'zh')}{t('filter.colon', 'zh')}{t('stage.new_start', 'zh')}"
    (slide,) = [s for s in chart_slides(prs) if t("investment.projects.title", "zh") in title_of(s)]
    assert said in title_of(slide)
    named = csv(FIRST_REPORT / "projects.csv")
    drawn = [c for sh in slide.shapes if sh.has_chart for c in sh.chart.plots[0].categories]
    assert sorted(drawn) == sorted(named[(named["stage"] == "new_start") & (named["amount"] != "")]["name_zh"])
    stages = ("negotiating", "signed", "new_start", "continuing", "in_production")
    with_amounts = [t(f"stage.{s}", "zh") for s in stages if (named[named["stage"] == s]["amount"] != "").any()]
    swatches = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE and s.auto_shape_type == MSO_SHAPE.RECTANGLE]
    assert len(swatches) == len(with_amounts)
    assert [s.text_frame.text for s in texts(slide) if s.text_frame.text in with_amounts] == with_amounts
    closing = " ".join(s.text_frame.text for s in texts(prs.slides[-1]))
    page = csv(FIRST_REPORT / "topics.csv").set_index("topic").loc["investment", "label_zh"]
    assert f"{page}({said})" in closing
    unfiltered = " ".join(s.text_frame.text for s in texts(decks[("first", "zh", False)][1].slides[-1]))
    assert said not in unfiltered


@pytest.mark.parametrize("key", DECKS)
def test_nothing_appears_twice(decks, key):
    brief, prs = decks[key]
    titles = [title_of(s) for s in prs.slides]
    assert len(titles) == len(set(titles))
    pipeline = t("investment.pipeline.title.investment", key[1])
    assert sum(title.endswith(f" · {pipeline}") for title in titles) == 1  # the overview's and the investment page's
    drawn = [
        (tuple(sh.chart.plots[0].categories), tuple(v for s in sh.chart.plots[0].series for v in s.values))
        for slide in chart_slides(prs)
        for sh in slide.shapes
        if sh.has_chart
    ]
    assert len(drawn) == len(set(drawn))


def test_the_handout_draws_the_pipeline_once(handouts):
    needs_text(handouts[("first", "zh")])
    brief, text = handouts[("first", "zh")].brief, handouts[("first", "zh")].own
    assert text.count(squeeze(t("investment.pipeline.title.investment", "zh"))) == 1
    assert sum(c.title == t("investment.pipeline.title.investment", "zh") for topic in brief.topics for c in topic.charts) == 1


def report_names(name: str, lang: str) -> dict[str, tuple[str, str]]:
    """{source_id: (its short name, its title)} from sources.csv."""
    found = rows(name, "sources")
    return {
        r["source_id"]: (
            t("source.short", lang, publisher=r[f"publisher_{lang}"], title=r[f"title_{lang}"]),
            r[f"title_{lang}"],
        )
        for r in found.to_dict("records")
    }


@pytest.mark.parametrize("key", DECKS[:3])
def test_every_footer_names_the_reports_of_its_figures(decks, key):
    brief, prs = decks[key]
    name, lang, _ = key
    reports = report_names(name, lang)
    assert footer_of(prs.slides[0]) == ""  # the title slide has none
    for number, slide in enumerate(prs.slides, start=1):
        if number == 1:
            continue
        footer = footer_of(slide)
        assert footer.startswith(t("briefing.source.short", lang, reports="")), number
        cited = [line for line in slide.notes_slide.notes_text_frame.text.split("\n") if line.startswith("—— ")]
        named = {sid for sid, (short, _) in reports.items() if short in footer}
        sourced = {sid for sid, (_, title) in reports.items() if any(title in line for line in cited)}
        assert named == (sourced or set(reports)), (number, title_of(slide))


def test_a_half_year_trade_slide_names_the_half_year_report(decks):
    brief, prs = decks[("later", "zh", False)]
    reports = report_names("later", "zh")
    title = csv(FIRST_REPORT / "topics.csv").set_index("topic").loc["trade", "label_zh"]
    slides = [s for s in figures_slides(prs, "zh") if title_of(s).startswith(title)]
    assert slides
    h1 = rows("later", "facts")
    h1_values = set(h1[(h1["topic"] == "trade") & (h1["source_id"] == "heze-devzone-2021-h1")]["value"])
    for slide in slides:
        footer = footer_of(slide)
        assert reports["heze-devzone-2021-h1"][0] in footer
        assert reports["heze-devzone-2020"][0] not in footer  # no figure on it is of 2020
        shown = [p[1].text_frame.text for p in panels(slide)]
        assert any(any(v in s for v in h1_values) for s in shown)


# --- the handout ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", HANDOUTS)
def test_the_handout_is_titled_and_has_a_footer_on_every_page(handouts, key):
    brief, lang, pages = handouts[key].brief, key[1], handouts[key].pages
    assert PdfReader(io.BytesIO(handouts[key].pdf)).metadata.title == brief.title
    assert brief.edition and brief.edition in brief.title
    needs_text(handouts[key])
    assert len(pages) > 3
    for number, text in enumerate(pages, start=1):
        flat = squeeze(text)
        assert page_marker(lang, number, len(pages)) in flat, number
        assert squeeze(brief.source_line(())) in flat, number


@pytest.mark.parametrize("key", HANDOUTS)
def test_the_handout_never_mentions_speaker_notes(handouts, key):
    needs_text(handouts[key])
    text = squeeze("".join(handouts[key].pages)).lower()
    for said in ("speaker", "slide", "演讲者", "幻灯片", "备注", t("briefing.notes.sentences", key[1])):
        assert squeeze(said).lower() not in text, said


@pytest.mark.skipif(not PDFTOTEXT.exists(), reason="poppler-utils' pdftotext is not installed")
@pytest.mark.parametrize("key", HANDOUTS)
def test_the_cover_title_is_left_aligned(handouts, key):
    """Each line of the title starts at the left margin, and a wrapped line's spaces are no wider than its last line's
    (fpdf2 justifies a multi_cell unless told align="L")."""
    brief, pdf = handouts[key].brief, handouts[key].pdf
    out = subprocess.run(
        [str(PDFTOTEXT), "-f", "1", "-l", "1", "-bbox-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    blocks = etree.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", out.stdout)).iter("{http://www.w3.org/1999/xhtml}block")
    block = next(iter(blocks))
    lines = [
        [(float(w.get("xMin")), float(w.get("xMax"))) for w in line] for line in block.iter("{http://www.w3.org/1999/xhtml}line")
    ]
    words = "".join(w.text for w in block.iter("{http://www.w3.org/1999/xhtml}word"))
    assert words == squeeze(brief.title)
    margin = handout.MARGIN / handout.PT
    assert all(margin <= line[0][0] < margin + 6 for line in lines)
    gaps = [[b[0] - a[1] for a, b in zip(line, line[1:])] for line in lines]
    if len(lines) > 1 and gaps[-1]:
        assert max(g for line in gaps for g in line) <= max(gaps[-1]) + 0.5


def test_the_command_refuses_an_unknown_file_kind(capsys):
    assert command("--lang", "en", "--out", "briefing.docx") == 2
    assert "--out" in capsys.readouterr().err


def test_the_command_writes_a_pdf(handouts):
    assert handouts[("first", "en")].pdf.startswith(b"%PDF")
