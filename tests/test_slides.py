"""The slides of the presentation, built from the shipped extracts (pure, no browser).

Each page's slides are the page's own sections: the values asserted here are those of
the NORA slides (providers 167/38/26, quadrants 55/20/15/10) and of the page's
transforms. tests/test_one_description.py checks that page, slides, deck and handout
carry the same titles, takeaways and figures.
"""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import polars as pl
import pytest

from components import site
from components.common import fmt
from components.common.provenance import source_note
from components.common.sections import Chart, NativeChart
from components.contracts import model as contracts
from components.contracts.sections import chunks
from components.costs import model as costmodel
from components.costs import scenario
from components.data import extracts
from components.outputs import slides
from components.providers import model as providers
from components.transformation import kpis

TODAY = dt.date(2026, 11, 22)
REGIONS = tuple(extracts.list_regions())


@pytest.fixture(scope="module")
def frames() -> dict[str, dict[str, pl.DataFrame]]:
    return {regio: slides.load_frames(regio) for regio in REGIONS}


def page_slides(path: str, frames, today: dt.date = TODAY) -> list[slides.Slide]:
    return slides.slides_of(site.page(path), frames, today)


@pytest.fixture(scope="module")
def alkmaar(frames) -> dict[str, list[slides.Slide]]:
    return {p.path: page_slides(p.path, frames["regio-alkmaar"]) for p in site.PRESENTED}


def by_title(items: list[slides.Slide], title: str) -> slides.Slide:
    return next(s for s in items if s.title == title)


def by_headline(items: list[slides.Slide], headline: str) -> slides.Slide:
    return next(s for s in items if s.headline == headline)


# --- Aanbieders --------------------------------------------------------------------------


def test_providers_first_slide_is_the_page_headline_with_its_key_figures(alkmaar, frames):
    first = alkmaar["aanbieders"][0]
    assert first.headline == (
        "In 2024 had Regio Alkmaar 205 aanbieders voor jeugdhulp gecontracteerd: "
        "167 ambulant en 38 met verblijf; de grootste groep zijn kleine instellingen (124)."
    )
    # The page's own key figures: per lot, per size class and the total.
    assert {f.label: f.value for f in slides.figures(first)} == {
        "Ambulant": "167",
        "Verblijf": "38",
        "Combinatie": "26",
        "Groot (> 100 fte)": "12",
        "Klein (5–100 fte)": "124",
        "Vrijgevestigd (< 5 fte)": "69",
        "Totaal": "205",
    }
    assert "Combinatie: aanbieders met beide percelen" in first.note
    assert "Bron: Inkoop Jeugdhulp" in first.source
    assert "Peildatum: 6 december 2023" in first.source


def test_providers_slides_follow_the_page_one_message_each(alkmaar):
    titles = [s.title for s in alkmaar["aanbieders"]]
    assert titles == [
        "Aanbieders",
        "Kerncijfers 2024",
        "Ambulant: aanbieders per deelperceel",
        "Verblijf: aanbieders per deelperceel",
        "Aanbieders naar grootteklasse",
        "Aantal aanbieders per jaar",
        "Jeugdhulp en Wmo naast elkaar",
    ]
    sizes = by_title(alkmaar["aanbieders"], "Aanbieders naar grootteklasse")
    assert sizes.headline == "60,5% zijn kleine instellingen; 5,9% zijn grote instellingen."
    assert slides.native(sizes).series[0][1] == [12.0, 124.0, 69.0]
    ambulant = by_title(alkmaar["aanbieders"], "Ambulant: aanbieders per deelperceel")
    # One message as the headline; why the sub-lots add up to more goes to the note.
    assert ambulant.headline == "Herstelgericht heeft de meeste aanbieders (131)."
    assert ambulant.note.startswith("Samen 333 deelpercelen bij 167 aanbieders ambulant")
    assert slides.native(ambulant).categories[:2] == ["Herstelgericht", "Ondersteuningsgericht"]
    # The screen shows the page's own chart builder with the same numbers on the bars.
    (bars,) = slides.chart(ambulant).data
    assert list(bars.x)[:2] == [131, 104]


