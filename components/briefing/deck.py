"""The briefing as a 16:9 slide deck (python-pptx): a title slide, each topic's headline figures as large text and its
charts as native, editable office charts with their data embedded, and a closing slide with the citation and the data
notes. Every slide's speaker notes quote the report's sentences behind it. Text is fitted to its box (layout.fit)."""

from __future__ import annotations

import copy
import io
from collections.abc import Iterable, Sequence

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Deck
from pptx.util import Emu, Pt

from components.blocks import Evidence, merge
from components.briefing import layout
from components.briefing.content import Briefing, Figure, TopicBrief
from components.briefing.native import NativeChart, native_chart
from components.charts.theme import DERIVED_OPACITY
from components.i18n import t

# 16:9 at PowerPoint's widescreen size
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)
MARGIN = Emu(457200)  # 0.5 in
BAND = Emu(118872)  # the palette band along the top of every slide
PER_ROW, ROWS = 5, 2  # headline cards on a figures slide: four a row, five when that keeps a topic on one slide
# A chart's room: bars get a fixed thickness, so one bar is not drawn as a block filling the slide
CHART_TOP, CHART_HEIGHT = Emu(1325880), Emu(4663440)
CHART_CHROME, PER_BAR = Emu(1097280), Emu(594360)

# The app's light theme (.streamlit/config.toml) and chart palette (components/charts/theme.py)
PRIMARY, INK, MUTED, PANEL, WHITE = "0B5CAD", "1F2933", "52606D", "F2F5F8", "FFFFFF"
# Latin text in a face every office PC has; Chinese in Microsoft YaHei (微软雅黑), which Windows and WPS have. The
# panose and GB2312 charset let PowerPoint, WPS and LibreOffice substitute another Chinese sans where it is missing.
LATIN = "Arial"
EAST_ASIAN = {"typeface": "Microsoft YaHei", "panose": "020B0503020204020204", "pitchFamily": "34", "charset": "-122"}


def lighter(colour, opacity: float = DERIVED_OPACITY) -> RGBColor:
    """A colour at `opacity` laid over white: how the app draws a derived bar, as a solid an office chart can fill."""
    return RGBColor(*(round(c * opacity + 255 * (1 - opacity)) for c in colour))


def _rgb(colour: str) -> RGBColor:
    """#RRGGBB, or rgba(r, g, b, a) as it looks over white."""
    colour = colour.strip()
    if colour.startswith("rgba("):
        *channels, alpha = (float(x) for x in colour[5:-1].split(","))
        return lighter(channels, alpha)
    return RGBColor.from_string(colour.lstrip("#").upper())


