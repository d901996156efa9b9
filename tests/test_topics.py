"""The page descriptions hold together: every part of every topic builds, in both languages and modes, with any choice."""

from __future__ import annotations

import json
from dataclasses import replace

import jsonschema
import pytest
from altair.vegalite.v6.schema import load_schema

from components.charts.vega import vega_spec
from components.i18n import t
from components.topics import generic, registry, trade
from components.topics.blocks import Card, Chart, Choice, Headlines, Note, Table, Things
from components.topics.parts import Filter, Part, Section, Topic, resolved
from support import FOLDERS, LATER_REPORTS, csv, dataset, edit_csv, folder, rows, view_of

BLOCK_TYPES = (Headlines, Chart, Things, Table, Note, Choice)
WRITTEN_KEYS = ("overview", "investment", "trade", "talent", "poverty", "epidemic")
H1_REPORT = "heze-devzone-2021-h1"


def report_texts(name: str) -> dict[str, str]:
    return {
        r["source_id"]: (f / r["path"]).read_text(encoding="utf-8")
        for f in FOLDERS[name]
        for r in csv(f / "sources.csv").to_dict("records")
    }


def as_blocks(built) -> tuple:
    return built if isinstance(built, tuple) else (built,)


def other_choice(choice: Filter, options, default):
    """One choice per filter that is not its default: the first other option, or for a number half its upper end."""
    if choice.control == "number":
        return max(options) / 2
    if choice.control == "search":
        return "港"
    if choice.control == "selection":
        return next(iter(options), None)
    if choice.multi:
        return [list(options)[-1]] if options else None
    return next(o for o in options if o != default) if len(options) > 1 else None


def variants(topic: Topic, view) -> list[tuple[str, dict]]:
    """(what is set, the page's choices): the defaults, then each filter set to one other choice."""
    defaults = resolved(topic, view, {})
    found = [("defaults", defaults)]
    for choice in topic.all_filters():
        options = choice.options(replace(view, choices=defaults))
        other = other_choice(choice, options, defaults[choice.key])
        if other is not None:
            found.append((f"{choice.key}={other}", resolved(topic, view, {choice.key: other})))
    return found


def built_parts(data, lang: str, presenting: bool):
    """Every part of every topic of the data, built with each variant of its choices: (topic, part, set, blocks)."""
    view = view_of(data, lang, presenting)
    out = []
    for topic in registry.topics(data):
        for said, choices in variants(topic, view):
            for part in topic.parts:
                out.append((topic, part, said, as_blocks(part.build(replace(view, choices=choices)))))
    return out


@pytest.fixture(scope="module")
def builds(first, later):
    """Everything built once: {(dataset, lang, presenting): [(topic, part, set, blocks)]}."""
    data = {"first": first, "later": later}
    return {
        (name, lang, presenting): built_parts(data[name], lang, presenting)
        for name in data
        for lang in ("zh", "en")
        for presenting in (False, True)
    }


CASES = [(name, lang, presenting) for name in ("first", "later") for lang in ("zh", "en") for presenting in (False, True)]


def test_the_pages_of_each_dataset(first, later):
    assert [t.key for t in registry.topics(first)] == list(WRITTEN_KEYS)
    found = registry.topics(later)
    assert [t.key for t in found] == ["overview", "investment", "economy", *WRITTEN_KEYS[2:]]
    assert registry.by_key(found, "economy").page_file is None


@pytest.mark.parametrize(("name", "lang", "presenting"), CASES)
def test_every_part_builds_blocks_or_nothing(builds, name, lang, presenting):
    found = builds[(name, lang, presenting)]
    assert {topic.key for topic, *_ in found} >= set(WRITTEN_KEYS)
    for topic, part, said, blocks in found:
        for block in blocks:
            assert block is None or isinstance(block, BLOCK_TYPES), (topic.key, part.key, said, type(block))