def test_where_sources_disagree_is_a_slide_of_its_own(alkmaar):
    caveats = alkmaar["aanbieders"][1]
    assert caveats.headline == "Wat de getallen tellen, en wat niet klopt"
    assert "205 aanbieders, maar 26 hebben beide percelen" in slides.points(caveats)
    assert any(
        d.startswith("205 aanbieders, maar 26 hebben beide percelen. ") for d in caveats.details
    )


def test_a_fictitious_register_is_counted_and_labelled_on_every_slide(frames):
    items = slides.region_slides(frames["voorbeeldregio"], TODAY)
    assert all(s.warning == slides.FICTITIOUS for s in items)
    matrix = by_title(page_slides("aanbieders", frames["voorbeeldregio"]), "Perceel en grootte")
    chart = slides.native(matrix)
    assert chart.kind == "column_stacked"
    # The stacked columns add up to the matrix's own row totals.
    table = slides.table(matrix).filter(pl.col("Perceel") != providers.TOTAL)
    totals = [sum(values) for values in zip(*(v for _, v in chart.series), strict=True)]
    assert totals == [float(t) for t in table[providers.TOTAL]]
    assert "ILLUSTRATIEF" in matrix.source
    # A long takeaway is cut at its colon: the nine sub-lots are named in the note.
    risk = by_title(
        page_slides("aanbieders", frames["voorbeeldregio"]), "Hoeveel aanbieders per deelperceel?"
    )
    assert risk.headline == "9 deelpercelen hebben drie of minder aanbieders."
    assert risk.note.startswith("Klinische jeugd GGZ (gesloten) (verblijf, 1)")
    assert "Daar is de zorg kwetsbaar" in risk.note


# --- Contracten --------------------------------------------------------------------------


def test_contracts_open_with_the_next_decision_and_a_few_agreements_per_timeline(alkmaar):
    items = alkmaar["contracten"]
    assert items[0].headline.startswith("Het eerstvolgende beslismoment is 31 juli 2027")
    assert [s.title for s in items[1:]] == [
        "Contracten Jeugdhulp (1 van 2)",
        "Contracten Jeugdhulp (2 van 2)",
        "Contracten Wmo (1 van 2)",
        "Contracten Wmo (2 van 2)",
        "Contracten",
        "Contracten",
    ]
    jeugd = items[1]
    assert slides.table(jeugd)["Overeenkomst"].to_list() == [
        "Ambulante jeugdhulp",
        "Jeugdhulp met verblijf",
        "Gedwongen kader",
        "Jeugdzorg Plus",
    ]
    assert jeugd.headline == (
        "Het eerstvolgende beslismoment is 31 december 2030 (Ambulante jeugdhulp, Jeugdhulp "
        "met verblijf en Jeugdzorg Plus): optie gebruiken (verlengen) of opnieuw inkopen."
    )
    # The timeline is the page's own builder: its row titles name the four agreements.
    figure = slides.chart(jeugd)
    titles = [a.text for a in figure.layout.annotations if "contract" in a.text]
    assert len(titles) == 4 and "167 contracten × 6 gemeenten" in titles[0]
    assert "[" not in jeugd.note and "**" not in jeugd.note  # markdown links taken out


def test_decision_moments_in_the_window_are_listed_and_passed_ones_named(alkmaar):
    window = by_headline(alkmaar["contracten"], "Beslismomenten in de komende 24 maanden")
    assert slides.points(window) == (
        "31 juli 2027 — Leerlingenvervoer (Wmo): volgende optie gebruiken of opnieuw inkopen "
        "(als de vorige optie is gebruikt)",
    )
    assert window.details[0].startswith("Al voorbij (na de peildatum 6 december 2023")
    assert "Wat er toen is besloten, staat niet in de kalender" in window.details[0]
    assert window.details[1].startswith("31 december 2024 — Begeleiding (Wmo)")


