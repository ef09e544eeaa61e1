"""KPI progress: how far each KPI has come from its baseline to its target (pure).

Progress is the share of the way from baseline to target, direction-aware, compared with
the share of the time that has passed; the verdict is a word ("op koers", "beweegt de
verkeerde kant op", "nog geen meting", ...) with a colour, never the colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from components.common import fmt
from components.common.fmt import Markdown, md
from components.common.tables import labelled


@dataclass(frozen=True)
class Verdict:
    """A traffic light: the word is the message, the colour and icon only repeat it."""

    code: str
    label: str  # the verdict in a sentence's words
    short: str  # the same in a few words, for a badge that must not be cut off
    colour: str  # a Streamlit badge colour
    icon: str  # a Material icon name


VERDICTS: dict[str, Verdict] = {
    v.code: v
    for v in (
        Verdict("gehaald", "streefwaarde gehaald", "gehaald", "green", "verified"),
        Verdict("op_koers", "op koers", "op koers", "green", "check_circle"),
        Verdict("goede_kant", "beweegt de goede kant op", "goede kant op", "green", "north_east"),
        Verdict("achter", "achter op schema", "achter op schema", "orange", "schedule"),
        Verdict("verkeerd", "beweegt de verkeerde kant op", "verkeerde kant op", "red", "warning"),
        Verdict("geen_streef", "geen streefwaarde bekend", "geen streefwaarde", "gray", "help"),
        Verdict("geen_basis", "geen beginwaarde bekend", "geen beginwaarde", "gray", "help"),
        Verdict("geen_meting", "nog geen meting", "nog geen meting", "gray", "hourglass_empty"),
    )
}
#: Order in which verdicts are listed: what needs attention first.
VERDICT_ORDER = (
    "verkeerd",
    "achter",
    "geen_meting",
    "geen_streef",
    "geen_basis",
    "goede_kant",
    "op_koers",
    "gehaald",
)
DIRECTION_WORDS = {"omhoog": "omhoog", "omlaag": "omlaag"}


@dataclass(frozen=True)
class Judgement:
    """The verdict on one KPI, with the numbers behind it."""

    code: str
    share: float | None  # share of the way from baseline to target (1.0 = target reached)
    expected: float | None  # share of the time from baseline year to target year passed
    explanation: str


def value_text(
    value: float | None, unit: str, year: int | None = None, decimals: int | None = None
) -> str:
    """A KPI value in its unit, with its year: '13,5% (2025)'.

    ``decimals`` keeps the values of one KPI alike ('13,0% → 13,5%', not '13% → 13,5%').
    """
    if value is None:
        return "–"
    if decimals is not None and unit in ("procent", "aantal"):
        text = fmt.number(value, decimals) + ("%" if unit == "procent" else "")
    else:
        text = fmt.figure(value, unit)
    return f"{text} ({year})" if year is not None else text


def kpi_decimals(row: dict) -> int:
    """The decimals the most precise of a KPI's values needs (0, 1 or 2)."""
    values = [row[c] for c in ("basiswaarde", "streefwaarde", "realisatie") if row[c] is not None]

    def needed(value: float) -> int:
        return next((d for d in (0, 1) if round(value, d) == round(value, 6)), 2)

    return max((needed(v) for v in values), default=0)


def _time_share(row: dict) -> float | None:
    start, end, now = row["basisjaar"], row["streefjaar"], row["realisatiejaar"]
    if start is None or end is None or now is None or end <= start:
        return None
    return min(max((now - start) / (end - start), 0.0), 1.0)