@pytest.mark.parametrize("name", ["first", "later"])
def test_every_filter_has_a_choice_to_try(first, later, name):
    """The variants set every filter that has another choice (else the test above tried the defaults only)."""
    data = {"first": first, "later": later}[name]
    for topic in registry.topics(data):
        view = view_of(data)
        tried = {said.split("=")[0] for said, _ in variants(topic, view)}
        defaults = resolved(topic, view, {})
        choosable = {
            f.key
            for f in topic.all_filters()
            if f.multi or f.control != "segmented" or len(f.options(replace(view, choices=defaults))) > 1
        }
        assert tried == {"defaults"} | choosable, topic.key


def shape(topic: Topic, part: Part, index: int, chart: Chart) -> tuple:
    """What shapes a chart's spec: the part it is drawn by, its kind, scale and keys, the kinds of its marks."""
    model = chart.model
    marks = frozenset((p.kind, p.status, p.derived, p.selected) for p in model.points)
    return (
        topic.key,
        part.key,
        index,
        model.kind,
        model.log_scale,
        bool(model.series),
        bool(model.legend),
        model.selectable,
        marks,
    )


@pytest.mark.parametrize("name", ["first", "later"])
def test_every_download_of_a_page_has_a_file_name_of_its_own(builds, name):
    """Two tables of one page saved under one name would overwrite each other in the reader's downloads folder."""
    for (topic, said), stems in _stems(builds[(name, "zh", False)]).items():
        assert len(stems) == len(set(stems)), (topic, said, sorted(stems))


def _stems(found) -> dict[tuple[str, str], list[str]]:
    stems: dict[tuple[str, str], list[str]] = {}
    for topic, _part, said, blocks in found:
        stems.setdefault((topic.key, said), []).extend(b.file_stem for b in blocks if hasattr(b, "file_stem"))
    return stems


def test_every_chart_spec_validates_with_altair(builds):
    """Each part's chart of each shape it takes (any data, language or choice), against Altair's Vega-Lite schema."""
    validator = jsonschema.Draft7Validator(load_schema())
    specs = {}
    for key, found in builds.items():
        for topic, part, said, blocks in found:
            for index, block in enumerate(blocks):
                if isinstance(block, Chart) and block.model.points:
                    specs.setdefault(shape(topic, part, index, block), (block, (key, topic.key, part.key, said)))
    assert len(specs) >= 15
    for block, where in specs.values():
        spec = json.loads(json.dumps(dict(vega_spec(block.model))))
        errors = [e.message for e in validator.iter_errors(spec)]
        assert not errors, (where, errors[:3])


@pytest.mark.parametrize("name", ["first", "later"])
def test_cards_rest_on_their_own_report(builds, name):
    """A card of a stored figure carries that figure's sentence under its own report, and every sentence it carries is
    in its report's text word for word."""
    facts, periods, texts = rows(name, "facts"), rows(name, "periods"), report_texts(name)
    checked = 0
    for lang in ("zh", "en"):
        labels = periods[f"label_{lang}"].where(periods[f"label_{lang}"] != "", periods["label_zh"])
        label_of = dict(zip(periods["period"], labels))
        figure = {(r["metric"], label_of[r["period"]]): r for r in facts.to_dict("records")}
        for topic, part, said, blocks in builds[(name, lang, False)]:
            for card in (c for b in blocks if isinstance(b, Headlines) for c in b.cards):
                if card.metric is None:
                    continue
                for evidence in card.evidence:
                    for sentence in evidence.sentences:
                        assert sentence in texts[evidence.source_id], (topic.key, card.label)
                row = figure.get((card.metric, card.period))
                if row is None:  # a period without the figure: said so, with nothing to rest on
                    assert card.value == t("figure.not_in_period.value", lang) and not card.evidence, card
                    continue
                mine = [e for e in card.evidence if e.source_id == row["source_id"]]
                assert mine and row["source_quote"] in mine[0].sentences, (topic.key, part.key, said, card.label)
                checked += 1
    assert checked > 100


def blocks_of(builds, name, topic_key, part_key, kind, lang="zh") -> list:
    """The blocks of one kind a part builds with the defaults, in the first or later dataset."""
    return [
        b
        for topic, part, said, blocks in builds[(name, lang, False)]
        if topic.key == topic_key and part.key == part_key and said == "defaults"
        for b in blocks
        if isinstance(b, kind)
    ]