def test_a_region_without_a_calendar_says_so_and_shows_what_it_has(frames):
    items = page_slides("contracten", frames["duin-en-bollenstreek"])
    assert (
        items[0].headline == "De documenten van Duin- en Bollenstreek geven geen contractkalender."
    )
    assert items[0].not_covered == contracts.NOT_COVERED
    assert slides.chart(items[1]) is not None  # the phases it does have
    zhz = page_slides("contracten", frames["zuid-holland-zuid"])[1]
    assert slides.chart(zhz) is None and slides.table(zhz) is not None  # length per segment


def test_chunks_are_even_and_keep_the_order():
    assert chunks(list("abcdefg"), 4) == [list("abcd"), list("efg")]
    assert chunks(list("abcdef"), 4) == [list("abc"), list("def")]
    assert chunks(list("ab"), 4) == [list("ab")]
    assert chunks([], 4) == []


# --- Transformatie -----------------------------------------------------------------------


QUADRANTS = "Aandeel in het budget tegenover aandeel in de cliënten"
KPIS = "Van beginwaarde naar meting en streefwaarde"


def test_quadrant_slide_carries_budget_and_client_shares(alkmaar):
    quadrants = by_title(alkmaar["transformatie"], QUADRANTS)
    chart = slides.native(quadrants)
    assert chart.categories == [
        "Herstelgericht ambulant",
        "Herstelgericht verblijf",
        "Ondersteuningsgericht ambulant",
        "Ondersteuningsgericht verblijf",
    ]
    assert chart.series == [
        ("Aandeel budget", [55.0, 20.0, 15.0, 10.0]),
        ("Aandeel cliënten", [65.0, 5.0, 15.0, 15.0]),
    ]
    assert quadrants.headline == (
        "Herstelgericht verblijf krijgt 20% van het budget voor 5% van de cliënten: "
        "per cliënt 4 keer zo duur als gemiddeld."
    )
    # The quadrant cards under the page's chart are in the speaker notes.
    assert any(
        d.startswith("Herstelgericht ambulant 55% van het budget") for d in quadrants.details
    )


def test_transformation_headline_and_key_figures_are_the_pages(alkmaar):
    first = alkmaar["transformatie"][0]
    assert first.headline == (
        "De inkoop moet 6 verschuivingen brengen. Van de 3 KPI's: 2 de verkeerde kant op, "
        "0 op koers of gehaald, 1 nog niet gemeten."
    )
    assert {f.label: f.value for f in slides.figures(first)} == {
        "Verschuivingen": "6",
        "KPI's met een meting": "2 van 3",
        "KPI's die de verkeerde kant op gaan": "2",
    }
    kpi = by_title(alkmaar["transformatie"], KPIS)
    assert kpi.headline == "3 KPI's. Beweegt de verkeerde kant op: 2; nog geen meting: 1."
    assert "VOORLOPIG" in kpi.source


def test_every_tab_of_the_page_is_in_the_presentation_in_its_order(alkmaar):
    kickers = [s.title for s in alkmaar["transformatie"][1:]]
    assert kickers == [
        "Doelen en verschuivingen",
        "Doelen en verschuivingen",
        "Doelen en verschuivingen",
        KPIS,
        QUADRANTS,
        "Fasen van het contract en mijlpalen",
        "Het escalatiemodel stap voor stap",
        "Wat de bronnen niet zeggen of tegenspreken",
    ]


def test_a_region_that_buys_per_segment_lists_its_segments(frames):
    items = page_slides("transformatie", frames["zuid-holland-zuid"])
    segments = by_title(items, "Segmenten, en vergelijken met een andere regio")
    assert segments.headline.startswith("Zuid-Holland Zuid koopt in per segment")
    assert len(slides.points(segments)) == 9


# --- Kosten ------------------------------------------------------------------------------


