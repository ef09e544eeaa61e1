"""The Transformatie page in a real browser (streamlit run + Chromium, 1280x720).

The expected values are typed in from the source documents, not read from the data:
- 000 (NORA raadsinformatieavond, 6 Dec 2023), slide 'Inkoopdoelen': the six goals.
- 001 (inkoopstrategie regio Alkmaar): the six shifts, the quadrant shares (herstelgericht
  ambulant 55% budget / 65% clients, herstelgericht verblijf 20/5, ondersteuningsgericht
  ambulant 15/15, ondersteuningsgericht verblijf 10/15), the phases 2022, 2023-2025,
  2026-2030 and 2031-2034, 'Daling in het aantal cliënten (+-30%) in 2030', and the
  escalation model (signal, improvement plan, monitoring, judgement, three outcomes).
- CBS: share of youth in care, Alkmaar, 13,0% (2020) and 13,5% (2025, provisional).
- 003 (SOJ Zuid-Holland Zuid): the seven segments, with their funding and route.

A handful of page loads only: each test reads everything it needs from one load.
"""

from __future__ import annotations

import re

import pytest

from tests.browser import support

GOALS = [
    "Van zwaar naar licht",
    "Minder instroom en meer uitstroom",
    "Zo kort en licht als mogelijk, zo lang en zwaar als nodig",
    "Van verblijf naar ambulant",
    "Voorkomen recidive",
    "Verminderen administratieve lasten",
]
SHIFTS = [
    "Meer uitstroom",
    "Minder instroom",
    "Ondersteuning eigen kracht",
    "Ambulantisering",
    "Afbakening jeugdhulp",
    "Zo thuis mogelijk",
]
#: (quadrant, budget share, client share) from the strategy's two schemes.
QUADRANTS = [
    ("Herstelgericht ambulant", "55%", "65%"),
    ("Herstelgericht verblijf", "20%", "5%"),
    ("Ondersteuningsgericht ambulant", "15%", "15%"),
    ("Ondersteuningsgericht verblijf", "10%", "15%"),
]
PHASE_PERIODS = ["2022", "2023–2025", "2026–2030", "2031–2034"]
ESCALATION = [
    "Signalering van knelpunt bij aanbieder",
    "Verbeterplan",
    "Monitoring op casusniveau",
    "Beoordeling bereikte resultaten",
    "Voortzetting doorverwijzing",
    "Toezicht en handhaving",
    "Voorstel tot ontbinding contract",
]
#: (words of the segment's name, funding, route) from the SOJ ZHZ slides.
SEGMENTS = [
    ("Hoog specialistisch", "P×Q (inspanningsgericht) en taakgericht", None),
    ("Wonen", "P×Q (inspanningsgericht) en taakgericht", "SAS-procedure"),
    ("MKD en KDC", "P×Q (inspanningsgericht)", "SAS-procedure (met onderhandeling)"),
    ("BSO+", "taakgericht", "SAS-procedure (met onderhandeling)"),
    ("Jeugdhulp lokaal", "taakgericht", "Begrotingssubsidie"),
    ("Jeugdhulp regionaal", "P×Q (inspanningsgericht)", "SAS-procedure"),
    ("Crisis", "hybride", None),
    ("Gecertificeerde instellingen", "P×Q (inspanningsgericht) en taakgericht", "SAS-procedure"),
    ("Onderwijs jeugdhulp", "taakgericht", None),
]


