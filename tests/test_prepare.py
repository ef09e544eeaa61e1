"""The preparation command on good sources: what it writes, that it is reproducible and atomic.

Also the command line (``--controleer``, exit codes, Dutch help) and the pure cross-checks.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from components.build import crosschecks, prepare, publish, schema
from components.build.prepare import PreparationFailed
from components.data import extracts

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REGION = "testregio"
#: The fixture's provider counts do not add up, like regio Alkmaar's (DOMAIN.md).
FIXTURE_WARNINGS = [
    "aanbieders_aantallen jeugd 2024 (telt aanbieders, bron info-2024): de percelen tellen op "
    "tot 46 (ambulant 30 + verblijf 10 + combinatie 6), maar het totaal is 40.",
    "aanbieders_aantallen jeugd 2024 (telt aanbieders, bron info-2024): de deelpercelen van "
    "ambulant tellen op tot 37, meer dan de 30 van het perceel (een aanbieder kan meer "
    "deelpercelen hebben).",
]
ROWS = {
    "bronnen": 3,
    "regio": 1,
    "kerncijfers": 3,
    "aanbieders_aantallen": 10,
    "aanbiedersregister": 3,
    "overeenkomsten": 3,
    "perioden": 6,
    "fasen": 3,
    "doelen": 3,
    "kpis": 2,
    "kwadranten": 4,
    "escalatie": 3,
    "segmenten": 2,
    "kosten": 3,
    "kosteneffecten": 2,
    "kostenaannames": 102,
    "vragen": 2,
    "verschillen": 1,
    "begrippen_regio": 2,
    "productcodes": 3,
    "gebruik": 32,
    "budget": 4,
}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _parquet_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.parquet"))}


def _rewrite_csv(path: Path, change: Callable[[list[list[str]]], list[list[str]]]) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(change(rows))
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _csv_to_xlsx(path: Path) -> None:
    """Save a CSV source as Excel would: numbers and dates as typed cells."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(rows[0])
    for row in rows[1:]:
        cells: list[object] = []
        for text in row:
            value: object = text or None
            for parse in (int, float, dt.date.fromisoformat):
                try:
                    value = parse(text)
                    break
                except ValueError:
                    continue
            cells.append(value)
        sheet.append(cells)
    workbook.save(path.with_suffix(".xlsx"))
    path.unlink()


# --- a successful run ---------------------------------------------------------------------------


def test_run_writes_every_extract_with_row_counts_and_warnings(
    sources: Path, tmp_path: Path
) -> None:
    out = tmp_path / "extracts"

    report = prepare.prepare(sources, out)

    assert list(report.regions) == [REGION, schema.SHARED_FOLDER]
    assert report.regions[REGION].rows == ROWS
    assert report.regions[REGION].warnings == FIXTURE_WARNINGS
    assert report.regions[schema.SHARED_FOLDER].rows == {"begrippen": 3}
    assert sorted(p.name for p in (out / REGION).iterdir()) == sorted(
        [f"{n}.parquet" for n in schema.REGION_EXTRACTS] + ["manifest.json"]
    )
    assert sorted(p.name for p in out.iterdir()) == [
        publish.LOCK_FILE,
        schema.SHARED_FOLDER,
        REGION,
    ]
    assert extracts.list_regions(out) == [REGION]


