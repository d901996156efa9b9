"""数据与来源 · Data and sources: the report with every figure highlighted, its citation, the data dictionary, the
validation results and the downloads. Declared here; built in build.py (which reads every other declaration, to say which
page shows each figure, so it is not imported here), drawn by pages/sources.py."""

from components.topics.model import Section, Topic

TOPIC = Topic(key="sources", icon=":material/menu_book:", nav_section="data", sections=(Section("report", "text"),))
