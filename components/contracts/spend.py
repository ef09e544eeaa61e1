"""What each agreement has cost so far in its current term, against the time left on it
(pure: no Streamlit).

The product codes say under which agreement a product is bought (``productcodes.
overeenkomst_id``); the use export says what was spent per quarter (or year). The current
term is the contract period (looptijd, overbrugging, or an option that was used) running
at the end of the export's last quarter. The spend counted is that of the quarters (or
years) that start inside the term; at the same pace per day, the rest of the term would
add what the last column says: a straight line, not a forecast. Per municipality
(:func:`per_municipality`) in the region's terms, at the region's pace.

Spend on fewer than 5 youths is never shown (:mod:`components.data.suppression`): an
agreement's lot, or the agreement, whose youths stay under 5 in every year of the term has
its spend hidden, and so has the next smallest lot where the agreement's total would give
it away.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from components.common import fmt, usage
from components.common.fmt import Markdown, join, md
from components.data import suppression
from components.data.vocabulary import CONTRACT_KINDS, LOT_NAMES, SMALLEST_SHOWN

TOTAL = "Samen"
SERIES = {
    "uitgegeven": "Uitgegeven in deze looptijd",
    "tempo_tot_einde": "In hetzelfde tempo tot het einde",
}


def _period_end(year: int, quarter: int | None) -> dt.date:
    month = 12 if quarter is None else 3 * quarter
    return dt.date(year, month, 1).replace(day=31 if month in (3, 12) else 30)


def _term(perioden: pl.DataFrame, agreement: str, day: dt.date) -> dict | None:
    """The contract period of ``agreement`` running on ``day``."""
    running = perioden.filter(
        (pl.col("overeenkomst_id") == agreement)
        & (pl.col("soort").is_in(CONTRACT_KINDS) | (pl.col("besluit") == "gebruikt"))
        & (pl.col("start") <= day)
        & (pl.col("einde") >= day)
    )
    return running.row(0, named=True) if running.height else None


COLUMNS = {
    "overeenkomst_id": pl.String, "overeenkomst": pl.String, "perceel": pl.String,
    "perceel_id": pl.String, "start": pl.Date, "einde": pl.Date, "tot": pl.Date,
    "uitgegeven": pl.Float64, "voorbij_pct": pl.Float64, "dagen_over": pl.Int64,
    "tempo_tot_einde": pl.Float64, "jeugdigen": pl.Int64,
}  # fmt: skip
#: What the spend of a row says about its youths: hidden with them.
HIDE = ["uitgegeven", "tempo_tot_einde"]


def per_agreement(
    gebruik: pl.DataFrame,
    codes: pl.DataFrame,
    overeenkomsten: pl.DataFrame,
    perioden: pl.DataFrame,
) -> pl.DataFrame:
    """Per agreement and lot (and the agreement together where it has more lots): its
    current term, the spend in it so far, the share of the term passed, the days left, what
    the same pace would add up to by the end, and the most youths in one year of the term
    (averaged over quarters); hidden where that is under 5 (see the module). Empty without
    product codes that name an agreement or without use."""
    lots, wholes = _terms(gebruik, codes, overeenkomsten, perioden, [])
    return _ordered(
        overeenkomsten,
        suppression.suppress(lots, "jeugdigen", HIDE, totals_over=[["overeenkomst_id"]]),
        suppression.suppress(wholes, "jeugdigen", HIDE),
    )


def per_municipality(
    gebruik: pl.DataFrame,
    codes: pl.DataFrame,
    overeenkomsten: pl.DataFrame,
    perioden: pl.DataFrame,
) -> pl.DataFrame:
    """:func:`per_agreement` for every municipality (column ``gemeente``), in the region's
    terms and at the region's pace: hidden also where the region's lot or agreement minus
    the other municipalities would give a municipality's away."""
    lots, wholes = _terms(gebruik, codes, overeenkomsten, perioden, ["gemeente"])
    totals = [["gemeente", "overeenkomst_id"], ["overeenkomst_id", "perceel_id"]]
    return _ordered(
        overeenkomsten,
        suppression.suppress(lots, "jeugdigen", HIDE, totals_over=totals),
        suppression.suppress(wholes, "jeugdigen", HIDE, totals_over=[["overeenkomst_id"]]),
    )


