"""对外开放 · Foreign trade and investment: the period's trade with its growth, beside the value a year before, the
derived balance and export share, the enterprises that trade, foreign investment and the titles awarded.

The page is its topic's description (components/topics/trade.py), read top to bottom: that one description is also
what the briefing pack, the validator and the tests read, so a part added there appears here with no other edit."""

from components.ui.page import topic_page

topic_page("trade")
