"""The overview: the region's headline, its key figures and the questions for the room (pure).

A question card takes its answer from a key figure; when the data has no answer the card
says so instead of guessing.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from components.common.figures import Question, key_figures, rows_for
from components.data.vocabulary import HEADLINE_FIGURES


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


#: The key figures the overview's headline names (documented in the extract contract).
TAKEAWAY_FIGURES = tuple(HEADLINE_FIGURES)


def overview_takeaway(regio: dict, kerncijfers: pl.DataFrame, today: dt.date) -> str:
    """The headline of the overview, from the region row and its key figures, each said in
    the tense of its year ('in 2023 was dat € 90 mln per jaar'); a figure without a date is
    said as the source's, never given a year."""
    figures = {f.kengetal: f for f in key_figures(kerncijfers, list(TAKEAWAY_FIGURES))}
    years = {
        row["kengetal"]: row["jaar"] or (row["peildatum"].year if row["peildatum"] else None)
        for row in kerncijfers.filter(pl.col("kengetal").is_in(list(figures))).iter_rows(named=True)
    }

    def when(kengetal: str, past: str, present: str) -> str:
        year = years[kengetal]
        if year is None:
            return f"volgens de bron (zonder datum) {present}"
        return f"in {year} {past if year < today.year else present}"

    # Said so that one organisation and several municipalities working together both fit.
    text = f"Jeugdhulp voor {regio['aantal_gemeenten']} gemeenten"
    text += f", ingekocht door {regio['organisatie']}"
    parts = []
    if "omzet_jeugd" in figures:
        parts.append(
            f"{when('omzet_jeugd', 'was', 'is')} dat {figures['omzet_jeugd'].value} per jaar"
        )
    if "aanbieders_jeugd" in figures:
        count = f"{figures['aanbieders_jeugd'].value} jeugdhulpaanbieders"
        if parts and years["aanbieders_jeugd"] == years["omzet_jeugd"]:
            parts[-1] += f", bij {count}"
        else:
            parts.append(f"{when('aanbieders_jeugd', 'waren', 'zijn')} er {count}")
    return text + "".join(f"; {part}" for part in parts) + "."