def set_fonts(rpr: etree._Element) -> None:
    """Give a run (or a default run property) its Latin face and its East Asian face (a:ea, which python-pptx does not
    set), in the order the schema wants them."""
    for tag in ("a:latin", "a:ea", "a:cs"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    latin = etree.SubElement(rpr, qn("a:latin"), typeface=LATIN)
    ea = etree.Element(qn("a:ea"), **EAST_ASIAN)
    latin.addnext(ea)
    # what must follow the faces (a:sym, hyperlinks, extensions) moves after them
    for tag in ("a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst"):
        for later in rpr.findall(qn(tag)):
            rpr.remove(later)
            rpr.append(later)


# --- the master: the app's palette and typefaces -------------------------------------------------------------------


def _theme(prs: Deck) -> None:
    """Theme colours in the app's palette and theme fonts with a Chinese face, so text the user adds matches."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    scheme = {"dk1": INK, "lt1": WHITE, "dk2": PRIMARY, "lt2": PANEL}
    scheme.update({f"accent{i + 1}": c.lstrip("#") for i, c in enumerate(layout.PALETTE)})
    for name, colour in scheme.items():
        slot = root.find(f".//{qn('a:clrScheme')}/{qn('a:' + name)}")
        if slot is not None:
            for child in list(slot):
                slot.remove(child)
            etree.SubElement(slot, qn("a:srgbClr"), val=colour)
    for kind in ("a:majorFont", "a:minorFont"):
        fonts = root.find(f".//{qn(kind)}")
        if fonts is None:
            continue
        fonts.find(qn("a:latin")).set("typeface", LATIN)
        ea = fonts.find(qn("a:ea"))
        for key, value in EAST_ASIAN.items():
            ea.set(key, value)
        for script in fonts.findall(qn("a:font")):
            if script.get("script") in ("Hans", "Hant"):
                script.set("typeface", EAST_ASIAN["typeface"])
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _master(prs: Deck) -> None:
    """A white master with the palette band along its top: every slide, and every slide the user adds, has it."""
    master = prs.slide_master
    master.background.fill.solid()
    master.background.fill.fore_color.rgb = _rgb(WHITE)
    # python-pptx adds shapes to slides only: the band is drawn on a scratch slide and moved onto the master
    scratch = prs.slides.add_slide(prs.slide_layouts[6])
    band = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, WIDTH, BAND)
    band.fill.solid()
    band.fill.fore_color.rgb = _rgb(PRIMARY)
    band.line.fill.background()
    master.shapes._spTree.append(copy.deepcopy(band._element))
    slides = prs.slides._sldIdLst
    prs.part.drop_rel(slides[-1].rId)
    slides.remove(slides[-1])
    for rpr in master.element.iter(qn("a:defRPr")):
        set_fonts(rpr)
    title = master.element.find(f".//{qn('p:titleStyle')}//{qn('a:defRPr')}")
    if title is not None:
        fill = etree.Element(qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), val=PRIMARY)
        title.insert(0, fill)


def new_presentation() -> Deck:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _theme(prs)
    _master(prs)
    return prs


# --- text ------------------------------------------------------------------------------------------------------------


def text_box(
    slide,
    text: str,
    box: layout.Box,
    *,
    size: float,
    min_size: float | None = None,
    bold: bool = False,
    colour: str = INK,
    align=PP_ALIGN.LEFT,
    anchor=MSO_ANCHOR.TOP,
    max_lines: int | None = None,
):
    """A text box whose text is fitted: the largest size from `size` down to `min_size` at which it fits the box."""
    fitted = layout.fit(text, box.width_pt, box.height_pt, size, min_size or size, bold=bold, max_lines=max_lines)
    shape = slide.shapes.add_textbox(Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for number, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(fitted)
        run.font.bold = bold
        run.font.color.rgb = _rgb(colour)
        set_fonts(run.font._rPr)
    return shape


def _panel(slide, box: layout.Box, fill: str = PANEL):
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height))
    shape.adjustments[0] = 0.06
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(fill)
    shape.line.fill.background()
    shape.shadow.inherit = False
    return shape


def _notes(slide, lines: Iterable[str]) -> None:
    slide.notes_slide.notes_text_frame.text = "\n".join(lines)
    for paragraph in slide.notes_slide.notes_text_frame.paragraphs:
        for run in paragraph.runs:
            set_fonts(run.font._rPr)


def _sentence_notes(lang: str, heading: Sequence[str], sources: Sequence[Evidence]) -> list[str]:
    lines = [*heading, "", t("briefing.notes.sentences", lang)]
    for found in sources:
        lines += [f"「{s}」" for s in found.sentences]
        if found.citation:
            lines.append(f"—— {found.citation}")
    return lines


def _title(slide, text: str) -> None:
    box = layout.Box.of(MARGIN, BAND + Emu(228600), WIDTH - 2 * MARGIN, Emu(640080))
    text_box(slide, text, box, size=30, min_size=20, bold=True, colour=PRIMARY, anchor=MSO_ANCHOR.MIDDLE, max_lines=1)


def _footer(slide, brief: Briefing, number: int, total: int) -> None:
    top = HEIGHT - Emu(411480)
    text_box(
        slide,
        brief.source_line,
        layout.Box.of(MARGIN, top, WIDTH - 2 * MARGIN - Emu(1371600), Emu(274320)),
        size=11,
        min_size=8,
        colour=MUTED,
        max_lines=1,
    )
    text_box(
        slide,
        f"{number} / {total}",
        layout.Box.of(WIDTH - MARGIN - Emu(1280160), top, Emu(1280160), Emu(274320)),
        size=11,
        colour=MUTED,
        align=PP_ALIGN.RIGHT,
    )


# --- slides ------------------------------------------------------------------------------------------------------------


def _title_slide(prs: Deck, brief: Briefing) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    lang = brief.lang
    inner = WIDTH - 2 * MARGIN
    text_box(
        slide,
        brief.title,
        layout.Box.of(MARGIN, Emu(1554480), inner, Emu(1097280)),
        size=44,
        min_size=28,
        bold=True,
        colour=PRIMARY,
        anchor=MSO_ANCHOR.BOTTOM,
        max_lines=2,
    )
    text_box(
        slide,
        t("briefing.subtitle", lang),
        layout.Box.of(MARGIN, Emu(2743200), inner, Emu(548640)),
        size=26,
        min_size=18,
        colour=INK,
        max_lines=1,
    )
    lines = [line for report in brief.reports for line in report.lines(lang)] + [brief.generated_line]
    text_box(
        slide, "\n".join(lines), layout.Box.of(MARGIN, Emu(3566160), inner, Emu(2286000)), size=16, min_size=11, colour=MUTED
    )
    _notes(slide, [brief.title, *(r.citation for r in brief.reports)])


# A figures slide's cards: a fixed height whether one row or two, so that figures read alike from slide to slide
CARD_HEIGHT, CARD_GAP, CARD_PAD = Emu(2057400), Emu(182880), Emu(137160)
LABEL_SHARE, VALUE_SHARE = 0.30, 0.34
CARD_TEXT = {"label": (15, 10, 2), "value": (34, 16, 1), "note": (12, 8, 4)}  # size, smallest size, lines


def _card_texts(figure: Figure, lang: str) -> dict[str, str]:
    return dict(zip(CARD_TEXT, layout.figure_texts(figure, lang)))


def _card_boxes(box: layout.Box) -> dict[str, layout.Box]:
    inner = box.inset(CARD_PAD)
    label_h, value_h = round(box.height * LABEL_SHARE), round(box.height * VALUE_SHARE)
    return {
        "label": layout.Box.of(inner.left, inner.top, inner.width, label_h),
        "value": layout.Box.of(inner.left, inner.top + label_h, inner.width, value_h),
        "note": layout.Box.of(inner.left, inner.top + label_h + value_h, inner.width, inner.height - label_h - value_h),
    }


def _card_sizes(texts: Sequence[dict[str, str]], boxes: Sequence[dict[str, layout.Box]]) -> dict[str, float]:
    """One size for each kind of text across a slide's cards: the largest at which every card's text fits."""
    sizes = {}
    for part, (size, smallest, lines) in CARD_TEXT.items():
        bold = part == "value"
        sizes[part] = min(
            layout.fit(text[part], box[part].width_pt, box[part].height_pt, size, smallest, bold=bold, max_lines=lines)
            for text, box in zip(texts, boxes)
        )
    return sizes


def _card(slide, texts: dict[str, str], boxes: dict[str, layout.Box], box: layout.Box, sizes: dict[str, float]) -> None:
    _panel(slide, box)
    text_box(slide, texts["label"], boxes["label"], size=sizes["label"], colour=MUTED)
    value_anchor = MSO_ANCHOR.MIDDLE
    text_box(slide, texts["value"], boxes["value"], size=sizes["value"], bold=True, colour=PRIMARY, anchor=value_anchor)
    if texts["note"]:
        text_box(slide, texts["note"], boxes["note"], size=sizes["note"], colour=INK)


def _figure_notes(lang: str, figures: Sequence[Figure]) -> list[str]:
    return [
        t(
            "briefing.notes.figure",
            lang,
            label=f.headline.label,
            value=" · ".join(x for x in (f.headline.value, f.note, f.headline.note) if x),
        )
        for f in figures
    ]


def _figures_slides(prs: Deck, topic: TopicBrief, lang: str) -> None:
    per_slide = PER_ROW * ROWS
    for start in range(0, len(topic.figures), per_slide):
        figures = topic.figures[start : start + per_slide]
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        title = f"{topic.title} · {t('briefing.figures', lang)}" + (t("briefing.continued", lang) if start else "")
        _title(slide, title)
        per_row = len(figures) if len(figures) <= PER_ROW else -(-len(figures) // ROWS)
        rows = -(-len(figures) // per_row)
        area = layout.Box.of(MARGIN, Emu(1325880), WIDTH - 2 * MARGIN, rows * CARD_HEIGHT + (rows - 1) * CARD_GAP)
        boxes = area.grid(per_row, rows, gap=CARD_GAP)[: len(figures)]
        texts = [_card_texts(f, lang) for f in figures]
        parts = [_card_boxes(b) for b in boxes]
        sizes = _card_sizes(texts, parts)
        for text, part, box in zip(texts, parts, boxes):
            _card(slide, text, part, box, sizes)
        marks = layout.figure_marks(figures, lang)
        if marks:
            below = area.top + area.height + CARD_GAP
            text_box(
                slide,
                " ".join(marks),
                layout.Box.of(MARGIN, below, WIDTH - 2 * MARGIN, Emu(457200)),
                size=12,
                min_size=9,
                colour=MUTED,
                max_lines=2,
            )
        sources = [e for f in figures for e in f.headline.sources]
        _notes(slide, _sentence_notes(lang, _figure_notes(lang, figures), merge(sources)))


def _chart_data(chart: NativeChart) -> CategoryChartData:
    data = CategoryChartData(number_format="#,##0.##")
    data.categories = chart.categories
    for series in chart.series:
        data.add_series(series.name, series.values)
    return data


def add_native_chart(slide, chart: NativeChart, box: layout.Box, lang: str):
    """The chart as an office chart: bars (first category on top) or a line, each point labelled as published."""
    kind = XL_CHART_TYPE.LINE_MARKERS if chart.kind == "line" else XL_CHART_TYPE.BAR_CLUSTERED
    frame = slide.shapes.add_chart(kind, Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height), _chart_data(chart))
    office = frame.chart
    office.font.size = Pt(14 if len(chart.categories) <= 6 else 12)
    office.font.color.rgb = _rgb(INK)
    set_fonts(office.font._rPr)
    office.has_title = False  # the slide's title says it, in a box that is fitted
    office.has_legend = len(chart.series) > 1
    if office.has_legend:
        office.legend.position = XL_LEGEND_POSITION.BOTTOM
        office.legend.include_in_layout = False
    categories, values = office.category_axis, office.value_axis
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = _rgb("D9DEE3")
    values.format.line.fill.background()
    values.tick_labels.number_format = "#,##0.##"
    values.tick_labels.number_format_is_linked = False
    values.has_title = bool(chart.axis_title)
    if chart.axis_title:
        values.axis_title.text_frame.text = chart.axis_title
        for run in values.axis_title.text_frame.paragraphs[0].runs:
            run.font.size = Pt(12)
            run.font.bold = False
            set_fonts(run.font._rPr)
    values.minimum_scale = 0
    largest = max((v for s in chart.series for v in s.values if v is not None), default=0)
    if largest and chart.kind == "bar":
        values.maximum_scale = largest * 1.25  # room for the value labels past the longest bar
    if chart.kind == "bar":
        categories.reverse_order = True  # an office bar chart draws its first category at the bottom...
        # ...and its value axis then at the top, unless the value axis crosses at the last category (python-pptx has
        # no setting for this side of the crossing)
        for crosses in office._chartSpace.iter(qn("c:valAx")):
            crosses.find(qn("c:crosses")).set("val", "max")
    categories.format.line.color.rgb = _rgb("D9DEE3")
    plot = office.plots[0]
    if chart.kind == "bar":
        plot.gap_width = 60
    for index, series in enumerate(chart.series):
        drawn = plot.series[index]
        if chart.kind == "line":
            drawn.format.line.color.rgb = _rgb(layout.PALETTE[5])
            drawn.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            drawn.marker.format.fill.solid()
            drawn.marker.format.fill.fore_color.rgb = _rgb(layout.PALETTE[0])
            drawn.marker.size = 11
            drawn.smooth = False
        else:  # the series' own fill is what its legend swatch shows
            drawn.format.fill.solid()
            drawn.format.fill.fore_color.rgb = _rgb(chart.colour(index, 0))
        for place, (label, bound, derived) in enumerate(zip(series.labels, series.bounds, series.derived)):
            point = drawn.points[place]
            if chart.kind == "bar":
                colour = _rgb(chart.colour(index, place))
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = lighter(colour) if derived and len(chart.series) == 1 else colour
                if derived or bound:
                    point.format.line.color.rgb = colour
                    point.format.line.width = Pt(1.5)
                    point.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            if not label:
                continue
            data_label = point.data_label
            data_label.position = XL_LABEL_POSITION.OUTSIDE_END if chart.kind == "bar" else XL_LABEL_POSITION.ABOVE
            text = label + (f"({t('derived.badge', lang)})" if derived and t("derived.badge", lang) not in series.name else "")
            data_label.text_frame.text = text
            for run in data_label.text_frame.paragraphs[0].runs:
                run.font.size = Pt(13)
                run.font.bold = True
                run.font.color.rgb = _rgb(INK)
                set_fonts(run.font._rPr)
    return frame


def _chart_slide(prs: Deck, topic: TopicBrief, block, lang: str) -> None:
    chart = native_chart(block)
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _title(slide, f"{topic.title} · {chart.title}")
    marks = layout.chart_marks(block, chart, topic.filtered, lang)
    side_w = Emu(3017520)
    bars = len(chart.categories) * (len(chart.series) if chart.kind == "bar" else 1)
    height = min(CHART_HEIGHT, CHART_CHROME + bars * PER_BAR) if chart.kind == "bar" else CHART_HEIGHT
    chart_box = layout.Box.of(MARGIN, CHART_TOP, WIDTH - 2 * MARGIN - side_w - CARD_GAP, height)
    add_native_chart(slide, chart, chart_box, lang)
    if marks:
        pad = CARD_PAD
        text = "\n".join(marks)
        room = layout.Box.of(WIDTH - MARGIN - side_w + pad, CHART_TOP + pad, side_w - 2 * pad, CHART_HEIGHT - 2 * pad)
        size = layout.fit(text, room.width_pt, room.height_pt, 14, 9)
        needed = round(layout.lines_needed(text, room.width_pt, size) * size * layout.LINE_HEIGHT * layout.EMU_PER_PT)
        text_room = layout.Box.of(room.left, room.top, room.width, min(room.height, needed + Emu(45720)))
        _panel(slide, layout.Box.of(text_room.left - pad, CHART_TOP, side_w, text_room.height + 2 * pad))
        text_box(slide, text, text_room, size=size, colour=INK)
    heading = [f"{chart.title}"] + [
        f"{category}:{'、'.join(s.labels[i] for s in chart.series if s.labels[i])}"
        if lang == "zh"
        else f"{category}: {', '.join(s.labels[i] for s in chart.series if s.labels[i])}"
        for i, category in enumerate(chart.categories)
    ]
    _notes(slide, _sentence_notes(lang, heading, block.sources))


def _closing_slide(prs: Deck, brief: Briefing) -> None:
    lang = brief.lang
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _title(slide, t("briefing.closing", lang))
    inner = WIDTH - 2 * MARGIN
    parts = (
        ("briefing.closing.sources", [r.citation for r in brief.reports], Emu(1325880), Emu(1005840)),
        ("briefing.closing.notes", [f"• {n}" for n in brief.notes], Emu(2788920), Emu(2743200)),
    )
    for heading, lines, top, height in parts:  # a heading, then its lines in the room below it
        heading_box = layout.Box.of(MARGIN, top, inner, Emu(365760))
        text_box(slide, t(heading, lang), heading_box, size=18, bold=True, colour=PRIMARY, max_lines=1)
        body = layout.Box.of(MARGIN, top + heading_box.height, inner, height)
        text_box(slide, "\n".join(lines), body, size=14, min_size=9, colour=INK)
    _notes(slide, [*(r.citation for r in brief.reports), *brief.notes])


def deck_bytes(brief: Briefing) -> bytes:
    """The whole deck as a .pptx file."""
    prs = new_presentation()
    _title_slide(prs, brief)
    for topic in brief.topics:
        _figures_slides(prs, topic, brief.lang)
        for block in topic.charts:
            _chart_slide(prs, topic, block, brief.lang)
    _closing_slide(prs, brief)
    total = len(prs.slides)
    for number, slide in enumerate(prs.slides, start=1):
        if number > 1:
            _footer(slide, brief, number, total)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
