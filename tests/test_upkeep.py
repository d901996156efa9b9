"""Taking in a new report: components/upkeep.py's pure parts, and the upkeep page with good and bad input."""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from components import upkeep
from components.data.loader import read_dataset
from components.draft import PROBLEMS
from components.i18n import t
from components.markdown import plain
from components.validate import file_status
from support import DATA, FIRST_REPORT, HALF_YEAR, csv, run_page, seen

REPORT = HALF_YEAR / "source" / "heze-devzone-2021-h1.txt"


def frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, dtype=str)


def read(raw: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False)


# -- components/upkeep.py ----------------------------------------------------------------------------------------------


def test_appended_keeps_the_header_its_order_and_the_rows_before():
    raw = b"b,a,c\n2,1,3\n"
    out = upkeep.appended(raw, frame([{"a": "x", "c": "z", "new": "dropped"}, {"c": "w", "b": "v", "a": "u"}]))
    assert out.startswith(raw)
    assert out.decode().splitlines() == ["b,a,c", "2,1,3", ",x,z", "v,u,w"]


def test_appended_to_a_file_without_a_final_newline_or_with_a_bom():
    assert upkeep.appended(b"a,b\n1,2", frame([{"a": "3", "b": "4"}])).decode() == "a,b\n1,2\n3,4\n"
    assert read(upkeep.appended("\ufeffa,b\n1,2\n".encode(), frame([{"a": "3"}]))).to_dict("records") == [
        {"a": "1", "b": "2"},
        {"a": "3", "b": ""},
    ]


def test_appended_to_no_file_writes_the_rows_header():
    assert upkeep.appended(None, frame([{"x": "1", "y": "a,b"}])).decode() == 'x,y\n1,"a,b"\n'


def test_candidate_adds_the_text_its_sources_row_and_the_reviewed_rows():
    base = {
        "sources.csv": b"source_id,title_zh,path,period,sort_key\nold,Old,source/old.txt,2020,1\n",
        "facts.csv": b"metric,value\nm.a,1\n",
        "projects.csv": b"project_id,amount\np,2\n",
        "source/old.txt": "旧报道".encode(),
    }
    before = dict(base)
    source = {"source_id": "new-report", "title_zh": "新报道", "period": "2021-H1", "sort_key": "2"}
    files = upkeep.candidate(
        base, "新报道全文", source, {"facts": frame([{"metric": "m.b", "value": "5"}]), "projects": frame([])}
    )
    assert base == before, "the folder as read is not changed"
    assert files["source/new-report.txt"].decode("utf-8") == "新报道全文"
    assert read(files["sources.csv"]).iloc[-1].to_dict() == {**source, "path": "source/new-report.txt"}
    assert read(files["facts.csv"])["metric"].tolist() == ["m.a", "m.b"]
    assert files["projects.csv"] == base["projects.csv"], "no rows, no change"
    assert files["source/old.txt"] == base["source/old.txt"]


def test_written_writes_the_files_and_only_them_into_its_folder(tmp_path):
    folder = tmp_path / "candidate"
    (folder / "source").mkdir(parents=True)
    (folder / "stale.csv").write_text("old")
    (folder / "source" / "stale.txt").write_text("old")
    (tmp_path / "beside.txt").write_text("keep")
    files = {"facts.csv": b"metric\n", "source/new.txt": "文本".encode()}
    assert upkeep.written(files, folder) == folder
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) == ["facts.csv", "source/new.txt"]
    assert (folder / "source" / "new.txt").read_bytes() == files["source/new.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["beside.txt", "candidate"]
    assert (tmp_path / "beside.txt").read_text() == "keep"


def test_new_folder_is_a_fresh_folder_outside_the_data():
    folder = upkeep.new_folder()
    try:
        assert folder.is_dir() and not any(folder.iterdir())
        assert not folder.resolve().is_relative_to(DATA.resolve())
    finally:
        folder.rmdir()


def test_new_folder_clears_the_folders_of_sessions_over_a_day_old_and_nothing_else(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    day = upkeep.FOLDER_KEPT_SECONDS
    old, recent, other = (tmp_path / name for name in ("heze-upkeep-old", "heze-upkeep-recent", "someone-else"))
    for folder in (old, recent, other):
        (folder / "source").mkdir(parents=True)
        (folder / "source" / "x.txt").write_text("x")
    now = old.stat().st_mtime + 2 * day
    os.utime(recent, (now - day / 2, now - day / 2))
    fresh = upkeep.new_folder(now=now)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, recent.name, other.name])


