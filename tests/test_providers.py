"""Unit tests of the provider transforms and chart builders, on small fixed frames.

The published counts are the NORA providers slide (jeugdhulp 2024) plus the 188 of 2023
and the 127 Wmo providers; the register is a tiny invented one with two years, a
sub-lot held by exactly three providers (the risk threshold) and a name with HTML in it.
"""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from components.build import schema
from components.common import fmt
from components.providers import charts
from components.providers import model as p
from components.providers import register as reg
from tests.reading import shown

NORA = {"bron": "nora", "vindplaats": "dia", "peildatum": dt.date(2023, 12, 6)}
XSS = "<script>alert('xss')</script> & <b>Vet</b> Zorg B.V."
NORA_LOTS = {"ambulant": 167, "verblijf": 38, "combinatie": 26}
NORA_SIZES = {"groot": 12, "klein": 124, "vrijgevestigd": 69}
NORA_SUBLOTS = {
    "ambulant": {
        "Herstelgericht": 131,
        "Ondersteuningsgericht": 104,
        "Consultatie": 86,
        "Dyslexie": 9,
        "Crisisopvang": 3,
    },
    "verblijf": {
        "Crisisopvang": 17,
        "Behandelgroepen": 15,
        "Drie-milieuvoorziening": 2,
        "Gezinshuizen": 10,
        "Klinische jeugd GGZ (besloten)": 2,
        "Klinische jeugd GGZ (gesloten)": 1,
        "Logeren": 13,
        "Pleegzorg": 5,
        "Zelfstandigheidstraining/Kamertrainingscentrum (KTC)": 17,
    },
}


TODAY = dt.date(2026, 11, 22)


def _schema(model) -> dict[str, pl.DataType]:
    return {
        name: pl.Date if dtype == "Date" else getattr(pl, dtype)
        for name, dtype in schema.columns(model).items()
    }


def count(aantal, jaar=2024, perceel=None, deelperceel=None, grootteklasse=None, **extra):
    """One row of aanbieders_aantallen."""
    row = {
        "regio": "testregio",
        **NORA,
        "status": "gepubliceerd",
        "notitie": None,
        "jaar": jaar,
        "domein": "jeugd",
        "perceel": perceel,
        "deelperceel": deelperceel,
        "grootteklasse": grootteklasse,
        "aantal": aantal,
        "kwalificatie": None,
        "telt": "aanbieders",
    }
    return row | extra


def counts_frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=_schema(schema.AanbiedersAantallen))


@pytest.fixture
def nora() -> pl.DataFrame:
    """The published counts of regio Alkmaar, as the sources give them."""
    rows = [count(205, notitie="Dia: 'TOTAAL 205'.")]
    rows += [count(n, perceel=lot) for lot, n in NORA_LOTS.items()]
    rows += [count(n, grootteklasse=size) for size, n in NORA_SIZES.items()]
    rows += [
        count(n, perceel=lot, deelperceel=name)
        for lot, names in NORA_SUBLOTS.items()
        for name, n in names.items()
    ]
    rows.append(
        count(188, jaar=2023, bron="castricummer", peildatum=dt.date(2023, 1, 1), notitie="188.")
    )
    rows.append(count(127, jaar=2023, domein="wmo", notitie="127 Wmo."))
    return counts_frame(rows)


def provider(jaar, aanbieder_id, naam, size, *held, status="gepubliceerd"):
    """Register rows of one provider: ``held`` are (perceel, deelperceel) pairs."""
    return [
        {
            "regio": "testregio",
            "bron": "register",
            "vindplaats": "registerexport",
            "peildatum": dt.date(jaar, 1, 1),
            "status": status,
            "notitie": None,
            "jaar": jaar,
            "aanbieder_id": aanbieder_id,
            "aanbieder": naam,
            "domein": "jeugd",
            "perceel": lot,
            "deelperceel": sublot,
            "grootteklasse": size,
        }
        for lot, sublot in held
    ]


