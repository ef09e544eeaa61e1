"""The Contracten page in a real browser at 1280×720: what only a browser shows.

Checked against the source: every agreement of the NORA table 'Wat kopen we in' (slides
of 6 December 2023, 7 youth-care and 6 Wmo agreements), its contracts × municipalities
and its periods as the slide writes them, typed in below from the slide. Also: the chart
is drawn, the transfer of the crisis service and the running regiotaxi procurement are
drawn as such, no two texts on the chart overlap and none is smaller than 14 px, and a
filter changes the view and the link, and reopening the link restores it.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from components.common import fmt
from components.data import extracts
from tests.browser import support

#: The slide 'Wat kopen we in': agreement → (contracts × municipalities, periods in order).
#: The slide writes '167 x 6'; the page writes it out. Agreement names as the page shows
#: them (the slide: '1. Jeugdhulp ambulante', '7. RET'). RET's 'Geen RET' (2020–2021) is
#: the absence of a contract, not a period.
NORA_YOUTH = {
    "Ambulante jeugdhulp": (
        "167 contracten × 6 gemeenten",
        ["2018-2021", "2022", "2023-2030", "Optie"],
    ),
    "Jeugdhulp met verblijf": (
        "38 contracten × 6 gemeenten",
        ["2018-2021", "2022", "2023-2030", "Optie"],
    ),
    "Gedwongen kader": ("7 contracten × 18 gemeenten", ["2019-2021", "2022-2023", "2024-2025"]),
    "Jeugdzorg Plus": ("1 contract × 6 gemeenten", ["2020", "2021", "2022", "2023-2030", "Optie"]),
    "Crisisdienst": (
        "1 contract × 18 gemeenten",
        ["2018-2021", "2022", "2023", "Miv 2024 ondergebracht bij GGDHN (Veilig Thuis)"],
    ),
    "J&S Team VO": (
        "1 contract × 6 gemeenten",
        ["2018-2021", "2022", "2023", "2024-2030", "Optie"],
    ),
    "RET (regionaal expertteam)": ("5 contracten × 1 gemeente", ["okt 2022-2023", "2024", "Optie"]),
}
NORA_WMO = {
    "Begeleiding": ("116 contracten × 6 gemeenten", ["2020-2022", "2023-2024", "Optie"]),
    "Beschermd thuis": ("13 contracten × 6 gemeenten", ["2020-2022", "2023-2024", "Optie"]),
    "Beschermd wonen": ("11 contracten × 1 gemeente", ["2020-2022", "2023-2024", "Optie"]),
    "Hulpmiddelen": ("1 contract × 6 gemeenten", ["2020-2022", "2023-2024", "Optie"]),
    "Regiotaxi": (
        "1 contract × 6 gemeenten",
        ["2020", "4/2021-3/2023", "mrt-24", "mrt-25", "Inkooptraject loopt"],
    ),
    "Leerlingenvervoer": (
        "1 contract × 6 gemeenten",
        ["2018-medio 2022", "aug 2022-juli 2026", "Optie", "Optie"],
    ),
}
LEGEND = [
    "Contractperiode",
    "Overbruggingscontract",
    "Optie tot verlenging",
    "Overgedragen aan een andere organisatie",
    "Inkooptraject",
]
CHART = "[data-testid=stPlotlyChart]"

#: Every visible text element of the chart: its text, box and font size.
TEXT_BOXES_JS = """(chart) => [...chart.querySelectorAll('svg text')]
  .filter(t => t.textContent.trim() && getComputedStyle(t).display !== 'none'
               && getComputedStyle(t).visibility !== 'hidden'
               && parseFloat(getComputedStyle(t).opacity || '1') > 0
               && t.getBoundingClientRect().width > 0)
  .map(t => { const r = t.getBoundingClientRect();
              return {text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize),
                      x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}; })"""
#: True once the chart shows the Wmo heading and no youth-care heading.
WMO_ONLY_JS = """() => {
  const texts = [...document.querySelectorAll('[data-testid=stPlotlyChart] .annotation-text')]
    .map(t => t.textContent.trim());
  return texts.includes('WMO') && !texts.includes('JEUGDHULP');
}"""
#: The HTML table that has a column 'Zoals in de bron': header and rows (index included).
TABLE_JS = f"""() => {{
  const table = [...document.querySelectorAll('{support.TABLE} table')]
    .find(t => t.innerText.includes('Zoals in de bron'));
  const head = [...table.querySelectorAll('thead th')].map(c => c.innerText.trim());
  const rows = [...table.querySelectorAll('tbody tr')]
    .map(r => [...r.querySelectorAll('th, td')].map(c => c.innerText.trim()));
  return {{head, rows}};
}}"""


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def nora(browser, app_url):
    """The page for regio Alkmaar counted from the calendar's peildatum, opened once."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")
    page = context.new_page()
    # The app root first: the very first deep link after a server start makes the app
    # shell reload the page once (state.ensure_app_shell); starting at the root avoids
    # racing that reload.
    support.open_app(page, app_url, "")
    support.open_app(page, app_url, "contracten?regio=regio-alkmaar&vanaf=kalender")
    yield page
    context.close()