def cards_of(builds, name, topic_key, part_key, lang="zh") -> list[Card]:
    return [c for b in blocks_of(builds, name, topic_key, part_key, Headlines, lang) for c in b.cards]


def charts_of(builds, name, topic_key, part_key, lang="zh") -> list[Chart]:
    return blocks_of(builds, name, topic_key, part_key, Chart, lang)


def yoy_text(value: str) -> str:
    return value if value.startswith("-") else f"+{value}"


def test_half_year_trade_cards_compare_with_no_quarter(builds):
    """2021-H1 beside quarters: the growth shown is the report's own (as published), no change across unlike spans."""
    facts = rows("later", "facts")
    h1 = facts[(facts["period"] == "2021-H1") & (facts["group"] == "quarter")].set_index("label_zh")
    cards = cards_of(builds, "later", "trade", "flows") + cards_of(builds, "later", "trade", "derived")
    assert len(cards) == 5
    for card in cards:
        assert card.period == "2021年上半年", card.label
        assert {e.source_id for e in card.evidence} == {H1_REPORT}, card.label
        for text in (card.growth or "", card.growth_note or "", card.note):
            assert "季度" not in text, (card.label, text)
        if not card.derived:
            assert card.growth == yoy_text(h1.loc[card.label, "yoy_pct"] + "%")
            assert card.growth_note == t("headline.yoy", "zh")


def test_half_year_income_card_compares_with_no_year_end(builds):
    income = [c for c in cards_of(builds, "later", "poverty", "outcome") if c.metric == "poverty.income.per_capita"]
    assert len(income) == 1
    card = income[0]
    assert (card.value, card.period, card.growth) == ("4,300元", "2021年上半年", "+9.6%")
    assert card.growth_note == t("headline.yoy", "zh")
    assert {e.source_id for e in card.evidence} == {H1_REPORT}
    assert "年底" not in (card.growth or "") + (card.growth_note or "")


def test_the_half_year_pipeline_is_of_one_period(builds):
    h1 = "2021年以来(至上半年报告时)"
    for topic in ("investment", "overview"):
        (chart,) = charts_of(builds, "later", topic, "pipeline")
        assert {p.period for p in chart.model.points} == {h1}, topic
    assert {c.period for c in cards_of(builds, "later", "investment", "stages")} == {h1}
    said = [b for topic, part, s, blocks in builds[("later", "zh", False)] for b in blocks if part.key == "pipeline_period"]
    assert said and all(b.text == h1 for b in said), "the overview names the period its pipeline is of"


def named(topic: Topic, part_keys=(), filter_keys=(), section_keys=()) -> Topic:
    """A topic with the given extra parts, filters and sections (each a copy of its first), to repeat a key."""
    first_section = topic.sections[0]
    part = first_section.parts[0]
    extra = Section(
        section_keys[0] if section_keys else "extra",
        tuple(replace(part, key=k) for k in part_keys) or (replace(part, key="extra_part"),),
        filters=tuple(Filter(k, "trade.filter.flow", trade.flow_options) for k in filter_keys),
    )
    return replace(topic, sections=(*topic.sections, extra))


@pytest.mark.parametrize(
    ("changed", "kind"),
    [
        (named(trade.TOPIC, part_keys=("flows",)), "part"),
        (named(trade.TOPIC, filter_keys=("flow",)), "filter"),
        (named(trade.TOPIC, filter_keys=("period",)), "filter"),
        (named(trade.TOPIC, section_keys=("flows",)), "section"),
    ],
)
def test_check_refuses_a_repeated_key(changed, kind):
    registry.check((trade.TOPIC,))
    with pytest.raises(ValueError, match=f"{kind} keys repeat"):
        registry.check((changed,))


def test_check_refuses_a_repeated_topic():
    with pytest.raises(ValueError, match="topic keys repeat"):
        registry.check((trade.TOPIC, replace(generic.topic("economy"), key="trade")))


