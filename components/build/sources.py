"""Reading and checking one region's sources (pure: no Streamlit, no writing).

A region brings its figures as ``<extract>.csv`` or ``<extract>.xlsx`` files in
``data/sources/<regio>/`` (found and read as text by :mod:`components.build.files`). This
module turns one such folder into typed Polars frames that follow the extract contract
(:mod:`components.build.schema`), or into a list of :class:`Issue`s that tell a municipal
official exactly which cell to fix, in Dutch.

Every cell is read as text first and then parsed per column type, so a failure can name
the file, the row as the user sees it in Excel or a text editor (the header is row 1),
the column, the value found and what was expected. Checks that pandera does (allowed
values, minimum values, id patterns, unique keys) are mapped to the same format. Checks
that span rows or extracts live in :mod:`components.build.crosschecks`.

Each frame carries an extra column ``_rij`` with the source row number of each row, so
cross-checks can point at rows too; the preparation drops it before writing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandera.polars as pa
import polars as pl

from components.build import privacy, schema
from components.build.files import (
    Issue,
    Source,
    Table,
    display_path,
    find_sources,
    name_list,
    read_table,
)

#: Column with the source row number (header = row 1); never written to an extract.
ROW = "_rij"
#: How many rows we look through for a header that sits below a title row.
HEADER_SEARCH_ROWS = 15
EMPTY_SHOWN = "(leeg)"

# ASCII digits only: Python's \d would also accept Arabic-Indic and full-width digits.
_INT = re.compile(r"[+-]?[0-9]+")
_FLOAT_DOT = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
_FLOAT_COMMA = re.compile(r"[+-]?([0-9]+(,[0-9]*)?|,[0-9]+)([eE][+-]?[0-9]+)?")
#: Dutch thousands dots, in groups of three: 1.234.567 or 1.234,5.
_GROUPED = re.compile(r"[+-]?[1-9][0-9]{0,2}(\.[0-9]{3})+(,[0-9]+)?")
#: One dot before three digits: a thousands dot (1.500 = 1500) or a decimal point (1,5).
_AMBIGUOUS = re.compile(r"[+-]?[1-9][0-9]{0,2}\.[0-9]{3}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DUTCH_DATE = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})")
#: Dates and numbers a page, a chart and a slide can show (a timeline to 9999 cannot).
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
LARGEST = 1e15
#: Control characters (other than tab and line breaks) and the two non-characters: no
#: document can hold them (PowerPoint's XML refuses them) and no reader can see them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_TRUE = frozenset({"true", "waar", "ja"})
_FALSE = frozenset({"false", "onwaar", "nee"})
#: What a whole-number column holds, where "zoals 1500" would be no help ('K1', '2023-Q1').
WHOLE_NUMBERS = {
    "kwartaal": "een kwartaal als geheel getal: 1, 2, 3 of 4 (niet 'K1' of 'Q1')",
    "jaar": "een jaar als geheel getal, zoals 2025",
}
_ID_PATTERNS = {
    schema.CATEGORY_PATTERN: (
        "de landelijke productcategorie in twee cijfers, zoals 45 (jeugdhulp ambulant) of 43 "
        "(jeugdhulp met verblijf)"
    ),
    r"^[a-z0-9-]+$": "alleen kleine letters, cijfers en -",
    r"^[a-z0-9_]+$": "alleen kleine letters, cijfers en _",
    schema.FUNDING_PATTERN: (
        "één of meer van: " + ", ".join(schema.FUNDING_MODELS) + ", gescheiden door ';' "
        "zonder spaties, zoals pxq;taakgericht"
    ),
}


def expected_columns(model: type[pa.DataFrameModel]) -> list[str]:
    """The contract's column names in order."""
    return list(schema.columns(model))


# --- the header ---------------------------------------------------------------------------


def _is_empty(cells: list[str]) -> bool:
    return all(c == "" for c in cells)


def _misplaced_header(rows: list[tuple[int, list[str]]], expected: list[str]) -> int | None:
    """The row holding the column names when row 1 does not (a title row above them)."""
    wanted = set(expected)
    if len(set(rows[0][1]) & wanted) * 2 >= len(wanted):
        return None  # row 1 is the header, perhaps with typos: checked name by name
    for number, cells in rows[1:HEADER_SEARCH_ROWS]:
        if len(set(cells) & wanted) * 2 >= len(wanted):
            return number
    return None