def test_period_labels_in_order_of_first_mention_with_a_label_where_any_gives_one():
    existing = pd.DataFrame({"period": ["2020", "2020-end"], "label_en": ["2020", "end of 2020"]})
    drafted = pd.DataFrame({"period": ["2021-H1", "2020"], "label_en": ["", "ignored"]})
    reviewed = pd.DataFrame({"period": ["2021-H1", ""], "label_en": ["first half of 2021", "blank id"]})
    assert upkeep.period_labels("en", existing, drafted, reviewed, None) == {
        "2020": "2020",
        "2020-end": "end of 2020",
        "2021-H1": "first half of 2021",
    }


def test_most_cited_is_the_period_most_figures_are_of_else_the_newest_choice():
    choices = ["2020", "2021-H1", "2021-end"]
    assert upkeep.most_cited(pd.DataFrame({"period": ["2021-end", "2021-H1", "2021-H1"]}), choices) == 1
    assert upkeep.most_cited(pd.DataFrame({"period": ["2031"]}), choices) == 2
    assert upkeep.most_cited(pd.DataFrame({"period": []}), choices) == 2


def test_next_sort_key_follows_the_latest_report():
    def sources(*keys: str) -> dict[str, bytes]:
        return {"sources.csv": ("source_id,sort_key\n" + "".join(f"s{k},{k}\n" for k in keys)).encode()}

    assert upkeep.next_sort_key(sources("1", "7", "3")) == 8
    assert upkeep.next_sort_key(sources("2", "x")) == 3, "a broken key is skipped"
    assert upkeep.next_sort_key(sources()) == 1
    assert upkeep.next_sort_key({}) == 1
    assert upkeep.next_sort_key({"sources.csv": (FIRST_REPORT / "sources.csv").read_bytes()}) == 1 + max(
        int(k) for k in csv(FIRST_REPORT / "sources.csv")["sort_key"]
    )


# -- the page ----------------------------------------------------------------------------------------------------------


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def page(monkeypatch, tmp_path):
    """The upkeep page turned on, and the pinned data folder it reads checked byte for byte after the test. Its
    candidate folders go under the test's own temporary folder (new_folder's place is tested above)."""
    monkeypatch.setenv("HEZE_UPKEEP", "1")
    monkeypatch.setattr(upkeep, "new_folder", lambda: Path(tempfile.mkdtemp(prefix="heze-upkeep-", dir=tmp_path)))
    before = digests(FIRST_REPORT)

    def open_page(lang: str = "zh"):
        return run_page("upkeep", lang=lang)

    yield open_page
    assert digests(FIRST_REPORT) == before, "the app wrote to the data folder it reads"


def fill(at, *, text: str | None = None, source_id: str = "heze-devzone-2021-h1"):
    if text is not None:
        at.text_area(key="upkeep_text").set_value(text)
    at.text_input(key="upkeep_source_id").set_value(source_id)
    at.text_input(key="upkeep_title_zh").set_value("菏泽市开发区2021年上半年工作报道")
    at.text_input(key="upkeep_title_en").set_value("Report on the Heze Economic Development Zone, first half of 2021")
    return at.run(timeout=60)


def editors(at) -> dict[str, pd.DataFrame]:
    return {editor.key: editor.value for editor in at.data_editor}


def downloads(at) -> list[str]:
    return [node.proto.label for node in at._tree if getattr(node, "type", None) == "download_button"]


