"""脱贫攻坚 · Poverty alleviation: registered poor villages leaving poverty, the income of poor households over its
published points (and its growth, only between like periods), and the programmes by theme: money invested, people
reached (head counts and attendances apart), and what each theme did."""

from __future__ import annotations

from components.charts.theme import PALETTE
from components.figures.citations import gather
from components.figures.derived import cagr_pct, comparable, growth_pct, years_apart
from components.figures.facts import Fact
from components.figures.formatting import after_label, format_pct
from components.i18n import pick
from components.topics import named
from components.topics.bars import fact_chart, grouped, joinable, periods_chart
from components.topics.blocks import Card, Chart, Headlines, Note, Thing, Things
from components.topics.headline import metric_card
from components.topics.parts import Filter, Needs, OverviewCard, Part, Section, Topic, View
from components.topics.periods import period_choice

INCOME, RELIEF = "poverty.income.per_capita", "poverty.safety_net.relief_funds"
OUTCOME_ITEM, SECOND_OUTCOME_ITEM = "outcome.villages_exited", "outcome.key_villages"
THEMES = ("industry", "employment", "education", "health", "ecommerce", "party_building", "safety_net", "best_practice")
ITEM_THEMES = {
    "initiative": "industry",
    "agri_park": "industry",
    "party_model": "party_building",
    "safety_net": "safety_net",
    "best_practice": "best_practice",
}
NOT_REACHED = ("party_building",)  # cadres promoted do the work: they are not people a programme reached
COLOURS = {"people": PALETTE[0], "person_times": PALETTE[2]}


def _income(v: View) -> list[Fact]:
    return v.figures.of(INCOME)


def growth(v: View) -> tuple[Fact, Fact, int] | None:
    """The first and last published income of like periods whole years apart, the last at or before the chosen period
    (a later half-year has no like period, and must not hide the year-ends before it), or None."""
    facts = _income(v)
    chosen = v.figures.at(INCOME, v.choice("period"))
    for last in reversed([f for f in facts if chosen is None or f.period.sort_key <= chosen.period.sort_key]):
        first = next((f for f in facts if f is not last and comparable(last, f) and years_apart(f, last)), None)
        if first:
            return first, last, years_apart(first, last) or 0
    return None


def growth_card(v: View) -> Card:
    found = growth(v)
    if found is None:
        return Card(
            v.t("poverty.headline.cagr"),
            v.t("poverty.cagr.none"),
            period=v.t(
                "poverty.cagr.none.period", periods=v.t("filter.list_sep").join(f.period.label(v.lang) for f in _income(v))
            ),
            note=v.t("poverty.cagr.none.note"),
            derived=True,
        )
    first, last, years = found
    words = growth_words(v, first, last, years)
    return Card(
        v.t("poverty.headline.cagr"),
        v.t("poverty.cagr.value", pct=format_pct(cagr_pct(first.value, last.value, years), v.lang)),
        period=v.t("poverty.cagr.note", **words),
        evidence=gather((f.report, f.source_quote) for f in (first, last)),
        derived=True,
    )


def growth_words(v: View, first: Fact, last: Fact, years: int) -> dict:
    return {
        "before": first.text(v.lang),
        "after": last.text(v.lang),
        "before_period": first.period.label(v.lang),
        "after_period": last.period.label(v.lang),
        "years": years,
        "growth": format_pct(growth_pct(first.value, last.value), v.lang, signed=False),
        "cagr": format_pct(cagr_pct(first.value, last.value, years), v.lang, signed=False),
    }


def outcome(v: View) -> Headlines:
    items = {r["item_id"]: r for r in named.latest_items(v)}
    shown = [items[i] for i in (OUTCOME_ITEM, SECOND_OUTCOME_ITEM) if i in items]
    cards = [
        Card(
            v.t("poverty.headline.outcome"),
            v.t("poverty.headline.outcome.value"),
            # the label and value say the first item ("Registered poor villages: All exited"); the note the next
            period=named.period_of(v, shown[0]) if shown else "",
            note=" · ".join(pick(r, "name", v.lang) for r in shown[1:]),
            evidence=named.evidence_of(shown),
        ),
        metric_card(
            v, INCOME, period=v.choice("period"), label=v.t("poverty.headline.income"), note=v.t("poverty.headline.income.note")
        ),
        growth_card(v),
        metric_card(v, RELIEF),
    ]
    return Headlines(tuple(cards), file_stem="poverty-outcome")


def growth_note(v: View) -> Note | None:
    found = growth(v)
    return Note(v.t("poverty.growth.formula", **growth_words(v, *found)), derived=True) if found else None


def income_chart(v: View) -> Chart:
    """The income at its published points only: joined by a dashed line where they cover like periods, else side by
    side, each labelled with what it covers."""
    return periods_chart(v, _income(v), title=v.t("poverty.income.title"), axis="poverty.income.axis", file_stem="poverty-income")


def income_note(v: View) -> Note:
    """What the income chart draws: its points only, and a dashed line between them only where it joins them."""
    facts = _income(v)
    return Note(v.t(f"poverty.income.caption.{'joined' if joinable(facts) else 'apart' if len(facts) > 1 else 'one'}"))


