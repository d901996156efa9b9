"""The briefing as a 16:9 slide deck, readable from the back of a meeting room: a title slide; for each topic its key
figures as cards that fill the slide (each with its period, its qualifier and its growth), and each chart as a native,
editable office chart beside what it covers; a closing slide with the reports and the notes on the data. Every slide
names the reports its figures come from at its foot, and its speaker notes quote the sentences behind them.

Sizes are in points (a 960 × 540 slide). Slide text is never smaller than TEXT_MIN, a figure's label never smaller
than LABEL_MIN: text is fitted to its box from its size down to those, and a card note that will not fit goes to the
speaker notes instead."""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from components.briefing import layout, office_chart
from components.briefing.content import BriefChart, Briefing, TopicBrief, card_lines, chart_marks
from components.briefing.layout import Box
from components.briefing.template import PANEL, PRIMARY, SLIDE_WIDTH_EMU, template
from components.charts.model import ChartModel
from components.charts.theme import INK
from components.figures.citations import Evidence, merge
from components.i18n import t

SLIDE = Box(0, 0, 960, 540)
MARGIN, GAP, PAD = 36, 14, 12
TITLE = Box(MARGIN, 26, SLIDE.width - 2 * MARGIN, 52)
FOOTER = Box(MARGIN, SLIDE.height - 34, SLIDE.width - 2 * MARGIN, 24)
BODY = Box(MARGIN, 92, SLIDE.width - 2 * MARGIN, FOOTER.top - GAP - 92)
SIDE_WIDTH = 250  # the panel beside a chart that says what it covers
TEXT_MIN, LABEL_MIN = 14, 18
CARDS_PER_SLIDE = 6
MUTED = "52606D"


def _colour(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def text_box(
    slide,
    text: str,
    box: Box,
    *,
    size: float,
    least: float = TEXT_MIN,
    bold=False,
    colour=INK["light"],
    align=PP_ALIGN.LEFT,
    anchor=MSO_ANCHOR.TOP,
    max_lines=None,
) -> float:
    """A text box whose text is fitted: the largest size from `size` down to `least` at which it fits. Returns it."""
    fitted = layout.fit(text, box, size, least, bold=bold, max_lines=max_lines)
    shape = slide.shapes.add_textbox(Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height))
    frame = shape.text_frame
    frame.word_wrap, frame.auto_size, frame.vertical_anchor = True, MSO_AUTO_SIZE.NONE, anchor
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for number, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.bold = Pt(fitted), bold
        run.font.color.rgb = _colour(colour)
    return fitted


def _panel(slide, box: Box) -> None:
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height))
    shape.adjustments[0] = 0.05
    shape.fill.solid()
    shape.fill.fore_color.rgb = _colour(PANEL)
    shape.line.fill.background()
    shape.shadow.inherit = False


def _notes(slide, lines: Iterable[str]) -> None:
    slide.notes_slide.notes_text_frame.text = "\n".join(lines)


def _sentences(lang: str, evidence: Sequence[Evidence]) -> list[str]:
    lines = ["", t("briefing.notes.sentences", lang)]
    for found in evidence:
        lines += [f"「{s}」" for s in found.sentences] + [f"—— {found.citation[lang]}"]
    return lines


def _new_slide(prs, title: str | None = None):
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    if title:
        text_box(slide, title, TITLE, size=30, least=20, bold=True, colour=PRIMARY, anchor=MSO_ANCHOR.MIDDLE, max_lines=1)
    return slide


# Each part of a card: (size to start at, least size, most lines, bold, colour)
CARD_TEXT = {
    "label": (24, LABEL_MIN, 2, False, MUTED),
    "value": (54, 26, 1, True, PRIMARY),
    "covers": (18, TEXT_MIN, 2, False, INK["light"]),
    "growth": (18, TEXT_MIN, 2, True, INK["light"]),
    "note": (16, TEXT_MIN, 3, False, MUTED),
}


def _card_boxes(box: Box, lines: dict[str, str]) -> dict[str, Box]:
    """The card's parts stacked in shares of its height; a part with no text takes none."""
    shares = {"label": 0.22, "value": 0.26, "covers": 0.16, "growth": 0.14, "note": 0.22}
    used = {k: v for k, v in shares.items() if lines[k]}
    inner = box.inset(PAD)
    out, top = {}, inner.top
    for part, share in used.items():
        height = inner.height * share / sum(used.values())
        out[part] = Box(inner.left, top, inner.width, height)
        top += height
    return out


