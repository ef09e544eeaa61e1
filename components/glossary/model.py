"""The glossary of one region: the general terms with the region's own words (pure).

The general list (``algemeen/begrippen``) explains a term without naming a region; a
region's ``begrippen_regio`` says what the term means there, with its source, or adds a
term of its own (its organisation, its lots). So one region's words never reach another.
"""

from __future__ import annotations

import polars as pl

from components.common.provenance import PROVENANCE_COLUMNS


def terms(shared: pl.DataFrame, regional: pl.DataFrame) -> pl.DataFrame:
    """One row per term, alphabetically: ``uitleg`` (general; empty for a term of the
    region's own), ``in_regio`` (the region's words, when it has them) and their provenance."""
    general = shared.with_columns(pl.col("begrip").str.to_lowercase().alias("_key"))
    own = regional.select(
        pl.col("begrip").alias("_own"), pl.col("uitleg").alias("in_regio"), *PROVENANCE_COLUMNS
    ).with_columns(pl.col("_own").str.to_lowercase().alias("_key"))
    merged = general.join(own, on="_key", how="full", coalesce=True)
    return (
        merged.with_columns(pl.coalesce("begrip", "_own").alias("begrip"))
        .sort("_key")
        .select("begrip", "uitleg", "in_regio", "zie_ook", *PROVENANCE_COLUMNS)
    )


def search(glossary: pl.DataFrame, query: str) -> pl.DataFrame:
    """The terms whose name or explanation (general or the region's) holds ``query``."""
    needle = query.strip().lower()
    if not needle:
        return glossary
    return glossary.filter(
        pl.any_horizontal(
            pl.col(c).fill_null("").str.to_lowercase().str.contains(needle, literal=True)
            for c in ("begrip", "uitleg", "in_regio")
        )
    )
