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
            value=" ".join(filter(None, (row["kwalificatie"], fmt.date(row["datum"]))))
            if row["eenheid"] == "datum"
            else fmt.figure(row["waarde"], row["eenheid"], row["kwalificatie"]),
            status=row["status"],
            note=row["notitie"],
        )
        for kengetal in ids
        if (row := by_id.get(kengetal)) is not None
    ]


def placed(kerncijfers: pl.DataFrame, place: str) -> list[str]:
    """The ids of the key figures the region puts on ``place`` (``toon_op``), in its order."""
    chosen = kerncijfers.filter(pl.col("toon_op") == place).sort("volgorde", "kengetal")
    return chosen["kengetal"].to_list()


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
