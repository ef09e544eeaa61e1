"""The Aanbieders page in a real browser: what only a browser shows.

Every figure of the NORA providers slide is read back from the drawn page (key-figure
cards, the numbers Plotly printed on the bars, the HTML tables); the filters change the
view and the link, and the link restores it; regions without provider figures say so; and
the fictitious example register shows its matrix, concentration and provider list, with a
provider name full of HTML and script text appearing as plain text (no dialog fires).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import support

PATH = "aanbieders"
#: The providers slide of the NORA council evening (6 December 2023), 'Jeugdhulp 2024'.
NORA_FIGURES = {
    "Ambulant": "167",
    "Verblijf": "38",
    "Combinatie": "26",
    "Groot (> 100 fte)": "12",
    "Klein (5–100 fte)": "124",
    "Vrijgevestigd (< 5 fte)": "69",
    "Totaal": "205",
}
#: 'Aantal aanbieders per deelperceel', per lot.
NORA_SUBLOTS = {
    "Ambulant": {
        "Herstelgericht": "131",
        "Ondersteuningsgericht": "104",
        "Consultatie": "86",
        "Dyslexie": "9",
        "Crisisopvang": "3",
    },
    "Verblijf": {
        "Crisisopvang": "17",
        "Behandelgroepen": "15",
        "Drie-milieuvoorziening": "2",
        "Gezinshuizen": "10",
        "Klinische jeugd GGZ (besloten)": "2",
        "Klinische jeugd GGZ (gesloten)": "1",
        "Logeren": "13",
        "Pleegzorg": "5",
        "Zelfstandigheidstraining/Kamertrainingscentrum (KTC)": "17",
    },
}
XSS = "<script>alert('xss')</script> & <b>Vet</b> Zorg B.V."
#: Pairs each number Plotly printed on a bar with the category label at the same height.
BAR_LABELS_JS = """chart => {
  const mid = e => { const r = e.getBoundingClientRect(); return r.top + r.height / 2; };
  const lines = t => t.querySelectorAll('tspan.line').length
    ? [...t.querySelectorAll('tspan.line')].map(l => l.textContent).join(' ') : t.textContent;
  const ticks = [...chart.querySelectorAll('g.ytick text')].map(t => [mid(t), lines(t)]);
  return [...chart.querySelectorAll('text.bartext')].map(bar => {
    const y = mid(bar);
    const near = ticks.reduce((a, t) => Math.abs(t[0] - y) < Math.abs(a[0] - y) ? t : a);
    return [near[1], bar.textContent];
  });
}"""


def _after(heading: str, what: str) -> str:
    return f"xpath=//h3[contains(., '{heading}')]/following::{what}[1]"


def same_label(text: str) -> str:
    """A label as compared: a wrapped line break after a slash reads as no space."""
    return re.sub(r"\s*/\s*", "/", text)


def bar_values(page, heading: str) -> dict[str, str]:
    """Category → the number on its bar, in the chart under ``heading``."""
    chart = page.locator(_after(heading, "div[@data-testid='stPlotlyChart']"))
    return {same_label(label): value for label, value in chart.evaluate(BAR_LABELS_JS)}


def table_rows(page, heading: str) -> dict[str, list[str]]:
    """Row header → cells of the HTML table under ``heading`` (its expander is opened).

    Zero-width spaces (the shared table formatting lets long words wrap with them) are
    invisible to a reader and dropped here.
    """
    details = page.locator(_after(heading, "details"))
    support.open_table(page, details)
    rows = details.locator(f"{support.TABLE} tbody tr").evaluate_all(
        """rows => rows.map(r => [r.querySelector('th').innerText,
                                 ...[...r.querySelectorAll('td')].map(c => c.innerText)])"""
    )
    return {
        row[0].replace("\u200b", "").strip(): [c.replace("\u200b", "").strip() for c in row[1:]]
        for row in rows
    }


def no_error(page) -> None:
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.locator("[data-testid=stAlertContentError]").count() == 0


def choose(page, widget: str, label: str, option: str, expect_in_url: str) -> None:
    """Pick ``option`` in the widget labelled ``label``; wait until the link shows it."""
    page.locator(f"[data-testid={widget}]", has_text=label).click()
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_url(lambda url: expect_in_url in url, timeout=15_000)
    page.keyboard.press("Escape")
    support.wait_idle(page)
    support.wait_charts(page)


def test_every_figure_of_the_nora_providers_slide_is_on_the_page(page, app_url):
    support.open_app(page, app_url, f"{PATH}?regio=regio-alkmaar")
    no_error(page)
    assert page.locator("h1").first.inner_text().strip() == "Aanbieders"
    assert support.metrics(page) == NORA_FIGURES
    for lot, expected in NORA_SUBLOTS.items():
        heading = f"{lot}: aanbieders per deelperceel"
        assert bar_values(page, heading) == {same_label(k): v for k, v in expected.items()}, lot
        rows = table_rows(page, heading)
        assert {name: cells[-1] for name, cells in rows.items()} == expected, lot
        assert {cells[0] for cells in rows.values()} == {lot}
    assert bar_values(page, "Aanbieders naar grootteklasse") == {
        "Grote instelling (> 100 fte)": "12 (5,9%)",
        "Kleine instelling (5–100 fte)": "124 (60,5%)",
        same_label("Vrijgevestigde / kleine praktijk (< 5 fte)"): "69 (33,7%)",
    }
    assert bar_values(page, "Aantal aanbieders per jaar") == {"2023": "188", "2024": "205"}
    assert bar_values(page, "Jeugdhulp en Wmo naast elkaar") == {
        "Jeugdhulp (2024)": "205",
        "Wmo (2023)": "127",
    }
    text = support.main_text(page)
    assert "205 aanbieders, maar 26 hebben beide percelen." in text
    assert "Deze regio heeft geen aanbiedersregister" in text


def test_filters_change_the_view_and_the_link_and_the_link_restores_it(browser, page, app_url):
    support.open_app(page, app_url, f"{PATH}?regio=regio-alkmaar")
    choose(page, "stSelectbox", "Perceel", "Verblijf", "perceel=verblijf")
    assert page.locator("h3", has_text="Ambulant: aanbieders per deelperceel").count() == 0
    choose(page, "stMultiSelect", "Deelperceel", "Crisisopvang", "deelperceel=Crisisopvang")
    assert bar_values(page, "Verblijf: aanbieders per deelperceel") == {"Crisisopvang": "17"}
    assert support.metrics(page) == NORA_FIGURES  # the key figures stay those of the whole market

    shared = browser.new_context(viewport={"width": 1280, "height": 720})
    colleague = shared.new_page()
    try:
        support.open_app(colleague, app_url, page.url.split("/", 3)[3])
        assert (
            colleague.get_by_role("combobox", name="Perceel", exact=True).input_value()
            == "Verblijf"
        )
        assert bar_values(colleague, "Verblijf: aanbieders per deelperceel") == {
            "Crisisopvang": "17"
        }
        assert colleague.locator("h3", has_text="Ambulant: aanbieders per deelperceel").count() == 0
    finally:
        shared.close()

    choose(page, "stSelectbox", "Jaar", "2023", "peiljaar=2023")
    assert support.metrics(page) == {"Totaal": "188"}
    assert "De gegevens geven voor 2023 geen aantallen per deelperceel." in support.main_text(page)


@pytest.mark.parametrize("regio", ["zuid-holland-zuid", "duin-en-bollenstreek"])
def test_regions_without_provider_figures_say_so_plainly(page, app_url, regio):
    support.open_app(page, app_url, f"{PATH}?regio={regio}")
    no_error(page)
    assert page.locator("h1").first.inner_text().strip() == "Aanbieders"
    text = support.main_text(page)
    assert "de documenten geven geen aantallen aanbieders." in text
    assert "De documenten van deze regio geven geen aantallen aanbieders" in text
    assert page.locator("[data-testid=stMetric]").count() == 0


def check_provider_pages(page, first_page: dict[str, list[str]]) -> None:
    """The list shows 25 providers at a time; Volgende pages on; the CSV holds them all."""
    assert len(first_page) == 25
    total = int(support.metrics(page)["Totaal (illustratief)"])
    block = page.locator(_after("Zoek een aanbieder", "details"))
    expect(block).to_contain_text(f"Rij 1–25 van {total}. De downloads bevatten alle rijen.")
    block.get_by_role("button", name="Volgende").click()
    expect(block).to_contain_text(f"Rij 26–50 van {total}.", timeout=30_000)
    support.wait_idle(page)
    second_page = table_rows(page, "Zoek een aanbieder")
    assert len(second_page) == 25 and not set(second_page) & set(first_page)
    download = support.download(page, block.get_by_role("button", name="Download CSV"))
    lines = download.path().read_bytes().decode("utf-8-sig").splitlines()
    assert len(lines) == total + 1  # a header and every provider, not just this page
    assert {line.split(";")[0] for line in lines[1:]} >= set(first_page) | set(second_page)


def test_the_example_register_shows_fictitious_providers_as_plain_text(page, app_url):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    support.open_app(page, app_url, f"{PATH}?regio=voorbeeldregio")
    no_error(page)
    text = support.main_text(page)
    assert "Fictieve voorbeeldregio: alle aanbieders en aantallen" in text
    assert "Dit zijn FICTIEVE aanbieders" in text

    matrix = table_rows(page, "Perceel en grootte")
    assert list(matrix) == [
        "Alleen ambulant",
        "Alleen verblijf",
        "Beide percelen (combinatie)",
        "Totaal",
    ]
    heat = page.locator(_after("Perceel en grootte", "div[@data-testid='stPlotlyChart']"))
    drawn = heat.evaluate("c => [...c.querySelectorAll('svg text')].map(t => t.textContent)")
    cells = [value for row in list(matrix.values())[:3] for value in row[:3]]
    assert drawn[: len(cells)] == cells  # every cell's count is written in the grid
    assert support.metrics(page)["Totaal (illustratief)"] == matrix["Totaal"][-1]

    risk = bar_values(page, "Hoeveel aanbieders per deelperceel?")
    assert risk["Klinische jeugd GGZ (gesloten) (verblijf)"] == "1 – kwetsbaar"
    assert all(
        value.endswith("kwetsbaar") == (int(value.split()[0]) <= 3) for value in risk.values()
    )

    providers = table_rows(page, "Zoek een aanbieder")
    assert XSS in providers  # the name exactly as given, shown as text
    main = page.locator("[data-testid=stMain]")
    assert main.locator("b", has_text="Vet").count() == 0
    assert main.locator("script", has_text="xss").count() == 0
    check_provider_pages(page, providers)

    search = page.get_by_label("Naam bevat")
    search.fill("vet")
    search.press("Enter")
    page.wait_for_url(lambda url: "naam=vet" in url, timeout=15_000)
    # The link changes before the page has rerun: wait for the filtered table itself.
    rows = page.locator(_after("Zoek een aanbieder", "details")).locator("tbody tr")
    expect(rows).to_have_count(1, timeout=30_000)
    support.wait_idle(page)
    assert list(table_rows(page, "Zoek een aanbieder")) == [XSS]
    assert dialogs == []
