"""Cached access to the data: the dataset, validated once per version of the data folder, and what the pages build from
it (store.shared), built once per data version, builder code and choice, and shared read-only by every session.

Every cache here is Streamlit's own (st.cache_resource), so a builder's cached output is keyed on its source code as well
as its inputs: an edited builder is built afresh, never served stale. The data version is a digest of the data folder
(loader.fingerprint), so an edited CSV is read again on the next run. A dataset is kept only under the version it was
read at: everything cached under one version comes from one reading, never a mix of a file before and after a save."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st

from components.briefing.content import builder_id
from components.data.errors import DataError, DataUnavailable
from components.data.loader import Dataset, data_dir, fingerprint, read_dataset
from components.figures.facts import facts_view
from components.figures.formatting import units_from_table
from components.topics import contract

T = TypeVar("T")

# Bounded: free-text search and filter combinations could otherwise grow a builder's cache without end.
MAX_CHOICES_PER_BUILDER = 200


# How often a run takes the folder's version again when the folder changed between taking it and reading it.
VERSION_ATTEMPTS = 3
# Where a session keeps the data version its current page run is built from (begin_run).
RUN_VERSION = "data_version_of_this_run"


class FolderChanged(DataUnavailable):
    """The data folder changed after its version was taken (a file being saved): what was read is not that version.
    Not cached (an exception never is); the pages show it in the error box, and the page's next run reads again."""


# A resource, not data: every session and rerun reads the same frames instead of unpickling its own copy. Nothing writes
# to them (pandas' copy-on-write keeps derived frames apart), which tests/test_store.py checks deeply for every page.
@st.cache_resource(show_spinner=False, max_entries=4)
def _dataset(directory: str, stamp: str) -> Dataset:
    data = read_dataset(Path(directory))
    # Kept under `stamp` only if read at it: a reading made after a save, cached under the version before it, could
    # be read again (evicted, then asked for) beside views and blocks built from the first reading.
    if data.version != stamp:
        saving = [e for errors in data.problems.values() for e in errors if e.code == "being_saved"]
        raise FolderChanged(saving or [DataError(file="", code="being_saved")])
    return data


def _version() -> tuple[str, str]:
    directory = data_dir()
    return str(directory), fingerprint(directory)


def begin_run() -> None:
    """Take the data version this page run is built from (app.py, first thing in every run): every part of the page
    then comes from one reading, so a file saved while a page runs gives it the data before the save or after it,
    never some parts of each. A filter's rerun of its own part (a fragment) keeps its page's version. When the folder
    changes between taking the version and reading it, the version is taken again."""
    for _ in range(VERSION_ATTEMPTS):
        version = _version()
        try:
            _dataset(*version)  # read now, or found in the cache
            break
        except FolderChanged:
            continue
    st.session_state[RUN_VERSION] = version


def _current(call: Callable[[str, str], T]) -> T:
    """call(directory, version) at this run's data version; outside a page run (tests, the benchmark), the folder's."""
    return call(*(st.session_state.get(RUN_VERSION) or _version()))


def dataset() -> Dataset:
    return _current(_dataset)


@st.cache_resource(show_spinner=False, max_entries=4)
def _view(directory: str, stamp: str) -> tuple:
    data = _dataset(directory, stamp)
    view = facts_view(data.table("facts"), data.table("periods"), data.table("units"), data.table("sources"))
    return view, units_from_table(data.table("units"))


def facts() -> tuple:
    """(facts view, units by code); raises DataUnavailable when facts, periods, units or sources are broken."""
    return _current(_view)


# One cached function per builder, made the first time it is asked for. functools.wraps gives it the builder's module,
# name and (through __wrapped__) source code, which is what Streamlit keys a cached function on.
_CACHED: dict[Callable, Callable] = {}


def _cached(build: Callable, with_facts: bool) -> Callable:
    cached = _CACHED.get(build)
    if cached is None:

        @functools.wraps(build)
        def run(directory: str, stamp: str, choices: tuple) -> Any:
            data = _dataset(directory, stamp)
            contract.require(data, build)  # raises when a required figure is missing: an exception is not cached
            if not with_facts:
                return build(data, **dict(choices))
            view, units = _view(directory, stamp)
            return build(data, view, units, **dict(choices))

        cached = _CACHED[build] = st.cache_resource(show_spinner=False, max_entries=MAX_CHOICES_PER_BUILDER)(run)
    return cached


def _key(choices: dict) -> tuple:
    return tuple(sorted((name, tuple(value) if isinstance(value, list) else value) for name, value in choices.items()))


# Where a session keeps the choices its pages last built each builder with: the briefing export builds "what is on
# screen" from them (components/briefing/content.py), each page with the filters its reader last saw.
SHOWN = "briefing_shown_choices"


def shown_choices() -> dict[str, dict[str, Any]]:
    """This session's last choices per builder (content.builder_id), for the briefing export."""
    return dict(st.session_state.get(SHOWN, {}))


def shared(build: Callable[..., T], **choices: Any) -> T:
    """build(dataset, facts view, units, **choices): what a page shows for this language and filter choice, built once
    per data version and choice and shared, read-only, by every session and rerun. The choices are the whole key, so a
    builder must depend on nothing else; list values are passed as tuples. When the data lacks a figure or item that a
    section built by `build` requires (its topic's declaration), raises DataUnavailable naming it. The choices are
    remembered for this session's briefing export (shown_choices)."""
    key = _key(choices)
    st.session_state.setdefault(SHOWN, {})[builder_id(build)] = dict(key)
    return _current(functools.partial(_cached(build, True), choices=key))


def built(build: Callable[..., T], **choices: Any) -> T:
    """As shared, without remembering the choices: how the briefing export builds what the pages show."""
    return _current(functools.partial(_cached(build, True), choices=_key(choices)))


def data_version() -> tuple[str, str]:
    """(data folder, digest of its files): what an export was built from."""
    return st.session_state.get(RUN_VERSION) or _version()


def shared_from_dataset(build: Callable[..., T], **choices: Any) -> T:
    """As shared, for builders that take the dataset alone (build(dataset, **choices)) and so still work while facts,
    periods or units have problems: the sources page."""
    return _current(functools.partial(_cached(build, False), choices=_key(choices)))
