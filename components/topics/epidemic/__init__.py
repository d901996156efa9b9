"""疫情防控 · Epidemic response: the command structure, the first-in-city measures and the people mobilised by group.
Declared here; built in build.py, drawn by pages/epidemic.py."""

from components.topics.epidemic import build
from components.topics.model import Section, Topic

MOBILISED = tuple(f"epidemic.mobilised.{group}" for group in build.GROUP_ORDER)

TOPIC = Topic(
    key="epidemic",
    icon=":material/health_and_safety:",
    nav_section="society",
    data_topics=("epidemic",),
    item_kinds=build.TEXT_KINDS,
    sections=(
        Section(
            "headlines", "headlines", build.headlines, metrics=(*build.HEADLINE_METRICS, *MOBILISED), items=(build.RESPONSE_ITEM,)
        ),
        Section("mobilised", "main_chart", build.mobilised_section, metrics=MOBILISED, groups=(("epidemic", "mobilised"),)),
        Section("text", "cards", build.text, item_kinds=build.TEXT_KINDS),
    ),
)