def judge(row: dict) -> Judgement:
    """Judge one KPI row (baseline, target, realisation and the desired direction).

    The order of the questions matters: without a measurement there is nothing to judge;
    a measurement on the wrong side of the baseline is reported as such even when no
    target is known (a council should hear that first); only then is progress computed.
    """
    base, target, real = row["basiswaarde"], row["streefwaarde"], row["realisatie"]
    unit, decimals = row["eenheid"], kpi_decimals(row)
    sign = 1 if row["gewenste_richting"] == "omhoog" else -1
    wanted = DIRECTION_WORDS[row["gewenste_richting"]]
    if real is None:
        goal = (
            f" Streefwaarde: {value_text(target, unit, row['streefjaar'], decimals)}."
            if target is not None
            else ""
        )
        return Judgement("geen_meting", None, None, f"Er is nog geen meting.{goal}")
    measured = value_text(real, unit, row["realisatiejaar"], decimals)
    if base is None:
        if target is not None and (real - target) * sign >= 0:
            return Judgement("gehaald", None, None, f"Meting {measured} haalt de streefwaarde al.")
        return Judgement(
            "geen_basis",
            None,
            None,
            f"Meting {measured}, maar zonder beginwaarde is de voortgang niet te bepalen.",
        )
    started = value_text(base, unit, row["basisjaar"], decimals)
    change = (real - base) * sign
    moved = "omhoog" if real > base else "omlaag"
    if change < 0:
        no_target = " Er is geen streefwaarde bekend." if target is None else ""
        return Judgement(
            "verkeerd",
            None,
            _time_share(row),
            f"Van {started} naar {measured}: {moved}, terwijl {wanted} de bedoeling is."
            + no_target,
        )
    if target is None:
        trend = (
            f"Van {started} naar {measured}: de goede kant op"
            if change > 0
            else f"Van {started} naar {measured}: geen verandering"
        )
        return Judgement(
            "geen_streef", None, None, f"{trend}, maar er is geen streefwaarde om aan af te meten."
        )
    distance = (target - base) * sign
    aimed = value_text(target, unit, row["streefjaar"], decimals)
    if distance <= 0:
        # A target at or behind the baseline: only 'reached or not' can be said.
        code = "gehaald" if (real - target) * sign >= 0 else "achter"
        return Judgement(code, None, None, f"Van {started} naar {measured}; streefwaarde {aimed}.")
    share = change / distance
    expected = _time_share(row)
    path = f"Van {started} naar {measured}; streefwaarde {aimed}."
    done = f" Dat is {fmt.percent(share * 100, 0)} van de weg naar de streefwaarde"
    if share >= 1:
        return Judgement("gehaald", share, expected, f"{path} De streefwaarde is gehaald.")
    if expected is None:
        return Judgement("goede_kant", share, None, f"{path}{done}.")
    timing = f", terwijl {fmt.percent(expected * 100, 0)} van de tijd voorbij is."
    code = "op_koers" if share >= expected else "achter"
    return Judgement(code, share, expected, f"{path}{done}{timing}")


def kpi_progress(kpis: pl.DataFrame) -> pl.DataFrame:
    """Every KPI with its verdict: ``oordeel`` (code), ``voortgang`` and ``verwacht`` (0–1),
    ``uitleg`` (one Dutch sentence) and ``voorlopig`` (the measurement is provisional).

    Sorted so that what needs attention comes first.
    """
    judged = [judge(row) for row in kpis.iter_rows(named=True)]
    order = {code: index for index, code in enumerate(VERDICT_ORDER)}
    return (
        kpis.with_columns(
            pl.Series("oordeel", [j.code for j in judged], dtype=pl.String),
            pl.Series("voortgang", [j.share for j in judged], dtype=pl.Float64),
            pl.Series("verwacht", [j.expected for j in judged], dtype=pl.Float64),
            pl.Series("uitleg", [j.explanation for j in judged], dtype=pl.String),
            (pl.col("realisatie_status") == "voorlopig").fill_null(False).alias("voorlopig"),
        )
        .with_columns(
            pl.col("oordeel").replace_strict(order, return_dtype=pl.Int64).alias("_volgorde")
        )
        .sort("_volgorde", "kpi_id")
        .drop("_volgorde")
    )


def kpi_note_rows(kpis: pl.DataFrame) -> pl.DataFrame:
    """The KPI rows for the source note, with a provisional measurement making the row
    provisional: the note then warns that the figures include provisional ones."""
    return kpis.with_columns(
        pl.when(pl.col("realisatie_status") == "voorlopig")
        .then(pl.lit("voorlopig"))
        .otherwise(pl.col("status"))
        .alias("status")
    )


