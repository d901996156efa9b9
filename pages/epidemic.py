"""疫情防控 · Epidemic response: the emergency response and command structure, the people mobilised by group with
their derived total, and the measures taken first in the city.

The page is its topic's description (components/topics/epidemic.py), read top to bottom: that one description is also
what the briefing pack, the validator and the tests read, so a part added there appears here with no other edit."""

from components.ui.page import topic_page

topic_page("epidemic")
