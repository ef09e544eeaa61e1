"""The contract calendar: periods, end dates, decision moments and the timeline chart.

Deterministic fixture: a small calendar built like regio Alkmaar's (the NORA slide 'Wat
kopen we in'), with every kind of period: a bridging year, options (one long, two in a
row), a transfer without an end date and a running procurement. "Today" is always fixed.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from components.build import crosschecks, schema
from components.build.sources import ROW
from components.contracts import charts as charts_contracts
from components.contracts import model as contracts
from components.contracts.charts import Axis, place, text_px
from tests.reading import shown

D = dt.date
PEILDATUM = D(2023, 12, 6)
PROVENANCE = {
    "regio": "testregio",
    "bron": "raadsavond",
    "vindplaats": "dia 'Wat kopen we in'",
    "peildatum": PEILDATUM,
    "status": "gepubliceerd",
    "notitie": None,
}


def frame(model, rows: list[dict]) -> pl.DataFrame:
    """Rows with provenance, typed exactly as the extract contract says."""
    types = {name: getattr(pl, dtype) for name, dtype in schema.columns(model).items()}
    return pl.DataFrame([{**PROVENANCE, **row} for row in rows], schema=types)


def agreement(id_, name, domain, order, contracts_, municipalities):
    return {
        "overeenkomst_id": id_,
        "overeenkomst": name,
        "domein": domain,
        "volgorde": order,
        "aantal_contracten": contracts_,
        "aantal_gemeenten": municipalities,
    }


def period(id_, kind, start, end, label, decided=None, on=None):
    return {"overeenkomst_id": id_, "soort": kind, "start": start, "einde": end, "label": label,
            "besluit": decided, "besluitdatum": on}  # fmt: skip


def phase(id_, kind, name, start, end, order):
    return {
        "fase_id": id_,
        "soort": kind,
        "naam": name,
        "start": start,
        "einde": end,
        "opgave": None,
        "impact": None,
        "volgorde": order,
    }


@pytest.fixture
def overeenkomsten() -> pl.DataFrame:
    return frame(
        schema.Overeenkomsten,
        [
            agreement("wmo-begeleiding", "Begeleiding", "wmo", 8, 116, 6),
            agreement("jeugd-ambulant", "Ambulante jeugdhulp", "jeugd", 1, 167, 6),
            agreement("jeugd-gedwongen-kader", "Gedwongen kader", "jeugd", 3, 7, 18),
            agreement("jeugd-crisisdienst", "Crisisdienst", "jeugd", 5, 1, 18),
            agreement("wmo-regiotaxi", "Regiotaxi", "wmo", 12, 1, 6),
            agreement("wmo-leerlingenvervoer", "Leerlingenvervoer", "wmo", 13, 1, 6),
        ],
    )


@pytest.fixture
def perioden() -> pl.DataFrame:
    return frame(
        schema.Perioden,
        [
            period("jeugd-ambulant", "looptijd", D(2018, 1, 1), D(2021, 12, 31), "2018-2021"),
            period("jeugd-ambulant", "overbrugging", D(2022, 1, 1), D(2022, 12, 31), "2022"),
            period("jeugd-ambulant", "looptijd", D(2023, 1, 1), D(2030, 12, 31), "2023-2030"),
            period("jeugd-ambulant", "optie", D(2031, 1, 1), D(2034, 12, 31), "Optie"),
            period(
                "jeugd-gedwongen-kader", "looptijd", D(2019, 1, 1), D(2021, 12, 31), "2019-2021"
            ),
            period(
                "jeugd-gedwongen-kader", "looptijd", D(2022, 1, 1), D(2023, 12, 31), "2022-2023"
            ),
            period(
                "jeugd-gedwongen-kader", "looptijd", D(2024, 1, 1), D(2025, 12, 31), "2024-2025"
            ),
            period("jeugd-crisisdienst", "looptijd", D(2018, 1, 1), D(2021, 12, 31), "2018-2021"),
            period("jeugd-crisisdienst", "looptijd", D(2022, 1, 1), D(2022, 12, 31), "2022"),
            period("jeugd-crisisdienst", "looptijd", D(2023, 1, 1), D(2023, 12, 31), "2023"),
            period(
                "jeugd-crisisdienst",
                "overdracht",
                D(2024, 1, 1),
                None,
                "Miv 2024 ondergebracht bij GGDHN (Veilig Thuis)",
            ),
            period("wmo-begeleiding", "looptijd", D(2020, 1, 1), D(2022, 12, 31), "2020-2022"),
            period("wmo-begeleiding", "looptijd", D(2023, 1, 1), D(2024, 12, 31), "2023-2024"),
            period("wmo-begeleiding", "optie", D(2025, 1, 1), D(2025, 12, 31), "Optie"),
            period("wmo-regiotaxi", "looptijd", D(2020, 1, 1), D(2020, 12, 31), "2020"),
            period("wmo-regiotaxi", "looptijd", D(2021, 4, 1), D(2023, 3, 31), "4/2021-3/2023"),
            period("wmo-regiotaxi", "looptijd", D(2023, 4, 1), D(2024, 3, 31), "mrt-24"),
            period("wmo-regiotaxi", "looptijd", D(2024, 4, 1), D(2025, 3, 31), "mrt-25"),
            period("wmo-regiotaxi", "inkooptraject", D(2025, 4, 1), None, "Inkooptraject loopt"),
            period(
                "wmo-leerlingenvervoer",
                "looptijd",
                D(2018, 1, 1),
                D(2022, 7, 31),
                "2018-medio 2022",
            ),
            period(
                "wmo-leerlingenvervoer",
                "looptijd",
                D(2022, 8, 1),
                D(2026, 7, 31),
                "aug 2022-juli 2026",
            ),
            period("wmo-leerlingenvervoer", "optie", D(2026, 8, 1), D(2027, 7, 31), "Optie"),
            period("wmo-leerlingenvervoer", "optie", D(2027, 8, 1), D(2028, 7, 31), "Optie"),
        ],
    )


@pytest.fixture
def fasen() -> pl.DataFrame:
    return frame(
        schema.Fasen,
        [
            phase("voorbereiding", "fase", "Voorbereidingsfase", D(2022, 1, 1), D(2022, 12, 31), 1),
            phase("fase-1", "fase", "Transformatiefase 1", D(2023, 1, 1), D(2025, 12, 31), 2),
            phase("fase-2", "fase", "Transformatiefase 2", D(2026, 1, 1), D(2030, 12, 31), 3),
            phase("verlenging", "fase", "Verlenging (mogelijk)", D(2031, 1, 1), D(2034, 12, 31), 4),
            phase(
                "analyse", "mijlpaal", "Analyse zorglandschap", D(2023, 1, 1), D(2024, 12, 31), 10
            ),
            phase(
                "pilots",
                "mijlpaal",
                "Pilots sturen op doelmatigheid",
                D(2023, 1, 1),
                D(2024, 12, 31),
                11,
            ),
            phase("evaluatie", "mijlpaal", "Evaluatie inkoop", D(2025, 1, 1), D(2025, 12, 31), 14),
            phase(
                "fase-2-contracten",
                "mijlpaal",
                "Fase 2 contracten",
                D(2026, 1, 1),
                D(2026, 12, 31),
                15,
            ),
        ],
    )


@pytest.fixture
def decided(overeenkomsten, perioden) -> dict[str, contracts.Decision]:
    return {d.overeenkomst_id: d for d in contracts.decisions(overeenkomsten, perioden)}


# --- Labels and dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "municipalities", "expected"),
    [
        (167, 6, "167 contracten × 6 gemeenten"),
        (1, 18, "1 contract × 18 gemeenten"),
        (5, 1, "5 contracten × 1 gemeente"),
        (1234, 6, "1.234 contracten × 6 gemeenten"),
        (None, 6, "? contracten × 6 gemeenten"),
        (None, None, "aantal contracten onbekend"),
    ],
)
def test_contracts_label_reads_like_the_slide(count, municipalities, expected):
    assert contracts.contracts_label(count, municipalities) == expected


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 11, 22), 24, D(2028, 11, 22)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2023, 12, 6), 0, D(2023, 12, 6)),
    ],
)
def test_add_months(day, months, expected):
    assert contracts.add_months(day, months) == expected


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31)), st.integers(0, 120))
def test_add_months_moves_the_month_and_never_the_day_forward(day, months):
    result = contracts.add_months(day, months)
    assert result.year * 12 + result.month == day.year * 12 + day.month + months
    assert result.day <= day.day


# --- Periods and the table -------------------------------------------------------------------


def test_periods_are_in_calendar_order_with_row_labels(overeenkomsten, perioden):
    view = contracts.periods(overeenkomsten, perioden)
    order = view["overeenkomst_id"].unique(maintain_order=True).to_list()
    assert order == [
        "jeugd-ambulant",
        "jeugd-gedwongen-kader",
        "jeugd-crisisdienst",
        "wmo-begeleiding",
        "wmo-regiotaxi",
        "wmo-leerlingenvervoer",
    ]
    ambulant = view.filter(pl.col("overeenkomst_id") == "jeugd-ambulant")
    assert ambulant["label"].to_list() == ["2018-2021", "2022", "2023-2030", "Optie"]
    assert set(ambulant["contracten"]) == {"167 contracten × 6 gemeenten"}
    open_ended = view.filter(pl.col("open_einde"))
    assert open_ended["label"].to_list() == [
        "Miv 2024 ondergebracht bij GGDHN (Veilig Thuis)",
        "Inkooptraject loopt",
    ]


def test_filters_keep_only_the_chosen_domain_and_kinds(overeenkomsten, perioden):
    wmo = contracts.periods(overeenkomsten, perioden, domains=["wmo"])
    assert set(wmo["domein"]) == {"wmo"}
    assert wmo.height == 12
    options = contracts.periods(overeenkomsten, perioden, kinds=["optie"])
    assert options["overeenkomst"].to_list() == [
        "Ambulante jeugdhulp",
        "Begeleiding",
        "Leerlingenvervoer",
        "Leerlingenvervoer",
    ]
    assert contracts.chosen_domains("alle") == []
    assert contracts.chosen_domains("wmo") == ["wmo", "jeugd-wmo"]
    assert contracts.domain_options(overeenkomsten) == ["alle", "jeugd", "wmo"]
    assert contracts.kinds_present(perioden) == list(contracts.KIND_LABELS)


def test_period_table_has_one_row_per_period_in_dutch(overeenkomsten, perioden):
    table = contracts.period_table(contracts.periods(overeenkomsten, perioden))
    assert table.columns == [
        "Overeenkomst",
        "Wet",
        "Contracten × gemeenten",
        "Soort",
        "Start",
        "Einde",
        "Zoals in de bron",
        "Besluit over de optie",
        "Besloten op",
        "Status",
    ]
    assert table.height == perioden.height
    crisis = table.filter(pl.col("Overeenkomst") == "Crisisdienst").row(-1, named=True)
    assert crisis["Soort"] == "Overgedragen aan een andere organisatie"
    assert crisis["Einde"] is None
    assert crisis["Wet"] == "Jeugdhulp"
    assert crisis["Contracten × gemeenten"] == "1 contract × 18 gemeenten"


def test_year_span_runs_from_the_first_to_the_last_year(perioden, fasen):
    assert contracts.year_span(perioden, fasen) == (2018, 2034)
    assert contracts.year_span(perioden.head(0)) is None
    assert contracts.calendar_date(perioden) == PEILDATUM


# --- End dates and decision moments -----------------------------------------------------------


def test_long_contract_with_an_option(decided):
    ambulant = decided["jeugd-ambulant"]
    assert ambulant.huidig_einde == D(2030, 12, 31)
    assert ambulant.uiterst_einde == D(2034, 12, 31)
    assert ambulant.beslismoment == D(2030, 12, 31)
    assert ambulant.besluit == contracts.DECIDE_OPTION
    assert ambulant.vervolg == ()


def test_contract_without_option_must_be_procured_again_at_its_end(decided):
    kader = decided["jeugd-gedwongen-kader"]
    assert (kader.huidig_einde, kader.uiterst_einde, kader.beslismoment) == (D(2025, 12, 31),) * 3
    assert kader.besluit == contracts.DECIDE_PROCURE


def test_two_options_in_a_row_give_a_second_decision_moment(decided):
    vervoer = decided["wmo-leerlingenvervoer"]
    assert vervoer.huidig_einde == D(2026, 7, 31)
    assert vervoer.uiterst_einde == D(2028, 7, 31)
    assert vervoer.beslismoment == D(2026, 7, 31)
    assert vervoer.vervolg == (D(2027, 7, 31),)


def test_transfer_and_running_procurement_have_no_decision_date(decided):
    crisis = decided["jeugd-crisisdienst"]
    assert crisis.huidig_einde == D(2023, 12, 31)
    assert crisis.uiterst_einde is None and crisis.beslismoment is None
    assert crisis.besluit == (
        "Geen: de taak is overgedragen (Miv 2024 ondergebracht bij GGDHN (Veilig Thuis), "
        "sinds januari 2024)"
    )
    taxi = decided["wmo-regiotaxi"]
    assert taxi.huidig_einde == D(2025, 3, 31)
    assert taxi.uiterst_einde is None and taxi.beslismoment is None
    assert taxi.besluit.startswith("Inkooptraject loopt (sinds april 2025)")


def test_agreement_without_periods_says_so(overeenkomsten, perioden):
    only = contracts.decisions(
        overeenkomsten.filter(pl.col("overeenkomst_id") == "jeugd-ambulant"), perioden.head(0)
    )
    assert only[0].beslismoment is None
    assert only[0].besluit == contracts.NO_PERIODS


def test_decision_table_per_agreement(overeenkomsten, perioden):
    table = contracts.decision_table(contracts.decisions(overeenkomsten, perioden))
    assert table["Overeenkomst"].to_list()[:3] == [
        "Ambulante jeugdhulp",
        "Gedwongen kader",
        "Crisisdienst",
    ]
    row = table.filter(pl.col("Overeenkomst") == "Begeleiding").row(0, named=True)
    assert row["Huidige einddatum"] == D(2024, 12, 31)
    assert row["Uiterste einddatum (alle opties gebruikt)"] == D(2025, 12, 31)
    assert row["Beslismoment"] == D(2024, 12, 31)


def _upcoming(decided, today, months):
    frame_ = contracts.upcoming(
        contracts.moments(list(decided.values())), today=today, months=months
    )
    return list(zip(frame_["datum"], frame_["overeenkomst"], strict=True))


def test_decisions_in_the_next_24_months_from_a_fixed_today(decided):
    assert _upcoming(decided, D(2026, 11, 22), 24) == [(D(2027, 7, 31), "Leerlingenvervoer")]
    assert _upcoming(decided, PEILDATUM, 12) == []
    assert _upcoming(decided, PEILDATUM, 24) == [(D(2024, 12, 31), "Begeleiding")]
    assert _upcoming(decided, PEILDATUM, 36) == [
        (D(2024, 12, 31), "Begeleiding"),
        (D(2025, 12, 31), "Gedwongen kader"),
        (D(2026, 7, 31), "Leerlingenvervoer"),
    ]


def test_window_includes_both_ends(decided):
    assert _upcoming(decided, D(2024, 12, 31), 6) == [(D(2024, 12, 31), "Begeleiding")]
    assert _upcoming(decided, D(2022, 12, 31), 24) == [(D(2024, 12, 31), "Begeleiding")]
    assert _upcoming(decided, D(2025, 1, 1), 6) == []


def test_moments_that_passed_since_the_calendar_was_published(decided):
    moments = contracts.moments(list(decided.values()))
    passed = contracts.passed_since(moments, since=PEILDATUM, today=D(2026, 11, 22))
    assert passed["overeenkomst"].to_list() == [
        "Begeleiding",
        "Gedwongen kader",
        "Leerlingenvervoer",
    ]
    assert shown(contracts.moment_lines(passed)[1]) == (
        "**31 december 2025** — Gedwongen kader (Jeugdhulp): "
        "opnieuw inkopen: er is geen optie tot verlenging"
    )


# --- What the page says ---------------------------------------------------------------------


def test_takeaway_names_the_next_decision_moment(decided):
    moments = contracts.moments(list(decided.values()))
    assert contracts.takeaway(moments, today=D(2026, 11, 22), calendar_day=PEILDATUM) == (
        "Het eerstvolgende beslismoment is 31 juli 2027 (Leerlingenvervoer): volgende optie "
        "gebruiken of opnieuw inkopen (als de vorige optie is gebruikt)."
    )
    assert contracts.takeaway(moments, today=D(2028, 1, 1), calendar_day=PEILDATUM) == (
        "Het eerstvolgende beslismoment is 31 december 2030 (Ambulante jeugdhulp): "
        "optie gebruiken (verlengen) of opnieuw inkopen."
    )
    assert contracts.takeaway(moments, today=D(2031, 1, 1), calendar_day=PEILDATUM) == (
        "Na 1 januari 2031 staat er geen beslismoment meer in de kalender van 6 december 2023."
    )


def test_takeaway_with_several_agreements_on_one_date():
    moments = pl.DataFrame(
        {
            "datum": [D(2030, 12, 31)] * 3,
            "overeenkomst": ["C", "A", "B"],
            "domein": ["jeugd"] * 3,
            "besluit": [contracts.DECIDE_OPTION, contracts.DECIDE_OPTION, contracts.DECIDE_PROCURE],
        }
    )
    assert contracts.takeaway(moments, today=D(2030, 1, 1), calendar_day=None) == (
        "Het eerstvolgende beslismoment is 31 december 2030 (A, B en C): "
        "verlengen of opnieuw inkopen."
    )


def test_page_states_which_date_it_treats_as_today():
    text = contracts.today_statement(D(2026, 11, 22), PEILDATUM)
    assert "rekent met **22 november 2026** als vandaag" in text
    assert "gepubliceerd op **6 december 2023**" in text
    assert contracts.reference_day("vandaag", D(2026, 11, 22), PEILDATUM) == D(2026, 11, 22)
    assert contracts.reference_day("kalender", D(2026, 11, 22), PEILDATUM) == PEILDATUM
    assert contracts.window_text(D(2026, 11, 22), 24, PEILDATUM).startswith(
        "Van 22 november 2026 tot en met 22 november 2028"
    )


def test_cycle_text_says_which_phase_today_falls_in(fasen):
    assert contracts.cycle_text(fasen, D(2026, 11, 22)) == (
        "Op 22 november 2026 is de fase: **Transformatiefase 2** (2026–2030)."
    )
    assert contracts.cycle_text(fasen, D(2040, 1, 1)) == (
        "1 januari 2040 valt buiten de fasen die de bron noemt (2022–2034)."
    )
    assert "geen fasen" in contracts.cycle_text(fasen.head(0), D(2026, 1, 1))


def test_timeline_takeaway_names_the_transfer_and_the_procurement(overeenkomsten, perioden, fasen):
    text = shown(
        contracts.timeline_takeaway(
            contracts.periods(overeenkomsten, perioden), fasen, D(2026, 11, 22)
        )
    )
    assert (
        "zonder einddatum: Crisisdienst (Miv 2024 ondergebracht bij GGDHN (Veilig Thuis)) "
        "en Regiotaxi (Inkooptraject loopt)."
    ) in text
    empty = contracts.timeline_takeaway(perioden.head(0), fasen, D(2026, 11, 22))
    assert empty.startswith("Met deze filters blijven er geen perioden over")


def test_the_legend_sentence_names_the_pattern_of_each_kind_drawn(overeenkomsten, perioden, fasen):
    all_kinds = contracts.periods(overeenkomsten, perioden)
    text = shown(contracts.timeline_takeaway(all_kinds, fasen, D(2026, 11, 22)))
    drawn = set(all_kinds["soort"].to_list())
    assert {"optie", "inkooptraject"} <= drawn
    assert "Gestippeld = [overbruggingscontract](" in text
    assert "; schuin gestreept = [optie tot verlenging](" in text
    assert "horizontaal gestreept = inkooptraject;" in text
    assert text.endswith("de streepjeslijn is de datum waarmee de pagina rekent.")
    only_terms = all_kinds.filter(pl.col("soort") == "looptijd")
    plain = shown(contracts.timeline_takeaway(only_terms, fasen, D(2026, 11, 22)))
    assert "gestreept" not in plain
    assert plain.endswith(" De streepjeslijn is de datum waarmee de pagina rekent.")


def test_known_durations_for_a_region_without_a_calendar():
    segments = frame(
        schema.Segmenten,
        [
            {"segment_id": "s1", "segment": "Segment 1", "beschrijving": None,
             "ontwikkelopgave": None, "bekostiging": None, "bekostiging_toelichting": None,
             "inkoopvorm": "SAS", "contractduur": "4 – 6 jaar", "volgorde": 1},
            {"segment_id": "s2", "segment": "Segment 2", "beschrijving": None,
             "ontwikkelopgave": None, "bekostiging": None, "bekostiging_toelichting": None,
             "inkoopvorm": None, "contractduur": None, "volgorde": 2},
        ],
    )  # fmt: skip
    table = contracts.durations_table(contracts.known_durations(segments))
    assert table.rows() == [("Segment 1", "SAS", "4 – 6 jaar")]


def test_one_tender_for_both_laws_shows_under_each_law_and_as_its_own_group(
    overeenkomsten, perioden
):
    joint = frame(
        schema.Overeenkomsten, [agreement("samen", "Jeugd en Wmo samen", "jeugd-wmo", 20, 40, 6)]
    )
    ov = pl.concat([overeenkomsten, joint])
    per = pl.concat([perioden, frame(schema.Perioden, [
        period("samen", "looptijd", D(2025, 1, 1), D(2028, 12, 31), "2025-2028")
    ])])  # fmt: skip
    assert contracts.domain_options(ov) == ["alle", "jeugd", "wmo"]
    assert contracts.domain_options(joint) == ["alle", "jeugd", "wmo"]
    for law in ("jeugd", "wmo"):
        shown = contracts.periods(ov, per, domains=contracts.chosen_domains(law))
        assert "Jeugd en Wmo samen" in shown["overeenkomst"].to_list()
    headings = [a.text for a in charts_contracts.timeline(
        contracts.periods(ov, per), today=D(2026, 11, 22), span=(2018, 2034)
    ).layout.annotations if a.text.startswith("<b>")]  # fmt: skip
    assert headings.index("<b>WMO</b>") < headings.index("<b>JEUGDHULP EN WMO SAMEN</b>")


def _with(perioden: pl.DataFrame, *rows: dict) -> pl.DataFrame:
    """The calendar with some periods replaced (same agreement and start) or added."""
    new = frame(schema.Perioden, list(rows))
    return pl.concat([perioden.join(new, on=["overeenkomst_id", "start"], how="anti"), new])


def test_an_option_used_extends_the_contract_and_its_decision_is_a_past_moment(
    overeenkomsten, perioden
):
    used = _with(perioden, period("jeugd-ambulant", "optie", D(2031, 1, 1), D(2034, 12, 31),
                                  "Optie", "gebruikt", D(2029, 6, 1)))  # fmt: skip
    item = next(
        d
        for d in contracts.decisions(overeenkomsten, used)
        if d.overeenkomst_id == "jeugd-ambulant"
    )
    assert item.huidig_einde == item.beslismoment == D(2034, 12, 31)
    assert item.besluit == contracts.DECIDE_PROCURE
    moments = contracts.moments(contracts.decisions(overeenkomsten, used))
    assert moments.filter(pl.col("datum") == D(2029, 6, 1)).row(0, named=True)["besluit"] == (
        "Besloten: optie gebruikt, verlengd tot 31 december 2034 (op 1 juni 2029)"
    )
    view = contracts.periods(overeenkomsten, used, kinds=["optie"])
    table = contracts.period_table(view)
    assert (
        table.filter(pl.col("Overeenkomst") == "Ambulante jeugdhulp").row(0, named=True)[
            "Besluit over de optie"
        ]
        == "gebruikt"
    )
    fig = charts_contracts.timeline(view, today=D(2026, 11, 22), span=(2018, 2034))
    assert "Optie (gebruikt)" in next(t for t in fig.data if t.name == "Optie tot verlenging").text


def test_an_option_not_used_ends_the_contract_at_its_current_end(overeenkomsten, perioden):
    unused = _with(perioden, period("wmo-begeleiding", "optie", D(2025, 1, 1), D(2025, 12, 31),
                                    "Optie", "niet gebruikt"))  # fmt: skip
    item = next(
        d
        for d in contracts.decisions(overeenkomsten, unused)
        if d.overeenkomst_id == "wmo-begeleiding"
    )
    assert item.huidig_einde == item.uiterst_einde == item.beslismoment == D(2024, 12, 31)
    assert item.besluit == contracts.DECIDE_PROCURE
    assert item.besloten == ((D(2024, 12, 31), "Besloten: optie niet gebruikt"),)


def test_a_procurement_beside_the_running_contract_gets_its_own_lane(overeenkomsten, perioden):
    buying = _with(perioden, period("jeugd-ambulant", "inkooptraject", D(2029, 1, 1), None,
                                    "Nieuwe inkoop loopt"))  # fmt: skip
    assert crosschecks.check_overlaps(buying.with_row_index(ROW, offset=2), "perioden.csv") == []
    item = next(
        d
        for d in contracts.decisions(overeenkomsten, buying)
        if d.overeenkomst_id == "jeugd-ambulant"
    )
    assert item.huidig_einde == D(2030, 12, 31)
    fig = charts_contracts.timeline(
        contracts.periods(overeenkomsten, buying), today=D(2026, 11, 22), span=(2018, 2034)
    )
    term = next(t for t in fig.data if t.name == "Contractperiode")
    procurement = next(t for t in fig.data if t.name == "Inkooptraject")
    ambulant_y = term.y[list(term.text).index("2023-2030")]
    lane_y = procurement.y[list(procurement.text).index("Nieuwe inkoop loopt →")]
    assert lane_y > ambulant_y and procurement.width[0] < term.width[0]


# --- The timeline chart ---------------------------------------------------------------------

TODAY = D(2026, 11, 22)


@pytest.fixture
def figure(overeenkomsten, perioden, fasen):
    view = contracts.periods(overeenkomsten, perioden)
    return charts_contracts.timeline(view, fasen=fasen, today=TODAY, span=(2018, 2034))


def _traces(fig) -> dict:
    return {trace.name: trace for trace in fig.data}


def _end(trace, index: int) -> dt.date:
    start = dt.date.fromisoformat(trace.base[index])
    return start + dt.timedelta(days=trace.x[index] / 86_400_000)


def test_one_legend_entry_per_kind_in_dutch(figure):
    legend = [t.name for t in figure.data if t.showlegend is not False]
    assert legend == list(contracts.KIND_LABELS.values())


def test_bars_carry_the_period_as_the_slide_writes_it(figure):
    runs = _traces(figure)["Contractperiode"]
    assert "2023-2030" in runs.text
    index = list(runs.text).index("2023-2030")
    assert runs.base[index] == "2023-01-01"
    assert _end(runs, index) == D(2031, 1, 1)  # through 31 December 2030
    options = _traces(figure)["Optie tot verlenging"]
    assert list(options.text) == ["Optie"] * 4
    bridge = _traces(figure)["Overbruggingscontract"]
    assert list(bridge.text) == ["2022"]


def test_kinds_differ_by_pattern_not_only_by_colour(figure):
    shapes = []
    for name in contracts.KIND_LABELS.values():
        pattern = _traces(figure)[name].marker.pattern
        shapes.append(pattern.shape if pattern and pattern.shape else "")
    assert len(set(shapes)) == len(shapes)
    assert _traces(figure)["Optie tot verlenging"].marker.pattern.shape == "/"


def test_open_ended_periods_run_to_the_edge_with_an_arrow(figure):
    transfer = _traces(figure)["Overgedragen aan een andere organisatie"]
    assert list(transfer.text) == ["Miv 2024 ondergebracht bij GGDHN (Veilig Thuis) →"]
    assert transfer.base[0] == "2024-01-01"
    assert _end(transfer, 0) == D(2035, 1, 1)
    procurement = _traces(figure)["Inkooptraject"]
    assert list(procurement.text) == ["Inkooptraject loopt →"]
    assert _end(procurement, 0) == D(2035, 1, 1)
    assert (
        "geen einddatum" in procurement.customdata[0][3]
        or "loopt nog" in (procurement.customdata[0][3])
    )


def test_rows_are_titled_with_contracts_times_municipalities(figure):
    texts = [a.text for a in figure.layout.annotations]
    assert "<b>Ambulante jeugdhulp</b>  ·  167 contracten × 6 gemeenten" in texts
    assert "<b>Crisisdienst</b>  ·  1 contract × 18 gemeenten" in texts
    assert "<b>JEUGDHULP</b>" in texts and "<b>WMO</b>" in texts
    assert texts.index("<b>JEUGDHULP</b>") < texts.index("<b>WMO</b>")


def test_today_is_marked_and_named(figure):
    line = figure.layout.shapes[0]
    assert (line.x0, line.x1) == ("2026-11-22", "2026-11-22")
    assert "<b>Vandaag: 22 november 2026</b>" in [a.text for a in figure.layout.annotations]


def test_today_label_is_never_cut_off_at_an_edge(overeenkomsten, perioden):
    view = contracts.periods(overeenkomsten, perioden)

    def anchor(today: dt.date, span: tuple[int, int]) -> str:
        fig = charts_contracts.timeline(view, today=today, span=span)
        return next(a.xanchor for a in fig.layout.annotations if a.text.startswith("<b>Vandaag"))

    assert anchor(D(2026, 11, 22), (2018, 2034)) == "center"
    assert anchor(D(2026, 11, 22), (2020, 2023)) == "right"
    assert anchor(D(2018, 2, 1), (2018, 2034)) == "left"


def test_axis_runs_from_the_first_to_the_last_year(figure, overeenkomsten, perioden):
    assert tuple(figure.layout.xaxis.range) == ("2018-01-01", "2035-01-01")
    later = charts_contracts.timeline(
        contracts.periods(overeenkomsten, perioden), today=D(2040, 3, 1), span=(2018, 2034)
    )
    assert tuple(later.layout.xaxis.range) == ("2018-01-01", "2041-01-01")


def test_every_phase_and_milestone_name_is_written(figure, fasen):
    band = [t for t in figure.data if t.name in contracts.PHASE_LABELS.values()]
    written = {text for trace in band for text in trace.text if text}
    written |= {a.text for a in figure.layout.annotations}
    assert set(fasen["naam"]) <= written


def test_names_beside_bars_do_not_overlap(figure):
    """At the narrowest width, no name written beside a bar covers another bar or name."""
    axis = Axis(D(2018, 1, 1), D(2034, 12, 31))
    spans: dict[float, list[tuple[dt.date, dt.date]]] = {}
    checked: list[str] = []
    band = [t for t in figure.data if t.name in contracts.PHASE_LABELS.values()]
    for trace in band:
        for y, base, length in zip(trace.y, trace.base, trace.x, strict=True):
            start = dt.date.fromisoformat(base)
            end = start + dt.timedelta(days=length / 86_400_000 - 1)
            spans.setdefault(y, []).append((start, end))
    for note in figure.layout.annotations:
        if note.xref == "paper" or note.yref == "paper" or note.y not in spans:
            continue
        width = dt.timedelta(days=text_px(note.text) / axis.px_per_day)
        at = dt.date.fromisoformat(note.x)
        span = (at - width, at) if note.xanchor == "right" else (at, at + width)
        for other in spans[note.y]:
            assert not (span[0] < other[1] and other[0] < span[1]), note.text
        spans[note.y].append(span)
        checked.append(note.text)
    assert "Voorbereidingsfase" in checked and "Evaluatie inkoop" in checked


def test_no_text_smaller_than_14_px(figure):
    assert figure.layout.uniformtext.minsize >= 14
    assert all(t.textfont.size >= 14 for t in figure.data)
    assert all((a.font.size or 16) >= 14 for a in figure.layout.annotations)
    assert figure.layout.xaxis.tickfont.size >= 14


def test_domain_filter_leaves_one_heading(overeenkomsten, perioden):
    fig = charts_contracts.timeline(
        contracts.periods(overeenkomsten, perioden, domains=["wmo"]), today=TODAY, span=(2018, 2034)
    )
    texts = [a.text for a in fig.layout.annotations]
    assert "<b>WMO</b>" in texts and "<b>JEUGDHULP</b>" not in texts
    assert "Overgedragen aan een andere organisatie" not in [t.name for t in fig.data]


def test_phases_alone_for_a_region_without_a_calendar(overeenkomsten, perioden, fasen):
    empty = contracts.periods(overeenkomsten.head(0), perioden.head(0))
    fig = charts_contracts.timeline(empty, fasen=fasen, today=TODAY, span=(2022, 2034))
    assert [t.name for t in fig.data] == ["Fasen", "Mijlpalen"]


def test_place_puts_a_name_on_in_beside_or_nowhere():
    axis = Axis(D(2018, 1, 1), D(2034, 12, 31))
    assert place("Fase 2", D(2026, 1, 1), D(2030, 12, 31), [], axis).where == "inside"
    first = place("Voorbereidingsfase", D(2022, 1, 1), D(2022, 12, 31), [], axis)
    assert first.where == "left" and first.span[1] < D(2022, 1, 1)
    boxed_in = [(D(2018, 1, 1), D(2021, 12, 31)), (D(2023, 1, 1), D(2034, 12, 31))]
    assert place("Voorbereidingsfase", D(2022, 1, 1), D(2022, 12, 31), boxed_in, axis).where == (
        "hidden"
    )
    right = place(
        "Fase 2 contracten",
        D(2026, 1, 1),
        D(2026, 12, 31),
        [(D(2023, 1, 1), D(2025, 12, 31))],
        axis,
    )
    assert right.where == "right" and right.span[0] > D(2026, 12, 31)


def test_terms_link_to_the_glossary():
    assert contracts.glossary("optie tot verlenging") == (
        "[optie tot verlenging](/begrippen?zoek=optie%20tot%20verlenging)"
    )
    assert contracts.glossary("peildatum") in contracts.today_statement(TODAY, PEILDATUM)


def test_the_counts_note_explains_with_the_regions_own_first_agreement(overeenkomsten):
    note = shown(contracts.counts_note(overeenkomsten))
    first = overeenkomsten.sort("volgorde").row(0, named=True)
    assert note.startswith("**Wat de aantallen tellen.**")
    label = contracts.contracts_label(first["aantal_contracten"], first["aantal_gemeenten"])
    assert f"({first['overeenkomst']}: {label})" in note
    assert "167 x 6" not in note
    uncounted = overeenkomsten.with_columns(pl.lit(None, pl.Int64).alias("aantal_contracten"))
    assert contracts.counts_note(uncounted) == ""


def test_the_timeline_as_a_list_has_every_period_with_its_dates_and_what_runs_today(
    overeenkomsten, perioden, fasen
):
    """What a phone shows instead of the timeline: the same periods, dates and kinds."""
    today = D(2026, 12, 5)
    listed = shown(
        contracts.timeline_list(contracts.periods(overeenkomsten, perioden), fasen, today)
    )
    lines = [line.strip() for line in listed.splitlines() if line.strip()]
    assert lines[:2] == ["**Fasen**", "- Voorbereidingsfase: 1 januari 2022 – 31 december 2022"]
    assert (
        "- Transformatiefase 2: 1 januari 2026 – 31 december 2030 · loopt op 5 december 2026"
        in lines
    )
    at = lines.index("- **Ambulante jeugdhulp** · 167 contracten × 6 gemeenten")
    assert lines[at + 1 : at + 5] == [
        "- 1 januari 2018 – 31 december 2021: Contractperiode",
        "- 1 januari 2022 – 31 december 2022: Overbruggingscontract",
        "- 1 januari 2023 – 31 december 2030: Contractperiode · loopt op 5 december 2026",
        "- 1 januari 2031 – 31 december 2034: Optie tot verlenging",
    ]
    # The source's own words where they say more than the dates and the kind.
    assert (
        "- vanaf 1 januari 2024: Overgedragen aan een andere organisatie "
        "(Miv 2024 ondergebracht bij GGDHN (Veilig Thuis)) · loopt op 5 december 2026" in lines
    )
    assert "- 1 augustus 2022 – 31 juli 2026: Contractperiode (aug 2022-juli 2026)" in lines
    assert lines.index("**Jeugdhulp**") < lines.index("**Wmo**")
    periods_listed = [line for line in lines if line.startswith("- ") and ":" in line]
    assert len(periods_listed) == perioden.height + fasen.height
