"""Reading the prepared extracts (pure: no Streamlit).

The app reads only what ``python -m components.build.prepare`` wrote. Every read checks the
file against the extract contract (column names and types, :mod:`components.data.columns`),
so a missing, truncated or hand-edited file gives a typed :class:`ExtractError` with a
Dutch message that a page can show, instead of a traceback.

Reads are lazy and column-pruned (``scan_extract``) so a page only reads what it shows;
that matters for the national-scale extract set.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import polars as pl

from components.data import columns
from components.data import vocabulary as contract

#: Environment variable that points the app at another extract folder (tests, other regions).
DATA_ENV = "JEUGDHULP_DATA"
DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "data" / "extracts"
MANIFEST = "manifest.json"
CONTACT = "de beheerder van de cijfers (zie 'Over deze cijfers')"


class ExtractError(Exception):
    """An extract cannot be used. ``message_nl`` is what a page shows."""

    kind = "onbruikbaar"

    def __init__(self, regio: str, name: str, reason: str) -> None:
        self.regio = regio
        self.name = name
        self.reason = reason
        super().__init__(f"{regio}/{name}: {reason}")

    def message_nl(self) -> str:
        """A Dutch explanation: which file, what is wrong, who to ask."""
        return (
            f"Het gegevensbestand '{self.name}' van deze regio is {self.kind}: {self.reason}. "
            f"De cijfers op dit onderdeel kunnen daarom niet worden getoond. "
            f"Vraag {CONTACT} om de voorbereiding opnieuw te draaien "
            f"(python -m components.build.prepare)."
        )


class ExtractMissing(ExtractError):
    """The Parquet file is not there."""

    kind = "niet gevonden"


class ExtractCorrupt(ExtractError):
    """The file exists but is not readable Parquet (truncated, overwritten, …)."""

    kind = "beschadigd"


class ExtractSchemaError(ExtractError):
    """The file reads, but its columns or types differ from the extract contract."""

    kind = "niet volgens het afgesproken formaat"


def data_root() -> Path:
    """The extract folder: ``$JEUGDHULP_DATA`` or ``data/extracts`` next to the code."""
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else DEFAULT_ROOT


def _expected_columns(name: str) -> dict[str, str]:
    if name in columns.REGION:
        return columns.REGION[name]
    if name in columns.SHARED:
        return columns.SHARED[name]
    raise KeyError(f"unknown extract {name!r}")


def extract_path(regio: str, name: str, root: Path | None = None) -> Path:
    """Where the extract ``name`` of ``regio`` lives."""
    return (root or data_root()) / regio / f"{name}.parquet"


def list_regions(root: Path | None = None) -> list[str]:
    """Region ids that have prepared extracts (a folder with a manifest), sorted.

    Hidden folders are skipped: the preparation stages a region in ``.<regio>.tmp-…``
    before swapping it into place, and such a folder is never a region.
    """
    base = root or data_root()
    if not base.is_dir():
        return []
    return sorted(
        p.name
        for p in base.iterdir()
        if p.is_dir()
        and not p.name.startswith(".")
        and p.name != contract.SHARED_FOLDER
        and (p / MANIFEST).is_file()
    )


def read_manifest(regio: str, root: Path | None = None) -> dict:
    """The manifest the preparation wrote (rows, schema version, checksums, warnings)."""
    path = (root or data_root()) / regio / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ExtractMissing(regio, MANIFEST, "het overzichtsbestand ontbreekt") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ExtractCorrupt(regio, MANIFEST, "het overzichtsbestand is geen geldige JSON") from exc


def _check_schema(regio: str, name: str, actual: pl.Schema) -> None:
    expected = _expected_columns(name)
    missing = [c for c in expected if c not in actual]
    if missing:
        raise ExtractSchemaError(regio, name, f"kolom(men) ontbreken: {', '.join(missing)}")
    extra = [c for c in actual if c not in expected]
    if extra:
        raise ExtractSchemaError(regio, name, f"onbekende kolom(men): {', '.join(extra)}")
    for column, dtype in expected.items():
        found = str(actual[column])
        if found != dtype:
            raise ExtractSchemaError(
                regio, name, f"kolom '{column}' heeft type {found}, verwacht {dtype}"
            )


def scan_extract(regio: str, name: str, root: Path | None = None) -> pl.LazyFrame:
    """A lazy, schema-checked scan of one extract; filter and select before collecting."""
    path = extract_path(regio, name, root)
    if not path.is_file():
        raise ExtractMissing(regio, name, f"het bestand {name}.parquet ontbreekt")
    try:
        actual = pl.read_parquet_schema(path)
    except Exception as exc:  # polars raises several error types for a broken file
        raise ExtractCorrupt(regio, name, "het bestand is geen leesbaar Parquet-bestand") from exc
    _check_schema(regio, name, pl.Schema(actual))
    return pl.scan_parquet(path)


def read_extract(
    regio: str, name: str, root: Path | None = None, columns: list[str] | None = None
) -> pl.DataFrame:
    """Read one extract (optionally only some columns) and check it against the contract."""
    lazy = scan_extract(regio, name, root)
    if columns is not None:
        lazy = lazy.select(columns)
    try:
        return lazy.collect()
    except Exception as exc:  # a truncated row group only fails when the data is read
        raise ExtractCorrupt(regio, name, "het bestand kon niet volledig worden gelezen") from exc


def read_shared(name: str, root: Path | None = None) -> pl.DataFrame:
    """Read an extract shared by all regions (the glossary)."""
    return read_extract(contract.SHARED_FOLDER, name, root)
