"""The app shell in a real browser: every page, the key figures, the question cards, the
region in the URL, broken data, the page language and an axe-core scan.
"""

from __future__ import annotations

import shutil
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from components.data import extracts
from components.web import browser
from tests.browser import support

#: url path → the page title a visitor sees.
PAGES = {
    "": "Inkoop jeugdhulp: Regio Alkmaar",
    "aanbieders": "Aanbieders",
    "contracten": "Contracten",
    "transformatie": "Transformatie",
    "kosten": "Kosten",
    "begrippen": "Begrippen",
    "over": "Over deze cijfers",
}
#: Key figures of the slide 'Wat cijfers' (NORA, 6 December 2023), as the page formats them.
NORA_KEY_FIGURES = {
    "Inwoners in de regio": "300.000",
    "Kinderen die jeugdzorg krijgen": "10.000",
    "Omzet jeugdzorg": "€ 90 mln",
    "Omzet Wmo": "€ 37 mln",
    "Gecontracteerde aanbieders jeugdhulp": "205",
    "Gecontracteerde aanbieders Wmo": "127",
    "Betaalovereenkomsten": "ruim 150",
    "Contractmanagementgesprekken": "500",
}
#: The other tabs of Transformatie (only the open tab is drawn, so each is scanned).
TRANSFORMATIE_TABS = [
    f"transformatie?onderdeel={part}"
    for part in ("kpis", "kwadranten", "fasen", "escalatie", "segmenten", "verschillen")
]


@pytest.mark.parametrize("viewport", [(390, 844), (768, 1024)])
def test_on_a_phone_or_tablet_the_page_opens_on_its_figures_not_on_the_menu(
    browser, app_url, viewport
):
    """The menu stays folded away on a narrow screen; the heading, the headline and the
    first key figure are on the first screen, and one tap opens the menu."""
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        support.open_app(page, app_url, "")
        sidebar = page.locator("[data-testid=stSidebar]")
        assert sidebar.is_hidden()
        first_figure = page.locator("[data-testid=stMetric]").first
        for shown in (page.locator("h1").first, first_figure):
            box = shown.bounding_box()
            assert box is not None and box["y"] + box["height"] <= height, shown
        assert "300.000" in first_figure.inner_text()
        page.get_by_role("button", name="Zijbalk uitklappen").click()
        expect(sidebar).to_be_visible()
        expect(page.locator("a[data-testid=stSidebarNavLink]", has_text="Kosten")).to_be_visible()
    finally:
        context.close()


