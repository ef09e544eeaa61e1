"""The Transformatie page run from app.py (AppTest) on the shipped extracts, for every region.

Charts are only unknown elements to AppTest; their values are tested on the builders
(tests/test_transformation.py) and in a real browser (tests/browser/test_transformatie.py).
Here: the texts, key figures, verdicts, not-covered notices and the comparison choice.
"""

from __future__ import annotations

import pytest

from tests.pages.conftest import metrics, texts

SHIFTS = [
    "Meer uitstroom",
    "Minder instroom",
    "Ondersteuning eigen kracht",
    "Ambulantisering",
    "Afbakening jeugdhulp",
    "Zo thuis mogelijk",
]


def expander_labels(app) -> list[str]:
    return [e.label for e in app.expander]


def infos(app) -> list[str]:
    return [i.value for i in app.info]


def test_alkmaar_shows_goals_shifts_and_kpi_verdicts(open_page):
    app = open_page("transformatie", regio="regio-alkmaar")
    text = texts(app)
    assert app.title[0].value == "Transformatie"
    assert (
        "De inkoop moet 6 verschuivingen brengen. Van de 3 KPI's: 2 de verkeerde kant op, "
        "0 op koers of gehaald, 1 nog niet gemeten." in text
    )
    assert metrics(app) == {
        "Verschuivingen": "6",
        "KPI's met een meting": "2 van 3",
        "KPI's die de verkeerde kant op gaan": "2",
    }
    for shift in SHIFTS:
        assert f"#### {shift}\n" in text
    # Five of the six shifts have no KPI in the data, and the page says so for each.
    assert text.count("Er is nog geen KPI die dit meet.") == 5
    for goal in ("Van zwaar naar licht", "Voorkomen recidive", "Verminderen administratieve"):
        assert f"**{goal}" in text


def test_alkmaar_kpi_progress_says_what_moves_the_wrong_way_and_what_is_unmeasured(open_page):
    text = texts(open_page("transformatie", regio="regio-alkmaar"))
    assert "3 KPI's. Beweegt de verkeerde kant op: 2; nog geen meting: 1." in text
    assert "begin 13,0% (2020) · meting 13,5% (2025) VOORLOPIG" in text
    assert (
        ":red-badge[:material/warning: verkeerde kant op] :violet-badge[voorlopige meting] "
        "Van 13,0% (2020) naar 13,5% (2025): omhoog, terwijl omlaag de bedoeling is." in text
    )
    assert "begin 188 (2023) · meting 205 (2024) · streef geen streefwaarde bekend" in text
    assert "**Nog geen meting voor:** Aantal cliënten herstelgerichte ambulante jeugdhulp" in text
    assert "Let op: bevat VOORLOPIGE cijfers; die kunnen nog veranderen." in text


def test_alkmaar_quadrants_phases_and_escalation(open_page):
    text = texts(open_page("transformatie", regio="regio-alkmaar"))
    assert (
        "Herstelgericht verblijf krijgt 20% van het budget voor 5% van de cliënten: "
        "per cliënt 4 keer zo duur als gemiddeld." in text
    )
    assert "**55% van het budget, 65% van de cliënten**" in text
    assert "**10% van het budget, 15% van de cliënten**: per cliënt 33% goedkoper" in text
    assert "4 fasen van 2022 tot en met 2034." in text
    assert "Daling van het aantal cliënten met ongeveer 30% in 2030" in text
    assert "1. **Signalering van knelpunt bij aanbieder**" in text
    assert "5. **Uitkomst** (een van 3 mogelijkheden):" in text
    assert "**Voorstel tot ontbinding contract**" in text


def test_alkmaar_is_compared_with_zuid_holland_zuid_by_default(open_page):
    app = open_page("transformatie", regio="regio-alkmaar")
    choice = app.selectbox(key="vergelijk")
    assert choice.value == "zuid-holland-zuid"
    assert (
        "Regio Alkmaar koopt in per perceel (2), bekostiging niet in de gegevens; "
        "Zuid-Holland Zuid koopt in per segment" in texts(app)
    )
    assert (
        "De documenten van Regio Alkmaar beschrijven geen segmenten met hun bekostiging."
        in infos(app)
    )


def test_zuid_holland_zuid_shows_its_segments_and_says_what_it_does_not_cover(open_page):
    app = open_page("transformatie", regio="zuid-holland-zuid")
    labels = expander_labels(app)
    assert "Segment 1 – Hoog specialistisch" in labels
    assert "Segment 7 – Onderwijs jeugdhulp" in labels
    text = texts(app)
    assert "**Bekostiging:** hybride. Hybride bekostiging" in text
    assert "De inkoop heeft 14 doelen" in text
    shown = infos(app)
    assert (
        "De documenten van Zuid-Holland Zuid geven geen KPI's met begin-, streef- of meetwaarden."
        in shown
    )
    assert "De documenten van Zuid-Holland Zuid delen het budget niet op in kwadranten." in shown
    assert app.selectbox(key="vergelijk").value == "regio-alkmaar"


def test_a_link_chooses_the_region_to_compare_with(open_page):
    app = open_page("transformatie", regio="regio-alkmaar", vergelijk="duin-en-bollenstreek")
    assert app.selectbox(key="vergelijk").value == "duin-en-bollenstreek"
    assert "Duin- en Bollenstreek: geen segmenten of percelen in de gegevens." in texts(app)


def test_an_unknown_comparison_in_the_link_falls_back_with_a_notice(open_page):
    app = open_page("transformatie", tables=False, regio="regio-alkmaar", vergelijk="onbekend")
    assert app.selectbox(key="vergelijk").value == "zuid-holland-zuid"
    assert any("De regio om mee te vergelijken in de link bestaat niet" in i for i in infos(app))


@pytest.mark.parametrize(
    ("regio", "naam"),
    [("duin-en-bollenstreek", "Duin- en Bollenstreek"), ("voorbeeldregio", "Voorbeeldregio")],
)
def test_regions_without_kpis_or_quadrants_say_so_without_error(open_page, regio, naam):
    app = open_page("transformatie", regio=regio)
    assert not app.error
    shown = infos(app)
    assert any(s.startswith(f"De documenten van {naam}") for s in shown), shown
    assert any(s.endswith("beschrijven geen escalatiemodel.") for s in shown)
    assert any(s.endswith("delen het budget niet op in kwadranten.") for s in shown)
    if regio == "voorbeeldregio":
        assert "Dit is een fictieve voorbeeldregio: geen echte cijfers." in texts(app)
