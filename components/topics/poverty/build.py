"""What the poverty page shows: income of registered poor households and its derived growth, programmes by theme,
money invested by theme on one scale, and people reached (people and person-times apart)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from components.blocks import CardsBlock, ChartBlock, Evidence, Headline, cards_block, chart_block, evidence, fact_headline
from components.charts.people import by_quantity, people_chart
from components.figures.derived import cagr_pct, growth_pct, period_year
from components.figures.facts import at_period, latest, periods_with_history
from components.figures.formatting import format_pct, format_value
from components.figures.frames import SOURCE_COLUMNS, converted_frame, on_label_scale, table_for_reader
from components.i18n import pick, t
from components.topics.items import items_of
from components.topics.poverty.charts import income_chart, money_chart

INCOME_METRIC = "poverty.income.per_capita"
RELIEF_METRIC = "poverty.safety_net.relief_funds"
OUTCOME_ITEM, SECOND_OUTCOME_ITEM = "outcome.villages_exited", "outcome.key_villages"
# The `theme` filter's options, in the report's order; income is the page's headline, not a programme.
THEMES = ("industry", "employment", "education", "health", "ecommerce", "party_building", "safety_net", "best_practice")
# Named things of the poverty topic, by the theme they belong to (outcomes are headline figures).
ITEM_THEMES = {
    "initiative": "industry",
    "agri_park": "industry",
    "party_model": "party_building",
    "safety_net": "safety_net",
    "best_practice": "best_practice",
}
MONEY_UNIT = "亿元"  # money by theme is drawn on one scale, the report's larger unit
# Cadres promoted are counted in people but are the ones doing the work, not people a programme reached.
NOT_REACHED = ("party_building",)


def theme_name(theme: str, lang: str) -> str:
    return t(f"poverty.theme.{theme}", lang)


def _chosen(themes: list[str] | None) -> list[str]:
    return [x for x in THEMES if x in themes] if themes else list(THEMES)


def period_names(view: pd.DataFrame, lang: str) -> dict[str, str]:
    """Period id -> its label in the reader's language, for the period choice."""
    return {r["period"]: pick(r, "period", lang) for r in view.drop_duplicates("period").to_dict("records")}


def programme_rows(view: pd.DataFrame, themes: list[str] | None = None, period: str | None = None) -> pd.DataFrame:
    """The poverty figures of the chosen themes (all when none is chosen), one row per metric: each its latest (they are
    shown side by side, each with its period, never combined), or those of `period`."""
    rows = latest(view) if period is None else at_period(view, period)
    return rows[(rows["topic"] == "poverty") & rows["group"].isin(_chosen(themes))]


# --- income and its derived growth -------------------------------------------------------------------------------


def income_frame(view: pd.DataFrame, units: dict, lang: str) -> pd.DataFrame:
    """Every published point of per-capita income, oldest first, with its year (for the chart's time axis)."""
    rows = dated_income(view)
    frame = converted_frame(rows, units, lang)  # on the base unit, 元
    frame["year"] = [period_year(p) for p in rows["period"]]
    frame["period"] = rows["period"].tolist()
    return frame


@dataclass(frozen=True)
class Growth:
    """Growth between the first and the last published point of a metric; both percentages are derived."""

    before: pd.Series
    after: pd.Series
    years: int
    growth_pct: Decimal
    cagr_pct: Decimal


def dated_income(view: pd.DataFrame) -> pd.DataFrame:
    """The income's published points whose period names a year (2016, 2019-end), oldest first: the only ones a time
    axis or a growth per year can use ("at the time of the report" has no year)."""
    rows = view[view["metric"] == INCOME_METRIC].sort_values("sort_key")
    return rows[[period_year(p) is not None for p in rows["period"]]]


