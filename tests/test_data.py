"""The shipped data folder, data/ (the one test module that reads it): it passes the app's own validator, alone and with
the made-up later reports added, its period labels are unique, and every report names a period it covers."""

from __future__ import annotations

import pandas as pd
import pytest

from components.data.loader import read_dataset
from components.validate import file_status
from support import DATA, LATER_REPORTS, csv, folder


@pytest.fixture(scope="module")
def with_later(tmp_path_factory):
    """data/ as it is, with the second report's and the half-year report's rows added (as a maintainer would)."""
    return folder(tmp_path_factory.mktemp("with_later") / "data", *LATER_REPORTS, base=DATA)


@pytest.fixture(params=["data", "with-later-reports"])
def data_folder(request, with_later):
    return DATA if request.param == "data" else with_later


def test_the_folder_passes_the_apps_validator(data_folder):
    """Every CSV against its schema, every quote verbatim in its report, every number of every report text accounted
    for, and what the pages need: the validator's checks, run as the app runs them."""
    data = read_dataset(data_folder)
    errors = [e.message("en") for _, found in file_status(data) for e in found if not e.warning]
    assert not errors, "\n".join(errors)
    assert data.valid and set(data.tables) == {r["name"] for r in data.descriptor["resources"]}


def test_every_period_label_is_unique(data_folder):
    periods = csv(data_folder / "periods.csv")
    for column in ("label_zh", "label_en"):
        repeated = periods.loc[periods[column].duplicated(keep=False), ["period", column]]
        assert repeated.empty, repeated.to_dict("records")


def test_every_report_names_a_period_it_covers(data_folder):
    sources, periods = csv(data_folder / "sources.csv"), csv(data_folder / "periods.csv")
    unknown = sources.loc[~sources["period"].isin(periods["period"]), ["source_id", "period"]]
    assert unknown.empty, unknown.to_dict("records")
    # a period that belongs to a report (目前, 今年以来) is that report's own, never another's
    owned = periods.loc[periods["source_id"] != "", ["period", "source_id"]]
    named = pd.merge(sources[["source_id", "period"]], owned, on="period", suffixes=("", "_owner"))
    assert (named["source_id"] == named["source_id_owner"]).all()
