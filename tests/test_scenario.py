"""The what-if scenario of the Kosten page without a browser: controls, link, texts, tables."""

from __future__ import annotations

import polars as pl
import pytest

from components.costs import model as costmodel
from components.costs import scenario
from tests.test_costmodel import SOURCES, read_assumptions_source


@pytest.fixture(scope="module")
def source() -> pl.DataFrame:
    return read_assumptions_source()


@pytest.fixture(scope="module")
def defaults(source) -> dict[str, float]:
    return costmodel.parameters_from_frame(source, "midden")


@pytest.fixture(scope="module")
def controls(defaults) -> list[scenario.Control]:
    return scenario.controls(defaults)


def by_key(controls, key: str) -> scenario.Control:
    return next(c for c in controls if c.key == key)


def test_controls_are_indexation_growth_and_each_effects_strength_and_start(controls):
    assert [c.key for c in controls] == [
        "indexatie",
        "groei",
        "clienten",
        "clienten_vanaf",
        "daghulp",
        "daghulp_vanaf",
        "licht",
        "licht_vanaf",
        "verblijf",
        "verblijf_vanaf",
        "duur",
        "duur_vanaf",
        "ambulant",
        "ambulant_vanaf",
    ]
    assert by_key(controls, "ambulant").label == "Ambulantisering: meer kosten per jaar"
    assert by_key(controls, "clienten").label == "Afname aantal cliënten: minder kosten per jaar"


def test_every_default_is_an_option(controls, defaults):
    for control in controls:
        assert defaults[control.parameter] in control.options


def test_values_are_shown_the_dutch_way_and_linked_with_a_dot(controls):
    index = by_key(controls, "indexatie")
    assert index.display(2.5) == "2,5%"
    assert index.display(0.25) == "0,25%"
    assert index.url_value(2.5) == "2.5"
    start = by_key(controls, "clienten_vanaf")
    assert (start.display(2024.0), start.url_value(2024.0)) == ("2024", "2024")
    assert start.options == tuple(float(y) for y in range(2021, 2031))


def test_link_sets_the_controls_once(controls, defaults):
    session: dict[str, object] = {}
    query = {"indexatie": "4", "clienten_vanaf": "2025", "licht": "0,75"}
    assert scenario.seed_from_url(session, query, controls, defaults) == []
    assert session["indexatie"] == 4.0
    assert session["clienten_vanaf"] == 2025.0
    assert session["licht"] == 0.75  # a Dutch comma in a hand-edited link works too
    assert session["ambulant"] == 3.0  # not in the link: the strategy's default
    # Later runs keep what the visitor chose since.
    session["indexatie"] = 3.0
    scenario.seed_from_url(session, query, controls, defaults)
    assert session["indexatie"] == 3.0


@pytest.mark.parametrize("raw", ["abc", "99", "2.3", "<script>", "nan"])
def test_an_impossible_link_value_falls_back_with_a_notice(controls, defaults, raw):
    session: dict[str, object] = {}
    notices = scenario.seed_from_url(session, {"indexatie": raw}, controls, defaults)
    assert session["indexatie"] == 2.5
    assert notices == [
        "De waarde voor 'Indexatie (prijs- en loonstijging per jaar)' in de link kan niet; "
        "u ziet de aanname van de strategie."
    ]
    assert raw not in notices[0]


def test_the_link_carries_only_what_differs_from_the_strategy(controls, defaults):
    values = scenario.default_values(controls, defaults)
    query = {"regio": "regio-alkmaar", "indexatie": "4"}
    scenario.write_to_url(query, values, controls, defaults)
    assert query == {"regio": "regio-alkmaar"}
    values |= {"ambulant": 5.0, "clienten_vanaf": 2025.0}
    scenario.write_to_url(query, values, controls, defaults)
    assert query == {"regio": "regio-alkmaar", "ambulant": "5", "clienten_vanaf": "2025"}


def test_reset_returns_to_the_strategy(controls, defaults):
    session = {"indexatie": 5.0, "ambulant": 1.0, "regio": "regio-alkmaar"}
    scenario.reset(session, controls, defaults)
    assert session["indexatie"] == 2.5
    assert session["ambulant"] == 3.0
    assert session["regio"] == "regio-alkmaar"
    assert scenario.is_default(session, controls, defaults)


