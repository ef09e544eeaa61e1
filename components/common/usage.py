"""Reading a region's use-and-spend export the same way on every page (pure).

Which years the export covers completely, and one source line per source for a series of
many quarters. Used by Kosten (:mod:`components.costs.realised`) and Transformatie.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

#: The view value for the whole region (all municipalities together), in the link
#: ``?gemeente=regio``; any other value is a municipality's name.
ALL = "regio"


def municipalities(*frames: pl.DataFrame) -> list[str]:
    """The municipalities with rows in any of ``frames`` (use, budget), alphabetically."""
    return sorted({m for f in frames for m in f["gemeente"].to_list()})


def of(frame: pl.DataFrame, gemeente: str) -> pl.DataFrame:
    """The rows of one municipality, or all rows for the region."""
    return frame if gemeente == ALL else frame.filter(pl.col("gemeente") == gemeente)


def suffix(gemeente: str) -> str:
    """For a download's file name: '' for the region, '-proefdorp' for a municipality."""
    return "" if gemeente == ALL else "-" + "-".join(gemeente.lower().split())


@dataclass(frozen=True)
class Coverage:
    """Which years the use data covers completely, and how far the last one goes."""

    complete: tuple[int, ...]
    last_year: int | None
    last_quarter: int | None  # None: the last year is complete


def coverage(gebruik: pl.DataFrame) -> Coverage:
    """Complete years (a row for the whole year, or all four quarters) and the last one."""
    if gebruik.is_empty():
        return Coverage((), None, None)
    per_year = gebruik.group_by("jaar").agg(
        pl.col("kwartaal").is_null().any().alias("heel"),
        pl.col("kwartaal").drop_nulls().unique().alias("kwartalen"),
    )
    complete = sorted(
        r["jaar"] for r in per_year.iter_rows(named=True) if r["heel"] or len(r["kwartalen"]) == 4
    )
    last = int(gebruik["jaar"].max())
    last_quarter = None
    if last not in complete:
        last_quarter = int(gebruik.filter(pl.col("jaar") == last)["kwartaal"].max())
    return Coverage(tuple(complete), last, last_quarter)


def provenance(*frames: pl.DataFrame) -> pl.DataFrame:
    """One provenance row per source and status, with its latest reference date: the note
    under a series of many quarters names each source once. Where an export names its
    place per quarter ('draaitabel 2022 KW1', …), the first and last place stand for all."""

    def places(column: pl.Expr) -> pl.Expr:
        first, last, count = column.first(), column.last(), column.n_unique()
        return (
            pl.when(count == 1)
            .then(first)
            .otherwise(pl.format("{} tot en met {} ({} vindplaatsen)", first, last, count))
        )

    parts = [
        f.sort("peildatum", "vindplaats")
        .group_by("bron", "status", maintain_order=True)
        .agg(places(pl.col("vindplaats")).alias("vindplaats"), pl.col("peildatum").max())
        for f in frames
        if f.height
    ]
    columns = ("bron", "vindplaats", "peildatum", "status")
    return (
        pl.concat([p.select(columns) for p in parts])
        if parts
        else frames[0].select(columns).head(0)
    )


def period_start() -> pl.Expr:
    """The first day of a use row's quarter, or of its year."""
    month = pl.when(pl.col("kwartaal").is_null()).then(1).otherwise(3 * pl.col("kwartaal") - 2)
    return pl.date(pl.col("jaar"), month, 1)


def per_year(gebruik: pl.DataFrame, by: list[str], *, volume: bool = False) -> pl.DataFrame:
    """Youths and spend per year and ``by`` (and volume, with ``volume``): spend and
    volume added up; youths added up per period and, where the source counts per quarter,
    averaged over the quarters (a youth in care all year is in every quarter's count).
    Youths are summed over whatever ``by`` leaves out: a youth with two providers counts
    twice."""
    sums = [pl.col("bedrag").sum(), *([pl.col("volume").sum()] if volume else [])]
    return (
        gebruik.group_by("jaar", "kwartaal", *by)
        .agg(pl.col("jeugdigen").sum(), *sums)
        .group_by("jaar", *by)
        .agg(pl.col("jeugdigen").mean().round(0).cast(pl.Int64), *sums)
    )
