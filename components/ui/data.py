"""Cached access to the data for the pages: the dataset, validated once per version of the data folder, its figures and
topics, and every part of every page built once per data version, language, mode and filter choice, shared read-only
by every session. Nothing here writes session state but begin_run, which is not cached.

The data version is a digest of the data folder (loader.fingerprint), so an edited CSV is read again on the next run;
a dataset is kept only under the version it was read at, so everything cached under one version comes from one
reading, never a mix of a file before and after a save."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import streamlit as st

from components.data.errors import DataError, DataUnavailable
from components.data.loader import Dataset, data_dir, fingerprint, read_dataset
from components.figures.facts import Figures
from components.topics import registry, sources
from components.topics.needs import require
from components.topics.parts import Filter, Options, Topic, View
from components.validate import file_status

VERSION_ATTEMPTS = 3  # how often a run takes the folder's version again when it changed while being read
RUN_VERSION = "data_version_of_this_run"  # where a session keeps the version its page run is built from
MAX_BUILDS = 2000  # bounded: search text and filter combinations could otherwise grow the cache without end


class FolderChanged(DataUnavailable):
    """The data folder changed after its version was taken (a file being saved). Not cached; the next run reads again."""


# A resource, not data: every session reads the same frames instead of unpickling its own copy; nothing writes to them.
@st.cache_resource(show_spinner=False, max_entries=4)
def _dataset(directory: str, stamp: str) -> Dataset:
    data = read_dataset(Path(directory))
    if data.version != stamp:  # read after a save: not this version, so not kept under it
        saving = [e for errors in data.problems.values() for e in errors if e.code == "being_saved"]
        raise FolderChanged(saving or [DataError(file="", code="being_saved")])
    return data


PREVIEW = "upkeep_preview_folder"  # a session's own candidate data folder (the upkeep page's preview), if any


def _version() -> tuple[str, str]:
    """(folder, digest) of the data this session reads: its preview folder while it previews a new report, else the
    data folder every session shares."""
    directory = st.session_state.get(PREVIEW) or data_dir()
    return str(directory), fingerprint(Path(directory))


def begin_run() -> None:
    """Take the data version this page run is built from (app.py, first thing in every run): every part of the page
    then comes from one reading. A filter's rerun of its own section keeps its page's version."""
    version = _version()
    for _ in range(VERSION_ATTEMPTS):
        try:
            _dataset(*version)
            break
        except FolderChanged:
            version = _version()
    st.session_state[RUN_VERSION] = version


def version() -> tuple[str, str]:
    """(data folder, digest of its files) of this run; outside a page run (tests), the folder's own."""
    return st.session_state.get(RUN_VERSION) or _version()


def dataset() -> Dataset:
    return _dataset(*version())


def shared_dataset() -> Dataset:
    """The data folder every session shares, even while this session previews a candidate (the upkeep page's base)."""
    directory = data_dir()
    return _dataset(str(directory), fingerprint(directory))


@st.cache_resource(show_spinner=False, max_entries=4)
def _figures(directory: str, stamp: str) -> Figures:
    return registry.figures_of(_dataset(directory, stamp))


def figures() -> Figures:
    """Every figure, typed; raises DataUnavailable when facts, periods, units, qualifiers or sources are broken."""
    return _figures(*version())


@st.cache_resource(show_spinner=False, max_entries=4)
def _topics(directory: str, stamp: str) -> tuple[Topic, ...]:
    return registry.topics(_dataset(directory, stamp))


def topics() -> tuple[Topic, ...]:
    """Every topic page of this data, in navigation order (never raises: a broken topics.csv gives the written pages)."""
    return _topics(*version())


def topic(key: str) -> Topic:
    return next(t for t in topics() if t.key == key)


@st.cache_resource(show_spinner=False, max_entries=4)
def _report(directory: str, stamp: str):
    return sources.build_report(_dataset(directory, stamp), _topics(directory, stamp))


def report():
    """The report texts with every figure placed (the sources page): works with broken tables, never raises."""
    return _report(*version())


@st.cache_resource(show_spinner=False, max_entries=64)
def _reading(directory: str, stamp: str, lang: str, metric: str | None):
    return sources.reading(_dataset(directory, stamp), _topics(directory, stamp), lang=lang, metric=metric)


def reading(lang: str, metric: str | None):
    return _reading(*version(), lang, metric)


@st.cache_resource(show_spinner=False, max_entries=4)
def _status(directory: str, stamp: str):
    return file_status(_dataset(directory, stamp))


def status():
    """Every file of the data folder with its problems (the validator's list)."""
    return _status(*version())


def view(lang: str, presenting: bool = False, choices: Mapping[str, Any] | None = None) -> View:
    return View(dataset(), figures(), lang, presenting, dict(choices or {}))


@st.cache_resource(show_spinner=False, max_entries=MAX_BUILDS)
def _options(directory: str, stamp: str, topic_key: str, filter_key: str, lang: str) -> Options:
    found = next(f for f in _topic(directory, stamp, topic_key).all_filters() if f.key == filter_key)
    return dict(found.options(View(_dataset(directory, stamp), _figures(directory, stamp), lang)))


def options(topic: Topic, choice: Filter, lang: str) -> Options:
    return _options(*version(), topic.key, choice.key, lang)


def _topic(directory: str, stamp: str, key: str) -> Topic:
    return next(t for t in _topics(directory, stamp) if t.key == key)


def _frozen(choices: Mapping[str, Any]) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in choices.items()))


@st.cache_resource(show_spinner=False, max_entries=MAX_BUILDS)
def _built(directory: str, stamp: str, topic_key: str, part_key: str, lang: str, presenting: bool, choices: tuple) -> Any:
    data = _dataset(directory, stamp)
    found = _topic(directory, stamp, topic_key)
    part = next(p for p in found.parts if p.key == part_key)
    require(data, part.needs, (found.key,))  # raises naming what is missing: an exception is never cached
    return part.build(View(data, _figures(directory, stamp), lang, presenting, dict(choices)))


def built(topic: Topic, part_key: str, lang: str, presenting: bool, choices: Mapping[str, Any]) -> Any:
    """A part of a page, built once per data version, language, mode and choices and shared by every session."""
    return _built(*version(), topic.key, part_key, lang, presenting, _frozen(choices))


def edition(lang: str) -> str:
    """What the latest report covers ("2020年"), for titles and file names; blank while sources.csv is broken."""
    return sources.edition(dataset(), lang)


@st.cache_resource(show_spinner=False, max_entries=8)
def _checked(directory: str, stamp: str) -> Dataset:
    return read_dataset(Path(directory))


def checked(directory: str) -> Dataset:
    """A candidate data folder (the upkeep page's), read and validated once per version of it."""
    return _checked(directory, fingerprint(Path(directory)))
