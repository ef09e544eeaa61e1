"""Source notes: where a figure comes from, its reference date and its status (pure).

Every chart and key-figure row on screen gets a note built here from the extract rows it
shows, so the note can never drift from the data. Provisional and illustrative figures
are named in capitals, because a council member must not mistake them for final figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from components.common import fmt

PROVENANCE_COLUMNS = ("bron", "vindplaats", "peildatum", "status")


def stack(*frames: pl.DataFrame) -> pl.DataFrame:
    """The provenance columns of several extracts stacked, for one source note."""
    parts = [f.select(PROVENANCE_COLUMNS) for f in frames if f.height]
    if not parts:
        return frames[0].select(PROVENANCE_COLUMNS).head(0)
    return pl.concat(parts)


@dataclass(frozen=True)
class SourceNote:
    """What is shown under a chart: one line per source, plus warnings about the status."""

    lines: tuple[str, ...]
    warnings: tuple[str, ...]

    def text(self) -> str:
        """The whole note as plain text (also used in downloads and decks)."""
        return "\n".join((*self.warnings, *self.lines))


def _document(bron: str, bronnen: pl.DataFrame) -> str:
    match = bronnen.filter(pl.col("bron") == bron)
    if match.is_empty():
        return bron
    row = match.row(0, named=True)
    when = f", {fmt.date(row['datum'])}" if row.get("datum") else ""
    return f"{row['titel']} ({row['organisatie']}{when})"


def source_note(rows: pl.DataFrame, bronnen: pl.DataFrame) -> SourceNote:
    """Summarise the provenance of ``rows`` (which carry bron/vindplaats/peildatum/status)."""
    if rows.is_empty():
        return SourceNote(lines=(), warnings=())
    groups = (
        rows.select(PROVENANCE_COLUMNS)
        .unique()
        .group_by("bron", "peildatum", "status", maintain_order=False)
        .agg(pl.col("vindplaats").unique().sort())
        .sort("bron", "peildatum", "status", nulls_last=True)
    )
    lines = []
    for row in groups.iter_rows(named=True):
        places = "; ".join(row["vindplaats"])
        lines.append(
            f"Bron: {_document(row['bron'], bronnen)}, {places}. "
            f"Peildatum: {fmt.peildatum(row['peildatum'])}. Status: {fmt.status(row['status'])}."
        )
    statuses = set(rows["status"].to_list())
    warnings = []
    if "illustratief" in statuses:
        warnings.append(
            "Let op: ILLUSTRATIEF. Dit zijn geen echte cijfers van de regio, "
            "maar een reconstructie of voorbeeld (zie de toelichting)."
        )
    if "voorlopig" in statuses:
        warnings.append("Let op: bevat VOORLOPIGE cijfers; die kunnen nog veranderen.")
    return SourceNote(lines=tuple(lines), warnings=tuple(warnings))
