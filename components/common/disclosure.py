"""What the pages show about youths, and whether one more division of them is safe (pure).

Every table that counts youths hides its cells under 5 and protects them against its own
totals (:func:`components.data.suppression.suppress`). Tables that divide the same youths
differently can together give away what each hides: Kosten per product category, Aanbieders
per provider, Transformatie per lot and quadrant. So the divisions that are not always
shown are decided in a fixed order, each against everything shown before it
(:func:`components.data.suppression.given_away`):

1. Kosten's categories and the region's providers: always (:func:`published`);
2. the region's split by lot and quadrant (Transformatie): :func:`splits_safe`;
3. each municipality's split by lot and quadrant: :func:`splits_safe` with ``municipal``;
4. each municipality's providers (Aanbieders): :func:`providers_safe`;
5. the spend per agreement in its current term (Contracten): :func:`term_spend_safe`;
6. the same per municipality: :func:`term_spend_safe` with ``municipal``.

Because each step counts every table shown before it, what all pages show together is safe.
Answers are remembered per data set: a page asks on every run, the answer changes only with
the data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import polars as pl

from components.common import usage
from components.data import suppression
from components.data.vocabulary import SMALLEST_SHOWN

# --- 1. what is always shown -------------------------------------------------------------


def categories(gebruik: pl.DataFrame, codes: pl.DataFrame, year: int) -> pl.DataFrame:
    """Youths and spend per municipality and national product category in ``year``."""
    coded = gebruik.filter(pl.col("jaar") == year).join(
        codes.select("productcode", "productcategorie"), on="productcode", how="left"
    )
    return (
        usage.per_year(coded, ["gemeente", "productcategorie"])
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
    cells = usage.per_year(use, [*by, "aanbieder_id"]).drop("jaar").join(names, on="aanbieder_id")
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
    cells = gebruik.filter(pl.col("jaar") == year).select("gemeente", "productcode", "aanbieder_id")
    return _grouped(cells, codes)


def _grouped(cells: pl.DataFrame, codes: pl.DataFrame) -> pl.DataFrame:
    """``cells`` once each, with what groups them on the pages: category, lot
    (``verblijf``: residential or not), aim."""
    return (
        cells.unique(maintain_order=True)
        .join(
            codes.select("productcode", "productcategorie", "perceel", "doelgroep"),
            on="productcode",
            how="left",
        )
        .with_columns((pl.col("perceel") == "verblijf").fill_null(False).alias("verblijf"))
    )


def published(
    gebruik: pl.DataFrame, codes: pl.DataFrame, year: int
) -> tuple[suppression.Table, ...]:
    """The counts of youths Kosten and Aanbieders show for ``year``, as tables over
    :func:`finest` (for :func:`suppression.given_away`): per municipality and category,
    per category, per municipality (hidden as :func:`hidden_years` hides them), the
    region's total, per provider."""
    cells = categories(gebruik, codes, year)
    return (
        suppression.Table(("gemeente", "productcategorie"), category_cells(cells)),
        suppression.Table(("productcategorie",), region_categories(cells)),
        *_totals(gebruik, year),
        suppression.Table(("aanbieder_id",), provider_cells(gebruik, year)),
    )


def municipal_years(gebruik: pl.DataFrame) -> pl.DataFrame:
    """Youths per year and municipality, hidden where under 5 or where the region's total
    minus the other municipalities would give one under 5 away (Kosten's spend per year,
    Transformatie's youths in care)."""
    per = usage.per_year(gebruik, ["gemeente"]).select("jaar", "gemeente", "jeugdigen")
    return suppression.suppress(per, "jeugdigen", totals_over=[["jaar"]])


def _totals(gebruik: pl.DataFrame, year: int) -> list[suppression.Table]:
    """The region's total and each municipality's in ``year``, as the pages hide them."""
    use = gebruik.filter(pl.col("jaar") == year)
    whole = usage.per_year(use, []).select("jeugdigen")
    return [
        suppression.Table(("gemeente",), municipal_years(use).drop("jaar")),
        suppression.Table((), suppression.suppress(whole, "jeugdigen")),
    ]