def test_controls_feed_the_model(controls, defaults):
    values = scenario.default_values(controls, defaults) | {"indexatie": 4.0, "licht_vanaf": 2026.0}
    chosen = scenario.assumptions(defaults, values, controls)
    assert chosen.indexation == pytest.approx(0.04)
    assert chosen.effect("zwaar-naar-licht").start == 2026
    assert chosen.effect("zwaar-naar-licht").ramp == 4  # not a control: the default stays


def test_scenario_figures_of_the_defaults(source):
    midden = costmodel.assumptions_from_frame(source)
    result = costmodel.run(midden)
    shown = {f.label: f.value for f in scenario.scenario_figures(result, 2022)}
    last = result.totals.row(-1, named=True)
    assert shown == {
        "Omslagpunt": "2025",
        "Kosten 2030": f"€ {last['kosten_met'] / 1e6:.1f} mln".replace(".", ","),
        "Besparing 2030": f"€ {-last['verschil'] / 1e6:.1f} mln".replace(".", ","),
        "Cliënten 2030 t.o.v. 2022": "-29,3%",
    }
    assert scenario.reference_year(midden) == 2022


def test_no_turning_point_is_a_key_figure_too(source):
    hot = costmodel.assumptions_from_frame(source).without_effects()
    shown = scenario.scenario_figures(costmodel.run(hot), 2022)
    assert shown[0].value == "geen tot en met 2030"


def test_waterfall_takeaway_names_the_biggest_saving_and_the_added_cost(source):
    result = costmodel.run(costmodel.assumptions_from_frame(source))
    parts = result.contributions.filter(pl.col("jaar") == 2030)
    saving = -parts.filter(pl.col("effect_id") == "minder-clienten")["bijdrage"].item()
    cost = parts.filter(pl.col("effect_id") == "ambulantisering")["bijdrage"].item()
    total = -result.totals.filter(pl.col("jaar") == 2030)["verschil"].item()

    def mln(value: float) -> str:
        return f"€ {value / 1e6:.1f} mln".replace(".", ",")

    assert scenario.contributions_takeaway(result, 2030) == (
        f"In 2030 scheelt 'Afname aantal cliënten' het meest: {mln(saving)}; "
        f"'Ambulantisering' kost {mln(cost)} extra. Samen {mln(total)} minder dan zonder "
        "maatregelen."
    )


def test_assumptions_table_has_one_line_per_effect_quadrant_and_figure(source, defaults):
    numbers = scenario.assumptions_numbers(source, defaults | {"ambulantisering_tempo": 5.0})
    assert numbers.height == source.height // 3
    table = scenario.assumptions_table(numbers)
    lines = {row["Aanname"]: row for row in table.iter_rows(named=True)}
    assert table.height == 18  # 4 basics, 4 quadrants, indexation, growth, 6 effects, 2 targets
    assert table["Aanname"][0] == "Basisjaar (startpunt van de reconstructie)"
    clients = lines["Afname aantal cliënten"]
    assert clients["Dit scenario"] == "7,5% per jaar vanaf 2023, na 4 jaar op volle sterkte"
    assert clients["Laag – hoog"] == "8,5% – 6,5% per jaar"
    assert clients["Status"] == "ILLUSTRATIEF (geen echte cijfers)"
    amb = lines["Ambulantisering"]
    assert amb["Dit scenario"] == "5% per jaar vanaf 2023, na 2 jaar op volle sterkte"
    assert amb["Strategie (standaard)"] == "3% per jaar vanaf 2023, na 2 jaar op volle sterkte"
    assert lines["Afname daghulp"]["Dit scenario"].endswith("direct op volle sterkte")
    quadrant = lines["Kwadrant herstelgericht ambulant"]
    assert quadrant["Dit scenario"] == "55% van het budget, 65% van de cliënten"
    assert quadrant["Status"] == "gepubliceerd"
    assert (
        lines["Kosten ambulante jeugdhulp en jeugdhulp met verblijf in het basisjaar"][
            "Dit scenario"
        ]
        == "€ 55.000.000"
    )
    assert lines["Indexatie: prijs- en loonstijging per jaar"]["Laag – hoog"] == (
        "2% per jaar – 3% per jaar"
    )


