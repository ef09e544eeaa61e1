"""Extracts in S3-compatible object storage, published as whole versions (pure: no
Streamlit).

``JEUGDHULP_DATA=s3://bucket/prefix`` makes the app read its extracts from a bucket; the
endpoint and credentials come from the usual AWS environment variables
(``AWS_ENDPOINT_URL``, ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``, ``AWS_REGION``).

The layout makes a publication atomic for every reader:

    prefix/versies/<versie>/<regio>/<extract>.parquet, manifest.json   never changed again
    prefix/huidig.json                                                  {"versie": "<versie>"}

:func:`publish` uploads a prepared folder (every region in it) under a new version,
checks that every object arrived with the size and checksum its manifest names, and only
then writes the small pointer ``huidig.json``; one PUT replaces it whole. A publication
that fails or is killed before that leaves the old version current, and its objects are
never read. A reader resolves the pointer (:func:`published`), at most every
:data:`POINTER_SECONDS`, and reads every extract of a page run from that one version, so a
page never mixes two publications. When the bucket cannot be reached, the last version
seen stays in use (what is cached keeps being served); an extract that must be fetched
then gives :class:`components.data.extracts.ExtractMissing`, with a Dutch message.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SCHEME = "s3://"
POINTER = "huidig.json"
VERSIONS = "versies"
#: How long a reader trusts the pointer it read: a new publication reaches every replica
#: within this many seconds.
POINTER_SECONDS = 15.0
UNREACHABLE = "de opslag van de cijfers is niet bereikbaar"


class StorageError(Exception):
    """The bucket cannot be read or written; ``str()`` is a Dutch reason."""


def is_bucket(location: str) -> bool:
    return location.startswith(SCHEME)


def _client():
    import boto3  # only a deployment that reads a bucket needs it
    from botocore.config import Config

    # Short timeouts and no long retry chain: a page waits seconds at most for a bucket
    # that is down, and then says so.
    config = Config(connect_timeout=2, read_timeout=10, retries={"max_attempts": 2})
    return boto3.client("s3", config=config)


def _split(location: str) -> tuple[str, str]:
    bucket, _, prefix = location[len(SCHEME) :].partition("/")
    return bucket, prefix.strip("/")


@dataclass(frozen=True)
class Published:
    """One published version in a bucket: where its extracts are read from."""

    location: str  # s3://bucket/prefix
    version: str

    def __str__(self) -> str:
        return f"{self.location}@{self.version}"

    def _key(self, *parts: str) -> str:
        _, prefix = _split(self.location)
        return "/".join(p for p in (prefix, VERSIONS, self.version, *parts) if p)

    def read(self, *parts: str) -> bytes:
        """The object ``versies/<versie>/<parts…>``; FileNotFoundError when it is not there,
        :class:`StorageError` when the bucket cannot be reached."""
        bucket, _ = _split(self.location)
        try:
            return _client().get_object(Bucket=bucket, Key=self._key(*parts))["Body"].read()
        except Exception as exc:
            if _missing(exc):
                raise FileNotFoundError(self._key(*parts)) from exc
            raise StorageError(UNREACHABLE) from exc

    def regions(self) -> list[str]:
        """The folders of this version (regions and the shared folder)."""
        bucket, _ = _split(self.location)
        prefix = self._key() + "/"
        try:
            pages = (
                _client()
                .get_paginator("list_objects_v2")
                .paginate(Bucket=bucket, Prefix=prefix, Delimiter="/")
            )
            return sorted(
                p["Prefix"][len(prefix) :].strip("/")
                for page in pages
                for p in page.get("CommonPrefixes", [])
            )
        except Exception as exc:
            raise StorageError(UNREACHABLE) from exc


def _missing(exc: Exception) -> bool:
    code = getattr(exc, "response", {}).get("Error", {}).get("Code", "")
    return code in ("NoSuchKey", "404", "NotFound")


_lock = threading.Lock()
_seen: dict[str, tuple[float, str]] = {}  # location → (when read, version)


def published(location: str, *, now: float | None = None) -> Published:
    """The current version of ``location``: the pointer, read again at most every
    :data:`POINTER_SECONDS`. When the bucket cannot be reached the last version seen stays
    current; :class:`StorageError` when none was ever seen (or nothing is published)."""
    now = time.monotonic() if now is None else now
    with _lock:
        seen = _seen.get(location)
        if seen and now - seen[0] < POINTER_SECONDS:
            return Published(location, seen[1])
    bucket, prefix = _split(location)
    key = f"{prefix}/{POINTER}" if prefix else POINTER
    try:
        body = _client().get_object(Bucket=bucket, Key=key)["Body"].read()
        version = json.loads(body)["versie"]
    except Exception as exc:
        if seen:  # keep serving the last good publication
            with _lock:
                _seen[location] = (now, seen[1])
            return Published(location, seen[1])
        reason = "er is nog niets gepubliceerd" if _missing(exc) else UNREACHABLE
        raise StorageError(reason) from exc
    with _lock:
        _seen[location] = (now, version)
    return Published(location, version)


def _new_version() -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{stamp}-{secrets.token_hex(4)}"


def _files(folder: Path) -> list[tuple[str, Path]]:
    """Every region folder's files, as (relative key, path): the regions with a manifest
    and nothing hidden (no staging folder, no lock file)."""
    return sorted(
        (f"{region.name}/{path.name}", path)
        for region in folder.iterdir()
        if region.is_dir()
        and not region.name.startswith(".")
        and (region / "manifest.json").is_file()
        for path in region.iterdir()
        if path.is_file() and not path.name.startswith(".")
    )


def publish(folder: Path, location: str) -> str:
    """Upload the prepared ``folder`` to ``location`` as a new version and make it current;
    returns the version. Nothing changes for readers unless every object arrived whole."""
    if not is_bucket(location):
        raise StorageError(f"'{location}' is geen bucket: schrijf s3://bucket/map")
    bucket, prefix = _split(location)
    target = Published(location, _new_version())
    files = _files(folder)
    if not files:
        raise StorageError(f"in {folder} staan geen voorbereide regio's")
    client = _client()
    expected: dict[str, str] = {}
    try:
        for key, path in files:
            data = path.read_bytes()
            expected[key] = hashlib.sha256(data).hexdigest()
            client.put_object(Bucket=bucket, Key=target._key(key), Body=data)
        # What a reader will get, checked before it can get it.
        for key in expected:
            arrived = client.get_object(Bucket=bucket, Key=target._key(key))["Body"].read()
            if hashlib.sha256(arrived).hexdigest() != expected[key]:
                raise StorageError(f"{key} kwam niet heel aan in de bucket")
        pointer = json.dumps({"versie": target.version}).encode()
        client.put_object(
            Bucket=bucket, Key=f"{prefix}/{POINTER}" if prefix else POINTER, Body=pointer
        )
    except StorageError:
        raise
    except Exception as exc:
        raise StorageError(f"publiceren naar {location} mislukt: {exc}") from exc
    return target.version
