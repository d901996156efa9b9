"""Issue 23's "done when", in Chromium: a maintainer takes in the half-year report on the upkeep page (HEZE_UPKEEP=1) —
its text pasted, its citation filled in, the reviewed tables uploaded — sees it valid, downloads the data folder and
previews the pages in this session: the new economy page and the figures with their qualifiers, the half-year's trade
with its published growth and no comparison with a quarter. The zip is a valid data folder the briefing is built from;
the folder the server reads is never written. And a file that is not text gets its message, the page going on."""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from page_checks import charts_drawn
from playwright.sync_api import expect
from pptx import Presentation

from streamlit_wait import goto, screenshot, wait_for_app
from support import FIRST_REPORT, HALF_YEAR, ROOT, folder

REPORT = HALF_YEAR / "source" / "heze-devzone-2021-h1.txt"
REVIEWED = sorted(p for p in HALF_YEAR.glob("*.csv") if p.name != "sources.csv")
SOURCE_ID = "heze-devzone-2021-h1"
CITATION = {  # what the maintainer types: the report's title, publisher and what is known of its date
    "title_zh": "测试用虚构文本:菏泽市开发区2021年上半年经济运行情况",
    "title_en": "Made-up test text: the Heze Economic Development Zone in the first half of 2021",
    "publisher_zh": "菏泽开发区通讯(虚构测试数据)",
    "publisher_en": "Heze Zone Bulletin (made-up test data)",
    "date_note_zh": "虚构文本,仅用于测试。",
    "date_note_en": "Invented text, for tests only.",
}
TIMEOUT = 60_000  # ms: the draft and the checks of a whole data folder, on a shared machine


