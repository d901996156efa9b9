"""Named items as the pages show them: an item a later report names again is shown as that report has it."""

from __future__ import annotations

import pandas as pd


def latest_items(items: pd.DataFrame, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per item_id: its row from the latest source naming it (sources.csv's sort_key; without it, the data's
    order), kept where the item first stands so that cards stay in the report's order."""
    if sources is not None and "sort_key" in sources:
        order = items["source_id"].map(sources.set_index("source_id")["sort_key"])
        ranked = items.assign(_order=order.fillna(-1)).sort_values("_order", kind="stable")
        chosen = ranked.drop_duplicates("item_id", keep="last").drop(columns="_order")
    else:
        chosen = items.drop_duplicates("item_id", keep="last")
    first = items.drop_duplicates("item_id")["item_id"].reset_index(drop=True)
    return chosen.set_index("item_id").loc[first].reset_index()[items.columns]


def items_of(data) -> pd.DataFrame:
    """The dataset's items as pages show them (latest_items), each with its source's citation (citation_zh/en);
    made once per data version."""
    from components.figures.citations import with_citations

    def build() -> pd.DataFrame:
        sources = data.table("sources")
        return with_citations(latest_items(data.table("items"), sources), sources)

    return data.derived("items.latest", build)
