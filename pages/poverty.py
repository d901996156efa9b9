"""脱贫攻坚 · Poverty alleviation: villages exited, the income of poor households over its published points and its
growth between like periods, and the programmes by theme: money, people reached, what each theme did.

The page is its topic's description (components/topics/poverty.py), read top to bottom: that one description is also
what the briefing pack, the validator and the tests read, so a part added there appears here with no other edit."""

from components.ui.page import topic_page

topic_page("poverty")
