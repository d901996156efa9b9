"""The briefing pack read back: the deck with python-pptx, the handout with pypdf and pdffonts, the command's exits,
and the export control in AppTest (components/briefing, components/ui/export.py)."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn
from pypdf import PdfReader

from components.briefing import build, content, layout
from components.briefing import deck as deck_module
from components.briefing.content import BRIEFABLE
from components.data.loader import read_dataset
from components.topics.investment import build as investment
from support import ROOT, csv, run_page

PROJECTS = f"{investment.__name__}.projects_section"
NEW_STARTS = {PROJECTS: {"stages": ("new_start",)}}
SOURCE = (ROOT.parent / "shared" / "source" / "heze-devzone-2020-report.txt").read_text(encoding="utf-8")
NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def data():
    return read_dataset()


def made(data, fmt: str, lang: str, shown=None, pages=None) -> bytes:
    return build.build(data, content.direct(data), fmt, lang, shown=shown, pages=pages)


@pytest.fixture(scope="module", params=["zh", "en"])
def deck(request, data):
    return request.param, Presentation(io.BytesIO(made(data, "pptx", request.param, NEW_STARTS)))


def charts(deck):
    return [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]


def texts(deck):
    return [
        run
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
        for run in p.runs
    ]


def test_the_deck_is_16_9_with_a_title_slide_a_slide_per_figures_and_chart_and_a_closing_slide(deck, data):
    lang, deck = deck
    assert deck.slide_width * 9 == deck.slide_height * 16
    brief = content.briefing(data, content.direct(data), lang, presenting=True, shown=NEW_STARTS)
    figure_slides = sum(-(-len(t.figures) // (deck_module.PER_ROW * deck_module.ROWS)) for t in brief.topics)
    assert len(deck.slides) == 2 + figure_slides + sum(len(t.charts) for t in brief.topics)
    assert len(brief.topics) == len(BRIEFABLE)


def test_charts_are_native_bar_or_line_charts_with_their_data_embedded(deck):
    _, deck = deck
    kinds = {c.chart_type for c in charts(deck)}
    assert kinds <= {XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.LINE_MARKERS} and XL_CHART_TYPE.LINE_MARKERS in kinds
    for chart in charts(deck):
        assert chart.part.chart_workbook.xlsx_part is not None, "the chart's data sheet is embedded, so it stays editable"


def test_the_filtered_named_projects_chart_holds_the_data_layer_values(deck):
    lang, deck = deck
    projects = csv("projects")
    expected = projects[(projects["stage"] == "new_start") & (projects["amount"] != "")]
    names = expected[f"name_{lang}"].tolist()
    named = [c for c in charts(deck) if set(c.plots[0].categories) == set(names)]
    assert len(named) == 1, "exactly the new starts with an amount, nothing else"
    values = dict(zip(named[0].plots[0].categories, named[0].plots[0].series[0].values))
    # the amounts are in 亿元 (10^8 yuan); the largest is 150亿元, so English counts the axis in CNY bn, as its label does
    per, unit = (1, "亿元") if lang == "zh" else (10, "CNY bn")
    assert unit in named[0].value_axis.axis_title.text_frame.text
    assert values == pytest.approx({n: float(a) / per for n, a in zip(names, expected["amount"])})


def test_lower_bounds_keep_their_qualifier_in_chart_labels_and_headline_text(deck):
    lang, deck = deck
    bound = "300多亿元" if lang == "zh" else "CNY 30 bn+"
    labels = [
        p.data_label.text_frame.text
        for c in charts(deck)
        for s in c.plots[0].series
        for p in (s.points[i] for i in range(len(s.values)))
        if p.data_label.has_text_frame
    ]
    assert bound in labels
    assert bound in [r.text for r in texts(deck)]
    assert "300亿元" not in labels and "CNY 30 bn" not in labels


def test_every_run_has_an_east_asian_typeface(deck):
    _, deck = deck
    for run in texts(deck):
        ea = run.font._rPr.find(qn("a:ea"))
        assert ea is not None and ea.get("typeface"), run.text
    chinese = [r for r in texts(deck) if any("\u4e00" <= ch <= "\u9fff" for ch in r.text)]
    assert chinese


def test_speaker_notes_quote_the_report_verbatim(deck):
    _, deck = deck
    quoted = 0
    for slide in list(deck.slides)[1:-1]:
        notes = slide.notes_slide.notes_text_frame.text
        sentences = [line.strip("「」") for line in notes.splitlines() if line.startswith("「")]
        assert sentences, f"slide {slide.slide_id} has no sentences in its notes"
        for sentence in sentences:
            assert sentence in SOURCE
            quoted += 1
    assert quoted > 20


def test_fitted_text_fits_its_box_by_the_real_font_metrics(deck):
    """Measured with Noto Sans CJK (the face LibreOffice and WPS on Linux substitute), not with the estimate."""
    from PIL import ImageFont

    from components.briefing.fonts import cjk_fonts

    regular, bold = cjk_fonts()
    _, deck = deck
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text:
                continue
            lines = 0
            for paragraph in shape.text_frame.paragraphs:
                run = paragraph.runs[0]
                face = bold if run.font.bold else regular
                font = ImageFont.truetype(str(face.path), index=face.index, size=max(1, round(run.font.size.pt)))
                width = font.getlength(paragraph.text)
                lines += max(1, -(-int(width) // int(shape.width / layout.EMU_PER_PT)))
            height = lines * run.font.size.pt * 1.2
            assert height <= shape.height / layout.EMU_PER_PT + 1, (shape.text_frame.text, lines)


@pytest.fixture(scope="module", params=["zh", "en"])
def handout(request, data, tmp_path_factory):
    path = tmp_path_factory.mktemp("handout") / f"{request.param}.pdf"
    path.write_bytes(made(data, "pdf", request.param, NEW_STARTS))
    return request.param, path


def pdf_text(path) -> str:
    """The handout's text as poppler reads it (fpdf2's CID fonts read back garbled with pypdf's extractor)."""
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_handout_has_figures_with_their_qualifiers_and_page_numbers(handout):
    lang, path = handout
    reader = PdfReader(path)
    text = pdf_text(path)
    for figure in (
        ["300多亿元", "50多个", "推算", "第 1 页,共"] if lang == "zh" else ["CNY 30 bn+", "50+ projects", "derived", "Page 1 of"]
    ):
        assert figure in text, figure
    assert f"{len(reader.pages)}" in text
    assert "今年以来,新开工投资150亿元的菏泽现代医药港" in "".join(text.split())


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="pdffonts (poppler-utils) not installed")
def test_every_font_of_the_handout_is_embedded_as_a_subset(handout):
    _, path = handout
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert rows
    for row in rows:
        name, *_, emb, sub, _uni, _obj, _gen = row.split()
        assert (emb, sub) == ("yes", "yes"), row
        assert "+" in name


