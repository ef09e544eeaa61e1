"""Cached reading: an extract or a derived figure is computed once per prepared region."""

from __future__ import annotations

import os
import shutil

import polars as pl
import pytest
import streamlit as st

from components.build import schema
from components.data import extracts
from components.web import loaders
from tests import national
from tests.pages.conftest import ROOT

calls: list[int] = []


def count_rows(register: pl.DataFrame) -> int:
    calls.append(register.height)
    return register.height


def test_a_derived_result_is_computed_once_until_the_region_is_prepared_again(
    tmp_path, monkeypatch
):
    shutil.copytree(ROOT / "data" / "extracts" / "regio-alkmaar", tmp_path / "regio-alkmaar")
    monkeypatch.setenv(extracts.DATA_ENV, str(tmp_path))
    st.cache_resource.clear()
    calls.clear()

    first = loaders.derive(count_rows, "regio-alkmaar", "aanbieders_aantallen")
    again = loaders.derive(count_rows, "regio-alkmaar", "aanbieders_aantallen")
    assert first == again == loaders.load("regio-alkmaar", "aanbieders_aantallen").height
    assert len(calls) == 1

    manifest = tmp_path / "regio-alkmaar" / extracts.MANIFEST
    stat = manifest.stat()
    os.utime(manifest, (stat.st_atime, stat.st_mtime + 10))  # the preparation ran again
    loaders.derive(count_rows, "regio-alkmaar", "aanbieders_aantallen")
    assert len(calls) == 2


def test_derive_refuses_a_lambda_whose_name_cannot_key_the_cache():
    with pytest.raises(ValueError, match="module-level function"):
        loaders.derive(lambda frame: frame.height, "regio-alkmaar", "regio")


def test_every_extract_of_a_national_roll_out_stays_in_memory(tmp_path, monkeypatch):
    """Forty regions (the national-scale set) each read their extracts from disk once.

    With room for fewer frames than a national roll-out has, viewers of one region push
    another region's extracts out, and the next visit reads them from disk again.
    """
    shipped = ROOT / "data" / "extracts" / "regio-alkmaar"
    names = list(schema.REGION_EXTRACTS)
    regions = [f"regio-{index:02d}" for index in range(1, national.Scale().regions + 1)]
    for regio in regions:
        (tmp_path / regio).symlink_to(shipped, target_is_directory=True)
    monkeypatch.setenv(extracts.DATA_ENV, str(tmp_path))
    st.cache_resource.clear()

    first = {(regio, name): loaders.load(regio, name) for regio in regions for name in names}
    again = {key: loaders.load(*key) for key in first}

    assert len(first) == len(regions) * len(names)
    assert [key for key, frame in again.items() if frame is not first[key]] == []
