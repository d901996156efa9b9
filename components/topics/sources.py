"""The sources page's pure parts: highlights in the report, citation, data dictionary, all-data zip and workbook.

Each figure and named item the app uses is placed in the report through its own sentence (source_quote), and knows the
data rows and pages behind it; other pages link to a figure's sentence with sources?fact=<metric>."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd

from components.charts.theme import INK, PALETTE
from components.data.loader import Dataset
from components.downloads import xlsx_bytes
from components.figures.citations import cite_as, reports_from_table
from components.figures.facts import periods_from_table
from components.figures.formatting import format_value, units_from_table
from components.figures.qualifiers import qualifiers_from_table
from components.i18n import pick, t
from components.markdown import plain
from components.topics.needs import pages_showing
from components.topics.parts import Topic

FACT_PARAM = "fact"
TABS_KEY = "sources_tab"  # the page's tabs (text, dictionary, validation, downloads) in session state
# id of the heading placed above the chosen figure's paragraph: a full load of sources?fact=<metric>#fact scrolls to it
FACT_ANCHOR = "fact"
FIELDS_SHEET = "fields"
ALL_DATA = "all_data"  # the stem of the all-data downloads (.zip, .xlsx), named for readers by "download.file.all_data"


# A line of the report without a full stop and this short is a section heading ("扭住目标,强化举措,…").
SENTENCE_ENDS = "。!?"
MAX_HEADING_LENGTH = 40
# A highlighter yellow under dark ink (13:1), and the chosen figure in white on the palette's blue (5:1); both set the text
# colour too, so they read the same in the dark theme. Streamlit's own *-background colours are too faint on a projector.
HIGHLIGHT = ':color[{{}}]{{{{foreground="{}" background="#FFE08A"}}}}'.format(INK["light"])
MARKED = f':color[**{{}}**]{{{{foreground="#FFFFFF" background="{PALETTE[0]}"}}}}'


def uses_key(source_id: str, paragraph: int) -> str:
    """The session key of the expander holding a paragraph's rows (paragraphs numbered from 0 in the report)."""
    return f"sources_uses_{source_id}_{paragraph}"


# --- where the figures are -------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Use:
    """One data row that a highlighted stretch of the report stands for, and the pages that show it."""

    table: str  # facts, projects or items
    key: str  # its metric, project_id or item_id
    text: str  # the words highlighted: as_published, or the item's name
    row: Mapping[str, Any] = field(repr=False)
    pages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    use: Use


@dataclass(frozen=True)
class Segment:
    """A stretch of text covered by the same uses throughout (none: plain text)."""

    start: int
    end: int
    uses: tuple[Use, ...]


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    heading: bool


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


# table, its key column, the column holding the highlighted words
HIGHLIGHTED_TABLES = (
    ("facts", "metric", "as_published"),
    ("projects", "project_id", "as_published"),
    ("items", "item_id", "name_zh"),
)


def table_for_reader(frame: pd.DataFrame, lang: str, columns: Mapping[str, str]) -> pd.DataFrame:
    """The columns a reader needs, with translated headers (columns: field -> translation key)."""
    return frame[list(columns)].rename(columns={field: t(key, lang) for field, key in columns.items()})


def locate(text: str, quote: str, needle: str) -> tuple[int, int] | None:
    """Where `needle` sits in `text`: inside the first occurrence of `quote` (so a phrase that recurs elsewhere in the
    report is placed in its own sentence), or None when either is not found."""
    if _missing(quote) or _missing(needle) or not quote or not needle:
        return None
    at = text.find(quote)
    inner = quote.find(needle) if at >= 0 else -1
    return None if inner < 0 else (at + inner, at + inner + len(needle))


def spans(text: str, source_id: str, tables: Mapping[str, pd.DataFrame], topics: Iterable[Topic] = ()) -> list[Span]:
    """Every row of facts, projects and items taken from this source, placed in its text (tables absent: skipped)."""
    found = []
    topics = tuple(topics)
    for table, key, words in HIGHLIGHTED_TABLES:
        frame = tables.get(table)
        if frame is None:
            continue
        for row in frame[frame["source_id"] == source_id].to_dict("records"):
            where = locate(text, row["source_quote"], row[words])
            if where:
                found.append(Span(*where, Use(table, str(row[key]), str(row[words]), row, pages_showing(topics, table, row))))
    return sorted(found, key=lambda s: (s.start, -s.end))


