"""What each agreement has cost so far in its current term, against the time left on it
(pure: no Streamlit).

The product codes say under which agreement a product is bought (``productcodes.
overeenkomst_id``); the use export says what was spent per quarter (or year). The current
term is the contract period (looptijd, overbrugging, or an option that was used) running
at the end of the export's last quarter. The spend counted is that of the quarters (or
years) that start inside the term; at the same pace per day, the rest of the term would
add what the last column says: a straight line, not a forecast.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from components.common import fmt
from components.common.fmt import Markdown, join, md
from components.data.vocabulary import CONTRACT_KINDS, LOT_NAMES

TOTAL = "Samen"
SERIES = {
    "uitgegeven": "Uitgegeven in deze looptijd",
    "tempo_tot_einde": "In hetzelfde tempo tot het einde",
}


def _period_end(year: int, quarter: int | None) -> dt.date:
    month = 12 if quarter is None else 3 * quarter
    return dt.date(year, month, 1).replace(day=31 if month in (3, 12) else 30)


def _period_start() -> pl.Expr:
    """The first day of a use row's quarter, or of its year."""
    month = pl.when(pl.col("kwartaal").is_null()).then(1).otherwise(3 * pl.col("kwartaal") - 2)
    return pl.date(pl.col("jaar"), month, 1)


def _term(perioden: pl.DataFrame, agreement: str, day: dt.date) -> dict | None:
    """The contract period of ``agreement`` running on ``day``."""
    running = perioden.filter(
        (pl.col("overeenkomst_id") == agreement)
        & (pl.col("soort").is_in(CONTRACT_KINDS) | (pl.col("besluit") == "gebruikt"))
        & (pl.col("start") <= day)
        & (pl.col("einde") >= day)
    )
    return running.row(0, named=True) if running.height else None


def per_agreement(
    gebruik: pl.DataFrame,
    codes: pl.DataFrame,
    overeenkomsten: pl.DataFrame,
    perioden: pl.DataFrame,
) -> pl.DataFrame:
    """Per agreement and lot (and the agreement together where it has more lots): its
    current term, the spend in it so far, the share of the term passed, the days left and
    what the same pace would add up to by the end. Empty without product codes that name
    an agreement or without use."""
    columns = {
        "overeenkomst_id": pl.String, "overeenkomst": pl.String, "perceel": pl.String,
        "start": pl.Date, "einde": pl.Date, "tot": pl.Date, "uitgegeven": pl.Float64,
        "voorbij_pct": pl.Float64, "dagen_over": pl.Int64, "tempo_tot_einde": pl.Float64,
    }  # fmt: skip
    coded = gebruik.join(
        codes.select("productcode", "overeenkomst_id", "perceel"), on="productcode", how="inner"
    ).filter(pl.col("overeenkomst_id").is_not_null())
    if coded.is_empty():
        return pl.DataFrame(schema=columns)
    last = coded.select(pl.col("jaar").max()).item()
    last_quarter = coded.filter(pl.col("jaar") == last)["kwartaal"].max()
    until = _period_end(last, last_quarter)
    names = dict(overeenkomsten.select("overeenkomst_id", "overeenkomst").iter_rows())
    rows = []
    for agreement in overeenkomsten.sort("volgorde")["overeenkomst_id"]:
        term = _term(perioden, agreement, until)
        own = coded.filter(pl.col("overeenkomst_id") == agreement)
        if term is None or own.is_empty():
            continue
        inside = own.filter(_period_start() >= term["start"])
        if inside.is_empty():
            continue
        # Counted from the first whole quarter (or year) in the term: the pace per day
        # is spend over the days it covers.
        counted = (until - inside.select(_period_start().min()).item()).days + 1
        per_lot = inside.group_by("perceel").agg(pl.col("bedrag").sum()).sort("perceel")
        lots = [(LOT_NAMES.get(lot, lot or "–"), spent) for lot, spent in per_lot.iter_rows()]
        if len(lots) > 1:
            lots.append((TOTAL, sum(spent for _, spent in lots)))
        passed = (until - term["start"]).days + 1
        length = (term["einde"] - term["start"]).days + 1
        left = (term["einde"] - until).days
        for lot, spent in lots:
            rows.append(
                {
                    "overeenkomst_id": agreement, "overeenkomst": names[agreement],
                    "perceel": lot, "start": term["start"], "einde": term["einde"],
                    "tot": until, "uitgegeven": spent,
                    "voorbij_pct": passed / length * 100, "dagen_over": left,
                    "tempo_tot_einde": spent / counted * left,
                }
            )  # fmt: skip
    return pl.DataFrame(rows, schema=columns)