def _terms(
    gebruik: pl.DataFrame,
    codes: pl.DataFrame,
    overeenkomsten: pl.DataFrame,
    perioden: pl.DataFrame,
    by: list[str],
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The rows per lot and the agreements' totals (where they have more lots), per ``by``."""
    schema = {column: pl.String for column in by} | COLUMNS
    coded = gebruik.join(
        codes.select("productcode", "overeenkomst_id", "perceel"), on="productcode", how="inner"
    ).filter(pl.col("overeenkomst_id").is_not_null())
    if coded.is_empty():
        return pl.DataFrame(schema=schema), pl.DataFrame(schema=schema)
    until = last_day(coded)
    names = dict(overeenkomsten.select("overeenkomst_id", "overeenkomst").iter_rows())
    lots, wholes = [], []
    for agreement in overeenkomsten.sort("volgorde")["overeenkomst_id"]:
        term = _term(perioden, agreement, until)
        own = coded.filter(pl.col("overeenkomst_id") == agreement)
        if term is None or own.is_empty():
            continue
        inside = own.filter(usage.period_start() >= term["start"])
        if inside.is_empty():
            continue
        # Counted from the first whole quarter (or year) in the term: the pace per day
        # is spend over the days it covers.
        counted = (until - inside.select(usage.period_start().min()).item()).days + 1
        passed = (until - term["start"]).days + 1
        length = (term["einde"] - term["start"]).days + 1
        left = (term["einde"] - until).days
        common = {
            "overeenkomst_id": agreement, "overeenkomst": names[agreement],
            "start": term["start"], "einde": term["einde"], "tot": until,
            "voorbij_pct": passed / length * 100, "dagen_over": left,
        }  # fmt: skip
        pace = left / counted  # what a euro spent per day so far adds by the end
        inside = inside.with_columns(pl.col("perceel").fill_null(""))
        per_lot = _spend_and_youths(inside, [*by, "perceel"])
        lots += [_row(common, r, r["perceel"], pace, by) for r in per_lot.iter_rows(named=True)]
        if inside["perceel"].n_unique() > 1:
            whole = _spend_and_youths(inside, by)
            wholes += [_row(common, r, None, pace, by) for r in whole.iter_rows(named=True)]
    return pl.DataFrame(lots, schema=schema), pl.DataFrame(wholes, schema=schema)


def _spend_and_youths(inside: pl.DataFrame, by: list[str]) -> pl.DataFrame:
    """Per ``by``: the spend in the term and the most youths in one year of it."""
    yearly = usage.per_year(inside, by)
    sums = [pl.col("bedrag").sum(), pl.col("jeugdigen").max()]
    return yearly.group_by(by).agg(*sums).sort(by) if by else yearly.select(*sums)


def _row(common: dict, row: dict, lot: str | None, pace: float, by: list[str]) -> dict:
    """A row of :func:`per_agreement`: ``lot`` as the product codes name it ("" for none),
    None for the agreement's total."""
    return common | {column: row[column] for column in by} | {
        "perceel": TOTAL if lot is None else LOT_NAMES.get(lot, lot or "–"), "perceel_id": lot,
        "uitgegeven": row["bedrag"], "tempo_tot_einde": row["bedrag"] * pace,
        "jeugdigen": row["jeugdigen"],
    }  # fmt: skip


def _ordered(overeenkomsten: pl.DataFrame, lots: pl.DataFrame, wholes: pl.DataFrame):
    """The rows in the agreements' order, each agreement's lots before its total."""
    order = {a: i for i, a in enumerate(overeenkomsten.sort("volgorde")["overeenkomst_id"])}
    return (
        pl.concat([lots, wholes])
        .with_columns(
            pl.col("overeenkomst_id")
            .replace_strict(order, return_dtype=pl.Int64)
            .alias("_volgorde"),
            (pl.col("perceel") == TOTAL).alias("_samen"),
        )
        .sort("_volgorde", "_samen", maintain_order=True)
        .drop("_volgorde", "_samen")
    )


def last_day(coded: pl.DataFrame) -> dt.date:
    """The last day of the export's last quarter (or year)."""
    last = coded.select(pl.col("jaar").max()).item()
    return _period_end(last, coded.filter(pl.col("jaar") == last)["kwartaal"].max())


def _left_text(days: int) -> str:
    years, months = divmod(round(days / 30.44), 12)
    parts = [f"{years} jaar"] if years else []
    if months:
        parts.append(f"{months} maand{'en' if months > 1 else ''}")
    return " en ".join(parts) or "minder dan een maand"


def table(frame: pl.DataFrame) -> pl.DataFrame:
    """For people: exact euros, the term and the time left in words. Where a cell is
    hidden the euro columns are text ('afgeschermd'), else numbers a spreadsheet can add."""
    euros = {"uitgegeven": fmt.euro_exact, "tempo_tot_einde": fmt.euro_exact}
    frame = frame.with_columns(pl.col(c).round(2) for c in euros)
    return suppression.numbers_or_shown(frame, euros, "jeugdigen").select(
        pl.col("overeenkomst").alias("Overeenkomst"),
        pl.col("perceel").alias("Perceel"),
        pl.format("{} t/m {}", pl.col("start").dt.year(), pl.col("einde").dt.year()).alias(
            "Huidige looptijd"
        ),
        pl.col("uitgegeven").alias("Uitgegeven in deze looptijd (€)"),
        pl.col("voorbij_pct").round(1).alias("Looptijd voorbij (%)"),
        pl.col("dagen_over").map_elements(_left_text, pl.String).alias("Nog te gaan"),
        pl.col("tempo_tot_einde").alias("In hetzelfde tempo tot het einde (€)"),
    )


def whole_agreements(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per agreement: its total where it has more lots, else its one lot."""
    return frame.filter((pl.col("perceel") == TOTAL) | pl.col("overeenkomst_id").is_unique())


def shown_agreements(frame: pl.DataFrame) -> pl.DataFrame:
    """:func:`whole_agreements` whose spend is shown (for the chart)."""
    return whole_agreements(frame).filter(~pl.col(suppression.FLAG))


HIDDEN_NOTE = (
    f"De uitgaven zijn afgeschermd: minder dan {SMALLEST_SHOWN} jeugdigen in elk jaar van de "
    "looptijd."
)


#: Where the terms' spend would give a hidden amount away (disclosure.term_spend_safe).
WITHHELD = (
    "De uitgaven per overeenkomst staan hier niet: de looptijd telt meerdere jaren, en min "
    "de uitgaven per jaar en per perceel op Kosten zou ze een afgeschermd bedrag (van minder "
    f"dan {SMALLEST_SHOWN} jeugdigen) verraden."
)


#: Where a municipality's terms would give a hidden amount away (term_spend_safe, municipal).
WITHHELD_MUNICIPAL = (
    "Voor {gemeente} staan hier de uitgaven van de hele regio: per gemeente zouden ze, naast "
    "de uitgaven per jaar op Kosten, een afgeschermd bedrag (van minder dan "
    f"{SMALLEST_SHOWN} jeugdigen) verraden."
)
NONE_FOR = "In de gegevens staan voor {gemeente} geen uitgaven onder deze overeenkomsten."


def takeaway(frame: pl.DataFrame) -> str:
    """The agreement with most spent in its current term, and how far that term is."""
    shown = shown_agreements(frame)
    if shown.is_empty():
        return HIDDEN_NOTE
    top = shown.sort("uitgegeven", descending=True).row(0, named=True)
    return (
        f"Tot en met {fmt.date(top['tot'])} ging {fmt.euro(top['uitgegeven'])} naar "
        f"{top['overeenkomst']} in de looptijd {top['start'].year}–{top['einde'].year}. "
        f"Die looptijd is voor {fmt.percent(top['voorbij_pct'], 0)} voorbij (nog "
        f"{_left_text(top['dagen_over'])}); in hetzelfde tempo komt er tot het einde "
        f"{fmt.euro(top['tempo_tot_einde'])} bij."
    )


def lines(frame: pl.DataFrame) -> Markdown:
    """Each agreement in a line: the chart where it cannot be read (a phone)."""

    def spent(r: dict) -> Markdown:
        if r[suppression.FLAG]:
            return md("uitgaven {}", suppression.MASKED)
        return md(
            "uitgegeven {}; in hetzelfde tempo tot het einde {}",
            fmt.euro(r["uitgegeven"]), fmt.euro(r["tempo_tot_einde"]),
        )  # fmt: skip

    return join(
        (
            md(
                "- **{}** ({}–{}, {} voorbij, nog {}): {}",
                r["overeenkomst"], r["start"].year, r["einde"].year,
                fmt.percent(r["voorbij_pct"], 0), _left_text(r["dagen_over"]), spent(r),
            )
            for r in whole_agreements(frame).iter_rows(named=True)
        ),
        "\n",
    )  # fmt: skip


NOTE = (
    "Per overeenkomst: de producten die de productcodelijst onder die overeenkomst schaart. "
    "Geteld vanaf de start van de looptijd die liep aan het eind van het laatste kwartaal met "
    "gegevens. 'In hetzelfde tempo' is een rechte lijn (uitgegeven per dag maal de dagen die "
    "resten), geen verwachting. Waar een perceel of overeenkomst in geen jaar van de looptijd "
    f"{SMALLEST_SHOWN} jeugdigen telt, zijn de uitgaven 'afgeschermd'; waar het totaal van de "
    "overeenkomst dat zou verraden, ook die van het kleinste andere perceel."
)