@pytest.fixture
def register() -> pl.DataFrame:
    """Five providers in 2024 (A1 holds both lots), three in 2023 (A6 left, A3–A5 joined)."""
    rows = []
    alfa = [("ambulant", "Herstelgericht"), ("ambulant", "Consultatie"), ("verblijf", "Pleegzorg")]
    for year in (2023, 2024):
        rows += provider(year, "A1", "Alfa Zorg", "groot", *alfa)
        rows += provider(
            year,
            "A2",
            "Beta Praktijk",
            "vrijgevestigd",
            ("ambulant", "Herstelgericht"),
            ("ambulant", "Consultatie"),
        )
    rows += provider(2023, "A6", "Epsilon", "klein", ("ambulant", "Herstelgericht"))
    rows += provider(
        2024, "A3", XSS, "klein", ("ambulant", "Herstelgericht"), ("ambulant", "Dyslexie")
    )
    rows += provider(
        2024, "A4", "Gamma Huis", "klein", ("verblijf", "Pleegzorg"), ("verblijf", "Gezinshuizen")
    )
    rows += provider(
        2024,
        "A5",
        "Delta (Noord)",
        "klein",
        ("ambulant", "Herstelgericht"),
        ("ambulant", "Consultatie"),
    )
    return pl.DataFrame(rows, schema=_schema(schema.Aanbiedersregister))


# --- published counts ------------------------------------------------------------------


def test_key_figures_are_the_slide_in_its_order_with_what_they_count(nora):
    shown = p.key_figures(p.for_year(nora, 2024))
    assert [(f.label, f.value) for f in shown] == [
        ("Ambulant", "167"),
        ("Verblijf", "38"),
        ("Combinatie", "26"),
        ("Groot (> 100 fte)", "12"),
        ("Klein (5–100 fte)", "124"),
        ("Vrijgevestigd (< 5 fte)", "69"),
        ("Totaal", "205"),
    ]
    assert shown[-1].note == "Telt: aanbieders. Dia: 'TOTAAL 205'."
    assert p.key_figure_rows(p.for_year(nora, 2024)).height == 7


def test_a_year_with_only_a_total_gives_one_key_figure_and_says_there_is_no_split(nora):
    rows = p.for_year(nora, 2023)
    assert [(f.label, f.value) for f in p.key_figures(rows)] == [("Totaal", "188")]
    assert p.takeaway("Regio Alkmaar", 2023, rows, TODAY) == (
        "In 2023 had Regio Alkmaar 188 aanbieders voor jeugdhulp gecontracteerd; "
        "de bron geeft geen verdeling over percelen of grootte."
    )
    assert p.sublot_sections(rows) == []
    assert p.size_section(rows) is None


def test_takeaway_names_total_lots_and_largest_size_class(nora):
    assert p.takeaway("Regio Alkmaar", 2024, p.for_year(nora, 2024), TODAY) == (
        "In 2024 had Regio Alkmaar 205 aanbieders voor jeugdhulp gecontracteerd: 167 ambulant "
        "en 38 met verblijf; de grootste groep zijn kleine instellingen (124)."
    )


def test_definitions_explain_combinatie_and_the_size_classes(nora):
    text = p.definitions(p.for_year(nora, 2024))
    assert "Combinatie: aanbieders met beide percelen (ambulant én verblijf)." in text
    assert "meer dan 100 fte" in text and "5 tot 100 fte" in text and "minder dan 5 fte" in text
    assert p.definitions(p.for_year(nora, 2023)) == ""


def test_counts_statement_says_what_is_counted_and_names_a_mix():
    same = counts_frame([count(205), count(167, perceel="ambulant")])
    assert p.counts_statement(same) == "Volgens de bron tellen deze getallen aanbieders."
    mixed = counts_frame([count(205, telt="contracten"), count(167, perceel="ambulant")])
    assert p.counts_statement(mixed) == (
        "Let op, de getallen tellen niet hetzelfde: Ambulant telt aanbieders; "
        "Totaal telt contracten."
    )


def test_two_sources_with_different_numbers_are_both_named_and_the_latest_is_shown():
    rows = counts_frame(
        [
            count(205, bron="nora"),
            count(190, bron="nieuws", peildatum=dt.date(2024, 3, 1)),
            count(167, perceel="ambulant"),
        ]
    )
    assert p.other_values(rows) == ["Totaal 2024: de bronnen noemen 190 en 205 (nieuws, nora)."]
    assert p.total(rows)["aantal"].to_list() == [190]