def test_on_a_desktop_screen_the_menu_is_open(browser, app_url):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        support.open_app(page, app_url, "")
        expect(page.locator("[data-testid=stSidebar]")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_opens_without_an_exception(browser, app_url, path, viewport):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    try:
        support.open_app(page, app_url, path)
        assert page.locator("[data-testid=stException]").count() == 0
        assert page.locator("[data-testid=stAlertContentError]").count() == 0
        assert page.locator("h1").first.inner_text().strip() == PAGES[path]
        assert page.evaluate("document.documentElement.lang") == "nl"
    finally:
        context.close()


@pytest.mark.parametrize(
    "path",
    [*PAGES, *TRANSFORMATIE_TABS, "kosten?modus=presentatie&stap=1", "?modus=presentatie&stap=3"],
)
def test_no_request_leaves_the_dashboard(page, app_url, path):
    """Every request a visitor's browser makes goes to the dashboard itself: no font, icon
    or script from a third party (privacy, and the dashboard works offline)."""
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    support.open_app(page, app_url, path)
    support.open_tables(page)
    page.wait_for_load_state("networkidle")
    own = urlsplit(app_url).netloc
    assert [url for url in requested if urlsplit(url).netloc != own] == []
    assert any(url.endswith("favicon.png") or "/media/" in url for url in requested)


def test_navigation_lists_each_page_once(page, app_url):
    support.open_app(page, app_url)
    links = page.locator("a[data-testid=stSidebarNavLink]")
    titles = [links.nth(i).inner_text().strip().split("\n")[-1] for i in range(links.count())]
    assert titles == [
        "Overzicht",
        "Aanbieders",
        "Contracten",
        "Transformatie",
        "Kosten",
        "Begrippen",
        "Over deze cijfers",
    ]


def test_overview_shows_the_key_figures_of_the_information_evening(page, app_url):
    support.open_app(page, app_url)
    shown = support.metrics(page)
    for label, value in NORA_KEY_FIGURES.items():
        assert shown.get(label) == value, f"{label}: {shown}"
    assert "Raadsinformatieavond" in support.main_text(page)


def test_question_cards_reveal_their_answer_and_source(page, app_url):
    support.open_app(page, app_url)
    text = support.main_text(page)
    assert "Hoeveel jaar lopen de contracten voor ambulante jeugdhulp" in text
    assert "Antwoord:" not in text
    buttons = page.get_by_role("button", name="Toon het antwoord")
    assert buttons.count() == 3
    for remaining in (2, 1, 0):
        buttons.first.click()
        expect(buttons).to_have_count(remaining)
        support.wait_idle(page)
    text = support.main_text(page)
    assert "Antwoord: 8 jaar" in text
    assert "Antwoord: 205" in text
    # The percentage question for 2022 is not answered by the sources: the card says so.
    assert "Het antwoord staat niet in de gegevens van dit dashboard." in text


def test_a_shared_link_reopens_the_same_region_and_keeps_it_across_pages(page, app_url):
    support.open_app(page, app_url, "over?regio=zuid-holland-zuid")
    assert "Serviceorganisatie Jeugd Zuid-Holland Zuid" in support.main_text(page)
    page.locator("a[data-testid=stSidebarNavLink]", has_text="Overzicht").click()
    expect(page.locator("h1").first).to_have_text("Inkoop jeugdhulp: Zuid-Holland Zuid")
    support.wait_idle(page)
    assert "regio=zuid-holland-zuid" in page.url
    assert page.locator("h1").first.inner_text().strip() == "Inkoop jeugdhulp: Zuid-Holland Zuid"


def test_an_unknown_region_in_the_link_falls_back_with_a_notice(page, app_url):
    support.open_app(page, app_url, "?regio=..%2Fetc%2Fpasswd")
    text = support.main_text(page)
    assert "De regio in de link bestaat niet in deze gegevens; u ziet nu Regio Alkmaar." in text
    assert "passwd" not in text
    assert page.locator("h1").first.inner_text().strip() == PAGES[""]


def test_a_broken_extract_is_explained_in_dutch_and_other_pages_keep_working(
    page, tmp_path_factory
):
    data = tmp_path_factory.mktemp("kapot") / "extracts"
    shutil.copytree(extracts.DEFAULT_ROOT, data)
    target = data / "regio-alkmaar" / "kerncijfers.parquet"
    target.write_bytes(target.read_bytes()[:100])  # truncated, as after a failed copy
    with support.streamlit_server(data) as base:
        support.open_app(page, base)
        error = page.locator("[data-testid=stAlertContentError]").inner_text()
        assert (
            "Het gegevensbestand 'kerncijfers' van deze regio is gewijzigd na de voorbereiding"
            in error
        )
        assert page.locator("[data-testid=stException]").count() == 0
        assert "Traceback" not in support.main_text(page)
        support.open_app(page, base, "contracten")
        assert page.locator("[data-testid=stAlertContentError]").count() == 0
        assert page.locator("h1").first.inner_text().strip() == "Contracten"


@pytest.mark.parametrize("path", [*PAGES, *TRANSFORMATIE_TABS])
def test_axe_finds_no_wcag_violation_of_our_own(page, app_url, path):
    support.open_app(page, app_url, path)
    support.open_tables(page)  # closed tables are built when opened: scan them too
    unexpected = support.axe_violations(page)
    assert unexpected == {}, f"new accessibility violations on /{path}: {unexpected}"


def test_a_deep_link_as_first_visit_after_a_restart_opens_inside_the_app(page):
    # Streamlit runs a pages/ script on its own until the first st.navigation call in the
    # process; the app must still open the right page, with its region and navigation.
    with support.streamlit_server() as fresh:
        support.open_app(page, fresh, "over?regio=zuid-holland-zuid")
        expect(page.locator("h1").first).to_have_text("Over deze cijfers")
        support.wait_idle(page)
        assert "Serviceorganisatie Jeugd Zuid-Holland Zuid" in support.main_text(page)
        nav = page.locator("a[data-testid=stSidebarNavLink]")
        assert nav.count() == len(PAGES)


def test_a_table_wider_than_the_window_gets_a_tab_stop_and_loses_it_when_it_fits(page, app_url):
    # Zooming in or narrowing the window (WCAG 1.4.4, 1.4.10) can make a table that fitted
    # wider than its box; a keyboard user then needs a tab stop to scroll it (2.1.1).
    support.open_app(page, app_url, "over")
    support.open_tables(page)
    box = page.locator(support.TABLE).first
    expect(box).not_to_have_attribute("tabindex", "0")
    page.set_viewport_size({"width": 420, "height": 720})
    expect(box).to_have_attribute("tabindex", "0")
    expect(box).to_have_attribute("role", "region")
    expect(box).to_have_attribute(
        "aria-label", "Tabel, breder dan het scherm: scroll met de pijltjes"
    )
    page.set_viewport_size({"width": 1280, "height": 720})
    expect(box).not_to_have_attribute("tabindex", "0")
    expect(box).not_to_have_attribute("role", "region")


def test_streamlit_own_controls_have_dutch_names_also_after_a_rerun(page, app_url):
    # Streamlit names its own controls in English for a screen reader ("Skip to main
    # content", "Help for Regio", "Main menu"): English in a Dutch page (WCAG 3.1.2).
    english = [*browser.STREAMLIT_NAMES, *browser.STREAMLIT_PREFIXES]
    support.open_app(page, app_url, "kosten")
    expect(page.locator("[data-testid=stSkipToContent]")).to_have_text("Naar de inhoud")
    expect(page.get_by_role("navigation", name="Pagina's")).to_be_visible()
    expect(page.get_by_role("button", name="Uitleg bij Regio")).to_be_visible()
    expect(
        page.get_by_role("button", name="Uitleg bij Indexatie (prijs- en loonstijging per jaar)")
    ).to_have_count(1)
    page.get_by_role("button", name="Hoofdmenu").click()
    expect(page.get_by_role("menuitem", name="Afdrukken")).to_be_visible()
    page.keyboard.press("Escape")
    # Another page is a rerun that draws new controls; an open list renames its button.
    page.locator("a[data-testid=stSidebarNavLink]", has_text="Contracten").click()
    expect(page.locator("h1").first).to_have_text("Contracten")
    support.wait_idle(page)
    page.get_by_role("combobox", name="Wet").click()
    expect(page.get_by_role("option").first).to_be_visible()
    assert page.evaluate(ENGLISH_NAMES_JS, english) == []
    page.keyboard.press("Escape")
    page.get_by_role("combobox", name="Soort periode").click()
    page.get_by_role("option", name="Contractperiode").click()
    support.wait_idle(page)
    expect(page.locator("[aria-label='Verwijder Contractperiode']")).to_have_count(1)
    assert page.evaluate(ENGLISH_NAMES_JS, english) == []


#: Names and texts that Streamlit writes in English and the app should have renamed.
ENGLISH_NAMES_JS = """(english) => [...document.querySelectorAll('*')].flatMap((e) => [
    e.getAttribute('aria-label'), e.getAttribute('title'),
    e.childElementCount === 0 ? e.textContent : null,
  ]).filter((name) => name && english.some((word) => name === word || name.startsWith(word)))"""


@pytest.mark.parametrize("path", ["", "aanbieders?regio=voorbeeldregio", "transformatie", "kosten"])
def test_no_text_is_cut_off_with_an_ellipsis_on_a_narrower_screen(page, app_url, path):
    # Streamlit cuts a key figure's label, a page link, a badge and a button to one line
    # with an ellipsis; at 1280 px that hid "(voorlopig)" on Kosten, at 1024 px words on
    # every page here (WCAG 1.4.10). 800 px is a 1280-px screen zoomed to 160%. Tables
    # and charts scroll or scale; they are not cut off.
    page.set_viewport_size({"width": 800, "height": 720})
    support.open_app(page, app_url, path)
    assert page.locator("[data-testid=stMetricLabel], [data-testid=stPageLink]").count() >= 3
    cut = page.evaluate(support.CUT_OFF_JS)
    assert cut == []


#: Every '€' in the main area whose amount starts on another line than the sign.
EURO_ALONE_JS = """() => {
  const walker = document.createTreeWalker(
    document.querySelector('[data-testid=stMain]'), NodeFilter.SHOW_TEXT);
  const alone = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/€\\s\\S/g)) {
      const sign = document.createRange(), amount = document.createRange();
      sign.setStart(node, match.index); sign.setEnd(node, match.index + 1);
      amount.setStart(node, match.index + 2); amount.setEnd(node, match.index + 3);
      const a = sign.getBoundingClientRect(), b = amount.getBoundingClientRect();
      if (a.height && b.height && b.top > a.bottom - 2) alone.push(node.data.slice(0, 80));
    }
  }
  return alone;
}"""


@pytest.mark.parametrize(
    ("path", "width"),
    [("", 1280), ("kosten?regio=voorbeeldregio", 390), ("contracten?regio=voorbeeldregio", 390)],
)
def test_a_euro_sign_never_ends_a_line(page, app_url, path, width):
    """At 1280 px the overview's lead read 'in 2023 was dat €' with '90 mln' on the next
    line; a phone broke amounts the same way."""
    page.set_viewport_size({"width": width, "height": 844})
    support.open_app(page, app_url, path)
    assert "€" in support.main_text(page)
    assert page.evaluate(EURO_ALONE_JS) == []
