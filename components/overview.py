"""What the overview shows: which stored figure heads each topic, and the one derived total it adds."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.derived import total
from components.figures import snapshot
from components.formatting import format_value


@dataclass(frozen=True)
class Headline:
    metric: str
    note_key: str
    page: str


HEADLINES = (
    Headline("investment.pipeline.new_start.investment", "overview.note.new_start", "pages/investment.py"),
    Headline("investment.pipeline.negotiating.investment", "overview.note.negotiating", "pages/investment.py"),
    Headline("trade.q1.total", "overview.note.trade", "pages/trade.py"),
    Headline("trade.fdi.utilised", "overview.note.fdi", "pages/trade.py"),
    Headline("talent.people.rd_talent", "overview.note.talent", "pages/talent.py"),
    Headline("poverty.income.per_capita", "overview.note.income", "pages/poverty.py"),
)


def mobilised_total(view: pd.DataFrame, units: dict, lang: str) -> tuple[str, str]:
    """People mobilised against the epidemic, all groups added up (derived), and the sentence the parts come from."""
    rows = snapshot(view)
    rows = rows[(rows["topic"] == "epidemic") & (rows["group"] == "mobilised")]
    value, qualifier = total(rows)
    return format_value(value, units[rows["unit"].iloc[0]], qualifier, lang), " ".join(rows["source_quote"].unique())
