"""What the foreign-trade page shows: quarterly flows beside the prior year they imply, derived balance and export share,
the enterprises with trade (tiers that may overlap), foreign investment and the titles awarded."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from components.blocks import (
    CardsBlock,
    ChartBlock,
    Headline,
    card_source_columns,
    cards_block,
    chart_block,
    evidence,
    fact_headline,
)
from components.figures.derived import implied_prior, period_year, ratio, trade_balance
from components.figures.facts import at_period, latest, latest_period, period_label, periods_with_history, previous
from components.figures.formatting import Unit, counting, format_pct, format_value, qualifier_note
from components.figures.frames import SOURCE_COLUMNS, facts_frame, on_label_scale, table_for_reader
from components.i18n import pick, t
from components.topics.items import items_of
from components.topics.trade.charts import enterprises_chart, flows_chart

# Trade flows by their item id in facts.csv, in the order the page lists them.
FLOWS = ("export", "import", "total")
# Enterprise groups in the order the page shows them: all with trade, then the two size tiers, then foreign-invested.
ENTERPRISE_ORDER = ("with_trade", "over_10m", "over_100m", "foreign_invested")
# Shown with the titles, not among the enterprise counts.
TITLED = "titled"
QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def headline_units(units: Mapping[str, Unit]) -> dict[str, Unit]:
    """The units for this page's cards and enterprise chart: its counts are enterprises (家) and foreign-investment
    projects (个), so English says "107 enterprises" rather than a bare "107"."""
    return counting(counting(units, "家", "trade_enterprises"), "个", "trade_projects")


def flow_rows(view: pd.DataFrame) -> pd.DataFrame:
    """Every period's rows of the trade flows (export, import, total)."""
    return view[(view["topic"] == "trade") & view["item"].isin(FLOWS)]


def trade_periods(view: pd.DataFrame) -> list[str]:
    """The periods a period choice offers: only when the flows have more than one period, oldest first."""
    return periods_with_history(flow_rows(view))


def flows(view: pd.DataFrame, period: str | None = None) -> pd.DataFrame:
    """One row per flow the data has for `period` (by default the flows' latest period), indexed by flow id, in FLOWS
    order: all of one period, so what is derived from them never mixes periods."""
    rows = at_period(flow_rows(view), period).set_index("item")
    return rows.loc[[f for f in FLOWS if f in rows.index]]


def flow_label(view: pd.DataFrame, flow: str, lang: str) -> str:
    """A flow's name from the data (出口 / Exports)."""
    rows = flow_rows(view)
    rows = rows[rows["item"] == flow]
    return pick(rows.iloc[-1].to_dict(), "label", lang) if not rows.empty else flow


def prior_period_label(period: str, fallback: str, lang: str) -> str:
    """The period a year before: 2020-Q1 -> 2019年第一季度 / 2019 Q1; other periods: "the same period a year before"."""
    match = QUARTER.match(period or "")
    if match:
        return t("trade.prior.quarter", lang, year=int(match.group(1)) - 1, quarter=t(f"trade.quarter.{match.group(2)}", lang))
    year = period_year(period)
    return t("trade.prior.same_period", lang, period=fallback) if year is None else str(year - 1)


def yoy_text(yoy_pct, lang: str) -> str | None:
    """Year-on-year growth as a signed percentage (+4.9%), or None where the report gives none."""
    return None if yoy_pct is None or pd.isna(yoy_pct) else format_pct(yoy_pct, lang)


