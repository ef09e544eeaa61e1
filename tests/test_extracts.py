"""The extract reader: a broken extract gives a typed error and a Dutch message, no traceback."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import polars as pl
import pytest

from components.build import schema
from components.data import extracts
from components.data.vocabulary import SCHEMA_VERSION

REGION = "testregio"


def test_good_extract_reads_with_contract_columns(out: Path) -> None:
    kosten = extracts.read_extract(REGION, "kosten", root=out)

    assert kosten.columns == list(schema.columns(schema.Kosten))
    assert kosten["bedrag"].to_list() == [33_500_000.0, 35_000_000.5, 34_000_000.0]


def test_scan_reads_only_the_columns_asked_for(out: Path) -> None:
    frame = extracts.read_extract(REGION, "kosten", root=out, columns=["jaar", "bedrag"])

    assert frame.columns == ["jaar", "bedrag"]


def test_missing_file_names_the_file_in_dutch(out: Path) -> None:
    (out / REGION / "kosten.parquet").unlink()

    with pytest.raises(extracts.ExtractMissing) as missing:
        extracts.read_extract(REGION, "kosten", root=out)

    message = missing.value.message_nl()
    assert message.startswith(
        "Het gegevensbestand 'kosten' van deze regio is niet gevonden: "
        "het bestand kosten.parquet ontbreekt."
    )
    assert "python -m components.build.prepare" in message


def _sign(out: Path, name: str, rows: int | None = None) -> None:
    """Write the file's checksum (and a row count) into the manifest, as a tamperer could."""
    path = out / REGION / extracts.MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    entry = manifest["bestanden"][name]
    entry["sha256"] = hashlib.sha256((out / REGION / f"{name}.parquet").read_bytes()).hexdigest()
    if rows is not None:
        entry["rijen"] = rows
    path.write_text(json.dumps(manifest), encoding="utf-8")


def test_a_file_changed_after_the_preparation_is_not_shown(out: Path) -> None:
    path = out / REGION / "kosten.parquet"
    frame = pl.read_parquet(path).with_columns(pl.col("bedrag") * 10)
    frame.write_parquet(path)  # right columns and types, other figures

    with pytest.raises(extracts.ExtractChanged) as changed:
        extracts.read_extract(REGION, "kosten", root=out)

    assert changed.value.message_nl().startswith(
        "Het gegevensbestand 'kosten' van deze regio is gewijzigd na de voorbereiding: het "
        "controlegetal verschilt van dat in het overzichtsbestand."
    )


def test_a_row_count_that_differs_from_the_manifest_is_a_change(out: Path) -> None:
    _sign(out, "kosten", rows=4)

    with pytest.raises(extracts.ExtractChanged) as changed:
        extracts.read_extract(REGION, "kosten", root=out)

    assert "het bestand heeft 3 rijen, het overzichtsbestand noemt er 4" in (
        changed.value.message_nl()
    )


def test_extracts_of_another_schema_version_are_refused(out: Path) -> None:
    path = out / REGION / extracts.MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(manifest | {"schema_version": "1.0"}), encoding="utf-8")

    with pytest.raises(extracts.ExtractSchemaError) as wrong:
        extracts.read_extract(REGION, "kosten", root=out)

    assert f"voorbereid in formaatversie 1.0, dit dashboard leest versie {SCHEMA_VERSION}" in (
        wrong.value.message_nl()
    )


@pytest.mark.parametrize("content", ["[]", '{"regio": "testregio"}', '{"bestanden": 3}'])
def test_a_manifest_without_its_list_of_files_is_corrupt(out: Path, content: str) -> None:
    (out / REGION / extracts.MANIFEST).write_text(content, encoding="utf-8")

    with pytest.raises(extracts.ExtractCorrupt) as corrupt:
        extracts.read_extract(REGION, "kosten", root=out)

    assert "het overzichtsbestand heeft geen lijst van bestanden" in corrupt.value.message_nl()


