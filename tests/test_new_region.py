"""A new region drops its own export and runs the preparation (issue #21): 'Regio Testland'
(``tests/testland.py``), an Excel export per quarter with its own product codes, shaped
unlike the example region.

The mistakes below are the ones an analyst made when this region was tried as a new user
would (Excel ate an apostrophe, a header in capitals, a title row above the columns, a
Dutch date, an amount as text, a BSN column, ...). Each is refused with the file, the row,
the column and what to do, and nothing is written; or, where the value is fine (an AGB
code, a provider called 'Jeugdhulp 2000 BV'), it is taken without a false alarm.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from components.build.prepare import PreparationFailed, prepare
from tests import testland

Edit = Callable[[Path], None]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The region's sources and a good build of them."""
    root = tmp_path_factory.mktemp("testland")
    sources = testland.write(root / "sources" / testland.REGION).parent
    prepare(sources, root / "extracts", [testland.REGION])
    return sources, root / "extracts"


# --- ways an analyst changes the files ----------------------------------------------------------


def in_sheet(change: Callable[[openpyxl.worksheet.worksheet.Worksheet], None]) -> Edit:
    def edit(folder: Path) -> None:
        book = openpyxl.load_workbook(folder / "gebruik.xlsx")
        change(book.active)
        book.save(folder / "gebruik.xlsx")

    return edit


def column(sheet, name: str) -> int:
    return next(cell.column for cell in sheet[1] if cell.value == name)


def cell(row: int, name: str, value: object) -> Edit:
    """Put ``value`` in gebruik.xlsx at ``row`` (as Excel counts: the header is row 1)."""
    return in_sheet(lambda sheet: setattr(sheet.cell(row, column(sheet, name)), "value", value))


def header(name: str, written: str) -> Edit:
    return in_sheet(lambda sheet: setattr(sheet.cell(1, column(sheet, name)), "value", written))


def in_csv(file: str, row: int, name: str, value: str) -> Edit:
    """Put ``value`` in a ';'-separated CSV file at ``row`` (the header is row 1)."""

    def edit(folder: Path) -> None:
        rows = list(csv.reader(io.StringIO((folder / file).read_text("utf-8")), delimiter=";"))
        rows[row - 1][rows[0].index(name)] = value
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
        (folder / file).write_text(buffer.getvalue(), encoding="utf-8")

    return edit


def added_column(name: str, value: object, rows: int | None = None) -> Edit:
    def change(sheet) -> None:
        at = sheet.max_column + 1
        sheet.cell(1, at).value = name
        for row in range(2, (rows or sheet.max_row) + 1):
            sheet.cell(row, at).value = value

    return in_sheet(change)


def dropped_column(name: str) -> Edit:
    return in_sheet(lambda sheet: sheet.delete_cols(column(sheet, name)))


def every(name: str, old: object, new: object) -> Edit:
    """Replace ``old`` by ``new`` in every cell of one column of gebruik.xlsx."""

    def change(sheet) -> None:
        at = column(sheet, name)
        for row in range(2, sheet.max_row + 1):
            if sheet.cell(row, at).value == old:
                sheet.cell(row, at).value = new

    return in_sheet(change)


def title_row(sheet) -> None:
    sheet.insert_rows(1)
    sheet.cell(1, 1).value = "Declaraties jeugdhulp Testland 2022-2025 K2"


def a_year_among_quarters(sheet) -> None:
    row = [c.value for c in sheet[2]]
    row[column(sheet, "kwartaal") - 1] = None
    row[column(sheet, "vindplaats") - 1] = "jaaroverzicht 2022"
    row[column(sheet, "peildatum") - 1] = "2022-12-31"
    sheet.append(row)


def date_cell(sheet) -> None:
    at = sheet.cell(7, column(sheet, "peildatum"))
    at.value = dt.datetime(2022, 3, 31)
    at.number_format = "dd-mm-yyyy"


# --- refused: (what the analyst did, the edit, the file and row named, what the message says)

