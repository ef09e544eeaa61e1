"""The overview: the region's headline, its key figures and the questions for the room (pure).

A question card takes its answer from a key figure; when the data has no answer the card
says so instead of guessing.
"""

from __future__ import annotations

import polars as pl

from components.common.figures import Question, key_figures, rows_for

#: The region's key figures from the information evening, in the order the overview shows
#: them (the presentation's title slide takes the first six).
OVERVIEW_FIGURES = [
    "inwoners",
    "jeugdigen_in_zorg",
    "omzet_jeugd",
    "omzet_wmo",
    "aanbieders_jeugd",
    "aanbieders_wmo",
    "betaalovereenkomsten",
    "contractmanagementgesprekken",
]


def questions(vragen: pl.DataFrame, kerncijfers: pl.DataFrame) -> list[Question]:
    """The region's audience questions in presentation order, answered from key figures."""
    cards = []
    for row in vragen.sort("volgorde").iter_rows(named=True):
        kengetal = row["antwoord_kengetal"]
        figure = key_figures(kerncijfers, [kengetal]) if kengetal else []
        answer_rows = rows_for(kerncijfers, [kengetal]) if figure else vragen.head(0)
        cards.append(
            Question(
                vraag_id=row["vraag_id"],
                question=row["vraag"],
                answer=f"{figure[0].value} — {figure[0].label}" if figure else None,
                explanation=row["toelichting"],
                rows=answer_rows.select("bron", "vindplaats", "peildatum", "status")
                if figure
                else vragen.filter(pl.col("vraag_id") == row["vraag_id"]).select(
                    "bron", "vindplaats", "peildatum", "status"
                ),
            )
        )
    return cards


#: The key figures the overview's headline names.
TAKEAWAY_FIGURES = ("omzet_jeugd", "aanbieders_jeugd")


def overview_takeaway(regio: dict, kerncijfers: pl.DataFrame) -> str:
    """The headline of the overview, from the region row and its key figures."""
    figures = {f.kengetal: f for f in key_figures(kerncijfers, list(TAKEAWAY_FIGURES))}
    text = f"{regio['organisatie']} koopt jeugdhulp in voor {regio['aantal_gemeenten']} gemeenten"
    if "omzet_jeugd" in figures:
        text += f": {figures['omzet_jeugd'].value} per jaar"
    if "aanbieders_jeugd" in figures:
        text += f", bij {figures['aanbieders_jeugd'].value} jeugdhulpaanbieders"
    return text + "."