def test_sublots_per_lot_largest_first_and_their_sum_exceeds_the_lot(nora):
    sections = p.sublot_sections(p.for_year(nora, 2024))
    assert [s.title for s in sections] == [
        "Ambulant: aanbieders per deelperceel",
        "Verblijf: aanbieders per deelperceel",
    ]
    ambulant = sections[0].table
    assert ambulant.columns == ["Deelperceel", "Perceel", "Aantal aanbieders"]
    assert ambulant.rows() == [
        ("Herstelgericht", "Ambulant", 131),
        ("Ondersteuningsgericht", "Ambulant", 104),
        ("Consultatie", "Ambulant", 86),
        ("Dyslexie", "Ambulant", 9),
        ("Crisisopvang", "Ambulant", 3),
    ]
    assert (
        dict(sections[1].table.select("Deelperceel", "Aantal aanbieders").rows())
        == (NORA_SUBLOTS["verblijf"])
    )
    assert sections[0].takeaway == (
        "Herstelgericht heeft de meeste aanbieders (131). Samen 333 deelpercelen bij 167 "
        "aanbieders ambulant: één aanbieder kan meerdere deelpercelen hebben, dus deze getallen "
        "tellen niet op tot het perceel."
    )
    assert "Samen 82 deelpercelen bij 38" in sections[1].takeaway


def test_lot_and_sublot_filters_narrow_the_sublot_sections(nora):
    rows = p.for_year(nora, 2024)
    only = p.sublot_sections(rows, "verblijf", ["Crisisopvang", "Pleegzorg"])
    assert [s.key for s in only] == ["verblijf"]
    assert only[0].table.rows() == [("Crisisopvang", "Verblijf", 17), ("Pleegzorg", "Verblijf", 5)]
    # A sub-lot only one lot has: the other lot's section is left out, not shown empty.
    assert [s.key for s in p.sublot_sections(rows, p.ALL, ["Dyslexie"])] == ["ambulant"]
    both = p.sublot_sections(rows, p.ALL, ["Crisisopvang"])
    assert [s.table["Aantal aanbieders"].to_list() for s in both] == [[3], [17]]
    assert p.sublot_names(rows, "ambulant") == sorted(NORA_SUBLOTS["ambulant"])


def test_size_classes_as_a_share_of_the_whole(nora):
    section = p.size_section(p.for_year(nora, 2024))
    assert section.table["Aantal"].to_list() == [12, 124, 69]
    assert section.table["Aandeel (%)"].round(1).to_list() == [5.9, 60.5, 33.7]
    assert section.table["Aandeel (%)"].sum() == pytest.approx(100)
    assert section.takeaway == "60,5% zijn kleine instellingen; 5,9% zijn grote instellingen."


def test_change_over_time_warns_that_the_years_may_count_different_things(nora):
    section = p.year_section(nora)
    assert section.table.select("Jaar", "Aantal").rows() == [("2023", 188), ("2024", 205)]
    assert section.table["Toelichting"].to_list() == ["188.", "Dia: 'TOTAAL 205'."]
    assert section.takeaway.startswith("188 in 2023, 205 in 2024: 17 meer. Of dat een echte")
    assert p.year_section(nora.filter(pl.col("jaar") == 2024)) is None


def test_youth_and_wmo_side_by_side_name_their_years(nora):
    section = p.domain_section(nora)
    assert section.table.select("Domein", "Aantal").rows() == [
        ("Jeugdhulp (2024)", 205),
        ("Wmo (2023)", 127),
    ]
    assert section.takeaway == (
        "205 aanbieders voor jeugdhulp (2024) en 127 aanbieders voor de Wmo (2023). Let op: de "
        "getallen gaan niet over hetzelfde jaar. Een aanbieder kan in beide domeinen werken."
    )
    assert p.domain_section(nora.filter(pl.col("domein") == "jeugd")) is None


# --- the register ----------------------------------------------------------------------


def test_counts_from_the_register_count_distinct_providers(register):
    derived = p.for_year(reg.counts_from_register(register), 2024)
    figures = {(f.label, f.value) for f in p.key_figures(derived)}
    assert figures == {
        ("Totaal", "5"),
        ("Ambulant", "4"),
        ("Verblijf", "2"),
        ("Combinatie", "1"),
        ("Groot (> 100 fte)", "1"),
        ("Klein (5–100 fte)", "3"),
        ("Vrijgevestigd (< 5 fte)", "1"),
    }
    assert set(derived["status"].to_list()) == {"afgeleid"}
    herstel = p.sublots(derived, "ambulant", ["Herstelgericht"])
    assert herstel["aantal"].to_list() == [4]


