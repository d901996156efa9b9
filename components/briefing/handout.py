"""The briefing as an A4 handout (PDF): a section per topic with its headline cards (each with its period, qualifier
and growth) and its charts, drawn as vector graphics from the same chart model as the page's (charts/vega.py, rendered
by vl-convert, no browser), each with what it covers, and the reports' sentences; the reports and the data notes at
the end. fpdf2 lays out the text with Noto Sans CJK embedded as a subset; pypdf places each chart where the layout left
room for it."""

from __future__ import annotations

import functools
import io
import json
from dataclasses import dataclass
from typing import cast

import vl_convert
from fpdf import FPDF
from fpdf.fonts import TTFFont
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, IndirectObject, NameObject

from components.briefing.content import BriefChart, Briefing, card_lines, chart_marks
from components.briefing.fonts import cjk_fonts
from components.charts.model import ChartModel
from components.charts.theme import theme_config
from components.charts.vega import vega_spec
from components.figures.citations import Evidence, merge
from components.i18n import t
from components.topics.blocks import Card

MARGIN = 16.0  # mm
CONTENT = 210.0 - 2 * MARGIN
PT = 25.4 / 72  # mm per point
CHART_WIDTH_PX = 400  # the plot's width in the spec; labels and axis titles add to it
PRIMARY, INK, MUTED, RULE, PANEL = (11, 92, 173), (31, 41, 51), (82, 96, 109), (190, 198, 206), (242, 245, 248)
PER_ROW = 3
FONT, BOLD = "noto", "B"


@dataclass(frozen=True)
class Placement:
    page: int  # 1-based
    x: float
    y: float  # top, mm from the page's top
    scale: float
    chart: bytes


def chart_pdf(model: ChartModel) -> bytes:
    """The chart as a one-page vector PDF, in the app's light theme at reading sizes, fonts embedded."""
    spec = {**vega_spec(model), "width": CHART_WIDTH_PX, "config": {**theme_config(), "background": "white"}}
    return _rendered(json.dumps(spec, sort_keys=True, ensure_ascii=False, default=str))


# Rendering is most of a handout's time (about 0.1-0.2 s a chart); the same spec always gives the same PDF, so a chart
# is rendered once per process (the app's worker keeps them for the next export, unfiltered charts above all).
@functools.lru_cache(maxsize=128)
def _rendered(spec: str) -> bytes:
    return vl_convert.vegalite_to_pdf(json.loads(spec), vl_version="6.4")