REFUSED = [
    ("unknown code", cell(40, "productcode", 54003), "gebruik.xlsx, rij 40", "productcodes"),
    ("other place name", cell(25, "gemeente", "Den Testenbosch"), "rij 25", "'s-Testenbosch"),
    ("apostrophe eaten", in_csv("budget.csv", 3, "gemeente", "s-Testenbosch"), "rij 3", "'s-"),
    ("lower case place", cell(26, "gemeente", "proefwijk"), "rij 26", "Proefwijk"),
    ("amount as text", cell(12, "bedrag", "€ 1.234,56"), "rij 12", "bedrag"),
    ("ambiguous amount", in_csv("budget.csv", 6, "bedrag", "845.000"), "rij 6", "bedrag"),
    ("year among quarters", in_sheet(a_year_among_quarters), "gebruik.xlsx", "kwartaal"),
    ("header in capitals", header("bedrag", "Bedrag"), "rij 1", "bedoelt u 'bedrag'"),
    ("header with a space", header("aanbieder_id", "aanbieder id"), "rij 1", "'aanbieder_id'"),
    ("required column gone", dropped_column("gemeente"), "kolom 'gemeente'", "ontbreekt"),
    ("column with empty cells gone", dropped_column("duur_beeindigd_dagen"), "rij 1", "ontbreekt"),
    ("unknown lot", in_csv("budget.csv", 2, "perceel", "ambulante jeugdhulp"), "rij 2", "perceel"),
    ("BSN column", added_column("BSN", 111222333), "kolom 'BSN'", "persoonsgegevens"),
    ("client number", added_column("Cliëntnummer", "C00012", 5), "Cliëntnummer", "persoon"),
    ("BSN in a note", cell(30, "notitie", "correctie voor 111222333"), "rij 30", "BSN"),
    ("Dutch date as text", cell(7, "peildatum", "31-03-2022"), "rij 7", "bedoelt u 2022-03-31"),
    (
        "Dutch date in a CSV",
        in_csv("budget.csv", 4, "peildatum", "1-1-2022"),
        "rij 4",
        "2022-01-01?",
    ),
    ("title row", in_sheet(title_row), "gebruik.xlsx", "rij 2"),
    ("extra column", added_column("tarief", 62.4), "kolom 'tarief'", "onbekende kolom"),
    ("quarter as K1", cell(9, "kwartaal", "K1"), "rij 9", "1"),
    (
        "a row twice",
        in_sheet(lambda s: s.append([c.value for c in s[5]])),
        "rij 688",
        "staan al in rij 5",
    ),
    ("lot in capitals", in_csv("productcodes.csv", 3, "perceel", "Ambulant"), "rij 3", "ambulant"),
    (
        "category in words",
        in_csv("productcodes.csv", 2, "productcategorie", "Jeugdhulp"),
        "rij 2",
        "45",
    ),
]

#: Taken as they are: real exports hold these and none of them is personal data.
TAKEN = [
    ("AGB code as provider id", every("aanbieder_id", "TL-0101", "98828836")),
    (
        "provider called '2000 BV'",
        every("aanbieder", "Buurtzorg Jong Testland", "Jeugdhulp 2000 BV"),
    ),
    ("place 'draaitabel 2022 KW1'", cell(11, "vindplaats", "draaitabel 2022 KW1")),
    ("code as text with a space", every("productcode", 54001, "54001 ")),
    ("a date cell formatted dd-mm-jjjj", in_sheet(date_cell)),
]


def _copy(prepared: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    sources, extracts = prepared
    shutil.copytree(sources, tmp_path / "sources")
    shutil.copytree(extracts, tmp_path / "extracts")
    before = {
        str(p.relative_to(extracts)): p.read_bytes() for p in extracts.rglob("*") if p.is_file()
    }
    return tmp_path / "sources", tmp_path / "extracts", before


@pytest.mark.parametrize(("mistake", "edit", "where", "says"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_mistake_is_named_with_what_to_fix_and_nothing_is_written(
    prepared, tmp_path: Path, mistake: str, edit: Edit, where: str, says: str
) -> None:
    sources, out, before = _copy(prepared, tmp_path)
    edit(sources / testland.REGION)
    with pytest.raises(PreparationFailed) as failed:
        prepare(sources, out, [testland.REGION])
    messages = [issue.message() for issue in failed.value.issues]
    assert any(where in m and says in m for m in messages), messages
    # One mistake, one message: a header written otherwise is not also reported missing.
    assert len(messages) == 1, messages
    after = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before


@pytest.mark.parametrize(("mistake", "edit"), TAKEN, ids=[t[0] for t in TAKEN])
def test_what_a_real_export_holds_is_taken_without_a_false_alarm(
    prepared, tmp_path: Path, mistake: str, edit: Edit
) -> None:
    sources, out, _ = _copy(prepared, tmp_path)
    edit(sources / testland.REGION)
    report = prepare(sources, out, [testland.REGION])
    assert report.regions[testland.REGION].rows["gebruik"] > 0