def test_a_fictitious_register_gives_illustrative_figures(register):
    fictitious = register.with_columns(pl.lit("illustratief").alias("status"))
    derived = reg.counts_from_register(fictitious)
    assert set(derived["status"].to_list()) == {"illustratief"}
    assert p.key_figures(p.for_year(derived, 2024))[0].display_label == "Ambulant (illustratief)"


def test_published_counts_are_never_replaced_by_register_counts(nora, register):
    combined = reg.all_figures(nora, register)
    assert p.total(p.for_year(combined, 2024))["aantal"].to_list() == [205]
    assert p.total(p.for_year(combined, 2023))["aantal"].to_list() == [188]
    only_register = reg.all_figures(nora.head(0), register)
    assert p.years(only_register) == [2024, 2023]
    assert p.total(p.for_year(only_register, 2023))["aantal"].to_list() == [3]


def test_matrix_puts_every_provider_in_one_row(register):
    section = reg.matrix_section(p.for_year(register, 2024))
    assert section.table.columns == [
        "Perceel",
        "Grote instelling (> 100 fte)",
        "Kleine instelling (5–100 fte)",
        "Vrijgevestigde / kleine praktijk (< 5 fte)",
        "Totaal",
    ]
    assert section.table.rows() == [
        ("Alleen ambulant", 0, 2, 1, 3),
        ("Alleen verblijf", 0, 1, 0, 1),
        ("Beide percelen (combinatie)", 1, 0, 0, 1),
        ("Totaal", 1, 3, 1, 5),
    ]
    assert section.takeaway.startswith("5 verschillende aanbieders; 1 daarvan hebben beide")


def test_concentration_flags_three_or_fewer_providers_as_vulnerable(register):
    section = reg.concentration_section(p.for_year(register, 2024))
    table = section.table
    assert table.columns == ["Deelperceel", "Perceel", "Aantal aanbieders", reg.RISK_COLUMN]
    assert table.rows() == [
        ("Dyslexie", "Ambulant", 1, True),
        ("Gezinshuizen", "Verblijf", 1, True),
        ("Pleegzorg", "Verblijf", 2, True),
        ("Consultatie", "Ambulant", 3, True),
        ("Herstelgericht", "Ambulant", 4, False),
    ]
    assert section.takeaway.startswith(
        "4 deelpercelen hebben drie of minder aanbieders: Dyslexie (ambulant, 1), "
    )
    assert "faillissement" in section.takeaway
    only = reg.concentration_section(
        p.for_year(register, 2024), lot="ambulant", chosen=["Dyslexie"]
    )
    assert only.table["Deelperceel"].to_list() == ["Dyslexie"]


def test_no_vulnerable_sublot_is_said_in_words(register):
    found = reg.concentration(p.for_year(register, 2024), chosen=["Herstelgericht"])
    assert reg.risk_takeaway(found).startswith("Elk deelperceel heeft meer dan 3 aanbieders")


def test_changes_list_who_joined_and_who_left(register):
    section = reg.changes_section(register, 2024)
    assert section.title == "Nieuw en gestopt: 2023 → 2024"
    assert sorted(section.table.rows()) == sorted(
        [
            ("Nieuw in 2024", XSS, "Ambulant"),
            ("Nieuw in 2024", "Gamma Huis", "Verblijf"),
            ("Nieuw in 2024", "Delta (Noord)", "Ambulant"),
            ("Gestopt na 2023", "Epsilon", "Ambulant"),
        ]
    )
    assert section.takeaway == "3 aanbieder(s) nieuw in 2024, 1 gestopt na 2023."
    assert reg.changes_section(register, 2023) is None


def test_provider_table_keeps_names_as_given_and_lists_lots_per_provider(register):
    table = reg.provider_table(reg.filter_providers(p.for_year(register, 2024)))
    assert table.columns == ["Aanbieder", "Percelen", "Deelpercelen", "Grootteklasse"]
    by_name = {row[0]: row[1:] for row in table.rows()}
    assert by_name["Alfa Zorg"] == (
        "Combinatie (beide percelen)",
        "Ambulant: Consultatie, Herstelgericht; Verblijf: Pleegzorg",
        "Grote instelling (> 100 fte)",
    )
    assert by_name[XSS][1] == "Ambulant: Dyslexie, Herstelgericht"
    assert len(by_name) == 5