def _themed(v: View) -> list[Fact]:
    chosen = v.choice("theme") or THEMES
    return [f for f in v.figures.where(topic="poverty") if f.group in chosen and f.metric != INCOME]


def money_chart(v: View) -> Chart | Note:
    facts = [f for f in _themed(v) if f.unit.quantity == "money_cny"]
    if not facts:
        return Note(v.t("poverty.money.none"))
    return fact_chart(
        v,
        facts,
        title=v.t("poverty.money.title"),
        axis="poverty.money.axis",
        file_stem="poverty-money",
        colour=PALETTE[3],
        category=lambda f: v.t(f"poverty.theme.{f.group}"),
        details=lambda f: ((v.t("poverty.money.tooltip.measure"), f.label(v.lang)),),
        notes=(v.t("poverty.money.caption"),),
    )


def reach_charts(v: View) -> tuple[Chart, ...] | Note:
    """People a programme counted, each labelled with what it counts: head counts and attendances apart."""
    facts = [f for f in _themed(v) if f.unit.quantity in COLOURS and f.group not in NOT_REACHED]
    if not facts:
        return Note(v.t("poverty.reach.none"))
    return tuple(
        fact_chart(
            v,
            alike,
            title=v.t(f"poverty.reach.title.{quantity}"),
            axis=f"people.axis.{quantity}",
            file_stem=f"poverty-reach-{quantity}",
            colour=COLOURS[quantity],
            details=lambda f: ((v.t("people.tooltip.theme"), v.t(f"poverty.theme.{f.group}")),),
        )
        for quantity, alike in grouped(facts, lambda f: f.unit.quantity).items()
    )


def programme_cards(v: View) -> Things:
    """A card per chosen theme: each figure as published, then the named things (neighbours sharing a description on
    one line: 金硕、狮克 — key agricultural parks)."""
    chosen = v.choice("theme") or THEMES
    figures = grouped(_themed(v), lambda f: f.group)
    records = [r for r in named.of_kind(v, "poverty") if r["kind"] in ITEM_THEMES]
    things = []
    for theme in (t for t in THEMES if t in chosen):
        facts, mine = figures.get(theme, []), [r for r in records if ITEM_THEMES[r["kind"]] == theme]
        if not facts and not mine:
            continue
        lines = [
            v.t("poverty.card.figure", label=f.label(v.lang), value=after_label(f.label(v.lang), f.text(v.lang), v.lang))
            for f in facts
        ]
        lines += _item_lines(v, mine)
        evidence = gather(
            [(f.report, f.source_quote) for f in facts] + [(r["report"], r["source_quote"]) for r in mine if r.get("report")]
        )
        things.append(Thing(v.t(f"poverty.theme.{theme}"), tuple(lines), evidence))
    return Things(tuple(things), named.things_table(v, things), "poverty-programmes", per_row=3)


def _item_lines(v: View, records: list[dict]) -> list[str]:
    groups: list[tuple[list[str], str]] = []
    for r in records:
        name, description = pick(r, "name", v.lang), pick(r, "description", v.lang)
        if groups and description and groups[-1][1] == description:
            groups[-1][0].append(name)
        else:
            groups.append(([name], description))
    joiner = v.t("poverty.card.join")
    return [v.t("poverty.card.item", name=joiner.join(n), description=d) if d else joiner.join(n) for n, d in groups]


def theme_options(v: View) -> dict[str, str]:
    return {theme: v.t(f"poverty.theme.{theme}") for theme in THEMES}


TOPIC = Topic(
    key="poverty",
    data_topics=("poverty",),
    item_kinds=("agri_park", "best_practice", "initiative", "outcome", "party_model", "safety_net"),
    intro="poverty.intro",
    page_file="pages/poverty.py",
    icon=":material/volunteer_activism:",
    section="society",
    filters=(period_choice((INCOME,), "poverty.period.label"),),
    sections=(
        # Headline figures and the main chart: the outcome, the income and its growth, the income over its points
        Section(
            "outcome",
            (
                Part("outcome", outcome, needs=Needs(metrics=(INCOME, RELIEF), items=(OUTCOME_ITEM,))),
                Part("growth_note", growth_note, brief=False, present=False),
                Part("income", income_chart, needs=Needs(metrics=(INCOME,)), main=True),
                Part("income_note", income_note, brief=False, present=False),
            ),
        ),
        # The programmes by theme
        Section(
            "programmes",
            (
                Part("money", money_chart, needs=Needs(groups=tuple(("poverty", g) for g in THEMES))),
                Part("reach", reach_charts, needs=Needs(groups=tuple(("poverty", g) for g in THEMES))),
                Part(
                    "cards",
                    programme_cards,
                    heading="poverty.cards.title",
                    needs=Needs(item_kinds=tuple(ITEM_THEMES)),
                    brief=False,
                ),
            ),
            heading="poverty.programmes",
            filters=(Filter("theme", "poverty.theme.label", theme_options),),
        ),
    ),
    overview=(OverviewCard(INCOME, "overview.note.income"),),
)
