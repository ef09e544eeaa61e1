"""The provider register: distinct providers counted, crossed and listed (pure Polars).

Only a region that keeps a register (``aanbiedersregister``: one row per provider, lot and
sub-lot) has it. From it we count distinct providers ourselves (in the shape of the
published counts, :mod:`components.providers.model`), cross lots with size classes, see
how concentrated each sub-lot is, who joined or left, and list the providers.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from components.common import fmt
from components.data import columns
from components.data.vocabulary import SIZE_CLASSES
from components.providers.model import (
    ALL,
    DERIVED_NOTE,
    LOT_LABELS,
    SIZE_LABELS,
    TOTAL,
    YOUTH,
    Section,
    aantal,
    for_year,
    years,
)

#: The two lots a provider can hold; "combinatie" means a provider holds both.
REGISTER_LOTS = ("ambulant", "verblijf")
#: Sub-lots held by this many providers or fewer are a continuity risk: if one of them
#: stops (a bankruptcy, a lost contract), the care in that sub-lot can stall.
RISK_THRESHOLD = 3
#: Row labels of the lot x size-class matrix: each provider in exactly one row.
MATRIX_ROWS = {
    "ambulant": "Alleen ambulant",
    "verblijf": "Alleen verblijf",
    "combinatie": "Beide percelen (combinatie)",
}
RISK_COLUMN = "Kwetsbaar (3 of minder aanbieders)"


def _register_provenance(register: pl.DataFrame) -> dict:
    """Provenance of figures we count ourselves: the register's source, latest date."""
    statuses = set(register["status"].to_list())
    status = "illustratief" if "illustratief" in statuses else "afgeleid"
    return {
        "regio": register["regio"][0],
        "bron": register["bron"][0],
        "vindplaats": register["vindplaats"][0],
        "peildatum": register["peildatum"].max(),
        "status": status,
        "notitie": DERIVED_NOTE,
    }


def _counts_schema() -> dict[str, pl.DataType]:
    """The Polars schema of ``aanbieders_aantallen`` (from the extract contract)."""
    return {
        name: pl.Date if dtype == "Date" else getattr(pl, dtype)
        for name, dtype in columns.REGION["aanbieders_aantallen"].items()
    }


def _register_slices(part: pl.DataFrame) -> list[tuple[dict, pl.DataFrame]]:
    """The register rows behind every figure: all, per lot, both lots, per sub-lot, per size."""
    lots_held = part.group_by("aanbieder_id").agg(pl.col("perceel").n_unique().alias("n"))
    both = lots_held.filter(pl.col("n") > 1)["aanbieder_id"]
    slices = [({}, part)]
    slices += [({"perceel": lot}, part.filter(pl.col("perceel") == lot)) for lot in REGISTER_LOTS]
    slices.append(
        ({"perceel": "combinatie"}, part.filter(pl.col("aanbieder_id").is_in(both.to_list())))
    )
    for (lot, sublot), group in part.group_by("perceel", "deelperceel", maintain_order=True):
        slices.append(({"perceel": lot, "deelperceel": sublot}, group))
    for (size,), group in part.group_by("grootteklasse", maintain_order=True):
        slices.append(({"grootteklasse": size}, group))
    return slices


def counts_from_register(register: pl.DataFrame) -> pl.DataFrame:
    """Count distinct providers per year: total, per lot, per sub-lot, per size class.

    The result has the columns of ``aanbieders_aantallen``, so the page shows it like
    published figures (status ``afgeleid``, or ``illustratief`` for a fictitious register).
    """
    out = []
    for (year, domein), part in register.group_by("jaar", "domein", maintain_order=True):
        base = {**_register_provenance(part), "jaar": year, "domein": domein, "telt": "aanbieders"}
        out += [
            {**base, **keys, "aantal": group["aanbieder_id"].n_unique()}
            for keys, group in _register_slices(part)
            if group.height
        ]
    return pl.DataFrame(out, schema=_counts_schema())


def all_figures(counts: pl.DataFrame, register: pl.DataFrame) -> pl.DataFrame:
    """Published counts, plus counts from the register for each year and domain that has no
    published counts (published figures are never replaced by our own counting)."""
    derived = counts_from_register(register)
    published = counts.select(["jaar", "domein"]).unique()
    missing = derived.join(published, on=["jaar", "domein"], how="anti")
    return pl.concat([counts.cast(_counts_schema()), missing], how="vertical")


def _lot_group(lots_held: pl.Expr) -> pl.Expr:
    """ambulant, verblijf or combinatie, from the list of lots a provider holds."""
    return (
        pl.when(lots_held.list.len() > 1)
        .then(pl.lit("combinatie"))
        .otherwise(lots_held.list.first())
    )


