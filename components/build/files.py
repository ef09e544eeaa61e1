"""The source files of a region: found, and read as text cells (pure: no writing).

A region brings its figures as ``<extract>.csv`` or ``<extract>.xlsx`` files in
``data/sources/<regio>/``. This module finds them and reads every cell as text, with the
row number as the user counts it (the header is row 1), so that the checks in
:mod:`components.build.sources` can name the file, row, column and value of a problem:
an :class:`Issue`, in Dutch.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pandera.polars as pa

SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class Issue:
    """One problem in the sources, located as precisely as we can.

    ``row`` is the row as the user sees it (header = 1) and ``column`` the column name;
    both are ``None`` for a problem with a whole file or folder. ``found`` is the value as
    it stands in the source (``""`` for an empty cell), or ``None`` when ``expected``
    already says everything.
    """

    file: str
    row: int | None
    column: str | None
    found: str | None
    expected: str

    def message(self) -> str:
        """The Dutch line printed for the user."""
        where = self.file
        if self.row is not None:
            where += f", rij {self.row}"
        if self.column is not None:
            names = self.column.split(", ")
            label = "kolom" if len(names) == 1 else "kolommen"
            where += f", {label} " + ", ".join(f"'{n}'" for n in names)
        if self.found is None:
            return f"{where}: {self.expected}"
        shown = "een lege cel" if self.found == "" else f"'{self.found}'"
        return f"{where}: gevonden {shown}, verwacht {self.expected}"

    @classmethod
    def whole(cls, file: str, expected: str) -> Issue:
        """A problem with a whole file or folder (no row, column or value to name)."""
        return cls(file, None, None, None, expected)

    def sort_key(self) -> tuple[str, int, str]:
        """Order issues by file, then row, so the output reads top to bottom."""
        return (self.file, self.row or 0, self.column or "")


@dataclass(frozen=True)
class Source:
    """One source file: which extract it holds and how to name it to the user."""

    name: str
    path: Path
    file: str
    rel: str

    def sha256(self) -> str:
        """Checksum of the file as it was read, for the manifest."""
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


@dataclass
class Table:
    """A source as text: every row (header included) with its row number, as the user counts."""

    rows: list[tuple[int, list[str]]]
    decimal_comma: bool = False
    issues: list[Issue] = field(default_factory=list)
    #: Cells (row, column index) whose text is not what the user sees, with what was
    #: expected instead: Excel's merged cells and formulas without a saved result.
    refused: dict[tuple[int, int], str] = field(default_factory=dict)
    #: Cells formatted as a percentage in Excel: their text is the percentage (× 100).
    percent: set[tuple[int, int]] = field(default_factory=set)


def display_path(path: Path) -> str:
    """A path for messages: relative to the working folder when inside it, forward slashes."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def name_list(names: list[str] | tuple[str, ...]) -> str:
    return ", ".join(names)


# --- finding the files -------------------------------------------------------------------


def _ignored(path: Path) -> bool:
    """Hidden files, Excel lock files and notes beside the sources are not sources."""
    return path.name.startswith((".", "~$")) or path.suffix.lower() == ".md"


def find_sources(
    folder: Path, models: Mapping[str, type[pa.DataFrameModel]], root: Path
) -> tuple[dict[str, Source], list[Issue]]:
    """The source file of each extract in ``folder``; unknown or doubled files are issues."""
    found: dict[str, list[Path]] = {}
    issues: list[Issue] = []
    allowed = name_list([f"{n}.csv" for n in models])
    for path in sorted(folder.iterdir()):
        if _ignored(path):
            continue
        stem, suffix = path.stem, path.suffix.lower()
        if path.is_dir() or suffix not in SUFFIXES or stem not in models:
            issues.append(
                Issue.whole(
                    display_path(path),
                    "deze bestandsnaam is geen extract; toegestaan zijn (als .csv of .xlsx): "
                    + allowed,
                )
            )
            continue
        found.setdefault(stem, []).append(path)
    sources: dict[str, Source] = {}
    for name, paths in found.items():
        if len(paths) > 1:
            issues.append(
                Issue.whole(
                    display_path(folder),
                    f"'{name}' staat er dubbel in ({name_list([p.name for p in paths])}); "
                    "verwacht één bestand per extract, verwijder er één",
                )
            )
            continue
        path = paths[0]
        sources[name] = Source(name, path, display_path(path), path.relative_to(root).as_posix())
    return sources, issues


