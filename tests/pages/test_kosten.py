"""The Kosten page run from app.py (AppTest) on the shipped extracts.

Charts are unknown elements to AppTest: their values are tested on the builders
(tests/test_charts_kosten.py) and in a real browser (tests/browser/test_kosten_browser.py).
Here: the conclusion, key figures, the scenario in the link, reset, the assumptions table
and what a region without a cost model sees.
"""

from __future__ import annotations

import pytest

from components.web import state
from tests import national
from tests.pages.conftest import metrics, shown_tables, texts
from tests.reading import shown

DEFAULT_CONCLUSION = "Met deze aannames stijgen de kosten tot 2025 en dalen daarna."
SCENARIO_KEYS = {"indexatie", "groei", "clienten", "clienten_vanaf", "ambulant", "licht"}


def conclusion(app) -> str:
    """The bold one-line conclusion under the curve's heading."""
    return next(shown(m.value) for m in app.markdown if m.value.startswith("**Met deze aannames"))


def test_alkmaar_shows_the_reconstructed_curve_with_the_strategys_turning_point(open_page):
    app = open_page("kosten", regio="regio-alkmaar")
    text = texts(app)
    assert app.title[0].value == "Kosten"
    assert conclusion(app) == f"**{DEFAULT_CONCLUSION}**"
    assert "Een reconstructie, niet de begroting van de regio." in text
    assert "Kosten met en zonder maatregelen" in text
    assert "Wat elk effect bijdraagt in 2030" in text
    shown = metrics(app)
    assert shown["Omslagpunt (illustratief)"] == "2025"
    assert shown["Omslagpunt volgens de strategie"] == "2025"
    assert shown["Cliënten 2030 t.o.v. 2022 (illustratief)"] == "-29,3%"
    assert shown["Daling cliënten 2030 volgens de strategie"] == "±30%"
    # Regio Alkmaar 2024: almost 20% over budget, € 13,5 mln uncovered (a news report).
    assert shown["Jeugdzorgkosten 2024 boven de begroting (voorlopig)"] == "bijna 20%"
    assert shown["Niet gedekt tekort jeugdzorg 2024 (voorlopig)"] == "€ 13,5 mln"
    assert "Let op: ILLUSTRATIEF." in text


def test_every_assumption_is_on_the_page_with_its_status(open_page):
    app = open_page("kosten", regio="regio-alkmaar")
    table = next(t for t in shown_tables(app) if "Dit scenario" in t.columns)
    lines = table["Dit scenario"].to_dict()
    assert len(lines) == 18
    assert lines["Afname aantal cliënten"] == "7,5% per jaar vanaf 2023, na 4 jaar op volle sterkte"
    assert lines["Kwadrant herstelgericht verblijf"] == "20% van het budget, 5% van de cliënten"
    assert table["Status"]["Ambulantisering"] == "ILLUSTRATIEF (geen echte cijfers)"
    assert table["Status"]["Omslagpunt volgens de strategie"] == "gepubliceerd"
    assert "Zo rekent het model." in texts(app)


def test_a_shared_link_reopens_the_scenario(open_page):
    app = open_page("kosten", regio="regio-alkmaar", indexatie="4", clienten_vanaf="2025")
    assert app.select_slider(key="indexatie").value == 4.0
    assert app.select_slider(key="clienten_vanaf").value == 2025.0
    assert conclusion(app) == "**Met deze aannames stijgen de kosten tot 2027 en dalen daarna.**"
    assert "U bekijkt een eigen scenario; de link bewaart het." in texts(app)
    assert metrics(app)["Omslagpunt (illustratief)"] == "2027"


def test_moving_a_slider_recomputes_and_writes_the_link(open_page):
    app = open_page("kosten", regio="regio-alkmaar")
    assert not SCENARIO_KEYS & set(app.query_params)
    app.select_slider(key="ambulant").set_value(6.0).run()
    assert conclusion(app) == (
        "**Met deze aannames blijven de kosten tot en met 2030 stijgen: "
        "geen omslagpunt binnen de horizon.**"
    )
    assert app.query_params["ambulant"] == "6"
    assert metrics(app)["Omslagpunt (illustratief)"] == "geen tot en met 2030"
    table = next(t for t in shown_tables(app) if "Dit scenario" in t.columns)
    assert table["Dit scenario"]["Ambulantisering"].startswith("6% per jaar")
    assert table["Strategie (standaard)"]["Ambulantisering"].startswith("3% per jaar")


def test_reset_returns_to_the_strategy_and_cleans_the_link(open_page):
    app = open_page("kosten", regio="regio-alkmaar", indexatie="5", ambulant="6")
    assert conclusion(app) != f"**{DEFAULT_CONCLUSION}**"
    app.button(key="kosten_reset").click().run()
    assert conclusion(app) == f"**{DEFAULT_CONCLUSION}**"
    assert app.select_slider(key="indexatie").value == 2.5
    assert app.select_slider(key="ambulant").value == 3.0
    assert not SCENARIO_KEYS & set(app.query_params)
    assert "U bekijkt een eigen scenario" not in texts(app)


