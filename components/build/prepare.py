"""The preparation command: sources (CSV/Excel) → validated Parquet extracts.

    python -m components.build.prepare [--regio ID ...] [--bronnen DIR] [--uit DIR] [--controleer]

Three steps, in this order, so a mistake in the sources never reaches the app:

1. **Validate everything in memory.** Every selected folder is read and checked against
   the extract contract and the cross-checks. Any issue: print them all, write nothing.
2. **Stage.** Per folder, write every extract and ``manifest.json`` into a hidden staging
   folder inside the output folder, then read each file back with the app's own reader.
3. **Publish.** Exchange each staged folder with the current one in one atomic step
   (:mod:`components.build.publish`). A failure or a crash at any step leaves every
   folder whole, old or new; what an interrupted run left is repaired by the next one.
   Steps 2 and 3 hold a lock on the output folder, so runs never interleave.

Output is reproducible: rows sorted by the contract's unique key, columns in contract
order, zstd compression, a manifest with sorted keys and no timestamps. ``--controleer``
rebuilds into a temporary folder and compares byte for byte with what is there.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import io
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandera.polars as pa
import polars as pl

from components.build import crosschecks, publish, schema
from components.build.files import Issue, display_path
from components.build.sources import load_folder
from components.data import disk, extracts, storage

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SOURCES = PROJECT_ROOT / "data" / "sources"
DEFAULT_OUT = PROJECT_ROOT / "data" / "extracts"
_FOLDER_NAME = re.compile(r"[a-z0-9-]+")


class PreparationFailed(Exception):
    """The sources have problems; nothing was written. ``issues`` says what and where."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = sorted(issues, key=Issue.sort_key)
        super().__init__(f"{len(self.issues)} probleem/problemen in de bronnen")


@dataclass
class RegionReport:
    """What was written for one folder."""

    rows: dict[str, int]
    warnings: list[str]


@dataclass
class PrepareReport:
    """The result of a run: per folder (region or ``algemeen``) rows and warnings."""

    regions: dict[str, RegionReport] = field(default_factory=dict)


@dataclass
class Prepared:
    """One folder, validated and ready to write."""

    name: str
    frames: dict[str, pl.DataFrame]
    hashes: dict[str, str]
    warnings: list[str]


# --- step 1: validate ------------------------------------------------------------------------


def _models(name: str) -> Mapping[str, type[pa.DataFrameModel]]:
    return schema.SHARED_EXTRACTS if name == schema.SHARED_FOLDER else schema.REGION_EXTRACTS


def select_folders(root: Path, regions: Sequence[str] | None) -> tuple[list[str], list[Issue]]:
    """The folders to prepare: the ones asked for, or every region plus ``algemeen``."""
    shown = display_path(root)
    if not root.is_dir():
        return [], [Issue.whole(shown, "de map met bronnen bestaat niet")]
    available = sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    if regions is None:
        names = [n for n in available if n != schema.SHARED_FOLDER] + [schema.SHARED_FOLDER]
    else:
        names = list(dict.fromkeys(regions))
    issues = []
    for name in names:
        if name not in available:
            listed = ", ".join(available) or "(geen)"
            issues.append(Issue.whole(f"{shown}/{name}", f"deze map bestaat niet; wel: {listed}"))
        elif not _FOLDER_NAME.fullmatch(name):
            expected = "een mapnaam (= regio-id) met alleen kleine letters, cijfers en -"
            issues.append(Issue.whole(f"{shown}/{name}", expected))
    return names, issues


def _sort_keys(model: type[pa.DataFrameModel]) -> list[str]:
    """The columns that identify a row, so output order does not depend on source order."""
    contract = model.to_schema()
    keys = list(contract.unique or [])
    keys += [n for n, c in contract.columns.items() if c.unique and n not in keys]
    return keys or list(contract.columns)


def finish_frame(frame: pl.DataFrame, model: type[pa.DataFrameModel]) -> pl.DataFrame:
    """Contract columns in contract order with contract types, rows sorted by the key."""
    dtypes = {n: getattr(pl, d) for n, d in schema.columns(model).items()}
    ordered = frame.select([pl.col(n).cast(t) for n, t in dtypes.items()])
    return ordered.sort(_sort_keys(model), nulls_last=True, maintain_order=True)


def validate_folder(root: Path, name: str) -> tuple[Prepared | None, list[Issue]]:
    """Read and check one folder completely; ``None`` when it has issues."""
    shared = name == schema.SHARED_FOLDER
    models = _models(name)
    required = tuple(models) if shared else schema.REQUIRED_SOURCES
    folder = load_folder(root, name, models, required, None if shared else name)
    issues = list(folder.issues)
    if not shared:
        issues += crosschecks.region_issues(folder.frames, folder.files, folder.clean)
    if issues:
        return None, issues
    warnings = [] if shared else crosschecks.region_warnings(folder.frames)
    frames = {n: finish_frame(folder.frames[n], m) for n, m in models.items()}
    return Prepared(name, frames, folder.hashes, warnings), []


