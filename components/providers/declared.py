"""What providers declared: spend and youths per provider, the concentration of spend, and
the checks a contract manager acts on (pure: no Streamlit).

From the region's use-and-spend export (``gebruik``) beside its provider register. A
provider with fewer than 5 youths in the year has its youths and spend hidden
(:mod:`components.data.suppression`), also where the total would give them away.
"""

from __future__ import annotations

import polars as pl

from components.common import disclosure, fmt, usage
from components.data import suppression
from components.data.vocabulary import SMALLEST_SHOWN
from components.providers.model import SIZE_LABELS

TOP = 5
#: Where the municipalities' providers would give a small count away (disclosure.providers_safe).
WITHHELD = (
    "Voor {gemeente} staan hier de aanbieders van de hele regio: per gemeente zouden ze in "
    "{jaar}, naast de productcategorieën op Kosten, een aantal van minder dan "
    f"{SMALLEST_SHOWN} jeugdigen "
    "verraden."
)


def per_provider(
    gebruik: pl.DataFrame, register: pl.DataFrame, year: int, gemeente: str = usage.ALL
) -> pl.DataFrame:
    """Per provider in ``year``, for the region or one municipality: youths (summed over
    products, averaged over quarters where the source counts per quarter), spend, share of
    spend, size class (from the register, if it lists the provider); hidden where fewer
    than 5 youths, or where a total would give such a provider away
    (:func:`disclosure.provider_cells`)."""
    sizes = (
        register.filter(pl.col("jaar") <= year)
        .sort("jaar")
        .group_by("aanbieder_id")
        .agg(pl.col("grootteklasse").last())
    )
    if gemeente == usage.ALL:
        cells = disclosure.provider_cells(gebruik, year)
    else:
        cells = disclosure.provider_cells(gebruik, year, per_municipality=True)
        cells = cells.filter(pl.col("gemeente") == gemeente).drop("gemeente")
    hidden = cells.join(sizes, on="aanbieder_id", how="left")
    # Largest spend first; the hidden ones (no spend shown) after, by name, so that the
    # table and its download keep one order from run to run.
    return hidden.sort(["bedrag", "aanbieder"], descending=[True, False], nulls_last=True)


def provider_table(frame: pl.DataFrame) -> pl.DataFrame:
    """:func:`per_provider` for people: Dutch column names, '< 5' and 'afgeschermd'."""
    shown = suppression.shown(
        frame,
        {"jeugdigen": fmt.number, "bedrag": fmt.euro_exact, "aandeel": fmt.percent_column},
        "jeugdigen",
    )
    return shown.select(
        pl.col("aanbieder").alias("Aanbieder"),
        pl.col("grootteklasse")
        .replace_strict(SIZE_LABELS, default="niet in het register")
        .alias("Grootteklasse"),
        pl.col("jeugdigen").alias("Jeugdigen"),
        pl.col("bedrag").alias("Uitgaven (€)"),
        pl.col("aandeel").alias("Aandeel in de uitgaven"),
    )


def concentration(frame: pl.DataFrame, name: str, year: int) -> str:
    """'In 2024 kregen de 5 grootste aanbieders 61% van de uitgaven …' (shown cells only:
    the largest providers are never the small ones)."""
    shown = frame.filter(~pl.col(suppression.FLAG))
    if shown.height < TOP:
        return f"In {year} declareerden {frame.height} aanbieders bij {name}."
    top = shown.head(TOP)["aandeel"].sum()
    return (
        f"In {year} kregen de {TOP} grootste van de {frame.height} aanbieders die "
        f"declareerden {fmt.percent(top)} van de uitgaven van {name}."
    )


def checks(gebruik: pl.DataFrame, register: pl.DataFrame, year: int) -> tuple[list[str], list[str]]:
    """(contracted providers that declared nothing in ``year``, providers that declared
    without being in the register of ``year``), as names."""
    declared = gebruik.filter((pl.col("jaar") == year) & (pl.col("bedrag") > 0))
    contracted = register.filter(pl.col("jaar") == year)
    silent = contracted.join(
        declared.select("aanbieder_id").unique(), on="aanbieder_id", how="anti"
    )
    unknown = declared.join(
        contracted.select("aanbieder_id").unique(), on="aanbieder_id", how="anti"
    )
    return (
        sorted(silent["aanbieder"].unique().to_list()),
        sorted(unknown["aanbieder"].drop_nulls().unique().to_list()),
    )
