"""The handout: takeaways, charts and sources of every page on A4, as HTML and as PDF."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import polars as pl
import pytest

from components.common.sections import Chart
from components.outputs import handout, slides
from tests import html_tables

REGIO = "regio-alkmaar"
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def expected() -> list[slides.Slide]:
    return slides.region_slides(slides.load_frames(REGIO), TODAY)


@pytest.fixture(scope="module")
def text() -> str:
    return handout.region_handout(REGIO, today=TODAY)


def test_every_takeaway_and_source_line_is_in_the_handout(text, expected):
    for item in expected:
        assert html.escape(item.headline) in text, item.title
        for line in item.source.split("\n"):
            assert html.escape(line) in text, item.title
    assert "Inkoop jeugdhulp: Regio Alkmaar" in text
    assert "gemaakt op 22 november 2026" in text


def test_pages_come_in_presentation_order_each_on_a_new_sheet(text):
    headings = re.findall(r'<section class="page"><h2>([^<]+)</h2>', text)
    assert headings == ["Overzicht", "Aanbieders", "Contracten", "Transformatie", "Kosten"]
    assert "@page { size: A4" in text
    assert "section.page { break-before: page; }" in text
    assert "article { break-inside: avoid" in text


def test_charts_are_embedded_and_need_no_internet(text, expected):
    charts = sum(1 for item in expected if slides.chart(item) is not None)
    assert text.count('<div class="chart">') == charts
    assert "<script src=" not in text  # Plotly's JavaScript is in the file itself
    assert "Plotly.newPlot" in text or "Plotly.react" in text
    # The figures of the ambulant sub-lot chart are in the file as data.
    assert '"x":[131,104,86,9,3]' in text.replace(" ", "")


def test_a_question_appears_once_with_its_answer(text, expected):
    answer = next(i for i in expected if i.reveal and slides.answer(i).startswith("205"))
    assert text.count(html.escape(answer.headline)) == 1
    assert f"Antwoord: {html.escape(slides.answer(answer))}" in text


def test_fictitious_and_illustrative_figures_are_labelled(expected):
    fictitious = handout.region_handout("voorbeeldregio", today=TODAY)
    assert fictitious.count(html.escape(slides.FICTITIOUS)) >= 5
    regio_alkmaar = handout.build(
        expected, region="Regio Alkmaar", organisation="NORA", today=TODAY
    )
    assert "Een reconstructie, niet de begroting van de regio." in regio_alkmaar
    assert "ILLUSTRATIEF" in regio_alkmaar


def pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", path.read_bytes()))


@pytest.mark.skipif(not Path(handout.CHROMIUM).exists(), reason="Chromium ontbreekt (tests/run.sh)")
def test_the_command_writes_html_and_a_printed_pdf(tmp_path):
    page, pdf = tmp_path / "handout.html", tmp_path / "handout.pdf"
    assert handout.main(["--regio", REGIO, "--uit", str(page), "--pdf", str(pdf)]) == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert pdf.read_bytes().startswith(b"%PDF")
    # Five pages, each on its own sheet, most over more than one.
    assert pdf_pages(pdf) >= 5


def test_the_command_needs_an_output_and_a_known_region(tmp_path, capsys):
    with pytest.raises(SystemExit):
        handout.main(["--regio", REGIO])
    assert handout.main(["--regio", "bestaat-niet", "--uit", str(tmp_path / "h.html")]) == 1
    assert "De regio 'bestaat-niet' staat niet in de gegevens" in capsys.readouterr().err


def test_an_output_that_cannot_be_written_is_named_in_dutch_and_nothing_is_written(
    tmp_path, capsys
):
    page, pdf = tmp_path / "handout.html", tmp_path / "bestaat-niet" / "handout.pdf"
    assert handout.main(["--regio", REGIO, "--uit", str(page), "--pdf", str(pdf)]) == 1
    assert capsys.readouterr().err == (
        f"Kan {pdf} niet schrijven: de map bestaat niet. Er is niets geschreven.\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_table_slide_prints_its_table_in_dutch_and_escaped():
    """No shipped slide has a table without a chart; a region's could."""
    table = pl.DataFrame({"Overeenkomst": ["Zorg_B.V. <b>& Co</b>"], "Contracten": [1234]})
    item = slides.Slide("contracten", "Contracten", "Kop", Chart(table=table))
    (rows,) = html_tables.read(handout._article(item))
    assert [[cell.text for cell in row] for row in rows] == [
        ["Overeenkomst", "Contracten"],
        ["Zorg_B.V. <b>& Co</b>", "1.234"],
    ]
    assert rows[1][0].tag == "th" and rows[1][1].attrs == {"class": "getal"}