def flows_frame(
    view: pd.DataFrame,
    units: Mapping[str, Unit],
    lang: str,
    period: str | None = None,
    chosen: Iterable[str] = (),
    prior: bool = True,
) -> pd.DataFrame:
    """The data behind the trade chart: each chosen flow (all if none chosen) as published for the period and, with
    `prior`, the value a year before that its growth rate implies (value ÷ (1 + growth), marked derived)."""
    chosen = [f for f in FLOWS if f in set(chosen)] or list(FLOWS)
    records = []
    for flow, row in flows(view, period).iterrows():
        if flow not in chosen:
            continue
        unit, label, now_label = units[row["unit"]], pick(row.to_dict(), "label", lang), pick(row.to_dict(), "period", lang)
        growth = yoy_text(row["yoy_pct"], lang)
        records.append(
            {
                "flow": flow,
                "label": label,
                "series": "current",
                "series_label": now_label,
                "value": float(row["value"]),
                "unit": row["unit"],
                "value_text": format_value(row["value"], unit, row["qualifier"], lang),
                "qualifier": row["qualifier"],
                "qualifier_text": qualifier_note(row["qualifier"], lang) or t("qualifier.exact", lang),
                "period_label": now_label,
                "yoy_text": growth or "—",
                "derived": False,
                "order": FLOWS.index(flow),
                "source_id": row["source_id"],
                "citation": pick(row.to_dict(), "citation", lang),
                "source_quote": row["source_quote"],
            }
        )
        if prior and growth is not None:
            value = implied_prior(row["value"], row["yoy_pct"])
            before = prior_period_label(row["period"], now_label, lang)
            records.append(
                {
                    "flow": flow,
                    "label": label,
                    "series": "prior",
                    "series_label": t("trade.prior.series", lang, period=before),
                    "value": float(value),
                    "unit": row["unit"],
                    "value_text": t(
                        "trade.prior.approx", lang, value=format_value(value, unit, row["qualifier"], lang, decimals=2)
                    ),
                    "qualifier": row["qualifier"],
                    "qualifier_text": t(
                        "trade.prior.how",
                        lang,
                        value=format_value(row["value"], unit, row["qualifier"], lang),
                        sign="+" if row["yoy_pct"] >= 0 else "−",
                        growth=format_pct(abs(row["yoy_pct"]), lang, signed=False),
                    ),
                    "period_label": t("trade.prior.series", lang, period=before),
                    "yoy_text": growth,
                    "derived": True,
                    "order": FLOWS.index(flow),
                    "source_id": row["source_id"],
                    "citation": pick(row.to_dict(), "citation", lang),
                    "source_quote": row["source_quote"],
                }
            )
    columns = [
        "flow",
        "label",
        "series",
        "series_label",
        "value",
        "unit",
        "value_text",
        "qualifier",
        "qualifier_text",
        "period_label",
        "yoy_text",
        "derived",
        "order",
        "source_id",
        "citation",
        "source_quote",
    ]
    return pd.DataFrame(records, columns=columns)


def flows_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table behind the trade chart, with a column saying which values are derived."""
    data = frame.assign(kind=[t("trade.table.derived" if d else "trade.table.published", lang) for d in frame["derived"]])
    columns = {
        "label": "trade.table.flow",
        "series_label": "trade.table.period",
        "value_text": "trade.table.value_text",
        "value": "trade.table.value",
        "unit": "trade.table.unit",
        "yoy_text": "trade.table.yoy",
        "kind": "trade.table.kind",
        "qualifier_text": "trade.table.note",
        **SOURCE_COLUMNS,
    }
    return data[list(columns)].rename(columns={k: t(v, lang) for k, v in columns.items()})


def balance_and_share(view: pd.DataFrame, units: Mapping[str, Unit], lang: str, period: str | None = None) -> dict:
    """Derived from the period's exports, imports and total: trade balance (exports − imports) and the export share
    of the total. A figure that is not exact on both sides gives "not derivable"."""
    rows = flows(view, period)
    period_text = pick(rows.iloc[0].to_dict(), "period", lang) if not rows.empty else period_label(view, period or "", lang)
    unavailable = t("trade.not_in_period", lang)
    missing_note = t("trade.not_in_period.note", lang, period=period_text)
    balance = share = None
    balance_text = share_text_ = unavailable
    if {"export", "import"} <= set(rows.index):
        export, import_ = rows.loc["export"], rows.loc["import"]
        exact = export["qualifier"] == "exact" and import_["qualifier"] == "exact" and export["unit"] == import_["unit"]
        balance = trade_balance(export["value"], import_["value"]) if exact else None
        balance_text = (
            format_value(balance, units[export["unit"]], "exact", lang) if balance is not None else t("trade.not_derivable", lang)
        )
    if {"export", "total"} <= set(rows.index):
        export, total = rows.loc["export"], rows.loc["total"]
        share, _ = (
            ratio(export["value"], total["value"], export["qualifier"], total["qualifier"])
            if export["unit"] == total["unit"]
            else (None, "")
        )
        share_text_ = (
            t("trade.share.value", lang, share=format_pct(share * 100, lang, signed=False))
            if share is not None
            else t("trade.not_derivable", lang)
        )
    return {
        "balance": balance,
        "balance_text": balance_text,
        "balance_note": " · ".join(
            [period_text, *([missing_note] if balance_text == unavailable else []), t("trade.balance.formula", lang)]
        ),
        "share": None if share is None else share * 100,
        "share_text": share_text_,
        "share_note": " · ".join(
            [period_text, *([missing_note] if share_text_ == unavailable else []), t("trade.share.formula", lang)]
        ),
        "sources": evidence(rows.reset_index(), lang),
    }


def enterprise_rows(view: pd.DataFrame, period: str | None = None) -> pd.DataFrame:
    """The enterprise counts (not the titled ones), each its latest, in ENTERPRISE_ORDER, any others the data adds after them."""
    rows = latest(view) if period is None else at_period(view, period)
    rows = rows[(rows["topic"] == "trade") & (rows["group"] == "enterprises") & (rows["item"] != TITLED)]
    rank = {item: i for i, item in enumerate(ENTERPRISE_ORDER)}
    return rows.assign(rank=rows["item"].map(lambda i: rank.get(i, len(rank)))).sort_values("rank")


def enterprise_note(view: pd.DataFrame, lang: str) -> str:
    """What the report does and does not say about how the enterprise groups relate (the notes stored with them)."""
    notes = [pick(r, "note", lang) for r in enterprise_rows(view).to_dict("records")]
    # stored notes are phrases (a card's note shows them so); here they are sentences, so each gets its full stop
    end = "。" if lang == "zh" else "."
    return " ".join(dict.fromkeys(n if n.endswith(("。", ".")) else n + end for n in notes if n))


def title_cards(items: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The trade titles as cards (ui.cards_block): titles the report gives together are one card, with to whom they
    went as reported."""
    rows = items[(items["topic"] == "trade") & (items["kind"] == "title")].to_dict("records")
    grouped: dict[str, dict] = {}
    for row in rows:
        card = grouped.setdefault(pick(row, "description", lang), {"names": [], "quotes": {}})
        card["names"].append(pick(row, "name", lang))
        card["quotes"][row["source_quote"]] = pick(row, "citation", lang)
    joiner = "、" if lang == "zh" else "; "
    return pd.DataFrame(
        {
            "title": [joiner.join(c["names"]) for c in grouped.values()],
            "lines": [[description] for description in grouped],
            "quotes": [list(c["quotes"]) for c in grouped.values()],
            "citations": [list(c["quotes"].values()) for c in grouped.values()],
        },
        columns=["title", "lines", "quotes", "citations"],
    )


