"""Small numbers of youths are never shown, also not by subtraction (pure).

Youth-care use is health data. A table the dashboard shows or lets download hides every
cell of 1 to 4 youths (:data:`SMALLEST_SHOWN` = 5, the rule CBS applies to youth-care
statistics) together with the other figures of that cell (its amount, volume and
trajectories: the spend on three children says something about those three). That is the
primary suppression.

A hidden cell could still be worked out from what is shown: a total minus the other cells.
So wherever a table shows the cells of a total, a group whose hidden cells could be worked
out (one hidden cell, or hidden cells that together hold fewer than 5) hides the smallest
other cells too (secondary suppression, in the manner of CBS's 'secundaire
geheimhouding'). A total that is itself under 5 is hidden too. Zero is shown: it says
nothing about a person.

The hidden cells hold None and flag columns; :func:`shown` writes them for people
(tables, downloads, slides): a count under 5 as "< 5", a cell hidden to protect another
one and the other figures of a hidden cell as "afgeschermd".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from components.data.vocabulary import SMALLEST_SHOWN

HIDDEN = f"< {SMALLEST_SHOWN}"
#: The other figures of a hidden cell (its amount, volume): not "< 5", which would read as
#: an amount under five euro.
MASKED = "afgeschermd"
#: The flag columns a suppressed frame carries: the cell is hidden; it is under 5 itself
#: (hidden for its own sake, not to protect another cell).
FLAG = "_verborgen"
SMALL = "_klein"


def suppress(
    frame: pl.DataFrame,
    count: str,
    measures: Sequence[str] = (),
    *,
    totals_over: Sequence[Sequence[str]] = (),
    least: str | None = None,
) -> pl.DataFrame:
    """``frame`` with every cell of fewer than 5 youths hidden (``count`` and ``measures``
    set to None, :data:`FLAG` True).

    ``totals_over``: for every total that is shown (on this page or another one), the
    columns that group the cells into it: ``[[]]`` is one total over all rows,
    ``[["productcategorie"], ["gemeente"]]`` the region's total per category and each
    municipality's total. In each group the smallest other cells are hidden too where the
    total minus what is shown would give a hidden cell, or fewer than 5 youths together;
    this repeats over the groupings until nothing changes (a cell hidden for one total
    can make another total need one more). "Smallest" is by ``count``, or by ``least``
    where another column says what a reader loses (a provider's spend: hiding the
    provider with the fewest youths can hide a third of the money).
    """
    small = pl.col(count).is_not_null() & (pl.col(count) > 0) & (pl.col(count) < SMALLEST_SHOWN)
    flagged = frame.with_columns(
        small.fill_null(False).alias(FLAG), small.fill_null(False).alias(SMALL)
    )
    while totals_over and flagged.height:
        before = flagged[FLAG].sum()
        for groups in totals_over:
            flagged = _secondary(flagged, count, list(groups), least or count)
        if flagged[FLAG].sum() == before:
            break
    hide = [
        pl.when(pl.col(FLAG)).then(None).otherwise(pl.col(c)).alias(c) for c in (count, *measures)
    ]
    return flagged.with_columns(hide)


def _secondary(frame: pl.DataFrame, count: str, groups: list[str], least: str) -> pl.DataFrame:
    """In every group whose hidden cells could be worked out from its total (one hidden
    cell, or hidden cells that together are under 5), hide the shown cells smallest in
    ``least`` too, until at least two are hidden and together they hold at least 5 (or
    all are hidden)."""
    hidden = frame[FLAG].to_list()
    counts = frame[count].to_list()
    sizes = frame[least].to_list()
    keys = frame.select(groups).rows() if groups else [()] * frame.height
    members: dict[tuple, list[int]] = {}
    for index, key in enumerate(keys):
        members.setdefault(key, []).append(index)
    for rows in members.values():
        if not any(hidden[i] for i in rows):
            continue
        shown_rows = sorted(
            (i for i in rows if not hidden[i] and counts[i]), key=lambda i: sizes[i] or 0
        )
        while shown_rows:
            secret = [counts[i] or 0 for i in rows if hidden[i]]
            if len(secret) >= 2 and sum(secret) >= SMALLEST_SHOWN:
                break
            hidden[shown_rows.pop(0)] = True
    return frame.with_columns(pl.Series(FLAG, hidden, dtype=pl.Boolean))


def shown(
    frame: pl.DataFrame, formats: Mapping[str, Callable[[float], str]], count: str
) -> pl.DataFrame:
    """For a table or download: every column of ``formats`` as text in its Dutch format.
    A cell under 5 reads "< 5"; a cell hidden to protect another one, and the other figures
    of any hidden cell, read "afgeschermd" (a "< 5" there would be untrue). The flag
    columns are dropped."""
    if FLAG not in frame.columns:
        return frame

    def text(row: dict, column: str, format_: Callable[[float], str]) -> str:
        if row[FLAG]:
            return HIDDEN if column == count and row[SMALL] else MASKED
        return "" if row[column] is None else format_(row[column])

    cells = [
        pl.struct(FLAG, SMALL, column)
        .map_elements(lambda row, c=column, f=format_: text(row, c, f), return_dtype=pl.String)
        .alias(column)
        for column, format_ in formats.items()
    ]
    return frame.with_columns(cells).drop(FLAG, SMALL)


@dataclass(frozen=True)
class Table:
    """Counts that a page shows, as groups of the export's finest cells: the columns that
    group them (``by``; empty: one count over all cells) and per group its :data:`FLAG`
    and :data:`SMALL` (a group the table does not list is not shown)."""

    by: tuple[str, ...]
    counts: pl.DataFrame


def given_away(fine: pl.DataFrame, tables: Sequence[Table]) -> list[tuple[tuple[str, ...], tuple]]:
    """The counts under 5 that the shown counts of all ``tables`` together give exactly.

    Each table hides its small cells and protects them against its own totals
    (:func:`suppress`). Tables that divide the same youths differently (per product
    category, per quadrant) could together give one away: a count is given away when it
    is a sum and difference of shown counts, that is, when its row over ``fine`` (the
    finest cells, one row each) lies in the row space of the shown counts' rows. Returns
    (``by``, key) per count given away; empty when the tables are safe together.
    """
    cells = fine.with_row_index("_cel")
    shown: list[np.ndarray] = []
    small: list[tuple[tuple[str, ...], tuple, np.ndarray]] = []
    for table in tables:
        by = list(table.by)
        if by:
            listed = (
                cells.group_by(by)
                .agg(pl.col("_cel"))
                .join(table.counts.select(*by, FLAG, SMALL), on=by, how="inner")
            )
        else:
            flags = table.counts.select(FLAG, SMALL).row(0, named=True)
            listed = cells.select(pl.col("_cel").implode()).with_columns(
                pl.lit(flags[FLAG]).alias(FLAG), pl.lit(flags[SMALL]).alias(SMALL)
            )
        for row in listed.iter_rows(named=True):
            members = np.zeros(cells.height)
            members[row["_cel"]] = 1.0
            if not row[FLAG]:
                shown.append(members)
            elif row[SMALL]:
                small.append((table.by, tuple(row[c] for c in by), members))
    if not small or not shown:
        return []
    matrix = np.array(shown)
    _, values, rows = np.linalg.svd(matrix, full_matrices=False)
    # The rank as numpy's matrix_rank counts it, from the same decomposition.
    rank = int((values > values.max() * max(matrix.shape) * np.finfo(float).eps).sum())
    basis = rows[:rank]
    return [
        (by, key)
        for by, key, members in small
        if np.allclose(members - basis.T @ (basis @ members), 0, atol=1e-9)
    ]
