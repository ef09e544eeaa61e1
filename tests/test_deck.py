"""The PowerPoint deck, opened as a presenter would: python-pptx reads what PowerPoint reads,
and LibreOffice converts it to PDF without a repair step.

Checked against the extract figures: providers per lot 167/38/26 and the quadrant shares
55/20/15/10 (NORA slides, inkoopstrategie), as native, editable charts.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.enum.text import PP_ALIGN

from components.data import extracts
from components.outputs import deck, slides

RECONSTRUCTION = "Een reconstructie, niet de begroting van de regio."
QUADRANTS = "Aandeel in het budget tegenover aandeel in de cliënten"

REGIO = "regio-alkmaar"
TODAY = dt.date(2026, 11, 22)
REGIONS = tuple(extracts.list_regions())


@pytest.fixture(scope="module")
def expected() -> list[slides.Slide]:
    return slides.region_slides(slides.load_frames(REGIO), TODAY)


@pytest.fixture(scope="module")
def pptx_file(tmp_path_factory, expected) -> Path:
    path = tmp_path_factory.mktemp("deck") / "deck.pptx"
    path.write_bytes(deck.build(expected))
    return path


@pytest.fixture(scope="module")
def opened(pptx_file):
    return Presentation(str(pptx_file))


def charts_of(slide) -> list:
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def texts_of(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def slide_titled(opened, expected, title: str):
    index = next(i for i, s in enumerate(expected) if s.title == title)
    return opened.slides[index], expected[index]


def test_one_powerpoint_slide_per_slide_with_the_headline_as_title(opened, expected):
    assert len(opened.slides) == len(expected) == 35
    assert [s.shapes.title.text for s in opened.slides] == [s.headline for s in expected]
    assert opened.slide_width > opened.slide_height  # 16:9, like the screen


def test_providers_key_figures_are_on_the_first_providers_slide(opened, expected):
    shown, _ = slide_titled(opened, expected, "Aanbieders")
    texts = texts_of(shown)
    for value, label in (("167", "Ambulant"), ("38", "Verblijf"), ("26", "Combinatie")):
        assert value in texts and label in texts
    assert "205" in texts and "Totaal" in texts
    notes = shown.notes_slide.notes_text_frame.text
    assert "Ambulant: 167" in notes and "Totaal: 205" in notes
    assert "Bron: Inkoop Jeugdhulp" in notes


def test_providers_per_sublot_are_a_native_bar_chart_with_the_slide_figures(opened, expected):
    shown, _ = slide_titled(opened, expected, "Ambulant: aanbieders per deelperceel")
    (chart,) = charts_of(shown)
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    plot = chart.plots[0]
    assert list(plot.categories)[:2] == ["Herstelgericht", "Ondersteuningsgericht"]
    (series,) = plot.series
    assert list(series.values) == [131, 104, 86, 9, 3]
    assert plot.has_data_labels  # the numbers are written on the bars
    notes = shown.notes_slide.notes_text_frame.text
    assert "Herstelgericht: 131 aanbieders" in notes
    assert "Bron: Inkoop Jeugdhulp" in notes


def test_quadrant_shares_are_two_native_series(opened, expected):
    shown, _ = slide_titled(opened, expected, QUADRANTS)
    (chart,) = charts_of(shown)
    budget, clients = chart.plots[0].series
    assert (budget.name, list(budget.values)) == ("Aandeel budget", [55, 20, 15, 10])
    assert (clients.name, list(clients.values)) == ("Aandeel cliënten", [65, 5, 15, 15])
    assert chart.has_legend  # two series: the legend names them


def test_cost_curve_is_a_native_line_chart_of_the_model(opened, expected):
    shown, item = slide_titled(opened, expected, "Kosten met en zonder maatregelen")
    (chart,) = charts_of(shown)
    assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
    values = {s.name: list(s.values) for s in chart.plots[0].series}
    native = dict(slides.native(item).series)
    assert values["Met maatregelen"] == pytest.approx(native["Met maatregelen"])
    lead, _ = slide_titled(opened, expected, "Kosten")
    assert any(RECONSTRUCTION in text for text in texts_of(lead))


def test_every_chart_is_native_and_no_slide_carries_a_picture(opened, expected):
    for shown, item in zip(opened.slides, expected, strict=True):
        assert len(charts_of(shown)) == (1 if slides.native(item) else 0), item.title
        kinds = {shape.shape_type for shape in shown.shapes}
        assert MSO_SHAPE_TYPE.PICTURE not in kinds, item.title


def test_timelines_and_kpis_become_native_tables(opened, expected):
    shown, item = slide_titled(opened, expected, "Contracten Jeugdhulp (1 van 2)")
    (table,) = [shape.table for shape in shown.shapes if shape.has_table]
    assert [c.text for c in table.rows[0].cells][:2] == ["Overeenkomst", "Huidige einddatum"]
    rows = [r.cells[0].text for r in list(table.rows)[1:]]
    assert rows == slides.table(item)["Overeenkomst"].to_list()
    assert table.rows[1].cells[1].text == "31 december 2030"


def test_numbers_in_a_native_table_line_up_on_the_right(opened, expected):
    shown, _ = slide_titled(opened, expected, "Van beginwaarde naar meting en streefwaarde")
    (table,) = [shape.table for shape in shown.shapes if shape.has_table]
    header = [c.text for c in table.rows[0].cells]
    assert header == ["KPI", "Beginwaarde", "Meting", "Streefwaarde", "Oordeel"]
    for row in table.rows:
        aligned = [c.text_frame.paragraphs[0].alignment for c in row.cells]
        assert aligned == [None, PP_ALIGN.RIGHT, PP_ALIGN.RIGHT, PP_ALIGN.RIGHT, None]


def test_every_slide_shows_its_source_line(opened, expected):
    for shown, item in zip(opened.slides, expected, strict=True):
        if item.source:
            assert any(item.source.split("\n")[-1] in text for text in texts_of(shown)), item.title


def test_a_question_slide_is_followed_by_its_answer(opened, expected):
    index = next(i for i, s in enumerate(expected) if s.asks)
    asked, answered = opened.slides[index], opened.slides[index + 1]
    assert asked.shapes.title.text == answered.shapes.title.text
    assert "Wat denkt u?" in texts_of(asked)
    assert not any(t.startswith("Antwoord:") for t in texts_of(asked))
    assert any(t == f"Antwoord: {slides.answer(expected[index + 1])}" for t in texts_of(answered))


@pytest.mark.parametrize("regio", REGIONS)
def test_every_region_gets_a_deck(tmp_path, regio):
    target = tmp_path / f"{regio}.pptx"
    assert deck.main(["--regio", regio, "--uit", str(target)]) == 0
    expected = slides.region_slides(slides.load_frames(regio))
    assert [s.shapes.title.text for s in Presentation(str(target)).slides] == [
        s.headline for s in expected
    ]


def test_the_command_names_a_missing_region_in_dutch(tmp_path, capsys):
    assert deck.main(["--regio", "bestaat-niet", "--uit", str(tmp_path / "x.pptx")]) == 1
    assert "bestaat-niet" in capsys.readouterr().err
    assert not (tmp_path / "x.pptx").exists()


def pdf_pages(path: Path) -> int:
    """Pages in a PDF (the page objects of its page tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", path.read_bytes()))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice ontbreekt (tests/run.sh)")
def test_libreoffice_opens_the_deck_without_repair(pptx_file, tmp_path, expected):
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profiel",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(pptx_file)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "deck.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf_pages(pdf) == len(expected)


def test_an_output_folder_that_does_not_exist_is_named_in_dutch(tmp_path, capsys):
    target = tmp_path / "bestaat-niet" / "deck.pptx"
    assert deck.main(["--regio", "regio-alkmaar", "--uit", str(target)]) == 1
    assert capsys.readouterr().err == (
        f"Kan {target} niet schrijven: de map bestaat niet. Er is niets geschreven.\n"
    )
    assert not target.parent.exists()
