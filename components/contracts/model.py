"""The contract calendar: periods per agreement, end dates and decision moments (pure).

A council asks two things of its contract calendar: which agreements run when, and when
must it decide again. This module answers both from the ``overeenkomsten``, ``perioden``
and ``fasen`` extracts, without Streamlit, so every answer is tested with a fixed "today".

Definitions used on the page (and in the tests):

- **huidige einddatum**: the end of the last contract period (looptijd or overbrugging),
  as the calendar was published: options are not counted.
- **uiterste einddatum**: the end of the last period if every option is used.
- **beslismoment**: the end of the last contract period before an option (use the option
  or procure again), or the final end when there is no option (procure again). When
  options follow each other, the end of each option but the last is a further moment.
- An agreement whose last period is a transfer (``overdracht``) or a running procurement
  (``inkooptraject``) has no end date: the page says what is going on instead.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

import polars as pl

from components.common import fmt
from components.common.fmt import Markdown, join, md
from components.common.provenance import stack
from components.data.vocabulary import (
    CONTRACT_KINDS,
    DOMAIN_LABELS,
    DOMAINS,
    JOINT_DOMAIN,
    OPEN_ENDED_KINDS,
)

#: Period kinds in the order of the legend, with the words a council member reads.
KIND_LABELS = {
    "looptijd": "Contractperiode",
    "overbrugging": "Overbruggingscontract",
    "optie": "Optie tot verlenging",
    "overdracht": "Overgedragen aan een andere organisatie",
    "inkooptraject": "Inkooptraject",
}
#: How each kind is drawn on the timeline, in words (contracts/charts.py KIND_STYLES draws it).
KIND_PATTERNS = {
    "looptijd": "effen",
    "overbrugging": "gestippeld",
    "optie": "schuin gestreept",
    "overdracht": "geruit",
    "inkooptraject": "horizontaal gestreept",
}
#: Kinds whose term is in the glossary, linked from the legend sentence.
KIND_TERMS = {"optie": "optie tot verlenging", "overbrugging": "overbruggingscontract"}
NOT_COVERED = (
    "De documenten van deze regio geven geen contractkalender: geen overeenkomsten met hun "
    "looptijden, opties of einddata. Daarom staan hier geen tijdlijn en geen beslismomenten."
)
DEFINITIONS = Markdown(
    "**Huidige einddatum**: het einde van de laatste contractperiode, zonder opties. "
    "**Uiterste einddatum**: het einde als elke "
    "[optie tot verlenging](/begrippen?zoek=optie%20tot%20verlenging) wordt gebruikt. "
    "**Beslismoment**: het einde van de laatste periode vóór een optie (verlengen of opnieuw "
    "inkopen), of het einde van het contract als er geen optie is (opnieuw inkopen)."
)
#: The extracts the page reads.
EXTRACTS = ("regio", "overeenkomsten", "perioden", "fasen", "verschillen", "segmenten", "bronnen")
#: Windows for the decision list (months, as written in the URL); the first is the default.
WINDOW_LABELS = {str(m): f"{m} maanden" for m in (24, 6, 12, 36, 60)}
ALL_DOMAINS = "alle"
DOMAIN_CHOICES = {ALL_DOMAINS: "Jeugd en Wmo", **DOMAIN_LABELS}
#: 'Count from' choices. Short: the dates themselves are in the sentence above the filters.
REFERENCE_LABELS = {"vandaag": "vandaag", "kalender": "peildatum"}
#: What the line on the timeline is called for each choice of 'count from'.
LINE_LABELS = {"vandaag": "Vandaag", "kalender": "Peildatum kalender"}
PHASE_LABELS = {"fase": "Fasen", "mijlpaal": "Mijlpalen"}

DECIDE_OPTION = "Optie gebruiken (verlengen) of opnieuw inkopen"
DECIDE_NEXT_OPTION = "Volgende optie gebruiken of opnieuw inkopen (als de vorige optie is gebruikt)"
DECIDE_PROCURE = "Opnieuw inkopen: er is geen optie tot verlenging"
NO_PERIODS = "Onbekend: de kalender noemt geen perioden voor deze overeenkomst"
NO_CONTRACT_PERIOD = "Onbekend: de kalender noemt geen contractperiode met een einddatum"


def glossary(term: str) -> Markdown:
    """A markdown link to the term in the glossary page (Begrippen)."""
    return Markdown(f"[{term}](/begrippen?zoek={quote(term)})")


def contracts_label(contracts: int | None, municipalities: int | None) -> str:
    """'167 contracten × 6 gemeenten', in singular where needed; unknown parts said so."""
    if contracts is None and municipalities is None:
        return "aantal contracten onbekend"
    left = (
        "? contracten"
        if contracts is None
        else f"{fmt.number(contracts)} {'contract' if contracts == 1 else 'contracten'}"
    )
    right = (
        "? gemeenten"
        if municipalities is None
        else f"{fmt.number(municipalities)} {'gemeente' if municipalities == 1 else 'gemeenten'}"
    )
    return f"{left} × {right}"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the last day of the month when it does not exist)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def domains_present(overeenkomsten: pl.DataFrame) -> list[str]:
    """The domains the region's calendar has, in the contract's order (jeugd, wmo)."""
    present = set(overeenkomsten["domein"].to_list())
    return [domain for domain in DOMAIN_LABELS if domain in present]


def domain_options(overeenkomsten: pl.DataFrame) -> list[str]:
    """Choices of the domain filter: all, then each law the calendar has agreements for (an
    agreement for both laws counts for each)."""
    present = set(domains_present(overeenkomsten))
    if JOINT_DOMAIN in present:
        present |= set(DOMAINS)
    return [ALL_DOMAINS, *(domain for domain in DOMAINS if domain in present)]


def chosen_domains(choice: str) -> list[str]:
    """The domains a filter choice stands for (empty = all): a law and the joint agreements."""
    return [] if choice == ALL_DOMAINS else [choice, JOINT_DOMAIN]


def kinds_present(perioden: pl.DataFrame) -> list[str]:
    """The period kinds the region's calendar has, in legend order."""
    present = set(perioden["soort"].to_list())
    return [kind for kind in KIND_LABELS if kind in present]


