"""Extracts from S3-compatible object storage (issue #22), against a real S3 endpoint on
loopback (moto in server mode): a publication becomes current whole or not at all, and a
bucket that cannot be reached gives the Dutch message of a missing extract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import boto3
import polars as pl
import pytest

from components.build import prepare
from components.data import extracts, storage
from tests import object_storage


@pytest.fixture
def bucket(monkeypatch):
    with object_storage.endpoint() as server:
        location = object_storage.location()
        monkeypatch.setenv(extracts.DATA_ENV, location)
        yield location, server


def prepared(sources: Path, out: Path) -> Path:
    prepare.prepare(sources, out)
    return out


def pointer(location: str) -> str:
    bucket, _, prefix = location.removeprefix("s3://").partition("/")
    body = boto3.client("s3").get_object(Bucket=bucket, Key=f"{prefix}/huidig.json")["Body"]
    return body.read().decode()


def test_the_preparation_publishes_and_the_app_reads_the_same_extracts(
    sources: Path, out: Path, bucket, capsys
) -> None:
    location, _ = bucket
    code = prepare.main(["--bronnen", str(sources), "--uit", str(out), "--publiceer", location])
    assert code == 0
    printed = capsys.readouterr().out
    assert f"gepubliceerd in {location} als versie " in printed
    assert extracts.list_regions() == ["testregio"]
    for name in ("regio", "kpis", "gebruik", "kerncijfers"):
        local = pl.read_parquet(out / "testregio" / f"{name}.parquet")
        assert extracts.read_extract("testregio", name).equals(local)
    assert extracts.read_shared("begrippen").height > 0


def test_a_publication_killed_halfway_never_becomes_current(
    sources: Path, out: Path, bucket, tmp_path: Path
) -> None:
    """The publisher is killed while it uploads: the bucket holds part of a new version,
    the pointer still names the old one, and readers get the old figures."""
    location, _ = bucket
    storage.publish(prepared(sources, out), location)
    before = pointer(location)
    naam = extracts.read_extract("testregio", "regio")["naam"][0]
    # A second publication with a large region last, so the kill lands mid-upload.
    big = out / "zz-groot"
    big.mkdir()
    (big / "manifest.json").write_text("{}", encoding="utf-8")
    (big / "groot.parquet").write_bytes(os.urandom(300 * 1024 * 1024))
    publisher = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; "
         "from components.data import storage; storage.publish(Path(sys.argv[1]), sys.argv[2])",
         str(out), location],
    )  # fmt: skip
    s3 = boto3.client("s3")
    bucket_name, _, prefix = location.removeprefix("s3://").partition("/")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        keys = s3.list_objects_v2(Bucket=bucket_name, Prefix=f"{prefix}/versies/")
        versions = {o["Key"].split("/")[2] for o in keys.get("Contents", [])}
        if len(versions) == 2:
            break
        time.sleep(0.05)
    assert len(versions) == 2, "the second publication did not start"
    publisher.kill()
    publisher.wait()
    assert pointer(location) == before
    current = storage.published(location, now=time.monotonic() + 3600)  # asked again
    assert current.version == json.loads(before)["versie"]
    assert extracts.read_extract("testregio", "regio", current)["naam"][0] == naam


def test_an_unreachable_bucket_gives_the_dutch_message_and_keeps_the_last_version(
    sources: Path, out: Path, bucket
) -> None:
    location, server = bucket
    storage.publish(prepared(sources, out), location)
    seen = extracts.data_root()
    assert extracts.read_extract("testregio", "regio", seen).height == 1
    server.kill()
    server.wait()
    # Past the pointer's lifetime the bucket is asked again, cannot answer, and the last
    # version seen stays current.
    assert storage.published(location, now=time.monotonic() + 3600) == seen
    with pytest.raises(extracts.ExtractMissing) as missing:
        extracts.read_extract("testregio", "kpis", seen)
    assert missing.value.message_nl().startswith(
        "Het gegevensbestand 'kpis' van deze regio is niet gevonden: de opslag van de cijfers "
        "is niet bereikbaar."
    )
    # A replica that never read the pointer has no version to fall back on.
    with pytest.raises(extracts.ExtractMissing) as nothing:
        os.environ[extracts.DATA_ENV] = object_storage.location()
        extracts.data_root()
    assert "de opslag van de cijfers is niet bereikbaar" in nothing.value.message_nl()


def test_nothing_published_yet_says_so(bucket) -> None:
    with pytest.raises(extracts.ExtractMissing) as missing:
        extracts.data_root()
    assert "er is nog niets gepubliceerd" in missing.value.message_nl()
