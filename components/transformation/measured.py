"""KPIs measured from the region's own use data, year by year (pure: no Streamlit).

Five measures the aggregated declarations (``gebruik`` with ``productcodes``) can give:
youths in care, the share of them with residential care (verblijf), the mean duration of
the trajectories that ended, and the trajectories started (inflow) and ended (outflow).
Complete years only: a running year is not compared with whole ones.

A KPI of the strategy names the measure that computes it (``kpis.meting``); where its
documents give no realisation, the last complete year's value fills it, with the export
as its source. ``jeugdigen_index`` is youths in care as a percentage of the KPI's base
year (the start of the contract, for a KPI such as "70% of the clients of 2023 in 2030").

Small numbers: a value resting on fewer than 5 youths or trajectories is not shown.
"""

from __future__ import annotations

import polars as pl

from components.common import fmt, usage
from components.data.vocabulary import MEASURES, SMALLEST_SHOWN

#: measure → (what it is in words, unit); the index is per KPI, not in the yearly table.
SHOWN = {key: value for key, value in MEASURES.items() if key != "jeugdigen_index"}
HIDDEN = f"< {SMALLEST_SHOWN}"


def per_year(gebruik: pl.DataFrame, codes: pl.DataFrame) -> pl.DataFrame:
    """Per complete year: jeugdigen, aandeel_verblijf (%), duur_beeindigd (days),
    instroom and uitstroom; a value resting on fewer than 5 youths or trajectories is
    null, with ``verborgen`` listing which."""
    complete = list(usage.coverage(gebruik).complete)
    use = gebruik.filter(pl.col("jaar").is_in(complete)).join(
        codes.select("productcode", "perceel"), on="productcode", how="left"
    )
    youths = usage.per_year(use, []).select("jaar", "jeugdigen")
    residential = (
        usage.per_year(use.filter(pl.col("perceel") == "verblijf"), [])
        .select("jaar", pl.col("jeugdigen").alias("verblijf"))
    )  # fmt: skip
    flows = use.group_by("jaar").agg(
        pl.col("trajecten_gestart").sum().alias("instroom"),
        pl.col("trajecten_beeindigd").sum().alias("uitstroom"),
        (
            (pl.col("duur_beeindigd_dagen") * pl.col("trajecten_beeindigd")).sum()
            / pl.col("trajecten_beeindigd")
            .filter(pl.col("duur_beeindigd_dagen").is_not_null())
            .sum()
        ).alias("duur_beeindigd"),
    )
    frame = (
        youths.join(residential, on="jaar", how="left")
        .join(flows, on="jaar", how="left")
        .with_columns(pl.col("verblijf").fill_null(0))
        .sort("jaar")
    )
    small = pl.lit(SMALLEST_SHOWN)
    return frame.select(
        "jaar",
        pl.when(pl.col("jeugdigen") >= small).then(pl.col("jeugdigen")).alias("jeugdigen"),
        pl.when((pl.col("verblijf") >= small) & (pl.col("jeugdigen") - pl.col("verblijf") >= small))
        .then(pl.col("verblijf") / pl.col("jeugdigen") * 100)
        .alias("aandeel_verblijf"),
        pl.when(pl.col("uitstroom") >= small)
        .then(pl.col("duur_beeindigd"))
        .alias("duur_beeindigd"),
        pl.when(pl.col("instroom") >= small).then(pl.col("instroom")).alias("instroom"),
        pl.when(pl.col("uitstroom") >= small).then(pl.col("uitstroom")).alias("uitstroom"),
    )


def _text(measure: str, value: float | None) -> str:
    if value is None:
        return HIDDEN
    unit = MEASURES[measure][1]
    if unit == "procent":
        return fmt.percent(value)
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
        values = frame[measure].to_list()
        rows.append(
            {
                "Meting": name,
                **{str(y): _text(measure, v) for y, v in zip(years, values, strict=True)},
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


def takeaway(frame: pl.DataFrame) -> str:
    """Youths in care and the residential share, first and last complete year."""
    if frame.height < 2:
        return "Er is nog maar één heel jaar: een trend volgt na het volgende jaar."
    first, last = frame.row(0, named=True), frame.row(-1, named=True)
    text = (
        f"In {last['jaar']} waren gemiddeld {_text('jeugdigen', last['jeugdigen'])} jeugdigen "
        f"in zorg, tegen {_text('jeugdigen', first['jeugdigen'])} in {first['jaar']}"
    )
    if last["aandeel_verblijf"] is not None and first["aandeel_verblijf"] is not None:
        text += (
            f"; {_text('aandeel_verblijf', last['aandeel_verblijf'])} had verblijf "
            f"({_text('aandeel_verblijf', first['aandeel_verblijf'])} in {first['jaar']})"
        )
    return text + "."


NOTE = (
    "Gemeten uit de samengevoegde declaraties, alleen hele jaren. Jeugdigen: per kwartaal, "
    "gemiddeld over het jaar, opgeteld over aanbieders en producten (wie twee producten "
    "krijgt, telt twee keer). Verblijf: het perceel van de productcode. Duur: gemiddeld over "
    f"de beëindigde trajecten, gewogen naar hun aantal. Rust een waarde op minder dan "
    f"{SMALLEST_SHOWN} jeugdigen of trajecten, dan staat er '{HIDDEN}'."
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