def messages_shown(at, candidate: Path, lang: str) -> None:
    """The validator's messages on the candidate folder are on the page in `lang`, and not in the other language."""
    found = [e for _, errors in file_status(read_dataset(candidate)) for e in errors]
    assert found, "a draft that is not reviewed yet has problems"
    shown = " ".join(seen(m.value) for m in at.markdown)
    other = "en" if lang == "zh" else "zh"
    assert all(seen(plain(e.message(lang))) in shown for e in found)
    assert not any(seen(plain(e.message(other))) in shown for e in found)


@pytest.mark.page
def test_a_pasted_report_is_drafted_checked_in_the_pages_language_and_offered_as_a_zip(page):
    at = fill(page("zh"), text=REPORT.read_text(encoding="utf-8"))
    assert not at.exception
    drafted = editors(at)
    assert len(drafted["upkeep_facts"]) == len(csv(HALF_YEAR / "facts.csv")), "the figures the reviewed fixture was made from"
    assert len(drafted["upkeep_non_metric_numbers"]) == len(csv(HALF_YEAR / "non_metric_numbers.csv"))
    assert t("upkeep.download", "zh") in downloads(at)

    candidate = Path(at.session_state["upkeep_folder"])
    assert not candidate.resolve().is_relative_to(FIRST_REPORT.resolve())
    assert (candidate / "source" / REPORT.name).read_text(encoding="utf-8") == REPORT.read_text(encoding="utf-8")
    messages_shown(at, candidate, "zh")

    # the reader's language changed: the same work, its messages in the other language
    at.segmented_control(key="lang_switch").set_value("en").run()
    assert not at.exception
    assert len(editors(at)["upkeep_facts"]) == len(drafted["upkeep_facts"]), "the pasted report and its draft are kept"
    messages_shown(at, candidate, "en")
    assert t("upkeep.download", "en") in downloads(at)


@pytest.mark.page
def test_a_gbk_file_reads_as_the_same_report(page):
    at = page()
    at.file_uploader(key="upkeep_file").set_value((REPORT.name, REPORT.read_text(encoding="utf-8").encode("gbk"), "text/plain"))
    at = fill(at)
    assert not at.exception
    assert len(editors(at)["upkeep_facts"]) == len(csv(HALF_YEAR / "facts.csv"))
    candidate = Path(at.session_state["upkeep_folder"])
    assert (candidate / "source" / REPORT.name).read_text(encoding="utf-8") == REPORT.read_text(encoding="utf-8"), "kept as UTF-8"


BAD_FILES = {
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8, "upkeep.not_text", {}),
    "20 MB": (b"a" * (20 * 2**20), "upkeep.too_large", {"size": 20, "most": upkeep.MAX_TEXT_BYTES // 2**20}),
}


@pytest.mark.page
@pytest.mark.parametrize("case", BAD_FILES)
def test_a_file_that_is_no_report_gets_one_clear_message(page, case):
    raw, message, values = BAD_FILES[case]
    at = page("en")
    at.file_uploader(key="upkeep_file").set_value(("report.txt", raw, "text/plain"))
    at = fill(at)
    assert not at.exception
    assert [e.value for e in at.error] == [t(message, "en", **values)]
    assert editors(at) == {} and not at.warning
    assert at.text_area(key="upkeep_text") and at.info, "the page is still there, waiting for a report"


@pytest.mark.page
def test_a_text_with_no_numbers_says_there_is_nothing_to_draft(page):
    at = fill(page("zh"), text="开发区召开工作会议,部署下一阶段工作。")
    assert not at.exception
    assert [e.value for e in at.error] == [PROBLEMS["no_numbers"][0]]
    assert editors(at) == {}


@pytest.mark.page
@pytest.mark.parametrize("source_id", ["Heze-2021-H1", "heze devzone 2021"])
def test_a_source_id_with_capitals_or_spaces_is_refused_with_its_rule(page, source_id):
    at = fill(page("en"), text=REPORT.read_text(encoding="utf-8"), source_id=source_id)
    assert not at.exception and not at.error
    assert [w.value for w in at.warning] == [t("upkeep.source_id.help", "en")]
    assert editors(at) == {}