def _card_sizes(cards: Sequence[dict[str, str]], boxes: Sequence[dict[str, Box]]) -> dict[str, float]:
    """One size for each kind of text across a slide's cards: the largest at which every card's fits."""
    sizes = {}
    for part, (start, least, lines, bold, _) in CARD_TEXT.items():
        sizes[part] = min(
            (
                layout.fit(text[part], box[part], start, least, bold=bold, max_lines=lines)
                for text, box in zip(cards, boxes)
                if part in box
            ),
            default=start,
        )
    return sizes


def _figures_slides(prs, topic: TopicBrief, lang: str) -> list[tuple[Evidence, ...]]:
    made = []
    per_slide = math.ceil(len(topic.cards) / max(1, math.ceil(len(topic.cards) / CARDS_PER_SLIDE)))  # 7 cards: 4 and 3
    for start in range(0, len(topic.cards), per_slide):
        cards = topic.cards[start : start + per_slide]
        slide = _new_slide(
            prs, f"{topic.title} · {t('briefing.figures', lang)}" + (t("briefing.continued", lang) if start else "")
        )
        columns = len(cards) if len(cards) <= 3 else 2 if len(cards) == 4 else 3
        rows = math.ceil(len(cards) / columns)
        cells = BODY.grid(columns, rows, GAP)
        texts = [card_lines(c, lang) for c in cards]
        boxes = [_card_boxes(cell, text) for cell, text in zip(cells, texts)]
        sizes = _card_sizes(texts, boxes)
        notes = []
        for card, cell, text, parts in zip(cards, cells, texts, boxes):
            _panel(slide, cell)
            for part, box in parts.items():
                _, least, lines, bold, colour = CARD_TEXT[part]
                if part == "note" and not layout.fits(text[part], box, sizes[part], bold, lines):
                    continue  # said in the speaker notes instead of in type too small to read
                anchor = MSO_ANCHOR.MIDDLE if part == "value" else MSO_ANCHOR.TOP
                text_box(slide, text[part], box, size=sizes[part], least=sizes[part], bold=bold, colour=colour, anchor=anchor)
            notes.append(
                t(
                    "briefing.notes.figure",
                    lang,
                    label=card.label,
                    value=" · ".join(x for x in (card.value, text["covers"], text["growth"], card.note) if x),
                )
            )
        _notes(slide, notes + _sentences(lang, merge(*(c.evidence for c in cards))))
        made.append(merge(*(c.evidence for c in cards)))
    return made


def _chart_slides(prs, topic: TopicBrief, chart: BriefChart, lang: str) -> list[tuple[Evidence, ...]]:
    """A chart's slide, and a further one for each group of its panels that would not fit with every name shown."""
    groups = office_chart.slides_of(chart.chart.model, BODY.height)
    return [_chart_slide(prs, topic, chart, lang, found, number) for number, found in enumerate(groups)]


def _chart_slide(
    prs, topic: TopicBrief, chart: BriefChart, lang: str, found: list[ChartModel], number: int
) -> tuple[Evidence, ...]:
    model = chart.chart.model
    slide = _new_slide(prs, f"{topic.title} · {chart.title}" + (t("briefing.continued", lang) if number else ""))
    side = Box(BODY.left + BODY.width - SIDE_WIDTH, BODY.top, SIDE_WIDTH, BODY.height)
    office_chart.add(slide, model, Box(BODY.left, BODY.top, BODY.width - SIDE_WIDTH - GAP, BODY.height), found)
    marks = chart_marks(chart, lang, panels=True)
    _panel(slide, side)
    inner = side.inset(PAD)
    if model.legend:  # the colour key: a swatch and a name a line, above what the chart covers
        for number, (name, colour) in enumerate(model.legend):
            row = Box(inner.left, inner.top + number * 26, inner.width, 22)
            swatch = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(row.left), Pt(row.top + 3), Pt(16), Pt(16))
            swatch.fill.solid()
            swatch.fill.fore_color.rgb = _colour(colour)
            swatch.line.fill.background()
            text_box(
                slide, name, Box(row.left + 24, row.top, row.width - 24, row.height), size=LABEL_MIN, least=TEXT_MIN, max_lines=1
            )
        inner = Box(
            inner.left, inner.top + len(model.legend) * 26 + GAP, inner.width, inner.height - len(model.legend) * 26 - GAP
        )
    text_box(slide, "\n".join(marks), inner, size=18, least=TEXT_MIN)
    heading = [chart.title] + [
        t("briefing.notes.point", lang, category=p.category, value=p.text, period=p.period) for p in model.points
    ]
    _notes(slide, heading + [*model.notes] + _sentences(lang, chart.chart.evidence))
    return chart.chart.evidence


