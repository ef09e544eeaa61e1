"""The overview's headline says each figure in the tense of its year."""

from __future__ import annotations

import datetime as dt

import polars as pl

from components.overview import model

REGIO = {"organisatie": "Samenwerking Test", "aantal_gemeenten": 3}


def _figures(*rows: tuple[str, float, str, int | None, dt.date | None]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {"kengetal": k, "label": k, "waarde": v, "eenheid": u, "kwalificatie": None,
             "jaar": j, "peildatum": p, "status": "gepubliceerd", "notitie": None}
            for k, v, u, j, p in rows
        ]
    )  # fmt: skip


def test_figures_of_an_earlier_year_are_in_the_past_tense():
    figures = _figures(
        ("omzet_jeugd", 35e6, "euro", None, dt.date(2023, 12, 6)),
        ("aanbieders_jeugd", 120, "aantal", 2024, dt.date(2023, 12, 6)),
    )
    assert model.overview_takeaway(REGIO, figures, dt.date(2026, 12, 4)) == (
        "Jeugdhulp voor 3 gemeenten, ingekocht door Samenwerking Test; in 2023 was dat "
        "€ 35 mln per jaar; in 2024 waren er 120 jeugdhulpaanbieders."
    )
    assert model.overview_takeaway(REGIO, figures, dt.date(2024, 3, 1)) == (
        "Jeugdhulp voor 3 gemeenten, ingekocht door Samenwerking Test; in 2023 was dat "
        "€ 35 mln per jaar; in 2024 zijn er 120 jeugdhulpaanbieders."
    )
    assert model.overview_takeaway(REGIO, figures.head(0), dt.date(2024, 3, 1)) == (
        "Jeugdhulp voor 3 gemeenten, ingekocht door Samenwerking Test."
    )


def test_a_figure_without_a_date_gets_no_invented_year():
    figures = _figures(("omzet_jeugd", 35e6, "euro", None, None))
    assert model.overview_takeaway(REGIO, figures, dt.date(2026, 12, 4)) == (
        "Jeugdhulp voor 3 gemeenten, ingekocht door Samenwerking Test; volgens de bron "
        "(zonder datum) is dat € 35 mln per jaar."
    )