def test_an_impossible_link_value_is_named_not_echoed(open_page):
    app = open_page("kosten", tables=False, regio="regio-alkmaar", indexatie="<b>99</b>")
    notice = (
        "De waarde voor 'Indexatie (prijs- en loonstijging per jaar)' in de link kan niet; "
        "u ziet de aanname van de strategie."
    )
    assert notice in [shown(i.value) for i in app.info]
    assert "99" not in texts(app).replace("1999", "")
    assert conclusion(app) == f"**{DEFAULT_CONCLUSION}**"


def test_the_waterfall_year_can_be_chosen(open_page):
    app = open_page("kosten", regio="regio-alkmaar")
    app.selectbox(key="bijdrage_jaar").set_value("2023").run()
    text = texts(app)
    assert "Wat elk effect bijdraagt in 2023" in text
    assert "In 2023 scheelt 'Afname aantal cliënten' het meest" in text
    assert app.query_params["bijdrage_jaar"] == "2023"


def test_duin_en_bollenstreek_shows_its_budget_and_says_what_is_missing(open_page):
    app = open_page("kosten", regio="duin-en-bollenstreek")
    text = texts(app)
    assert "De documenten van deze regio geven geen kostenontwikkeling met effecten" in text
    assert not app.select_slider
    assert "Begroting" in [shown(s.value) for s in app.subheader]
    assert (
        "Zorgaanbod jeugdhulp (begroting Noordwijk): begroot € 6,17 mln in 2021 en € 6,42 mln "
        "in 2023, gemiddeld 2% meer per jaar." in text
    )
    assert metrics(app)["Jaarlijkse indexatie van de begroting jeugdhulp (Noordwijk)"] == "2%"
    table = next(t for t in shown_tables(app) if "Bedrag (€)" in t.columns)
    assert table["Bedrag (€)"].to_list() == ["6.167.100", "6.290.454", "6.416.261"]


@pytest.mark.parametrize("regio", ["zuid-holland-zuid", "voorbeeldregio"])
def test_a_region_without_cost_figures_says_so(open_page, regio):
    app = open_page("kosten", regio=regio)
    text = texts(app)
    assert "De documenten van deze regio geven geen kostenontwikkeling met effecten" in text
    if regio == "voorbeeldregio":  # its own export has a budget and spend: said so
        assert "noemen geen begroting of realisatie; de begroting en de uitgaven" in text
    else:
        assert "De documenten van deze regio noemen geen begroting of realisatie." in text
    assert not app.select_slider


@pytest.fixture(scope="module")
def national_set(tmp_path_factory):
    """A tiny fictitious set whose regions report per municipality as well as in total."""
    out = tmp_path_factory.mktemp("landelijk")
    national.generate(out, national.Scale(regions=1, municipalities=3, providers=10, years=3))
    return out


def test_a_region_reporting_per_municipality_shows_one_series_at_a_time(
    open_page, national_set, monkeypatch
):
    monkeypatch.setenv("JEUGDHULP_DATA", str(national_set))
    app = open_page("kosten", regio="fictieve-regio-01")
    (choice,) = [s for s in app.selectbox if s.label.startswith("Reeks")]
    assert choice.value == "jeugdhulp-regio-totaal"
    assert len(choice.options) == 4  # the total and three municipalities
    table = next(t for t in shown_tables(app) if "Reeks" in t.columns)
    assert set(table["Reeks"]) == {"Jeugdhulp regio totaal"}

    municipality = choice.options[1]
    app = open_page(
        "kosten", regio="fictieve-regio-01", reeks=municipality.lower().replace(" ", "-")
    )
    table = next(t for t in shown_tables(app) if "Reeks" in t.columns)
    assert set(table["Reeks"]) == {municipality}
    assert app.query_params["reeks"] == municipality.lower().replace(" ", "-")


def test_a_municipality_of_another_region_is_named_when_the_region_changes(
    open_page, tmp_path, monkeypatch
):
    """A council member picks a municipality, then switches to a region without it: the
    page says which municipality it no longer shows, instead of changing silently."""
    national.generate(tmp_path, national.Scale(regions=2, municipalities=4, providers=10, years=3))
    monkeypatch.setenv("JEUGDHULP_DATA", str(tmp_path))
    app = open_page("kosten", regio="fictieve-regio-01")
    (choice,) = [s for s in app.selectbox if s.label == "Gemeente"]
    place = choice.options[1]
    choice.set_value(place).run()
    assert not app.exception
    app.sidebar.selectbox(key=state.REGION_KEY).set_value("fictieve-regio-02").run()
    assert not app.exception
    (choice,) = [s for s in app.selectbox if s.label == "Gemeente"]
    assert place not in choice.options
    assert choice.index == 0  # the whole region
    assert [shown(n.value) for n in app.info if "hoort niet bij" in str(n.value)] == [
        f"{place} hoort niet bij deze regio; u ziet nu {choice.options[0]}."
    ]
