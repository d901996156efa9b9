"""对外开放 · Foreign trade and investment: a period's trade with its growth, beside the value a year before (published
where the data has it, else worked back from the growth), the derived balance and export share, the enterprises that
trade, foreign investment and the titles awarded."""

from __future__ import annotations

from decimal import Decimal

from components.charts.model import ChartModel, Point, Series, ordered
from components.charts.theme import PALETTE
from components.figures.citations import gather
from components.figures.derived import implied_prior, in_unit, ratio
from components.figures.facts import Fact
from components.figures.formatting import format_pct, format_value, label_scale
from components.figures.periods import span_name
from components.topics import named
from components.topics.bars import fact_chart, fact_table, point
from components.topics.blocks import Card, Chart, Headlines, Note, Things
from components.topics.headline import fact_card, metric_card
from components.topics.parts import Filter, Needs, OverviewCard, Part, Section, Topic, View
from components.topics.periods import latest_period, period_choice

FLOWS = ("export", "import", "total")
FLOW_METRICS = tuple(f"trade.quarter.{flow}" for flow in FLOWS)
ENTERPRISES = ("with_trade", "over_10m", "over_100m", "foreign_invested")
TITLED = "titled"


def _period(v: View) -> str | None:
    """The chosen period, by default the flows' latest: every flow shown is of it, never of another."""
    return v.choice("period") or latest_period(v, FLOW_METRICS)


def _flows(v: View) -> dict[str, Fact]:
    found = {m.rsplit(".", 1)[1]: v.figures.at(m, _period(v)) for m in FLOW_METRICS}
    return {flow: fact for flow, fact in found.items() if fact is not None}


def flow_cards(v: View) -> Headlines:
    cards = [metric_card(v, m, period=_period(v)) for m in FLOW_METRICS if v.figures.latest(m) is not None]
    return Headlines(tuple(cards), file_stem="trade_key_figures")


def _year_before(v: View, fact: Fact) -> tuple[Decimal, str, str, bool, Fact | None] | None:
    """(value in the fact's unit, its text, its period's label, derived?, the published figure) a year before."""
    published = v.figures.year_before(fact)
    if published is not None:  # a published value always wins over one worked back from a growth rate
        return in_unit(published, fact.unit), published.text(v.lang), published.period.label(v.lang), False, published
    if fact.yoy_pct is None:
        return None
    value = implied_prior(fact.value, fact.yoy_pct)
    before = fact.period.span.year_before()
    known = next((p for p in v.figures.periods.values() if p.span == before), None)
    label = (
        known.label(v.lang)
        if known
        else span_name(before, v.lang) or v.t("trade.prior.same_period", period=fact.period.label(v.lang))
    )
    text = v.t("trade.prior.approx", value=format_value(value, fact.unit, v.lang, decimals=2))
    return value, text, label, True, None


