"""Shared fixtures: the fixture source set, a good build of it, and a folder snapshot."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from components.build.prepare import prepare

FIXTURE_SOURCES = Path(__file__).parent / "fixtures" / "sources"
FIXTURE_REGION = "testregio"


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too) → sha256, to prove nothing changed."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    } | {p.relative_to(folder).as_posix() + "/": "map" for p in folder.rglob("*") if p.is_dir()}


@pytest.fixture
def snapshot() -> Callable[[Path], dict[str, str]]:
    """A function that fingerprints a folder tree, temporary folders included."""
    return _snapshot


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A private copy of the fixture sources that a test may break."""
    target = tmp_path / "sources"
    shutil.copytree(FIXTURE_SOURCES, target)
    return target


@pytest.fixture
def copy_region(sources: Path) -> Callable[[str], Path]:
    """A function that adds a second region to ``sources``: the fixture under another name."""

    def copy(name: str) -> Path:
        target = sources / name
        shutil.copytree(sources / FIXTURE_REGION, target)
        bronnen = target / "bronnen.csv"
        text = bronnen.read_text(encoding="utf-8").replace(f"\n{FIXTURE_REGION},", f"\n{name},")
        bronnen.write_text(text, encoding="utf-8")
        return target

    return copy


@pytest.fixture(scope="session")
def good_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The extracts built once from the untouched fixture (do not modify; copy it)."""
    out = tmp_path_factory.mktemp("goede-bouw") / "extracts"
    prepare(FIXTURE_SOURCES, out)
    return out


@pytest.fixture
def out(tmp_path: Path, good_build: Path) -> Path:
    """An output folder that already holds a good build, as in a real repository."""
    target = tmp_path / "extracts"
    shutil.copytree(good_build, target)
    return target