@dataclass
class Header:
    """Where each contract column sits in the source rows."""

    positions: dict[str, int]
    width: int
    #: Positions with an empty header cell: their cells must stay empty.
    unnamed: list[int]


def check_header(
    source: Source, table: Table, expected: list[str], optional: set[str]
) -> tuple[Header | None, list[Issue]]:
    """Find the columns; a missing, unknown, doubled or misplaced header is an issue."""
    listed = name_list([name for name in expected if name not in optional])
    if not table.rows or all(_is_empty(cells) for _, cells in table.rows):
        empty = (
            "het eerste werkblad is leeg"
            if source.path.suffix.lower() == ".xlsx"
            else "het bestand is leeg"
        )
        return None, [
            Issue.whole(source.file, f"{empty}; verwacht in rij 1 de kolomnamen: {listed}")
        ]
    moved = _misplaced_header(table.rows, expected)
    if moved is not None:
        return None, [
            Issue(
                source.file,
                moved,
                None,
                None,
                f"de kolomnamen staan in rij {moved}; "
                "verwacht in rij 1, verwijder de rijen erboven",
            )
        ]
    cells = table.rows[0][1]
    issues: list[Issue] = []
    positions: dict[str, int] = {}
    hinted: set[str] = set()  # a missing column already named as what a header meant
    for index, name in enumerate(cells):
        if name == "":
            continue  # an unnamed column may only hold empty cells (see data_rows)
        if name in positions:
            issues.append(
                Issue(source.file, 1, name, None, "deze kolomnaam staat er meer dan eens")
            )
        elif name not in expected:
            meant = _meant(name, expected)
            hinted.add(meant or "")
            hint = (
                f"bedoelt u '{meant}' (kleine letters, _ in plaats van een spatie)? "
                if meant
                else ""
            )
            issues.append(
                Issue(
                    source.file,
                    1,
                    name,
                    None,
                    f"onbekende kolom; {hint}verwacht de kolommen: {listed}",
                )
            )
        positions.setdefault(name, index)
    for name in expected:
        if name not in positions and name not in optional and name not in hinted:
            issues.append(
                Issue(
                    source.file,
                    1,
                    name,
                    None,
                    f"deze kolom ontbreekt in rij 1; verwacht de kolommen: {listed}",
                )
            )
    unnamed = [index for index, name in enumerate(cells) if name == ""]
    return (None if issues else Header(positions, len(cells), unnamed)), issues


def data_rows(
    source: Source, table: Table, header: Header
) -> tuple[list[tuple[int, list[str]]], list[Issue]]:
    """The non-empty rows below the header; a row with too many or too few cells is an issue."""
    rows: list[tuple[int, list[str]]] = []
    issues: list[Issue] = []
    is_excel = source.path.suffix.lower() == ".xlsx"
    for number, cells in table.rows[1:]:
        if _is_empty(cells):
            continue  # blank lines and Excel's empty trailing rows
        if not is_excel and len(cells) != header.width:
            issues.append(
                Issue(
                    source.file,
                    number,
                    None,
                    None,
                    f"{len(cells)} waarden gevonden, verwacht {header.width}: één per kolom "
                    "van rij 1 (controleer scheidingstekens en aanhalingstekens)",
                )
            )
            continue
        # Excel pads every row to the widest one, so only the header's width counts.
        cells = (cells + [""] * header.width)[: header.width]
        stray = [
            Issue(
                source.file, number, None, cells[i], f"een lege cel: kolom {i + 1} heeft geen naam"
            )
            for i in header.unnamed
            if cells[i]
        ]
        if stray:
            issues += stray
            continue
        rows.append((number, cells))
    return rows, issues


# --- typed parsing ----------------------------------------------------------------------------


def _meant(name: str, expected: list[str]) -> str | None:
    """The contract column a header means when only case, spaces or dashes differ."""
    plain = re.sub(r"[\s-]+", "_", name.strip().lower())
    return next((column for column in expected if column == plain), None)


