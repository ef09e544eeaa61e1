"""Broken sources: each gives the Dutch message a user needs, and nothing is written.

Every case copies the valid fixture, breaks one thing, and runs the preparation into an
output folder that already holds a good build. The test asserts the message parts a user
reads (file, row, column, value found, what was expected) and that every byte of the
previous extracts is unchanged, with no temporary folder left behind.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from components.build.prepare import PreparationFailed, prepare

FIXTURE_REGION = "testregio"

ALL_COLUMNS_PERIODEN = (
    "verwacht de kolommen: bron, vindplaats, peildatum, status, notitie, "
    "overeenkomst_id, soort, start, einde, label"
)


# --- ways to break a source ---------------------------------------------------------------------


def _path(src: Path, name: str, suffix: str = ".csv") -> Path:
    return src / FIXTURE_REGION / f"{name}{suffix}"


def _read(path: Path) -> tuple[list[list[str]], str]:
    text = path.read_text(encoding="utf-8")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter)), delimiter


def _write(path: Path, rows: list[list[str]], delimiter: str = ",") -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def set_cell(name: str, row: int, column: str, value: str) -> Callable[[Path], None]:
    """Put ``value`` in the cell at ``row`` (as the user counts: header = 1)."""

    def mutate(src: Path) -> None:
        rows, delimiter = _read(_path(src, name))
        rows[row - 1][rows[0].index(column)] = value
        _write(_path(src, name), rows, delimiter)

    return mutate


def drop_column(name: str, column: str) -> Callable[[Path], None]:
    def mutate(src: Path) -> None:
        rows, delimiter = _read(_path(src, name))
        index = rows[0].index(column)
        _write(_path(src, name), [r[:index] + r[index + 1 :] for r in rows], delimiter)

    return mutate


def rename_column(name: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(src: Path) -> None:
        rows, delimiter = _read(_path(src, name))
        rows[0][rows[0].index(old)] = new
        _write(_path(src, name), rows, delimiter)

    return mutate


def repeat_row(name: str, row: int) -> Callable[[Path], None]:
    """Append a copy of ``row`` at the end of the file."""

    def mutate(src: Path) -> None:
        rows, delimiter = _read(_path(src, name))
        _write(_path(src, name), [*rows, rows[row - 1]], delimiter)

    return mutate


def keep_rows(name: str, count: int) -> Callable[[Path], None]:
    """Keep only the first ``count`` lines (1 = the header only)."""

    def mutate(src: Path) -> None:
        rows, delimiter = _read(_path(src, name))
        _write(_path(src, name), rows[:count], delimiter)

    return mutate


def write_bytes(name: str, data: bytes, suffix: str = ".csv") -> Callable[[Path], None]:
    def mutate(src: Path) -> None:
        _path(src, name, suffix).write_bytes(data)

    return mutate


def reencode(name: str, encoding: str) -> Callable[[Path], None]:
    def mutate(src: Path) -> None:
        path = _path(src, name)
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))

    return mutate


def remove(name: str) -> Callable[[Path], None]:
    def mutate(src: Path) -> None:
        _path(src, name).unlink()

    return mutate


def _excel_value(text: str) -> object:
    """What Excel would hold for a typed-in value: numbers and dates, not text."""
    for parse in (int, float, dt.date.fromisoformat):
        try:
            return parse(text)
        except ValueError:
            continue
    return text or None


def to_excel(name: str, title_rows: int = 0, keep_csv: bool = False) -> Callable[[Path], None]:
    """Save the source as .xlsx, optionally with title rows above the header."""

    def mutate(src: Path) -> None:
        rows, _ = _read(_path(src, name))
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        if title_rows:
            sheet.append([f"Overzicht {name}"])
            for _ in range(title_rows - 1):
                sheet.append([])
        sheet.append(rows[0])
        for row in rows[1:]:
            sheet.append([_excel_value(v) for v in row])
        workbook.save(_path(src, name, ".xlsx"))
        if not keep_csv:
            _path(src, name).unlink()

    return mutate


def in_excel(name: str, edit: Callable[[openpyxl.worksheet.worksheet.Worksheet], None]):
    """Save the source as .xlsx as Excel would, then change the sheet as a user could."""

    def mutate(src: Path) -> None:
        to_excel(name)(src)
        path = _path(src, name, ".xlsx")
        workbook = openpyxl.load_workbook(path)
        edit(workbook.active)
        workbook.save(path)

    return mutate


def _percent(cell: str) -> Callable[[openpyxl.worksheet.worksheet.Worksheet], None]:
    def edit(sheet) -> None:
        sheet[cell].number_format = "0%"

    return edit


def _typed(cell: str, value: object) -> Callable[[openpyxl.worksheet.worksheet.Worksheet], None]:
    def edit(sheet) -> None:
        sheet[cell] = value  # a text starting with '=' is a formula, saved without result

    return edit


def hidden_first_sheet(name: str) -> Callable[[Path], None]:
    """The source in Excel with an old, hidden sheet in front of it."""

    def mutate(src: Path) -> None:
        to_excel(name)(src)
        path = _path(src, name, ".xlsx")
        workbook = openpyxl.load_workbook(path)
        old = workbook.create_sheet("oud", 0)
        old.append(["waarde"])
        old.append([999999])
        old.sheet_state = "hidden"
        workbook.active = 1
        workbook.save(path)

    return mutate


def link(name: str, target: str) -> Callable[[Path], None]:
    """Replace the source by a symbolic link to ``target`` (relative to its folder)."""

    def mutate(src: Path) -> None:
        path = _path(src, name)
        path.unlink()
        path.symlink_to(target)

    return mutate


def empty_workbook(name: str) -> Callable[[Path], None]:
    def mutate(src: Path) -> None:
        openpyxl.Workbook().save(_path(src, name, ".xlsx"))

    return mutate


def add_file(filename: str, text: str) -> Callable[[Path], None]:
    def mutate(src: Path) -> None:
        (src / FIXTURE_REGION / filename).write_text(text, encoding="utf-8")

    return mutate


def both(*mutations: Callable[[Path], None]) -> Callable[[Path], None]:
    def mutate(src: Path) -> None:
        for step in mutations:
            step(src)

    return mutate


def in_shared(mutate_rows: Callable[[list[list[str]]], list[list[str]]]) -> Callable[[Path], None]:
    def mutate(src: Path) -> None:
        path = src / "algemeen" / "begrippen.csv"
        rows, delimiter = _read(path)
        _write(path, mutate_rows(rows), delimiter)

    return mutate


# --- the cases ----------------------------------------------------------------------------------

CASES = [
    pytest.param(
        drop_column("perioden", "label"),
        [
            "testregio/perioden.csv, rij 1, kolom 'label': deze kolom ontbreekt in rij 1; "
            + ALL_COLUMNS_PERIODEN
        ],
        id="ontbrekende-kolom",
    ),
    pytest.param(
        rename_column("perioden", "einde", "eind"),
        [
            "testregio/perioden.csv, rij 1, kolom 'eind': onbekende kolom; " + ALL_COLUMNS_PERIODEN,
            "testregio/perioden.csv, rij 1, kolom 'einde': deze kolom ontbreekt in rij 1",
        ],
        id="onbekende-kolom",
    ),
    pytest.param(
        set_cell("kosten", 3, "bedrag", "veel"),
        [
            "testregio/kosten.csv, rij 3, kolom 'bedrag': gevonden 'veel', "
            "verwacht een getal met een punt als decimaalteken, zoals 1234.5 "
            "(zonder duizendtalteken)"
        ],
        id="tekst-in-getalkolom",
    ),
    pytest.param(
        set_cell("aanbieders_aantallen", 4, "aantal", "tien"),
        [
            "testregio/aanbieders_aantallen.csv, rij 4, kolom 'aantal': gevonden 'tien', "
            "verwacht een geheel getal, zoals 1500"
        ],
        id="tekst-in-aantal",
    ),
    pytest.param(
        set_cell("aanbieders_aantallen", 4, "aantal", "99999999999999999999"),
        [
            "testregio/aanbieders_aantallen.csv, rij 4, kolom 'aantal': "
            "gevonden '99999999999999999999', verwacht een geheel getal, zoals 1500"
        ],
        id="aantal-te-groot",
    ),
    pytest.param(
        set_cell("kosten", 2, "bedrag", "33500000,5"),
        [
            "testregio/kosten.csv, rij 2, kolom 'bedrag': gevonden '33500000,5', "
            "verwacht een getal met een punt als decimaalteken"
        ],
        id="decimale-komma-in-kommabestand",
    ),
    pytest.param(
        set_cell("kwadranten", 3, "aandeel_budget", "24.500"),
        [
            "testregio/kwadranten.csv, rij 3, kolom 'aandeel_budget': gevonden '24.500', "
            "verwacht een getal dat maar één ding kan betekenen: met een duizendtalpunt is het "
            "24500, met een decimaalpunt 24,5; schrijf 24500 of 24,5"
        ],
        id="punt-voor-drie-cijfers-in-puntkommabestand",
    ),
    pytest.param(
        set_cell("kwadranten", 3, "aandeel_budget", "1,020.5"),
        [
            "testregio/kwadranten.csv, rij 3, kolom 'aandeel_budget': gevonden '1,020.5', "
            "verwacht een getal, zoals 1234,5 of 1.234,5 (of 1234.5)"
        ],
        id="engelse-duizendtalkomma-in-puntkommabestand",
    ),
    pytest.param(
        keep_rows("kostenaannames", 4),
        [
            "testregio/kostenaannames.csv: elke parameter van het kostenmodel in elke variant "
            "(laag, midden, hoog); er ontbreken 31: ambulantisering_aanloop, "
        ],
        id="kostenmodel-onvolledig",
    ),
    pytest.param(
        set_cell("kostenaannames", 15, "waarde", "65"),
        [
            "testregio/kostenaannames.csv, rij 15, kolom 'waarde': gevonden '65', verwacht vier "
            "aandelen van 0 of meer met een som van precies 100; nu samen 110 "
            "(budget_herstelgericht_ambulant, budget_herstelgericht_verblijf, "
            "budget_ondersteuningsgericht_ambulant, budget_ondersteuningsgericht_verblijf) "
            "(variant midden)"
        ],
        id="kostenmodel-aandelen",
    ),
    pytest.param(
        set_cell("kostenaannames", 5, "waarde", "2019"),
        [
            "testregio/kostenaannames.csv, rij 5, kolom 'waarde': gevonden '2019', verwacht een "
            "heel jaar na het basisjaar 2020, tot en met 2100 (variant laag)"
        ],
        id="kostenmodel-eindjaar-voor-basisjaar",
    ),
    pytest.param(
        set_cell("aanbieders_aantallen", 3, "aantal", "-3"),
        [
            "testregio/aanbieders_aantallen.csv, rij 3, kolom 'aantal': gevonden '-3', "
            "verwacht een getal ≥ 0"
        ],
        id="negatief-aantal",
    ),
    pytest.param(
        set_cell("kosten", 4, "jaar", "1999"),
        [
            "testregio/kosten.csv, rij 4, kolom 'jaar': gevonden '1999', "
            "verwacht een getal van 2000 tot en met 2100"
        ],
        id="jaar-buiten-bereik",
    ),
    pytest.param(
        set_cell("aanbieders_aantallen", 3, "perceel", "dagbesteding"),
        [
            "testregio/aanbieders_aantallen.csv, rij 3, kolom 'perceel': gevonden 'dagbesteding', "
            "verwacht één van: ambulant, verblijf, combinatie"
        ],
        id="onbekend-perceel",
    ),
    pytest.param(
        set_cell("perioden", 2, "soort", "verlenging"),
        [
            "testregio/perioden.csv, rij 2, kolom 'soort': gevonden 'verlenging', "
            "verwacht één van: looptijd, overbrugging, optie, overdracht, inkooptraject"
        ],
        id="onbekende-soort",
    ),
    pytest.param(
        set_cell("segmenten", 3, "bekostiging", "pxq; budget"),
        [
            "testregio/segmenten.csv, rij 3, kolom 'bekostiging': gevonden 'pxq; budget', "
            "verwacht één of meer van: pxq, taakgericht, hybride, subsidie, lumpsum, "
            "populatiebekostiging, gescheiden door ';' zonder spaties, zoals pxq;taakgericht"
        ],
        id="onbekende-bekostiging",
    ),
    pytest.param(
        set_cell("kerncijfers", 2, "status", "concept"),
        [
            "testregio/kerncijfers.csv, rij 2, kolom 'status': gevonden 'concept', "
            "verwacht één van: gepubliceerd, voorlopig, afgeleid, illustratief"
        ],
        id="onbekende-status",
    ),
    pytest.param(
        set_cell("overeenkomsten", 3, "overeenkomst_id", "Jeugd Verblijf"),
        [
            "testregio/overeenkomsten.csv, rij 3, kolom 'overeenkomst_id': "
            "gevonden 'Jeugd Verblijf', verwacht alleen kleine letters, cijfers en -"
        ],
        id="id-met-hoofdletters",
    ),
    pytest.param(
        set_cell("regio", 2, "fictief", "misschien"),
        [
            "testregio/regio.csv, rij 2, kolom 'fictief': gevonden 'misschien', "
            "verwacht true of false (of waar/onwaar, ja/nee)"
        ],
        id="geen-ja-nee",
    ),
    pytest.param(
        repeat_row("overeenkomsten", 2),
        [
            "testregio/overeenkomsten.csv, rij 5, kolom 'overeenkomst_id': "
            "gevonden 'jeugd-ambulant', verwacht een unieke waarde; "
            "dezelfde waarde staat al in rij 2"
        ],
        id="dubbele-sleutel",
    ),
    pytest.param(
        repeat_row("aanbieders_aantallen", 3),
        [
            "testregio/aanbieders_aantallen.csv, rij 12, kolommen 'jaar', 'domein', 'perceel', "
            "'deelperceel', 'grootteklasse', 'bron': gevonden "
            "'2024, jeugd, ambulant, (leeg), (leeg), info-2024', verwacht een unieke combinatie "
            "van jaar, domein, perceel, deelperceel, grootteklasse, bron; "
            "dezelfde waarden staan al in rij 3"
        ],
        id="dubbele-samengestelde-sleutel",
    ),
    pytest.param(
        write_bytes("kosten", b""),
        [
            "testregio/kosten.csv: het bestand is leeg; verwacht in rij 1 de kolomnamen: "
            "bron, vindplaats, peildatum, status, notitie, jaar, soort, reeks, bedrag"
        ],
        id="leeg-bestand",
    ),
    pytest.param(
        keep_rows("regio", 1),
        [
            "testregio/regio.csv, rij 2: het bestand heeft alleen een kopregel; "
            "verwacht precies één rij met de gegevens van de regio"
        ],
        id="regio-alleen-kopregel",
    ),
    pytest.param(
        reencode("escalatie", "cp1252"),
        [
            "testregio/escalatie.csv, rij 4: het bestand is geen UTF-8 (onleesbaar teken, "
            "byte 0xeb); sla het bestand op als UTF-8"
        ],
        id="geen-utf8",
    ),
    pytest.param(
        to_excel("kosten", title_rows=2),
        [
            "testregio/kosten.xlsx, rij 3: de kolomnamen staan in rij 3; verwacht in rij 1, "
            "verwijder de rijen erboven"
        ],
        id="excel-titelrij",
    ),
    pytest.param(
        in_excel("kosten", lambda sheet: sheet.merge_cells("I3:I4")),
        [
            "testregio/kosten.xlsx, rij 4, kolom 'bedrag': gevonden een lege cel, verwacht een "
            "eigen waarde in elke cel; deze cel is samengevoegd met I3 (I3:I4): maak de "
            "samenvoeging ongedaan en vul elke cel in"
        ],
        id="excel-samengevoegde-cellen",
    ),
    pytest.param(
        in_excel("kosten", _typed("I3", "=I2*1.05")),
        [
            "testregio/kosten.xlsx, rij 3, kolom 'bedrag': gevonden een lege cel, verwacht een "
            "opgeslagen waarde; de cel heeft een formule (=I2*1.05) zonder uitkomst: open het "
            "bestand in Excel en sla het op, of typ de waarde in"
        ],
        id="excel-formule-zonder-uitkomst",
    ),
    pytest.param(
        in_excel("kosten", _percent("I2")),
        [
            "testregio/kosten.xlsx, rij 2, kolom 'bedrag': gevonden '3350000000', verwacht een "
            "getal zonder procentopmaak: de cel is in Excel als percentage opgemaakt, maar "
            "'bedrag' is hier geen percentage; haal de opmaak weg"
        ],
        id="excel-procentopmaak-op-bedrag",
    ),
    pytest.param(
        in_excel("kosten", _typed("I2", "33.500")),
        [
            "testregio/kosten.xlsx, rij 2, kolom 'bedrag': gevonden '33.500', verwacht een getal "
            "dat maar één ding kan betekenen: met een duizendtalpunt is het 33500, met een "
            "decimaalpunt 33,5; schrijf 33500 of 33,5"
        ],
        id="excel-tekstcel-met-punt",
    ),
    pytest.param(
        hidden_first_sheet("kosten"),
        [
            "testregio/kosten.xlsx: de gegevens op het eerste werkblad, zichtbaar; dat werkblad "
            "('oud') is verborgen: maak het zichtbaar of verwijder het, zodat u ziet wat er "
            "gelezen wordt"
        ],
        id="excel-verborgen-eerste-werkblad",
    ),
    pytest.param(
        link("kpis", "bestaat-niet.csv"),
        [
            "testregio/kpis.csv: een leesbaar bestand; het bestand bestaat niet (of is een link "
            "naar een bestand dat er niet is)"
        ],
        id="link-naar-niets",
    ),
    pytest.param(
        link("kpis", "kpis.csv"),
        [
            "testregio/kpis.csv: een leesbaar bestand; het is een link die naar zichzelf "
            "blijft wijzen"
        ],
        id="link-naar-zichzelf",
    ),
    pytest.param(
        set_cell("regio", 2, "naam", "Test\x0bregio"),
        [
            "testregio/regio.csv, rij 2, kolom 'naam': gevonden 'Test<U+000B>regio', verwacht "
            "tekst zonder stuurtekens; op plaats 5 staat U+000B, dat geen letter of teken is"
        ],
        id="stuurteken-in-tekst",
    ),
    pytest.param(
        set_cell("kerncijfers", 2, "status", "gepubliceerd\u200b"),
        [
            "testregio/kerncijfers.csv, rij 2, kolom 'status': gevonden 'gepubliceerd<U+200B>', "
            "verwacht één van: gepubliceerd, voorlopig, afgeleid, illustratief"
        ],
        id="onzichtbaar-teken",
    ),
    pytest.param(
        set_cell("perioden", 2, "einde", "9999-12-31"),
        [
            "testregio/perioden.csv, rij 2, kolom 'einde': gevonden '9999-12-31', verwacht een "
            "datum van 1900 tot en met 2100"
        ],
        id="datum-ver-weg",
    ),
    pytest.param(
        set_cell("kosten", 2, "bedrag", "1e28"),
        [
            "testregio/kosten.csv, rij 2, kolom 'bedrag': gevonden '1e28', verwacht een getal met "
            "hooguit 15 cijfers voor de komma"
        ],
        id="getal-te-groot",
    ),
    pytest.param(
        set_cell("kosten", 2, "reeks", "x" * 200_000),
        [
            "testregio/kosten.csv, rij 2: cellen van hooguit 131.072 tekens; deze regel heeft "
            "een langere"
        ],
        id="cel-te-lang",
    ),
    pytest.param(
        both(remove("kosten"), write_bytes("kosten", b"dit is geen excel", ".xlsx")),
        ["testregio/kosten.xlsx: een Excel-bestand (.xlsx) dat geopend kan worden"],
        id="kapot-excelbestand",
    ),
    pytest.param(
        set_cell("perioden", 3, "start", ""),
        [
            "testregio/perioden.csv, rij 3, kolom 'start': gevonden een lege cel, "
            "verwacht een waarde; deze kolom mag niet leeg zijn"
        ],
        id="verplichte-waarde-leeg",
    ),
    pytest.param(
        set_cell("kosten", 2, "bron", "jaarverslag-2023"),
        [
            "testregio/kosten.csv, rij 2, kolom 'bron': gevonden 'jaarverslag-2023', "
            "verwacht een waarde uit ",
            "testregio/bronnen.csv (kolom 'bron'): begroting-2024, info-2024, inkoop-2023",
        ],
        id="onbekende-bron",
    ),
    pytest.param(
        set_cell("perioden", 5, "overeenkomst_id", "jeugd-wmo"),
        [
            "testregio/perioden.csv, rij 5, kolom 'overeenkomst_id': gevonden 'jeugd-wmo', "
            "verwacht een waarde uit ",
            "testregio/overeenkomsten.csv (kolom 'overeenkomst_id'): "
            "crisisdienst, jeugd-ambulant, jeugd-verblijf",
        ],
        id="onbekende-overeenkomst",
    ),
    pytest.param(
        set_cell("perioden", 3, "einde", "2022-06-30"),
        [
            "testregio/perioden.csv, rij 3, kolom 'einde': gevonden '2022-06-30', "
            "verwacht een datum op of na de start (2023-01-01)"
        ],
        id="einde-voor-start",
    ),
    pytest.param(
        set_cell("fasen", 4, "einde", "2025-05-31"),
        [
            "testregio/fasen.csv, rij 4, kolom 'einde': gevonden '2025-05-31', "
            "verwacht een datum op of na de start (2025-06-01)"
        ],
        id="fase-einde-voor-start",
    ),
    pytest.param(
        set_cell("perioden", 4, "start", "2030-01-01"),
        [
            "testregio/perioden.csv, rij 4, kolom 'start': gevonden '2030-01-01', "
            "verwacht een start na 2030-12-31: deze periode overlapt met rij 3 van "
            "overeenkomst 'jeugd-ambulant'"
        ],
        id="overlappende-perioden",
    ),
    pytest.param(
        set_cell("perioden", 5, "einde", ""),
        [
            "testregio/perioden.csv, rij 5, kolom 'einde': gevonden een lege cel, verwacht een "
            "einddatum; alleen bij soort overdracht of inkooptraject mag einde leeg zijn "
            "(deze periode heeft soort 'looptijd')"
        ],
        id="open-einde-bij-looptijd",
    ),
    pytest.param(
        set_cell("kwadranten", 2, "aandeel_budget", "40"),
        [
            "testregio/kwadranten.csv, kolom 'aandeel_budget': gevonden '104,5 (som van rij 2 "
            "t/m 5)', verwacht een som van 100 (±0,5)"
        ],
        id="budgetaandelen-niet-100",
    ),
    pytest.param(
        set_cell("kwadranten", 2, "aandeel_clienten", "49"),
        [
            "testregio/kwadranten.csv, kolom 'aandeel_clienten': gevonden '99 (som van rij 2 "
            "t/m 5)', verwacht een som van 100 (±0,5)"
        ],
        id="clientaandelen-niet-100",
    ),
    pytest.param(
        set_cell("perioden", 3, "besluit", "gebruikt"),
        [
            "testregio/perioden.csv, rij 3, kolom 'besluit': gevonden 'gebruikt', verwacht een "
            "lege cel: alleen een optie heeft een besluit (dit is een looptijd)"
        ],
        id="besluit-bij-looptijd",
    ),
    pytest.param(
        set_cell("perioden", 4, "besluitdatum", "2030-06-01"),
        [
            "testregio/perioden.csv, rij 4, kolom 'besluit': gevonden een lege cel, verwacht het "
            "besluit (gebruikt of niet gebruikt), omdat er een besluitdatum staat"
        ],
        id="besluitdatum-zonder-besluit",
    ),
    pytest.param(
        both(
            set_cell("perioden", 6, "start", "2025-01-01"),
            set_cell("perioden", 6, "einde", "2026-12-31"),
        ),
        [
            "testregio/perioden.csv, rij 6, kolom 'start': gevonden '2025-01-01', verwacht geen "
            "nieuwe periode zolang rij 7 van overeenkomst 'crisisdienst' loopt: die heeft geen "
            "einddatum"
        ],
        id="periode-na-open-overdracht",
    ),
    pytest.param(
        set_cell("kerncijfers", 2, "eenheid", "datum"),
        [
            "testregio/kerncijfers.csv, rij 2, kolom 'datum': gevonden een lege cel, verwacht een "
            "datum, omdat de eenheid 'datum' is",
            "testregio/kerncijfers.csv, rij 2, kolom 'waarde': gevonden '120000', verwacht een "
            "lege cel: bij eenheid 'datum' staat de datum in de kolom datum",
        ],
        id="datum-kerncijfer-zonder-datum",
    ),
    pytest.param(
        both(
            set_cell("kerncijfers", 3, "waarde", ""),
            set_cell("kerncijfers", 3, "datum", "2023-01-01"),
        ),
        [
            "testregio/kerncijfers.csv, rij 3, kolom 'waarde': gevonden een lege cel, verwacht een "
            "getal, omdat de eenheid 'euro' is",
            "testregio/kerncijfers.csv, rij 3, kolom 'datum': gevonden '2023-01-01', verwacht een "
            "lege cel: alleen een kengetal met eenheid 'datum' heeft een datum",
        ],
        id="datum-bij-een-bedrag",
    ),
    pytest.param(
        set_cell("kerncijfers", 2, "volgorde", ""),
        [
            "testregio/kerncijfers.csv, rij 2, kolom 'volgorde': gevonden een lege cel, verwacht "
            "een volgorde, omdat toon_op 'overzicht' is"
        ],
        id="kerncijfer-zonder-volgorde",
    ),
    pytest.param(
        set_cell("kerncijfers", 3, "volgorde", "1"),
        [
            "testregio/kerncijfers.csv, rij 3, kolom 'volgorde': gevonden '1', verwacht een eigen "
            "volgorde op 'overzicht'; kengetal 'inwoners' heeft deze al"
        ],
        id="kerncijfers-dezelfde-volgorde",
    ),
    pytest.param(
        set_cell("kerncijfers", 2, "toon_op", "titeldia"),
        [
            "testregio/kerncijfers.csv, rij 2, kolom 'toon_op': gevonden 'titeldia', verwacht "
            "één van: overzicht, kosten"
        ],
        id="kerncijfer-onbekende-plaats",
    ),
    pytest.param(
        set_cell("vragen", 2, "antwoord_kengetal", "wachtlijst"),
        [
            "testregio/vragen.csv, rij 2, kolom 'antwoord_kengetal': gevonden 'wachtlijst', "
            "verwacht een waarde uit ",
            "testregio/kerncijfers.csv (kolom 'kengetal'): aandeel_jeugd_in_zorg, inwoners, "
            "omzet_jeugd",
        ],
        id="antwoord-niet-in-kerncijfers",
    ),
    pytest.param(
        set_cell("kpis", 3, "doel_id", "minder-instroom"),
        [
            "testregio/kpis.csv, rij 3, kolom 'doel_id': gevonden 'minder-instroom', "
            "verwacht een waarde uit ",
            "testregio/doelen.csv (kolom 'doel_id'): ambulantisering, grip-op-kosten, "
            "licht-voor-zwaar",
        ],
        id="kpi-doel-onbekend",
    ),
    pytest.param(
        set_cell("fasen", 3, "start", "2023-02-30"),
        [
            "testregio/fasen.csv, rij 3, kolom 'start': gevonden '2023-02-30', "
            "verwacht een bestaande datum als JJJJ-MM-DD"
        ],
        id="datum-bestaat-niet",
    ),
    pytest.param(
        set_cell("perioden", 5, "einde", "31-12-2030"),
        [
            "testregio/perioden.csv, rij 5, kolom 'einde': gevonden '31-12-2030', "
            "verwacht een datum als JJJJ-MM-DD"
        ],
        id="datum-als-dd-mm-jjjj",
    ),
    pytest.param(
        to_excel("kosten", keep_csv=True),
        [
            "testregio: 'kosten' staat er dubbel in (kosten.csv, kosten.xlsx); "
            "verwacht één bestand per extract, verwijder er één"
        ],
        id="csv-en-xlsx",
    ),
    pytest.param(
        remove("regio"),
        ["testregio: regio.csv (of regio.xlsx) ontbreekt; elke map heeft bronnen, regio nodig"],
        id="regio-ontbreekt",
    ),
    pytest.param(
        add_file("contracten.csv", "a,b\n1,2\n"),
        [
            "testregio/contracten.csv: deze bestandsnaam is geen extract; toegestaan zijn "
            "(als .csv of .xlsx): bronnen.csv, regio.csv, kerncijfers.csv"
        ],
        id="onbekende-bestandsnaam",
    ),
    pytest.param(
        set_cell("bronnen", 3, "regio", "andere-regio"),
        [
            "testregio/bronnen.csv, rij 3, kolom 'regio': gevonden 'andere-regio', "
            "verwacht 'testregio' (de naam van de map)"
        ],
        id="regio-kolom-wijkt-af",
    ),
    pytest.param(
        add_file(
            "escalatie.csv",
            "bron,vindplaats,peildatum,status,notitie,stap,soort,titel,omschrijving\n"
            "inkoop-2023,p. 30,2023-01-01,gepubliceerd,,1,stap,Gesprek,Over voortgang,extra\n",
        ),
        [
            "testregio/escalatie.csv, rij 2: 10 waarden gevonden, verwacht 9: één per "
            "kolom van rij 1 (controleer scheidingstekens en aanhalingstekens)"
        ],
        id="te-veel-waarden-in-rij",
    ),
    pytest.param(
        add_file(
            "escalatie.csv",
            "bron,vindplaats,peildatum,status,notitie,stap,soort,titel,omschrijving,\n"
            "inkoop-2023,p. 30,2023-01-01,gepubliceerd,,1,stap,Gesprek,Over voortgang,\n"
            "inkoop-2023,p. 30,2023-01-01,gepubliceerd,,2,stap,Plan,Een plan,zie notitie\n",
        ),
        [
            "testregio/escalatie.csv, rij 3: gevonden 'zie notitie', verwacht een lege cel: "
            "kolom 10 heeft geen naam"
        ],
        id="waarde-in-kolom-zonder-naam",
    ),
    pytest.param(
        both(remove("kosten"), empty_workbook("kosten")),
        [
            "testregio/kosten.xlsx: het eerste werkblad is leeg; verwacht in rij 1 de kolomnamen: "
            "bron, vindplaats"
        ],
        id="leeg-excelblad",
    ),
    pytest.param(
        in_shared(lambda rows: [*rows, ["perceel", "Nog eens uitgelegd", ""]]),
        [
            "algemeen/begrippen.csv, rij 5, kolom 'begrip': gevonden 'perceel', verwacht een "
            "unieke waarde; dezelfde waarde staat al in rij 2"
        ],
        id="dubbel-begrip",
    ),
]


@pytest.mark.parametrize(("mutate", "expected"), CASES)
def test_bad_input_is_reported_and_nothing_changes(
    sources: Path,
    out: Path,
    snapshot: Callable[[Path], dict[str, str]],
    mutate: Callable[[Path], None],
    expected: list[str],
) -> None:
    before = snapshot(out)
    mutate(sources)

    with pytest.raises(PreparationFailed) as failed:
        prepare(sources, out)

    messages = "\n".join(issue.message() for issue in failed.value.issues)
    for part in expected:
        assert part in messages
    assert snapshot(out) == before


def test_every_issue_of_a_run_is_reported(sources: Path, out: Path) -> None:
    """The preparation does not stop at the first problem: two files, two messages."""
    set_cell("kosten", 3, "bedrag", "veel")(sources)
    set_cell("perioden", 2, "soort", "verlenging")(sources)
    keep_rows("regio", 1)(sources)

    with pytest.raises(PreparationFailed) as failed:
        prepare(sources, out)

    messages = [issue.message() for issue in failed.value.issues]
    assert len(messages) == 3
    assert any("kosten.csv, rij 3, kolom 'bedrag'" in m for m in messages)
    assert any("perioden.csv, rij 2, kolom 'soort'" in m for m in messages)
    assert any("regio.csv, rij 2: het bestand heeft alleen een kopregel" in m for m in messages)


def test_unknown_bron_is_found_even_when_another_file_is_broken(sources: Path, out: Path) -> None:
    """A broken file elsewhere does not hide the cross-checks of the files that read fine."""
    set_cell("kosten", 2, "bron", "jaarverslag-2023")(sources)
    set_cell("perioden", 2, "start", "morgen")(sources)

    with pytest.raises(PreparationFailed) as failed:
        prepare(sources, out)

    assert [(i.file.rsplit("/", 1)[-1], i.row, i.column) for i in failed.value.issues] == [
        ("kosten.csv", 2, "bron"),
        ("perioden.csv", 2, "start"),
    ]


def test_bad_region_blocks_every_region(
    sources: Path,
    out: Path,
    snapshot: Callable[[Path], dict[str, str]],
    copy_region: Callable[[str], Path],
) -> None:
    """One broken region stops the whole run, so regions never drift apart."""
    copy_region("tweede-regio")
    set_cell("kosten", 2, "jaar", "twintig")(sources)
    before = snapshot(out)

    with pytest.raises(PreparationFailed) as failed:
        prepare(sources, out)

    assert [i.file.rsplit("/", 2)[-2] for i in failed.value.issues] == [FIXTURE_REGION]
    assert snapshot(out) == before
    assert not (out / "tweede-regio").exists()


def test_unknown_region_names_the_ones_there(sources: Path, out: Path) -> None:
    with pytest.raises(PreparationFailed) as failed:
        prepare(sources, out, ["regio-onbekend"])

    assert (
        failed.value.issues[0]
        .message()
        .endswith("sources/regio-onbekend: deze map bestaat niet; wel: algemeen, testregio")
    )
