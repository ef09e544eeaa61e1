"""The tables people read: Dutch text per cell, and the one HTML table the pages show."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import polars as pl

from components.common import tables
from tests import html_tables

FRAME = pl.DataFrame(
    {
        "Aanbieder": ["<script>alert('x')</script> & Zorg_B.V. *nieuw*", "Kind & Co"],
        "Jaar": [2024, 2025],
        "Bedrag (€)": [1234567.5, None],
        "Kwetsbaar": [True, False],
        "Sinds": [dt.date(2024, 1, 1), dt.date(2025, 3, 31)],
    }
)


def cells(markup: str) -> list[tuple[str, dict, str]]:
    """(tag, attributes, text) of every th and td, row by row."""
    (table,) = html_tables.read(markup)
    return [(cell.tag, cell.attrs, cell.text) for row in table for cell in row]


def test_a_cell_reads_as_written_in_dutch():
    shown = tables.for_display(FRAME)
    assert shown.row(0) == (
        "<script>alert('x')</script> & Zorg_B.V. *nieuw*",  # no markdown escapes any more
        "2024",
        "1.234.568",  # an amount in euros: whole euros on screen, exact in the downloads
        "ja",
        "1 januari 2024",
    )
    assert shown.row(1)[2:4] == ("–", "nee")


def test_a_column_of_numbers_has_one_number_of_decimals():
    """A reader compares down a column: '26.960.867' for a budget (not '26.960.867,0'),
    and '1,0' beside '0,1' for percentages (not '1' beside '0,10')."""
    shown = tables.for_display(
        pl.DataFrame(
            {
                "Budget (€)": [26_960_867.04, 450_000.0, 999.5],
                "Aandeel (%)": [1.0, 0.1, 0.005],
                "Afwijking (%)": [1.0, 0.1, 5.9],
                "Jongeren per aanbieder": [12.25, 3.0, 0.5],
                "Trajecten": [12.0, 3.0, 40.0],
            }
        )
    )
    assert shown.to_dict(as_series=False) == {
        "Budget (€)": ["26.960.867", "450.000", "1.000"],
        "Aandeel (%)": ["1,00", "0,10", "0,01"],
        "Afwijking (%)": ["1,0", "0,1", "5,9"],  # no more decimals than the values have
        "Jongeren per aanbieder": ["12,3", "3,0", "0,5"],
        "Trajecten": ["12", "3", "40"],
    }


def test_the_html_table_escapes_every_text_and_names_rows_and_columns():
    markup = tables.html_table(FRAME)
    assert markup.startswith(f'<div class="{tables.TABLE_CLASS}"><table>')
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    found = cells(markup)
    head, first_row = found[:5], found[5:10]
    assert [(tag, a.get("scope"), text) for tag, a, text in head] == [
        ("th", "col", "Aanbieder"),
        ("th", "col", "Jaar"),
        ("th", "col", "Bedrag (€)"),
        ("th", "col", "Kwetsbaar"),
        ("th", "col", "Sinds"),
    ]
    # The reader sees the name exactly as given; the first cell of a row is its header.
    assert first_row[0] == ("th", {"scope": "row"}, FRAME["Aanbieder"][0])
    assert [text for _, _, text in first_row[1:]] == ["2024", "1.234.568", "ja", "1 januari 2024"]


def test_numbers_line_up_on_the_right_and_text_on_the_left():
    found = cells(tables.html_table(FRAME))
    right = [text for _, attrs, text in found if attrs.get("class") == "getal"]
    assert right == ["Jaar", "Bedrag (€)", "2024", "1.234.568", "2025", "–"]


def test_numbers_written_as_text_line_up_on_the_right_too():
    """A table with hidden cells holds its counts and amounts as text; they still line up
    as numbers. A text that merely starts with a digit does not."""
    frame = pl.DataFrame(
        {
            "Productcategorie": ["41 Dagbehandeling", "46 Jeugdhulp crisis", "Totaal"],
            "Jeugdigen": ["14", "< 5", "260"],
            "Uitgaven (€)": ["€ 214.103", "afgeschermd", "€ 3.263.350"],
            "Verschil": ["-5,9%", "–", "12,5%"],
            "2025": ["2.263", "11,7%", "97 dagen"],  # a measure per row, each with its unit
        }
    )
    classes = {text: attrs.get("class") for _, attrs, text in cells(tables.html_table(frame))}
    assert classes["Jeugdigen"] == classes["< 5"] == classes["€ 214.103"] == "getal"
    assert classes["afgeschermd"] == classes["-5,9%"] == classes["97 dagen"] == "getal"
    assert classes["Productcategorie"] is None and classes["41 Dagbehandeling"] is None


def test_an_empty_frame_gives_a_table_with_only_its_header():
    markup = tables.html_table(FRAME.clear())
    assert [text for _, _, text in cells(markup)] == list(FRAME.columns)
    assert "<tbody></tbody>" in markup


def test_a_long_text_column_is_marked_so_it_keeps_its_width_in_a_wide_table():
    note = (
        "Gemeten in het jaar voor de start van het contract; de regio telt alleen cliënten "
        "met een beschikking, niet de cliënten van de vrij toegankelijke hulp."
    )
    frame = pl.DataFrame({"KPI": ["Wachttijd", "Uitstroom"], "Toelichting": [note, "Kort."]})
    frame = frame.with_columns(Waarde=pl.Series([12, 7]), Kort=pl.Series(["a", "b"]))
    assert len(note) == tables.LONG_TEXT + 1
    classes = {text: attrs.get("class") for _, attrs, text in cells(tables.html_table(frame))}
    assert classes["Toelichting"] == classes[note] == classes["Kort."] == "lang"
    assert classes["Waarde"] == classes["12"] == "getal"
    assert classes["KPI"] is None and classes["Kort"] is None
    # One character less is not long: the column is left to the browser.
    shorter = frame.with_columns(pl.col("Toelichting").str.slice(0, tables.LONG_TEXT))
    assert "lang" not in tables.html_table(shorter)


HOSTILE = pl.DataFrame(
    {
        "Aanbieder": ['=HYPERLINK("https://x.example","Klik")', "+31 6", "-1+1", "@SUM(A1)",
                      "\tTab", "Gewoon", "http://x.example"],
        "Bedrag": [-1234.5, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
    }
)  # fmt: skip


def test_a_csv_download_holds_no_formula_and_exact_numbers():
    text = tables.csv_bytes(HOSTILE).decode("utf-8-sig")
    read = pl.read_csv(io.StringIO(text), separator=";", decimal_comma=True)
    assert read["Aanbieder"].to_list() == [
        "'=HYPERLINK(\"https://x.example\",\"Klik\")", "'+31 6", "'-1+1", "'@SUM(A1)",
        "'\tTab", "Gewoon", "http://x.example",
    ]  # fmt: skip
    assert read["Bedrag"].to_list() == HOSTILE["Bedrag"].to_list()


def test_an_excel_download_holds_every_text_as_text():
    sheet = openpyxl.load_workbook(io.BytesIO(tables.excel_bytes({"cijfers": HOSTILE}))).active
    names = [cell for (cell,) in sheet.iter_rows(min_row=2, max_col=1)]
    assert [c.value for c in names] == HOSTILE["Aanbieder"].to_list()
    assert {c.data_type for c in names} == {"s"}  # text, not a formula ('f')
    assert all(c.hyperlink is None for c in names)
    amounts = [c.value for (c,) in sheet.iter_rows(min_row=2, min_col=2, max_col=2)]
    assert amounts == HOSTILE["Bedrag"].to_list()