def validate(root: Path, regions: Sequence[str] | None = None) -> list[Prepared]:
    """Validate every selected folder; raise :class:`PreparationFailed` with all issues."""
    names, issues = select_folders(root, regions)
    if issues:
        raise PreparationFailed(issues)
    prepared = []
    for name in names:
        result, found = validate_folder(root, name)
        issues += found
        if result is not None:
            prepared.append(result)
    if issues:
        raise PreparationFailed(issues)
    return prepared


# --- step 2: stage --------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_parquet(frame: pl.DataFrame, path: Path) -> None:
    """One extract; fixed settings so the same frame always gives the same bytes.

    Written to memory first and then to disk by Python, so a full disk or a missing
    permission is an ``OSError`` with its reason (Polars reports it as a ComputeError).
    """
    buffer = io.BytesIO()
    frame.write_parquet(buffer, compression="zstd", compression_level=9, statistics=True)
    publish.write_file(path, buffer.getvalue())


def manifest(prepared: Prepared, folder: Path) -> dict:
    """What the folder holds: rows, checksums and columns per file, sources, warnings."""
    return {
        "schema_version": schema.SCHEMA_VERSION,
        "regio": prepared.name,
        "bestanden": {
            name: {
                "rijen": frame.height,
                "sha256": _sha256(folder / f"{name}.parquet"),
                "kolommen": frame.columns,
            }
            for name, frame in prepared.frames.items()
        },
        "bronbestanden": prepared.hashes,
        "waarschuwingen": prepared.warnings,
    }


