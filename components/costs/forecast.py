"""What the running year will cost: the spend so far extrapolated with the pattern of the
quarters in earlier years, and how far that was off before (pure: no Streamlit).

The method is the simplest a controller can check by hand. In each earlier complete year
the first N quarters carried a share of the year's spend; the expected total of the
running year is its spend up to quarter N divided by the mean of those shares. How
uncertain that is, is not guessed: the same forecast is made for each earlier year as it
could have been made then (after its quarter N, with only the years before it), and the
smallest and largest of those errors give the range. With fewer than two earlier complete
years there is no track record, and the range is not shown.

Per lot (perceel, from the product codes) and for all lots together, against the budget
of the running year where the budget is given per lot.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from components.common import fmt, usage
from components.common.fmt import md
from components.costs import realised
from components.data import suppression
from components.data.vocabulary import LOT_NAMES, SMALLEST_SHOWN

TOTAL = "Alle percelen"
METHOD = (
    "Verwachting: de uitgaven tot en met kwartaal {q}, gedeeld door het deel van de "
    "jaaruitgaven dat in eerdere hele jaren ({years}) in die kwartalen viel. De bandbreedte "
    "loopt tot de grootste afwijking naar beneden en naar boven die dezelfde berekening in "
    "eerdere jaren had, gemaakt na hun kwartaal {q} met alleen de jaren daarvoor."
)


@dataclass(frozen=True)
class Forecast:
    """The running year's expected total per lot, and the track record of all lots together
    (each lot's range comes from its own track record)."""

    year: int
    quarter: int  # the last quarter with data
    basis: tuple[int, ...]  # the complete years whose quarters give the pattern
    #: perceel, begroting, tot_nu, verwacht, laag, hoog, verwacht_pct (of the budget)
    lots: pl.DataFrame
    #: jaar, verwacht (as it could have been made then), werkelijk, afwijking_pct
    record: pl.DataFrame


def _quarterly(use: pl.DataFrame, codes: pl.DataFrame) -> pl.DataFrame:
    """Spend per year, quarter and lot, and for all lots together (:data:`TOTAL`)."""
    coded = use.join(codes.select("productcode", "perceel"), on="productcode", how="left")
    coded = coded.with_columns(pl.col("perceel").replace(LOT_NAMES))
    per_lot = coded.group_by("jaar", "kwartaal", "perceel").agg(pl.col("bedrag").sum())
    total = per_lot.group_by("jaar", "kwartaal").agg(
        pl.lit(TOTAL).alias("perceel"), pl.col("bedrag").sum()
    )
    return pl.concat([per_lot.drop_nulls("perceel"), total.select(per_lot.columns)])


def _expected(spend: pl.DataFrame, lot: str, year: int, quarter: int, basis: list[int]):
    """Spend of ``lot`` in ``year`` up to ``quarter``, and the year total it points to."""
    part = spend.filter(pl.col("perceel") == lot)
    so_far = part.filter((pl.col("jaar") == year) & (pl.col("kwartaal") <= quarter))
    shares = []
    for earlier in basis:
        whole = part.filter(pl.col("jaar") == earlier)
        total = whole["bedrag"].sum()
        if total > 0:
            shares.append(whole.filter(pl.col("kwartaal") <= quarter)["bedrag"].sum() / total)
    if not shares or so_far.is_empty():
        return None, None
    done = so_far["bedrag"].sum()
    return done, done / (sum(shares) / len(shares))


def forecast(
    use: pl.DataFrame,
    budget: pl.DataFrame,
    codes: pl.DataFrame,
    protected: pl.DataFrame | None = None,
) -> Forecast | None:
    """The forecast of the running year, or None: no running year, a source that counts
    per year (no quarters), or no earlier complete year counted per quarter. For a
    municipality, ``protected`` says which of its lots are hidden
    (:func:`components.common.disclosure.running_lots`: also against the region's lots);
    for the region, its lots are hidden against all lots together."""
    covered = usage.coverage(use)
    if covered.last_quarter is None:
        return None
    year, quarter = covered.last_year, covered.last_quarter
    quarterly = use.filter(pl.col("kwartaal").is_not_null())
    basis = [y for y in covered.complete if y < year and y in set(quarterly["jaar"].to_list())]
    if not basis:
        return None
    spend = _quarterly(quarterly, codes)
    this_year = budget.filter(pl.col("jaar") == year)
    plan: dict[str, float] = {}
    # Per lot only where every municipality gives its budget per lot; the total always
    # (a municipality's whole budget where it gives no lots, never both added up).
    if this_year.height and this_year["perceel"].is_not_null().all():
        lots_planned = this_year.with_columns(pl.col("perceel").replace(LOT_NAMES))
        plan = dict(lots_planned.group_by("perceel").agg(pl.col("bedrag").sum()).iter_rows())
    total = realised.budget_per_year(this_year)
    if total.height:
        plan[TOTAL] = total["begroting"][0]
    rows = []
    running = set(spend.filter(pl.col("jaar") == year)["perceel"].to_list())
    lots = [name for name in LOT_NAMES.values() if name in running]
    youths = _youths(quarterly.filter(pl.col("jaar") == year), codes)
    for lot in [*lots, TOTAL]:
        done, expected = _expected(spend, lot, year, quarter, basis)
        if expected is None:
            continue
        errors = _track_record(spend, lot, basis, quarter)["afwijking_pct"]
        # The range holds the expectation itself, also when every earlier error was one way.
        low, high = (min(errors.min(), 0), max(errors.max(), 0)) if errors.len() else (None, None)
        rows.append(
            {
                "perceel": lot,
                "begroting": plan.get(lot),
                "tot_nu": done,
                "verwacht": expected,
                "laag": None if low is None else expected * (1 + low / 100),
                "hoog": None if high is None else expected * (1 + high / 100),
                "jeugdigen": youths.get(lot, 0),
            }
        )
    lots_frame = pl.DataFrame(
        rows,
        schema={
            "perceel": pl.String, "begroting": pl.Float64, "tot_nu": pl.Float64,
            "verwacht": pl.Float64, "laag": pl.Float64, "hoog": pl.Float64,
            "jeugdigen": pl.Int64,
        },
    ).with_columns(
        (pl.col("verwacht") / pl.col("begroting") * 100).alias("verwacht_pct")
    )  # fmt: skip
    record = _track_record(spend, TOTAL, basis, quarter)
    return Forecast(year, quarter, tuple(basis), _hidden(lots_frame, protected), record)


def _youths(running: pl.DataFrame, codes: pl.DataFrame) -> dict[str, int]:
    """Youths per lot in the running year, and for all lots together (per quarter, averaged)."""
    coded = running.join(codes.select("productcode", "perceel"), on="productcode", how="left")
    per_lot = usage.per_year(coded.with_columns(pl.col("perceel").replace(LOT_NAMES)), ["perceel"])
    whole = usage.per_year(running, [])["jeugdigen"]
    return dict(per_lot.select("perceel", "jeugdigen").iter_rows()) | {
        TOTAL: whole[0] if whole.len() else 0
    }


#: What a lot's spend says about its youths: hidden with them (the budget is not).
SPEND = ["tot_nu", "verwacht", "laag", "hoog", "verwacht_pct"]


def _hidden(lots: pl.DataFrame, protected: pl.DataFrame | None) -> pl.DataFrame:
    """The lots with fewer than 5 youths in the running year hidden, and the next smallest
    where all lots together would give one away (or as ``protected`` says); all lots
    together where under 5 (:mod:`components.data.suppression`)."""
    part = pl.col("perceel") != TOTAL
    if protected is None:
        each = suppression.suppress(lots.filter(part), "jeugdigen", SPEND, totals_over=[[]])
    else:
        flags = protected.select(
            pl.col("perceel").replace(LOT_NAMES), suppression.FLAG, suppression.SMALL
        )
        each = suppression.masked(
            lots.filter(part)
            .join(flags, on="perceel", how="left")
            .with_columns(pl.col(suppression.FLAG, suppression.SMALL).fill_null(False)),
            ["jeugdigen", *SPEND],
        )
    return pl.concat([each, suppression.suppress(lots.filter(~part), "jeugdigen", SPEND)])


def _track_record(spend: pl.DataFrame, lot: str, basis: list[int], quarter: int) -> pl.DataFrame:
    """For each complete year with an earlier one: the forecast of ``lot`` as it could have
    been made after its ``quarter``, against what it turned out to be."""
    rows = []
    for i, year in enumerate(basis[1:], start=1):
        _, expected = _expected(spend, lot, year, quarter, basis[:i])
        actual = spend.filter((pl.col("perceel") == lot) & (pl.col("jaar") == year))["bedrag"].sum()
        if expected:
            rows.append((year, expected, actual, (actual - expected) / expected * 100))
    return pl.DataFrame(
        rows,
        schema={
            "jaar": pl.Int64, "verwacht": pl.Float64, "werkelijk": pl.Float64,
            "afwijking_pct": pl.Float64,
        },
        orient="row",
    )  # fmt: skip


def title(result: Forecast) -> str:
    return f"Wat {result.year} naar verwachting kost"


def takeaway(result: Forecast, name: str) -> str:
    """'Na kwartaal 3 van 2026 verwacht Voorbeeldregio € 28,4 mln uit te geven: …'."""
    total = result.lots.filter(pl.col("perceel") == TOTAL).row(0, named=True)
    if total[suppression.FLAG]:
        return (
            f"De uitgaven van {name} in {result.year} zijn afgeschermd: minder dan "
            f"{SMALLEST_SHOWN} jeugdigen."
        )
    text = (
        f"Na kwartaal {result.quarter} van {result.year} komen de uitgaven van {name} naar "
        f"verwachting uit op {fmt.euro(total['verwacht'])}"
    )
    if total["laag"] is not None:
        text += _between(total["laag"], total["hoog"])
    if total["verwacht_pct"] is not None:
        text += f": {fmt.percent(total['verwacht_pct'])} van de begroting"
        text += f" ({fmt.euro(total['begroting'])})"
    text += "."
    if result.record.height:
        worst = result.record["afwijking_pct"].abs().max()
        text += f" In eerdere jaren zat deze verwachting er hoogstens {fmt.percent(worst)} naast."
    else:
        text += " Er is nog geen eerder jaar om de verwachting aan te toetsen."
    return text


def _between(low: float, high: float) -> str:
    """' (tussen € 3,27 mln en € 3,31 mln)': with a second decimal where one would write the
    range as one amount ('tussen € 3,3 mln en € 3,3 mln'), and said so where that too."""
    for decimals in (1, 2):
        a, b = fmt.euro(low, decimals), fmt.euro(high, decimals)
        if a != b:
            return f" (tussen {a} en {b})"
    return f" (op minder dan {fmt.euro(10_000)} na)"


def explanation(result: Forecast) -> str:
    """The method, and how far the forecast of all lots together was off before."""
    years = ", ".join(str(y) for y in result.basis)
    text = METHOD.format(q=result.quarter, years=years)
    if result.record.height:
        text += f"\n\nZo ver zat de verwachting na kwartaal {result.quarter} er eerder naast:\n\n"
        text += record_list(result)
    return text


def lots_table(result: Forecast) -> pl.DataFrame:
    """The forecast per lot for people: exact euros, Dutch column names. Where a lot is
    hidden its figures are text ('afgeschermd'), else numbers a spreadsheet can add."""
    q = result.quarter
    lots = result.lots.with_columns(pl.col(c).round(1 if c == "verwacht_pct" else 2) for c in SPEND)
    formats = {c: fmt.euro_exact for c in SPEND} | {"verwacht_pct": fmt.percent_column}
    return suppression.numbers_or_shown(lots, formats, "jeugdigen").select(
        pl.col("perceel").alias("Perceel"),
        pl.col("begroting").round(2).alias(f"Begroting {result.year} (€)"),
        pl.col("tot_nu").alias(f"Uitgegeven t/m kwartaal {q} (€)"),
        pl.col("verwacht").alias("Verwacht jaartotaal (€)"),
        pl.col("laag").alias("Bandbreedte laag (€)"),
        pl.col("hoog").alias("Bandbreedte hoog (€)"),
        pl.col("verwacht_pct").alias("Verwacht t.o.v. begroting (%)"),
    )


def record_table(result: Forecast) -> pl.DataFrame:
    """How far the same forecast was off in earlier years."""
    return result.record.select(
        pl.col("jaar").alias("Jaar"),
        pl.col("verwacht").round(2).alias(f"Verwachting na kwartaal {result.quarter} (€)"),
        pl.col("werkelijk").round(2).alias("Werkelijk (€)"),
        pl.col("afwijking_pct").round(1).alias("Werkelijk t.o.v. verwachting (%)"),
    )


def record_list(result: Forecast) -> str:
    """The track record as Markdown lines, for the page and the handout."""
    return fmt.join(
        (
            md(
                "- {}: verwacht {}, werkelijk {} ({})",
                row["jaar"],
                fmt.euro(row["verwacht"]),
                fmt.euro(row["werkelijk"]),
                ("+" if row["afwijking_pct"] >= 0 else "−")
                + fmt.percent(abs(row["afwijking_pct"])),
            )
            for row in result.record.iter_rows(named=True)
        ),
        "\n",
    )
