"""The Kosten page in a real browser: what a visitor sees when playing with the scenario.

Moving a 'Wat als?' slider redraws the curve, rewrites the one-line conclusion and puts the
scenario in the link; opening that link in a new browser restores it; the reset button
returns to the strategy's assumptions. Values are read from what the page shows: the
conclusion text, the slider's value text, the chart's annotation and the plotted numbers.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser import support

DEFAULT_CONCLUSION = "Met deze aannames stijgen de kosten tot 2025 en dalen daarna."
NO_TURNING_POINT = (
    "Met deze aannames blijven de kosten tot en met 2030 stijgen: geen omslagpunt binnen de "
    "horizon."
)
AMBULANT = "Ambulantisering: meer kosten per jaar"
SCENARIO_KEYS = {"indexatie", "groei", "clienten", "clienten_vanaf", "ambulant"}

#: The plotted cost curve: trace name → y values (€ mln), read from Plotly in the page.
CURVE_JS = """() => {
  const plots = [...document.querySelectorAll('[data-testid=stPlotlyChart] .js-plotly-plot')];
  const curve = plots.find(p => p.data && p.data.some(t => t.name === 'Met maatregelen'));
  return curve ? Object.fromEntries(curve.data.map(t => [t.name, Array.from(t.y)])) : null;
}"""
#: The page is slow to open on a busy two-core machine; the default 45 s is not always enough.
OPEN_TIMEOUT = 120_000


@pytest.fixture
def kosten(page, app_url):
    """The Kosten page of regio Alkmaar, opened by URL in a fresh browser context."""

    def open_(query: str = ""):
        support.open_app(page, app_url, f"kosten?regio=regio-alkmaar{query}", OPEN_TIMEOUT)
        return page

    return open_


def conclusion(page) -> str:
    return page.get_by_text(re.compile(r"^Met deze aannames")).first.inner_text().strip()


def turning_point_note(page) -> str:
    """The annotation on the curve ('' when there is none)."""
    notes = page.locator("[data-testid=stPlotlyChart] .annotation-text").all_text_contents()
    return next((n for n in notes if n.startswith("Omslagpunt")), "")


def query(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


def slider_text(page, label: str) -> str:
    return page.get_by_role("slider", name=label).get_attribute("aria-valuetext")


def move(page, label: str, steps: int) -> None:
    """Move a slider with the keyboard, as a keyboard user would."""
    slider = page.get_by_role("slider", name=label)
    slider.focus()
    key = "ArrowRight" if steps > 0 else "ArrowLeft"
    for _ in range(abs(steps)):
        page.keyboard.press(key)


def wait_for_conclusion(page, text: str) -> None:
    """Wait until the rerun has written ``text`` and the app is idle with its charts drawn."""
    page.wait_for_function(
        "(text) => document.querySelector('[data-testid=stMain]').innerText.includes(text)",
        arg=text,
        timeout=OPEN_TIMEOUT,
    )
    support.wait_idle(page, OPEN_TIMEOUT)
    support.wait_charts(page, OPEN_TIMEOUT)


def test_moving_a_slider_changes_the_curve_the_conclusion_and_the_link(kosten):
    page = kosten()
    assert conclusion(page) == DEFAULT_CONCLUSION
    assert turning_point_note(page).startswith("Omslagpunt 2025")
    before = page.evaluate(CURVE_JS)
    assert not SCENARIO_KEYS & set(query(page))

    move(page, AMBULANT, 12)  # 3% → 6% in steps of 0,25

    wait_for_conclusion(page, NO_TURNING_POINT)
    # The chart redraws just after the text: wait until the plotted line has moved.
    page.wait_for_function(
        f"(old) => {{ const c = ({CURVE_JS})(); "
        "return c && c['Met maatregelen'].at(-1) > old + 5; }",
        arg=before["Met maatregelen"][-1],
        timeout=OPEN_TIMEOUT,
    )
    assert slider_text(page, AMBULANT) == "6%"
    assert conclusion(page) == NO_TURNING_POINT
    assert turning_point_note(page) == ""
    after = page.evaluate(CURVE_JS)
    # More ambulantisering costs more in every year after it starts; the line without
    # measures does not move.
    assert after["Zonder maatregelen"] == before["Zonder maatregelen"]
    assert after["Met maatregelen"][-1] > before["Met maatregelen"][-1] + 5
    assert query(page)["ambulant"] == "6"


def test_reopening_the_link_restores_the_scenario(browser, app_url):
    link = f"{app_url}/kosten?regio=regio-alkmaar&indexatie=4&clienten_vanaf=2025"
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")
    page = context.new_page()
    try:
        support.open_app(page, app_url, link.removeprefix(app_url), OPEN_TIMEOUT)
        assert slider_text(page, "Indexatie (prijs- en loonstijging per jaar)") == "4%"
        assert slider_text(page, "Afname aantal cliënten: vanaf") == "2025"
        assert conclusion(page) == "Met deze aannames stijgen de kosten tot 2027 en dalen daarna."
        assert turning_point_note(page).startswith("Omslagpunt 2027")
        assert "U bekijkt een eigen scenario; de link bewaart het." in support.main_text(page)
        assert {"indexatie": "4", "clienten_vanaf": "2025"}.items() <= query(page).items()
    finally:
        context.close()


def test_reset_restores_the_strategys_defaults(kosten):
    page = kosten("&indexatie=5&ambulant=6&clienten=4")
    assert conclusion(page) == NO_TURNING_POINT
    page.get_by_role("button", name="Terug naar de strategie").click()
    wait_for_conclusion(page, DEFAULT_CONCLUSION)
    assert conclusion(page) == DEFAULT_CONCLUSION
    assert turning_point_note(page).startswith("Omslagpunt 2025")
    assert slider_text(page, "Indexatie (prijs- en loonstijging per jaar)") == "2,5%"
    assert slider_text(page, AMBULANT) == "3%"
    assert not SCENARIO_KEYS & set(query(page))


def test_the_curve_shows_the_band_and_both_lines(kosten):
    curve = kosten().evaluate(CURVE_JS)
    assert list(curve) == [
        "Onzekerheid (laag–hoog)",
        "Zonder maatregelen",
        "Met maatregelen",
        "Omslagpunt 2025",
    ]
    with_measures = curve["Met maatregelen"]
    assert len(with_measures) == 11  # 2020–2030
    assert with_measures[0] == pytest.approx(55.0)
    assert max(with_measures) == pytest.approx(with_measures[5])  # the peak is 2025


def test_what_happened_per_municipality_with_small_numbers_hidden(page, app_url):
    """The example region's own export: a municipality chosen in the link, its budget and
    spend, its categories with '< 5' where few youths got care, and no axe violation."""
    support.open_app(page, app_url, "kosten?regio=voorbeeldregio&gemeente=Proefdorp", OPEN_TIMEOUT)
    text = support.main_text(page)
    assert "Begroting en wat er gebeurde" in text
    assert re.search(r"In 2025 gaf Proefdorp € [0-9,]+ mln uit aan jeugdhulp", text)
    assert "Waarom de uitgaven veranderden van 2024 naar 2025" in text
    assert page.get_by_role("combobox", name="Gemeente").input_value() == "Proefdorp"
    table = page.locator(support.TABLE).filter(has_text="Productcategorie")
    cells = support.texts(table.locator("tbody tr"))
    assert any("< 5" in row and "afgeschermd" in row for row in cells)
    assert support.axe_violations(page) == {}
    # Choosing the region puts it in the link and shows the region's figures.
    page.get_by_role("combobox", name="Gemeente").click()
    page.get_by_role("option", name="Voorbeeldregio (fictief), alle gemeenten").click()
    page.wait_for_function("() => !location.search.includes('gemeente=Proefdorp')")
    support.wait_idle(page, OPEN_TIMEOUT)
    text = support.main_text(page)
    assert "In 2025 gaf Voorbeeldregio (fictief)" in text
    # Labelled fictitious, and no sentence that says the region has no budget.
    assert "Dit is een fictieve voorbeeldregio: geen echte cijfers." in text
    assert "noemen geen begroting of realisatie;" in text
    assert "noemen geen begroting of realisatie." not in text


def test_the_running_year_is_forecast_with_its_track_record(page, app_url):
    """The example region's export runs to the third quarter of 2026: the expected total per
    lot against the budget, and how far the same forecast was off in 2022–2025."""
    support.open_app(page, app_url, "kosten?regio=voorbeeldregio", OPEN_TIMEOUT)
    support.wait_charts(page)
    text = support.main_text(page)
    assert "Wat 2026 naar verwachting kost" in text
    assert re.search(
        r"Na kwartaal 3 van 2026 komen de uitgaven van Voorbeeldregio \(fictief\) naar "
        r"verwachting uit op € [0-9,]+ mln \(tussen € [0-9,]+ mln en € [0-9,]+ mln\): "
        r"[0-9,]+% van de begroting",
        text,
    )
    for year in (2022, 2023, 2024, 2025):
        assert re.search(rf"{year}: verwacht € [0-9,]+ mln, werkelijk € [0-9,]+ mln", text)
    chart = page.locator("[data-testid=stPlotlyChart]").filter(has_text="Alle percelen")
    rows = " ".join(chart.locator(".ytick text").all_text_contents())
    assert "Ambulant" in rows and "Verblijf" in rows and "verwacht €" in rows
    assert support.axe_violations(page) == {}


def test_the_municipality_chosen_once_stays_on_every_page(page, app_url):
    """A council member picks Proefdorp on Kosten; Transformatie's measures and Aanbieders'
    providers then open for Proefdorp too, and the link says so."""
    support.open_app(page, app_url, "kosten?regio=voorbeeldregio", OPEN_TIMEOUT)
    page.get_by_role("combobox", name="Gemeente").click()
    page.get_by_role("option", name="Proefdorp", exact=True).click()
    page.wait_for_function("() => location.search.includes('gemeente=Proefdorp')")
    support.wait_idle(page, OPEN_TIMEOUT)
    page.locator("a[data-testid=stSidebarNavLink]", has_text="Transformatie").click()
    expect(page.locator("h1").first).to_have_text("Transformatie", timeout=OPEN_TIMEOUT)
    support.wait_idle(page, OPEN_TIMEOUT)
    page.get_by_role("tab", name="KPI's").click()
    page.get_by_text("Gemeten uit de eigen gegevens:").wait_for(timeout=OPEN_TIMEOUT)
    support.wait_idle(page, OPEN_TIMEOUT)
    assert "Gemeten uit de eigen gegevens: Proefdorp" in support.main_text(page)
    assert page.get_by_role("combobox", name="Gemeente").input_value() == "Proefdorp"
    page.locator("a[data-testid=stSidebarNavLink]", has_text="Aanbieders").click()
    # A click on the menu starts the next page's run a moment later: wait for its heading.
    expect(page.locator("h1").first).to_have_text("Aanbieders", timeout=OPEN_TIMEOUT)
    support.wait_idle(page, OPEN_TIMEOUT)
    text = support.main_text(page)
    assert re.search(r"Uitgaven en jeugdigen per aanbieder in 20[0-9]{2}: Proefdorp", text)
    assert "gemeente=Proefdorp" in page.url
