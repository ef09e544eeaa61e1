"""Small numbers of youths are never shown, also not by subtraction (pure).

Youth-care use is health data. A table the dashboard shows or lets download hides every
cell of 1 to 4 youths (:data:`SMALLEST_SHOWN` = 5, the rule CBS applies to youth-care
statistics) together with the other figures of that cell (its amount, volume and
trajectories: the spend on three children says something about those three). That is the
primary suppression.

A hidden cell could still be worked out from what is shown: a total minus the other cells.
A reader who knows this rule knows more: a "< 5" holds 1 to 4, a cell hidden to protect
another one at least 5 (else it would be "< 5" itself). Two cells "< 5" beside a total that
leaves 8 are both 4; a "< 5" and an "afgeschermd" that leave 6 are 1 and 5. So wherever a
table shows the cells of a total, a group in which those bounds and the total narrow a
hidden count (a "< 5" to less than 1 to 4, another hidden cell to one value) hides its
smallest other cells too until none is narrowed (secondary suppression, in the manner of
CBS's 'secundaire geheimhouding'). Hiding more never shows more, so what one table hides
keeps protecting what others check against it (:func:`given_away`). A total that is itself
under 5 is hidden too. Zero is shown: it says nothing about a person.

The hidden cells hold None and flag columns; :func:`shown` writes them for people
(tables, downloads, slides): a count under 5 as "< 5", a cell hidden to protect another
one and the other figures of a hidden cell as "afgeschermd".
"""

from __future__ import annotations

import math
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
    return masked(flagged, [count, *measures])


def masked(frame: pl.DataFrame, columns: Sequence[str]) -> pl.DataFrame:
    """``frame`` with ``columns`` emptied (None) in the rows :data:`FLAG` hides."""
    return frame.with_columns(
        pl.when(pl.col(FLAG)).then(None).otherwise(pl.col(c)).alias(c) for c in columns
    )


def _secondary(frame: pl.DataFrame, count: str, groups: list[str], least: str) -> pl.DataFrame:
    """In every group whose total and hidden cells narrow a hidden count (:func:`narrowed`),
    hide the shown cells smallest in ``least`` too, until none is narrowed (or all are
    hidden)."""
    hidden = frame[FLAG].to_list()
    small = frame[SMALL].to_list()
    counts = [n or 0 for n in frame[count].to_list()]
    sizes = frame[least].to_list()
    keys = frame.select(groups).rows() if groups else [()] * frame.height
    members: dict[tuple, list[int]] = {}
    for index, key in enumerate(keys):
        members.setdefault(key, []).append(index)
    for rows in members.values():
        secret = [(counts[i], small[i]) for i in rows if hidden[i]]
        if not secret:
            continue
        shown_rows = sorted(
            (i for i in rows if not hidden[i] and counts[i]), key=lambda i: sizes[i] or 0
        )
        while shown_rows and narrowed(secret):
            pick = shown_rows.pop(0)
            hidden[pick] = True
            secret.append((counts[pick], small[pick]))
    return frame.with_columns(pl.Series(FLAG, hidden, dtype=pl.Boolean))


def narrowed(secret: Sequence[tuple[int, bool]]) -> bool:
    """Whether a reader narrows a hidden count of a group from its total: ``secret`` holds
    the group's hidden cells as (count, under 5), and the reader knows what they add up to
    and that a "< 5" holds 1 to 4 and another hidden cell at least 5. True when a "< 5"
    can be told apart from any other 1 to 4, or another hidden cell is pinned to one value.

    >>> narrowed([(4, True), (4, True)])  # together 8: both are 4
    True
    >>> narrowed([(1, True), (5, False)])  # together 6: 1 and 5
    True
    >>> narrowed([(1, True), (8, False)])  # together 9: 1 to 4 and 5 to 8
    False
    """
    total = sum(n for n, _ in secret)
    lows = sum(1 if under else SMALLEST_SHOWN for _, under in secret)
    unbounded = sum(not under for _, under in secret)
    highs = sum(SMALLEST_SHOWN - 1 for _, under in secret if under)
    for _, under in secret:
        low, high = (1, SMALLEST_SHOWN - 1) if under else (SMALLEST_SHOWN, math.inf)
        others_high = math.inf if unbounded - (not under) else highs - (high if under else 0)
        least = max(low, total - others_high)
        most = min(high, total - (lows - low))
        if (least > low or most < high) if under else least >= most:
            return True
    return False


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


def numbers_or_shown(
    frame: pl.DataFrame, formats: Mapping[str, Callable[[float], str]], count: str
) -> pl.DataFrame:
    """For a table whose amounts a spreadsheet should add up: the numbers as they are where
    no cell is hidden, else every column of ``formats`` as text (:func:`shown`): a column is
    all numbers or all text. The flag columns are dropped."""
    if frame[FLAG].any():
        return shown(frame, formats, count)
    return frame.drop(FLAG, SMALL)


