"""The Aanbieders page in AppTest, from app.py, on the shipped extracts.

What a visitor reads: the key figures of the NORA providers slide, what they count and
where the sources disagree, the filters in the link, the plain 'not covered' message for
regions without provider figures, and the views on the fictitious example register.
"""

from __future__ import annotations

from tests.pages.conftest import metrics, shown_tables, texts
from tests.reading import shown

PAGE = "aanbieders"
NORA_FIGURES = {
    "Ambulant": "167",
    "Verblijf": "38",
    "Combinatie": "26",
    "Groot (> 100 fte)": "12",
    "Klein (5–100 fte)": "124",
    "Vrijgevestigd (< 5 fte)": "69",
    "Totaal": "205",
}
XSS = "<script>alert('xss')</script> & <b>Vet</b> Zorg B.V."


def unescaped(text: str) -> str:
    """Markdown as a reader sees it: the page escapes punctuation from the data."""
    return text.replace("\\", "")


def subheaders(app) -> list[str]:
    return [shown(element.value) for element in app.subheader]


def table(app, first_column: str, column: str | None = None):
    """The HTML table whose first (index) column has this name (and that has ``column``)."""
    found = [
        t
        for t in shown_tables(app)
        if t.index.name == first_column and (column is None or column in t.columns)
    ]
    assert len(found) == 1, [t.index.name for t in shown_tables(app)]
    return found[0]


def test_regio_alkmaar_shows_the_providers_slide_and_what_it_counts(open_page):
    app = open_page(PAGE, regio="regio-alkmaar")
    assert app.title[0].value == "Aanbieders"
    assert metrics(app) == NORA_FIGURES
    text = unescaped(texts(app))
    assert (
        "In 2024 had Regio Alkmaar 205 aanbieders voor jeugdhulp gecontracteerd: 167 ambulant "
        "en 38 met verblijf" in text
    )
    assert "Combinatie: aanbieders met beide percelen (ambulant én verblijf)." in text
    assert "Volgens de bron tellen deze getallen aanbieders." in text
    # The published inconsistency is shown, not hidden.
    assert "205 aanbieders, maar 26 hebben beide percelen." in text
    assert "ongeveer 205 − 26 = 179 verschillende aanbieders" in text
    assert "Tabel 'Jeugdhulp 2024'" not in text  # notes go in the help text, not in the body
    help_texts = {shown(m.label): shown(m.help) for m in app.metric}
    assert help_texts["Totaal"].startswith("Telt: aanbieders. Dia: 'TOTAAL 205'.")


def test_regio_alkmaar_sublots_sizes_years_and_wmo(open_page):
    app = open_page(PAGE, regio="regio-alkmaar")
    assert subheaders(app)[1:] == [
        "Ambulant: aanbieders per deelperceel",
        "Verblijf: aanbieders per deelperceel",
        "Aanbieders naar grootteklasse",
        "Aantal aanbieders per jaar",
        "Jeugdhulp en Wmo naast elkaar",
    ]
    sublots = [t for t in shown_tables(app) if t.index.name == "Deelperceel"]
    assert sublots[0]["Aantal aanbieders"].to_dict() == {
        "Herstelgericht": "131",
        "Ondersteuningsgericht": "104",
        "Consultatie": "86",
        "Dyslexie": "9",
        "Crisisopvang": "3",
    }
    assert sublots[1]["Aantal aanbieders"].to_dict()["Klinische jeugd GGZ (gesloten)"] == "1"
    assert table(app, "Jaar")["Aantal"].to_dict() == {"2023": "188", "2024": "205"}
    assert table(app, "Domein")["Aantal"].to_dict() == {
        "Jeugdhulp (2024)": "205",
        "Wmo (2023)": "127",
    }
    text = unescaped(texts(app))
    assert "Samen 333 deelpercelen bij 167 aanbieders ambulant" in text
    assert "Deze regio heeft geen aanbiedersregister" in text


def test_the_year_in_the_link_opens_2023_with_only_its_total(open_page):
    app = open_page(PAGE, regio="regio-alkmaar", peiljaar="2023")
    assert metrics(app) == {"Totaal": "188"}
    text = unescaped(texts(app))
    assert "de bron geeft geen verdeling over percelen of grootte" in text
    assert "De gegevens geven voor 2023 geen aantallen per deelperceel." in text
    assert "De gegevens geven voor 2023 geen verdeling naar grootteklasse." in text