def test_truncated_parquet_is_corrupt(out: Path) -> None:
    path = out / REGION / "kosten.parquet"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    _sign(out, "kosten")

    with pytest.raises(extracts.ExtractCorrupt) as corrupt:
        extracts.read_extract(REGION, "kosten", root=out)

    assert "is beschadigd: het bestand is geen leesbaar Parquet-bestand" in (
        corrupt.value.message_nl()
    )


def test_text_instead_of_parquet_is_corrupt(out: Path) -> None:
    (out / REGION / "kosten.parquet").write_text("jaar;bedrag\n2024;12\n", encoding="utf-8")
    _sign(out, "kosten")

    with pytest.raises(extracts.ExtractCorrupt):
        extracts.read_extract(REGION, "kosten", root=out)


def test_damaged_data_with_a_good_footer_is_corrupt(out: Path) -> None:
    """The schema still reads; the damage only shows when the rows are read."""
    path = out / REGION / "perioden.parquet"
    data = bytearray(path.read_bytes())
    for offset in range(8, len(data) // 2):  # the data pages, well before the footer
        data[offset] = 0xFF
    path.write_bytes(bytes(data))
    _sign(out, "perioden")

    with pytest.raises(extracts.ExtractCorrupt) as corrupt:
        extracts.read_extract(REGION, "perioden", root=out)

    assert "is beschadigd: het bestand is geen leesbaar Parquet-bestand" in (
        corrupt.value.message_nl()
    )


def test_non_utf8_manifest_is_corrupt(out: Path) -> None:
    (out / REGION / extracts.MANIFEST).write_bytes(b'{"regio": "\xff\xfe"}')

    with pytest.raises(extracts.ExtractCorrupt) as corrupt:
        extracts.read_manifest(REGION, root=out)

    assert "het overzichtsbestand is geen geldige JSON" in corrupt.value.message_nl()


def test_missing_manifest_is_missing(out: Path) -> None:
    (out / REGION / extracts.MANIFEST).unlink()

    with pytest.raises(extracts.ExtractMissing):
        extracts.read_manifest(REGION, root=out)


def _rewrite(out: Path, name: str, change: pl.Expr | list[pl.Expr] | None, drop: str = "") -> None:
    path = out / REGION / f"{name}.parquet"
    frame = pl.read_parquet(path)
    if drop:
        frame = frame.drop(drop)
    if change is not None:
        frame = frame.with_columns(change)
    frame.write_parquet(path)
    _sign(out, name)


def test_dropped_column_is_a_schema_error_naming_it(out: Path) -> None:
    _rewrite(out, "kosten", None, drop="bedrag")

    with pytest.raises(extracts.ExtractSchemaError) as wrong:
        extracts.read_extract(REGION, "kosten", root=out)

    assert "niet volgens het afgesproken formaat: kolom(men) ontbreken: bedrag" in (
        wrong.value.message_nl()
    )


def test_changed_dtype_is_a_schema_error_naming_the_column(out: Path) -> None:
    _rewrite(out, "kosten", pl.col("jaar").cast(pl.Int32))

    with pytest.raises(extracts.ExtractSchemaError) as wrong:
        extracts.read_extract(REGION, "kosten", root=out)

    assert "kolom 'jaar' heeft type Int32, verwacht Int64" in wrong.value.message_nl()


def test_extra_column_is_a_schema_error(out: Path) -> None:
    _rewrite(out, "kosten", pl.lit("x").alias("opmerking"))

    with pytest.raises(extracts.ExtractSchemaError) as wrong:
        extracts.read_extract(REGION, "kosten", root=out)

    assert "onbekende kolom(men): opmerking" in wrong.value.message_nl()


def test_list_regions_skips_folders_without_manifest(out: Path) -> None:
    (out / "halve-regio").mkdir()
    (out / "halve-regio" / "kosten.parquet").write_bytes(b"")
    staging = out / ".andere-regio.tmp-abcd"
    staging.mkdir()
    (staging / extracts.MANIFEST).write_text("{}", encoding="utf-8")

    assert extracts.list_regions(out) == [REGION]


def test_list_regions_of_a_missing_folder_is_empty(tmp_path: Path) -> None:
    assert extracts.list_regions(tmp_path / "bestaat-niet") == []