def income_growth(view: pd.DataFrame) -> Growth | None:
    """Growth from the first to the last dated point, or None with fewer than two dated points a year or more apart."""
    rows = dated_income(view)
    if len(rows) < 2:
        return None
    before, after = rows.iloc[0], rows.iloc[-1]
    years = int(period_year(after["period"]) or 0) - int(period_year(before["period"]) or 0)
    if years <= 0:
        return None
    return Growth(
        before, after, years, growth_pct(before["value"], after["value"]), cagr_pct(before["value"], after["value"], years)
    )


def growth_texts(growth: Growth, units: dict, lang: str) -> dict:
    """The derived growth as the reader sees it: both points and periods, growth and CAGR, for the card and formula."""
    unit = units[growth.after["unit"]]
    return {
        "before": format_value(growth.before["value"], unit, "exact", lang),
        "after": format_value(growth.after["value"], unit, "exact", lang),
        "before_period": pick(growth.before, "period", lang),
        "after_period": pick(growth.after, "period", lang),
        "years": growth.years,
        "growth": format_pct(growth.growth_pct, lang, signed=False),
        "cagr": format_pct(growth.cagr_pct, lang, signed=False),
        "cagr_signed": format_pct(growth.cagr_pct, lang),
    }


def outcome_items(items: pd.DataFrame) -> tuple[dict, dict | None]:
    """The headline outcome (every registered poor village exited) and the one published beside it."""
    by_id = items.set_index("item_id")
    second = by_id.loc[SECOND_OUTCOME_ITEM].to_dict() if SECOND_OUTCOME_ITEM in by_id.index else None
    return by_id.loc[OUTCOME_ITEM].to_dict(), second


def outcome_note(items: pd.DataFrame, lang: str) -> tuple[str, tuple[Evidence, ...]]:
    """The outcomes' names as the headline card's note, and where they come from (`items` with citations)."""
    outcome, beside = outcome_items(items)
    return " · ".join(pick(o, "name", lang) for o in (outcome, beside) if o), evidence([outcome], lang)


# --- charts' frames ----------------------------------------------------------------------------------------------


def money_frame(view: pd.DataFrame, units: dict, lang: str, themes: list[str] | None = None) -> pd.DataFrame:
    """Money invested by theme where the report gives an amount, converted exactly to 亿元 (value_text as published).
    Per-capita income is money too, but an income, not an amount invested."""
    rows = programme_rows(view, themes)
    rows = rows[(rows["quantity"] == "money_cny") & (rows["metric"] != INCOME_METRIC)]
    frame = converted_frame(rows, units, lang, {"money_cny": MONEY_UNIT})
    frame["measure"] = frame["label"]
    frame["theme"] = [theme_name(g, lang) for g in rows["group"]]
    frame["label"] = frame["theme"]
    return frame


def reach_frame(view: pd.DataFrame, units: dict, lang: str, themes: list[str] | None = None) -> pd.DataFrame:
    """People reached by programme, each on its base scale (万人 -> 人, 万人次 -> 人次); split by `quantity` to draw."""
    rows = programme_rows(view, themes)
    rows = rows[rows["quantity"].isin(["people", "person_times"]) & ~rows["group"].isin(NOT_REACHED)]
    frame = converted_frame(rows, units, lang)
    frame["theme"] = [theme_name(g, lang) for g in rows["group"]]
    frame["note"] = [pick(r, "note", lang) for r in rows.to_dict("records")]
    return frame


# --- programmes by theme as cards and a table --------------------------------------------------------------------


def in_report_order(rows: pd.DataFrame, reports: Mapping[str, str]) -> pd.DataFrame:
    """Fact rows in the order the report states them: by where their sentence stands in the report text (when the
    text is at hand), then where the figure stands in its sentence."""
    records = rows.to_dict("records")
    keys = [(reports.get(r["source_id"], "").find(r["source_quote"]), r["source_quote"].find(r["as_published"])) for r in records]
    order = sorted(range(len(records)), key=keys.__getitem__)
    return rows.iloc[order]