# --- reading text cells ----------------------------------------------------------------------


def _decode(data: bytes, file: str) -> tuple[str | None, list[Issue]]:
    """UTF-8 text (a BOM is fine), or an issue naming the row with the first bad byte."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start]
        return None, [
            Issue(
                file,
                row,
                None,
                None,
                f"het bestand is geen UTF-8 (onleesbaar teken, byte 0x{byte:02x}); "
                "sla het bestand op als UTF-8 (in Excel: 'CSV UTF-8')",
            )
        ]


def _sniff_delimiter(text: str) -> str:
    """Semicolon when the header line has more of them than commas (Dutch Excel)."""
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


def read_csv(path: Path, file: str) -> Table:
    """All rows of a CSV file as stripped text, numbered from 1 (the header)."""
    text, issues = _decode(path.read_bytes(), file)
    if text is None:
        return Table([], issues=issues)
    delimiter = _sniff_delimiter(text)
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # Rows are counted as records (as Excel shows them), header = row 1.
        for number, cells in enumerate(reader, start=1):
            rows.append((number, [c.strip() for c in cells]))
    except csv.Error as exc:
        issues.append(Issue(file, len(rows) + 1, None, None, f"onleesbare CSV-regel ({exc})"))
    return Table(rows, decimal_comma=delimiter == ";", issues=issues)


def _is_percent(value: object, number_format: str) -> bool:
    """A number shown as a percentage (a '%' inside quotes or after a backslash is text)."""
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    return numeric and "%" in re.sub(r'"[^"]*"|\\.', "", number_format)


def _excel_text(value: object, number_format: str = "General") -> str:
    """An Excel cell as the text Dutch Excel shows (ISO dates, a decimal comma, no ',0').

    A cell formatted as a percentage shows 13,5% but holds 0.135; the official means 13.5,
    which is what a percent column in the contract holds.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if _is_percent(value, number_format):
        value = round(value * 100, 10)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return repr(value).replace(".", ",")  # read with the Dutch rules, as shown
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def read_excel(path: Path, file: str) -> Table:
    """All rows of the first sheet as the text Excel shows, numbered as Excel numbers them.

    Numbers are read with the Dutch rules (a typed 1,5 is '1,5'), as a user sees them. What
    the sheet does not show as one value per cell is refused, never read as something
    else: a cell merged into another (empty to a program), a formula without a saved
    result (empty until Excel calculates it) and an error value such as #DIV/0!.
    """
    try:
        workbook = openpyxl.load_workbook(path, data_only=True)
        formulas = openpyxl.load_workbook(path).worksheets[0]
    except Exception as exc:  # openpyxl raises many types for a file that is not xlsx
        reason = type(exc).__name__
        expected = f"een Excel-bestand (.xlsx) dat geopend kan worden ({reason})"
        return Table([], issues=[Issue.whole(file, expected)])
    sheet = workbook.worksheets[0]
    table = Table([], decimal_comma=True)
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        table.rows.append((number, [_excel_text(c.value, c.number_format) for c in cells]))
        for index, cell in enumerate(cells):
            if _is_percent(cell.value, cell.number_format):
                table.percent.add((number, index))
            if cell.data_type == "e":  # Excel's own error value, such as #DIV/0!
                table.refused[(number, index)] = (
                    f"een waarde; de cel toont de Excel-fout {cell.value}"
                )
    for merged in sheet.merged_cells.ranges:
        anchor = merged.coord.split(":")[0]
        for row, column in list(merged.cells)[1:]:
            table.refused[(row, column - 1)] = (
                f"een eigen waarde in elke cel; deze cel is samengevoegd met {anchor} "
                f"({merged.coord}): maak de samenvoeging ongedaan en vul elke cel in"
            )
    for cells in formulas.iter_rows():
        for cell in cells:
            shown = sheet.cell(cell.row, cell.column).value
            if cell.data_type == "f" and shown is None:
                formula = str(getattr(cell.value, "text", cell.value))
                table.refused[(cell.row, cell.column - 1)] = (
                    f"een opgeslagen waarde; de cel heeft een formule ({formula[:60]}) zonder "
                    "uitkomst: open het bestand in Excel en sla het op, of typ de waarde in"
                )
    workbook.close()
    return table


def read_table(source: Source) -> Table:
    """A source file as text rows, whatever its format."""
    if source.path.suffix.lower() == ".xlsx":
        return read_excel(source.path, source.file)
    return read_csv(source.path, source.file)