def providers(register: pl.DataFrame) -> pl.DataFrame:
    """One row per provider: id, name, size class, lots held, lot group, sub-lots per lot."""
    if register.is_empty():
        return pl.DataFrame(
            schema={
                "aanbieder_id": pl.String,
                "aanbieder": pl.String,
                "grootteklasse": pl.String,
                "percelen": pl.List(pl.String),
                "groep": pl.String,
                "deelpercelen": pl.String,
            }
        )
    per_lot = (
        register.sort("deelperceel")
        .group_by("aanbieder_id", "perceel")
        .agg(pl.col("deelperceel").unique(maintain_order=True).str.join(", "))
        .sort("perceel")
        .select(
            "aanbieder_id",
            pl.format(
                "{}: {}",
                pl.col("perceel").replace_strict(LOT_LABELS, default=pl.col("perceel")),
                pl.col("deelperceel"),
            ).alias("deel"),
        )
        .group_by("aanbieder_id", maintain_order=True)
        .agg(pl.col("deel").str.join("; ").alias("deelpercelen"))
    )
    return (
        register.group_by("aanbieder_id")
        .agg(
            pl.col("aanbieder").first(),
            pl.col("grootteklasse").first(),
            pl.col("perceel").unique().sort().alias("percelen"),
        )
        .with_columns(_lot_group(pl.col("percelen")).alias("groep"))
        .join(per_lot, on="aanbieder_id", how="left")
        .sort(pl.col("aanbieder").str.to_lowercase(), "aanbieder_id")
    )


def filter_providers(
    register: pl.DataFrame,
    *,
    lot: str = ALL,
    chosen: Sequence[str] = (),
    size: str = ALL,
    search: str = "",
) -> pl.DataFrame:
    """Providers that hold ``lot`` and one of the ``chosen`` sub-lots, of ``size``, whose name
    contains ``search`` (plain text, not a pattern; case ignored). Each keeps all its lots."""
    rows = register
    if lot not in (ALL, "combinatie"):
        rows = rows.filter(pl.col("perceel") == lot)
    if chosen:
        rows = rows.filter(pl.col("deelperceel").is_in(list(chosen)))
    if size != ALL:
        rows = rows.filter(pl.col("grootteklasse") == size)
    found = providers(register.join(rows.select("aanbieder_id"), on="aanbieder_id", how="semi"))
    if lot == "combinatie":
        found = found.filter(pl.col("groep") == "combinatie")
    needle = search.strip().lower()
    if needle:
        found = found.filter(
            pl.col("aanbieder").str.to_lowercase().str.contains(needle, literal=True)
        )
    return found


def provider_table(found: pl.DataFrame) -> pl.DataFrame:
    """Providers as shown and downloaded: name, lots, sub-lots, size class."""
    return found.select(
        pl.col("aanbieder").alias("Aanbieder"),
        pl.col("groep").replace_strict(LOT_LABELS).alias("Percelen"),
        pl.col("deelpercelen").alias("Deelpercelen"),
        pl.col("grootteklasse").replace_strict(SIZE_LABELS).alias("Grootteklasse"),
    )


def lot_size_matrix(register: pl.DataFrame) -> pl.DataFrame:
    """Distinct providers per lot group (rows) and size class (columns), with totals.

    Every provider sits in exactly one row (only ambulant, only verblijf, both), so the
    matrix adds up to the number of providers.
    """
    found = providers(register)
    cells = found.group_by("groep", "grootteklasse").len("aantal")
    rows = []
    for group, label in MATRIX_ROWS.items():
        row: dict[str, object] = {"Perceel": label}
        for size in SIZE_CLASSES:
            match = cells.filter((pl.col("groep") == group) & (pl.col("grootteklasse") == size))
            row[SIZE_LABELS[size]] = aantal(match) or 0
        row[TOTAL] = found.filter(pl.col("groep") == group).height
        rows.append(row)
    bottom: dict[str, object] = {"Perceel": TOTAL}
    for size in SIZE_CLASSES:
        bottom[SIZE_LABELS[size]] = found.filter(pl.col("grootteklasse") == size).height
    bottom[TOTAL] = found.height
    return pl.DataFrame([*rows, bottom])


def matrix_takeaway(matrix: pl.DataFrame) -> str:
    """How many providers, and how many hold both lots."""
    whole = matrix.filter(pl.col("Perceel") == TOTAL)[TOTAL][0]
    both = matrix.filter(pl.col("Perceel") == MATRIX_ROWS["combinatie"])[TOTAL][0]
    return (
        f"{fmt.number(whole)} verschillende aanbieders; {fmt.number(both)} daarvan hebben "
        "beide percelen. Elke aanbieder staat in precies één rij."
    )