def _title_slide(prs, brief: Briefing) -> None:
    slide = _new_slide(prs)
    lang = brief.lang
    text_box(
        slide,
        brief.title,
        Box(MARGIN, 120, BODY.width, 96),
        size=44,
        least=28,
        bold=True,
        colour=PRIMARY,
        anchor=MSO_ANCHOR.BOTTOM,
        max_lines=2,
    )
    text_box(slide, t("briefing.subtitle", lang), Box(MARGIN, 222, BODY.width, 40), size=26, least=18, max_lines=1)
    lines = [line for report in reversed(brief.reports) for line in _report_lines(report, lang)] + [brief.generated_line]
    text_box(slide, "\n".join(lines), Box(MARGIN, 290, BODY.width, FOOTER.top - 290), size=18, least=TEXT_MIN, colour=MUTED)
    _notes(slide, [brief.title, *(r.citation(lang) for r in brief.reports)])


def _report_lines(report, lang: str) -> list[str]:
    people = [
        t(f"briefing.{role}", lang, names=names) for role in ("reporters", "correspondents") if (names := report.get(role, lang))
    ]
    lines = [t("briefing.report", lang, report=report.short(lang), period=report.period(lang))]
    return lines + ([" · ".join(people)] if people else [])


def _closing_slide(prs, brief: Briefing) -> None:
    lang = brief.lang
    slide = _new_slide(prs, t("briefing.closing", lang))
    sources = [r.citation(lang) for r in reversed(brief.reports)]
    notes = [f"• {n}" for n in brief.notes]
    top = BODY.top
    for heading, lines, share in (("briefing.closing.sources", sources, 0.38), ("briefing.closing.notes", notes, 0.62)):
        text_box(slide, t(heading, lang), Box(MARGIN, top, BODY.width, 28), size=20, bold=True, colour=PRIMARY, max_lines=1)
        height = (BODY.height - 2 * 34) * share
        text_box(slide, "\n".join(lines), Box(MARGIN, top + 32, BODY.width, height), size=16, least=TEXT_MIN)
        top += 34 + height
    _notes(slide, [*(r.citation(lang) for r in brief.reports), *brief.notes])


def _footers(prs, brief: Briefing, evidence: list[tuple[Evidence, ...]]) -> None:
    """Each slide but the title's: the reports its figures come from, and its number."""
    total = len(prs.slides)
    for number, (slide, found) in enumerate(zip(prs.slides, evidence), start=1):
        if number == 1:
            continue
        line = brief.source_line(found)
        text_box(
            slide, line, Box(FOOTER.left, FOOTER.top, FOOTER.width - 90, FOOTER.height), size=TEXT_MIN, colour=MUTED, max_lines=1
        )
        text_box(
            slide,
            f"{number} / {total}",
            Box(FOOTER.left + FOOTER.width - 80, FOOTER.top, 80, FOOTER.height),
            size=TEXT_MIN,
            colour=MUTED,
            align=PP_ALIGN.RIGHT,
        )


def deck_bytes(brief: Briefing) -> bytes:
    """The whole deck as a .pptx file."""
    prs = Presentation(io.BytesIO(template()))
    prs.slide_width, prs.slide_height = Emu(SLIDE_WIDTH_EMU), Emu(round(SLIDE_WIDTH_EMU * SLIDE.height / SLIDE.width))
    _title_slide(prs, brief)
    evidence: list[tuple[Evidence, ...]] = [()]
    for topic in brief.topics:
        evidence += _figures_slides(prs, topic, brief.lang)
        for chart in topic.charts:
            evidence += _chart_slides(prs, topic, chart, brief.lang)
    _closing_slide(prs, brief)
    _footers(prs, brief, [*evidence, ()])
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
