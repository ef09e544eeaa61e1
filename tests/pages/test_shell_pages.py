"""Page tests (AppTest, from app.py) for the shell's own pages: Overzicht, Begrippen, Over."""

from __future__ import annotations

import shutil

import polars as pl

from components.build import prepare
from components.data import extracts
from tests.pages.conftest import ROOT, metrics, open_tables, shown_tables, table_keys, texts
from tests.reading import shown


def test_overview_shows_the_key_figures_and_the_questions(open_page):
    app = open_page()
    shown = metrics(app)
    assert shown["Inwoners in de regio"] == "300.000"
    assert shown["Omzet jeugdzorg"] == "€ 90 mln"
    assert shown["Gecontracteerde aanbieders jeugdhulp"] == "205"
    assert shown["Betaalovereenkomsten"] == "ruim 150"
    text = texts(app)
    assert "Inkoop jeugdhulp: Regio Alkmaar" in text
    assert (
        "Jeugdhulp voor 6 gemeenten, ingekocht door Netwerkorganisatie Regio Alkmaar (NORA); "
        "in 2023 was dat € 90 mln per jaar, bij 205 jeugdhulpaanbieders."
    ) in text
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
    assert "van 66 begrippen" in text  # 65 general terms and NORA, regio Alkmaar's own
    assert "**perceel**" not in text


def test_the_glossary_gives_the_regions_own_words_with_their_source(open_page):
    alkmaar = texts(open_page("begrippen", zoek="omslagpunt"))
    assert "Het jaar waarin de totale kosten van jeugdhulp ophouden met stijgen." in alkmaar
    assert "*In Regio Alkmaar:* De inkoopstrategie verwachtte het omslagpunt in 2025." in alkmaar
    assert "Bron: Inkoopstrategie" in alkmaar
    own = texts(open_page("begrippen", zoek="NORA"))
    assert "**NORA**  \n*In Regio Alkmaar:* Netwerkorganisatie Regio Alkmaar" in own
    other = texts(open_page("begrippen", regio="zuid-holland-zuid", zoek="omslagpunt"))
    assert "**omslagpunt**" in other
    assert "2025" not in other
    assert "In Zuid-Holland Zuid" not in other
    assert "0 van 65 begrippen" in texts(
        open_page("begrippen", regio="zuid-holland-zuid", zoek="NORA")
    )


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
    assert [shown(e.value) for e in page.error] == [
        f"Het gegevensbestand 'kostenaannames' van deze regio {changed} van dat in het "
        "overzichtsbestand. De cijfers op dit onderdeel kunnen daarom niet worden getoond. "
        "Vraag de beheerder van de cijfers (zie 'Over deze cijfers') om de voorbereiding "
        "opnieuw te draaien (python -m components.build.prepare)."
    ]
    assert metrics(open_page("aanbieders"))["Totaal"] == "205"
    for name in ("transformatie", "over"):
        assert shown(open_page(name, regio="zuid-holland-zuid").error[0].value).startswith(
            f"Het gegevensbestand 'regio' van deze regio {changed}"
        )
    assert not open_page("kosten", regio="duin-en-bollenstreek").error


def test_the_region_chooses_its_key_figures_for_the_overview_and_the_costs_page(
    open_page, sources, tmp_path, monkeypatch
):
    """Thirteen figures with the region's own ids: the overview shows the ones placed there,
    in the region's order; a figure placed on Kosten stands there; one without a place
    stands nowhere as a large figure."""
    path = sources / "testregio" / "kerncijfers.csv"
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    first = rows[0].split(",")
    own = []
    for i in range(1, 14):
        row = list(first)
        row[header.split(",").index("kengetal")] = f"eigen_cijfer_{i}"
        row[header.split(",").index("label")] = f"Eigen cijfer {i}"
        row[header.split(",").index("waarde")] = str(i * 100)
        row[-2:] = (
            ["overzicht", str(14 - i)] if i <= 11 else (["kosten", "1"] if i == 12 else ["", ""])
        )
        own.append(",".join(row))
    unplaced = [",".join([*r.split(",")[:-2], "", ""]) for r in rows]
    columns = header.split(",")
    ends = list(first)
    ends[columns.index("kengetal")], ends[columns.index("label")] = (
        "einde_contract",
        "Einde contract",
    )
    ends[columns.index("waarde")], ends[columns.index("eenheid")] = "", "datum"
    ends[columns.index("datum")], ends[columns.index("kwalificatie")] = "2023-01-01", "uiterlijk"
    ends[-2:] = ["overzicht", "20"]
    own.append(",".join(ends))
    path.write_text("\n".join([header, *unplaced, *own]) + "\n", encoding="utf-8")
    out = tmp_path / "extracts"
    prepare.prepare(sources, out)
    monkeypatch.setenv(extracts.DATA_ENV, str(out))

    overview = metrics(open_page(regio="testregio"))
    assert list(overview) == [*(f"Eigen cijfer {i}" for i in range(11, 0, -1)), "Einde contract"]
    assert overview["Einde contract"] == "uiterlijk 1 januari 2023"
    assert overview["Eigen cijfer 3"] == "circa 300"  # with the qualifier of the row copied
    kosten = metrics(open_page("kosten", regio="testregio"))
    assert kosten["Eigen cijfer 12"] == "circa 1.200"
    assert "Eigen cijfer 13" not in kosten