def hidden_years(gebruik: pl.DataFrame, gemeente: str) -> list[int]:
    """The years in which Kosten shows no spend for ``gemeente`` (or the region,
    :data:`usage.ALL`): fewer than 5 youths, or the region's total minus the other
    municipalities would give one under 5 away (the rule of :func:`protected`)."""
    if gemeente == usage.ALL:
        flagged = suppression.suppress(usage.per_year(gebruik, []), "jeugdigen")
    else:
        flagged = municipal_years(gebruik).filter(pl.col("gemeente") == gemeente)
    return sorted(flagged.filter(pl.col(suppression.FLAG))["jaar"].to_list())


def running_lots(gebruik: pl.DataFrame, codes: pl.DataFrame, year: int) -> pl.DataFrame:
    """Youths per municipality and lot (the product codes' ``perceel``) in ``year``, hidden
    where under 5, or where the municipality's lots together or the region's lot minus the
    other municipalities would give one away: what Kosten's forecast per lot shows for a
    municipality (:mod:`components.costs.forecast`)."""
    use = gebruik.filter(pl.col("jaar") == year).join(
        codes.select("productcode", "perceel"), on="productcode", how="inner"
    )
    lots = usage.per_year(use.drop_nulls("perceel"), ["gemeente", "perceel"])
    return suppression.suppress(
        lots.select("gemeente", "perceel", "jeugdigen"),
        "jeugdigen",
        totals_over=[["gemeente"], ["perceel"]],
    )


# --- counts per year, as Transformatie measures them ---------------------------------------


def complete_use(gebruik: pl.DataFrame, codes: pl.DataFrame) -> pl.DataFrame:
    """The use rows of complete years, with each product's lot."""
    complete = list(usage.coverage(gebruik).complete)
    return gebruik.filter(pl.col("jaar").is_in(complete)).join(
        codes.select("productcode", "perceel"), on="productcode", how="left"
    )


def counts(use: pl.DataFrame, by: list[str]) -> pl.DataFrame:
    """Per year and ``by``: youths, of whom with residential care ('verblijf') and the
    rest, trajectories started and ended, and the mean duration of those that ended."""
    keys = ["jaar", *by]
    youths = usage.per_year(use, by).select(*keys, "jeugdigen")
    residential = (
        usage.per_year(use.filter(pl.col("perceel") == "verblijf"), by)
        .select(*keys, pl.col("jeugdigen").alias("verblijf"))
    )  # fmt: skip
    flows = use.group_by(keys).agg(
        pl.col("trajecten_gestart").sum().alias("instroom"),
        pl.col("trajecten_beeindigd").sum().alias("uitstroom"),
        (
            (pl.col("duur_beeindigd_dagen") * pl.col("trajecten_beeindigd")).sum()
            / pl.col("trajecten_beeindigd")
            .filter(pl.col("duur_beeindigd_dagen").is_not_null())
            .sum()
        ).alias("duur_beeindigd"),
    )
    return (
        youths.join(residential, on=keys, how="left")
        .join(flows, on=keys, how="left")
        .with_columns(pl.col("verblijf").fill_null(0))
        .with_columns((pl.col("jeugdigen") - pl.col("verblijf")).alias("niet_verblijf"))
        .sort(keys)
    )


#: The counts each measure rests on: a measure is hidden where one of them is under 5,
#: or (for a municipality) would be given away by the region's total minus the others.
RESTS_ON = {
    "jeugdigen": ("jeugdigen",),
    "aandeel_verblijf": ("jeugdigen", "verblijf", "niet_verblijf"),
    "duur_beeindigd": ("uitstroom",),
    "instroom": ("instroom",),
    "uitstroom": ("uitstroom",),
}
COUNTS = ("jeugdigen", "verblijf", "niet_verblijf", "instroom", "uitstroom")