@pytest.mark.parametrize(
    ("filters", "names"),
    [
        ({"search": "vet"}, [XSS]),
        ({"search": "<SCRIPT>"}, [XSS]),
        ({"search": "delta (n"}, ["Delta (Noord)"]),  # brackets are text, not a pattern
        ({"search": ".*"}, []),
        ({"lot": "verblijf"}, ["Alfa Zorg", "Gamma Huis"]),
        ({"chosen": ["Dyslexie", "Gezinshuizen"]}, [XSS, "Gamma Huis"]),
        ({"size": "groot"}, ["Alfa Zorg"]),
        ({"lot": "ambulant", "size": "klein", "search": "DEL"}, ["Delta (Noord)"]),
    ],
)
def test_provider_filters(register, filters, names):
    found = reg.filter_providers(p.for_year(register, 2024), **filters)
    assert sorted(found["aanbieder"].to_list()) == sorted(names)


def test_a_filtered_provider_keeps_all_its_lots(register):
    found = reg.filter_providers(p.for_year(register, 2024), lot="verblijf")
    alfa = found.filter(pl.col("aanbieder") == "Alfa Zorg")
    assert alfa["deelpercelen"].to_list() == [
        "Ambulant: Consultatie, Herstelgericht; Verblijf: Pleegzorg"
    ]
    assert reg.list_takeaway(found.height, p.for_year(register, 2024)) == (
        "2 van de 5 aanbieders voldoen aan de keuze."
    )


def test_years_latest_first_and_empty_without_data(nora, register):
    assert p.years(nora) == [2024, 2023]
    assert p.years(reg.all_figures(nora.head(0), register.head(0))) == []


# --- text for markdown -----------------------------------------------------------------


def test_plain_escapes_markdown_and_html():
    assert fmt.literal("<b>Vet</b> *x*") == r"\<b\>Vet\</b\> \*x\*"
    assert fmt.literal("[link](http://x)") == "\\[link\\]\\(http\\://x\\)"


@given(st.text())
def test_plain_keeps_the_text_and_leaves_no_formatting_character_unescaped(text):
    escaped = fmt.literal(text)
    restored, index = [], 0
    while index < len(escaped):
        if escaped[index] == "\\":
            index += 1
        restored.append(escaped[index])
        index += 1
    assert "".join(restored) == text


# --- chart builders --------------------------------------------------------------------


def _bar(fig: go.Figure) -> go.Bar:
    assert len(fig.data) == 1
    return fig.data[0]


def test_sublot_bars_show_each_value_on_its_bar_largest_on_top(nora):
    table = p.sublot_sections(p.for_year(nora, 2024))[1].table
    fig = charts.count_bars(table, category="Deelperceel", value="Aantal aanbieders")
    bar = _bar(fig)
    assert bar.orientation == "h"
    assert list(bar.x) == [17, 17, 15, 13, 10, 5, 2, 2, 1]
    assert bar.y[0] == "Crisisopvang"
    assert bar.y[1] == "Zelfstandigheidstraining/<br>Kamertrainingscentrum (KTC)"
    assert list(bar.text) == ["17", "17", "15", "13", "10", "5", "2", "2", "1"]
    assert bar.texttemplate == "%{text}" and bar.textposition == "outside"
    assert fig.layout.yaxis.autorange == "reversed"
    assert fig.layout.xaxis.range[1] > 17  # room for the printed number
    assert fig.layout.xaxis.showticklabels is False


def test_share_bars_print_count_and_share(nora):
    section = p.size_section(p.for_year(nora, 2024))
    fig = charts.share_bars(
        section.table, category="Grootteklasse", value="Aantal", share="Aandeel (%)"
    )
    bar = _bar(fig)
    assert list(bar.x) == [12, 124, 69]
    assert [round(v, 1) for v in bar.customdata] == [5.9, 60.5, 33.7]
    assert bar.texttemplate == "%{x:,.0f} (%{customdata:.1f}%)"
    assert fig.layout.separators == ",." or fig.layout.template.layout.separators == ",."
    assert fig.layout.xaxis.range[1] >= 124 * 1.3


def test_matrix_heatmap_writes_the_count_in_every_cell(register):
    section = reg.matrix_section(p.for_year(register, 2024))
    heat = charts.matrix_heatmap(section.table).data[0]
    assert [list(row) for row in heat.z] == [[0, 2, 1], [0, 1, 0], [1, 0, 0]]
    assert [list(row) for row in heat.text] == [["0", "2", "1"], ["0", "1", "0"], ["1", "0", "0"]]
    assert list(heat.y) == ["Alleen ambulant", "Alleen verblijf", "Beide percelen (combinatie)"]
    assert heat.x[2] == "Vrijgevestigde /<br>kleine praktijk<br>(&lt; 5 fte)"
    assert heat.showscale is False


