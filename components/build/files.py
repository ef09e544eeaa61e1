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
import errno
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
            where += f", {label} " + ", ".join(f"'{visible(n)}'" for n in names)
        if self.found is None:
            return f"{where}: {self.expected}"
        shown = "een lege cel" if self.found == "" else f"'{visible(self.found)}'"
        return f"{where}: gevonden {shown}, verwacht {self.expected}"

    @classmethod
    def whole(cls, file: str, expected: str) -> Issue:
        """A problem with a whole file or folder (no row, column or value to name)."""
        return cls(file, None, None, None, expected)

    def sort_key(self) -> tuple[str, int, str]:
        """Order issues by file, then row, so the output reads top to bottom."""
        return (self.file, self.row or 0, self.column or "")


#: Characters a terminal does not show: controls, format characters (zero-width space,
#: byte-order mark) and spaces other than the plain one.
_INVISIBLE = re.compile(
    r"[^\S ]|[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]"
)


def visible(text: str, limit: int = 200) -> str:
    r"""Text for a message with what a reader cannot see written out, and cut when long.

    'gepubliceerd' with a zero-width space after it would read as the expected value.

    >>> visible("gepubliceerd\u200b"), visible("\ufeffbron")
    ('gepubliceerd<U+200B>', '<U+FEFF>bron')
    """
    shown = _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)
    return shown if len(shown) <= limit else f"{shown[:limit]}… ({len(text)} tekens)"


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
    except (ValueError, OSError, RuntimeError):  # outside the folder; a link that loops
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
        if "field larger than field limit" in str(exc):
            limit = f"{csv.field_size_limit():,}".replace(",", ".")
            expected = f"cellen van hooguit {limit} tekens; deze regel heeft een langere"
        else:
            expected = "een leesbare CSV-regel; controleer de aanhalingstekens"
        issues.append(Issue(file, len(rows) + 1, None, None, expected))
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


def _stored(sheet) -> dict[tuple[int, int], object]:
    """The cells a sheet holds, by (row, column).

    openpyxl keeps only the cells in the file; ``iter_rows`` would visit every cell of the
    used range instead, and one stray space in cell XFD3000 makes that 49 million cells.
    """
    return sheet._cells  # openpyxl's own store of the cells that exist


def read_excel(path: Path, file: str) -> Table:
    """All rows of the first sheet as the text Excel shows, numbered as Excel numbers them.

    Numbers are read with the Dutch rules (a typed 1,5 is '1,5'), as a user sees them. What
    the sheet does not show as one value per cell is refused, never read as something
    else: a cell merged into another (empty to a program), a formula without a saved
    result (empty until Excel calculates it) and an error value such as #DIV/0!. A hidden
    first sheet is refused too: its figures would be published without anyone seeing them.
    """
    try:
        workbook = openpyxl.load_workbook(path, data_only=True)
        formulas = openpyxl.load_workbook(path).worksheets[0]
    except Exception as exc:  # openpyxl raises many types for a file that is not xlsx
        reason = type(exc).__name__
        expected = f"een Excel-bestand (.xlsx) dat geopend kan worden ({reason})"
        return Table([], issues=[Issue.whole(file, expected)])
    sheet = workbook.worksheets[0]
    if sheet.sheet_state != "visible":
        expected = (
            f"de gegevens op het eerste werkblad, zichtbaar; dat werkblad ('{sheet.title}') is "
            "verborgen: maak het zichtbaar of verwijder het, zodat u ziet wat er gelezen wordt"
        )
        return Table([], issues=[Issue.whole(file, expected)])
    cells, formula_cells = _stored(sheet), _stored(formulas)
    filled = [k for k, c in cells.items() if c.value is not None and str(c.value).strip()]
    filled += [key for key, cell in formula_cells.items() if cell.data_type == "f"]
    last_row = max((row for row, _ in filled), default=0)
    last_column = max((column for _, column in filled), default=0)
    rows: dict[int, dict[int, object]] = {}
    for (row, column), cell in cells.items():
        if row <= last_row:
            rows.setdefault(row, {})[column] = cell
    table = Table([], decimal_comma=True)
    for number in range(1, last_row + 1):
        row = rows.get(number, {})
        width = max(row, default=0)
        table.rows.append(
            (number, [_excel_text(row[c].value, row[c].number_format) if c in row else ""
                      for c in range(1, width + 1)])
        )  # fmt: skip
        for column, cell in row.items():
            if _is_percent(cell.value, cell.number_format):
                table.percent.add((number, column - 1))
            if cell.data_type == "e":  # Excel's own error value, such as #DIV/0!
                table.refused[(number, column - 1)] = (
                    f"een waarde; de cel toont de Excel-fout {cell.value}"
                )
    for merged in sheet.merged_cells.ranges:
        anchor = merged.coord.split(":")[0]
        for row in range(merged.min_row, min(merged.max_row, last_row) + 1):
            for column in range(merged.min_col, min(merged.max_col, last_column) + 1):
                if (row, column) != (merged.min_row, merged.min_col):
                    table.refused[(row, column - 1)] = (
                        f"een eigen waarde in elke cel; deze cel is samengevoegd met {anchor} "
                        f"({merged.coord}): maak de samenvoeging ongedaan en vul elke cel in"
                    )
    for (row, column), cell in formula_cells.items():
        shown = cells.get((row, column))
        if cell.data_type == "f" and (shown is None or shown.value is None):
            formula = str(getattr(cell.value, "text", cell.value))
            table.refused[(row, column - 1)] = (
                f"een opgeslagen waarde; de cel heeft een formule ({formula[:60]}) zonder "
                "uitkomst: open het bestand in Excel en sla het op, of typ de waarde in"
            )
    workbook.close()
    return table


_READ_REASONS = {
    errno.ENOENT: "het bestand bestaat niet (of is een link naar een bestand dat er niet is)",
    errno.ELOOP: "het is een link die naar zichzelf blijft wijzen",
    errno.EACCES: "geen leesrechten",
    errno.EPERM: "geen leesrechten",
    errno.EISDIR: "het is een map",
}


def read_table(source: Source) -> Table:
    """A source file as text rows, whatever its format; a file that cannot be read is an
    issue that says why."""
    try:
        if source.path.suffix.lower() == ".xlsx":
            source.path.stat()  # openpyxl would hide the reason behind its own error
            return read_excel(source.path, source.file)
        return read_csv(source.path, source.file)
    except OSError as error:
        reason = _READ_REASONS.get(error.errno, error.strerror or type(error).__name__)
        return Table([], issues=[Issue.whole(source.file, f"een leesbaar bestand; {reason}")])
