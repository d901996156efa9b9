"""项目建设 · Investment projects: each stage's projects and investment, the pipeline by stage, the expected output
and key projects, the projects the report names (filters, a click selects one), the zone's industries and parks.

The page is its topic's description (components/topics/investment.py), read top to bottom: that one description is also
what the briefing pack, the validator and the tests read, so a part added there appears here with no other edit."""

from components.ui.page import topic_page

topic_page("investment")