def programme_cards(
    view: pd.DataFrame,
    items: pd.DataFrame,
    units: dict,
    lang: str,
    themes: list[str] | None = None,
    reports: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One card per chosen theme: a line per figure (label and value as published) in the report's order, then the
    named things, those with the same description on one line (金硕、狮克: one of the key agricultural parks)."""
    figures, named = _by_theme(view, items, themes, reports)
    cards = []
    for theme in _chosen(themes):
        facts_, things = figures.get(theme, []), named.get(theme, [])
        if not facts_ and not things:
            continue
        lines = [
            t(
                "poverty.card.figure",
                lang,
                label=pick(r, "label", lang),
                value=format_value(r["value"], units[r["unit"]], r["qualifier"], lang),
            )
            for r in facts_
        ]
        lines += _item_lines(things, lang)
        quotes = {r["source_quote"]: pick(r, "citation", lang) for r in [*facts_, *things]}
        cards.append(
            {
                "theme": theme,
                "title": theme_name(theme, lang),
                "lines": lines,
                "quotes": list(quotes),
                "citations": list(quotes.values()),
            }
        )
    return pd.DataFrame(cards, columns=["theme", "title", "lines", "quotes", "citations"])


def programme_table(
    view: pd.DataFrame,
    items: pd.DataFrame,
    units: dict,
    lang: str,
    themes: list[str] | None = None,
    reports: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Figures and named things of the chosen themes, one row each with its source sentence: the table to download."""
    figures, named = _by_theme(view, items, themes, reports)
    records = []
    for theme in _chosen(themes):
        for r in figures.get(theme, []):
            records.append(
                (
                    theme_name(theme, lang),
                    pick(r, "label", lang),
                    format_value(r["value"], units[r["unit"]], r["qualifier"], lang),
                    pick(r, "period", lang),
                    r["source_quote"],
                    pick(r, "citation", lang),
                )
            )
        for r in named.get(theme, []):
            records.append(
                (
                    theme_name(theme, lang),
                    pick(r, "name", lang),
                    pick(r, "description", lang),
                    "",
                    r["source_quote"],
                    pick(r, "citation", lang),
                )
            )
    headers = [t(f"poverty.table.{c}", lang) for c in ("theme", "item", "value", "period")] + [
        t("table.sentence", lang),
        t("table.source", lang),
    ]
    return pd.DataFrame(records, columns=headers)


def _by_theme(
    view: pd.DataFrame, items: pd.DataFrame, themes: list[str] | None, reports: Mapping[str, str] | None
) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """The chosen themes' figures (in the report's order) and named things, as records by theme. (Records are made
    once: DataFrame.to_dict is slow enough that making them per theme was most of a card's cost.)"""
    figures: dict[str, list[dict]] = {}
    for r in in_report_order(programme_rows(view, themes), reports or {}).to_dict("records"):
        figures.setdefault(r["group"], []).append(r)
    named: dict[str, list[dict]] = {}
    for r in items[(items["topic"] == "poverty") & items["kind"].isin(list(ITEM_THEMES))].to_dict("records"):
        named.setdefault(ITEM_THEMES[r["kind"]], []).append(r)
    return figures, named


def _item_lines(records: list[dict], lang: str) -> list[str]:
    """A line per named thing; neighbours that share a description share a line."""
    groups: list[tuple[list[str], str]] = []
    for record in records:
        name, description = pick(record, "name", lang), pick(record, "description", lang)
        if groups and description and groups[-1][1] == description:
            groups[-1][0].append(name)
        else:
            groups.append(([name], description))
    joiner = t("poverty.card.join", lang)
    return [
        t("poverty.card.item", lang, name=joiner.join(names), description=d) if d else joiner.join(names) for names, d in groups
    ]


# --- what the page shows, in two parts: the outcome and income (by period), and the programmes (by theme) ----------


@dataclass(frozen=True)
class Poverty:
    periods: tuple[str, ...]  # empty: one period only, so there is no choice
    period_names: Mapping[str, str]


@dataclass(frozen=True)
class Outcome:
    headlines: tuple[Headline, ...]
    growth: Mapping[str, str]  # the derived growth in words, for its formula
    income: ChartBlock


@dataclass(frozen=True)
class Programmes:
    money: ChartBlock | None  # None: no theme chosen has an amount
    reach: tuple[tuple[str, ChartBlock], ...]  # (quantity, its chart)
    cards: CardsBlock


def choices(data, view: pd.DataFrame, units: dict, *, lang: str) -> Poverty:
    periods = periods_with_history(view[view["metric"] == INCOME_METRIC])
    return Poverty(tuple(periods) if len(periods) > 1 else (), period_names(view, lang))


def outcome(data, view: pd.DataFrame, units: dict, *, lang: str, presenting: bool, period: str | None = None) -> Outcome:
    note, source = outcome_note(items_of(data), lang)
    growth = income_growth(view)
    words = growth_texts(growth, units, lang) if growth else {}
    cagr = (
        Headline(
            t("poverty.headline.cagr", lang),
            t("poverty.cagr.value", lang, pct=words["cagr_signed"]),
            derived=True,
            note=t("poverty.cagr.note", lang, **words),
            sources=evidence([growth.before.to_dict(), growth.after.to_dict()], lang),
        )
        if growth
        else Headline(
            t("poverty.headline.cagr", lang), t("poverty.cagr.none", lang), derived=True, note=t("poverty.cagr.none.note", lang)
        )
    )
    headlines = (
        Headline(t("poverty.headline.outcome", lang), t("poverty.headline.outcome.value", lang), note=note, sources=source),
        fact_headline(
            view,
            units,
            INCOME_METRIC,
            lang,
            presenting,
            period=period,
            label=t("poverty.headline.income", lang),
            note=t("poverty.headline.income.note", lang),
        ),
        cagr,
        fact_headline(view, units, RELIEF_METRIC, lang, presenting),
    )
    income = income_frame(view, units, lang)
    table = table_for_reader(
        income,
        lang,
        {
            "label": "poverty.table.item",
            "period_label": "table.period",
            "value_text": "table.value",
            "qualifier_text": "table.qualifier",
            **SOURCE_COLUMNS,
        },
    )
    return Outcome(
        headlines, words, chart_block(income_chart(income, lang), table, file_stem="poverty-income", sources=evidence(income))
    )


def programmes(data, view: pd.DataFrame, units: dict, *, lang: str, themes: tuple[str, ...] = ()) -> Programmes:
    themes_ = list(themes)
    money = money_frame(view, units, lang, themes_)
    money_table = table_for_reader(
        money,
        lang,
        {
            "label": "poverty.table.theme",
            "measure": "poverty.table.item",
            "value_text": "table.value",
            "value": "poverty.table.amount",
            "qualifier_text": "table.qualifier",
            "period_label": "table.period",
            **SOURCE_COLUMNS,
        },
    )
    reach = []
    for quantity, frame in by_quantity(reach_frame(view, units, lang, themes_)).items():
        table = table_for_reader(
            frame,
            lang,
            {
                "theme": "poverty.table.theme",
                "label": "poverty.table.item",
                "value_text": "table.value",
                "qualifier_text": "table.qualifier",
                "period_label": "table.period",
                **SOURCE_COLUMNS,
            },
        )
        scaled, unit = on_label_scale(frame, units, lang)
        chart = people_chart(scaled, lang, t(f"poverty.reach.title.{quantity}", lang), unit=unit)
        reach.append((quantity, chart_block(chart, table, file_stem=f"poverty-reach-{quantity}", sources=evidence(frame))))
    items, reports = items_of(data), data.source_texts
    money_scaled, money_unit = on_label_scale(money, units, lang)
    return Programmes(
        money=None
        if money.empty
        else chart_block(
            money_chart(money_scaled, lang, unit=money_unit), money_table, file_stem="poverty-money", sources=evidence(money)
        ),
        reach=tuple(reach),
        cards=cards_block(
            programme_cards(view, items, units, lang, themes_, reports),
            programme_table(view, items, units, lang, themes_, reports),
            file_stem="poverty-programmes",
        ),
    )
