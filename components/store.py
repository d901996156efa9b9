"""Cached access to the dataset: validated once per change of the data folder, shared by every page and session."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from components.figures import facts_view
from components.formatting import units_from_table
from components.loader import Dataset, data_dir, fingerprint, read_dataset


@st.cache_data(show_spinner=False, max_entries=4)
def _dataset(directory: str, stamp: tuple) -> Dataset:
    # `stamp` (file sizes and modification times) is only a cache key: an edited CSV makes a new one
    return read_dataset(Path(directory))


def dataset() -> Dataset:
    directory = data_dir()
    return _dataset(str(directory), fingerprint(directory))


# A resource, not data: every session and rerun reads the same frames instead of unpickling its own copy (nothing
# writes to them; figures' functions return new frames).
@st.cache_resource(show_spinner=False, max_entries=4)
def _view(directory: str, stamp: tuple):
    ds = _dataset(directory, stamp)
    return facts_view(ds.table("facts"), ds.table("periods"), ds.table("units")), units_from_table(ds.table("units"))


def facts() -> tuple:
    """(facts view, units by code); raises DataUnavailable when facts, periods or units are broken."""
    directory = data_dir()
    return _view(str(directory), fingerprint(directory))
