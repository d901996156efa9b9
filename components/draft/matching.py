"""Which existing metric a drafted figure continues, by the key words of the metric's label found around the figure.

The rule, kept simple enough to explain to the maintainer:
- A metric's key words are the two-character words of its latest label_zh (进出口总值 -> 进出 出口 口总 总值), without
  those with 的 and a few words every report says (其中, 全区, 完成). A label character counts as found in a text when one of
  its key words is written there; a character few labels have counts more (续建 tells 续建项目数 from 新开工项目数,
  项目 does not).
- A metric is a candidate when its unit is of the same kind as the figure's (units.csv's quantity: 人, 名 and 万人 are
  all people) and at least 75 % of its label (so weighted) is found in the figure's sentence.
- Candidates are ranked by how much of the label is found in the figure's list item (between 、 and ,), counted twice,
  plus in its clause, plus in its sentence; a tie goes to the longer label (进出口总值 over 出口).
- The best candidate wins; none, or one that already has a figure for the same period -> a new id draft.<n>.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

CJK_RUN = re.compile(r"[一-鿿]+")
COMMON_PAIRS = frozenset({"其中", "全区", "完成", "实现", "达到", "共计", "合计"})
SENTENCE_SHARE = 0.75


@dataclass(frozen=True)
class Metric:
    id: str
    family: str  # the unit's quantity (units.csv), or the unit itself when units.csv does not know it
    keys: frozenset[str]  # key words of its label
    row: dict[str, str]  # its latest row of facts.csv

    @property
    def characters(self) -> frozenset[str]:
        return frozenset("".join(self.keys))


def pairs(text: str) -> set[str]:
    """The two-character pairs of the Chinese runs of a text."""
    return {run[i : i + 2] for run in CJK_RUN.findall(text) for i in range(len(run) - 1)}


def _keys(label: str) -> frozenset[str]:
    return frozenset(p for p in pairs(label) if "的" not in p and p not in COMMON_PAIRS)


def metrics_from_facts(facts: pd.DataFrame, period_order: dict[str, float], families: dict[str, str]) -> list[Metric]:
    """One Metric per metric id of facts.csv, from its latest row (the period latest in periods.csv's sort_key)."""
    metrics = []
    for metric_id, rows in facts.groupby("metric", sort=False):
        records = rows.to_dict("records")
        latest = max(enumerate(records), key=lambda pair: (period_order.get(str(pair[1]["period"]), -1.0), pair[0]))[1]
        unit = str(latest["unit"])
        metrics.append(Metric(str(metric_id), families.get(unit, unit), _keys(str(latest["label_zh"])), latest))
    return [m for m in metrics if m.keys]


def _share(metric: Metric, weights: dict[str, float], context: set[str]) -> float:
    """How much of the label is found in a text: its characters that are in a key word written there, weighted."""
    found = frozenset("".join(metric.keys & context))
    return sum(weights[c] for c in found) / sum(weights[c] for c in metric.characters)


def best_metric(metrics: list[Metric], family: str, item: str, clause: str, sentence: str) -> Metric | None:
    """The metric a figure of unit kind `family` continues, given the text of its item, clause and sentence; None when
    no metric fits (the figure then gets a draft id)."""
    counts = Counter(c for m in metrics for c in m.characters)
    weights = {c: 1 / n for c, n in counts.items()}
    item_pairs, clause_pairs, sentence_pairs = pairs(item), pairs(clause), pairs(sentence)
    ranked = []
    for metric in metrics:
        if metric.family != family:
            continue
        in_sentence = _share(metric, weights, sentence_pairs)
        if in_sentence >= SENTENCE_SHARE:
            score = 2 * _share(metric, weights, item_pairs) + _share(metric, weights, clause_pairs) + in_sentence
            ranked.append((score, len(metric.characters), metric))
    return max(ranked, key=lambda entry: entry[:2])[2] if ranked else None