def protected(counts: pl.DataFrame) -> pl.DataFrame:
    """The municipalities' counts, with per count whether it is hidden to protect a small
    count of another municipality: the region's total minus the other municipalities
    would give that one away (:mod:`components.data.suppression`)."""
    for count in COUNTS:
        flagged = suppression.suppress(
            counts.select("jaar", "gemeente", count), count, totals_over=[["jaar"]]
        )
        protects = flagged[suppression.FLAG] & ~flagged[suppression.SMALL]
        counts = counts.with_columns(protects.alias(f"{count}_beschermd"))
    return counts


def lot_tables(
    gebruik: pl.DataFrame, codes: pl.DataFrame, year: int
) -> tuple[suppression.Table, suppression.Table]:
    """The split by lot Transformatie shows for ``year``: the region's (its residential share)
    and each municipality's, as tables for :func:`suppression.given_away`."""
    use = complete_use(gebruik.filter(pl.col("jaar") == year), codes)

    def table(frame: pl.DataFrame, by: list[str]) -> pl.DataFrame:
        """Residential and not, per ``by``: hidden with the share; small if under 5."""
        hidden = pl.any_horizontal(
            pl.col(c).is_null() | (pl.col(c) < SMALLEST_SHOWN) | pl.col(f"{c}_beschermd")
            for c in RESTS_ON["aandeel_verblijf"]
        )
        return pl.concat(
            frame.select(
                *by,
                pl.lit(residential).alias("verblijf"),
                hidden.alias(suppression.FLAG),
                ((pl.col(count) > 0) & (pl.col(count) < SMALLEST_SHOWN)).alias(suppression.SMALL),
            )
            for residential, count in ((True, "verblijf"), (False, "niet_verblijf"))
        )

    region = counts(use, []).with_columns(pl.lit(False).alias(f"{c}_beschermd") for c in COUNTS)
    municipal = protected(counts(use, ["gemeente"]))
    return (
        suppression.Table(("verblijf",), table(region, [])),
        suppression.Table(("gemeente", "verblijf"), table(municipal, ["gemeente"])),
    )


def quadrant_cells(
    gebruik: pl.DataFrame, codes: pl.DataFrame, year: int, by: list[str]
) -> pl.DataFrame:
    """Youths and spend per quadrant (aim × lot, from the product codes) in ``year``, for
    the region (``by`` empty) or per municipality (``["gemeente"]``), with each one's share
    of its total. A quadrant with fewer than 5 youths has its figures hidden, and so has the
    next smallest, so that neither can be worked out from 100%; per municipality also where
    the region's quadrant minus the other municipalities would give one away
    (:mod:`components.data.suppression`). Youths: summed over providers and products,
    averaged over the quarters where the source counts per quarter."""
    coded = gebruik.filter(pl.col("jaar") == year).join(
        codes.select("productcode", "doelgroep", "perceel"), on="productcode", how="inner"
    )
    cells = (
        coded.filter(
            pl.col("doelgroep").is_not_null() & pl.col("perceel").is_in(["ambulant", "verblijf"])
        )
        .pipe(usage.per_year, [*by, "doelgroep", "perceel"])
        .drop("jaar")
    )

    def share(column: str) -> pl.Expr:
        total = pl.col(column).sum()
        return (pl.col(column) / (total.over(by) if by else total) * 100).round(1)

    shares = cells.with_columns(
        share("bedrag").alias("werkelijk_budget"), share("jeugdigen").alias("werkelijk_clienten")
    )
    return suppression.suppress(
        shares,
        "jeugdigen",
        ["bedrag", "werkelijk_budget", "werkelijk_clienten"],
        totals_over=[by, ["doelgroep", "perceel"]] if by else [[]],
    )


# --- 2-4. the divisions that are decided ----------------------------------------------------

_REMEMBERED: dict[tuple, object] = {}
_T = TypeVar("_T")