def paragraphs(text: str) -> list[Paragraph]:
    """The report's lines as paragraphs, with their positions; short lines without a full stop are headings."""
    out = []
    for match in re.finditer(r"[^\r\n]+", text):
        line = match.group()
        body = line.strip()
        if not body:
            continue
        start = match.start() + len(line) - len(line.lstrip())
        heading = len(body) <= MAX_HEADING_LENGTH and not any(c in body for c in SENTENCE_ENDS)
        out.append(Paragraph(start, start + len(body), heading))
    return out


def segments(found: Iterable[Span], start: int, end: int) -> list[Segment]:
    """The stretch [start, end) cut where highlights begin and end; overlapping highlights share a segment."""
    inside = [s for s in found if s.start < end and s.end > start]
    cuts = sorted({start, end} | {min(max(p, start), end) for s in inside for p in (s.start, s.end)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        uses = tuple(s.use for s in inside if s.start <= a and s.end >= b)
        if out and out[-1].uses == uses:
            out[-1] = Segment(out[-1].start, b, uses)
        else:
            out.append(Segment(a, b, uses))
    return out


def highlighted_markdown(text: str, parts: list[Segment], marked: Iterable[tuple[str, str]] = ()) -> str:
    """The text as Markdown with every data text escaped: highlighted segments on an orange background, the ones
    standing for a `marked` (table, key) bold on blue."""
    marked = set(marked)
    out = []
    for part in parts:
        piece = plain(text[part.start : part.end])
        if not part.uses:
            out.append(piece)
        elif any((u.table, u.key) in marked for u in part.uses):
            out.append(MARKED.format(piece))
        else:
            out.append(HIGHLIGHT.format(piece))
    return "".join(out)


def quote_markdown(quote: str, needles: Iterable[str]) -> str:
    """One sentence with the given figures marked: what the fact box on the sources page shows."""
    use = Use("quote", "marked", "", {})
    found = [Span(*where, use) for n in needles if (where := locate(quote, quote, n))]
    return highlighted_markdown(quote, segments(found, 0, len(quote)), [(use.table, use.key)])


# --- the report, ready for the page ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """A paragraph of the report as the page shows it."""

    markdown: str
    heading: bool
    uses: tuple[Use, ...]
    marked: bool  # it holds the figure the URL asks for


@dataclass(frozen=True)
class SourceText:
    source_id: str
    text: str
    row: Mapping[str, Any] | None  # its row of sources.csv; None while that table has problems
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Report:
    """The source texts with their highlights, plus what is needed to describe the highlighted rows."""

    texts: tuple[SourceText, ...]
    unplaced: tuple[str, ...]  # files of highlighted tables that have problems: their rows are not highlighted
    units: Mapping[str, Any]
    qualifiers: Mapping[str, Any]
    periods: pd.DataFrame | None
    facts: pd.DataFrame | None
    topics: tuple[Topic, ...] = ()

    @property
    def metrics(self) -> list[str]:
        return [] if self.facts is None else list(dict.fromkeys(self.facts["metric"]))

    def blocks(self, text: SourceText, metric: str | None = None) -> list[Block]:
        marked = [("facts", metric)] if metric else []
        out = []
        for paragraph in paragraphs(text.text):
            parts = segments(text.spans, paragraph.start, paragraph.end)
            uses = tuple(dict.fromkeys(u for part in parts for u in part.uses))
            out.append(
                Block(
                    highlighted_markdown(text.text, parts, marked),
                    paragraph.heading,
                    uses,
                    any(u.table == "facts" and u.key == metric for u in uses),
                )
            )
        return out

    def fact_rows(self, metric: str) -> pd.DataFrame:
        assert self.facts is not None  # a metric asked for is one of self.metrics, which is empty without facts
        rows = self.facts[self.facts["metric"] == metric]
        if self.periods is not None:
            order = rows["period"].map(self.periods.set_index("period")["sort_key"])
            rows = rows.assign(_order=order).sort_values("_order").drop(columns="_order")
        return rows

    @cached_property
    def _period_rows(self) -> dict[str, dict]:
        return {} if self.periods is None else {r["period"]: r for r in self.periods.to_dict("records")}

    def period_label(self, period, lang: str) -> str:
        if _missing(period):
            return ""
        row = self._period_rows.get(period)
        return pick(row, "label", lang) if row else str(period)

    def value_text(self, use: Use, lang: str) -> str:
        """The row's figure as the app shows it; raw when units.csv has problems; blank for named items."""
        row = use.row
        value, unit = (row.get("value"), row.get("unit")) if use.table == "facts" else (row.get("amount"), row.get("unit"))
        if use.table == "items" or _missing(unit):
            return ""
        if isinstance(unit, str) and unit in self.units:
            qualifier, status = (self.qualifiers.get(str(row.get(k))) for k in ("qualifier", "status"))
            return format_value(value, self.units[unit], lang, None if qualifier and qualifier.exact else qualifier, status)
        return "" if _missing(value) else f"{value}{unit}"

    def uses_frame(self, uses: Iterable[Use], lang: str) -> pd.DataFrame:
        """One line per highlighted row: the words, its label, file, key, period, value and the pages using it."""
        uses = list(uses)
        titles = {topic.key: topic.title(lang) for topic in self.topics}  # a page made from the data has no nav.* text
        return pd.DataFrame(
            {
                "text": [u.text for u in uses],
                "label": [pick(u.row, "label" if u.table == "facts" else "name", lang) for u in uses],
                "file": [f"{u.table}.csv" for u in uses],
                "key": [u.key for u in uses],
                "period": [self.period_label(u.row.get("period"), lang) for u in uses],
                "value": [self.value_text(u, lang) for u in uses],
                "pages": [" · ".join(titles.get(p, p) for p in u.pages) for u in uses],
            },
            dtype="string",
        )

    def fact_pages(self, metric: str) -> tuple[str, ...]:
        rows = self.fact_rows(metric)
        return tuple(dict.fromkeys(p for row in rows.to_dict("records") for p in pages_showing(self.topics, "facts", row)))

    def fact_box_markdown(self, metric: str, lang: str) -> str:
        """What the sources page says about the figure a link asked for: its rows (period and value) and sentences."""
        rows = self.fact_rows(metric).to_dict("records")
        lines = [f"**{plain(t('sources.fact.title', lang, label=pick(rows[-1], 'label', lang)))}**", ""]
        for row in rows:
            use = Use("facts", metric, row["as_published"], row)
            lines.append(
                f"- {plain(self.period_label(row['period'], lang))}{t('sources.colon', lang)}{plain(self.value_text(use, lang))}"
            )
        for quote in dict.fromkeys(r["source_quote"] for r in rows):
            needles = [r["as_published"] for r in rows if r["source_quote"] == quote]
            lines += ["", f"> {quote_markdown(quote, needles)}"]
        lines += ["", f"[{t('sources.fact.jump', lang)}](#{FACT_ANCHOR})"]
        return "\n".join(lines)


@dataclass(frozen=True)
class Reading:
    """What the text tab shows for one language and marked figure: each text with its paragraphs, and under each
    paragraph the table of the rows it stands for (None when it holds no highlight)."""

    texts: tuple[tuple[SourceText, tuple[tuple[Block, pd.DataFrame | None], ...]], ...]


def reading(data: Dataset, topics: tuple[Topic, ...], *, lang: str, metric: str | None) -> Reading:
    report = build_report(data, topics)
    return Reading(
        tuple(
            (
                text,
                tuple(
                    (block, table_for_reader(report.uses_frame(block.uses, lang), lang, USES_HEADERS) if block.uses else None)
                    for block in report.blocks(text, metric)
                ),
            )
            for text in report.texts
        )
    )


def build_report(data: Dataset, topics: tuple[Topic, ...] = ()) -> Report:
    """The report from the dataset as it is: tables with problems are left out, never a reason to fail."""
    highlighted = {name: data.tables[name] for name, *_ in HIGHLIGHTED_TABLES if name in data.tables}
    sources = data.tables.get("sources")
    rows = {} if sources is None else {r["source_id"]: r for r in sources.to_dict("records")}
    order = list(rows) + [s for s in data.source_texts if s not in rows]
    texts = tuple(
        SourceText(s, data.source_texts[s], rows.get(s), tuple(spans(data.source_texts[s], s, highlighted, topics)))
        for s in order
        if s in data.source_texts
    )
    paths = {r.get("name"): r.get("path") for r in data.descriptor.get("resources", [])}
    unplaced = tuple(paths.get(name) or f"{name}.csv" for name, *_ in HIGHLIGHTED_TABLES if name not in data.tables)
    units = units_from_table(data.tables["units"]) if "units" in data.tables else {}
    qualifiers = qualifiers_from_table(data.tables.get("qualifiers"))
    return Report(texts, unplaced, units, qualifiers, data.tables.get("periods"), data.tables.get("facts"), tuple(topics))


def listing(names: Iterable[str], lang: str) -> str:
    """Names in a run of text: 「a、b」 / "a, b"."""
    return ("、" if lang == "zh" else ", ").join(names)


def problems_markdown(file: str, errors: Iterable, lang: str) -> str:
    """One file's problems as the page shows them: a bold title, then each message (file, row, column, reason)."""
    errors = list(errors)
    lines = "\n".join(f"- {plain(e.message(lang))}" for e in errors)
    return f"**{plain(t('sources.validation.file', lang, file=file, count=len(errors)))}**\n\n{lines}"


# --- citation ---------------------------------------------------------------------------------------------------------

CITATION_FIELDS = ("publisher", "title", "reporters", "correspondents", "date_note")


def _reports(data: Dataset) -> list:
    sources, periods = data.tables.get("sources"), data.tables.get("periods")
    if sources is None or sources.empty:
        return []
    return list(reports_from_table(sources, periods_from_table(periods) if periods is not None else {}).values())


def edition(data: Dataset, lang: str) -> str:
    """What the latest report covers ("2020年"): titles, the tab and the file names say it; blank while unknown."""
    found = _reports(data)
    return found[-1].period(lang) if found else ""


def sources_note(data: Dataset, *, lang: str) -> str:
    """Which reports the figures come from, latest first, each with what it covers (the sidebar's note)."""
    found = _reports(data)
    if not found:
        return ""
    named = [t("app.sidebar.source", lang, report=r.short(lang), period=r.period(lang)) for r in reversed(found)]
    return t("app.sidebar.note", lang, sources=listing(named, lang))


def citation_lines(row: Mapping, lang: str) -> list[tuple[str, str]]:
    """(label, text) pairs of a sources.csv row in the reader's language: publisher, title, people, date. The text's
    file is for maintainers: the data dictionary names it (maintainer_frame)."""
    lines = [(t(f"sources.citation.{name}", lang), pick(row, name, lang)) for name in CITATION_FIELDS]
    return [(label, text) for label, text in lines if text]


def citation_markdown(row: Mapping, lang: str) -> str:
    """The citation field by field, then the one-line form; data text escaped."""
    items = [f"- **{plain(label)}**{t('sources.colon', lang)}{plain(text)}" for label, text in citation_lines(row, lang)]
    return "\n".join(items + ["", f"{t('sources.citation.cite_as', lang)}{t('sources.colon', lang)}{plain(cite_as(row, lang))}"])


# --- data dictionary --------------------------------------------------------------------------------------------------


def described(entry: Mapping, key: str, lang: str) -> str:
    """A descriptor's title or description in lang: `key` is English, `heze:<key>_zh` Chinese; each falls back to the other."""
    zh, en = entry.get(f"heze:{key}_zh"), entry.get(key)
    return str(((zh or en) if lang == "zh" else (en or zh)) or "")


def _as_list(value) -> list:
    return [value] if isinstance(value, str) else list(value or [])


def constraint_text(name: str, value, lang: str) -> str:
    if name in ("required", "unique"):
        return t(f"sources.constraint.{name}", lang) if value else ""
    if name == "enum":
        value = ("、" if lang == "zh" else ", ").join(map(str, value))
    known = name in ("minimum", "maximum", "enum", "pattern", "minLength", "maxLength")
    return t(f"sources.constraint.{name if known else 'other'}", lang, name=name, value=value)


def field_constraints(resource: Mapping, entry: Mapping, lang: str) -> str:
    """A field's constraints, keys and references in words."""
    schema = resource.get("schema", {})
    parts = [constraint_text(k, v, lang) for k, v in entry.get("constraints", {}).items()]
    if entry["name"] in _as_list(schema.get("primaryKey")):
        parts.append(t("sources.constraint.primary_key", lang))
    for key in schema.get("foreignKeys", []):
        fields, reference = _as_list(key.get("fields")), key.get("reference", {})
        if entry["name"] in fields:
            parts.append(
                t(
                    "sources.constraint.foreign_key",
                    lang,
                    file=f"{reference.get('resource', '')}.csv",
                    field=", ".join(_as_list(reference.get("fields"))),
                )
            )
    return ";".join(p for p in parts if p) if lang == "zh" else "; ".join(p for p in parts if p)


def field_unit(entry: Mapping, lang: str) -> str:
    if entry.get("heze:unit"):
        return str(entry["heze:unit"])
    if entry.get("heze:unitField"):
        return t("sources.unit.field", lang, field=entry["heze:unitField"])
    return ""


def resources(descriptor: Mapping, lang: str) -> list[dict[str, str]]:
    """Each table of the package: name, file, title and description in lang."""
    return [
        {
            "name": r.get("name", ""),
            "path": r.get("path", ""),
            "title": described(r, "title", lang),
            "description": described(r, "description", lang),
        }
        for r in descriptor.get("resources", [])
    ]


def dictionary_frame(descriptor: Mapping, lang: str) -> pd.DataFrame:
    """One row per field of every table: what it holds, its type, unit and constraints, in the reader's language."""
    rows = []
    for resource in descriptor.get("resources", []):
        for entry in resource.get("schema", {}).get("fields", []):
            rows.append(
                {
                    "table": resource.get("path", ""),
                    "field": entry.get("name", ""),
                    "title": described(entry, "title", lang),
                    "description": described(entry, "description", lang),
                    "type": t(f"sources.type.{entry.get('type', 'any')}", lang),
                    "unit": field_unit(entry, lang),
                    "constraints": field_constraints(resource, entry, lang),
                }
            )
    columns = ["table", "field", "title", "description", "type", "unit", "constraints"]
    return pd.DataFrame(rows, columns=columns, dtype="string")


DICTIONARY_HEADERS = {
    c: f"sources.dictionary.{c}" for c in ("table", "field", "title", "description", "type", "unit", "constraints")
}
# Readers see labels; the file and id of each row are for maintainers, in the data dictionary (MAINTAINER_HEADERS).
USES_HEADERS = {c: f"sources.uses.{c}" for c in ("text", "label", "value", "period", "pages")}
MAINTAINER_HEADERS = {
    "source": "sources.citation.file",
    "file": "sources.uses.file",
    "key": "sources.uses.key",
    "text": "sources.uses.text",
    "label": "sources.uses.label",
    "period": "sources.uses.period",
}


def maintainer_frame(report: Report, lang: str) -> pd.DataFrame:
    """Every highlighted row of every source text with its file and id (metric, project_id, item_id) and the text file
    it is placed in: what a maintainer needs to find a highlight in the data; the data dictionary shows it."""
    rows = []
    for text in report.texts:
        uses = list(dict.fromkeys(span.use for span in text.spans))
        frame = report.uses_frame(uses, lang)
        frame.insert(0, "source", str((text.row or {}).get("path") or text.source_id))
        rows.append(frame)
    columns = list(MAINTAINER_HEADERS)
    return pd.concat(rows, ignore_index=True)[columns] if rows else pd.DataFrame(columns=columns, dtype="string")


# --- downloads --------------------------------------------------------------------------------------------------------


def workbook_bytes(tables: Mapping[str, pd.DataFrame], fields: pd.DataFrame) -> bytes:
    """One .xlsx: a sheet per table (in the given order) and a sheet describing the fields; formulas neutralised."""
    return xlsx_bytes({**{name: frame for name, frame in tables.items() if name != FIELDS_SHEET}, FIELDS_SHEET: fields})


def package_tables(data: Dataset) -> dict[str, pd.DataFrame]:
    """The valid tables in the package's order."""
    return {r["name"]: data.tables[r["name"]] for r in data.descriptor.get("resources", []) if r.get("name") in data.tables}
