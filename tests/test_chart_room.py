"""The room a bar chart's axis leaves its value labels (components/charts/base.py): the bars that reach furthest with
their labels go into the spec, and the axis ends where their labels end at the width drawn."""

from __future__ import annotations

import pandas as pd

from components.charts.base import EM_PARAM, ROOM_CANDIDATES, ROOM_EXPR, ROOM_PARAM, bar_rows, room_params


def frame(values, texts) -> pd.DataFrame:
    return pd.DataFrame({"label": [f"L{i}" for i in range(len(values))], "value": values, "value_text": texts,
                         "qualifier": ["exact"] * len(values)})  # fmt: skip


def test_the_largest_bars_and_the_longest_label_are_the_candidates():
    rows = bar_rows(
        frame([5.0, 300.0, 1.0, 240.0, 220.0, 2.0], ["5个", "300亿元", "a very long label text", "240亿元", "220亿元", "2"])
    )
    params = {p["name"]: p["value"] for p in room_params(rows)}
    pairs = list(zip(params[ROOM_PARAM][::2], params[ROOM_PARAM][1::2]))
    assert len(pairs) == ROOM_CANDIDATES
    assert [v for v, _ in pairs[:3]] == [300.0, 240.0, 220.0]
    longest = rows.loc[rows["value_text"] == "a very long label text", "label_ems"].item()
    assert pairs[3] == (1.0, longest) and longest > max(e for _, e in pairs[:3])
    assert params[EM_PARAM] == 13


def test_a_chinese_character_counts_wider_than_a_latin_one_and_a_bound_leaves_its_chevron_room():
    rows = bar_rows(frame([1.0, 1.0], ["亿亿", "ab"]).assign(qualifier=["exact", "at_least"]))
    chinese, latin_bound = rows["label_ems"]
    assert chinese > 2 > latin_bound - 1.5 > 1


def test_few_bars_are_padded_so_the_expression_always_has_its_candidates():
    params = room_params(bar_rows(frame([3.0], ["3人"])))
    assert len(params[0]["value"]) == 2 * ROOM_CANDIDATES and params[0]["value"][-2:] == [0.0, 0.0]
    assert all(f"{ROOM_PARAM}[{i}]" in ROOM_EXPR for i in range(2 * ROOM_CANDIDATES)) and "width" in ROOM_EXPR
