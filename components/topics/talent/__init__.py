"""招才引智 · Talent: people brought in by channel (people and person-visits apart), innovation platforms and events.
Declared here; built in build.py, drawn by pages/talent.py."""

from components.topics.model import OverviewCard, Section, Topic
from components.topics.talent import build

TOPIC = Topic(
    key="talent",
    icon=":material/school:",
    nav_section="society",
    data_topics=("talent",),
    item_kinds=("event", "organisation", "platform", "programme"),
    sections=(
        Section("people", "headlines", build.headlines, metrics=build.PEOPLE_METRICS),
        Section(
            "by_kind",
            "main_chart",
            build.section,
            part="people",
            groups=(("talent", "people"),),
            item_kinds=("platform", "event"),
        ),
    ),
    overview=(OverviewCard("talent.people.rd_talent", "overview.note.talent"),),
)
