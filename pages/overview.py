"""总览 · Overview: the latest report at a glance — the figure each topic contributes, the investment pipeline, the
zone's strategies and honours.

The page is its topic's description (components/topics/overview.py), read top to bottom: that one description is also
what the briefing pack, the validator and the tests read, so a part added there appears here with no other edit."""

from components.ui.page import topic_page

topic_page("overview")
