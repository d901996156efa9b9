"""项目建设 · Investment projects: the pipeline from negotiation to production, key projects, the named projects,
industries and parks. Declared here; built in build.py, drawn by pages/investment.py."""

from components.figures.derived import STAGE_ORDER
from components.topics.investment import build
from components.topics.model import OverviewCard, Section, Topic

PIPELINE = tuple(f"investment.pipeline.{stage}.{item}" for stage in STAGE_ORDER for item in ("projects", "investment"))
PIPELINE_INVESTMENT = tuple(m for m in PIPELINE if m.endswith(".investment"))

TOPIC = Topic(
    key="investment",
    icon=":material/factory:",
    nav_section="economy",
    data_topics=("investment",),
    item_kinds=("industry", "initiative", "method", "park"),
    sections=(
        Section("stages", "headlines", build.page, part="stages", metrics=PIPELINE),
        Section("output", "headlines", build.page, part="output", groups=(("investment", "output"),)),
        Section("key", "headlines", build.page, part="key", groups=(("investment", "key_projects"),)),
        Section("pipeline", "main_chart", build.pipeline_section, part="chart", metrics=PIPELINE),
        Section(
            "projects",
            "chart",
            build.projects_section,
            part="chart",
            metrics=PIPELINE_INVESTMENT,
            tables=("projects",),
            helpers=(build.filters,),
        ),
        Section("industries", "cards", build.named_things, part="industries", item_kinds=("industry",)),
        Section("parks", "cards", build.named_things, part="parks", item_kinds=("park",)),
    ),
    overview=(
        OverviewCard("investment.pipeline.new_start.investment", "overview.note.new_start"),
        OverviewCard("investment.pipeline.negotiating.investment", "overview.note.negotiating"),
    ),
)