def _remembered(
    compute: Callable[..., _T], gebruik: pl.DataFrame, codes: pl.DataFrame, *args
) -> _T:
    """``compute(gebruik, codes, *args)``, remembered per data set (bounded): an answer, or
    the tables a year shows (each is built once, then shared by every later step; the
    first visit to Contracten on a national region built them seven times, 2,3 s)."""
    key = (compute.__qualname__, gebruik.hash_rows().sum(), gebruik.height)
    key += (codes.hash_rows().sum(), *args)
    if key not in _REMEMBERED:
        if len(_REMEMBERED) > 1000:
            _REMEMBERED.clear()
        _REMEMBERED[key] = compute(gebruik, codes, *args)
    return _REMEMBERED[key]  # type: ignore[return-value]


def _split(
    gebruik: pl.DataFrame, codes: pl.DataFrame, year: int, municipal: bool
) -> tuple[suppression.Table, ...]:
    """Transformatie's split by lot and quadrant, the region's or the municipalities'."""
    by = ["gemeente"] if municipal else []
    lots = lot_tables(gebruik, codes, year)[1 if municipal else 0]
    quadrants = quadrant_cells(gebruik, codes, year, by)
    return lots, suppression.Table((*by, "doelgroep", "perceel"), quadrants)


def _shown_before(gebruik: pl.DataFrame, codes: pl.DataFrame, year: int, step: int) -> list:
    """Every table shown for ``year`` by the steps before ``step`` (see the module)."""
    tables = [*_remembered(published, gebruik, codes, year)]
    if step > 2 and splits_safe(gebruik, codes, year):
        tables += _remembered(_split, gebruik, codes, year, False)
        if step > 3 and splits_safe(gebruik, codes, year, municipal=True):
            tables += _remembered(_split, gebruik, codes, year, True)
    if step > 4 and providers_safe(gebruik, codes, year):
        tables.append(_remembered(_municipal_providers, gebruik, codes, year))
    return tables


def splits_safe(
    gebruik: pl.DataFrame, codes: pl.DataFrame, year: int, municipal: bool = False
) -> bool:
    """Whether Transformatie can show the split of the youths by lot (the residential
    share) and by quadrant for ``year``, for the region or (``municipal``) per
    municipality, without giving a count under 5 away (steps 2 and 3)."""
    return _remembered(_splits_safe, gebruik, codes, year, municipal)


def _splits_safe(gebruik: pl.DataFrame, codes: pl.DataFrame, year: int, municipal: bool) -> bool:
    tables = _shown_before(gebruik, codes, year, 3 if municipal else 2)
    tables += _remembered(_split, gebruik, codes, year, municipal)
    return not suppression.given_away(finest(gebruik, codes, year), tables)


def providers_safe(gebruik: pl.DataFrame, codes: pl.DataFrame, year: int) -> bool:
    """Whether Aanbieders can show each municipality's providers for ``year`` without
    giving a count under 5 away (step 4)."""
    return _remembered(_providers_safe, gebruik, codes, year)


def _municipal_providers(
    gebruik: pl.DataFrame, codes: pl.DataFrame, year: int
) -> suppression.Table:
    del codes  # the providers do not depend on the product codes
    return suppression.Table(
        ("gemeente", "aanbieder_id"), provider_cells(gebruik, year, per_municipality=True)
    )


def _providers_safe(gebruik: pl.DataFrame, codes: pl.DataFrame, year: int) -> bool:
    tables = _shown_before(gebruik, codes, year, 4)
    tables.append(_remembered(_municipal_providers, gebruik, codes, year))
    return not suppression.given_away(finest(gebruik, codes, year), tables)


# --- 5. spend over a contract term ----------------------------------------------------------


_TERMS = ["overeenkomst_id", "perceel_id", "start", suppression.FLAG, suppression.SMALL]