def test_cost_curve_is_the_models_curve_and_says_it_is_illustrative(alkmaar, frames):
    lead, curve = alkmaar["kosten"][:2]
    assert lead.headline.startswith("De strategie verwacht het omslagpunt in 2025")
    assert lead.warning == "Een reconstructie, niet de begroting van de regio."
    result = costmodel.run(
        costmodel.assumptions_from_frame(frames["regio-alkmaar"]["kostenaannames"])
    )
    chart = slides.native(curve)
    assert chart.kind == "line"
    assert chart.categories == [str(y) for y in result.totals["jaar"]]
    met = dict(chart.series)["Met maatregelen"]
    assert met == pytest.approx([v / 1e6 for v in result.totals["kosten_met"]])
    assert curve.headline == costmodel.conclusion(result)
    assert "ILLUSTRATIEF" in curve.source
    assert any(d.startswith("De band loopt") for d in curve.details)
    assert "Omslagpunt (illustratief): 2025" in curve.details  # the scenario's outcome


def test_waterfall_slide_lists_what_each_effect_contributes(alkmaar):
    waterfall = by_title(alkmaar["kosten"], "Wat elk effect bijdraagt in 2030")
    assert waterfall.headline.startswith("In 2030 scheelt 'Afname aantal cliënten' het meest")
    chart = slides.native(waterfall)
    contributions = dict(zip(chart.categories, chart.series[0][1], strict=True))
    assert contributions["Ambulantisering"] > 0  # the one effect that adds cost
    assert contributions["Afname aantal cliënten"] == pytest.approx(-25.9, abs=0.05)


def test_a_region_without_cost_figures_says_so(frames):
    (only,) = page_slides("kosten", frames["zuid-holland-zuid"])
    assert only.not_covered == fmt.plain(scenario.NO_MODEL)
    budget = by_title(page_slides("kosten", frames["duin-en-bollenstreek"]), "Begroting")
    assert slides.native(budget).series[0][1] == pytest.approx([6.1671, 6.290454, 6.416261])


# --- The whole deck ----------------------------------------------------------------------


def test_questions_are_asked_then_answered(alkmaar):
    overview = alkmaar[""]
    asked = [i for i, s in enumerate(overview) if s.asks]
    assert len(asked) == 3
    for index in asked:
        question, answer = overview[index], overview[index + 1]
        assert answer.reveal and answer.section == question.section
        assert not question.source
        assert answer.source
    providers_answer = overview[asked[-1] + 1]
    assert slides.answer(providers_answer) == "205 — Gecontracteerde aanbieders jeugdhulp"


@pytest.mark.parametrize("regio", REGIONS)
def test_every_slide_has_a_headline_and_a_source_for_what_it_shows(frames, regio):
    items = slides.region_slides(frames[regio], TODAY)
    order = [p.path for p in site.PRESENTED]
    assert [s.page for s in items] == sorted((s.page for s in items), key=order.index), (
        "slides out of presentation order"
    )
    assert {s.page for s in items} == set(order)
    for item in items:
        assert item.headline.strip(), item
        if slides.chart(item) is not None or slides.native(item) or slides.figures(item):
            assert item.source.startswith(("Bron:", "Let op:")), item.title
            assert item.brief.startswith(("Bron:", "Let op:")), item.title
        if (chart := slides.native(item)) is not None:
            assert all(len(v) == len(chart.categories) for _, v in chart.series)


def test_neighbour_steps_within_a_page_then_to_the_next_and_wraps():
    assert site.neighbour("aanbieders", 0, 3, 1) == ("aanbieders", 1)
    assert site.neighbour("aanbieders", 2, 3, 1) == ("contracten", 0)
    assert site.neighbour("aanbieders", 0, 3, -1) == ("", None)
    assert site.neighbour("kosten", 3, 4, 1) == ("", 0)
    assert site.neighbour("", 0, 7, -1) == ("kosten", None)


# --- On the screen -----------------------------------------------------------------------


def _font_sizes(node, parent: str = "") -> list[float]:
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "template":
                continue
            if key == "size" and parent.endswith("font") and value is not None:
                found += value if isinstance(value, list) else [value]
            else:
                found += _font_sizes(value, key)
    elif isinstance(node, list):
        for item in node:
            found += _font_sizes(item, parent)
    return found


