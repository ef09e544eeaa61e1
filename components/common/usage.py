"""Reading a region's use-and-spend export the same way on every page (pure).

Which years the export covers completely, and one source line per source for a series of
many quarters. Used by Kosten (:mod:`components.costs.realised`) and Transformatie.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from components.data import suppression

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


# --- what the pages show about youths, protected together ---------------------------------


def categories(gebruik: pl.DataFrame, codes: pl.DataFrame, year: int) -> pl.DataFrame:
    """Youths and spend per municipality and national product category in ``year``."""
    coded = gebruik.filter(pl.col("jaar") == year).join(
        codes.select("productcode", "productcategorie"), on="productcode", how="left"
    )
    return (
        per_year(coded, ["gemeente", "productcategorie"])
        .drop("jaar")
        .sort("gemeente", "productcategorie")
    )


def category_cells(cells: pl.DataFrame) -> pl.DataFrame:
    """Kosten's :func:`categories` with small cells hidden, also where a total a page shows
    would give them away (each municipality's, and the region's per category)."""
    return suppression.suppress(
        cells, "jeugdigen", ["bedrag"], totals_over=[["productcategorie"], ["gemeente"]]
    )


def region_categories(cells: pl.DataFrame) -> pl.DataFrame:
    """The region's youths and spend per category (sums of :func:`categories`), small ones
    hidden with the region's total."""
    region = cells.group_by("productcategorie").agg(
        pl.col("jeugdigen").sum(), pl.col("bedrag").sum()
    )
    return suppression.suppress(region, "jeugdigen", ["bedrag"], totals_over=[[]])


def provider_cells(
    gebruik: pl.DataFrame, year: int, per_municipality: bool = False
) -> pl.DataFrame:
    """Aanbieders' youths, spend and share of spend per provider in ``year``, for the
    region or (``per_municipality``, with a ``gemeente`` column) each municipality.
    A provider with fewer than 5 youths is hidden, and with the total spend on Kosten a
    second one too: the one with the least spend (not the fewest youths: a residential
    provider with few youths can have a third of the money); per municipality also where
    the region's provider minus the other municipalities would give one away."""
    by = ["gemeente"] if per_municipality else []
    use = gebruik.filter((pl.col("jaar") == year) & pl.col("aanbieder_id").is_not_null())
    names = use.group_by("aanbieder_id").agg(pl.col("aanbieder").first())
    cells = per_year(use, [*by, "aanbieder_id"]).drop("jaar").join(names, on="aanbieder_id")
    total = pl.col("bedrag").sum()
    shared = cells.with_columns(
        (pl.col("bedrag") / (total.over(by) if by else total) * 100).alias("aandeel")
    )
    return suppression.suppress(
        shared,
        "jeugdigen",
        ["bedrag", "aandeel"],
        totals_over=[by, ["aanbieder_id"]] if by else [[]],
        least="bedrag",
    )


def finest(gebruik: pl.DataFrame, codes: pl.DataFrame, year: int) -> pl.DataFrame:
    """The export's finest cells in ``year`` (municipality, product, provider) with what
    groups them on the pages: category, lot (``verblijf``: residential or not), aim."""
    return (
        gebruik.filter(pl.col("jaar") == year)
        .select("gemeente", "productcode", "aanbieder_id")
        .unique(maintain_order=True)
        .join(
            codes.select("productcode", "productcategorie", "perceel", "doelgroep"),
            on="productcode",
            how="left",
        )
        .with_columns((pl.col("perceel") == "verblijf").fill_null(False).alias("verblijf"))
    )


def published(gebruik: pl.DataFrame, codes: pl.DataFrame, year: int) -> list[suppression.Table]:
    """The counts of youths Kosten and Aanbieders show for ``year``, as tables over
    :func:`finest` (for :func:`suppression.given_away`): per municipality and category,
    per category, per municipality, the region's total, per provider."""
    cells = categories(gebruik, codes, year)
    totals = cells.group_by("gemeente").agg(pl.col("jeugdigen").sum())
    whole = cells.select(pl.col("jeugdigen").sum())
    return [
        suppression.Table(("gemeente", "productcategorie"), category_cells(cells)),
        suppression.Table(("productcategorie",), region_categories(cells)),
        suppression.Table(("gemeente",), suppression.suppress(totals, "jeugdigen")),
        suppression.Table((), suppression.suppress(whole, "jeugdigen")),
        suppression.Table(("aanbieder_id",), provider_cells(gebruik, year)),
    ]


#: Answers of the checks below by the data's fingerprint: a page asks for every year on
#: every run, and the answer only changes with the data.
_SAFE: dict[tuple, bool] = {}


def remembered(check, gebruik: pl.DataFrame, codes: pl.DataFrame, *args: object) -> bool:
    """``check(gebruik, codes, *args)``, remembered per data set (bounded)."""
    key = (check.__module__, check.__qualname__, gebruik.hash_rows().sum(), gebruik.height)
    key += (codes.hash_rows().sum(), *args)
    if key not in _SAFE:
        if len(_SAFE) > 1000:
            _SAFE.clear()
        _SAFE[key] = check(gebruik, codes, *args)
    return _SAFE[key]


def providers_safe(gebruik: pl.DataFrame, codes: pl.DataFrame, year: int) -> bool:
    """Whether Aanbieders can show each municipality's providers for ``year``: beside
    what Kosten and Aanbieders show for the region, no count under 5 follows."""
    return remembered(_providers_safe, gebruik, codes, year)


def _providers_safe(gebruik: pl.DataFrame, codes: pl.DataFrame, year: int) -> bool:
    municipal = suppression.Table(
        ("gemeente", "aanbieder_id"), provider_cells(gebruik, year, per_municipality=True)
    )
    tables = [*published(gebruik, codes, year), municipal]
    return not suppression.given_away(finest(gebruik, codes, year), tables)


def shown_elsewhere(
    gebruik: pl.DataFrame, codes: pl.DataFrame, year: int
) -> list[suppression.Table]:
    """What Kosten and Aanbieders show for ``year`` (:func:`published`), with the
    municipalities' providers where Aanbieders shows them: what a further table (such as
    Transformatie's split by lot) must be checked against."""
    tables = published(gebruik, codes, year)
    if providers_safe(gebruik, codes, year):
        by = ("gemeente", "aanbieder_id")
        tables.append(suppression.Table(by, provider_cells(gebruik, year, per_municipality=True)))
    return tables