def digests(path: Path) -> dict[str, str]:
    return {str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(path.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> Path:
    """The data folder the server reads: a private copy of the pinned first report."""
    return folder(tmp_path_factory.mktemp("upkeep") / "data", base=FIRST_REPORT)


@pytest.fixture(scope="module")
def upkeep_app(start_app, shared):
    with start_app(env={"HEZE_DATA_DIR": str(shared), "HEZE_UPKEEP": "1"}) as url:
        yield url


def navigate(page, key: str) -> None:
    """Open a page through the sidebar (page.goto would start a new session, without this session's preview)."""
    page.locator(f'[data-testid="stSidebarNav"] a[href$="/{key}"]').click()
    page.wait_for_url(lambda url: url.split("?")[0].rstrip("/").endswith(f"/{key}"), timeout=TIMEOUT)
    wait_for_app(page, timeout=TIMEOUT)


def main_text(page) -> str:
    """The main area's text, its no-break spaces (which keep a number with its unit) read as spaces."""
    return re.sub(r"[\u00a0\u202f]", " ", page.inner_text('[data-testid="stMain"]'))


def half_year_trade_cards(page) -> list[str]:
    """The text of each headline card of the trade page that covers 2021年上半年 / H1 2021."""
    cells = page.locator('[data-testid="stGridCell"]:has([data-testid="stMetric"])')
    return [text for text in cells.all_inner_texts() if "2021年上半年" in text or "H1 2021" in text]


def test_a_half_year_report_taken_in_previewed_and_downloaded(upkeep_app, shared, page, tmp_path):
    before = digests(shared)
    goto(page, upkeep_app, "/upkeep")
    uploaders = page.get_by_test_id("stFileUploader")

    # A file that is not text: its message, and the page goes on once it is taken away
    uploaders.first.locator('input[type="file"]').set_input_files(
        {"name": "report.txt", "mimeType": "text/plain", "buffer": bytes(range(256)) * 8}
    )
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("这不是文本文件", timeout=TIMEOUT)
    wait_for_app(page)
    assert page.get_by_test_id("stException").count() == 0
    uploaders.first.get_by_role("button", name="Remove report.txt").click()
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0, timeout=TIMEOUT)
    wait_for_app(page)

    # 1. The report: its citation, its text, its id (the last: then the draft is made)
    for field, value in CITATION.items():
        box = page.locator(f".st-key-upkeep_{field} input")
        box.fill(value)
        box.press("Enter")
        wait_for_app(page)
    page.locator(".st-key-upkeep_text textarea").fill(REPORT.read_text(encoding="utf-8"))
    page.locator(".st-key-upkeep_text textarea").press("Control+Enter")
    wait_for_app(page)
    page.locator(".st-key-upkeep_source_id input").fill(SOURCE_ID)
    page.locator(".st-key-upkeep_source_id input").press("Enter")
    expect(page.get_by_role("heading", name="2. 检查起草的数据行")).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page, timeout=TIMEOUT)

    # 2. The reviewed tables, uploaded as a maintainer who edited the draft in Excel would
    uploaders.nth(1).locator('input[type="file"]').set_input_files([str(p) for p in REVIEWED])
    ok = page.get_by_test_id("stAlertContentSuccess")
    expect(ok).to_contain_text("数据文件夹连同新报道全部有效", timeout=TIMEOUT)
    wait_for_app(page, timeout=TIMEOUT)
    for path in REVIEWED:
        expect(page.get_by_text(f"已采用上传的 {path.name}")).to_be_visible()
    screenshot(page, "upkeep-valid")

    # 4. The data folder to commit, then the preview of every page in this session
    with page.expect_download(timeout=TIMEOUT) as info:
        page.get_by_role("button", name="下载更新后的数据文件夹(.zip)").click()
    archive = info.value.path().read_bytes()
    page.get_by_role("button", name="在本会话中预览各页面").click()
    expect(page.get_by_test_id("stSidebar")).to_contain_text("正在预览新报道的数据", timeout=TIMEOUT)
    wait_for_app(page, timeout=TIMEOUT)

    found = []
    navigate(page, "economy")
    expect(page.locator("h1")).to_have_text("工业经济与财政")
    charts_drawn(page)
    if "约120亿元" not in main_text(page):
        found.append("economy (zh): no 约120亿元")
    screenshot(page, "upkeep-preview-economy-zh")

    navigate(page, "trade")
    cards = half_year_trade_cards(page)
    if not cards:
        found.append("trade (zh): no card of 2021年上半年")
    for card in cards:
        if "推算" not in card and ("同比" not in card or "%" not in card):  # a derived card has no growth of its own
            found.append(f"trade (zh): a 2021年上半年 card without its published growth: {card!r}")
        if "较" in card:
            found.append(f"trade (zh): a 2021年上半年 card compared with another period: {card!r}")
    screenshot(page, "upkeep-preview-trade-zh")

    navigate(page, "talent")
    if not re.search(r"近2,?000名", main_text(page)):  # the app writes thousands apart: 近2,000名
        found.append("talent (zh): no 近2000名")

    page.locator(".st-key-lang_switch").get_by_text("English", exact=True).click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    wait_for_app(page, timeout=TIMEOUT)
    if "nearly 2,000" not in main_text(page):
        found.append("talent (en): no 'nearly 2,000'")
    navigate(page, "trade")
    for card in half_year_trade_cards(page):
        if "derived" not in card and ("year on year" not in card or "%" not in card):
            found.append(f"trade (en): an H1 2021 card without its published growth: {card!r}")
        if " vs " in card:
            found.append(f"trade (en): an H1 2021 card compared with another period: {card!r}")
    navigate(page, "economy")
    expect(page.locator("h1")).to_have_text("Industry and public finance")
    if "about CNY 12 bn" not in main_text(page):
        found.append("economy (en): no 'about CNY 12 bn'")
    screenshot(page, "upkeep-preview-economy-en")
    found += page.console_errors
    assert not found, "\n".join(found)

    # The shared folder is as it was; the zip is a valid data folder with the new report, and the briefing is built
    # from it with the economy page's slides
    assert digests(shared) == before, "the app wrote to the data folder it reads"
    unzipped = tmp_path / "unzipped"
    with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
        zipped.extractall(unzipped)
    data = next(p.parent for p in unzipped.rglob("datapackage.json"))
    assert (data / "source" / REPORT.name).read_bytes() == REPORT.read_bytes()
    checked = subprocess.run(
        [sys.executable, "-m", "components.validate", str(data)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    deck = tmp_path / "briefing.pptx"
    built = subprocess.run(
        [sys.executable, "-m", "components.briefing", "--lang", "zh", "--out", str(deck)],
        cwd=ROOT,
        env={**os.environ, "HEZE_DATA_DIR": str(data)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    titles = [
        shape.text_frame.text
        for slide in Presentation(str(deck)).slides
        for shape in slide.shapes
        if shape.has_text_frame and shape.text_frame.text.startswith("工业经济与财政")
    ]
    assert titles, "the economy page's slides are in the briefing"