def calendar_date(perioden: pl.DataFrame) -> dt.date | None:
    """The reference date of the calendar: the latest peildatum of its periods."""
    return perioden["peildatum"].max() if perioden.height else None


def periods(
    overeenkomsten: pl.DataFrame,
    perioden: pl.DataFrame,
    *,
    domains: Sequence[str] = (),
    kinds: Sequence[str] = (),
) -> pl.DataFrame:
    """One row per period with its agreement, in calendar order (domain, volgorde, start).

    Empty ``domains`` or ``kinds`` means all. Adds ``contracten`` (the row label) and
    ``open_einde`` (a transfer or running procurement without an end date).
    """
    labels = [
        contracts_label(contracts, municipalities)
        for contracts, municipalities in zip(
            overeenkomsten["aantal_contracten"], overeenkomsten["aantal_gemeenten"], strict=True
        )
    ]
    agreements = overeenkomsten.select(
        "overeenkomst_id", "overeenkomst", "domein", "volgorde"
    ).with_columns(pl.Series("contracten", labels, dtype=pl.String))
    frame = perioden.join(agreements, on="overeenkomst_id", how="inner")
    if domains:
        frame = frame.filter(pl.col("domein").is_in(list(domains)))
    if kinds:
        frame = frame.filter(pl.col("soort").is_in(list(kinds)))
    domain_order = pl.col("domein").replace_strict(
        {d: i for i, d in enumerate(DOMAIN_LABELS)}, default=len(DOMAIN_LABELS)
    )
    return frame.with_columns(
        open_einde=pl.col("einde").is_null() & pl.col("soort").is_in(OPEN_ENDED_KINDS)
    ).sort(domain_order, "volgorde", "overeenkomst_id", "start")


