"""Page tests (AppTest, from app.py) for the shell's own pages: Overzicht, Begrippen, Over."""

from __future__ import annotations

import shutil

import polars as pl

from components.data import extracts
from tests.pages.conftest import ROOT, metrics, open_tables, shown_tables, table_keys, texts


def test_overview_shows_the_key_figures_and_the_questions(open_page):
    app = open_page()
    shown = metrics(app)
    assert shown["Inwoners in de regio"] == "300.000"
    assert shown["Omzet jeugdzorg"] == "€ 90 mln"
    assert shown["Gecontracteerde aanbieders jeugdhulp"] == "205"
    assert shown["Betaalovereenkomsten"] == "ruim 150"
    text = texts(app)
    assert "Inkoop jeugdhulp: Regio Alkmaar" in text
    assert "€ 90 mln per jaar, bij 205 jeugdhulpaanbieders" in text
    assert "Hoeveel zorgaanbieders zijn gecontracteerd" in text
    assert [b.label for b in app.button if b.label == "Toon het antwoord"] == [
        "Toon het antwoord"
    ] * 3


def test_a_question_card_reveals_its_answer_with_the_source(open_page):
    app = open_page()
    app.button(key="overzicht_looptijd-contracten_shown_show").click().run()
    text = texts(app)
    assert "Antwoord: 8 jaar" in text
    assert "Inkoopstrategie" in text  # the answer's source document


def test_a_region_without_key_figures_says_so(open_page):
    app = open_page(regio="duin-en-bollenstreek")
    assert "De documenten van deze regio geven geen kerncijfers." in texts(app)
    assert metrics(app) == {}


def test_the_fictitious_region_is_labelled(open_page):
    app = open_page(regio="voorbeeldregio")
    assert "Dit is een fictieve voorbeeldregio: geen echte cijfers." in texts(app)


def test_unknown_region_in_the_link_gives_a_notice_and_the_default(open_page):
    app = open_page(regio="bestaat-niet")
    text = texts(app)
    assert "De regio in de link bestaat niet in deze gegevens; u ziet nu Regio Alkmaar." in text
    assert "bestaat-niet" not in text


def test_glossary_search_from_the_link(open_page):
    app = open_page("begrippen", zoek="omslagpunt")
    text = texts(app)
    assert "**omslagpunt**" in text
    assert f"van {extracts.read_shared('begrippen').height} begrippen" in text
    assert "**perceel**" not in text


def test_about_page_lists_sources_inconsistencies_and_accessibility(open_page):
    app = open_page("over")
    text = texts(app)
    assert "Inkoopstrategie ambulante jeugdhulp en jeugdhulp met verblijf" in text
    assert "Cijfers die niet optellen of ontbreken" in text
    assert "combinatie" in text.lower()
    assert "WCAG 2.1" in text
    assert "de percelen tellen op tot 231" in text  # a preparation warning, kept visible


def test_a_closed_table_is_built_only_when_opened(open_page):
    """Sources table on Over: closed at first (nothing drawn), opened it shows every source."""
    app = open_page("over", tables=False)
    closed = [key for key in table_keys(app) if not app.session_state[key]]
    assert closed == ["over_bronnen_open"]
    assert not [t for t in shown_tables(app) if t.index.name == "Bron"]

    app = open_tables(app)
    (sources,) = [t for t in shown_tables(app) if t.index.name == "Bron"]
    assert "Inkoopstrategie ambulante jeugdhulp en jeugdhulp met verblijf" in set(sources["Titel"])


def test_a_file_changed_after_preparation_stops_only_its_pages(open_page, tmp_path, monkeypatch):
    """Kosten of one region edited by hand: that page says so in Dutch; the region's other
    pages and the other regions keep working."""
    root = tmp_path / "extracts"
    shutil.copytree(ROOT / "data" / "extracts", root)
    kosten = root / "regio-alkmaar" / "kostenaannames.parquet"
    pl.read_parquet(kosten).with_columns(pl.col("waarde") * 2).write_parquet(kosten)
    regio = root / "zuid-holland-zuid" / "regio.parquet"
    pl.read_parquet(regio).with_columns(pl.lit(None, pl.String).alias("naam")).write_parquet(regio)
    monkeypatch.setenv(extracts.DATA_ENV, str(root))

    changed = "is gewijzigd na de voorbereiding: het controlegetal verschilt"
    page = open_page("kosten")
    assert [e.value for e in page.error] == [
        f"Het gegevensbestand 'kostenaannames' van deze regio {changed} van dat in het "
        "overzichtsbestand. De cijfers op dit onderdeel kunnen daarom niet worden getoond. "
        "Vraag de beheerder van de cijfers (zie 'Over deze cijfers') om de voorbereiding "
        "opnieuw te draaien (python -m components.build.prepare)."
    ]
    assert metrics(open_page("aanbieders"))["Totaal"] == "205"
    for name in ("transformatie", "over"):
        assert (
            open_page(name, regio="zuid-holland-zuid")
            .error[0]
            .value.startswith(f"Het gegevensbestand 'regio' van deze regio {changed}")
        )
    assert not open_page("kosten", regio="duin-en-bollenstreek").error