def test_concentration_bars_mark_vulnerable_sublots_by_text_and_hatching(register):
    section = reg.concentration_section(p.for_year(register, 2024))
    bar = _bar(charts.concentration_bars(section.table))
    assert list(bar.x) == [1, 1, 2, 3, 4]
    assert list(bar.text) == [
        "1 – kwetsbaar",
        "1 – kwetsbaar",
        "2 – kwetsbaar",
        "3 – kwetsbaar",
        "4",
    ]
    assert list(bar.marker.pattern.shape) == ["/", "/", "/", "/", ""]
    assert bar.y[0] == "Dyslexie (ambulant)"


def test_concentration_bars_give_a_three_line_label_more_room():
    one = pl.DataFrame(
        {
            "Deelperceel": ["Logeren"],
            "Perceel": ["Verblijf"],
            "Aantal aanbieders": [7],
            reg.RISK_COLUMN: [False],
        }
    )
    long = one.with_columns(
        pl.lit("Zelfstandigheidstraining/Kamertrainingscentrum (KTC)").alias("Deelperceel")
    )
    both = pl.concat([one, long, one, one])
    assert charts.concentration_bars(both).layout.height > 4 * 48 + 80


def test_chart_labels_from_data_are_escaped_for_plotly():
    table = pl.DataFrame({"Deelperceel": ["<b>Vet</b> & co"], "Aantal aanbieders": [1]})
    bar = _bar(charts.count_bars(table, category="Deelperceel", value="Aantal aanbieders"))
    assert bar.y[0] == "&lt;b&gt;Vet&lt;/b&gt; &amp; co"


def test_labels_wrap_at_spaces_and_slashes_never_inside_a_word():
    assert charts.label("Vrijgevestigde / kleine praktijk (< 5 fte)", 17) == (
        "Vrijgevestigde /<br>kleine praktijk<br>(&lt; 5 fte)"
    )
    assert charts.label("Herstelgericht") == "Herstelgericht"


def test_the_introduction_names_only_the_splits_the_regions_counts_have(nora):
    full = shown(p.intro(nora))
    assert "per [perceel](/begrippen?zoek=perceel): [ambulant]" in full
    assert "of [verblijf](/begrippen?zoek=verblijf) (het kind woont ergens anders)." in full
    assert "[deelpercelen]" in full and "[grootte]" in full
    totals = counts_frame([count(120), count(40, grootteklasse="klein")])
    assert shown(p.intro(totals)) == (
        "Wie levert de jeugdhulp? Aanbieders verschillen in "
        "[grootte](/begrippen?zoek=grootteklasse)."
    )


def test_a_count_with_the_sources_qualifier_is_shown_as_written():
    rows = counts_frame([
        count(80, kwalificatie="ruim"),
        count(60, perceel="ambulant", kwalificatie="meer dan"),
        count(20, perceel="verblijf"),
    ])  # fmt: skip
    shown = {f.label: f.value for f in p.key_figures(rows)}
    assert shown == {"Ambulant": "meer dan 60", "Verblijf": "20", "Totaal": "ruim 80"}
    assert p.takeaway("Regio", 2024, rows, dt.date(2024, 6, 1)) == (
        "In 2024 heeft Regio ruim 80 aanbieders voor jeugdhulp gecontracteerd: meer dan 60 "
        "ambulant en 20 met verblijf."
    )
    table = p.year_table(p.total(rows))
    assert table.columns[:3] == ["Jaar", "Zoals de bron schrijft", "Aantal"]
    assert table.row(0)[1:3] == ("ruim", 80)
    assert "Zoals de bron schrijft" not in p.year_table(p.total(counts_frame([count(80)]))).columns


def test_a_qualified_count_keeps_its_word_on_the_bar():
    rows = counts_frame([count(1500, kwalificatie="ruim"), count(20, jaar=2023)])
    fig = charts.count_bars(
        p.year_table(p.total(rows).sort("jaar")), category="Jaar", value="Aantal"
    )
    assert list(_bar(fig).text) == ["20", "ruim 1.500"]