def shown_label(period: dict) -> str:
    """The period as the source writes it, with the decision on an option: 'Optie (gebruikt)'."""
    return f"{period['label']} ({period['besluit']})" if period["besluit"] else period["label"]


def period_table(frame: pl.DataFrame) -> pl.DataFrame:
    """The timeline as a table for people: one row per period, Dutch column names."""
    return frame.select(
        pl.col("overeenkomst").alias("Overeenkomst"),
        pl.col("domein").replace_strict(DOMAIN_LABELS, default=pl.col("domein")).alias("Wet"),
        pl.col("contracten").alias("Contracten × gemeenten"),
        pl.col("soort").replace_strict(KIND_LABELS, default=pl.col("soort")).alias("Soort"),
        pl.col("start").alias("Start"),
        pl.col("einde").alias("Einde"),
        pl.col("label").alias("Zoals in de bron"),
        pl.col("besluit").alias("Besluit over de optie"),
        pl.col("besluitdatum").alias("Besloten op"),
        pl.col("status").alias("Status"),
    )


def year_span(*frames: pl.DataFrame) -> tuple[int, int] | None:
    """First and last calendar year any start or end date of the frames falls in."""
    years: list[int] = []
    for frame in frames:
        for column in ("start", "einde"):
            if column in frame.columns and frame.height:
                years += [d.year for d in frame[column].drop_nulls().to_list()]
    return (min(years), max(years)) if years else None


def phase_at(fasen: pl.DataFrame, today: dt.date) -> dict | None:
    """The contract phase (soort 'fase') that ``today`` falls in, or None."""
    hits = fasen.filter(
        (pl.col("soort") == "fase") & (pl.col("start") <= today) & (pl.col("einde") >= today)
    ).sort("volgorde")
    return hits.row(0, named=True) if hits.height else None


def year_range_text(start: dt.date, end: dt.date | None) -> str:
    """'2026–2030', '2022', or 'vanaf 2024' for an open end."""
    if end is None:
        return f"vanaf {start.year}"
    return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"


@dataclass(frozen=True)
class Decision:
    """What the calendar says about one agreement's end and the decision it needs."""

    overeenkomst_id: str
    overeenkomst: str
    domein: str
    huidig_einde: dt.date | None
    uiterst_einde: dt.date | None
    beslismoment: dt.date | None
    besluit: str
    vervolg: tuple[dt.date, ...]
    """Further decision moments: the end of each option that another option follows."""
    besloten: tuple[tuple[dt.date, str], ...] = ()
    """Decisions already taken on options: when (the date, else the moment it was due), what."""


def _taken(rows: list[dict]) -> tuple[tuple[dt.date, str], ...]:
    """The options decided on, each with its date (or the end of the period before it)."""
    taken = []
    for index, row in enumerate(rows):
        if row["soort"] != "optie" or not row["besluit"]:
            continue
        due = next((r["einde"] for r in reversed(rows[:index]) if r["einde"]), row["start"])
        when = row["besluitdatum"] or due
        if row["besluit"] == "gebruikt":
            what = f"Besloten: optie gebruikt, verlengd tot {fmt.date(row['einde'])}"
        else:
            what = "Besloten: optie niet gebruikt"
        taken.append(
            (when, what + (f" (op {fmt.date(row['besluitdatum'])})" if row["besluitdatum"] else ""))
        )
    return tuple(taken)