def _parse(
    text: str, dtype: str, decimal_comma: bool, column: str = ""
) -> tuple[object, str | None]:
    """(value, None) or (None, what was expected) for one non-empty cell of ``column``."""
    if dtype == "String":
        if found := _CONTROL.search(text):
            return None, (
                f"tekst zonder stuurtekens; op plaats {found.start() + 1} staat "
                f"U+{ord(found.group()):04X}, dat geen letter of teken is"
            )
        return text, None
    if dtype == "Int64":
        if decimal_comma and _GROUPED.fullmatch(text) and "," not in text:
            text = text.replace(".", "")  # 1.500 in a whole-number column: only 1500 fits
        # A whole number beyond 64 bits would not fit the extract's column (Int64).
        if _INT.fullmatch(text) and -(2**63) <= (number := int(text)) < 2**63:
            return number, None
        return None, WHOLE_NUMBERS.get(column, "een geheel getal, zoals 1500") + (
            " of 1.500" if decimal_comma and column not in WHOLE_NUMBERS else ""
        )
    if dtype == "Float64":
        return _float(text, decimal_comma)
    if dtype == "Date":
        if not _DATE.fullmatch(text):
            return None, "een datum als JJJJ-MM-DD" + _dutch_date(text)
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            return None, "een bestaande datum als JJJJ-MM-DD"
        if not FIRST_DAY <= day <= LAST_DAY:
            return None, f"een datum van {FIRST_DAY.year} tot en met {LAST_DAY.year}"
        return day, None
    if dtype == "Boolean":
        lowered = text.lower()
        if lowered in _TRUE or lowered in _FALSE:
            return lowered in _TRUE, None
        return None, "true of false (of waar/onwaar, ja/nee)"
    raise ValueError(f"no parser for dtype {dtype}")


def _dutch_date(text: str) -> str:
    """'; bedoelt u 2022-03-31?' for a date written the Dutch way (31-03-2022, 1-1-2022)."""
    found = _DUTCH_DATE.fullmatch(text)
    if found is None:
        return ""
    day, month, year = (int(part) for part in found.groups())
    try:
        return f"; bedoelt u {dt.date(year, month, day).isoformat()}?"
    except ValueError:
        return ""


def _float(text: str, decimal_comma: bool) -> tuple[float | None, str | None]:
    """A number as written in a source; a form that could mean two numbers is refused.

    In a file with ';' between the columns (Dutch Excel) the comma is the decimal sign and
    dots may group thousands (1.234.567,5). There '1.500', one dot before three digits,
    could be 1500 or 1,5: it is refused with both readings, never guessed. Elsewhere the
    dot is the decimal sign, as in every CSV written by a program.
    """
    if decimal_comma and _AMBIGUOUS.fullmatch(text):
        whole, part = text.split(".")
        small = f"{whole},{part.rstrip('0')}".rstrip(",")
        return None, (
            f"een getal dat maar één ding kan betekenen: met een duizendtalpunt is het "
            f"{whole}{part}, met een decimaalpunt {small}; schrijf {whole}{part} of {small}"
        )
    if decimal_comma and _GROUPED.fullmatch(text):
        text = text.replace(".", "")
    if _FLOAT_DOT.fullmatch(text) or (decimal_comma and _FLOAT_COMMA.fullmatch(text)):
        number = float(text.replace(",", "."))
        if abs(number) >= LARGEST:  # 1e400 would be infinity; no figure here is near 10^15
            return None, "een getal met hooguit 15 cijfers voor de komma"
        return number, None
    if decimal_comma:
        return None, "een getal, zoals 1234,5 of 1.234,5 (of 1234.5)"
    return None, "een getal met een punt als decimaalteken, zoals 1234.5 (zonder duizendtalteken)"


@dataclass
class Parsed:
    """A source as a typed frame, with the raw text kept to quote it in messages."""

    source: Source
    frame: pl.DataFrame
    raw: dict[str, list[str]]
    bad_cells: set[tuple[int, str]]
    issues: list[Issue]


