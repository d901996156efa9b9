"""What the overview shows: which stored figure heads each topic (its derived mobilised total is components.epidemic's)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Headline:
    metric: str
    note_key: str
    page: str


HEADLINES = (
    Headline("investment.pipeline.new_start.investment", "overview.note.new_start", "pages/investment.py"),
    Headline("investment.pipeline.negotiating.investment", "overview.note.negotiating", "pages/investment.py"),
    Headline("trade.quarter.total", "overview.note.trade", "pages/trade.py"),
    Headline("trade.fdi.utilised", "overview.note.fdi", "pages/trade.py"),
    Headline("talent.people.rd_talent", "overview.note.talent", "pages/talent.py"),
    Headline("poverty.income.per_capita", "overview.note.income", "pages/poverty.py"),
)