def test_assumptions_download_keeps_exact_values(source, defaults):
    numbers = scenario.assumptions_numbers(source, defaults | {"indexatie": 4.0})
    row = numbers.filter(pl.col("parameter") == "indexatie").row(0, named=True)
    assert (row["dit_scenario"], row["midden"], row["laag"], row["hoog"]) == (4.0, 2.5, 2.0, 3.0)
    assert row["bron"] == "inkoopstrategie-2023"


def test_curve_table_in_whole_euros(source):
    midden, laag, hoog = (costmodel.assumptions_from_frame(source, v) for v in costmodel.VARIANTS)
    result = costmodel.run(midden)
    table = scenario.curve_table(result, costmodel.band(midden, midden, laag, hoog))
    first = table.row(0, named=True)
    assert first["Jaar"] == 2020
    assert first["Met maatregelen (€)"] == 55_000_000
    assert table.schema["Met maatregelen (€)"] == pl.Int64


def test_document_figures_for_regio_alkmaar(source):
    kerncijfers = pl.read_csv(SOURCES / "regio-alkmaar" / "kerncijfers.csv", try_parse_dates=True)
    shown, rows = scenario.document_figures(
        source, kerncijfers, ["overschrijding_2024", "tekort_2024"]
    )
    assert {f.label: f.value for f in shown} == {
        "Omslagpunt volgens de strategie": "2025",
        "Daling cliënten 2030 volgens de strategie": "±30%",
        "Jeugdzorgkosten 2024 boven de begroting": "bijna 20%",
        "Niet gedekt tekort jeugdzorg 2024": "€ 13,5 mln",
    }
    assert set(rows["status"]) == {"gepubliceerd", "voorlopig"}


def test_budget_takeaway_shows_the_2_percent_indexation():
    kosten = pl.read_csv(SOURCES / "duin-en-bollenstreek" / "kosten.csv")
    assert scenario.budget_takeaway(kosten) == (
        "Zorgaanbod jeugdhulp (begroting Noordwijk): begroot € 6,17 mln in 2021 en € 6,42 mln "
        "in 2023, gemiddeld 2% meer per jaar."
    )


def test_assumptions_keep_the_models_order_whatever_the_extracts_order(source, defaults):
    shuffled = source.sort("parameter", "variant", descending=True)
    table = scenario.assumptions_table(scenario.assumptions_numbers(shuffled, defaults))
    assert table["Aanname"].to_list()[:3] == [
        "Basisjaar (startpunt van de reconstructie)",
        "Laatste jaar van de doorrekening",
        "Kosten ambulante jeugdhulp en jeugdhulp met verblijf in het basisjaar",
    ]
    assert table["Aanname"].to_list()[-2:] == [
        "Omslagpunt volgens de strategie",
        "Daling cliënten 2030 volgens de strategie",
    ]


def test_budget_title_names_what_was_published():
    kosten = pl.DataFrame({"soort": ["begroting", "realisatie"], "jaar": [2021, 2021]})
    assert scenario.budget_title(kosten) == "Begroting en realisatie"
    assert scenario.budget_title(kosten.head(1)) == "Begroting"


def published(rows: list[tuple[int, str, str, float]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=["jaar", "soort", "reeks", "bedrag"], orient="row")


def test_budget_series_put_the_region_total_first_and_ids_fit_a_link():
    kosten = published(
        [
            (2024, "begroting", "Gemeente Één", 10.0),
            (2024, "begroting", "Regio totaal", 30.0),
            (2024, "realisatie", "Regio totaal", 32.0),
            (2024, "begroting", "Gemeente twee", 20.0),
            (2024, "reconstructie", "Model", 999.0),
        ]
    )
    assert scenario.budget_series(kosten) == {
        "regio-totaal": "Regio totaal",
        "gemeente-twee": "Gemeente twee",
        "gemeente-één": "Gemeente Één",
    }
    total = scenario.one_series(kosten)
    assert total["reeks"].unique().to_list() == ["Regio totaal"]
    assert total["bedrag"].sum() == 62.0  # begroting and realisatie, never stacked with others
    assert scenario.one_series(kosten, "Gemeente twee")["bedrag"].to_list() == [20.0]
    assert scenario.one_series(kosten, "onbekend")["reeks"].unique().to_list() == ["Regio totaal"]


def test_budget_series_of_an_empty_extract_is_empty():
    empty = published([]).cast({"jaar": pl.Int64, "bedrag": pl.Float64})
    assert scenario.budget_series(empty) == {}
    assert scenario.one_series(empty).is_empty()
