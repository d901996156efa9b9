"""招才引智 · Talent: the people brought in (head counts and attendances apart), then the people by channel, the
innovation platforms or the talent events.

The page is its topic's description (components/topics/talent.py), read top to bottom: that one description is also
what the briefing pack, the validator and the tests read, so a part added there appears here with no other edit."""

from components.ui.page import topic_page

topic_page("talent")