@pytest.fixture(scope="module", autouse=True)
def _app_shell_started(browser, app_url):
    """Open the app once, so these tests do not depend on test order: the first deep link
    after a server start reloads itself once (tested in test_shell.py); a test that lands
    on that reload would read the page before it is drawn.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    support.open_app(context.new_page(), app_url)
    context.close()


def chart_texts(page) -> list[str]:
    """Per drawn chart, all the text in its SVG (labels, annotations, axis ticks)."""
    charts = page.locator("[data-testid=stPlotlyChart]")
    return [
        " ".join(charts.nth(i).locator("text").all_text_contents()) for i in range(charts.count())
    ]


def chart_with(page, needle: str) -> str:
    found = [text for text in chart_texts(page) if needle in text]
    assert len(found) == 1, f"no single chart with {needle!r}: {chart_texts(page)}"
    return found[0]


def comparison_rows(page) -> list[str]:
    """Rows of the comparison table (the expanded HTML table of the comparison)."""
    table = page.locator("[data-testid=stExpander]", has_text="naast elkaar").locator("table")
    return [re.sub(r"\s+", " ", row) for row in table.locator("tbody tr").all_inner_texts()]


def no_error(page) -> None:
    for test_id in ("stException", "stAlertContentError"):
        shown = page.locator(f"[data-testid={test_id}]")
        assert shown.count() == 0, shown.all_inner_texts()


def check_quadrant_download(page) -> None:
    """The HTML table under the quadrant chart, and its CSV download, hold the exact shares."""
    block = page.locator(
        "xpath=//h3[contains(., 'Aandeel in het budget tegenover')]/following::details[1]"
    )
    support.open_table(page, block)
    table = block.locator("table").inner_text()
    assert "Herstelgericht verblijf" in table and "Budget ÷ cliënten" in table
    download = support.download(page, block.get_by_role("button", name="Download CSV"))
    content = download.path().read_bytes().decode("utf-8-sig")
    lines = content.splitlines()
    assert lines[0].startswith("Kwadrant;Aandeel budget (%);Aandeel cliënten (%);Budget ÷ cliënten")
    shares = {line.split(";")[0]: line.split(";")[1:4] for line in lines[1:]}
    assert shares["Herstelgericht ambulant"][:2] == ["55,0", "65,0"]
    assert shares["Herstelgericht verblijf"] == ["20,0", "5,0", "4,0"]
    assert shares["Ondersteuningsgericht verblijf"][:2] == ["10,0", "15,0"]


def open_tab(page, name: str, part: str) -> None:
    """Click a tab as a visitor would; wait for the link to name it and its part to be drawn."""
    page.get_by_role("tab", name=name, exact=True).click()
    page.wait_for_function(f"() => location.search.includes('onderdeel={part}')")
    support.wait_idle(page)
    support.wait_charts(page)
    assert page.get_by_role("tab", name=name, exact=True).get_attribute("aria-selected") == "true"


def test_alkmaar_goals_shifts_quadrants_phases_escalation_and_exact_shares(page, app_url):
    support.open_app(page, app_url, "transformatie?regio=regio-alkmaar")
    no_error(page)
    assert page.locator("h1").first.inner_text().strip() == "Transformatie"
    text = support.main_text(page)
    for title in GOALS + SHIFTS:
        assert title in text, title
    # Only the open tab is drawn: the goals have no chart, the other parts are not built.
    assert page.locator("[data-testid=stPlotlyChart]").count() == 0
    assert "Voortgang per KPI" not in text

    open_tab(page, "Kwadranten", "kwadranten")
    assert page.locator("[data-testid=stPlotlyChart]").count() == 1
    quadrants = chart_with(page, "per cliënt 4 keer zo duur als gemiddeld")
    for name, budget, clients in QUADRANTS:
        assert name in quadrants
        assert f"budget {budget}" in quadrants and f"cliënten {clients}" in quadrants
    text = support.main_text(page)
    assert "4 keer zo duur" in text  # the ratio also in words, above the chart
    assert "Van zwaar naar licht" not in text  # the goals tab is closed now
    check_quadrant_download(page)

    open_tab(page, "KPI's", "kpis")
    kpis = chart_with(page, "meting 13,5% (voorlopig)")
    assert "begin 13,0%" in kpis and "2020" in kpis and "2025" in kpis
    assert "beweegt de verkeerde kant op" in kpis and "nog geen meting" in kpis

    open_tab(page, "Fasen", "fasen")
    phases = chart_with(page, "Transformatiefase 2")
    for period in PHASE_PERIODS:
        assert period in phases
    assert "ongeveer 30% in 2030" in support.main_text(page)

    open_tab(page, "Escalatie", "escalatie")
    escalation = chart_with(page, "Stap 4")
    flat = re.sub(r"\s+", " ", escalation)
    assert flat.count("Uitkomst") == 3
    text = support.main_text(page)
    for step in ESCALATION:
        assert step in text, step  # the text version lists every step and outcome
    # The headline and key figures stay above the tabs.
    assert support.metrics(page)["KPI's met een meting"] == "2 van 3"


def test_a_tab_is_chosen_with_the_arrow_keys_and_the_link_reopens_it(page, app_url):
    support.open_app(page, app_url, "transformatie?regio=zuid-holland-zuid")
    page.get_by_role("tab", name="Doelen", exact=True).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('onderdeel=kpis')")
    support.wait_idle(page)
    assert page.locator("h2").first.inner_text().strip() == "Voortgang per KPI"
    assert "regio=zuid-holland-zuid" in page.url

    other = page.context.new_page()
    support.open_app(other, app_url, page.url.split("/", 3)[3])
    assert other.get_by_role("tab", name="KPI's", exact=True).get_attribute("aria-selected") == (
        "true"
    )
    assert other.locator("h2").first.inner_text().strip() == "Voortgang per KPI"
    other.close()


def test_zuid_holland_zuid_segments_side_by_side_with_alkmaar_lots(page, app_url):
    support.open_app(page, app_url, "transformatie?regio=zuid-holland-zuid&onderdeel=segmenten")
    no_error(page)
    # The summary's text starts with the name of its arrow icon; the label is the last line.
    summaries = page.locator("[data-testid=stExpander] summary").all_inner_texts()
    labels = [summary.splitlines()[-1] for summary in summaries]
    for number in ("1", "2", "3a", "3b", "4a", "4b", "5", "6", "7"):
        assert any(label.startswith(f"Segment {number} ") for label in labels), number
    rows = comparison_rows(page)
    for words, funding, route in SEGMENTS:
        row = next(r for r in rows if words in r)
        assert funding in row, (words, row)
        if route:
            assert route in row, (words, row)
    assert any("Segment 1" in r and "4 – 6 jaar" in r for r in rows)
    lots = [r for r in rows if "Perceel" in r]
    assert len(lots) == 2
    assert all("Regio Alkmaar" in r and "2023-2030 (8 jaar), optie 2031–2034" in r for r in lots)
    open_tab(page, "KPI's", "kpis")
    text = support.main_text(page)
    assert (
        "De documenten van Zuid-Holland Zuid geven geen KPI's met begin-, streef- of meetwaarden."
        in text
    )


def test_choosing_a_region_to_compare_changes_the_view_and_the_link(page, app_url):
    # Duin- en Bollenstreek: a light page whose own data has no segments or lots.
    support.open_app(page, app_url, "transformatie?regio=duin-en-bollenstreek&onderdeel=kwadranten")
    no_error(page)
    assert (
        "De documenten van Duin- en Bollenstreek delen het budget niet op in kwadranten."
        in support.main_text(page)
    )
    open_tab(page, "Segmenten en regio's", "segmenten")
    text = support.main_text(page)
    assert "Duin- en Bollenstreek: geen segmenten of percelen in de gegevens" in text
    rows = comparison_rows(page)
    assert [r for r in rows if "Perceel" in r] and not [r for r in rows if "Segment" in r]

    # As a keyboard user would: focus the choice, type to filter, confirm with Enter.
    choice = page.get_by_role("combobox", name="Vergelijk met regio")
    choice.click()
    choice.press_sequentially("Zuid")
    page.get_by_role("option", name="Zuid-Holland Zuid").wait_for()
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('vergelijk=zuid-holland-zuid')")
    support.wait_idle(page)  # the link is written during the rerun; wait for it to finish
    assert any("Segment 5" in r and "hybride" in r for r in comparison_rows(page))
    assert not [r for r in comparison_rows(page) if "Perceel" in r]
    shared = page.url
    assert "onderdeel=segmenten" in shared

    other = page.context.new_page()
    other.goto(shared, wait_until="domcontentloaded")
    support.wait_idle(other)
    choice = other.get_by_role("combobox", name="Vergelijk met regio")
    assert choice.input_value() == "Zuid-Holland Zuid"
    assert any("Segment 5" in r for r in comparison_rows(other))
    other.close()


def test_the_fictitious_region_is_labelled_and_says_what_is_not_covered(page, app_url):
    support.open_app(page, app_url, "transformatie?regio=voorbeeldregio&onderdeel=escalatie")
    no_error(page)
    text = support.main_text(page)
    assert "Dit is een fictieve voorbeeldregio: geen echte cijfers." in text
    assert "De documenten van Voorbeeldregio (fictief) beschrijven geen escalatiemodel." in text


def test_the_wide_kpi_table_scrolls_sideways_and_keeps_its_notes_readable(page, app_url):
    # Fifteen columns do not fit at 1280 px: the table scrolls, and its long notes keep
    # about fifty characters per line instead of a few words (rows were 680 px tall).
    support.open_app(page, app_url, "transformatie?regio=regio-alkmaar&onderdeel=kpis")
    support.open_tables(page)
    box = page.locator(support.TABLE).filter(has=page.locator("th", has_text="Streefwaarde"))
    assert box.get_attribute("tabindex") == "0"
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    note = box.locator("thead th", has_text="Toelichting")
    assert note.evaluate("th => th.getBoundingClientRect().width") >= 320
    rows = box.evaluate("b => [...b.querySelectorAll('tbody tr')].map(r => r.offsetHeight)")
    assert rows and max(rows) < 320, rows


def test_kpis_measured_from_the_own_data_with_their_trend(page, app_url):
    """The example region's KPIs name the measure in its export that computes them: each
    has a measurement of 2025 instead of 'nog geen meting', and the yearly table its trend."""
    support.open_app(page, app_url, "transformatie?regio=voorbeeldregio&onderdeel=kpis")
    no_error(page)
    text = support.main_text(page)
    assert "nog geen meting" not in text
    assert text.count("Meting 2025 uit de eigen gegevens van de regio (gebruik).") == 4
    assert "Gemeten uit de eigen gegevens" in text
    table = page.locator(support.TABLE).filter(has_text="Trend")
    header = table.locator("thead th").all_inner_texts()
    assert header == ["Meting", "2021", "2022", "2023", "2024", "2025", "Trend"]
    rows = table.locator("tbody tr").all_inner_texts()
    assert any(
        r.startswith("Aandeel jeugdigen met verblijf") and "omlaag sinds 2021" in r for r in rows
    )
    assert support.axe_violations(page) == {}