def test_manifest_describes_files_sources_and_warnings(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "extracts"
    prepare.prepare(sources, out)

    manifest = extracts.read_manifest(REGION, root=out)

    assert manifest["schema_version"] == schema.SCHEMA_VERSION
    assert manifest["regio"] == REGION
    assert manifest["waarschuwingen"] == FIXTURE_WARNINGS
    assert list(manifest["bestanden"]) == sorted(schema.REGION_EXTRACTS)
    for name, entry in manifest["bestanden"].items():
        assert entry["rijen"] == ROWS[name]
        assert entry["sha256"] == _sha256(out / REGION / f"{name}.parquet")
        assert entry["kolommen"] == list(schema.columns(schema.REGION_EXTRACTS[name]))
    assert manifest["bronbestanden"] == {
        f"{REGION}/{name}.csv": _sha256(sources / REGION / f"{name}.csv")
        for name in sorted(schema.REGION_EXTRACTS)
    }
    text = (out / REGION / "manifest.json").read_text(encoding="utf-8")
    assert text == json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    shared = extracts.read_manifest(schema.SHARED_FOLDER, root=out)
    assert shared["bestanden"]["begrippen"]["rijen"] == 3
    assert shared["waarschuwingen"] == []


def test_extracts_hold_the_source_values_typed_and_sorted(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "extracts"
    prepare.prepare(sources, out)

    perioden = extracts.read_extract(REGION, "perioden", root=out)
    kwadranten = extracts.read_extract(REGION, "kwadranten", root=out)
    regio = extracts.read_extract(REGION, "regio", root=out)

    assert perioden["regio"].unique().to_list() == [REGION]  # filled from the folder name
    assert perioden.select("overeenkomst_id", "start").rows()[:3] == [
        ("crisisdienst", dt.date(2019, 1, 1)),
        ("crisisdienst", dt.date(2024, 1, 1)),
        ("jeugd-ambulant", dt.date(2022, 1, 1)),
    ]
    assert perioden.filter(pl.col("soort") == "overdracht")["einde"].to_list() == [None]
    # kwadranten.csv is a Dutch Excel export: semicolons and decimal commas.
    assert kwadranten["aandeel_budget"].to_list() == [35.5, 20.0, 24.5, 20.0]
    assert kwadranten["producten"][0] == "Behandeling, diagnostiek"
    assert regio.row(0, named=True)["fictief"] is True
    assert regio["aantal_gemeenten"].to_list() == [3]
    register = extracts.read_extract(REGION, "aanbiedersregister", root=out)
    assert "Stichting Thuis, Jeugd en Gezin" in register["aanbieder"].to_list()


def test_absent_extract_is_written_empty_with_its_columns(sources: Path, tmp_path: Path) -> None:
    (sources / REGION / "segmenten.csv").unlink()
    out = tmp_path / "extracts"

    report = prepare.prepare(sources, out)

    segmenten = extracts.read_extract(REGION, "segmenten", root=out)
    assert segmenten.height == 0
    assert segmenten.columns == list(schema.columns(schema.Segmenten))
    assert report.regions[REGION].rows["segmenten"] == 0
    assert f"{REGION}/segmenten.csv" not in extracts.read_manifest(REGION, out)["bronbestanden"]


def test_only_the_asked_region_is_prepared(
    sources: Path, tmp_path: Path, copy_region: Callable[[str], Path]
) -> None:
    copy_region("tweede-regio")
    out = tmp_path / "extracts"

    report = prepare.prepare(sources, out, ["tweede-regio"])

    assert list(report.regions) == ["tweede-regio"]
    assert sorted(p.name for p in out.iterdir()) == [publish.LOCK_FILE, "tweede-regio"]
    assert extracts.read_extract("tweede-regio", "bronnen", root=out)["regio"][0] == "tweede-regio"


# --- reproducible -------------------------------------------------------------------------------


def test_second_run_gives_identical_bytes(
    sources: Path, out: Path, snapshot: Callable[[Path], dict[str, str]]
) -> None:
    before = snapshot(out)

    prepare.prepare(sources, out)

    assert snapshot(out) == before


def test_source_row_order_does_not_change_the_extract(
    sources: Path, out: Path, tmp_path: Path
) -> None:
    _rewrite_csv(sources / REGION / "perioden.csv", lambda rows: [rows[0], *rows[:0:-1]])
    _rewrite_csv(
        sources / REGION / "aanbieders_aantallen.csv", lambda rows: [rows[0], *rows[:0:-1]]
    )
    shuffled = tmp_path / "shuffled"

    prepare.prepare(sources, shuffled)

    assert _parquet_bytes(shuffled / REGION) == _parquet_bytes(out / REGION)


def test_excel_and_bom_sources_give_the_same_extracts(
    sources: Path, out: Path, tmp_path: Path
) -> None:
    for name in ("kosten", "perioden", "regio"):
        _csv_to_xlsx(sources / REGION / f"{name}.csv")
    bronnen = sources / REGION / "bronnen.csv"
    bronnen.write_bytes(b"\xef\xbb\xbf" + bronnen.read_bytes())
    rebuilt = tmp_path / "rebuilt"

    prepare.prepare(sources, rebuilt)

    assert (sources / REGION / "kosten.xlsx").is_file()
    assert _parquet_bytes(rebuilt / REGION) == _parquet_bytes(out / REGION)


def test_a_formatted_cell_at_the_far_corner_of_a_sheet_changes_nothing(
    sources: Path, out: Path, tmp_path: Path
) -> None:
    """Excel keeps a cell someone once formatted, even at XFD1048576: the sheet's used area is
    then 17 billion cells. The preparation reads the cells stored, not the area."""
    path = sources / REGION / "kosten.csv"
    _csv_to_xlsx(path)
    workbook = openpyxl.load_workbook(path.with_suffix(".xlsx"))
    workbook.active["XFD1048576"].number_format = "0.00"
    workbook.save(path.with_suffix(".xlsx"))
    assert openpyxl.load_workbook(path.with_suffix(".xlsx")).active.max_row == 1_048_576
    rebuilt = tmp_path / "rebuilt"

    prepare.prepare(sources, rebuilt)

    assert _parquet_bytes(rebuilt / REGION) == _parquet_bytes(out / REGION)


def test_dutch_excel_numbers_with_thousands_dots_give_the_same_extracts(
    sources: Path, out: Path, tmp_path: Path
) -> None:
    """kosten.csv saved by Dutch Excel with a thousands format: 35.000.000,5 is 35000000.5."""
    for name, column in (("kosten", "bedrag"), ("aanbieders_aantallen", "aantal")):
        path = sources / REGION / f"{name}.csv"
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        at = rows[0].index(column)
        for row in rows[1:]:
            whole, _, fraction = row[at].partition(".")
            grouped = f"{int(whole):,}".replace(",", ".") if whole else ""
            row[at] = grouped + ("," + fraction if fraction else "")
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";", lineterminator="\n").writerows(rows)
        path.write_text(buffer.getvalue(), encoding="utf-8")
    assert "35.000.000,5" in (sources / REGION / "kosten.csv").read_text(encoding="utf-8")
    rebuilt = tmp_path / "rebuilt"

    prepare.prepare(sources, rebuilt)

    kosten = extracts.read_extract(REGION, "kosten", root=rebuilt)
    assert 35000000.5 in kosten["bedrag"].to_list()
    assert _parquet_bytes(rebuilt / REGION) == _parquet_bytes(out / REGION)


def test_excel_percent_cells_give_percent_values(sources: Path, out: Path, tmp_path: Path) -> None:
    """A share typed as 35,5% in Excel is stored as 0.355; the extract holds 35.5."""
    source = sources / REGION / "kwadranten.csv"
    rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8")), delimiter=";"))
    shares = [rows[0].index("aandeel_budget"), rows[0].index("aandeel_clienten")]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(rows[0])
    for number, row in enumerate(rows[1:], start=2):
        sheet.append(
            [float(v.replace(",", ".")) / 100 if i in shares else v for i, v in enumerate(row)]
        )
        for i in shares:
            sheet.cell(number, i + 1).number_format = "0.0%"
    workbook.save(source.with_suffix(".xlsx"))
    source.unlink()
    rebuilt = tmp_path / "rebuilt"

    prepare.prepare(sources, rebuilt)

    kwadranten = extracts.read_extract(REGION, "kwadranten", root=rebuilt)
    assert kwadranten["aandeel_budget"].to_list() == [35.5, 20.0, 24.5, 20.0]
    assert _parquet_bytes(rebuilt / REGION) == _parquet_bytes(out / REGION)


# --- atomic -------------------------------------------------------------------------------------


def test_read_back_failure_leaves_previous_extracts(
    sources: Path,
    out: Path,
    snapshot: Callable[[Path], dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = snapshot(out)

    def unreadable(regio: str, name: str, root: Path | None = None) -> pl.DataFrame:
        raise extracts.ExtractCorrupt(regio, name, "het bestand is geen leesbaar Parquet-bestand")

    monkeypatch.setattr(extracts, "read_extract", unreadable)

    with pytest.raises(extracts.ExtractCorrupt):
        prepare.prepare(sources, out)

    assert snapshot(out) == before


def test_bad_sources_write_nothing_into_an_empty_folder(sources: Path, tmp_path: Path) -> None:
    (sources / REGION / "regio.csv").unlink()
    out = tmp_path / "extracts"

    with pytest.raises(PreparationFailed):
        prepare.prepare(sources, out)

    assert not out.exists()


# --- --controleer and the command line ----------------------------------------------------------


def test_check_passes_on_a_fresh_build(sources: Path, out: Path) -> None:
    assert prepare.check(sources, out) == []
    assert prepare.main(["--bronnen", str(sources), "--uit", str(out), "--controleer"]) == 0


def test_check_fails_and_names_the_altered_file(
    sources: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kosten = out / REGION / "kosten.parquet"
    frame = pl.read_parquet(kosten).with_columns(pl.col("bedrag") * 2)
    frame.write_parquet(kosten, compression="zstd")

    code = prepare.main(["--bronnen", str(sources), "--uit", str(out), "--controleer"])

    assert code == 1
    err = capsys.readouterr().err
    assert f"{REGION}/kosten.parquet: verschilt van wat de bronnen opleveren" in err
    assert "manifest.json" not in err  # only the altered file differs
    assert "1 verschil(len)" in err


def test_check_names_a_changed_source_in_the_manifest(
    sources: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _rewrite_csv(sources / REGION / "kosten.csv", lambda rows: rows[:-1])

    assert prepare.main(["--bronnen", str(sources), "--uit", str(out), "--controleer"]) == 1

    err = capsys.readouterr().err
    assert f"{REGION}/kosten.parquet: verschilt" in err
    assert f"{REGION}/manifest.json: verschilt" in err
    assert '+      "rijen": 2,' in err


def test_committed_extracts_equal_what_the_sources_build() -> None:
    """The extracts in the repository are exactly what the preparation command makes."""
    committed = PROJECT_ROOT / "data" / "extracts"
    if not any(committed.glob(f"*/{extracts.MANIFEST}")):
        pytest.skip("data/extracts heeft nog geen manifest: er zijn nog geen extracten gecommit")

    assert prepare.check(PROJECT_ROOT / "data" / "sources", committed) == []


def _run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "components.build.prepare", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=env,
        timeout=120,
        check=False,
    )


def test_cli_good_sources_exit_0(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "extracts"

    result = _run_cli("--bronnen", str(sources), "--uit", str(out))

    assert result.returncode == 0, result.stderr
    assert f"{REGION}: 22 extracten, 197 rijen" in result.stdout
    assert f"waarschuwing ({REGION}): {FIXTURE_WARNINGS[0]}" in result.stderr
    assert (out / REGION / "manifest.json").is_file()


def test_cli_bad_sources_exit_1_with_message_on_stderr(sources: Path, out: Path) -> None:
    _rewrite_csv(
        sources / REGION / "perioden.csv",
        lambda rows: [*rows[:4], [*rows[4][:8], "2021-13-01", *rows[4][9:]], *rows[5:]],
    )
    before = _parquet_bytes(out / REGION)

    result = _run_cli("--bronnen", str(sources), "--uit", str(out), "--regio", REGION)

    assert result.returncode == 1
    assert (
        f"{REGION}/perioden.csv, rij 5, kolom 'einde': gevonden '2021-13-01', "
        "verwacht een bestaande datum als JJJJ-MM-DD" in result.stderr
    )
    assert "1 probleem gevonden; er is niets geschreven." in result.stderr
    assert result.stdout == ""
    assert _parquet_bytes(out / REGION) == before


def test_help_is_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        prepare.main(["--help"])

    assert done.value.code == 0
    text = " ".join(capsys.readouterr().out.split())  # as read, whatever the line width
    assert text.startswith("gebruik: python -m components.build.prepare")
    assert "alleen deze regio (mag vaker)" in text
    assert "vergelijk byte voor byte" in text
    assert "zet de extracten daarna als nieuwe versie in een bucket" in text


# --- cross-checks as pure functions -------------------------------------------------------------


def _aantallen(rows: list[tuple]) -> pl.DataFrame:
    columns = [
        "jaar",
        "domein",
        "perceel",
        "deelperceel",
        "grootteklasse",
        "aantal",
        "telt",
        "bron",
    ]
    return pl.DataFrame(rows, schema=columns, orient="row")


def test_provider_counts_that_add_up_give_no_warning() -> None:
    frame = _aantallen(
        [
            (2024, "jeugd", None, None, None, 205, "aanbieders", "nora"),
            (2024, "jeugd", "ambulant", None, None, 167, "aanbieders", "nora"),
            (2024, "jeugd", "verblijf", None, None, 38, "aanbieders", "nora"),
            (2024, "jeugd", None, None, "groot", 12, "aanbieders", "nora"),
            (2024, "jeugd", None, None, "klein", 124, "aanbieders", "nora"),
            (2024, "jeugd", None, None, "vrijgevestigd", 69, "aanbieders", "nora"),
        ]
    )

    assert crosschecks.provider_count_warnings(frame) == []


def test_alkmaar_provider_counts_are_warned_about() -> None:
    """The published 2024 figures: 167 + 38 + 26 combinatie is not 205 (DOMAIN.md)."""
    frame = _aantallen(
        [
            (2024, "jeugd", None, None, None, 205, "aanbieders", "nora"),
            (2024, "jeugd", "combinatie", None, None, 26, "aanbieders", "nora"),
            (2024, "jeugd", "ambulant", None, None, 167, "aanbieders", "nora"),
            (2024, "jeugd", "verblijf", None, None, 38, "aanbieders", "nora"),
            (2024, "jeugd", None, None, "groot", 12, "aanbieders", "nora"),
            (2024, "jeugd", None, None, "klein", 124, "aanbieders", "nora"),
            (2024, "jeugd", None, None, "vrijgevestigd", 60, "aanbieders", "nora"),
        ]
    )

    assert crosschecks.provider_count_warnings(frame) == [
        "aanbieders_aantallen jeugd 2024 (telt aanbieders, bron nora): de percelen tellen op tot "
        "231 (ambulant 167 + verblijf 38 + combinatie 26), maar het totaal is 205.",
        "aanbieders_aantallen jeugd 2024 (telt aanbieders, bron nora): de grootteklassen tellen "
        "op tot 196 (groot 12 + klein 124 + vrijgevestigd 60), maar het totaal is 205.",
    ]


def test_register_is_compared_with_published_totals_only_when_both_exist() -> None:
    register = pl.DataFrame(
        {
            "jaar": [2024, 2024, 2024],
            "aanbieder_id": ["a1", "a1", "a2"],
            "domein": ["jeugd"] * 3,
            "perceel": ["ambulant", "verblijf", "ambulant"],
            "grootteklasse": ["klein", "groot", "klein"],
        }
    )
    totals = _aantallen([(2024, "jeugd", None, None, None, 3, "aanbieders", "nora")])
    other_year = _aantallen([(2023, "jeugd", None, None, None, 3, "aanbieders", "nora")])

    assert crosschecks.register_warnings(register, totals) == [
        "aanbiedersregister: aanbieder 'a1' heeft meer dan één grootteklasse (groot, klein).",
        "aanbiedersregister jeugd 2024 (totaal): 2 verschillende aanbieders, maar "
        "aanbieders_aantallen noemt 3 (bron nora).",
    ]
    assert (
        crosschecks.register_warnings(register.filter(pl.col("aanbieder_id") == "a2"), other_year)
        == []
    )


def test_municipality_count_against_the_list() -> None:
    regio = pl.DataFrame({"gemeenten": ["Alkmaar; Bergen; Castricum"], "aantal_gemeenten": [7]})

    assert crosschecks.municipality_warnings(regio) == [
        "regio: aantal_gemeenten is 7, maar bij gemeenten staan er 3 (Alkmaar, Bergen, Castricum)."
    ]


def test_overlap_check_counts_rows_from_2_without_row_numbers() -> None:
    perioden = pl.DataFrame(
        {
            "overeenkomst_id": ["a", "a", "b"],
            "soort": ["looptijd", "looptijd", "overdracht"],
            "start": [dt.date(2023, 1, 1), dt.date(2024, 1, 1), dt.date(2023, 1, 1)],
            "einde": [dt.date(2025, 12, 31), dt.date(2026, 12, 31), None],
        }
    )

    issues = crosschecks.check_overlaps(perioden, "perioden.csv")

    assert [i.message() for i in issues] == [
        "perioden.csv, rij 3, kolom 'start': gevonden '2024-01-01', verwacht een start na "
        "2025-12-31: deze periode overlapt met rij 2 van overeenkomst 'a'"
    ]