def _left_text(days: int) -> str:
    years, months = divmod(round(days / 30.44), 12)
    parts = [f"{years} jaar"] if years else []
    if months:
        parts.append(f"{months} maand{'en' if months > 1 else ''}")
    return " en ".join(parts) or "minder dan een maand"


def table(frame: pl.DataFrame) -> pl.DataFrame:
    """For people: exact euros, the term and the time left in words."""
    return frame.select(
        pl.col("overeenkomst").alias("Overeenkomst"),
        pl.col("perceel").alias("Perceel"),
        pl.format("{} t/m {}", pl.col("start").dt.year(), pl.col("einde").dt.year()).alias(
            "Huidige looptijd"
        ),
        pl.col("uitgegeven").round(2).alias("Uitgegeven in deze looptijd (€)"),
        pl.col("voorbij_pct").round(1).alias("Looptijd voorbij (%)"),
        pl.col("dagen_over").map_elements(_left_text, pl.String).alias("Nog te gaan"),
        pl.col("tempo_tot_einde").round(2).alias("In hetzelfde tempo tot het einde (€)"),
    )


def whole_agreements(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per agreement: its total where it has more lots, else its one lot."""
    return frame.filter((pl.col("perceel") == TOTAL) | pl.col("overeenkomst_id").is_unique())


def takeaway(frame: pl.DataFrame) -> str:
    """The agreement with most spent in its current term, and how far that term is."""
    top = whole_agreements(frame).sort("uitgegeven", descending=True).row(0, named=True)
    return (
        f"Tot en met {fmt.date(top['tot'])} ging {fmt.euro(top['uitgegeven'])} naar "
        f"{top['overeenkomst']} in de looptijd {top['start'].year}–{top['einde'].year}. "
        f"Die looptijd is voor {fmt.percent(top['voorbij_pct'], 0)} voorbij (nog "
        f"{_left_text(top['dagen_over'])}); in hetzelfde tempo komt er tot het einde "
        f"{fmt.euro(top['tempo_tot_einde'])} bij."
    )


def lines(frame: pl.DataFrame) -> Markdown:
    """Each agreement in a line: the chart where it cannot be read (a phone)."""
    return join(
        (
            md(
                "- **{}** ({}–{}, {} voorbij, nog {}): uitgegeven {}; in hetzelfde tempo tot "
                "het einde {}",
                r["overeenkomst"], r["start"].year, r["einde"].year,
                fmt.percent(r["voorbij_pct"], 0), _left_text(r["dagen_over"]),
                fmt.euro(r["uitgegeven"]), fmt.euro(r["tempo_tot_einde"]),
            )
            for r in whole_agreements(frame).iter_rows(named=True)
        ),
        "\n",
    )  # fmt: skip


NOTE = (
    "Per overeenkomst: de producten die de productcodelijst onder die overeenkomst schaart. "
    "Geteld vanaf de start van de looptijd die liep aan het eind van het laatste kwartaal met "
    "gegevens. 'In hetzelfde tempo' is een rechte lijn (uitgegeven per dag maal de dagen die "
    "resten), geen verwachting."
)
