"""The Transformatie page run from app.py (AppTest) on the shipped extracts, for every region.

Charts are only unknown elements to AppTest; their values are tested on the builders
(tests/test_transformation.py) and in a real browser (tests/browser/test_transformatie.py).
Here: the texts, key figures, verdicts, not-covered notices and the comparison choice.
"""

from __future__ import annotations

import pytest

from tests.pages.conftest import metrics, texts
from tests.reading import shown

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
    return [shown(i.value) for i in app.info]


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
    text = texts(open_page("transformatie", regio="regio-alkmaar", onderdeel="kpis"))
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
    text = texts(open_page("transformatie", regio="regio-alkmaar", onderdeel="kwadranten"))
    assert (
        "Herstelgericht verblijf krijgt 20% van het budget voor 5% van de cliënten: "
        "per cliënt 4 keer zo duur als gemiddeld." in text
    )
    assert "**55% van het budget, 65% van de cliënten**" in text
    assert "**10% van het budget, 15% van de cliënten**: per cliënt 33% goedkoper" in text
    text = texts(open_page("transformatie", regio="regio-alkmaar", onderdeel="fasen"))
    assert "4 fasen van 2022 tot en met 2034." in text
    assert "Daling van het aantal cliënten met ongeveer 30% in 2030" in text
    text = texts(open_page("transformatie", regio="regio-alkmaar", onderdeel="escalatie"))
    assert "1. **Signalering van knelpunt bij aanbieder**" in text
    assert "5. **Uitkomst** (een van 3 mogelijkheden):" in text
    assert "**Voorstel tot ontbinding contract**" in text


def test_alkmaar_is_compared_with_zuid_holland_zuid_by_default(open_page):
    app = open_page("transformatie", regio="regio-alkmaar", onderdeel="segmenten")
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
    app = open_page("transformatie", regio="zuid-holland-zuid", onderdeel="segmenten")
    labels = expander_labels(app)
    assert "Segment 1 – Hoog specialistisch" in labels
    assert "Segment 7 – Onderwijs jeugdhulp" in labels
    assert "**Bekostiging:** hybride. Hybride bekostiging" in texts(app)
    assert app.selectbox(key="vergelijk").value == "regio-alkmaar"
    assert "De inkoop heeft 14 doelen" in texts(
        open_page("transformatie", regio="zuid-holland-zuid")
    )
    shown = infos(open_page("transformatie", regio="zuid-holland-zuid", onderdeel="kpis"))
    assert (
        "De documenten van Zuid-Holland Zuid geven geen KPI's met begin-, streef- of meetwaarden."
        in shown
    )
    shown = infos(open_page("transformatie", regio="zuid-holland-zuid", onderdeel="kwadranten"))
    assert "De documenten van Zuid-Holland Zuid delen het budget niet op in kwadranten." in shown


def test_a_link_chooses_the_region_to_compare_with(open_page):
    app = open_page(
        "transformatie",
        regio="regio-alkmaar",
        onderdeel="segmenten",
        vergelijk="duin-en-bollenstreek",
    )
    assert app.selectbox(key="vergelijk").value == "duin-en-bollenstreek"
    assert "Duin- en Bollenstreek: geen segmenten of percelen in de gegevens." in texts(app)


def test_an_unknown_comparison_in_the_link_falls_back_with_a_notice(open_page):
    app = open_page(
        "transformatie", tables=False, regio="regio-alkmaar", onderdeel="segmenten",
        vergelijk="onbekend",
    )  # fmt: skip
    assert app.selectbox(key="vergelijk").value == "zuid-holland-zuid"
    assert any("De regio om mee te vergelijken in de link bestaat niet" in i for i in infos(app))


