"""The Contracten page in AppTest, from app.py, on the shipped extracts.

What a visitor reads and gets: the date the page treats as today, the next decision
moment, the decision list for the chosen window, one table row per period and per
agreement, the filters from the link, and a plain message for regions without a contract
calendar. ``vanaf=kalender`` fixes "today" to the calendar's peildatum (6 December 2023),
so those tests do not depend on the day they run.
"""

from __future__ import annotations

import datetime as dt

from components.common import fmt
from components.contracts import model as contracts
from tests.pages.conftest import shown_tables, texts
from tests.reading import shown

PAGE = "contracten"


def table(app, first_column: str):
    """The HTML table whose first (index) column has this name."""
    found = [t for t in shown_tables(app) if t.index.name == first_column]
    assert len(found) == 1, [t.index.name for t in shown_tables(app)]
    return found[0]


def table_with(app, column: str):
    """The HTML table that has this column."""
    found = [t for t in shown_tables(app) if column in t.columns]
    assert len(found) == 1, [list(t.columns) for t in shown_tables(app)]
    return found[0]


def subheaders(app) -> list[str]:
    return [shown(element.value) for element in app.subheader]


def test_alkmaar_as_of_the_calendars_peildatum(open_page):
    app = open_page(PAGE, regio="regio-alkmaar", vanaf="kalender")
    assert app.title[0].value == "Contracten"
    text = texts(app)
    assert (
        "Het eerstvolgende beslismoment is 31 december 2024 (Begeleiding, Beschermd thuis, "
        "Beschermd wonen, Hulpmiddelen en RET (regionaal expertteam)): optie gebruiken "
        "(verlengen) of opnieuw inkopen."
    ) in text
    assert "Deze pagina rekent met **6 december 2023** als vandaag." in text
    assert "Beslismomenten in de komende 24 maanden" in subheaders(app)
    assert "**31 december 2024** — Begeleiding (Wmo)" in text
    # Gedwongen kader ends 31 December 2025: more than 24 months after 6 December 2023.
    assert "**31 december 2025** — Gedwongen kader" not in text


def test_one_table_row_per_period_and_per_agreement(open_page):
    app = open_page(PAGE, regio="regio-alkmaar", vanaf="kalender")
    per_period = table_with(app, "Zoals in de bron")
    assert len(per_period) == 49
    crisis = per_period.loc["Crisisdienst"]
    assert (
        crisis["Zoals in de bron"].tolist()[-1] == "Miv 2024 ondergebracht bij GGDHN (Veilig Thuis)"
    )
    assert crisis["Soort"].tolist()[-1] == "Overgedragen aan een andere organisatie"
    assert crisis["Einde"].tolist()[-1] == "–"
    per_agreement = table_with(app, "Beslismoment")
    assert len(per_agreement) == 13
    ambulant = per_agreement.loc["Ambulante jeugdhulp"]
    assert ambulant["Huidige einddatum"] == "31 december 2030"
    assert ambulant["Uiterste einddatum (alle opties gebruikt)"] == "31 december 2034"
    assert ambulant["Beslismoment"] == "31 december 2030"
    assert per_agreement.loc["Regiotaxi"]["Wat moet er besloten worden"].startswith(
        "Inkooptraject loopt (sinds april 2025)"
    )


def test_by_default_today_is_the_real_date(open_page):
    app = open_page(PAGE, regio="regio-alkmaar")
    assert f"Deze pagina rekent met **{fmt.date(dt.date.today())}** als vandaag." in texts(app)


def test_filters_from_the_link(open_page):
    app = open_page(
        PAGE, regio="regio-alkmaar", wet="wmo", periodes="optie", vanaf="kalender", venster="60"
    )
    per_period = table_with(app, "Zoals in de bron")
    assert set(per_period["Wet"]) == {"Wmo"}
    assert set(per_period["Soort"]) == {"Optie tot verlenging"}
    assert len(per_period) == 6  # four one-year options and two for pupil transport
    per_agreement = table_with(app, "Beslismoment")
    assert list(per_agreement.index) == [
        "Begeleiding",
        "Beschermd thuis",
        "Beschermd wonen",
        "Hulpmiddelen",
        "Regiotaxi",
        "Leerlingenvervoer",
    ]
    assert "Beslismomenten in de komende 60 maanden" in subheaders(app)
    text = texts(app)
    assert "**31 juli 2026** — Leerlingenvervoer (Wmo): optie gebruiken" in text
    assert "**31 juli 2027** — Leerlingenvervoer (Wmo): volgende optie gebruiken" in text
    assert "Ambulante jeugdhulp (Jeugdhulp)" not in text


def test_changing_a_filter_changes_the_tables(open_page):
    app = open_page(PAGE, regio="regio-alkmaar", vanaf="kalender")
    app.selectbox(key="wet").select("jeugd").run()
    assert not app.exception
    per_agreement = table_with(app, "Beslismoment")
    assert set(per_agreement["Wet"]) == {"Jeugdhulp"}
    assert len(per_agreement) == 7


def test_filters_that_leave_no_period_say_so(open_page):
    app = open_page(PAGE, regio="regio-alkmaar", wet="wmo", periodes="overdracht")
    assert "Met deze filters blijven er geen perioden over; kies minder filters." in texts(app)


def test_an_unknown_value_in_the_link_gives_a_notice(open_page):
    app = open_page(PAGE, tables=False, regio="regio-alkmaar", wet="onzin")
    notices = [shown(element.value) for element in app.info]
    assert any("De wet in de link bestaat niet in deze gegevens" in n for n in notices)


def test_regions_without_a_calendar_say_so(open_page):
    for regio in ("zuid-holland-zuid", "duin-en-bollenstreek"):
        app = open_page(PAGE, regio=regio)
        assert app.title[0].value == "Contracten"
        assert contracts.NOT_COVERED in [shown(element.value) for element in app.info], regio
        if regio == "zuid-holland-zuid":
            durations = table(app, "Segment")
            assert durations.loc["Segment 1 – Hoog specialistisch"]["Contractduur"] == "4 – 6 jaar"
        if regio == "duin-en-bollenstreek":
            assert "Wat wel bekend is: fasen en mijlpalen" in subheaders(app)


def test_the_law_is_a_choice_only_where_the_calendar_has_both_laws(open_page):
    """Alkmaar buys youth care and Wmo support; the example region youth care only, where
    'Jeugd en Wmo' would suggest Wmo agreements that are not there."""
    both = open_page(PAGE, regio="regio-alkmaar")
    assert [box.label for box in both.selectbox][:1] == ["Wet"]
    one = open_page(PAGE, regio="voorbeeldregio")
    assert not one.exception
    labels = [box.label for box in one.selectbox] + [box.label for box in one.multiselect]
    assert "Wet" not in labels and "Soort periode" in labels
    assert set(table_with(one, "Beslismoment")["Wet"]) == {"Jeugdhulp"}