def verdict_label(code: str, provisional: bool = False) -> str:
    """The verdict in words, with a provisional measurement said outright."""
    label = VERDICTS[code].label
    return f"{label} (voorlopige meting)" if provisional else label


def badge(code: str, provisional: bool = False) -> Markdown:
    """The verdict as Streamlit markdown badges: colour, icon and the words (short enough
    not to be cut off in a narrow column); a provisional measurement gets its own badge.
    """
    verdict = VERDICTS[code]
    text = f":{verdict.colour}-badge[:material/{verdict.icon}: {verdict.short}]"
    return Markdown(text + (" :violet-badge[voorlopige meting]" if provisional else ""))


def kpi_values(row: dict) -> str:
    """Baseline → measurement, and the target, in one line."""
    unit, decimals = row["eenheid"], kpi_decimals(row)

    def shown(value: str, year: str) -> str:
        return value_text(row[value], unit, row[year], decimals)

    measured = (
        shown("realisatie", "realisatiejaar")
        + (" VOORLOPIG" if row["realisatie_status"] == "voorlopig" else "")
        if row["realisatie"] is not None
        else "nog geen meting"
    )
    target = (
        shown("streefwaarde", "streefjaar")
        if row["streefwaarde"] is not None
        else "geen streefwaarde bekend"
    )
    start = shown("basiswaarde", "basisjaar") if row["basiswaarde"] is not None else "onbekend"
    return f"begin {start} · meting {measured} · streef {target}"


def kpi_markdown(row: dict) -> Markdown:
    """One KPI as the page lists it: name, values, verdict badge and explanation."""
    return md(
        "**{}** (gewenst: {})  \n{}  \n{} {}",
        row["kpi"],
        row["gewenste_richting"],
        kpi_values(row),
        badge(row["oordeel"], row["voorlopig"]),
        row["uitleg"],
    )


def unmeasured(progress: pl.DataFrame) -> list[str]:
    """Names of the KPIs that still lack a measurement."""
    return progress.filter(pl.col("oordeel") == "geen_meting")["kpi"].to_list()


def verdict_counts(progress: pl.DataFrame) -> dict[str, int]:
    """How many KPIs have each verdict (only verdicts that occur)."""
    counts = progress.group_by("oordeel").len(name="aantal")
    return {row["oordeel"]: row["aantal"] for row in counts.iter_rows(named=True)}


def progress_takeaway(progress: pl.DataFrame) -> str:
    """One sentence on where the KPIs stand: each verdict with its count."""
    if progress.is_empty():
        return "Voor deze regio zijn geen KPI's met begin- en streefwaarden bekend."
    counts = verdict_counts(progress)
    parts = [f"{VERDICTS[code].label}: {counts[code]}" for code in VERDICT_ORDER if code in counts]
    noun = "KPI" if progress.height == 1 else "KPI's"
    return f"{progress.height} {noun}. {'; '.join(parts).capitalize()}."


#: The columns of the KPI table, under the names people read.
PROGRESS_COLUMNS = {
    "kpi": "KPI",
    "eenheid": "Eenheid",
    "gewenste_richting": "Gewenste richting",
    "basiswaarde": "Beginwaarde",
    "basisjaar": "Beginjaar",
    "streefwaarde": "Streefwaarde",
    "streefjaar": "Streefjaar",
    "realisatie": "Meting",
    "realisatiejaar": "Meetjaar",
    "realisatie_status": "Status meting",
    "voortgang": "Deel van de weg (%)",
    "verwacht": "Deel van de tijd (%)",
    "oordeel": "Oordeel",
    "uitleg": "Uitleg",
    "notitie": "Toelichting",
}


def progress_table(progress: pl.DataFrame) -> pl.DataFrame:
    """The KPIs as the HTML table and the download show them (exact values)."""
    shown = progress.with_columns(
        (pl.col("voortgang") * 100).round(1),
        (pl.col("verwacht") * 100).round(1),
        pl.struct("oordeel", "voorlopig").map_elements(
            lambda s: verdict_label(s["oordeel"], s["voorlopig"]), pl.String
        ),
    )
    return labelled(shown, PROGRESS_COLUMNS)