def concentration(
    register: pl.DataFrame, *, lot: str = ALL, chosen: Sequence[str] = ()
) -> pl.DataFrame:
    """Providers per sub-lot, fewest first, with ``kwetsbaar`` for three or fewer."""
    rows = register
    if lot in REGISTER_LOTS:
        rows = rows.filter(pl.col("perceel") == lot)
    if chosen:
        rows = rows.filter(pl.col("deelperceel").is_in(list(chosen)))
    return (
        rows.group_by("perceel", "deelperceel")
        .agg(pl.col("aanbieder_id").n_unique().alias("aanbieders"))
        .with_columns((pl.col("aanbieders") <= RISK_THRESHOLD).alias("kwetsbaar"))
        .sort("aanbieders", "perceel", "deelperceel")
    )


def concentration_table(found: pl.DataFrame) -> pl.DataFrame:
    """Concentration as shown: sub-lot, lot, providers, continuity risk in words."""
    return found.select(
        pl.col("deelperceel").alias("Deelperceel"),
        pl.col("perceel").replace_strict(LOT_LABELS).alias("Perceel"),
        pl.col("aanbieders").alias("Aantal aanbieders"),
        pl.col("kwetsbaar").alias(RISK_COLUMN),
    )


def risk_takeaway(found: pl.DataFrame) -> str:
    """The sub-lots at risk, named, and why that matters."""
    risky = found.filter(pl.col("kwetsbaar"))
    if risky.is_empty():
        return (
            f"Elk deelperceel heeft meer dan {RISK_THRESHOLD} aanbieders: als er één stopt, "
            "kunnen anderen de zorg overnemen."
        )
    named = ", ".join(
        f"{row['deelperceel']} ({row['perceel']}, {fmt.number(row['aanbieders'])})"
        for row in risky.iter_rows(named=True)
    )
    return (
        f"{fmt.number(risky.height)} deelpercelen hebben drie of minder aanbieders: {named}. "
        "Daar is de zorg kwetsbaar: als één aanbieder stopt, bijvoorbeeld door een "
        "faillissement, kan de zorg stokken."
    )


def previous_year(register: pl.DataFrame, year: int, domein: str = YOUTH) -> int | None:
    """The latest register year before ``year``, if any."""
    earlier = [y for y in years(register, domein) if y < year]
    return earlier[0] if earlier else None


def changes(register: pl.DataFrame, year: int, before: int, domein: str = YOUTH) -> pl.DataFrame:
    """Providers that joined in ``year`` or left after ``before`` (by provider id)."""
    now = providers(for_year(register, year, domein))
    then = providers(for_year(register, before, domein))
    joined = now.join(then, on="aanbieder_id", how="anti")
    left = then.join(now, on="aanbieder_id", how="anti")
    return pl.concat(
        [
            joined.select(pl.lit(f"Nieuw in {year}").alias("Wijziging"), "aanbieder", "groep"),
            left.select(pl.lit(f"Gestopt na {before}").alias("Wijziging"), "aanbieder", "groep"),
        ]
    ).select(
        "Wijziging",
        pl.col("aanbieder").alias("Aanbieder"),
        pl.col("groep").replace_strict(LOT_LABELS).alias("Percelen"),
    )


def list_takeaway(shown: int, register: pl.DataFrame) -> str:
    """'12 van de 53 aanbieders voldoen aan de keuze.'"""
    whole = register["aanbieder_id"].n_unique()
    if shown == whole:
        return f"Alle {fmt.number(whole)} aanbieders."
    return f"{fmt.number(shown)} van de {fmt.number(whole)} aanbieders voldoen aan de keuze."


def changes_takeaway(found: pl.DataFrame, year: int, before: int) -> str:
    """'2 aanbieders nieuw in 2024, 1 gestopt na 2023.'"""
    joined = found.filter(pl.col("Wijziging").str.starts_with("Nieuw")).height
    left = found.height - joined
    return (
        f"{fmt.number(joined)} aanbieder(s) nieuw in {year}, {fmt.number(left)} gestopt na "
        f"{before}."
    )


def matrix_section(register: pl.DataFrame) -> Section:
    """The lot x size-class matrix of one register year."""
    matrix = lot_size_matrix(register)
    return Section("matrix", "Perceel en grootte", matrix_takeaway(matrix), matrix, register)


def concentration_section(
    register: pl.DataFrame, *, lot: str = ALL, chosen: Sequence[str] = ()
) -> Section:
    """How many providers hold each sub-lot, with the vulnerable ones named."""
    found = concentration(register, lot=lot, chosen=chosen)
    return Section(
        "concentratie",
        "Hoeveel aanbieders per deelperceel?",
        risk_takeaway(found),
        concentration_table(found),
        register,
    )


def changes_section(register: pl.DataFrame, year: int, domein: str = YOUTH) -> Section | None:
    """Who joined and who left since the previous register year; None without one."""
    before = previous_year(register, year, domein)
    if before is None:
        return None
    found = changes(register, year, before, domein)
    rows = register.filter(pl.col("jaar").is_in([before, year]) & (pl.col("domein") == domein))
    return Section(
        "wijzigingen",
        f"Nieuw en gestopt: {before} → {year}",
        changes_takeaway(found, year, before),
        found,
        rows,
    )
