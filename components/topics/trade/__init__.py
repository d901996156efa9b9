"""对外开放 · Foreign trade: a quarter's trade with its growth, the enterprises that trade, foreign investment, titles.
Declared here; built in build.py, drawn by pages/trade.py."""

from components.topics.model import OverviewCard, Section, Topic
from components.topics.trade import build

FLOWS = tuple(f"trade.quarter.{flow}" for flow in build.FLOWS)

TOPIC = Topic(
    key="trade",
    icon=":material/public:",
    nav_section="economy",
    data_topics=("trade",),
    item_kinds=("title",),
    sections=(
        Section("flows", "headlines", build.page, part="flows", metrics=FLOWS),
        Section("flows_chart", "main_chart", build.flows_section, part="chart", metrics=FLOWS),
        Section("derived", "headlines", build.flows_section, part="derived", metrics=FLOWS),
        Section("others", "headlines", build.context, part="others", groups=(("trade", "enterprises"), ("trade", "fdi"))),
        Section("enterprises", "chart", build.context, part="enterprises", groups=(("trade", "enterprises"),)),
        Section("titles", "cards", build.context, part="titles", item_kinds=("title",)),
    ),
    overview=(
        OverviewCard("trade.quarter.total", "overview.note.trade"),
        OverviewCard("trade.fdi.utilised", "overview.note.fdi"),
    ),
)