def _decision(agreement: dict, rows: list[dict]) -> Decision:
    rows = sorted(rows, key=lambda r: r["start"])
    taken = _taken(rows)

    def decided(besluit: str, current: dt.date | None = None, **more) -> Decision:
        """The decision on this agreement; without a date to decide on unless given."""
        when = {"uiterst_einde": None, "beslismoment": None, "vervolg": (), **more}
        return Decision(
            overeenkomst_id=agreement["overeenkomst_id"],
            overeenkomst=agreement["overeenkomst"],
            domein=agreement["domein"],
            huidig_einde=current,
            besluit=besluit,
            besloten=taken,
            **when,
        )

    if not rows:
        return decided(NO_PERIODS)
    # An option used is part of the contract now; one not used will never run.
    running = [
        r for r in rows
        if r["einde"] and (r["soort"] in CONTRACT_KINDS or r["besluit"] == "gebruikt")
    ]  # fmt: skip
    current_end = max((r["einde"] for r in running), default=None)
    rows = [r for r in rows if r["besluit"] != "niet gebruikt"] or rows
    last = rows[-1]
    if last["soort"] in OPEN_ENDED_KINDS:
        return decided(open_end_text(last), current_end)
    if current_end is None:
        return decided(NO_CONTRACT_PERIOD)
    later_options = [
        r for r in rows
        if r["soort"] == "optie" and not r["besluit"] and r["einde"]
        and r["start"] > current_end
    ]  # fmt: skip
    return decided(
        DECIDE_OPTION if later_options else DECIDE_PROCURE,
        current_end,
        uiterst_einde=max((r["einde"] for r in rows if r["einde"]), default=None),
        beslismoment=current_end,
        vervolg=tuple(r["einde"] for r in later_options[:-1]),
    )


def open_end_text(period: dict) -> str:
    """What a transfer or running procurement means for decisions, with the source's words."""
    since = fmt.month(period["start"])
    if period["soort"] == "overdracht":
        return f"Geen: de taak is overgedragen ({period['label']}, sinds {since})"
    return (
        f"{period['label']} (sinds {since}); wanneer het nieuwe contract ingaat, "
        "staat niet in de bron"
    )


def decisions(overeenkomsten: pl.DataFrame, perioden: pl.DataFrame) -> list[Decision]:
    """Per agreement (calendar order): current end, latest end, decision moment."""
    by_agreement: dict[str, list[dict]] = {}
    for row in perioden.iter_rows(named=True):
        by_agreement.setdefault(row["overeenkomst_id"], []).append(row)
    ordered = overeenkomsten.sort(
        pl.col("domein").replace_strict(
            {d: i for i, d in enumerate(DOMAIN_LABELS)}, default=len(DOMAIN_LABELS)
        ),
        "volgorde",
        "overeenkomst_id",
    )
    return [
        _decision(agreement, by_agreement.get(agreement["overeenkomst_id"], []))
        for agreement in ordered.iter_rows(named=True)
    ]


def decision_table(items: Sequence[Decision]) -> pl.DataFrame:
    """Per agreement, as a table for people (Dutch column names, exact dates)."""
    return pl.DataFrame(
        {
            "Overeenkomst": [d.overeenkomst for d in items],
            "Wet": [DOMAIN_LABELS.get(d.domein, d.domein) for d in items],
            "Huidige einddatum": [d.huidig_einde for d in items],
            "Uiterste einddatum (alle opties gebruikt)": [d.uiterst_einde for d in items],
            "Beslismoment": [d.beslismoment for d in items],
            "Wat moet er besloten worden": [d.besluit for d in items],
        },
        schema={
            "Overeenkomst": pl.String,
            "Wet": pl.String,
            "Huidige einddatum": pl.Date,
            "Uiterste einddatum (alle opties gebruikt)": pl.Date,
            "Beslismoment": pl.Date,
            "Wat moet er besloten worden": pl.String,
        },
    )


def moments(items: Sequence[Decision]) -> pl.DataFrame:
    """Every decision moment (first ones and those after an option), ordered by date."""
    rows = []
    for item in items:
        if item.beslismoment is not None:
            rows.append((item.beslismoment, item.overeenkomst, item.domein, item.besluit))
        rows += [(day, item.overeenkomst, item.domein, DECIDE_NEXT_OPTION) for day in item.vervolg]
        rows += [(day, item.overeenkomst, item.domein, what) for day, what in item.besloten]
    return pl.DataFrame(
        rows,
        schema={
            "datum": pl.Date,
            "overeenkomst": pl.String,
            "domein": pl.String,
            "besluit": pl.String,
        },
        orient="row",
    ).sort("datum", "overeenkomst")