def flows_chart(v: View) -> Chart:
    """Each chosen flow of the period, beside its value a year before where one is known (published, else derived)."""
    flows = _flows(v)
    facts = [flows[f] for f in FLOWS if f in flows and (not v.choice("flow") or f in v.choice("flow"))]
    largest = max(facts, key=lambda f: f.value)
    scale = label_scale(largest.value, largest.unit, largest.unit, v.lang)

    def on_axis(value, fact: Fact) -> float:
        return float(value * fact.unit.factor / largest.unit.factor / scale.per)

    points: list[Point] = []
    series: dict[str, Series] = {}
    used: list[Fact] = []
    worked_out: list[tuple[str, str, str, str, Fact]] = []
    for fact in facts:
        now = fact.period.label(v.lang)
        growth = ((v.t("trade.tooltip.yoy"), format_pct(fact.yoy_pct, v.lang) if fact.yoy_pct is not None else "—"),)
        series.setdefault(now, Series(now, PALETTE[0]))
        points.append(point(v, fact, on_axis(fact.value, fact), series=now, details=growth))
        used.append(fact)
        before = _year_before(v, fact) if v.choice("prior", "1") == "1" else None
        if before is None:
            continue
        value, text, label, derived, published = before
        name = v.t("trade.prior.series", period=label) if derived else label
        series.setdefault(name, Series(name, PALETTE[0] if derived else PALETTE[1], derived))
        how = v.t(
            "trade.prior.how",
            value=fact.text(v.lang),
            sign="+" if fact.yoy_pct is not None and fact.yoy_pct >= 0 else "−",
            growth=format_pct(abs(fact.yoy_pct), v.lang, signed=False) if fact.yoy_pct is not None else "",
        )
        source = published or fact
        if derived:
            worked_out.append((fact.label(v.lang), text, name, how, fact))
        points.append(
            Point(
                fact.label(v.lang),
                on_axis(value, fact),
                text,
                derived=derived,
                series=name,
                period=name,
                qualifier_text=how if derived else source.qualifier_text(v.lang),
                report=source.report.short(v.lang),
                details=growth,
            )
        )
        if published is not None:
            used.append(published)
    model = ChartModel(
        "bar",
        v.t("trade.flows.title"),
        v.t("trade.flows.axis", unit=scale.name),
        ordered(points),
        tuple(points),
        series=tuple(sorted(series.values(), key=lambda s: s.derived)),
        legend_title=v.t("trade.legend.series"),
        lang=v.lang,
    )
    table = fact_table(v, used, worked_out=worked_out)
    return Chart(model, table, gather((f.report, f.source_quote) for f in used), "trade_flows")


def derived_cards(v: View) -> Headlines:
    """The balance (exports − imports) and the export share of the total, of the chosen period, where both parts are
    firm figures of it."""
    flows = _flows(v)
    period = next(iter(flows.values())).period.label(v.lang) if flows else ""
    cards = []
    for key, parts in (("balance", ("export", "import")), ("share", ("export", "total"))):
        found = [flows.get(p) for p in parts]
        note = v.t(f"trade.{key}.formula")
        if None in found:
            missing = v.t("trade.not_in_period.note", period=period)
            cards.append(
                Card(v.t(f"trade.{key}.label"), v.t("trade.not_in_period"), period, note=f"{missing} · {note}", derived=True)
            )
            continue
        first, second = found
        assert first is not None and second is not None
        if key == "balance":
            ok = first.firm and second.firm and first.unit == second.unit
            value = format_value(first.value - second.value, first.unit, v.lang) if ok else v.t("trade.not_derivable")
        else:
            share = ratio(first, second)
            value = (
                v.t("trade.share.value", share=format_pct(share * 100, v.lang, signed=False))
                if share
                else v.t("trade.not_derivable")
            )
        evidence = gather((f.report, f.source_quote) for f in (first, second))
        cards.append(Card(v.t(f"trade.{key}.label"), value, period, note=note, evidence=evidence, derived=True))
    return Headlines(tuple(cards), file_stem="trade_derived")


def prior_note(v: View) -> Note | None:
    shows_derived = v.choice("prior", "1") == "1" and any(
        f.yoy_pct is not None and v.figures.year_before(f) is None for f in _flows(v).values()
    )
    return Note(v.t("trade.prior.caption"), derived=True) if shows_derived else None


def _enterprises(v: View) -> list[Fact]:
    """The enterprise counts of their latest period, all of one report: how the groups relate ("其中") holds within
    one report, never across two."""
    latest = max((f.period for f in v.figures.where(topic="trade", group="enterprises")), key=lambda p: p.sort_key, default=None)
    found = v.figures.where(topic="trade", group="enterprises", period=latest.key) if latest else []
    rows = [f for f in found if f.item != TITLED]
    rank = {item: i for i, item in enumerate(ENTERPRISES)}
    return sorted(rows, key=lambda f: rank.get(f.item, len(rank)))