def test_for_screen_enlarges_every_chart_text_to_at_least_16px(alkmaar):
    timeline = slides.chart(alkmaar["contracten"][1])
    assert min(_font_sizes(timeline.to_dict())) == 14  # the page's own size
    shown = slides.for_screen(timeline, height=420)
    assert min(_font_sizes(shown.to_dict())) >= slides.SLIDE_MIN_TEXT
    assert shown.layout.font.size >= slides.SLIDE_FONT
    assert shown.layout.height == 420
    assert shown.layout.uniformtext.minsize == slides.SLIDE_MIN_TEXT
    assert shown.layout.uniformtext.mode == "hide"
    assert min(_font_sizes(timeline.to_dict())) == 14, "the page's figure must not change"


def test_screen_layout_gives_the_chart_room_and_lets_a_long_note_give_way():
    figure = go.Figure(layout={"height": 500})
    short = slides.Slide("x", "t", "Kort.", Chart(figure=figure), source="Bron: x.")
    layout = slides.screen_layout(short)
    assert slides.MIN_CHART_PX <= layout.chart_height <= 575 and layout.show_note
    crowded = slides.Slide(
        "x", "t", "Een lange kop " * 10, Chart(figure=figure),
        note="Een lange toelichting " * 20, source="Bron: x.",
    )  # fmt: skip
    layout = slides.screen_layout(crowded)
    assert not layout.show_note
    assert layout.chart_height >= slides.MIN_CHART_PX
    small = slides.Slide("x", "t", "Kort.", Chart(figure=go.Figure(layout={"height": 200})))
    assert slides.screen_layout(small).chart_height == slides.MIN_CHART_PX  # not stretched far


def test_brief_source_names_each_document_once_with_the_warnings(frames):
    data = frames["regio-alkmaar"]
    rows = kpis.kpi_note_rows(data["kpis"])
    brief = slides.brief_source(rows, data["bronnen"])
    assert brief.startswith("Let op: bevat VOORLOPIGE cijfers")
    assert brief.count("StatLine tabel 85098NED") == 1
    assert "(peildatum 30 juni 2025)" in brief
    assert len(brief) < len(source_note(rows, data["bronnen"]).text())


def test_texts_are_cut_and_cleaned_for_a_slide():
    names = ", ".join(f"Deelperceel {n} (verblijf, 2)" for n in range(6))
    assert slides.headline_and_note(
        f"6 deelpercelen hebben drie of minder: {names}. Kwetsbaar."
    ) == (
        "6 deelpercelen hebben drie of minder.",
        f"{names}. Kwetsbaar.",
    )
    short = "Kort: a. B."
    assert slides.headline_and_note(short) == (short, None)
    long = "Een eerste zin met een getal (1). " + "Daarna volgt een lange toelichting. " * 3
    assert slides.headline_and_note(long) == (
        "Een eerste zin met een getal (1).",
        long[34:].strip(),
    )
    assert slides.split_first_sentence("A (1). Samen 3, b.") == ("A (1).", "Samen 3, b.")
    assert slides.split_first_sentence("Een zin.") == ("Een zin.", None)
    linked = fmt.Markdown("**Optie**: zie [optie](/begrippen?zoek=optie).")
    assert fmt.plain(linked) == "Optie: zie optie."


def test_figure_rows_write_the_chart_for_the_speaker_notes():
    chart = NativeChart(
        "bar", ["Ambulant", "Verblijf"], [("Aantal", [167.0, 38.0])], unit="aanbieders"
    )
    assert slides.figure_rows(chart) == ["Ambulant: 167 aanbieders", "Verblijf: 38 aanbieders"]
    two = NativeChart("line", ["2020"], [("Zonder", [55.04]), ("Met", [55.04])], "#,##0.0", "€ mln")
    assert slides.figure_rows(two) == ["2020: Zonder: € 55,0 mln; Met: € 55,0 mln"]
