"""KPIs measured from the region's own use data, year by year (pure: no Streamlit).

Five measures the aggregated declarations (``gebruik`` with ``productcodes``) can give:
youths in care, the share of them with residential care (verblijf), the mean duration of
the trajectories that ended, and the trajectories started (inflow) and ended (outflow).
Complete years only: a running year is not compared with whole ones.

A KPI of the strategy names the measure that computes it (``kpis.meting``); where its
documents give no realisation, the last complete year's value fills it, with the export
as its source. ``jeugdigen_index`` is youths in care as a percentage of the KPI's base
year (the start of the contract, for a KPI such as "70% of the clients of 2023 in 2030").

Per municipality or for the region (``?gemeente=`` in the link). Small numbers: a value
resting on fewer than 5 youths or trajectories is not shown ('< 5'), and for a
municipality neither is one that the region's total minus the other municipalities would
give away ('afgeschermd'). The residential share, of the region or a municipality, is
shown only in a year where that split, beside Kosten's split of the same youths by
product category and Aanbieders' by provider, gives no small count away
(:func:`disclosure.splits_safe`; the same check decides on the quadrants).
"""

from __future__ import annotations

import polars as pl

from components.common import disclosure, fmt, usage
from components.data import suppression
from components.data.vocabulary import MEASURES, SMALLEST_SHOWN

#: measure → (what it is in words, unit); the index is per KPI, not in the yearly table.
SHOWN = {key: value for key, value in MEASURES.items() if key != "jeugdigen_index"}


#: Suffix of the column that says a hidden measure rests on fewer than 5 ('< 5'), not
#: hidden to protect another municipality ('afgeschermd').
SMALL = "_klein"


def _shown(frame: pl.DataFrame, split_safe: pl.Expr) -> pl.DataFrame:
    """The measures of ``frame`` (counts with their ``_beschermd`` flags), each null where
    it rests on fewer than 5 or is protected; the residential share also where
    ``split_safe`` is false."""
    small = {c: pl.col(c).is_null() | (pl.col(c) < SMALLEST_SHOWN) for c in disclosure.COUNTS}
    value = {
        "jeugdigen": pl.col("jeugdigen"),
        "aandeel_verblijf": pl.col("verblijf") / pl.col("jeugdigen") * 100,
        "duur_beeindigd": pl.col("duur_beeindigd"),
        "instroom": pl.col("instroom"),
        "uitstroom": pl.col("uitstroom"),
    }
    columns = []
    for measure, counts in disclosure.RESTS_ON.items():
        too_small = pl.any_horizontal(small[c] for c in counts)
        hidden = too_small | pl.any_horizontal(pl.col(f"{c}_beschermd") for c in counts)
        if measure == "aandeel_verblijf":
            hidden = hidden | ~split_safe
        columns += [
            pl.when(hidden).then(None).otherwise(value[measure]).alias(measure),
            pl.when(hidden).then(too_small).alias(measure + SMALL),
        ]
    return frame.select("jaar", *columns)


def per_year(gebruik: pl.DataFrame, codes: pl.DataFrame, gemeente: str = usage.ALL) -> pl.DataFrame:
    """Per complete year, for the region or one municipality: jeugdigen, aandeel_verblijf
    (%), duur_beeindigd (days), instroom and uitstroom. A measure resting on fewer than 5
    youths or trajectories is null with ``<measure>_klein`` true; for a municipality, one
    that the region's total would give away is null too ('afgeschermd'), and so is the
    residential share in a year where, beside the other pages' tables, the split by lot
    would give a small count away (:func:`disclosure.splits_safe`)."""
    use = disclosure.complete_use(gebruik, codes)
    municipal = gemeente != usage.ALL
    if municipal:
        frame = disclosure.protected(disclosure.counts(use, ["gemeente"])).filter(
            pl.col("gemeente") == gemeente
        )
    else:
        frame = disclosure.counts(use, []).with_columns(
            pl.lit(False).alias(f"{c}_beschermd") for c in disclosure.COUNTS
        )
    years = frame["jaar"].to_list()
    safe = [year for year in years if disclosure.splits_safe(gebruik, codes, year, municipal)]
    return _shown(frame, pl.col("jaar").is_in(safe))


#: Where :func:`disclosure.splits_safe` is false for a municipality: the quadrant tab
#: shows the region.
WITHHELD = (
    "Voor {gemeente} staat hier de hele regio: per gemeente zou de indeling in kwadranten, "
    "naast de productcategorieën op Kosten, een aantal van minder dan "
    f"{SMALLEST_SHOWN} jeugdigen verraden."
)
#: Where it is false for the region itself.
WITHHELD_REGION = (
    "De gerealiseerde indeling in kwadranten in {jaar} staat hier niet: naast de "
    "productcategorieën op Kosten zou ze een aantal van minder dan "
    f"{SMALLEST_SHOWN} jeugdigen verraden."
)


def _text(measure: str, value: float | None, small: bool | None) -> str:
    """The value as shown; a hidden one as '< 5' (``small``) or 'afgeschermd'; '–' when
    the export does not give it (no durations)."""
    if value is None:
        return "–" if small is None else suppression.HIDDEN if small else suppression.MASKED
    unit = MEASURES[measure][1]
    if unit == "procent":
        return fmt.percent_column(value)
    return fmt.number(value, 0) + (" dagen" if unit == "dagen" else "")