def upcoming(moments_frame: pl.DataFrame, *, today: dt.date, months: int) -> pl.DataFrame:
    """Decision moments from ``today`` up to and including ``months`` later, by date."""
    until = add_months(today, months)
    return moments_frame.filter(pl.col("datum").is_between(today, until)).sort(
        "datum", "overeenkomst"
    )


def passed_since(
    moments_frame: pl.DataFrame, *, since: dt.date | None, today: dt.date
) -> pl.DataFrame:
    """Decision moments after the calendar's reference date (every one, when the calendar
    has none) but before today.

    What was decided then is not in the calendar: the page says so instead of guessing.
    """
    after = pl.col("datum") > since if since is not None else pl.lit(True)
    return moments_frame.filter(after & (pl.col("datum") < today)).sort("datum", "overeenkomst")


def moment_lines(moments_frame: pl.DataFrame) -> list[Markdown]:
    """'31 december 2030 — Ambulante jeugdhulp (Jeugdhulp): …' per moment, for a list."""
    return [
        md(
            "**{}** — {} ({}): {}",
            fmt.date(row["datum"]),
            row["overeenkomst"],
            DOMAIN_LABELS.get(row["domein"], row["domein"]),
            row["besluit"].lower(),
        )
        for row in moments_frame.iter_rows(named=True)
    ]


