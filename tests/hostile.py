"""A copy of a data folder whose every free text (labels, names, notes, titles, quotes and the report itself) carries hostile
text: Markdown, Streamlit's directives, LaTeX, HTML, images and links to a given host, line starts that make headings
and lists, right-to-left text and a very long word. The copy stays valid, so every page shows it.

Each kind of markup carries a marker (B1 for bold, …), so a test can find where a marker came out inside markup."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

# marker -> the markup that would wrap it (what the tests look for when it is read as Markdown or HTML)
MARKERS = {
    "B1": "bold",
    "I1": "emphasis",
    "C1": "code",
    "L1": "link",
    "M1": "image",
    "H1": "html",
    "X1": "latex",
    "R1": "colour directive",
    "S1": "strikethrough",
    "T1": "heading",
    "E1": "setext heading",
    "L2": "list",
    "Q1": "block quote",
}
LONG_WORD = "W" * 400


def payload(host: str) -> str:
    """The hostile text; `host` ("127.0.0.1:PORT") receives any request it makes a browser send."""
    return (
        f" **B1** _I1_ `C1` [L1](http://{host}/link) ![M1](http://{host}/image.png) <b>H1</b>"
        f' <img src="http://{host}/tag.png"> $X1$ :red[R1] :material/home: :smile: ~~S1~~ <http://{host}/auto>'
        "\n# T1\nE1。\n===\n- L2\n> Q1 \u202eRTL\u202c عربي עברית "
        f"{LONG_WORD}"
    )


# Text that names another row or is read as a rule, not shown as written: what a report covers, a qualifier's markers.
KEPT = {("sources", "period"), ("qualifiers", "markers_zh")}


# Free text of each table: no key, no enum or pattern (ids, codes and file paths stay as they are).
def _free_text_columns(descriptor: dict) -> dict[str, list[str]]:
    columns = {}
    for resource in descriptor["resources"]:
        schema = resource["schema"]
        keys = set(schema.get("primaryKey", []))
        for fk in schema.get("foreignKeys", []):
            keys |= {fk["fields"]} if isinstance(fk["fields"], str) else set(fk["fields"])
        columns[resource["name"]] = [
            f["name"]
            for f in schema["fields"]
            if f["type"] == "string"
            and f["name"] not in keys | {"path", "as_published", "source_quote", "topic", "kind", "text", "base_unit"}
            and not {"enum", "pattern"} & set(f.get("constraints", {}))
            and (resource["name"], f["name"]) not in KEPT
        ]
    return columns


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _rewrite(path: Path, change) -> None:
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
        header = list(rows[0]) if rows else []
    rows = [change(dict(row)) for row in rows]
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def hostile_copy(source: Path, target: Path, host: str) -> Path:
    """Copy the data folder `source` to `target` with the payload added to every free text, and to every quote and
    the report text alike (so each quote is still found in its report)."""
    shutil.copytree(source, target)
    text = payload(host)
    descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    columns = _free_text_columns(descriptor)

    # A quote gets the payload after it, in the report too; quotes inside other quotes are left as they are.
    sources = {row["source_id"]: row["path"] for row in _rows(target / "sources.csv")}
    reports = {sid: (target / p).read_text(encoding="utf-8") for sid, p in sources.items()}
    quotes: dict[tuple[str, str], str] = {}
    for table in ("facts", "projects", "items"):
        for row in _rows(target / f"{table}.csv"):
            quotes.setdefault((row["source_id"], row["source_quote"]), "")
    for (sid, quote), _ in sorted(quotes.items(), key=lambda q: -len(q[0][1])):
        report = reports[sid]
        inside_other = any(quote != other and quote in other for s, other in quotes if s == sid)
        if report.count(quote) == 1 and not inside_other:
            quotes[(sid, quote)] = quote + text
            reports[sid] = report.replace(quote, quote + text)
    for sid, path in sources.items():
        (target / path).write_text(reports[sid] + text, encoding="utf-8")

    def change(table: str):
        def row_with_payload(row: dict) -> dict:
            for column in columns[table]:
                if row.get(column):
                    row[column] += text
            if "source_quote" in row:
                row["source_quote"] = quotes.get((row["source_id"], row["source_quote"])) or row["source_quote"]
            return row

        return row_with_payload

    # A named item's numbers (一级, 双百) are accounted for by its name, which now carries the payload: by the name as
    # the report writes it instead, as a reviewed non-figure.
    names = {(row["name_zh"], row["source_id"]) for row in _rows(target / "items.csv")}
    for resource in descriptor["resources"]:
        _rewrite(target / resource["path"], change(resource["name"]))
    # The payload's own digits (markers, the host) are no figures of the report: reviewed as such, like any other.
    with open(target / "non_metric_numbers.csv", encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with open(target / "non_metric_numbers.csv", "a", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n", restval="")
        writer.writerows(
            {"text": text, "reason_zh": "测试文本" + text, "reason_en": "test text" + text, "source_id": s} for s in sources
        )
        writer.writerows(
            {"text": name, "reason_zh": "名称" + text, "reason_en": "a name" + text, "source_id": s} for name, s in sorted(names)
        )
    return target