def other_cards(v: View) -> Headlines:
    """Enterprises that trade (and how many are foreign-invested), then the foreign-investment figures."""
    by_item = {f.item: f for f in _enterprises(v)}
    cards = []
    if "with_trade" in by_item:
        foreign = by_item.get("foreign_invested")
        note = v.t("trade.card.foreign", value=foreign.text(v.lang)) if foreign else ""
        cards.append(fact_card(v, by_item["with_trade"], note=note))
    cards += [fact_card(v, f) for f in v.figures.where(topic="trade", group="fdi")]
    return Headlines(tuple(cards), note=v.t("trade.fdi.no_conversion"), file_stem="trade_enterprises_fdi")


def enterprises_chart(v: View) -> Chart | None:
    facts = _enterprises(v)
    if not facts:
        return None
    return fact_chart(
        v,
        facts,
        title=v.t("trade.enterprises.title"),
        axis="trade.enterprises.axis",
        file_stem="trade_enterprises",
        largest_first=False,
    )


def enterprises_note(v: View) -> Note | None:
    """What the report does and does not say about how the enterprise groups relate."""
    by_item = {f.item: f for f in _enterprises(v)}
    known = (
        v.t("trade.enterprises.known", foreign=by_item["foreign_invested"].text(v.lang), total=by_item["with_trade"].text(v.lang))
        if {"with_trade", "foreign_invested"} <= set(by_item)
        else ""
    )
    end = "。" if v.lang == "zh" else "."
    notes = [n if n.endswith(("。", ".")) else n + end for n in dict.fromkeys(f.note(v.lang) for f in by_item.values()) if n]
    text = " ".join([known, *notes]).strip()
    return Note(text) if text else None


def titles(v: View) -> Things:
    """The titles awarded; titles the report gives together are one card, with to whom they went."""
    return named.grouped_things(v, "trade", "title", file_stem="trade_titles", per_row=2)


def flow_options(v: View) -> dict[str, str]:
    latest = {f: v.figures.latest(m) for f, m in zip(FLOWS, FLOW_METRICS)}
    return {f: fact.label(v.lang) for f, fact in latest.items() if fact is not None}


def prior_options(v: View) -> dict[str, str]:
    return {"1": v.t("trade.prior.show"), "0": v.t("trade.prior.hide")}


TOPIC = Topic(
    key="trade",
    data_topics=("trade",),
    item_kinds=("title",),
    intro="trade.intro",
    page_file="pages/trade.py",
    filters=(period_choice(FLOW_METRICS, "trade.filter.period"),),
    sections=(
        # Headline figures: the period's flows with their year-on-year growth
        Section("flows", (Part("flows", flow_cards, needs=Needs(metrics=FLOW_METRICS)),)),
        # The main chart beside the two filters that shape it, and what is derived from the flows
        Section(
            "flows_chart",
            (
                Part("flows_chart", flows_chart, needs=Needs(metrics=FLOW_METRICS), main=True),
                Part("derived", derived_cards, needs=Needs(metrics=FLOW_METRICS)),
                Part("prior_note", prior_note, brief=False),
            ),
            heading="trade.flows.heading",
            filters=(
                Filter("flow", "trade.filter.flow", flow_options),
                Filter("prior", "trade.filter.prior", prior_options, control="segmented", multi=False, default="1"),
            ),
            beside=True,
        ),
        # Enterprises that trade and foreign investment
        Section(
            "enterprises",
            (
                Part("others", other_cards, needs=Needs(groups=(("trade", "enterprises"), ("trade", "fdi")))),
                Part(
                    "enterprises",
                    enterprises_chart,
                    heading="trade.enterprises.heading",
                    needs=Needs(groups=(("trade", "enterprises"),)),
                ),
                Part("enterprises_note", enterprises_note, brief=False),
            ),
        ),
        # Titles awarded to the zone and its enterprises
        Section(
            "titles", (Part("titles", titles, heading="trade.titles.heading", needs=Needs(item_kinds=("title",)), brief=False),)
        ),
    ),
    overview=(
        OverviewCard("trade.quarter.total", "overview.note.trade"),
        OverviewCard("trade.fdi.utilised", "overview.note.fdi"),
    ),
)