def _names(names: Sequence[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


def takeaway(moments_frame: pl.DataFrame, *, today: dt.date, calendar_day: dt.date | None) -> str:
    """The page headline: the next decision moment from ``today`` on, in one sentence."""
    ahead = moments_frame.filter(pl.col("datum") >= today).sort("datum", "overeenkomst")
    published = f"de kalender van {fmt.date(calendar_day)}" if calendar_day else "de kalender"
    if ahead.is_empty():
        return f"Na {fmt.date(today)} staat er geen beslismoment meer in {published}."
    first = ahead.filter(pl.col("datum") == ahead["datum"][0])
    choices = set(first["besluit"].to_list())
    choice = choices.pop().lower() if len(choices) == 1 else "verlengen of opnieuw inkopen"
    return (
        f"Het eerstvolgende beslismoment is {fmt.date(first['datum'][0])} "
        f"({_names(first['overeenkomst'].to_list())}): {choice}."
    )


# --- What the page says around the chart -------------------------------------------------


def not_covered_takeaway(region_name: str) -> str:
    """The headline when a region has no contract calendar."""
    return f"De documenten van {region_name} geven geen contractkalender."


def known_durations(segmenten: pl.DataFrame) -> pl.DataFrame:
    """Segments whose source names a contract length (what a region without a calendar has)."""
    return segmenten.filter(pl.col("contractduur").is_not_null()).sort("volgorde")


def durations_table(segments: pl.DataFrame) -> pl.DataFrame:
    """Contract length per segment, for people."""
    return segments.select(
        pl.col("segment").alias("Segment"),
        pl.col("inkoopvorm").alias("Inkoopvorm"),
        pl.col("contractduur").alias("Contractduur"),
    )


def reference_day(choice: str, today: dt.date, calendar_day: dt.date | None) -> dt.date:
    """The date the page treats as today: the real date, or the calendar's peildatum."""
    return calendar_day if choice == "kalender" and calendar_day is not None else today


def in_view(overeenkomsten: pl.DataFrame, view: pl.DataFrame) -> pl.DataFrame:
    """The agreements that have at least one period in the filtered view."""
    return overeenkomsten.filter(
        pl.col("overeenkomst_id").is_in(view["overeenkomst_id"].unique().to_list())
    )


def in_domains(overeenkomsten: pl.DataFrame, domains: Sequence[str]) -> pl.DataFrame:
    """The agreements of the chosen domains (empty = all)."""
    return (
        overeenkomsten.filter(pl.col("domein").is_in(list(domains))) if domains else overeenkomsten
    )


def decision_rows(
    items: Sequence[Decision], overeenkomsten: pl.DataFrame, perioden: pl.DataFrame
) -> pl.DataFrame:
    """The extract rows behind the decisions (for their source note)."""
    ids = [item.overeenkomst_id for item in items]
    return stack(
        overeenkomsten.filter(pl.col("overeenkomst_id").is_in(ids)),
        perioden.filter(pl.col("overeenkomst_id").is_in(ids)),
    )


def today_statement(today: dt.date, calendar_day: dt.date | None) -> Markdown:
    """Which date the page treats as today, and how old the calendar is."""
    published = fmt.date(calendar_day) if calendar_day else "een datum die de bron niet noemt"
    return md(
        "Deze pagina rekent met **{}** als vandaag. De kalender is zoals gepubliceerd op "
        "**{}** ({}): latere besluiten (een optie gebruikt, opnieuw ingekocht) staan er niet in.",
        fmt.date(today),
        published,
        glossary("peildatum"),
    )


def cycle_text(fasen: pl.DataFrame, today: dt.date) -> str | Markdown:
    """Which phase ``today`` falls in, in one sentence."""
    phases = fasen.filter(pl.col("soort") == "fase").sort("start", "volgorde")
    if phases.is_empty():
        return "De documenten van deze regio noemen geen fasen van een langlopend contract."
    current = phase_at(fasen, today)
    if current is None:
        first, last = phases["start"].min(), phases["einde"].max()
        return (
            f"{fmt.date(today)} valt buiten de fasen die de bron noemt "
            f"({year_range_text(first, last)})."
        )
    return md(
        "Op {} is de fase: **{}** ({}).",
        fmt.date(today),
        current["naam"],
        year_range_text(current["start"], current["einde"]),
    )


def timeline_takeaway(view: pl.DataFrame, fasen: pl.DataFrame, today: dt.date) -> str | Markdown:
    """Where in the cycle today falls, and which agreements have no end date (and why)."""
    if view.is_empty():
        return "Met deze filters blijven er geen perioden over; kies minder filters."
    text = cycle_text(fasen, today)
    open_ended = view.filter(pl.col("open_einde"))
    if open_ended.height:
        items = [f"{r['overeenkomst']} ({r['label']})" for r in open_ended.iter_rows(named=True)]
        text += " Geen gewone contractperiode, zonder einddatum: " + _names(items) + "."
    return text + " " + legend_text(view)


def _dates(start: dt.date, end: dt.date | None) -> str:
    """'1 januari 2023 – 31 december 2030', or 'vanaf 1 januari 2024' for an open end."""
    return f"vanaf {fmt.date(start)}" if end is None else f"{fmt.date(start)} – {fmt.date(end)}"


def timeline_list(view: pl.DataFrame, fasen: pl.DataFrame, today: dt.date) -> Markdown:
    """The timeline as a list, for a screen too narrow to read the chart (a phone): the
    phases and milestones, then per law each agreement with its periods, the same dates and
    kinds the chart draws, and which of them runs on ``today`` (the chart's dashed line)."""
    lines: list[str] = []

    def running(start: dt.date, end: dt.date | None) -> str:
        return (
            f" · loopt op {fmt.date(today)}"
            if start <= today and (end is None or today <= end)
            else ""
        )

    def source_words(period: dict, kind: str) -> str:
        # The source's own words where they add to the dates and the kind ('Miv 2024
        # ondergebracht bij GGDHN'), not where they repeat them ('2023-2030', 'Optie').
        words = shown_label(period)
        same = words.replace("-", "–") == year_range_text(period["start"], period["einde"])
        return "" if same or words.lower() in kind.lower() else f" ({words})"

    for soort, label in PHASE_LABELS.items():
        part = fasen.filter(pl.col("soort") == soort).sort("start", "volgorde")
        if part.height:
            lines.append(md("\n**{}**\n", label))
            lines += [
                md(
                    "- {}: {}{}",
                    r["naam"],
                    _dates(r["start"], r["einde"]),
                    running(r["start"], r["einde"]),
                )
                for r in part.iter_rows(named=True)
            ]
    for (domain,), laws in view.group_by("domein", maintain_order=True):
        lines.append(md("\n**{}**\n", DOMAIN_LABELS.get(domain, domain)))
        for _, periods in laws.group_by("overeenkomst_id", maintain_order=True):
            first = periods.row(0, named=True)
            lines.append(md("- **{}** · {}", first["overeenkomst"], first["contracten"]))
            lines += [
                md(
                    "    - {}: {}{}{}",
                    _dates(r["start"], r["einde"]),
                    kind,
                    source_words(r, kind),
                    running(r["start"], r["einde"]),
                )
                for r in periods.iter_rows(named=True)
                for kind in [KIND_LABELS.get(r["soort"], r["soort"])]
            ]
    return Markdown("\n".join(lines))


def legend_text(view: pl.DataFrame) -> Markdown:
    """How the kinds on the timeline look ('Schuin gestreept = optie tot verlenging; …')."""
    parts = [
        md("{} = {}", KIND_PATTERNS[kind], glossary(KIND_TERMS[kind]))
        if kind in KIND_TERMS
        else md("{} = {}", KIND_PATTERNS[kind], KIND_LABELS[kind].lower())
        for kind in kinds_present(view)
        if kind != "looptijd"
    ]
    parts.append(Markdown("de streepjeslijn is de datum waarmee de pagina rekent."))
    text = join(parts, "; ")
    return Markdown(text[0].upper() + text[1:])


def phase_table(fasen: pl.DataFrame) -> pl.DataFrame:
    """Phases and roadmap milestones, for the download."""
    return fasen.sort("soort", "start", "volgorde").select(
        pl.col("soort").replace_strict(PHASE_LABELS, default=pl.col("soort")).alias("Soort"),
        pl.col("naam").alias("Naam"),
        pl.col("start").alias("Start"),
        pl.col("einde").alias("Einde"),
        pl.col("opgave").alias("Opgave"),
        pl.col("status").alias("Status"),
    )


def window_text(today: dt.date, months: int, calendar_day: dt.date | None) -> str:
    """The window of the decision list in words."""
    return (
        f"Van {fmt.date(today)} tot en met {fmt.date(add_months(today, months))}, op datum. "
        f"Berekend uit de kalender van {fmt.date(calendar_day)}."
    )


def no_moments_text(today: dt.date, months: int) -> str:
    """What the list says when it is empty."""
    return (
        f"Tussen {fmt.date(today)} en {fmt.date(add_months(today, months))} staat er geen "
        "beslismoment in de kalender. Kies een langere periode om verder vooruit te kijken."
    )


def passed_text(calendar_day: dt.date | None, today: dt.date) -> Markdown:
    """Heading for decision moments that passed after the calendar was published."""
    if calendar_day is None:
        return md(
            "**Al voorbij** (vóór {}; de kalender noemt geen peildatum). Of er toen is besloten, "
            "staat niet in de kalender:",
            fmt.date(today),
        )
    return md(
        "**Al voorbij** (na de peildatum {}, vóór {}). Wat er toen is besloten, staat niet in "
        "de kalender:",
        fmt.date(calendar_day),
        fmt.date(today),
    )


def counts_note(overeenkomsten: pl.DataFrame) -> Markdown:
    """What the counts by the agreements count, with the region's own first example."""
    counted = overeenkomsten.filter(pl.col("aantal_contracten").is_not_null()).sort("volgorde")
    if counted.is_empty():
        return Markdown("")
    first = counted.row(0, named=True)
    return md(
        "**Wat de aantallen tellen.** Bij een overeenkomst staat het aantal contracten en, als "
        "de bron het noemt, het aantal gemeenten waarvoor ze gelden ({}: {}). Dat telt "
        "contracten, niet aanbieders: hoeveel aanbieders er zijn, staat op de pagina "
        "[Aanbieders](/aanbieders).",
        first["overeenkomst"],
        contracts_label(first["aantal_contracten"], first["aantal_gemeenten"]),
    )
