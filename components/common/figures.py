"""Key figures and audience questions, built from extract rows (pure).

A key figure on screen is always one row of ``kerncijfers``: the label, the value in Dutch
format with the source's own qualifier ("ruim 276"), and its status. A question card
takes its answer from a key figure; when the data has no answer the card says so instead
of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from components.common import fmt

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


@dataclass(frozen=True)
class KeyFigure:
    """One large figure with its label, as ``st.metric`` shows it."""

    kengetal: str
    label: str
    value: str
    status: str
    note: str | None = None

    @property
    def display_label(self) -> str:
        """The label, with provisional or illustrative status written next to it."""
        if self.status in ("voorlopig", "illustratief"):
            return f"{self.label} ({self.status})"
        return self.label


def key_figures(kerncijfers: pl.DataFrame, ids: list[str]) -> list[KeyFigure]:
    """The key figures ``ids`` in that order; ids the region does not have are skipped."""
    by_id = {row["kengetal"]: row for row in kerncijfers.iter_rows(named=True)}
    return [
        KeyFigure(
            kengetal=kengetal,
            label=row["label"],
            value=fmt.figure(row["waarde"], row["eenheid"], row["kwalificatie"]),
            status=row["status"],
            note=row["notitie"],
        )
        for kengetal in ids
        if (row := by_id.get(kengetal)) is not None
    ]


def rows_for(kerncijfers: pl.DataFrame, ids: list[str]) -> pl.DataFrame:
    """The extract rows behind some key figures (for their source note)."""
    return kerncijfers.filter(pl.col("kengetal").is_in(ids))


@dataclass(frozen=True)
class Question:
    """A question put to the audience, with its answer when the data has one."""

    vraag_id: str
    question: str
    answer: str | None
    explanation: str | None
    rows: pl.DataFrame

    @property
    def answered(self) -> bool:
        """Whether the data holds the answer."""
        return self.answer is not None


NO_ANSWER = "Het antwoord staat niet in de gegevens van dit dashboard."


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


def overview_takeaway(regio: dict, kerncijfers: pl.DataFrame) -> str:
    """The headline of the overview, from the region row and its key figures."""
    figures = {f.kengetal: f for f in key_figures(kerncijfers, ["omzet_jeugd", "aanbieders_jeugd"])}
    text = f"{regio['organisatie']} koopt jeugdhulp in voor {regio['aantal_gemeenten']} gemeenten"
    if "omzet_jeugd" in figures:
        text += f": {figures['omzet_jeugd'].value} per jaar"
    if "aanbieders_jeugd" in figures:
        text += f", bij {figures['aanbieders_jeugd'].value} jeugdhulpaanbieders"
    return text + "."
