"""脱贫攻坚 · Poverty alleviation: villages exited, income of poor households and its growth, programmes by theme.
Declared here; built in build.py, drawn by pages/poverty.py."""

from components.topics.model import OverviewCard, Section, Topic
from components.topics.poverty import build

TOPIC = Topic(
    key="poverty",
    icon=":material/volunteer_activism:",
    nav_section="society",
    data_topics=("poverty",),
    item_kinds=("agri_park", "best_practice", "initiative", "outcome", "party_model", "safety_net"),
    sections=(
        Section(
            "outcome",
            "headlines",
            build.outcome,
            part="headlines",
            metrics=(build.INCOME_METRIC, build.RELIEF_METRIC),
            items=(build.OUTCOME_ITEM,),
        ),
        Section("income", "main_chart", build.outcome, part="income", metrics=(build.INCOME_METRIC,)),
        Section("money", "chart", build.programmes, part="money", groups=tuple(("poverty", g) for g in build.THEMES)),
        Section("reach", "chart", build.programmes, part="reach", groups=tuple(("poverty", g) for g in build.THEMES)),
        Section("programmes", "cards", build.programmes, part="cards", item_kinds=tuple(build.ITEM_THEMES)),
    ),
    overview=(OverviewCard(build.INCOME_METRIC, "overview.note.income"),),
)