def parse_rows(
    source: Source,
    rows: list[tuple[int, list[str]]],
    header: Header,
    model: type[pa.DataFrameModel],
    table: Table,
    regio: str | None,
) -> Parsed:
    """Parse every cell per its contract type; each bad cell becomes one issue.

    A cell the table refuses (Excel: merged, a formula without result) is an issue, and so
    is a cell formatted as a percentage where the contract holds no percentage: 35,5% on
    an amount would silently become 35.5.
    """
    dtypes = schema.columns(model)
    nullable = schema.nullable_columns(model)
    raw: dict[str, list[str]] = {}
    values: dict[str, list[object]] = {}
    issues: list[Issue] = []
    bad: set[tuple[int, str]] = set()
    unit_at = header.positions.get("eenheid")
    units = [cells[unit_at] if unit_at is not None else "" for _, cells in rows]
    for name, dtype in dtypes.items():
        position = header.positions.get(name)
        if position is None:  # only `regio` may be left out: it comes from the folder name
            texts = [regio or "" for _ in rows]
        else:
            texts = [cells[position] for _, cells in rows]
        raw[name] = texts
        column: list[object] = []
        for (number, _), text, unit in zip(rows, texts, units, strict=True):
            cell = (number, position)
            value, expected = (
                (None, None) if text == "" else _parse(text, dtype, table.decimal_comma, name)
            )
            if text == "" and name not in nullable:
                expected = "een waarde; deze kolom mag niet leeg zijn"
            if cell in table.refused:
                value, expected = None, table.refused[cell]
            elif cell in table.percent and not schema.holds_percent(name, unit):
                value, expected = (
                    None,
                    (
                        "een getal zonder procentopmaak: de cel is in Excel als percentage "
                        f"opgemaakt, maar '{name}' is hier geen percentage; haal de opmaak weg"
                    ),
                )
            if expected is not None:
                issues.append(Issue(source.file, number, name, text, expected))
                bad.add((number, name))
            column.append(value)
        values[name] = column
    frame = pl.DataFrame(
        {**values, ROW: [number for number, _ in rows]},
        schema={**{n: getattr(pl, d) for n, d in dtypes.items()}, ROW: pl.Int64},
    )
    if regio is not None and header.positions.get("regio") is not None:
        issues += _regio_mismatches(source, frame, raw["regio"], regio, bad)
    return Parsed(source, frame, raw, bad, issues)


def _regio_mismatches(
    source: Source, frame: pl.DataFrame, texts: list[str], regio: str, bad: set[tuple[int, str]]
) -> list[Issue]:
    """A ``regio`` column in the source must repeat the folder name."""
    issues = []
    for number, text in zip(frame[ROW], texts, strict=True):
        if text not in ("", regio):
            issues.append(
                Issue(source.file, number, "regio", text, f"'{regio}' (de naam van de map)")
            )
            bad.add((number, "regio"))
    return issues


def empty_frame(model: type[pa.DataFrameModel]) -> pl.DataFrame:
    """An extract with no rows but the contract's columns and types."""
    dtypes = {n: getattr(pl, d) for n, d in schema.columns(model).items()}
    return pl.DataFrame(schema={**dtypes, ROW: pl.Int64})


# --- pandera's checks, in Dutch --------------------------------------------------------------


def _number(value: object) -> str:
    return str(value).replace(".", ",")


def _check_expected(column: pa.Column, check_number: int) -> str:
    """What a failed pandera check on ``column`` asked for, in plain Dutch."""
    checks = {c.name: c.statistics for c in column.checks}
    check = column.checks[check_number]
    stats = check.statistics
    if check.name == "isin":
        return "één van: " + name_list([str(v) for v in stats["allowed_values"]])
    if check.name in ("greater_than_or_equal_to", "less_than_or_equal_to"):
        low = checks.get("greater_than_or_equal_to", {}).get("min_value")
        high = checks.get("less_than_or_equal_to", {}).get("max_value")
        if low is not None and high is not None:
            return f"een getal van {_number(low)} tot en met {_number(high)}"
        return f"een getal ≥ {_number(low)}" if low is not None else f"een getal ≤ {_number(high)}"
    if check.name == "str_matches":
        pattern = stats["pattern"]
        return _ID_PATTERNS.get(pattern, f"tekst volgens het patroon {pattern}")
    if check.name == "str_length":
        return "een waarde; deze kolom mag niet leeg zijn"
    return f"een waarde die voldoet aan {check.name}"


def _unique_keys(model: type[pa.DataFrameModel]) -> list[list[str]]:
    """The unique keys of a model: the frame-level key and single unique columns."""
    contract = model.to_schema()
    keys = [list(contract.unique)] if contract.unique else []
    keys += [[name] for name, col in contract.columns.items() if col.unique]
    return keys