def term_spend_safe(
    gebruik: pl.DataFrame,
    codes: pl.DataFrame,
    agreements: pl.DataFrame,
    municipal: pl.DataFrame | None = None,
) -> bool:
    """Whether Contracten can show the spend per agreement and lot in its current term
    (``agreements``: :func:`components.contracts.spend.per_agreement`; with ``municipal``,
    :func:`~components.contracts.spend.per_municipality`, also each municipality's) without
    giving the spend of a hidden cell away (steps 5 and 6). A term runs over several years:
    its spend minus the running year's per lot on Kosten is the spend of the years before,
    which beside what the pages show per year could complete a hidden amount. So this checks
    spend, not youths: every year of the terms with all it shows (the complete years with
    steps 1-4, the running year with Kosten's totals and lots), and the terms on top
    (:func:`suppression.given_away_linked`)."""
    region = tuple(agreements.select(_TERMS).iter_rows())
    places = () if municipal is None else tuple(municipal.select("gemeente", *_TERMS).iter_rows())
    return _remembered(_term_spend_safe, gebruik, codes, region, places)


def _term_spend_safe(gebruik: pl.DataFrame, codes: pl.DataFrame, region: tuple, places: tuple):
    if not region:
        return True
    terms = pl.DataFrame(region, schema=_TERMS, orient="row")
    starts = terms.group_by("overeenkomst_id").agg(pl.col("start").first())
    first = terms["start"].min().year
    use = gebruik.filter(pl.col("jaar") >= first)
    in_term = (
        use.join(codes.select("productcode", "overeenkomst_id"), on="productcode", how="left")
        .join(starts, on="overeenkomst_id", how="left")
        .select(
            "gemeente", "productcode", "aanbieder_id", "jaar",
            pl.when(usage.period_start() >= pl.col("start"))
            .then(pl.col("overeenkomst_id"))
            .alias("looptijd"),
        )
    )  # fmt: skip
    cells = _grouped(in_term, codes).with_columns(
        pl.col("perceel").fill_null("").alias("perceel_id")
    )
    covered = usage.coverage(gebruik)
    per_year = {
        year: _shown_before(gebruik, codes, year, 5) for year in covered.complete if year >= first
    }
    if covered.last_year not in covered.complete and covered.last_year >= first:
        per_year[covered.last_year] = _running(gebruik, codes, covered.last_year)
    links = _term_tables(terms, [])
    if places:
        links += _term_tables(
            pl.DataFrame(places, schema=["gemeente", *_TERMS], orient="row"), ["gemeente"]
        )
    return not suppression.given_away_linked(cells, "jaar", per_year, links)


def _term_tables(terms: pl.DataFrame, by: list[str]) -> list[suppression.Table]:
    """The spend per agreement's term and lot, and per agreement, as tables over the cells."""
    named = terms.rename({"overeenkomst_id": "looptijd"}).drop("start")
    return [
        suppression.Table((*by, "looptijd", "perceel_id"), named.drop_nulls("perceel_id")),
        suppression.Table(
            (*by, "looptijd"), named.filter(pl.col("perceel_id").is_null()).drop("perceel_id")
        ),
    ]


def _running(gebruik: pl.DataFrame, codes: pl.DataFrame, year: int) -> list:
    """What Kosten shows of the running ``year``: the spend so far of the region and of each
    municipality (:func:`hidden_years`), and per lot, for the region and (:func:`running_lots`)
    for each municipality whose year is not hidden."""
    use = gebruik.filter(pl.col("jaar") == year).join(
        codes.select("productcode", "perceel"), on="productcode", how="left"
    )
    shown = municipal_years(use).filter(~pl.col(suppression.FLAG))["gemeente"]
    lots = running_lots(gebruik, codes, year).filter(pl.col("gemeente").is_in(shown.implode()))
    region_lots = usage.per_year(use.drop_nulls("perceel"), ["perceel"]).select(
        "perceel", "jeugdigen"
    )
    return [
        *_totals(gebruik, year),
        suppression.Table(
            ("perceel",), suppression.suppress(region_lots, "jeugdigen", totals_over=[[]])
        ),
        suppression.Table(("gemeente", "perceel"), lots),
    ]
