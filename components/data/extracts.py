"""Reading the prepared extracts (pure: no Streamlit).

The app reads only what ``python -m components.build.prepare`` wrote, and verifies it: the
file's checksum and row count must be what the preparation put in ``manifest.json``, the
manifest's schema version this code's, and the columns and types the extract contract's
(:mod:`components.data.columns`). Data that passed the preparation is what the pages are
built for; anything else (a missing, truncated, hand-edited or tampered file, a broken
manifest) gives a typed :class:`ExtractError` with a Dutch message that a page shows
instead of a traceback, while the other extracts and regions keep working.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from pathlib import Path

import polars as pl

from components.data import columns, storage
from components.data import vocabulary as contract

#: Where extracts are read: a folder, or one published version in a bucket.
Root = Path | storage.Published

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


class ExtractChanged(ExtractError):
    """The file is not what the preparation wrote: its checksum or row count differs."""

    kind = "gewijzigd na de voorbereiding"


class ExtractSchemaError(ExtractError):
    """The file reads, but its columns or types differ from the extract contract."""

    kind = "niet volgens het afgesproken formaat"


def data_root() -> Root:
    """The extract folder: ``$JEUGDHULP_DATA`` or ``data/extracts`` next to the code; for
    ``s3://bucket/prefix`` the version published there now (:mod:`components.data.storage`).

    Raises :class:`ExtractMissing` when a bucket has no version that can be read."""
    env = os.environ.get(DATA_ENV)
    if env and storage.is_bucket(env):
        try:
            return storage.published(env)
        except storage.StorageError as exc:
            raise ExtractMissing("alle regio's", "huidig.json", str(exc)) from exc
    return Path(env) if env else DEFAULT_ROOT


def root_from_text(text: str) -> Root:
    """The root ``str(root)`` was made from (a cache key holds the text)."""
    if storage.is_bucket(text):
        location, _, version = text.rpartition("@")
        return storage.Published(location, version)
    return Path(text)


def _read_file(regio: str, filename: str, root: Root | None) -> bytes:
    """A file of a region's folder; FileNotFoundError when it is not there."""
    base = root or data_root()
    if isinstance(base, storage.Published):
        try:
            return base.read(regio, filename)
        except storage.StorageError as exc:
            raise ExtractMissing(regio, filename.removesuffix(".parquet"), str(exc)) from exc
    return (base / regio / filename).read_bytes()


def _expected_columns(name: str) -> dict[str, str]:
    if name in columns.REGION:
        return columns.REGION[name]
    if name in columns.SHARED:
        return columns.SHARED[name]
    raise KeyError(f"unknown extract {name!r}")


def list_regions(root: Root | None = None) -> list[str]:
    """Region ids that have prepared extracts (a folder with a manifest), sorted.

    Hidden folders are skipped: the preparation stages a region in ``.<regio>.tmp-…``
    before swapping it into place, and such a folder is never a region.
    """
    base = root or data_root()
    if isinstance(base, storage.Published):  # a publication holds whole regions only
        try:
            return [r for r in base.regions() if r != contract.SHARED_FOLDER]
        except storage.StorageError:
            return []
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


def read_manifest(regio: str, root: Root | None = None) -> dict:
    """The manifest the preparation wrote (rows, schema version, checksums, warnings)."""
    try:
        manifest = json.loads(_read_file(regio, MANIFEST, root).decode("utf-8"))
    except FileNotFoundError as exc:
        raise ExtractMissing(regio, MANIFEST, "het overzichtsbestand ontbreekt") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ExtractCorrupt(regio, MANIFEST, "het overzichtsbestand is geen geldige JSON") from exc
    if not isinstance(manifest, dict) or not isinstance(manifest.get("bestanden"), dict):
        raise ExtractCorrupt(
            regio, MANIFEST, "het overzichtsbestand heeft geen lijst van bestanden"
        )
    return manifest


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


def _read_verified(
    regio: str, name: str, root: Root | None, columns: list[str] | None
) -> pl.DataFrame:
    try:
        manifest = read_manifest(regio, root)
    except ExtractMissing as exc:
        if exc.reason == storage.UNREACHABLE:  # say which extract the page lacks
            raise ExtractMissing(regio, name, exc.reason) from exc
        raise
    version = manifest.get("schema_version")
    if version != contract.SCHEMA_VERSION:
        raise ExtractSchemaError(
            regio,
            name,
            f"voorbereid in formaatversie {version}, dit dashboard leest versie "
            f"{contract.SCHEMA_VERSION}",
        )
    entry = manifest["bestanden"].get(name)
    if not isinstance(entry, dict):
        raise ExtractMissing(regio, name, "het overzichtsbestand noemt dit bestand niet")
    try:
        data = _read_file(regio, f"{name}.parquet", root)  # what is checked is what is used
    except FileNotFoundError as exc:
        raise ExtractMissing(regio, name, f"het bestand {name}.parquet ontbreekt") from exc
    if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
        raise ExtractChanged(
            regio, name, "het controlegetal verschilt van dat in het overzichtsbestand"
        )
    try:
        _check_schema(regio, name, pl.Schema(pl.read_parquet_schema(io.BytesIO(data))))
        frame = pl.read_parquet(io.BytesIO(data), columns=columns)
    except ExtractError:
        raise
    except Exception as exc:  # polars raises several error types for a broken file
        raise ExtractCorrupt(regio, name, "het bestand is geen leesbaar Parquet-bestand") from exc
    if frame.height != entry.get("rijen"):
        raise ExtractChanged(
            regio,
            name,
            f"het bestand heeft {frame.height} rijen, het overzichtsbestand noemt er "
            f"{entry.get('rijen')}",
        )
    return frame


def read_extract(
    regio: str, name: str, root: Root | None = None, columns: list[str] | None = None
) -> pl.DataFrame:
    """One extract (optionally only some columns), verified against its manifest.

    The preparation replaces a region's folder in one step, but a read may fall between
    that step's manifest and files: a difference is therefore read once more before it is
    reported as a change.
    """
    try:
        return _read_verified(regio, name, root, columns)
    except ExtractChanged:
        return _read_verified(regio, name, root, columns)


def read_shared(name: str, root: Root | None = None) -> pl.DataFrame:
    """Read an extract shared by all regions (the glossary)."""
    return read_extract(contract.SHARED_FOLDER, name, root)
