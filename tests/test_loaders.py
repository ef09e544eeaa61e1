"""Cached reading: an extract or a derived figure is computed once per prepared region."""

from __future__ import annotations

import os
import shutil

import polars as pl
import pytest
import streamlit as st

from components import extracts, loaders
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