def _trend(measure: str, values: list[float | None], years: list[int]) -> str:
    """From the first to the last shown year: 'omlaag (−6,4%)', 'omhoog', 'gelijk'."""
    known = [(y, v) for y, v in zip(years, values, strict=True) if v is not None]
    if len(known) < 2:
        return "–"
    (y0, v0), (_, v1) = known[0], known[-1]
    if MEASURES[measure][1] == "procent":
        change = f"{'+' if v1 >= v0 else '−'}{fmt.number(abs(v1 - v0), 1)} procentpunt"
    elif v0:
        change = f"{'+' if v1 >= v0 else '−'}{fmt.percent(abs(v1 - v0) / v0 * 100)}"
    else:
        change = ""
    word = "gelijk" if round(v1, 1) == round(v0, 1) else ("omhoog" if v1 > v0 else "omlaag")
    return f"{word} sinds {y0} ({change})" if change and word != "gelijk" else f"{word} sinds {y0}"


def table(frame: pl.DataFrame) -> pl.DataFrame:
    """The measures for people: one row per measure, a column per year, and the trend."""
    years = frame["jaar"].to_list()
    rows = []
    for measure, (name, _) in SHOWN.items():
        values, small = frame[measure].to_list(), frame[measure + SMALL].to_list()
        if all(v is None and k is None for v, k in zip(values, small, strict=True)):
            continue  # not measured here (no durations; a municipality's residential share)
        rows.append(
            {
                "Meting": name,
                **{
                    str(y): _text(measure, v, k)
                    for y, v, k in zip(years, values, small, strict=True)
                },
                "Trend": _trend(measure, values, years),
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "Meting": pl.String,
            **dict.fromkeys(map(str, years), pl.String),
            "Trend": pl.String,
        },
    )


def takeaway(frame: pl.DataFrame, place: str) -> str:
    """Youths in care and the residential share in ``place``, first and last complete year."""
    if frame.height < 2:
        return "Er is nog maar één heel jaar: een trend volgt na het volgende jaar."
    first, last = frame.row(0, named=True), frame.row(-1, named=True)

    def shown(row: dict, measure: str) -> str:
        return _text(measure, row[measure], row[measure + SMALL])

    text = (
        f"In {last['jaar']} waren in {place} gemiddeld {shown(last, 'jeugdigen')} jeugdigen in "
        f"zorg, tegen {shown(first, 'jeugdigen')} in {first['jaar']}"
    )
    if last["aandeel_verblijf"] is not None and first["aandeel_verblijf"] is not None:
        text += (
            f"; {shown(last, 'aandeel_verblijf')} had verblijf "
            f"({shown(first, 'aandeel_verblijf')} in {first['jaar']})"
        )
    return text + "."


NOTE = (
    "Gemeten uit de samengevoegde declaraties, alleen hele jaren. Jeugdigen: per kwartaal, "
    "gemiddeld over het jaar, opgeteld over aanbieders en producten (wie twee producten "
    "krijgt, telt twee keer). Verblijf: het perceel van de productcode. Duur: gemiddeld over "
    f"de beëindigde trajecten, gewogen naar hun aantal. Rust een waarde op minder dan "
    f"{SMALLEST_SHOWN} jeugdigen of trajecten, dan staat er '{suppression.HIDDEN}'; bij één "
    f"gemeente staat er '{suppression.MASKED}' waar het regiototaal min de andere gemeenten "
    "zo'n waarde zou verraden. Het aandeel met verblijf van één gemeente staat er alleen in "
    "een jaar waarin het, naast de productcategorieën op Kosten, geen aantal onder de 5 verraadt."
)


#: The weakest status among a year's rows is the measurement's status.
WEAKEST_FIRST = ("illustratief", "voorlopig", "afgeleid", "gepubliceerd")


def realisations(kpis: pl.DataFrame, frame: pl.DataFrame, gebruik: pl.DataFrame) -> pl.DataFrame:
    """The KPIs with a measure and no realisation from the documents get the last
    complete year's value (``frame``: :func:`per_year`), with the weakest status of the
    export's rows of that year; other KPIs are unchanged."""
    if frame.is_empty() or kpis.is_empty():
        return kpis
    last = frame.row(-1, named=True)
    statuses = set(gebruik.filter(pl.col("jaar") == last["jaar"])["status"].to_list())
    status = next(s for s in WEAKEST_FIRST if s in statuses)
    base_youths = dict(frame.select("jaar", "jeugdigen").iter_rows())
    rows = []
    for row in kpis.iter_rows(named=True):
        measure, value = row["meting"], None
        if measure == "jeugdigen_index":
            base = base_youths.get(row["basisjaar"])
            if base and last["jeugdigen"] is not None:
                value = last["jeugdigen"] / base * 100
        elif measure:
            value = last[measure]
        if row["realisatie"] is None and value is not None:
            note = f"Meting {last['jaar']} uit de eigen gegevens van de regio (gebruik)."
            row |= {
                "realisatie": round(value, 1),
                "realisatiejaar": last["jaar"],
                "realisatie_status": status,
                "notitie": f"{row['notitie']} {note}" if row["notitie"] else note,
            }
        rows.append(row)
    return pl.DataFrame(rows, schema=kpis.schema)