@dataclass(frozen=True)
class Table:
    """Counts that a page shows, as groups of the export's finest cells: the columns that
    group them (``by``; empty: one count over all cells) and per group its :data:`FLAG`
    and :data:`SMALL` (a group the table does not list is not shown)."""

    by: tuple[str, ...]
    counts: pl.DataFrame


def _listed(cells: pl.DataFrame, table: Table) -> list[tuple[tuple, list[int], bool, bool]]:
    """Per count ``table`` lists: its key, the finest cells it sums (``_cel`` of
    ``cells``), whether it is hidden and whether it is under 5."""
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
    return [
        (tuple(row[c] for c in by), row["_cel"], row[FLAG], row[SMALL])
        for row in listed.iter_rows(named=True)
    ]


def _rows(cells: pl.DataFrame, tables: Sequence[Table]) -> tuple[list[np.ndarray], list]:
    """The rows over ``cells`` of the shown counts of ``tables``, and (``by``, key, row) of
    the hidden counts under 5."""
    shown: list[np.ndarray] = []
    small: list[tuple[tuple[str, ...], tuple, np.ndarray]] = []
    for table in tables:
        for key, members, hidden, under in _listed(cells, table):
            row = np.zeros(cells.height)
            row[members] = 1.0
            if not hidden:
                shown.append(row)
            elif under:
                small.append((table.by, key, row))
    return shown, small


def _basis(rows: list[np.ndarray]) -> np.ndarray:
    """An orthonormal basis (as rows) of the space the ``rows`` span."""
    if not rows:
        return np.zeros((0, 0))
    matrix = np.array(rows)
    _, values, vectors = np.linalg.svd(matrix, full_matrices=False)
    # The rank as numpy's matrix_rank counts it, from the same decomposition.
    rank = int((values > values.max() * max(matrix.shape) * np.finfo(float).eps).sum())
    return vectors[:rank]


def given_away(fine: pl.DataFrame, tables: Sequence[Table]) -> list[tuple[tuple[str, ...], tuple]]:
    """The counts under 5 that the shown counts of all ``tables`` together give exactly.

    Each table hides its small cells and protects them against its own totals
    (:func:`suppress`). Tables that divide the same youths differently (per product
    category, per quadrant) could together give one away: a count is given away when it
    is a sum and difference of shown counts, that is, when its row over ``fine`` (the
    finest cells, one row each) lies in the row space of the shown counts' rows. Returns
    (``by``, key) per count given away; empty when the tables are safe together.
    """
    shown, small = _rows(fine.with_row_index("_cel"), tables)
    if not small or not shown:
        return []
    basis = _basis(shown)
    return [
        (by, key)
        for by, key, members in small
        if np.allclose(members - basis.T @ (basis @ members), 0, atol=1e-9)
    ]


def given_away_linked(
    fine: pl.DataFrame, block: str, tables: Mapping[object, Sequence[Table]], links: Sequence[Table]
) -> list[tuple[tuple[str, ...], tuple]]:
    """:func:`given_away` for amounts shown per ``block`` (``tables``: per year, what the
    pages show for that year) beside ``links``: amounts that add up cells of several blocks
    (the spend in a contract term of several years). Returns (``by``, key) per amount under
    5 youths given away; a block's amounts as (``(block, *by)``, ``(year, *key)``).

    Exact, without one matrix over all years: an amount ``s`` follows when ``s - g`` lies in
    the span of the blocks' shown rows for some combination ``g`` of the shown links. The
    blocks share no cell, so that holds when, after taking away in each block what its own
    rows span (the projection ``P``), ``P s`` is a combination of the ``P g``: a least-squares
    problem with one column per link.
    """
    cells = fine.with_row_index("_cel")
    size = cells.height
    bases: list[tuple[np.ndarray, np.ndarray]] = []  # per block: its cells, its basis
    small = []
    for value, shown_tables in tables.items():
        part = cells.filter(pl.col(block) == value)
        where = part["_cel"].to_numpy()
        local = part.with_columns(pl.int_range(pl.len()).cast(pl.UInt32).alias("_cel"))
        shown, under = _rows(local, shown_tables)
        bases.append((where, _basis(shown)))
        for by, key, row in under:
            whole = np.zeros(size)
            whole[where] = row
            small.append(((block, *by), (value, *key), whole))
    linked, under = _rows(cells, links)
    small += under

    def rest(vector: np.ndarray) -> np.ndarray:
        """``vector`` without what the blocks' own shown rows span (P)."""
        out = vector.copy()
        for where, basis in bases:
            if basis.size:
                part = out[where]
                out[where] = part - basis.T @ (basis @ part)
        return out

    columns = np.array([rest(row) for row in linked]).T if linked else np.zeros((size, 0))
    found = []
    for by, key, members in small:
        target = rest(members)
        if columns.shape[1]:
            weights = np.linalg.lstsq(columns, target, rcond=None)[0]
            target = target - columns @ weights
        if np.allclose(target, 0, atol=1e-9):
            found.append((by, key))
    return found
