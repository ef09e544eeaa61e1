"""Unit tests of the Transformatie transforms and chart builders, on small fixed frames.

The frames follow the extract contract (components.build.schema) and use the figures of the
source documents where the page must show them: the quadrant shares of the Alkmaar
strategy (55/65, 20/5, 15/15, 10/15) and the CBS share of youth in care (13,0% in 2020,
13,5% provisionally in 2025, desired direction down, no target).
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import unquote

import polars as pl
import pytest

from components.build import schema
from components.common.provenance import source_note
from components.data import extracts
from components.transformation import charts, kpis
from components.transformation import model as tf
from tests.reading import shown

PROVENANCE = {
    "regio": "testregio",
    "bron": "doc",
    "vindplaats": "p. 1",
    "peildatum": dt.date(2021, 12, 31),
    "status": "gepubliceerd",
    "notitie": None,
}


def frame(model, rows: list[dict]) -> pl.DataFrame:
    """Rows completed with provenance, typed as the extract contract says."""
    dtypes = {name: getattr(pl, dtype) for name, dtype in schema.columns(model).items()}
    return pl.DataFrame([{**PROVENANCE, **row} for row in rows], schema=dtypes)


def kpi(kpi_id: str, **values) -> dict:
    row = {
        "kpi_id": kpi_id,
        "doel_id": None,
        "kpi": kpi_id,
        "eenheid": "procent",
        "gewenste_richting": "omlaag",
        "basiswaarde": None,
        "basisjaar": None,
        "streefwaarde": None,
        "streefjaar": None,
        "realisatie": None,
        "realisatiejaar": None,
        "realisatie_status": None,
    }
    return row | values


#: The shipped Alkmaar KPI that moves the wrong way (CBS): 13,0% (2020) → 13,5% (2025, vrl.).
YOUTH_IN_CARE = kpi(
    "jeugdhulpgebruik",
    doel_id="minder-instroom",
    kpi="Aandeel jongeren met jeugdhulp",
    basiswaarde=13.0,
    basisjaar=2020,
    realisatie=13.5,
    realisatiejaar=2025,
    realisatie_status="voorlopig",
)
#: The shipped KPI with a target but no measurement: index 100 (2023) → 70 (2030).
CLIENTS_2030 = kpi(
    "clienten-2030",
    doel_id="meer-uitstroom",
    kpi="Aantal cliënten (index)",
    basiswaarde=100.0,
    basisjaar=2023,
    streefwaarde=70.0,
    streefjaar=2030,
)
#: On track: 60 → 70 of a 60 → 80 target after 2 of 4 years (half the way, half the time).
ON_TRACK = kpi(
    "pleegzorg",
    gewenste_richting="omhoog",
    basiswaarde=60.0,
    basisjaar=2022,
    streefwaarde=80.0,
    streefjaar=2026,
    realisatie=71.0,
    realisatiejaar=2024,
    realisatie_status="gepubliceerd",
)
#: Behind: 100 → 95 of a 100 → 70 target after 4 of 5 years.
BEHIND = kpi(
    "verblijf",
    basiswaarde=100.0,
    basisjaar=2020,
    streefwaarde=70.0,
    streefjaar=2025,
    realisatie=95.0,
    realisatiejaar=2024,
    realisatie_status="gepubliceerd",
)
#: No target, moving the right way.
NO_TARGET = kpi(
    "wachttijd",
    eenheid="aantal",
    basiswaarde=12.0,
    basisjaar=2021,
    realisatie=9.0,
    realisatiejaar=2023,
    realisatie_status="gepubliceerd",
)


def judged(*rows: dict) -> pl.DataFrame:
    return kpis.kpi_progress(frame(schema.Kpis, list(rows)))


def verdict(row: dict) -> kpis.Judgement:
    return kpis.judge(row)


# --- KPI progress ---------------------------------------------------------------------


def test_a_kpi_without_realisation_has_no_measurement_yet():
    result = verdict(CLIENTS_2030)
    assert result.code == "geen_meting"
    assert kpis.VERDICTS[result.code].label == "nog geen meting"
    assert result.explanation == "Er is nog geen meting. Streefwaarde: 70% (2030)."


def test_share_of_youth_in_care_moves_the_wrong_way_even_without_a_target():
    result = verdict(YOUTH_IN_CARE)
    assert result.code == "verkeerd"
    assert result.share is None
    assert result.explanation == (
        "Van 13,0% (2020) naar 13,5% (2025): omhoog, terwijl omlaag de bedoeling is. "
        "Er is geen streefwaarde bekend."
    )


def test_a_kpi_without_target_that_improves_says_there_is_no_target():
    result = verdict(NO_TARGET)
    assert result.code == "geen_streef"
    assert kpis.VERDICTS[result.code].label == "geen streefwaarde bekend"
    assert "Van 12 (2021) naar 9 (2023): de goede kant op" in result.explanation


def test_on_track_compares_the_share_of_the_way_with_the_share_of_the_time():
    result = verdict(ON_TRACK)
    assert result.code == "op_koers"
    assert result.share == pytest.approx(0.55)  # (71 - 60) / (80 - 60)
    assert result.expected == pytest.approx(0.5)  # 2 of 4 years
    assert "Dat is 55% van de weg naar de streefwaarde, terwijl 50% van de tijd voorbij is." in (
        result.explanation
    )


def test_behind_schedule_when_the_way_lags_the_time_in_the_desired_direction_down():
    result = verdict(BEHIND)
    assert result.code == "achter"
    assert result.share == pytest.approx(5 / 30)
    assert result.expected == pytest.approx(0.8)


def test_target_reached_and_target_passed():
    reached = verdict(ON_TRACK | {"realisatie": 80.0})
    passed = verdict(BEHIND | {"realisatie": 60.0})
    assert (reached.code, passed.code) == ("gehaald", "gehaald")
    assert passed.share == pytest.approx(40 / 30)


def test_without_baseline_only_a_reached_target_can_be_judged():
    assert verdict(ON_TRACK | {"basiswaarde": None}).code == "geen_basis"
    assert verdict(ON_TRACK | {"basiswaarde": None, "realisatie": 85.0}).code == "gehaald"


def test_without_years_progress_is_the_right_way_but_not_on_a_schedule():
    result = verdict(ON_TRACK | {"basisjaar": None})
    assert result.code == "goede_kant"
    assert result.expected is None


def test_kpi_progress_lists_what_needs_attention_first_and_marks_provisional():
    progress = judged(ON_TRACK, CLIENTS_2030, YOUTH_IN_CARE, NO_TARGET, BEHIND)
    assert progress["kpi_id"].to_list() == [
        "jeugdhulpgebruik",
        "verblijf",
        "clienten-2030",
        "wachttijd",
        "pleegzorg",
    ]
    assert progress["oordeel"].to_list() == [
        "verkeerd",
        "achter",
        "geen_meting",
        "geen_streef",
        "op_koers",
    ]
    assert progress["voorlopig"].to_list() == [True, False, False, False, False]
    assert kpis.unmeasured(progress) == ["Aantal cliënten (index)"]


def test_the_verdict_is_said_in_words_with_a_badge_never_colour_alone():
    assert kpis.badge("verkeerd", provisional=True) == (
        ":red-badge[:material/warning: verkeerde kant op] :violet-badge[voorlopige meting]"
    )
    assert kpis.badge("geen_meting") == ":gray-badge[:material/hourglass_empty: nog geen meting]"
    assert kpis.badge("geen_streef") == ":gray-badge[:material/help: geen streefwaarde]"
    assert kpis.badge("op_koers") == ":green-badge[:material/check_circle: op koers]"


def test_kpi_line_shows_values_with_provisional_marked():
    row = judged(YOUTH_IN_CARE).row(0, named=True)
    assert kpis.kpi_values(row) == (
        "begin 13,0% (2020) · meting 13,5% (2025) VOORLOPIG · streef geen streefwaarde bekend"
    )
    assert kpis.kpi_values(judged(CLIENTS_2030).row(0, named=True)) == (
        "begin 100% (2023) · meting nog geen meting · streef 70% (2030)"
    )


def test_a_provisional_measurement_makes_the_source_note_warn():
    rows = kpis.kpi_note_rows(frame(schema.Kpis, [YOUTH_IN_CARE, CLIENTS_2030]))
    assert rows["status"].to_list() == ["voorlopig", "gepubliceerd"]
    bronnen = pl.DataFrame({"bron": ["doc"], "titel": ["T"], "organisatie": ["O"], "datum": [None]})
    note = source_note(rows, bronnen)
    assert note.warnings == ("Let op: bevat VOORLOPIGE cijfers; die kunnen nog veranderen.",)


def test_progress_table_keeps_exact_values_and_the_verdict_in_words():
    table = kpis.progress_table(judged(ON_TRACK, YOUTH_IN_CARE))
    assert table.columns[0] == "KPI"
    first, second = table.rows(named=True)
    assert first["Oordeel"] == "beweegt de verkeerde kant op (voorlopige meting)"
    assert first["Meting"] == 13.5 and first["Status meting"] == "voorlopig"
    assert second["Deel van de weg (%)"] == 55.0
    assert second["Deel van de tijd (%)"] == 50.0


def test_progress_takeaway_counts_each_verdict():
    progress = judged(CLIENTS_2030, YOUTH_IN_CARE, ON_TRACK)
    assert kpis.progress_takeaway(progress) == (
        "3 KPI's. Beweegt de verkeerde kant op: 1; nog geen meting: 1; op koers: 1."
    )
    assert kpis.progress_takeaway(judged()) == (
        "Voor deze regio zijn geen KPI's met begin- en streefwaarden bekend."
    )


# --- Goals and shifts -----------------------------------------------------------------

SHIFTS = [
    ("meer-uitstroom", "Meer uitstroom", "Eerder klaar met jeugdhulp."),
    ("minder-instroom", "Minder instroom", "Minder jeugdigen hebben jeugdhulp nodig."),
    ("ondersteuning-eigen-kracht", "Ondersteuning eigen kracht", "Eigen netwerk."),
    ("ambulantisering", "Ambulantisering", "Minder verblijf, meer ambulant."),
    ("afbakening-jeugdhulp", "Afbakening jeugdhulp", "Naar Wlz, Zvw, onderwijs en Wmo."),
    ("zo-thuis-mogelijk", "Zo thuis mogelijk", "Gezinshuizen en pleegzorg."),
]


def doelen_frame() -> pl.DataFrame:
    rows = [
        {"doel_id": i, "soort": "verschuiving", "titel": t, "betekenis": b, "volgorde": 10 + n}
        for n, (i, t, b) in enumerate(SHIFTS)
    ]
    rows.append(
        {
            "doel_id": "doel-zwaar-naar-licht",
            "soort": "inkoopdoel",
            "titel": "Van zwaar naar licht",
            "betekenis": None,
            "volgorde": 1,
        }
    )
    return frame(schema.Doelen, rows)


def test_every_shift_shows_its_meaning_and_its_kpi_or_says_it_has_none():
    progress = judged(YOUTH_IN_CARE, CLIENTS_2030)
    shifts = tf.goals(doelen_frame(), tf.SHIFT)
    assert shifts["titel"].to_list() == [t for _, t, _ in SHIFTS]
    cards = {
        row["doel_id"]: shown(tf.goal_markdown(row, progress))
        for row in shifts.iter_rows(named=True)
    }
    assert cards["minder-instroom"].startswith("#### Minder instroom\n\nMinder jeugdigen hebben")
    assert (
        "**KPI:** Aandeel jongeren met jeugdhulp  \nbegin 13,0% (2020)" in cards["minder-instroom"]
    )
    assert (
        ":red-badge[:material/warning: verkeerde kant op] :violet-badge[voorlopige meting]"
        in (cards["minder-instroom"])
    )
    assert "nog geen meting" in cards["meer-uitstroom"]
    assert "Er is nog geen KPI die dit meet." in cards["ambulantisering"]
    assert "Er is nog geen KPI die dit meet." not in cards["minder-instroom"]


def test_goals_table_and_key_figures_and_page_takeaway():
    doelen, progress = doelen_frame(), judged(YOUTH_IN_CARE, CLIENTS_2030, ON_TRACK)
    table = tf.goals_table(doelen, progress)
    assert table["Doel"][0] == "Van zwaar naar licht"  # goals in the source's order
    by_goal = {row["Doel"]: row for row in table.iter_rows(named=True)}
    assert by_goal["Ambulantisering"]["KPI's"] == "geen KPI"
    assert (
        by_goal["Minder instroom"]["Oordeel"] == "beweegt de verkeerde kant op (voorlopige meting)"
    )
    shown = {f.label: f.value for f in tf.key_figures(doelen, progress)}
    assert shown == {
        "Verschuivingen": "6",
        "KPI's met een meting": "2 van 3",
        "KPI's die de verkeerde kant op gaan": "1",
    }
    assert tf.page_takeaway(doelen, progress) == (
        "De inkoop moet 6 verschuivingen brengen. Van de 3 KPI's: 1 de verkeerde kant op, "
        "1 op koers of gehaald, 1 nog niet gemeten."
    )


def test_page_takeaway_for_a_region_without_goals_or_kpis():
    empty = doelen_frame().head(0)
    assert tf.page_takeaway(empty, judged()) == (
        "De documenten van deze regio noemen geen doelen voor de transformatie."
    )
    assert tf.key_figures(empty, judged()) == []


# --- Quadrants --------------------------------------------------------------------------

QUADRANTS = [
    ("herstelgericht", "ambulant", 55.0, 65.0),
    ("herstelgericht", "verblijf", 20.0, 5.0),
    ("ondersteuningsgericht", "ambulant", 15.0, 15.0),
    ("ondersteuningsgericht", "verblijf", 10.0, 15.0),
]


def kwadranten_frame() -> pl.DataFrame:
    rows = [
        {
            "kwadrant_id": f"{a}-{p}",
            "doelgroep": a,
            "perceel": p,
            "producten": None,
            "aandeel_budget": b,
            "aandeel_clienten": c,
            "richting": f"richting {a} {p}",
            "opgave_fase1": None,
            "opgave_fase2": None,
        }
        for a, p, b, c in reversed(QUADRANTS)  # the order of the rows must not matter
    ]
    return frame(schema.Kwadranten, rows)


def test_quadrant_ratio_is_budget_share_divided_by_client_share():
    shares = tf.quadrant_shares(kwadranten_frame())
    assert shares["naam"].to_list() == [
        "Herstelgericht ambulant",
        "Herstelgericht verblijf",
        "Ondersteuningsgericht ambulant",
        "Ondersteuningsgericht verblijf",
    ]
    assert shares["verhouding"].to_list() == pytest.approx([55 / 65, 4.0, 1.0, 10 / 15])
    assert shares["zin"][1] == (
        "Herstelgericht verblijf: 20% van het budget voor 5% van de cliënten, "
        "per cliënt 4 keer zo duur als gemiddeld."
    )
    assert shares["zin"][3].endswith("per cliënt 33% goedkoper dan gemiddeld.")
    assert shares["zin"][2].endswith("per cliënt ongeveer even duur als gemiddeld.")


def test_quadrant_takeaway_names_the_most_expensive_client():
    shares = tf.quadrant_shares(kwadranten_frame())
    assert tf.quadrant_takeaway(shares) == (
        "Herstelgericht verblijf krijgt 20% van het budget voor 5% van de cliënten: "
        "per cliënt 4 keer zo duur als gemiddeld."
    )


def test_a_quadrant_without_clients_has_no_ratio():
    assert tf.cost_ratio_words(None).startswith("kosten per cliënt niet te bepalen")
    rows = kwadranten_frame().with_columns(pl.lit(0.0).alias("aandeel_clienten"))
    assert tf.quadrant_shares(rows)["verhouding"].null_count() == 4


def test_quadrant_chart_puts_budget_and_clients_side_by_side_with_labels():
    fig = charts.quadrant_bars(tf.quadrant_shares(kwadranten_frame()))
    budget, clients = fig.data
    assert list(budget.x) == [55.0, 20.0, 15.0, 10.0]
    assert list(clients.x) == [65.0, 5.0, 15.0, 15.0]
    assert list(budget.text) == ["budget 55%", "budget 20%", "budget 15%", "budget 10%"]
    assert list(clients.text) == ["cliënten 65%", "cliënten 5%", "cliënten 15%", "cliënten 15%"]
    assert list(budget.y)[1] == "Herstelgericht verblijf"
    # Told apart by pattern as well as colour, and no legend to decode.
    assert clients.marker.pattern.shape == "/" and not budget.marker.pattern.shape
    assert fig.layout.showlegend is False
    notes = [a.text for a in fig.layout.annotations]
    assert "<b>per cliënt 4 keer zo duur als gemiddeld</b>" in notes


# --- KPI chart --------------------------------------------------------------------------


def test_kpi_chart_draws_baseline_measurement_and_target_with_labels():
    progress = judged(YOUTH_IN_CARE, CLIENTS_2030, ON_TRACK)
    fig = charts.kpi_paths(progress)
    titles = [a.text for a in fig.layout.annotations]
    assert titles[0] == "Aandeel jongeren met jeugdhulp<br><b>beweegt de verkeerde kant op</b>"
    labelled = {trace.text[0]: (trace.x[0], trace.y[0]) for trace in fig.data if trace.text}
    assert labelled["begin 13,0%<br>2020"] == (2020, 13.0)
    assert labelled["meting 13,5% (voorlopig)<br>2025"] == (2025, 13.5)
    assert labelled["streef 70%<br>2030"] == (2030, 70.0)
    assert labelled["meting 71%<br>2024"] == (2024, 71.0)
    provisional = next(t for t in fig.data if t.text and "voorlopig" in t.text[0])
    assert provisional.marker.symbol == "circle-open"
    dashed = [t for t in fig.data if t.mode == "lines" and t.line.dash == "dash"]
    assert [list(t.y) for t in dashed] == [[100.0, 70.0], [60.0, 80.0]]


# --- Phases and escalation ----------------------------------------------------------------


def fasen_frame() -> pl.DataFrame:
    rows = [
        ("transformatiefase-1", "fase", "Transformatiefase 1", 2023, 2025, "Sturen", None, 2),
        ("transformatiefase-2", "fase", "Transformatiefase 2", 2026, 2030, "Handhaven",
         "Daling van het aantal cliënten met ongeveer 30% in 2030", 3),
        ("evaluatie-inkoop", "mijlpaal", "Evaluatie inkoop", 2025, 2025, None, None, 14),
    ]  # fmt: skip
    return frame(
        schema.Fasen,
        [
            {
                "fase_id": i,
                "soort": s,
                "naam": n,
                "start": dt.date(a, 1, 1),
                "einde": dt.date(b, 12, 31),
                "opgave": o,
                "impact": m,
                "volgorde": v,
            }
            for i, s, n, a, b, o, m, v in rows
        ],
    )


def test_phases_are_ordered_with_their_period_and_impact():
    ordered = tf.phases(fasen_frame())
    assert ordered["naam"].to_list() == [
        "Transformatiefase 1",
        "Transformatiefase 2",
        "Evaluatie inkoop",
    ]
    assert ordered["periode"].to_list() == ["2023–2025", "2026–2030", "2025"]
    assert tf.phases_takeaway(ordered) == (
        "2 fasen van 2023 tot en met 2030. Verwacht in transformatiefase 2 (2026–2030): "
        "Daling van het aantal cliënten met ongeveer 30% in 2030."
    )
    assert tf.phase_markdown(ordered.row(1, named=True)) == (
        "#### Transformatiefase 2 (2026–2030)\n\n**Grootste opgave:** Handhaven\n\n"
        "**Verwachte impact:** Daling van het aantal cliënten met ongeveer 30% in 2030"
    )


def test_phase_timeline_spans_the_years_with_the_period_on_each_bar():
    fig = charts.phase_timeline(tf.phases(fasen_frame()))
    phases, milestones = fig.data
    assert list(phases.y) == ["Transformatiefase 1", "Transformatiefase 2"]
    assert list(phases.text) == ["2023–2025", "2026–2030"]
    assert list(phases.base) == [2023.0, 2026.0]
    assert [round(x, 2) for x in phases.x] == [3.0, 5.0]
    assert milestones.marker.pattern.shape == "/"
    assert list(fig.layout.xaxis.range) == [2023, 2031]


ESCALATION = [
    (1, "stap", "Signalering van knelpunt bij aanbieder"),
    (2, "stap", "Verbeterplan door aanbieder"),
    (3, "stap", "Monitoring op casusniveau"),
    (4, "stap", "Beoordeling bereikte resultaten"),
    (5, "uitkomst", "Voortzetting doorverwijzing"),
    (5, "uitkomst", "Toezicht en handhaving"),
    (5, "uitkomst", "Voorstel tot ontbinding contract"),
]


def escalatie_frame() -> pl.DataFrame:
    return frame(
        schema.Escalatie,
        [
            {"stap": n, "soort": s, "titel": t, "omschrijving": f"Uitleg {t.lower()}."}
            for n, s, t in ESCALATION
        ],
    )


def test_escalation_model_as_text_lists_the_steps_then_three_outcomes():
    steps, outcomes = tf.escalation(escalatie_frame())
    text = shown(tf.escalation_markdown(steps, outcomes))
    lines = text.splitlines()
    assert lines[0] == (
        "1. **Signalering van knelpunt bij aanbieder**: Uitleg signalering van knelpunt bij "
        "aanbieder."
    )
    assert lines[3].startswith("4. **Beoordeling bereikte resultaten**")
    assert lines[4] == "5. **Uitkomst** (een van 3 mogelijkheden):"
    assert sorted(line.split("**")[1] for line in lines[5:]) == [
        "Toezicht en handhaving",
        "Voorstel tot ontbinding contract",
        "Voortzetting doorverwijzing",
    ]
    assert tf.escalation_takeaway(steps, outcomes).startswith(
        "Een aanbieder die niet transformeert doorloopt 4 stappen: signalering van knelpunt "
        "bij aanbieder → verbeterplan door aanbieder → monitoring op casusniveau → "
        "beoordeling bereikte resultaten. Het oordeel leidt tot een van 3 uitkomsten:"
    )


def test_escalation_flow_draws_boxes_for_steps_and_outcomes_with_arrows():
    steps, outcomes = tf.escalation(escalatie_frame())
    fig = charts.escalation_flow(steps, outcomes)
    boxes = [a.text for a in fig.layout.annotations if a.text]
    assert boxes[0] == "<b>Stap 1</b><br>Signalering van<br>knelpunt bij<br>aanbieder"
    assert boxes[3] == "<b>Stap 4</b><br>Beoordeling bereikte<br>resultaten"
    assert sum(text.startswith("<b>Uitkomst</b>") for text in boxes) == 3
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert len(arrows) == 3 + 3  # between the four steps, and to each outcome
    assert len(fig.layout.shapes) == 7


# --- Segments and comparison ------------------------------------------------------------


def segmenten_frame() -> pl.DataFrame:
    rows = [
        ("segment-1", "Segment 1 – Hoog specialistisch", "pxq;taakgericht", None, "4 – 6 jaar"),
        ("segment-2", "Segment 2 – Wonen", "pxq;taakgericht", "SAS-procedure", None),
        ("segment-5", "Segment 5 – Crisis", "hybride", None, None),
        ("segment-7", "Segment 7 – Onderwijs jeugdhulp", "taakgericht", None, None),
    ]
    return frame(
        schema.Segmenten,
        [
            {
                "segment_id": i,
                "segment": n,
                "beschrijving": f"Wat {i}",
                "ontwikkelopgave": None,
                "bekostiging": b,
                "bekostiging_toelichting": None,
                "inkoopvorm": r,
                "contractduur": d,
                "volgorde": v,
            }
            for v, (i, n, b, r, d) in enumerate(rows)
        ],
    )


def alkmaar_frames() -> dict[str, pl.DataFrame]:
    overeenkomsten = frame(
        schema.Overeenkomsten,
        [
            {"overeenkomst_id": "jeugd-ambulant", "overeenkomst": "Jeugdhulp ambulante",
             "domein": "jeugd", "volgorde": 1, "aantal_contracten": 167, "aantal_gemeenten": 6},
            {"overeenkomst_id": "jeugd-verblijf", "overeenkomst": "Jeugdhulp met verblijf",
             "domein": "jeugd", "volgorde": 2, "aantal_contracten": 38, "aantal_gemeenten": 6},
        ],
    )  # fmt: skip
    periods = []
    for agreement in ("jeugd-ambulant", "jeugd-verblijf"):
        periods += [
            {"overeenkomst_id": agreement, "soort": "looptijd", "start": dt.date(2018, 1, 1),
             "einde": dt.date(2021, 12, 31), "label": "2018-2021"},
            {"overeenkomst_id": agreement, "soort": "looptijd", "start": dt.date(2023, 1, 1),
             "einde": dt.date(2030, 12, 31), "label": "2023-2030"},
            {"overeenkomst_id": agreement, "soort": "optie", "start": dt.date(2031, 1, 1),
             "einde": dt.date(2034, 12, 31), "label": "Optie"},
        ]  # fmt: skip
    return {
        "segmenten": segmenten_frame().head(0),
        "kwadranten": kwadranten_frame(),
        "overeenkomsten": overeenkomsten,
        "perioden": frame(schema.Perioden, periods),
        "bronnen": pl.DataFrame({"regio": ["testregio"], "bron": ["doc"]}),
    }


def zhz_frames() -> dict[str, pl.DataFrame]:
    frames = alkmaar_frames()
    return frames | {
        "segmenten": segmenten_frame(),
        "kwadranten": frames["kwadranten"].head(0),
        "bronnen": pl.DataFrame({"regio": ["zhz"], "bron": ["soj"]}),
    }


def test_funding_models_in_words():
    assert tf.funding_label("pxq;taakgericht") == "P×Q (inspanningsgericht) en taakgericht"
    assert tf.funding_label("pxq;taakgericht;hybride") == (
        "P×Q (inspanningsgericht), taakgericht en hybride"
    )
    assert tf.funding_label("subsidie") == "subsidie"
    assert tf.funding_label("lumpsum;populatiebekostiging") == (
        "lumpsum (een vast bedrag per periode) en populatiebekostiging (een budget voor de zorg "
        "aan alle inwoners)"
    )
    assert tf.funding_label(None) == "niet genoemd in de bronnen"


def test_segment_card_says_what_the_source_does_not_give():
    row = tf.segments(segmenten_frame()).row(0, named=True)
    text = shown(tf.segment_markdown(row))
    assert "**Bekostiging:** P×Q (inspanningsgericht) en taakgericht" in text
    assert "**Inkoopvorm:** niet genoemd in de bronnen" in text
    assert "**Contractduur:** 4 – 6 jaar" in text


def test_comparison_puts_segments_next_to_lots_with_the_contract_term():
    comparison = tf.compare([("Zuid-Holland Zuid", zhz_frames()), ("Alkmaar", alkmaar_frames())])
    units = comparison.units
    assert units.columns == list(tf.COMPARISON_COLUMNS)
    assert units["Eenheid"].to_list() == [
        "Segment 1 – Hoog specialistisch",
        "Segment 2 – Wonen",
        "Segment 5 – Crisis",
        "Segment 7 – Onderwijs jeugdhulp",
        "Perceel ambulant (herstelgericht en ondersteuningsgericht)",
        "Perceel verblijf (herstelgericht en ondersteuningsgericht)",
    ]
    lots = units.filter(pl.col("Soort") == "perceel")
    assert lots["Contractduur"].to_list() == ["2023-2030 (8 jaar), optie 2031–2034"] * 2
    assert lots["Bekostiging"].to_list() == ["niet per perceel in de gegevens"] * 2
    assert lots["Inkoopvorm"].to_list() == ["niet per perceel in de gegevens"] * 2
    assert units["Bekostiging"][2] == "hybride"
    assert comparison.takeaway == (
        "Zuid-Holland Zuid koopt in per segment (4), bekostiging bekend bij 4 van de 4; "
        "Alkmaar koopt in per perceel (2), bekostiging niet in de gegevens."
    )
    # Source notes: the segments, the quadrants, and only the current term and option.
    assert comparison.rows.height == 4 + 4 + 4
    assert comparison.bronnen["bron"].to_list() == ["soj", "doc"]


def test_comparison_of_a_region_without_segments_or_lots_says_so():
    empty = zhz_frames() | {"segmenten": segmenten_frame().head(0)}
    comparison = tf.compare([("Voorbeeldregio", empty), ("Alkmaar", alkmaar_frames())])
    assert comparison.units["Regio"].unique().to_list() == ["Alkmaar"]
    assert comparison.takeaway.startswith(
        "Voorbeeldregio: geen segmenten of percelen in de gegevens; Alkmaar koopt in per perceel"
    )


def test_comparison_offers_the_region_that_made_the_other_choice_first():
    others = {
        "duin-en-bollenstreek": None,
        "regio-alkmaar": "perceel",
        "voorbeeldregio": None,
        "zuid-holland-zuid": "segment",
    }
    assert tf.comparison_order("perceel", others) == [
        "zuid-holland-zuid",
        "regio-alkmaar",
        "duin-en-bollenstreek",
        "voorbeeldregio",
    ]
    assert tf.comparison_order("segment", others)[:2] == ["regio-alkmaar", "zuid-holland-zuid"]
    assert tf.comparison_order(None, others)[0] == "regio-alkmaar"
    assert tf.comparison_order("segment", others, "duin-en-bollenstreek")[:2] == [
        "duin-en-bollenstreek",
        "regio-alkmaar",
    ]
    assert tf.comparison_order("segment", others, "bestaat-niet")[0] == "regio-alkmaar"
    assert tf.unit_kind(segmenten_frame(), kwadranten_frame()) == "segment"
    assert tf.unit_kind(segmenten_frame().head(0), kwadranten_frame()) == "perceel"
    assert tf.unit_kind(segmenten_frame().head(0), kwadranten_frame().head(0)) is None


def test_every_glossary_link_on_the_page_finds_a_term():
    """A link to the glossary must open a search that finds something (shipped glossary)."""
    begrippen = extracts.read_shared("begrippen")
    terms = [b.lower() for b in begrippen["begrip"].to_list()]
    links = re.findall(r"\(/begrippen\?zoek=([^)]+)\)", " ".join(tf.INTROS.values()))
    assert len(links) >= 10
    for link in links:
        needle = unquote(link).lower()
        assert any(needle in term for term in terms), needle


def test_goal_list_gives_each_goal_its_meaning_and_its_kpi_values():
    goal = {"doel_id": "meer-uitstroom", "titel": "Minder instroom en meer uitstroom"}
    rows = frame(
        schema.Doelen, [goal | {"soort": "inkoopdoel", "betekenis": "Uitleg.", "volgorde": 1}]
    )
    text = shown(tf.goal_bullet(rows.row(0, named=True), judged(CLIENTS_2030)))
    assert text == (
        "- **Minder instroom en meer uitstroom**: Uitleg.  \n"
        "*KPI: Aantal cliënten (index)*: begin 100% (2023) · meting nog geen meting · "
        "streef 70% (2030). :gray-badge[:material/hourglass_empty: nog geen meting]"
    )