def manifest_text(content: dict) -> str:
    """The manifest as stable text: sorted keys, indent 2, a final newline."""
    return json.dumps(content, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _verify(prepared: Prepared, out: Path, staged: Path) -> None:
    """Read every staged file back with the app's reader; any difference is a failure."""
    for name, frame in prepared.frames.items():
        back = extracts.read_extract(staged.name, name, root=out)
        if not back.equals(frame):
            raise extracts.ExtractCorrupt(
                prepared.name, name, "het teruggelezen bestand wijkt af van wat geschreven is"
            )
    extracts.read_manifest(staged.name, root=out)


def stage(prepared: Prepared, out: Path) -> Path:
    """Write one folder into a hidden staging folder inside ``out`` and check it."""
    staged = publish.staging_folder(out, prepared.name)
    try:
        for name, frame in prepared.frames.items():
            write_parquet(frame, staged / f"{name}.parquet")
        text = manifest_text(manifest(prepared, staged))
        publish.write_file(staged / extracts.MANIFEST, text.encode("utf-8"))
        _verify(prepared, out, staged)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return staged


# --- step 3: publish ------------------------------------------------------------------------


def prepare(sources: Path, out: Path, regions: list[str] | None = None) -> PrepareReport:
    """Validate the sources, then publish the extracts of every selected folder.

    What an interrupted run left is repaired first, even when these sources turn out to
    have issues. Raises :class:`PreparationFailed` (nothing written) when the sources have
    issues, and ``OSError`` (nothing changed) when a file cannot be written.
    """
    if out.is_dir():
        with publish.lock(out):
            publish.recover(out)
    prepared = validate(sources, regions)
    staged: dict[str, Path] = {}
    with publish.lock(out):
        publish.recover(out)
        try:
            # Stage every folder before publishing any: a write error leaves all as they were.
            for item in prepared:
                publish.check_target(out / item.name)
            for item in prepared:
                staged[item.name] = stage(item, out)
            for item in prepared:
                publish.publish(staged.pop(item.name), out / item.name)
        finally:
            for leftover in staged.values():
                shutil.rmtree(leftover, ignore_errors=True)
    return PrepareReport(
        {
            p.name: RegionReport({n: f.height for n, f in p.frames.items()}, p.warnings)
            for p in prepared
        }
    )


# --- --controleer ---------------------------------------------------------------------------


def _file_differences(built: Path, existing: Path) -> list[str]:
    """Differences between a freshly built folder and the one in place."""
    shown = display_path(existing)
    if not existing.is_dir():
        return [f"{shown}: ontbreekt (de bronnen leveren deze map op)"]
    new = {p.name for p in built.iterdir()}
    old = {p.name for p in existing.iterdir()}
    lines = [f"{shown}/{n}: ontbreekt" for n in sorted(new - old)]
    lines += [
        f"{shown}/{n}: hoort er niet (de bronnen leveren dit niet op)" for n in sorted(old - new)
    ]
    for name in sorted(new & old):
        fresh, current = (built / name).read_bytes(), (existing / name).read_bytes()
        if fresh != current:
            lines.append(f"{shown}/{name}: verschilt van wat de bronnen opleveren")
            if name == extracts.MANIFEST:
                lines += _manifest_diff(current, fresh)
    return lines


def _manifest_diff(current: bytes, fresh: bytes) -> list[str]:
    """The changed manifest lines, so a reviewer sees which counts or checksums moved."""
    diff = difflib.unified_diff(
        current.decode("utf-8", "replace").splitlines(),
        fresh.decode("utf-8", "replace").splitlines(),
        "huidig",
        "opnieuw gebouwd",
        n=0,
        lineterm="",
    )
    return ["    " + line for line in diff]


def check(sources: Path, out: Path, regions: list[str] | None = None) -> list[str]:
    """Rebuild into a temporary folder and list every byte difference with ``out``."""
    with tempfile.TemporaryDirectory(prefix="jeugdhulp-controle-") as tmp:
        built = Path(tmp)
        report = prepare(sources, built, regions)
        lines = []
        for name in report.regions:
            lines += _file_differences(built / name, out / name)
        if regions is None and out.is_dir():
            stale = set(extracts.list_regions(out)) - set(report.regions)
            lines += [
                f"{display_path(out / n)}: staat bij de extracten maar heeft geen bronnen"
                for n in sorted(stale)
            ]
        return lines


# --- command line ---------------------------------------------------------------------------


class _DutchHelp(argparse.HelpFormatter):
    """argparse's help with Dutch headings."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix or "gebruik: ")


def parser() -> argparse.ArgumentParser:
    """The command-line interface, in Dutch."""
    cli = argparse.ArgumentParser(
        prog="python -m components.build.prepare",
        description=(
            "Zet de bronnen van een regio (CSV of Excel in data/sources/<regio>/) om in "
            "gecontroleerde Parquet-extracten (data/extracts/<regio>/). Eerst wordt alles "
            "gecontroleerd; bij een fout wordt niets geschreven."
        ),
        epilog=(
            "Afsluitcode 0: gelukt. Afsluitcode 1: fouten in de bronnen (op stderr, met "
            "bestand, rij en kolom) of, met --controleer, verschillen."
        ),
        formatter_class=_DutchHelp,
        add_help=False,
    )
    cli._optionals.title = "opties"
    cli.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    cli.add_argument(
        "--regio",
        action="append",
        metavar="ID",
        help="alleen deze regio (mag vaker); zonder --regio: alle regio's plus 'algemeen'",
    )
    cli.add_argument(
        "--bronnen",
        type=Path,
        default=DEFAULT_SOURCES,
        metavar="MAP",
        help="map met een submap per regio (standaard: data/sources)",
    )
    cli.add_argument(
        "--uit",
        type=Path,
        default=DEFAULT_OUT,
        metavar="MAP",
        help="map voor de extracten (standaard: data/extracts)",
    )
    cli.add_argument(
        "--publiceer",
        metavar="S3-LOCATIE",
        help="zet de extracten daarna als nieuwe versie in een bucket (s3://bucket/map) en "
        "maak die de huidige; eindpunt en sleutels uit de AWS-omgevingsvariabelen",
    )
    cli.add_argument(
        "--controleer",
        action="store_true",
        help="schrijf niets; bouw opnieuw en vergelijk byte voor byte met de map --uit",
    )
    return cli


def _print_report(report: PrepareReport, out: Path) -> None:
    for name, region in report.regions.items():
        total = sum(region.rows.values())
        target = display_path(out / name)
        count = len(region.rows)
        print(f"{name}: {count} extract{'en' if count != 1 else ''}, {total} rijen → {target}")
        for warning in region.warnings:
            print(f"waarschuwing ({name}): {warning}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code."""
    args = parser().parse_args(argv)
    try:
        if args.controleer:
            differences = check(args.bronnen, args.uit, args.regio)
            for line in differences:
                print(line, file=sys.stderr)
            if differences:
                print(f"{len(differences)} verschil(len) met {args.uit}.", file=sys.stderr)
                return 1
            print("De extracten komen byte voor byte overeen met de bronnen.")
            return 0
        _print_report(prepare(args.bronnen, args.uit, args.regio), args.uit)
        if args.publiceer:
            version = storage.publish(args.uit, args.publiceer)
            print(f"gepubliceerd in {args.publiceer} als versie {version}; die is nu de huidige")
        return 0
    except storage.StorageError as error:
        print(
            f"Publiceren mislukt: {error}. De vorige versie in de bucket blijft de huidige.",
            file=sys.stderr,
        )
        return 1
    except PreparationFailed as failed:
        for issue in failed.issues:
            print(issue.message(), file=sys.stderr)
        print(
            f"{len(failed.issues)} {'probleem' if len(failed.issues) == 1 else 'problemen'} "
            "gevonden; er is niets geschreven.",
            file=sys.stderr,
        )
        return 1
    except OSError as error:
        where = error.filename or args.uit
        print(
            f"Schrijven naar {where} mislukt: {disk.reason(error)}. De vorige extracten zijn "
            "ongewijzigd.",
            file=sys.stderr,
        )
        return 1
    except extracts.ExtractError as error:
        print(
            f"Het teruglezen van {error} is mislukt. De vorige extracten zijn ongewijzigd.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