def test_the_chart_is_drawn_without_errors(nora):
    assert nora.locator("[data-testid=stException]").count() == 0
    assert nora.locator("[data-testid=stAlertContentError]").count() == 0
    assert nora.locator(f"{CHART} .main-svg").count() > 0
    legend = [squash(t) for t in nora.locator(f"{CHART} .legendtext").all_text_contents()]
    assert legend == LEGEND


def test_every_nora_agreement_with_its_counts_in_the_chart(nora):
    titles = {squash(t) for t in nora.locator(f"{CHART} .annotation-text").all_text_contents()}
    for name, (counts, _) in {**NORA_YOUTH, **NORA_WMO}.items():
        assert f"{name} · {counts}" in titles
    assert {"JEUGDHULP", "WMO"} <= titles
    assert "Peildatum kalender: 6 december 2023" in titles


def test_every_nora_period_in_the_table_as_the_slide_writes_it(nora):
    first_table = nora.locator(support.TABLE_EXPANDERS).filter(has_text="Cijfers als tabel")
    support.open_table(nora, first_table.first)
    table = nora.evaluate(TABLE_JS)
    head = table["head"]
    name, counts, kind, label, end = (
        head.index(c)
        for c in ("Overeenkomst", "Contracten × gemeenten", "Soort", "Zoals in de bron", "Einde")
    )
    found: dict[str, tuple[str, list[str]]] = {}
    for row in table["rows"]:
        found.setdefault(row[name], (row[counts], []))[1].append(row[label])
    assert found == {**NORA_YOUTH, **NORA_WMO}
    last = {row[name]: row for row in table["rows"]}
    assert last["Crisisdienst"][kind] == "Overgedragen aan een andere organisatie"
    assert last["Crisisdienst"][end] == "–"
    assert last["Regiotaxi"][kind] == "Inkooptraject"
    assert last["Regiotaxi"][end] == "–"


def test_transfer_and_procurement_are_drawn_as_such(nora):
    bar_texts = {squash(t) for t in nora.locator(f"{CHART} text.bartext").all_text_contents()}
    assert "Miv 2024 ondergebracht bij GGDHN (Veilig Thuis) →" in bar_texts
    assert "Inkooptraject loopt →" in bar_texts
    assert "Optie" in bar_texts and "2023-2030" in bar_texts


