"""Cached access to the dataset: validated once per change of the data folder, shared by every page and session; and
what the pages build from it (store.shared), built once per data version and choice."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import streamlit as st

from components.figures.facts import facts_view
from components.figures.formatting import units_from_table
from components.data.loader import Dataset, data_dir, fingerprint, read_dataset


T = TypeVar("T")


# A resource, not data: every session and rerun reads the same frames instead of unpickling its own copy. Nothing writes
# to them (pandas' copy-on-write keeps derived frames apart), which tests/test_store.py checks for every page.
@st.cache_resource(show_spinner=False, max_entries=4)
def _dataset(directory: str, stamp: str) -> Dataset:
    # `stamp` (file sizes and modification times) is only a cache key: an edited CSV makes a new one
    return read_dataset(Path(directory))


def dataset() -> Dataset:
    directory = data_dir()
    return _dataset(str(directory), fingerprint(directory))


@st.cache_resource(show_spinner=False, max_entries=4)
def _view(directory: str, stamp: str):
    ds = _dataset(directory, stamp)
    return facts_view(ds.table("facts"), ds.table("periods"), ds.table("units")), units_from_table(ds.table("units"))


def facts() -> tuple:
    """(facts view, units by code); raises DataUnavailable when facts, periods or units are broken."""
    directory = data_dir()
    return _view(str(directory), fingerprint(directory))


# Bounded: free-text search and filter combinations could otherwise grow it without end.
@st.cache_resource(show_spinner=False, max_entries=500)
def _shared(directory: str, stamp: str, name: str, choices: tuple, with_facts: bool, _build: Callable):
    # `name` stands for `_build` in the key (Streamlit does not hash arguments that start with "_")
    data = _dataset(directory, stamp)
    if not with_facts:
        return _build(data, **dict(choices))
    view, units = _view(directory, stamp)
    return _build(data, view, units, **dict(choices))


def _cached(build: Callable, with_facts: bool, choices: dict):
    directory = data_dir()
    key = tuple(sorted((name, tuple(value) if isinstance(value, list) else value) for name, value in choices.items()))
    return _shared(str(directory), fingerprint(directory), f"{build.__module__}.{build.__qualname__}", key, with_facts, build)


def shared(build: Callable[..., T], **choices) -> T:
    """build(dataset, facts view, units, **choices): what a page shows for this language and filter choice, built once
    per data version and choice and shared, read-only, by every session and rerun. The choices are the whole key, so a
    builder must depend on nothing else; list values are passed as tuples."""
    return _cached(build, True, choices)


def shared_from_dataset(build: Callable[..., T], **choices) -> T:
    """As shared, for builders that take the dataset alone (build(dataset, **choices)) and so still work while facts,
    periods or units have problems: the sources page."""
    return _cached(build, False, choices)