def _shown(value: object) -> str:
    if value is None:
        return EMPTY_SHOWN
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def duplicate_issues(parsed: Parsed, key: list[str]) -> list[Issue]:
    """Rows that repeat an earlier row's key; the message names both rows."""
    shown_key = [c for c in key if c != "regio"] or key
    first_row: dict[tuple, int] = {}
    issues = []
    for record in parsed.frame.select([*key, ROW]).iter_rows(named=True):
        number = record[ROW]
        if any((number, c) in parsed.bad_cells for c in key):
            continue  # a cell that failed to parse would make a false duplicate
        values = tuple(record[c] for c in key)
        if values not in first_row:
            first_row[values] = number
            continue
        if len(shown_key) == 1:
            expected = f"een unieke waarde; dezelfde waarde staat al in rij {first_row[values]}"
        else:
            expected = (
                f"een unieke combinatie van {name_list(shown_key)}; "
                f"dezelfde waarden staan al in rij {first_row[values]}"
            )
        issues.append(
            Issue(
                parsed.source.file,
                number,
                ", ".join(shown_key),
                ", ".join(_shown(record[c]) for c in shown_key),
                expected,
            )
        )
    return issues


def contract_issues(parsed: Parsed, model: type[pa.DataFrameModel]) -> list[Issue]:
    """Run the pandera model and translate its failure cases into issues.

    Empty required cells and unparsable cells are reported while parsing, so pandera's
    ``not_nullable`` failures are left out; uniqueness is reported by
    :func:`duplicate_issues`, which can name both rows.
    """
    contract = model.to_schema()
    issues: list[Issue] = []
    try:
        model.validate(parsed.frame.drop(ROW), lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases.filter(
            pl.col("check_number").is_not_null() & pl.col("index").is_not_null()
        )
        for case in cases.sort("index", "column").iter_rows(named=True):
            column, index = case["column"], case["index"]
            number = parsed.frame[ROW][index]
            if (number, column) in parsed.bad_cells:
                continue
            expected = _check_expected(contract.columns[column], case["check_number"])
            issues.append(
                Issue(parsed.source.file, number, column, parsed.raw[column][index], expected)
            )
    for key in _unique_keys(model):
        issues += duplicate_issues(parsed, key)
    return issues


def load_source(
    source: Source, model: type[pa.DataFrameModel], regio: str | None
) -> tuple[pl.DataFrame, list[Issue]]:
    """Read, parse and check one source file against its contract."""
    table = read_table(source)
    if table.issues:
        return empty_frame(model), table.issues
    # Person-level data is refused before anything else is read (or echoed) from it.
    personal = privacy.check(source, table, schema.columns(model), source.name)
    if personal:
        return empty_frame(model), personal
    optional = {"regio"} if regio is not None else set()
    header, issues = check_header(source, table, expected_columns(model), optional)
    if header is None:
        return empty_frame(model), issues
    rows, issues = data_rows(source, table, header)
    parsed = parse_rows(source, rows, header, model, table, regio)
    issues += parsed.issues
    issues += contract_issues(parsed, model)
    return parsed.frame, issues


@dataclass
class Folder:
    """One folder of sources, read: a frame per extract (empty when absent) and its issues."""

    name: str
    frames: dict[str, pl.DataFrame]
    files: dict[str, str]
    hashes: dict[str, str]
    issues: list[Issue]
    #: Extracts read without issues, or optional and absent: safe to cross-check.
    clean: set[str]


def load_folder(
    root: Path,
    name: str,
    models: Mapping[str, type[pa.DataFrameModel]],
    required: tuple[str, ...],
    regio: str | None,
) -> Folder:
    """Read every source in ``root/name``; absent optional extracts become empty frames.

    ``regio`` is the value for the ``regio`` column (the folder name), or ``None`` for the
    shared folder, whose extracts have no such column.
    """
    folder = root / name
    sources, issues = find_sources(folder, models, root)
    frames: dict[str, pl.DataFrame] = {}
    files: dict[str, str] = {}
    clean: set[str] = set()
    for extract, model in models.items():
        source = sources.get(extract)
        files[extract] = source.file if source else display_path(folder / f"{extract}.csv")
        if source is None:
            frames[extract] = empty_frame(model)
            if extract not in required:
                clean.add(extract)
            else:
                issues.append(
                    Issue.whole(
                        display_path(folder),
                        f"{extract}.csv (of {extract}.xlsx) ontbreekt; elke map heeft "
                        f"{name_list(required)} nodig",
                    )
                )
            continue
        frames[extract], found = load_source(source, model, regio)
        issues += found
        if not found:
            clean.add(extract)
    # A folder with issues is not published, and a file that could not be read has no checksum.
    ordered = sorted(sources.values(), key=lambda s: s.rel)
    hashes = {} if issues else {s.rel: s.sha256() for s in ordered}
    return Folder(name, frames, files, hashes, issues, clean)