def title_table(cards: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table behind the title cards."""
    return pd.DataFrame(
        {
            t("trade.table.title", lang): cards["title"],
            t("trade.table.awarded", lang): [" ".join(lines) for lines in cards["lines"]],
            **card_source_columns(cards, lang),
        }
    )


def heading_period(view: pd.DataFrame, lang: str, period: str | None = None) -> str:
    """The period the flows shown are for, in the reader's language."""
    rows = flows(view, period)
    return pick(rows.iloc[0].to_dict(), "period", lang) if not rows.empty else ""


def flow_cards(view: pd.DataFrame, lang: str, period: str | None = None) -> list[tuple[str, str]]:
    """(metric, label) for the flows' headline cards. A card's comparison is the change from the previous period where
    one is stored, else the published year-on-year growth (ui.fact_headline); in the first case the label carries the
    growth, so that it is still said."""
    shown = flows(view, period)
    cards = []
    for flow in FLOWS:
        if flow not in shown.index:  # the period lacks it: the card says so (blocks.fact_headline)
            if (flow_rows(view)["item"] == flow).any():
                cards.append((f"trade.quarter.{flow}", flow_label(view, flow, lang)))
            continue
        row = shown.loc[flow]
        label, growth = pick(row.to_dict(), "label", lang), yoy_text(row["yoy_pct"], lang)
        has_previous = previous(view, row["metric"], row["period"]) is not None
        cards.append(
            (row["metric"], t("trade.card.label", lang, label=label, growth=growth) if growth and has_previous else label)
        )
    return cards


def other_cards(view: pd.DataFrame, units: Mapping[str, Unit], lang: str) -> list[tuple[str, str]]:
    """(metric, note) for the second headline row: enterprises with trade (and how many are foreign-invested), then
    the foreign-investment figures."""
    rows = latest(view)
    enterprises = enterprise_rows(view).set_index("item")
    cards = []
    if "with_trade" in enterprises.index:
        note = ""
        if "foreign_invested" in enterprises.index:
            foreign = enterprises.loc["foreign_invested"]
            note = t(
                "trade.card.foreign",
                lang,
                value=format_value(foreign["value"], units[foreign["unit"]], foreign["qualifier"], lang),
            )
        cards.append((enterprises.loc["with_trade", "metric"], note))
    fdi = rows[(rows["topic"] == "trade") & (rows["group"] == "fdi")]
    cards += [(metric, "") for metric in fdi["metric"]]
    return cards


def enterprises_known(view: pd.DataFrame, units: Mapping[str, Unit], lang: str) -> str:
    """What the report does say: the foreign-invested enterprises are among those with trade ("其中")."""
    rows = enterprise_rows(view).set_index("item")
    if not {"with_trade", "foreign_invested"} <= set(rows.index):
        return ""
    text = {
        item: format_value(rows.loc[item, "value"], units[rows.loc[item, "unit"]], rows.loc[item, "qualifier"], lang)
        for item in ("with_trade", "foreign_invested")
    }
    return t("trade.enterprises.known", lang, foreign=text["foreign_invested"], total=text["with_trade"])


# --- what the page shows, in two parts: what depends on the period only, and the flows chart with its two filters ---


@dataclass(frozen=True)
class Choices:
    """The page's filter options and their labels."""

    periods: tuple[str, ...]  # empty: the flows have one period, so there is no choice
    period_names: Mapping[str, str]
    flow_names: Mapping[str, str]
    latest: str  # the flows' latest period's label: what the page shows without a choice


@dataclass(frozen=True)
class Trade:
    flows: tuple[Headline, ...]
    heading: str


@dataclass(frozen=True)
class Context:
    """What stands around the flows: enterprises with trade and foreign investment, the enterprise groups, titles."""

    others: tuple[Headline, ...]
    enterprises: ChartBlock
    enterprises_note: str
    titles: CardsBlock


@dataclass(frozen=True)
class Flows:
    chart: ChartBlock
    balance: Headline
    share: Headline

    @property
    def derived(self) -> tuple[Headline, Headline]:
        """The figures the page derives from the flows, shown beside their chart."""
        return self.balance, self.share


def choices(data, view: pd.DataFrame, units: dict, *, lang: str) -> Choices:
    periods = trade_periods(view)
    latest_ = latest_period(flow_rows(view))
    return Choices(
        tuple(periods) if len(periods) > 1 else (),
        {p: period_label(view, p, lang) for p in periods},
        {f: flow_label(view, f, lang) for f in FLOWS},
        period_label(view, latest_, lang) if latest_ else "",
    )


def page(data, view: pd.DataFrame, units: dict, *, lang: str, presenting: bool, period: str | None = None) -> Trade:
    period = period or latest_period(flow_rows(view))
    return Trade(
        flows=tuple(
            fact_headline(view, units, metric, lang, presenting, period=period, label=label)
            for metric, label in flow_cards(view, lang, period)
        ),
        heading=heading_period(view, lang, period),
    )


def context(data, view: pd.DataFrame, units: dict, *, lang: str, presenting: bool) -> Context:
    counted = headline_units(units)
    enterprises = facts_frame(enterprise_rows(view), counted, lang)
    table = table_for_reader(
        enterprises,
        lang,
        {
            "label": "trade.enterprises.table.group",
            "value_text": "trade.table.value_text",
            "value": "trade.table.value",
            "unit": "trade.table.unit",
            "qualifier_text": "trade.table.note",
            "period_label": "trade.table.period",
            **SOURCE_COLUMNS,
        },
    )
    titles = title_cards(items_of(data), lang)
    return Context(
        others=tuple(
            fact_headline(view, counted, metric, lang, presenting, note=note) for metric, note in other_cards(view, units, lang)
        ),
        enterprises=chart_block(
            enterprises_chart(enterprises, lang), table, file_stem="trade_enterprises", sources=evidence(enterprises)
        ),
        enterprises_note=" ".join(x for x in (enterprises_known(view, units, lang), enterprise_note(view, lang)) if x),
        titles=cards_block(titles, title_table(titles, lang), file_stem="trade_titles"),
    )


def flows_section(
    data,
    view: pd.DataFrame,
    units: dict,
    *,
    lang: str,
    period: str | None = None,
    chosen: tuple[str, ...] = (),
    prior: bool = True,
) -> Flows:
    frame = flows_frame(view, units, lang, period, list(chosen), prior)
    scaled, unit = on_label_scale(frame, units, lang)
    derived = balance_and_share(view, units, lang, period)
    return Flows(
        chart=chart_block(
            flows_chart(scaled, lang, unit=unit), flows_table(frame, lang), file_stem="trade_flows", sources=evidence(frame)
        ),
        balance=Headline(
            t("trade.balance.label", lang),
            derived["balance_text"],
            note=derived["balance_note"],
            sources=derived["sources"],
            derived=True,
        ),
        share=Headline(
            t("trade.share.label", lang),
            derived["share_text"],
            note=derived["share_note"],
            sources=derived["sources"],
            derived=True,
        ),
    )