def test_topics_csv_orders_names_and_places_the_pages(tmp_path):
    """topics.csv's order, names, icons and sections; a topic declared there with no figures gets no page."""
    target = folder(tmp_path / "data")
    declared = csv(target / "topics.csv")
    edit_csv(target / "topics.csv", "topic", "trade", column="order", new="5")  # before the overview
    edit_csv(target / "topics.csv", "topic", "epidemic", column="order", new="35")  # after trade
    edit_csv(target / "topics.csv", "topic", "talent", column="label_zh", new="人才工作")
    edit_csv(target / "topics.csv", "topic", "talent", column="label_en", new="People")
    edit_csv(target / "topics.csv", "topic", "trade", column="icon", new="")
    edit_csv(target / "topics.csv", "topic", "trade", column="section", new="")
    edit_csv(target / "topics.csv", "topic", "poverty", column="icon", new="")
    edit_csv(target / "topics.csv", "topic", "poverty", column="section", new="")
    edit_csv(target / "topics.csv", "topic", "investment", column="icon", new=":material/star:")
    with open(target / "topics.csv", "a", encoding="utf-8") as f:
        f.write("culture,文化,Culture,society,,1,,\n")
    found = {t.key: t for t in registry.topics(dataset(target))}
    assert list(found) == ["trade", "overview", "investment", "epidemic", "talent", "poverty"]
    assert (found["talent"].title("zh"), found["talent"].title("en")) == ("人才工作", "People")
    row = declared.set_index("topic").loc["epidemic"]
    assert (found["epidemic"].title("zh"), found["epidemic"].title("en")) == (row["label_zh"], row["label_en"])
    # a blank icon or section: the written page's own, else the defaults
    assert (found["trade"].icon, found["trade"].section) == (registry.DEFAULT_ICON, registry.DEFAULT_SECTION)
    assert (found["poverty"].icon, found["poverty"].section) == (":material/volunteer_activism:", "society")
    assert found["investment"].icon == ":material/star:"
    assert (found["epidemic"].icon, found["epidemic"].section) == (row["icon"], row["section"])


def test_a_declared_topic_with_figures_gets_the_generic_page(later):
    economy = registry.by_key(registry.topics(later), "economy")
    made = generic.topic("economy")
    assert [p.key for p in economy.parts] == [p.key for p in made.parts]
    assert economy.data_topics == ("economy",)
    row = csv(LATER_REPORTS[1] / "topics.csv").set_index("topic").loc["economy"]
    assert (economy.title("zh"), economy.icon, economy.section) == (row["label_zh"], row["icon"], row["section"])
    assert economy.intro_text("en") == row["intro_en"]


@pytest.mark.parametrize(
    ("name", "topic", "metrics"),
    [
        ("first", "epidemic", ["epidemic.command.group_heads"]),
        ("later", "epidemic", ["epidemic.command.group_heads", "epidemic.vaccination.doses"]),
        ("later", "talent", ["talent.platforms.provincial", "talent.platforms.academician"]),
    ],
)
def test_a_figure_no_part_shows_is_among_more_figures(builds, name, topic, metrics):
    cards = cards_of(builds, name, topic, "more_figures")
    assert [c.metric for c in cards] == metrics
    facts = rows(name, "facts").set_index("metric")
    for card in cards:
        assert card.label == facts.loc[card.metric, "label_zh"]
    assert not cards_of(builds, name, "trade", "more_figures")


def test_a_part_for_a_figure_takes_it_out_of_more_figures(first):
    """More figures holds what no part needs: a part that needs the figure takes it over."""
    epidemic = registry.by_key(registry.topics(first), "epidemic")
    needing = Part("heads", lambda v: None, needs=replace(epidemic.parts[0].needs, metrics=("epidemic.command.group_heads",)))
    written = replace(epidemic, sections=(*epidemic.sections[:-1], Section("heads", (needing,))))
    again = generic.with_others(written)
    assert again.parts[-1].key == "more_figures"
    assert again.parts[-1].build(view_of(first)) is None