def test_lot_and_sublot_filters_in_the_link_narrow_the_sublot_charts(open_page):
    app = open_page(PAGE, regio="regio-alkmaar", perceel="verblijf", deelperceel="Crisisopvang")
    assert "Ambulant: aanbieders per deelperceel" not in subheaders(app)
    assert table(app, "Deelperceel")["Aantal aanbieders"].to_dict() == {"Crisisopvang": "17"}
    assert metrics(app) == NORA_FIGURES  # the key figures stay those of the whole market


def test_an_unknown_lot_in_the_link_falls_back_with_a_notice(open_page):
    app = open_page(PAGE, tables=False, regio="regio-alkmaar", perceel="<b>onzin</b>")
    notices = [shown(element.value) for element in app.info]
    assert (
        "De keuze voor het perceel in de link bestaat niet in deze gegevens; "
        "u ziet nu Alle percelen." in notices
    )
    assert "onzin" not in texts(app)


def test_regions_without_provider_figures_say_so_plainly(open_page):
    for regio, name in (
        ("zuid-holland-zuid", "Zuid-Holland Zuid"),
        ("duin-en-bollenstreek", "Duin- en Bollenstreek"),
    ):
        app = open_page(PAGE, regio=regio)
        assert app.title[0].value == "Aanbieders"
        assert metrics(app) == {}
        text = unescaped(texts(app))
        assert f"{name}: de documenten geven geen aantallen aanbieders." in text
        assert "De documenten van deze regio geven geen aantallen aanbieders" in text
        assert not app.error


def test_the_example_register_is_named_fictitious_and_shows_every_register_view(open_page):
    app = open_page(PAGE, regio="voorbeeldregio")
    warnings = [shown(element.value) for element in app.warning]
    assert any(w.startswith("Fictieve voorbeeldregio: alle aanbieders") for w in warnings)
    assert any(w.startswith("Dit zijn FICTIEVE aanbieders") for w in warnings)
    assert all(label.endswith("(illustratief)") for label in metrics(app))
    assert {
        "Perceel en grootte",
        "Hoeveel aanbieders per deelperceel?",
        "Nieuw en gestopt: 2023 → 2024",
        "Zoek een aanbieder",
    } <= set(subheaders(app))
    matrix = table(app, "Perceel")
    assert list(matrix.index) == [
        "Alleen ambulant",
        "Alleen verblijf",
        "Beide percelen (combinatie)",
        "Totaal",
    ]
    total = matrix.loc["Totaal", "Totaal"]
    assert metrics(app)["Totaal (illustratief)"] == total
    flag = "Kwetsbaar (3 of minder aanbieders)"
    risk = table(app, "Deelperceel", flag)
    assert set(risk[flag]) == {"ja", "nee"}
    assert all(
        (int(n) <= 3) == (f == "ja")
        for n, f in zip(risk["Aantal aanbieders"], risk[flag], strict=True)
    )
    assert risk.loc["Klinische jeugd GGZ (gesloten)", flag] == "ja"
    providers = table(app, "Aanbieder", "Percelen")
    # The table is HTML: the name is escaped there, so the reader sees it exactly as given
    # and no tag in it reaches the page.
    assert XSS in providers.index
    assert len(providers) == 25  # a page at a time
    tables = [e.value for e in app.html if "Zorg B.V." in e.value]
    assert tables and all("<script>" not in html for html in tables)
    assert any("&lt;script&gt;alert(" in html for html in tables)


def test_the_provider_list_pages_through_every_provider(open_page):
    app = open_page(PAGE, regio="voorbeeldregio")
    total = int(metrics(app)["Totaal (illustratief)"])
    seen: list[str] = []
    for first in range(1, total + 1, 25):
        last = min(first + 24, total)
        assert f"Rij {first}–{last} van {total}. De downloads bevatten alle rijen." in texts(app)
        seen += list(table(app, "Aanbieder", "Percelen").index)
        forward = app.button(key="aanb_lijst_pagina_volgende")
        assert forward.disabled == (last == total)
        if last < total:
            app = forward.click().run()
    assert len(seen) == len(set(seen)) == total
    app = app.button(key="aanb_lijst_pagina_vorige").click().run()
    assert f"Rij 26–50 van {total}." in texts(app)


def test_search_and_size_in_the_link_filter_the_provider_table(open_page):
    app = open_page(PAGE, regio="voorbeeldregio", naam="vet")
    assert list(table(app, "Aanbieder", "Percelen").index) == [XSS]
    assert app.text_input[0].value == "vet"
    app = open_page(PAGE, regio="voorbeeldregio", grootte="groot")
    sizes = set(table(app, "Aanbieder", "Percelen")["Grootteklasse"])
    assert sizes == {"Grote instelling (> 100 fte)"}
    assert "van de 53 aanbieders voldoen aan de keuze" in unescaped(texts(app))