class _Document(FPDF):
    def __init__(self, lang: str, title: str, footer: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.language, self.footer_text = lang, footer
        regular, bold = cjk_fonts()
        self.add_font(FONT, "", str(regular.path), collection_font_number=regular.index)
        self.add_font(FONT, BOLD, str(bold.path), collection_font_number=bold.index)
        for font in self.fonts.values():
            assert isinstance(font, TTFFont)
            # fontTools would otherwise recompute the bounds of every glyph of the CFF subset as it saves it (2 s of
            # the handout's 3); the font's own bounds stay true of its subset
            font.ttfont.recalcBBoxes = False
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=18)
        self.set_title(title)
        self.set_creator("Heze Development Zone dashboard")
        self.set_lang("zh-CN" if lang == "zh" else "en")

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(*MUTED)
        self.set_draw_color(*RULE)
        self.line(MARGIN, self.get_y() - 1.5, 210 - MARGIN, self.get_y() - 1.5)
        page = t("briefing.page", self.language, page=self.page_no(), pages="{nb}")
        width = self.get_string_width(page.replace("{nb}", "99")) + 2
        # three reports' names do not fit on one line: they wrap onto a second, never run off the page
        self.multi_cell(CONTENT - width, 3.6, self.footer_text, align="L", new_x="RIGHT", new_y="TOP")
        self.cell(width, 3.6, page, align="R")

    # --- pieces ---

    def style(self, size: float, bold: bool = False, colour=INK) -> None:
        self.set_font(FONT, BOLD if bold else "", size)
        self.set_text_color(*colour)

    def room(self, height: float) -> None:
        """A new page unless `height` mm still fits on this one."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def lines(self, text: str, width: float) -> int:
        found = self.multi_cell(width, 4, text, dry_run=True, output="LINES")
        return len(found) if isinstance(found, list) else 1

    def paragraph(self, text: str, size: float = 9, colour=INK, bold: bool = False, gap: float = 1.5) -> None:
        self.style(size, bold, colour)
        self.multi_cell(CONTENT, size * PT * 1.45, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(gap)

    def heading(self, text: str, size: float = 16) -> None:
        self.room(size * PT * 3 + 30)  # a heading is never left alone at the foot of a page
        self.style(size, True, PRIMARY)
        self.multi_cell(CONTENT, size * PT * 1.4, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(*PRIMARY)
        self.set_line_width(0.5)
        self.line(MARGIN, self.get_y() + 0.5, 210 - MARGIN, self.get_y() + 0.5)
        self.ln(3)


def _fitted(doc: _Document, text: str, width: float, size: float, smallest: float, bold: bool = False) -> float:
    """The largest size from `size` down at which `text` fits on one line `width` mm wide."""
    while size > smallest:
        doc.set_font(FONT, BOLD if bold else "", size)
        if doc.get_string_width(text) <= width:
            return size
        size -= 0.5
    return smallest


def _cards(doc: _Document, cards: tuple[Card, ...]) -> None:
    """The headline cards, three a row, each with its period, qualifier and growth."""
    gap = 3.0
    width = (CONTENT - gap * (PER_ROW - 1)) / PER_ROW
    inner = width - 5
    lang = doc.language
    for start in range(0, len(cards), PER_ROW):
        texts = [card_lines(c, lang) for c in cards[start : start + PER_ROW]]
        value_size = min(_fitted(doc, text["value"], inner, 17, 10, bold=True) for text in texts)
        doc.style(8.5)
        label_lines = max(doc.lines(text["label"], inner) for text in texts)
        doc.style(7.5)
        rest = [
            " · ".join(x for x in (text["covers"], text["growth"]) if x) + (f"\n{text['note']}" if text["note"] else "")
            for text in texts
        ]
        rest_lines = max(doc.lines(r, inner) if r else 0 for r in rest)
        height = 4 + label_lines * 4 + value_size * PT * 1.5 + rest_lines * 3.4 + 3
        doc.room(height + gap)
        top = doc.get_y()
        for column, (text, under) in enumerate(zip(texts, rest)):
            left = MARGIN + column * (width + gap)
            doc.set_fill_color(*PANEL)
            doc.set_draw_color(*RULE)
            doc.set_line_width(0.2)
            doc.rect(left, top, width, height, style="DF")
            doc.set_xy(left + 2.5, top + 2.5)
            doc.style(8.5, colour=MUTED)
            doc.multi_cell(inner, 4, text["label"], align="L")
            doc.set_xy(left + 2.5, top + 2.5 + label_lines * 4)
            doc.style(value_size, True, PRIMARY)
            doc.cell(inner, value_size * PT * 1.5, text["value"])
            if under:
                doc.set_xy(left + 2.5, top + 2.5 + label_lines * 4 + value_size * PT * 1.5)
                doc.style(7.5)
                doc.multi_cell(inner, 3.4, under, align="L")
        doc.set_xy(MARGIN, top + height + gap)


def _sentences(doc: _Document, evidence: tuple[Evidence, ...]) -> None:
    """The sentences behind a topic, each once, under the report each is from."""
    lang = doc.language
    for found in merge(evidence):
        quotes = " ".join(f"「{s}」" for s in found.sentences)
        label = t("source.label", lang)
        doc.paragraph(f"{label}{t('filter.colon', lang)}{quotes}", 7.5, MUTED, gap=0.5)
        doc.paragraph(f"—— {found.short[lang]}", 7, MUTED, gap=1.5)


def _chart(doc: _Document, chart: BriefChart, placements: list[Placement]) -> None:
    pdf = chart_pdf(chart.chart.model)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    width_mm, height_mm = float(page.mediabox.width) * PT, float(page.mediabox.height) * PT
    scale = min(0.9, CONTENT / width_mm)
    height = height_mm * scale
    doc.room(height + 22)
    doc.paragraph(chart.title, 10, INK, bold=True, gap=1)
    placements.append(Placement(doc.page_no(), MARGIN, doc.get_y(), scale, pdf))
    doc.set_y(doc.get_y() + height + 2)
    doc.paragraph(" ".join(chart_marks(chart, doc.language)), 8, INK, gap=3)


def _title_page(doc: _Document, brief: Briefing) -> None:
    lang = doc.language
    doc.add_page()
    doc.set_y(40)
    doc.style(24, True, PRIMARY)
    doc.multi_cell(CONTENT, 11, brief.title, align="L", new_x="LMARGIN", new_y="NEXT")
    doc.ln(2)
    doc.paragraph(t("briefing.subtitle", lang), 15, INK, gap=6)
    for report in reversed(brief.reports):
        doc.paragraph(t("briefing.report", lang, report=report.short(lang), period=report.period(lang)), 10.5)
        doc.paragraph(report.get("date_note", lang), 9.5, MUTED)
    doc.paragraph(brief.generated_line, 9.5, MUTED, gap=8)


def handout_bytes(brief: Briefing) -> bytes:
    """The whole handout as a PDF."""
    lang = brief.lang
    doc = _Document(lang, brief.title, brief.source_line(()))
    _title_page(doc, brief)
    placements: list[Placement] = []
    for done, topic in enumerate(brief.topics):
        doc.add_page() if done == 0 else doc.ln(4)
        doc.heading(topic.title)
        _cards(doc, topic.cards)
        doc.ln(2)
        for chart in topic.charts:
            _chart(doc, chart, placements)
        _sentences(doc, topic.evidence)
    doc.add_page()
    doc.heading(t("briefing.closing", lang))
    doc.paragraph(t("briefing.closing.sources", lang), 11, PRIMARY, bold=True, gap=1)
    for report in reversed(brief.reports):
        doc.paragraph(report.citation(lang), 9.5)
    doc.paragraph(t("briefing.closing.notes", lang), 11, PRIMARY, bold=True, gap=1)
    for note in brief.notes:
        doc.room(16)  # a bullet is never left alone at a page's foot
        doc.paragraph(f"• {note}", 9.5)
    return _with_charts(bytes(doc.output()), placements)


def _as_form(writer: PdfWriter, page: PageObject) -> IndirectObject:
    """A chart's page as a form XObject of the handout: drawn where it is placed, its contents left unparsed (pypdf's
    merge_transformed_page would parse and rewrite both pages' content streams: a second for a dozen charts)."""
    contents = page.get_contents()
    form = DecodedStreamObject()
    form.set_data(contents.get_data() if contents is not None else b"")
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(v) for v in page.mediabox]),
            NameObject("/Resources"): page["/Resources"].clone(writer),
        }
    )
    return writer._add_object(form)


def _with_charts(document: bytes, placements: list[Placement]) -> bytes:
    """Each chart's page laid onto the handout where the layout left room for it (PDF's y runs up from the foot)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(document)))
    for number, placed in enumerate(placements):
        chart = PdfReader(io.BytesIO(placed.chart)).pages[0]
        target = writer.pages[placed.page - 1]
        name = NameObject(f"/Chart{number}")
        resources = cast(DictionaryObject, target["/Resources"].get_object())
        if "/XObject" not in resources:
            resources[NameObject("/XObject")] = DictionaryObject()
        cast(DictionaryObject, resources["/XObject"].get_object())[name] = _as_form(writer, chart)
        x = placed.x / PT
        y = float(target.mediabox.height) - placed.y / PT - float(chart.mediabox.height) * placed.scale
        draw = DecodedStreamObject()
        draw.set_data(f"q {placed.scale:.5f} 0 0 {placed.scale:.5f} {x:.3f} {y:.3f} cm {name} Do Q".encode())
        contents = target.raw_get("/Contents")
        listed = contents.get_object() if isinstance(contents.get_object(), ArrayObject) else ArrayObject([contents])
        target[NameObject("/Contents")] = ArrayObject([*listed, writer._add_object(draw)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
