"""Presentation mode run from app.py (AppTest): every slide of every region shows its
headline, its source and what the region's data does not cover, never a traceback.

Charts are unknown elements to AppTest; they are checked in tests/test_slides.py (values)
and tests/browser/test_presentation.py (drawn, font sizes, keyboard).
"""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from components import site
from components.data import extracts
from components.outputs import slides
from tests.pages.conftest import metrics, shown_tables, texts
from tests.reading import shown

REGIONS = tuple(extracts.list_regions())


def shown_headline(app) -> str:
    """The slide's headline as the reader sees it (markdown escapes removed, a no-break
    space as a space)."""
    return shown(app.title[0].value)


def plain(text: str) -> str:
    return text.replace("\\", "")


def present(open_page, page: str, step: str, regio: str):
    """Open a slide as its link does. AppTest first runs the overview, which corrects an
    impossible ``stap`` in the link, so the step is set again once on the page."""
    app = open_page(page or None, modus="presentatie", stap=step, regio=regio)
    if page:
        app.query_params["stap"] = step
        app.run()
    return app


@pytest.mark.parametrize("regio", REGIONS)
def test_every_slide_of_every_page_shows_its_message(open_page, regio):
    frames = slides.load_frames(regio)
    for page in site.PRESENTED:
        deck = slides.slides_of(page, frames, dt.date.today())
        for step, slide in enumerate(deck, start=1):
            where = f"{regio} /{page.path} dia {step}"
            app = present(open_page, page.path, str(step), regio)
            assert not app.exception, where
            assert shown_headline(app) == slide.headline, where
            text = plain(texts(app))
            assert f"{slide.title} · dia {step} van {len(deck)}" in text, where
            if slide.brief:
                assert slide.brief.split("\n")[-1] in text, where
            if slide.not_covered:
                assert slide.not_covered in text, where
            if slide.warning:
                assert slide.warning in text, where
            for figure in slides.key_figure_grid(slide)[0]:
                assert metrics(app)[slides.figure_label(slide, figure)] == figure.value, where


def test_an_impossible_step_shows_the_nearest_slide_and_fixes_the_link(open_page):
    app = present(open_page, "aanbieders", "99", "regio-alkmaar")
    deck = slides.slides_of(site.page("aanbieders"), slides.load_frames("regio-alkmaar"))
    assert shown_headline(app) == deck[-1].headline
    assert app.query_params["stap"] == str(len(deck))
    app = present(open_page, "aanbieders", "drie", "regio-alkmaar")
    assert shown_headline(app) == deck[0].headline


def test_the_sidebar_offers_the_deck_and_the_handout(open_page):
    app = open_page(regio="regio-alkmaar")
    labels = [b.label for b in app.sidebar.get("download_button")]
    assert labels == ["Download presentatie (PowerPoint)", "Download handout"]


def test_a_table_slide_shows_its_table_in_dutch():
    """No shipped slide has a table without a chart or key figures; a region's could."""

    def script():
        import polars as pl

        from components.common.sections import Chart
        from components.outputs import slides
        from components.web import presentation

        table = pl.DataFrame({"Overeenkomst": ["Zorg <b>& Co</b>"], "Contracten": [1234]})
        presentation._render_slide(
            slides.Slide("contracten", "Contracten", "Kop", Chart(table=table)),
            "Contracten · dia 1 van 1",
        )

    app = AppTest.from_function(script).run()
    assert not app.exception
    (table,) = shown_tables(app)
    assert table.loc["Zorg <b>& Co</b>", "Contracten"] == "1.234"