def test_no_text_on_the_chart_overlaps_or_is_smaller_than_14_px(nora):
    boxes = nora.locator(CHART).first.evaluate(TEXT_BOXES_JS)
    assert len(boxes) > 60
    small = [b["text"] for b in boxes if b["size"] < 14]
    assert not small
    overlapping = [
        (a["text"], b["text"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["x0"] < b["x1"] - 1 and b["x0"] < a["x1"] - 1
        and a["y0"] < b["y1"] - 1 and b["y0"] < a["y1"] - 1
    ]  # fmt: skip
    assert not overlapping


def test_filter_changes_view_and_link_and_the_link_restores_it(page, app_url):
    support.open_app(page, app_url, "")
    support.open_app(page, app_url, "contracten?regio=regio-alkmaar")
    today = fmt.date(dt.date.today())
    assert f"Deze pagina rekent met {today} als vandaag." in support.main_text(page)
    titles = page.locator(f"{CHART} .annotation-text").all_text_contents()
    assert f"Vandaag: {today}" in [squash(t) for t in titles]

    assert page.get_by_role("combobox", name="Wet").input_value() == "Jeugd en Wmo"
    page.get_by_role("combobox", name="Wet").click()
    page.get_by_role("option", name="Wmo", exact=True).click()
    page.wait_for_url("**wet=wmo**")
    # The chart is redrawn after the rerun: wait for the Wmo-only chart, not a fixed time.
    page.wait_for_function(WMO_ONLY_JS, timeout=30_000)
    support.wait_idle(page)

    link = page.url
    support.open_app(page, app_url, link.removeprefix(app_url))
    assert page.get_by_role("combobox", name="Wet").input_value() == "Wmo"
    titles = {squash(t) for t in page.locator(f"{CHART} .annotation-text").all_text_contents()}
    assert "Regiotaxi · 1 contract × 6 gemeenten" in titles
    assert "Ambulante jeugdhulp · 167 contracten × 6 gemeenten" not in titles


def test_the_charts_text_alternative_reads_as_plain_dutch(nora):
    """A screen reader hears the title and takeaway, without Markdown or link targets."""
    label = nora.locator("[data-testid=stPlotlyChart][aria-label]").first.get_attribute(
        "aria-label"
    )
    assert label.startswith("Grafiek: Welke overeenkomst loopt wanneer. Op ")
    assert "Gestippeld = overbruggingscontract; schuin gestreept = optie tot verlenging;" in label
    assert "**" not in label and "](" not in label and "\\" not in label


def test_the_spend_per_agreement_stands_against_the_time_left(page, app_url):
    """The example region's product codes name its (fictitious) agreements: the chart and
    the exact table show what each cost in its current term and what the same pace adds."""
    support.open_app(page, app_url, "contracten?regio=voorbeeldregio")
    support.wait_charts(page)
    assert page.locator("[data-testid=stException]").count() == 0
    text = squash(support.main_text(page))
    assert "fictieve voorbeeldregio" in text
    assert "Uitgaven per overeenkomst en wat de looptijd nog duurt" in text
    assert "Tot en met 30 september 2026 ging € 77,9 mln naar Ambulante jeugdhulp" in text
    chart = page.locator(CHART).filter(has_text="voorbij")
    names = [squash(t) for t in chart.locator(".ytick text").all_text_contents()]
    assert sorted(names) == [
        "Ambulante jeugdhulp2021–2026, 96% voorbij",
        "Jeugdhulp met verblijf2026–2031, 12% voorbij",
    ]
    details = page.locator(support.TABLE_EXPANDERS).filter(has_text="Cijfers als tabel").last
    support.open_table(page, details)
    rows = details.locator("tbody tr").all_inner_texts()
    assert any("Jeugdhulp met verblijf" in r and "2026 t/m 2031" in r for r in rows)
    assert support.axe_violations(page) == {}


def test_a_municipality_sees_what_its_share_of_each_agreement_cost(page, app_url):
    """Proefdorp chosen: the same agreements and terms, with Proefdorp's spend in them (the
    extract's amounts for Proefdorp's products under the ambulant agreement since its term
    began), and the link keeps the choice."""
    use = extracts.read_extract("voorbeeldregio", "gebruik")
    codes = extracts.read_extract("voorbeeldregio", "productcodes")
    ambulant = codes.filter(pl.col("overeenkomst_id") == "vb-ambulant")["productcode"]
    expected = use.filter(
        (pl.col("gemeente") == "Proefdorp")
        & pl.col("productcode").is_in(ambulant.to_list())
        & (pl.col("jaar") >= 2021)
    )["bedrag"].sum()
    support.open_app(page, app_url, "contracten?regio=voorbeeldregio")
    choice = page.get_by_role("combobox", name="Gemeente")
    # The choice is far down the page: scrolled to first, as a reader does (a list opened
    # while the page scrolls closes again).
    choice.scroll_into_view_if_needed()
    choice.click()
    page.get_by_role("option", name="Proefdorp", exact=True).click()
    page.wait_for_function("() => location.search.includes('gemeente=Proefdorp')")
    support.wait_idle(page)
    support.wait_charts(page)
    text = squash(support.main_text(page))
    assert "Uitgaven per overeenkomst en wat de looptijd nog duurt: Proefdorp" in text
    assert f"Tot en met 30 september 2026 ging {fmt.euro(expected)} naar Ambulante jeugdhulp" in (
        text
    )
    # The rest of the page is the region's: the calendar does not change.
    assert "Welke overeenkomst loopt wanneer" in text
    details = page.locator(support.TABLE_EXPANDERS).filter(has_text="Cijfers als tabel").last
    support.open_table(page, details)
    rows = details.locator("tbody tr").all_inner_texts()
    assert any("Ambulante jeugdhulp" in r and fmt.number(expected) in r for r in rows)  # whole €
    assert support.axe_violations(page) == {}