def test_the_command_writes_files_and_refuses_bad_arguments(tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "components.briefing", *args], cwd=ROOT, capture_output=True, text=True)

    ok = run("--lang", "en", "--pages", "trade,investment", "--out", str(tmp_path / "x.pptx"))
    assert ok.returncode == 0, ok.stderr
    assert len(Presentation(str(tmp_path / "x.pptx")).slides) > 3
    assert run("--lang", "fr", "--out", str(tmp_path / "x.pdf")).returncode == 2
    unknown = run("--lang", "zh", "--pages", "nowhere", "--out", str(tmp_path / "x.pdf"))
    assert unknown.returncode == 2 and "nowhere" in unknown.stderr
    assert run("--lang", "zh", "--out", str(tmp_path / "x.docx")).returncode == 2


def test_the_command_says_what_is_wrong_with_the_data(tmp_path):
    broken = tmp_path / "data"
    shutil.copytree(ROOT / "data", broken)
    (broken / "facts.csv").write_text("metric,period\nx,y\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "components.briefing", "--lang", "zh", "--out", str(tmp_path / "x.pptx")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "HEZE_DATA_DIR": str(broken)},
    )
    assert result.returncode == 1
    assert "facts.csv" in result.stderr and not (tmp_path / "x.pptx").exists()


def test_without_a_chinese_font_the_handout_is_refused_in_the_readers_language(monkeypatch, data):
    from components.briefing import fonts

    fonts.cjk_fonts.cache_clear()
    monkeypatch.setenv("HEZE_CJK_FONT", "/nonexistent/font.ttc")
    try:
        with pytest.raises(fonts.FontMissing) as refused:
            made(data, "pdf", "zh")
        assert "fonts-noto-cjk" in refused.value.message("zh") and "字体" in refused.value.message("zh")
    finally:
        fonts.cjk_fonts.cache_clear()


def test_the_export_control_builds_a_deck_of_the_filtered_page_on_click():
    at = run_page("pages/investment.py", stage="new_start")
    assert not [b for b in at.sidebar.button if b.key == "export_build"], "the form is drawn only when opened"
    at.session_state["export_open"] = True  # the reader opens the expander
    at.run()
    assert "export_ready" not in at.session_state, "nothing is built until asked"
    at.sidebar.button(key="export_build").click().run()
    fmt, deck_bytes = at.session_state["export_ready"][1:]
    assert fmt == "pptx"
    deck = Presentation(io.BytesIO(deck_bytes))
    values = [sorted(c.plots[0].series[0].values) for c in charts(deck)]
    assert [5.0, 12.0, 150.0] in values
    assert any("项目建设" in c.value for c in at.sidebar.caption), "the reader is told which page was filtered"
    assert not at.exception


def test_the_export_control_is_not_drawn_in_presentation_mode():
    at = run_page("pages/investment.py", present="1")
    assert not [b for b in at.button if b.key == "export_build"]


def test_the_layout_worker_runs_in_its_own_process_without_importing_the_running_script(tmp_path, monkeypatch, data):
    """Under Streamlit, __main__ is the running script (app.py); a spawned worker imported it, failed, and every export
    fell back to the server's process."""
    import types

    script = tmp_path / "script.py"
    script.write_text("raise RuntimeError('the worker imported the running script')\n", encoding="utf-8")
    streamlit_main = types.ModuleType("__main__")  # what Streamlit installs: a module with a file and no spec
    streamlit_main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", streamlit_main)
    monkeypatch.setattr(build, "_worker", None)
    brief = content.briefing(data, content.direct(data), "en", presenting=True, shown={}, pages=["trade"])
    try:
        raw = build._in_worker(brief, "pptx")
        assert Presentation(io.BytesIO(raw)).slides
        assert build._worker is not None, "the worker died and the layout fell back to this process"
    finally:
        if build._worker is not None:
            build._worker.shutdown()
