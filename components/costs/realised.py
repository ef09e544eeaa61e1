"""What happened: realised spend against the budget and the strategy, and why it changed
(pure: no Streamlit).

From the region's aggregated use and spend (``gebruik``), its budget (``budget``) and its
product codes (``productcodes``). A year counts as complete when the region has a row for
the whole year or for each of its four quarters; an incomplete year is shown as "tot en
met kwartaal N" and never compared with a whole year.

The change in spend from one complete year to the next is split with the additive LMDI
method (logarithmic mean Divisia index, Ang 2004), per product category and volume unit:
for each, spend = youths × care per youth × price per unit, and

    Δ spend = L · ln(youths₁/youths₀) + L · ln(care₁/care₀) + L · ln(price₁/price₀),

with L = (spend₁ − spend₀) / (ln spend₁ − ln spend₀). The three parts add up exactly to
the change, with no residue. A category without youths or volume in either year, or
that starts or stops, cannot be split: its change is shown as its own part.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import polars as pl

from components.common import disclosure, fmt, usage
from components.common.usage import coverage
from components.data import suppression
from components.data.vocabulary import PRODUCT_CATEGORIES, SMALLEST_SHOWN

EFFECTS = {
    "jeugdigen": "Meer of minder jeugdigen",
    "zorg_per_jeugdige": "Meer of minder zorg per jeugdige",
    "prijs": "Hogere of lagere prijs per eenheid",
    "onverdeeld": "Niet te splitsen (product begint, stopt of zonder volume)",
}
METHOD = (
    "Gesplitst met de LMDI-methode (logaritmisch gemiddelde Divisia-index), per "
    "productcategorie en eenheid: uitgaven = jeugdigen × zorg per jeugdige × prijs per "
    "eenheid. De delen tellen precies op tot het verschil. Telt de bron per kwartaal, dan is "
    "'jeugdigen' het gemiddelde per kwartaal."
)


def budget_per_year(budget: pl.DataFrame) -> pl.DataFrame:
    """The budget per year: the lots' budgets where a municipality gives them, else its
    whole-budget row (never both added up)."""
    per_lot = budget.filter(pl.col("perceel").is_not_null())
    whole = budget.filter(pl.col("perceel").is_null()).join(
        per_lot.select("jaar", "gemeente").unique(), on=["jaar", "gemeente"], how="anti"
    )
    return (
        pl.concat([per_lot, whole])
        .group_by("jaar")
        .agg(pl.col("bedrag").sum().alias("begroting"))
        .sort("jaar")
    )


def spend_per_year(gebruik: pl.DataFrame) -> pl.DataFrame:
    """Realised spend per year, with the last quarter of an incomplete year."""
    return (
        gebruik.group_by("jaar")
        .agg(pl.col("bedrag").sum().alias("gerealiseerd"), pl.col("kwartaal").max().alias("tot"))
        .sort("jaar")
    )


def against_budget(
    gebruik: pl.DataFrame,
    budget: pl.DataFrame,
    strategy: pl.DataFrame | None = None,
    hidden: Sequence[int] = (),
) -> pl.DataFrame:
    """Per year: what the strategy expected (``strategy``: jaar, kosten_met; region only),
    the budget, what was spent, and how far spend is from the budget (complete years);
    the spend left out (flagged as :mod:`components.data.suppression` flags a hidden cell)
    in the ``hidden`` years (:func:`components.common.disclosure.hidden_years`)."""
    covered = coverage(gebruik)
    years = sorted(set(gebruik["jaar"].to_list()) | set(budget["jaar"].to_list()))
    frame = pl.DataFrame({"jaar": years}, schema={"jaar": pl.Int64})
    frame = frame.join(budget_per_year(budget), on="jaar", how="left").join(
        spend_per_year(gebruik), on="jaar", how="left"
    )
    if strategy is not None:
        frame = frame.join(
            strategy.select("jaar", pl.col("kosten_met").alias("strategie")), on="jaar", how="left"
        )
    else:
        frame = frame.with_columns(pl.lit(None, pl.Float64).alias("strategie"))
    complete = pl.col("jaar").is_in(list(covered.complete))
    masked = pl.col("jaar").is_in(list(hidden))
    return (
        frame.with_columns(
            complete.alias("volledig"),
            pl.when(complete & (pl.col("begroting") > 0))
            .then((pl.col("gerealiseerd") - pl.col("begroting")) / pl.col("begroting") * 100)
            .otherwise(None)
            .alias("verschil_pct"),
        )
        .with_columns(
            pl.when(masked).then(None).otherwise(pl.col(c)).alias(c)
            for c in ("gerealiseerd", "verschil_pct")
        )
        .with_columns(masked.alias(suppression.FLAG), pl.lit(False).alias(suppression.SMALL))
    )


def budget_table(frame: pl.DataFrame) -> pl.DataFrame:
    """:func:`against_budget` for people: Dutch column names, exact euros (text where a
    year's spend is 'afgeschermd', else numbers a spreadsheet can add). The strategy's
    column only where it has a figure, as in the chart (never for one municipality)."""
    cents = frame.with_columns(pl.col("strategie", "gerealiseerd").round(2))
    shown = suppression.numbers_or_shown(cents, {"gerealiseerd": fmt.euro_exact}, "jeugdigen")
    strategy = frame["strategie"].is_not_null().any()
    return shown.select(
        pl.col("jaar").alias("Jaar"),
        *([pl.col("strategie").alias("Strategie verwachtte (€)")] if strategy else []),
        pl.col("begroting").alias("Begroting (€)"),
        pl.col("gerealiseerd").alias("Gerealiseerd (€)"),
        pl.when(pl.col("volledig"))
        .then(pl.lit("heel jaar"))
        .otherwise(pl.format("tot en met kwartaal {}", pl.col("tot")))
        .alias("Periode"),
        pl.col("verschil_pct").round(1).alias("Gerealiseerd t.o.v. begroting (%)"),
    )


def budget_takeaway(frame: pl.DataFrame, name: str) -> str:
    """The one-line conclusion: the last complete year against its budget."""
    done = frame.filter(pl.col("volledig") & pl.col("verschil_pct").is_not_null())
    if done.is_empty():
        return f"Voor {name} is er nog geen heel jaar met uitgaven én begroting."
    last = done.row(-1, named=True)
    over = last["verschil_pct"]
    direction = "meer" if over > 0 else "minder"
    text = (
        f"In {last['jaar']} gaf {name} {fmt.euro(last['gerealiseerd'])} uit aan jeugdhulp: "
        f"{fmt.percent(abs(over))} {direction} dan begroot ({fmt.euro(last['begroting'])})."
    )
    running = frame.filter(~pl.col("volledig") & pl.col("gerealiseerd").is_not_null())
    if running.height:
        now = running.row(-1, named=True)
        text += (
            f" {now['jaar']} loopt nog: tot en met kwartaal {now['tot']} is "
            f"{fmt.euro(now['gerealiseerd'])} uitgegeven (de lichte staaf)."
        )
    return text


def _key(gebruik: pl.DataFrame, codes: pl.DataFrame) -> pl.DataFrame:
    """Use per year, product category and volume unit: spend, volume and youths (the mean
    per quarter where the source counts per quarter)."""
    coded = gebruik.join(
        codes.select("productcode", "productcategorie"), on="productcode", how="left"
    )
    return usage.per_year(coded, ["productcategorie", "eenheid"], volume=True)


def _log_mean(a: float, b: float) -> float:
    return a if math.isclose(a, b) else (a - b) / (math.log(a) - math.log(b))


def decomposition(gebruik: pl.DataFrame, codes: pl.DataFrame, year0: int, year1: int) -> dict:
    """How spend changed from ``year0`` to ``year1``, split into :data:`EFFECTS` (euro);
    the values add up exactly to the change."""
    parts = _key(gebruik, codes)

    def of_year(year: int) -> dict[tuple, dict]:
        rows = parts.filter(pl.col("jaar") == year).iter_rows(named=True)
        return {(r["productcategorie"], r["eenheid"]): r for r in rows}

    before, after = of_year(year0), of_year(year1)
    empty = {"bedrag": 0.0, "jeugdigen": None, "volume": None}
    effects = dict.fromkeys(EFFECTS, 0.0)
    for key in before.keys() | after.keys():
        old, new = before.get(key, empty), after.get(key, empty)
        v0, v1 = old["bedrag"] or 0.0, new["bedrag"] or 0.0
        n0, n1, q0, q1 = old["jeugdigen"], new["jeugdigen"], old["volume"], new["volume"]
        if min(v0, v1) <= 0 or not all(x and x > 0 for x in (n0, n1, q0, q1)):
            effects["onverdeeld"] += v1 - v0
            continue
        weight = _log_mean(v1, v0)
        effects["jeugdigen"] += weight * math.log(n1 / n0)
        effects["zorg_per_jeugdige"] += weight * math.log((q1 / n1) / (q0 / n0))
        effects["prijs"] += weight * math.log((v1 / q1) / (v0 / q0))
    return effects


def decomposition_table(effects: dict, year0: int, year1: int) -> pl.DataFrame:
    """The split for people, with the total change as its last row; rounded to the cent
    so that the parts add up to the total as shown."""
    kept = {k: v for k, v in effects.items() if k != "onverdeeld" or v}
    cents = fmt.adding_up(list(kept.values()), 0.01)
    rows = [(EFFECTS[k], v) for k, v in zip(kept, cents, strict=True)]
    rows.append((f"Verschil {year0}–{year1}", sum(effects.values())))
    return pl.DataFrame(
        {"Deel": [r[0] for r in rows], "Bedrag (€)": [round(r[1], 2) for r in rows]},
        schema={"Deel": pl.String, "Bedrag (€)": pl.Float64},
    )


#: Where Kosten shows no spend for a year (:func:`components.common.disclosure.hidden_years`).
WITHHELD = (
    "De uitgaven van {name} in {jaren} zijn afgeschermd: minder dan "
    f"{SMALLEST_SHOWN} jeugdigen, of het "
    "regiototaal min de andere gemeenten zou zo'n klein aantal verraden. De begroting staat "
    "er wel."
)


NO_USE_DATA = (
    "Deze regio heeft (nog) geen gegevens over het gebruik en de uitgaven aangeleverd: de "
    "documenten geven alleen de plannen. Met een samengevoegde export van de declaraties "
    "(gebruik.csv), de productcodes en de begroting (budget.csv) laat deze pagina zien wat "
    "er werkelijk gebeurde; zie de README, 'Gebruik en uitgaven'."
)


def change_takeaway(effects: dict, year0: int, year1: int, name: str) -> str:
    """'Van 2024 naar 2025 stegen de uitgaven van … met € 1,2 mln: …'; the parts are
    rounded as they are written (to the euro, or to € 10.000 beside millions) so that they
    add up to the change as written."""
    total = sum(effects.values())
    grain = 10_000 if max(abs(v) for v in (total, *effects.values())) >= 1_000_000 else 1
    rounded = dict(zip(effects, fmt.adding_up(list(effects.values()), grain), strict=True))
    verb = "stegen" if total >= 0 else "daalden"
    parts = [
        f"{fmt.euro(abs(v), 2)} {'meer' if v >= 0 else 'minder'} door "
        + {"jeugdigen": "het aantal jeugdigen", "zorg_per_jeugdige": "de zorg per jeugdige",
           "prijs": "de prijs per eenheid", "onverdeeld": "producten die begonnen of stopten"}[k]
        for k, v in rounded.items()
        if v
    ]  # fmt: skip
    return (
        f"Van {year0} naar {year1} {verb} de uitgaven van {name} met "
        + f"{fmt.euro(abs(sum(rounded.values())), 2)}: "
        + "; ".join(parts)
        + "."
    )


def per_category(use: pl.DataFrame, codes: pl.DataFrame, year: int, gemeente: str) -> pl.DataFrame:
    """Youths and spend per national product category in ``year`` for one municipality or
    the region, with the total as the last row.

    Cells of fewer than 5 youths are hidden in the whole municipality × category table
    first, with every total any view shows (each municipality's, and the region's per
    category), so no hidden cell can be worked out by comparing the views
    (:mod:`components.data.suppression`). Youths are summed over providers (a youth with
    two providers counts twice) and, where the source counts per quarter, averaged over
    the quarters.
    """
    cells = disclosure.categories(use, codes, year)
    if gemeente == usage.ALL:
        shown = disclosure.region_categories(cells)
    else:
        hidden = disclosure.category_cells(cells)
        shown = hidden.filter(pl.col("gemeente") == gemeente).drop("gemeente")
    part = cells if gemeente == usage.ALL else cells.filter(pl.col("gemeente") == gemeente)
    total = part.select(
        pl.lit("Totaal").alias("productcategorie"),
        pl.col("jeugdigen").sum(),
        pl.col("bedrag").sum(),
    )
    rows = pl.concat(
        [shown.sort("productcategorie"), suppression.suppress(total, "jeugdigen", ["bedrag"])],
        how="diagonal_relaxed",
    ).select("productcategorie", "jeugdigen", "bedrag", suppression.FLAG, suppression.SMALL)
    named = rows.with_columns(
        pl.col("productcategorie").replace_strict(
            {**{k: f"{k} {v}" for k, v in PRODUCT_CATEGORIES.items()}, "Totaal": "Totaal"},
            default=pl.format("Productcategorie {}", pl.col("productcategorie")),
        )
    )
    return suppression.shown(
        named, {"jeugdigen": fmt.number, "bedrag": fmt.euro_exact}, "jeugdigen"
    ).rename(
        {"productcategorie": "Productcategorie", "jeugdigen": "Jeugdigen", "bedrag": "Uitgaven (€)"}
    )


CATEGORY_NOTE = (
    "Jeugdigen: per kwartaal, gemiddeld over het jaar, opgeteld over de aanbieders (wie zorg "
    f"van twee aanbieders krijgt, telt twee keer). Minder dan {SMALLEST_SHOWN} jeugdigen staat "
    f"er als '< {SMALLEST_SHOWN}', met de uitgaven 'afgeschermd'. Waar een totaal zo'n cel "
    "zou verraden, ook maar ten dele (bijvoorbeeld dat het er 4 zijn), zijn ook de kleinste "
    "andere cellen 'afgeschermd', ook op de pagina van een andere gemeente of de regio. Een "
    f"afgeschermde cel zonder '< {SMALLEST_SHOWN}' telt minstens {SMALLEST_SHOWN} jeugdigen."
)