@pytest.mark.parametrize(
    ("regio", "naam"),
    [("duin-en-bollenstreek", "Duin- en Bollenstreek"), ("voorbeeldregio", "Voorbeeldregio")],
)
def test_regions_without_documented_kpis_or_quadrants_say_so_without_error(open_page, regio, naam):
    shown = {}
    for part in ("kpis", "kwadranten", "escalatie"):
        app = open_page("transformatie", regio=regio, onderdeel=part)
        assert not app.error
        shown[part] = infos(app)
        if part == "kwadranten":
            app_kwadranten = app
        if part == "kpis":
            kpis_app = app
    if regio == "voorbeeldregio":
        # Its fictitious KPIs are measured from its own export (tests/fictitious_use.py).
        assert "Gemeten uit de eigen gegevens" in texts(kpis_app)
    else:
        assert any(
            s.startswith(f"De documenten van {naam}")
            and s.endswith("geven geen KPI's met begin-, streef- of meetwaarden.")
            for s in shown["kpis"]
        ), shown["kpis"]
    if regio == "voorbeeldregio":
        # No strategy's quadrants, but its own export puts each product in one.
        assert "Uitgaven en jeugdigen per kwadrant in 2025" in texts(app_kwadranten)
    else:
        assert any(
            s.endswith("delen het budget niet op in kwadranten.") for s in shown["kwadranten"]
        )
    assert any(s.endswith("beschrijven geen escalatiemodel.") for s in shown["escalatie"])
    if regio == "voorbeeldregio":
        assert "Dit is een fictieve voorbeeldregio: geen echte cijfers." in texts(app)


HEADINGS = {
    "doelen": "Doelen en verschuivingen",
    "kpis": "Voortgang per KPI",
    "kwadranten": "Budget en cliënten per kwadrant",
    "fasen": "Fasen en verwachte impact",
    "escalatie": "Als een aanbieder niet transformeert",
    "segmenten": "Segmenten, en vergelijken met een andere regio",
    "verschillen": "Wat de bronnen niet zeggen of tegenspreken",
}


def test_the_page_opens_on_the_goals_with_a_tab_per_part_and_builds_only_that_part(open_page):
    app = open_page("transformatie", regio="regio-alkmaar")
    assert [tab.label for tab in app.tabs] == [
        "Doelen", "KPI's", "Kwadranten", "Fasen", "Escalatie", "Segmenten en regio's",
        "Bronnen vergeleken",
    ]  # fmt: skip
    assert [shown(h.value) for h in app.header] == ["Doelen en verschuivingen"]
    # The headline and key figures stay above the tabs, whichever part is open.
    assert metrics(app)["Verschuivingen"] == "6"
    assert "vergelijk" not in [s.key for s in app.selectbox]


@pytest.mark.parametrize("part", list(HEADINGS))
def test_a_link_opens_each_part_with_the_headline_above_it(open_page, part):
    app = open_page("transformatie", tables=False, regio="regio-alkmaar", onderdeel=part)
    assert [shown(h.value) for h in app.header] == [HEADINGS[part]]
    assert app.title[0].value == "Transformatie"
    assert metrics(app)["KPI's met een meting"] == "2 van 3"
    assert app.query_params.get("onderdeel") == (None if part == "doelen" else part)


def test_an_unknown_part_in_the_link_opens_the_goals_with_a_notice(open_page):
    app = open_page("transformatie", tables=False, regio="regio-alkmaar", onderdeel="onbekend")
    assert [shown(h.value) for h in app.header] == ["Doelen en verschuivingen"]
    assert "Het onderdeel in de link bestaat niet op deze pagina; u ziet nu 'Doelen'." in infos(app)


def test_a_region_without_recorded_differences_says_so_in_the_sources_tab(open_page):
    app = open_page("transformatie", tables=False, regio="voorbeeldregio", onderdeel="verschillen")
    assert [shown(h.value) for h in app.header] == ["Wat de bronnen niet zeggen of tegenspreken"]
    assert infos(app) == [
        "Voor Voorbeeldregio (fictief) is niet vastgelegd dat de bronnen over de transformatie "
        "iets niet zeggen of elkaar tegenspreken."
    ]
