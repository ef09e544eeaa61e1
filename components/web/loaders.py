"""Cached extract loading: the thin Streamlit wrapper around :mod:`components.data.extracts`.

The expensive part (reading Parquet) is cached; filtering happens outside the cache in
pages and transforms. ``st.cache_resource`` rather than ``st.cache_data``: Polars frames
are immutable, so sharing one object between sessions is safe and avoids a pickle copy
per rerun (which matters for the national-scale extract set). The cache key includes the
manifest's modification time, so re-running the preparation is picked up without a
restart. Every cache is bounded.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import polars as pl
import streamlit as st

from components.data import extracts
from components.data import vocabulary as contract

T = TypeVar("T")
DEFAULT_REGION_ENV = "JEUGDHULP_REGIO"
DEFAULT_REGION = "regio-alkmaar"


_run = threading.local()


def begin_run() -> None:
    """Fix where this script run reads its extracts (app.py, first thing): a publication
    in a bucket that changes while a page runs then cannot give it half of each."""
    try:
        _run.root = extracts.data_root()
    except extracts.ExtractError:
        _run.root = None


def _root() -> extracts.Root:
    """The root of this run (:func:`begin_run`), else the current one; raises
    :class:`extracts.ExtractError` when a bucket cannot be read at all."""
    root = getattr(_run, "root", None)
    return root if root is not None else extracts.data_root()


def _stamp(root: extracts.Root, regio: str) -> float:
    """Changes whenever the preparation rewrites the region (its manifest is written last).
    A published version never changes: its name in the cache key is enough."""
    if not isinstance(root, Path):
        return 0.0
    try:
        return (root / regio / extracts.MANIFEST).stat().st_mtime
    except OSError:
        return 0.0


def stamp(regio: str) -> str:
    """What changes when the region's extracts change: for a cache of what is built from
    them (the slides)."""
    root = _root()
    return f"{root}:{_stamp(root, regio)}"


#: Frames the extract cache holds: every extract of a national roll-out (40 regions × 18
#: extracts = 720 frames, about 63 MB for the national-scale set) with room to spare. With
#: fewer, viewers of one region push another's extracts out and it is read again.
EXTRACT_CACHE_ENTRIES = 2048


@st.cache_resource(max_entries=EXTRACT_CACHE_ENTRIES, ttl=3600, show_spinner=False)
def _read(root: str, regio: str, name: str, stamp: float) -> pl.DataFrame:
    del stamp  # only part of the cache key
    return extracts.read_extract(regio, name, extracts.root_from_text(root))


@st.cache_resource(max_entries=8, ttl=3600, show_spinner=False)
def _regions(root: str, stamp: float) -> list[tuple[str, str, bool]]:
    del stamp
    found = []
    base = extracts.root_from_text(root)
    for regio in extracts.list_regions(base):
        try:
            row = extracts.read_extract(regio, "regio", base).row(0, named=True)
            found.append((regio, row["naam"], bool(row["fictief"])))
        except (extracts.ExtractError, pl.exceptions.OutOfBoundsError):
            found.append((regio, regio, False))
    return found


def load(regio: str, name: str) -> pl.DataFrame:
    """One extract of a region; raises :class:`extracts.ExtractError` (never cached)."""
    root = _root()
    return _read(str(root), regio, name, _stamp(root, regio))


@st.cache_resource(max_entries=64, ttl=3600, show_spinner=False)
def _derive(
    _transform: Callable[..., T], name: str, root: str, regio: str, extracts_: tuple, stamp: float
) -> T:
    del name  # only part of the cache key (with root, regio, the extract names and stamp)
    return _transform(*(_read(root, regio, extract, stamp) for extract in extracts_))


def derive(transform: Callable[..., T], regio: str, *names: str) -> T:
    """``transform`` applied to the region's extracts ``names``, cached like the extracts.

    For a pure transform whose cost grows with the region and not with the view, such as
    counting every provider of a 5.000-row register (a third of the Aanbieders page's
    server time on the national set, docs/prestaties.md). The result is shared between
    sessions, so it must not be changed. ``transform`` must be a module-level function: its
    name is the cache key, so two lambdas or closures would get each other's result.
    """
    if "<" in transform.__qualname__:
        raise ValueError(f"derive needs a module-level function, not {transform.__qualname__}")
    root = _root()
    label = f"{transform.__module__}.{transform.__qualname__}"
    return _derive(transform, label, str(root), regio, names, _stamp(root, regio))


def load_shared(name: str) -> pl.DataFrame:
    """An extract shared by all regions (the glossary)."""
    return load(contract.SHARED_FOLDER, name)


def regions() -> list[tuple[str, str, bool]]:
    """(id, display name, fictitious) of every prepared region.

    The default region (``$JEUGDHULP_REGIO``, else regio Alkmaar, the most complete shipped
    set) comes first, then the other real regions, then fictitious ones.
    """
    try:
        root = _root()
    except extracts.ExtractError:
        return []  # a bucket that was never readable: the app says there is no region
    stamp = root.stat().st_mtime if isinstance(root, Path) and root.is_dir() else 0.0
    default = os.environ.get(DEFAULT_REGION_ENV, DEFAULT_REGION)
    return sorted(_regions(str(root), stamp), key=lambda r: (r[0] != default, r[2], r[0]))
