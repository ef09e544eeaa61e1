"""What the procurement is meant to change, and whether it is changing (pure: no Streamlit).

The Transformatie page shows a region's procurement goals and shifts with the KPIs that
measure them, the four quadrants (budget share against client share), the phases of the
contract, the escalation model for providers that do not transform, and, for regions that
buy per segment, the segments side by side with another region's lots.

Everything here works on extract rows and returns frames or short Dutch texts, so each
number and each verdict a council member reads is computed in one tested place:

- KPI progress and its verdict are computed in :mod:`components.transformation.kpis`.
- The cost-per-client ratio of a quadrant (:func:`quadrant_shares`) is its budget share
  divided by its client share: 20% of the budget for 5% of the clients is 4 times the
  average cost per client.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from components.common import disclosure, fmt, usage
from components.common.figures import KeyFigure
from components.common.fmt import Markdown, join, md
from components.common.provenance import PROVENANCE_COLUMNS, stack
from components.common.tables import labelled
from components.data import suppression
from components.data.vocabulary import FUNDING_LABELS
from components.transformation.kpis import (
    badge,
    kpi_values,
    verdict_counts,
    verdict_label,
)

SHIFT = "verschuiving"
GOAL = "inkoopdoel"
FRAME = "kader"


#: Short introductions under the page's headings, with links to the glossary.
INTROS = {
    "verschuivingen": Markdown(
        "Per verschuiving: wat het betekent, en de KPI (meetbare indicator) die laat zien of "
        "het lukt. Zie ook [instroom](/begrippen?zoek=instroom), "
        "[uitstroom](/begrippen?zoek=uitstroom) en "
        "[voorliggend veld](/begrippen?zoek=voorliggend%20veld)."
    ),
    "kwadranten": Markdown(
        "De jeugdhulp is verdeeld in vier [kwadranten](/begrippen?zoek=kwadrant): "
        "[herstelgericht](/begrippen?zoek=herstelgericht) of "
        "[ondersteuningsgericht](/begrippen?zoek=ondersteuningsgericht), en "
        "[ambulant](/begrippen?zoek=ambulant) of met [verblijf](/begrippen?zoek=verblijf). "
        "Budget ÷ cliënten zegt wat één cliënt kost tegenover de gemiddelde cliënt "
        "(1 = gemiddeld)."
    ),
    "escalatie": Markdown(
        "Het [escalatiemodel](/begrippen?zoek=escalatiemodel): wat de gemeenten doen als een "
        "aanbieder de afgesproken verandering niet maakt."
    ),
    "segmenten": Markdown(
        "koopt in per [segment](/begrippen?zoek=segment), elk met een eigen "
        "[bekostiging](/begrippen?zoek=bekostiging) en inkoopvorm."
    ),
}


# --- Goals and shifts ---------------------------------------------------------------


def goals(doelen: pl.DataFrame, soort: str) -> pl.DataFrame:
    """The goals of one kind (inkoopdoel, verschuiving, kader) in the source's order."""
    return doelen.filter(pl.col("soort") == soort).sort("volgorde")


def kpis_for(progress: pl.DataFrame, doel_id: str) -> pl.DataFrame:
    """The judged KPIs that measure one goal or shift."""
    return progress.filter(pl.col("doel_id") == doel_id)


NO_KPI = Markdown(":gray-badge[:material/help: geen KPI] Er is nog geen KPI die dit meet.")


def goal_markdown(goal: dict, progress: pl.DataFrame) -> Markdown:
    """A goal or shift with its plain-Dutch meaning and the KPIs that measure it."""
    lines = [md("#### {}", goal["titel"])]
    if goal["betekenis"]:
        lines.append(goal["betekenis"])
    measured_by = kpis_for(progress, goal["doel_id"])
    if measured_by.is_empty():
        lines.append(NO_KPI)
    for row in measured_by.iter_rows(named=True):
        light = badge(row["oordeel"], row["voorlopig"])
        lines.append(md("**KPI:** {}  \n{}  \n{}", row["kpi"], kpi_values(row), light))
    return join(lines, "\n\n")


def goal_bullet(goal: dict, progress: pl.DataFrame) -> Markdown:
    """One goal as an entry of a bulleted list: title, meaning, and its KPIs if any."""
    text = md("- **{}**", goal["titel"])
    if goal["betekenis"]:
        text += md(": {}", goal["betekenis"])
    for row in kpis_for(progress, goal["doel_id"]).iter_rows(named=True):
        light = badge(row["oordeel"], row["voorlopig"])
        text += md("  \n*KPI: {}*: {}. {}", row["kpi"], kpi_values(row), light)
    return text


def goals_table(doelen: pl.DataFrame, progress: pl.DataFrame) -> pl.DataFrame:
    """Goals and shifts with their meaning and KPIs, for the table and the download."""
    kinds = {GOAL: "inkoopdoel", SHIFT: "verschuiving", FRAME: "kader"}
    rows = []
    for goal in doelen.sort("volgorde").iter_rows(named=True):
        measured_by = kpis_for(progress, goal["doel_id"])
        rows.append(
            {
                "Doel": goal["titel"],
                "Soort": kinds.get(goal["soort"], goal["soort"]),
                "Betekenis": goal["betekenis"],
                "KPI's": "; ".join(measured_by["kpi"].to_list()) or "geen KPI",
                "Oordeel": "; ".join(
                    verdict_label(r["oordeel"], r["voorlopig"])
                    for r in measured_by.iter_rows(named=True)
                )
                or None,
            }
        )
    schema = dict.fromkeys(("Doel", "Soort", "Betekenis", "KPI's", "Oordeel"), pl.String)
    return pl.DataFrame(rows, schema=schema)


def key_figures(doelen: pl.DataFrame, progress: pl.DataFrame) -> list[KeyFigure]:
    """Counts a council can take in at a glance: shifts, KPIs measured, KPIs going wrong."""
    shifts = goals(doelen, SHIFT).height
    measured = progress.filter(pl.col("realisatie").is_not_null()).height
    wrong = progress.filter(pl.col("oordeel") == "verkeerd").height
    shown = []
    if shifts:
        shown.append(
            KeyFigure(
                "verschuivingen",
                "Verschuivingen",
                fmt.number(shifts),
                "afgeleid",
                "Geteld uit de verschuivingen die de inkoopstrategie noemt.",
            )
        )
    if progress.height:
        shown += [
            KeyFigure(
                "kpis_gemeten",
                "KPI's met een meting",
                f"{fmt.number(measured)} van {fmt.number(progress.height)}",
                "afgeleid",
                "Een KPI is gemeten als er een realisatie bekend is.",
            ),
            KeyFigure(
                "kpis_verkeerd",
                "KPI's die de verkeerde kant op gaan",
                fmt.number(wrong),
                "afgeleid",
                "Meting aan de verkeerde kant van de beginwaarde, gezien de gewenste richting.",
            ),
        ]
    return shown


def page_takeaway(doelen: pl.DataFrame, progress: pl.DataFrame) -> str:
    """The headline of the page, from the goals and the KPI verdicts."""
    shifts, own_goals = goals(doelen, SHIFT).height, goals(doelen, GOAL).height
    frames = goals(doelen, FRAME).height
    if shifts:
        what = f"De inkoop moet {shifts} verschuivingen brengen"
    elif own_goals:
        what = f"De inkoop heeft {own_goals} doelen"
    elif frames:
        what = f"De documenten geven {frames} kaders voor de inkoop, maar geen meetbare doelen"
    else:
        return "De documenten van deze regio noemen geen doelen voor de transformatie."
    if progress.is_empty():
        return f"{what}; er zijn geen KPI's om de voortgang aan te meten."
    counts = verdict_counts(progress)
    wrong, missing = counts.get("verkeerd", 0), counts.get("geen_meting", 0)
    on_track = counts.get("op_koers", 0) + counts.get("gehaald", 0)
    return (
        f"{what}. Van de {progress.height} KPI's: {wrong} de verkeerde kant op, "
        f"{on_track} op koers of gehaald, {missing} nog niet gemeten."
    )


# --- Quadrants ----------------------------------------------------------------------


def quadrant_name(doelgroep: str, perceel: str) -> str:
    """'herstelgericht', 'verblijf' → 'Herstelgericht verblijf'."""
    return f"{doelgroep.capitalize()} {perceel}"


def cost_ratio_words(ratio: float | None) -> str:
    """What budget share ÷ client share means for the cost of one client, in words."""
    if ratio is None:
        return "kosten per cliënt niet te bepalen (geen cliënten)"
    if ratio >= 1.05:
        times = fmt.number(ratio, 1 if ratio < 10 else 0).removesuffix(",0")
        return f"per cliënt {times} keer zo duur als gemiddeld"
    if ratio <= 0.95:
        return f"per cliënt {fmt.percent((1 - ratio) * 100, 0)} goedkoper dan gemiddeld"
    return "per cliënt ongeveer even duur als gemiddeld"


def quadrant_shares(kwadranten: pl.DataFrame) -> pl.DataFrame:
    """Each quadrant with its budget and client share, the ratio and a sentence.

    ``verhouding`` = budget share ÷ client share: the cost of one client in that quadrant
    relative to the average client (1 = average).
    """
    order = {"herstelgericht": 0, "ondersteuningsgericht": 1, "ambulant": 0, "verblijf": 1}
    frame = kwadranten.with_columns(
        pl.struct("doelgroep", "perceel")
        .map_elements(lambda s: quadrant_name(s["doelgroep"], s["perceel"]), pl.String)
        .alias("naam"),
        pl.when(pl.col("aandeel_clienten") > 0)
        .then(pl.col("aandeel_budget") / pl.col("aandeel_clienten"))
        .otherwise(None)
        .alias("verhouding"),
        pl.col("doelgroep").replace_strict(order, return_dtype=pl.Int64).alias("_a"),
        pl.col("perceel").replace_strict(order, return_dtype=pl.Int64).alias("_b"),
    ).sort("_a", "_b")
    sentences = [
        f"{row['naam']}: {fmt.percent(row['aandeel_budget'])} van het budget voor "
        f"{fmt.percent(row['aandeel_clienten'])} van de cliënten, "
        f"{cost_ratio_words(row['verhouding'])}."
        for row in frame.iter_rows(named=True)
    ]
    return frame.with_columns(pl.Series("zin", sentences, dtype=pl.String)).drop("_a", "_b")


def quadrant_takeaway(shares: pl.DataFrame) -> str:
    """The quadrant where a client costs most, said in one sentence."""
    priced = shares.filter(pl.col("verhouding").is_not_null())
    if priced.is_empty():
        return "Van de kwadranten zijn geen aandelen in budget en cliënten bekend."
    top = priced.sort("verhouding", descending=True).row(0, named=True)
    return (
        f"{top['naam']} krijgt {fmt.percent(top['aandeel_budget'])} van het budget voor "
        f"{fmt.percent(top['aandeel_clienten'])} van de cliënten: "
        f"{cost_ratio_words(top['verhouding'])}."
    )


def quadrant_table(shares: pl.DataFrame) -> pl.DataFrame:
    """The quadrants for the HTML table and the download."""
    return shares.select(
        pl.col("naam").alias("Kwadrant"),
        pl.col("aandeel_budget").alias("Aandeel budget (%)"),
        pl.col("aandeel_clienten").alias("Aandeel cliënten (%)"),
        pl.col("verhouding").round(2).alias("Budget ÷ cliënten"),
        pl.col("producten").alias("Producten"),
        pl.col("richting").alias("Beoogde richting"),
        pl.col("opgave_fase1").alias("Opgave fase 1"),
        pl.col("opgave_fase2").alias("Opgave fase 2"),
    )


def labelled_lines(row: dict, labels: dict[str, str]) -> list[Markdown]:
    """'**Label:** value' for every column of ``labels`` that ``row`` fills, in that order."""
    return [md("**{}:** {}", label, row[column]) for column, label in labels.items() if row[column]]


def quadrant_markdown(row: dict) -> Markdown:
    """One quadrant as a card: shares, products, intended direction, tasks per phase."""
    lines = [
        md("#### {}", row["naam"]),
        md(
            "**{} van het budget, {} van de cliënten**: {}.",
            fmt.percent(row["aandeel_budget"]),
            fmt.percent(row["aandeel_clienten"]),
            cost_ratio_words(row["verhouding"]),
        ),
    ]
    if row["producten"]:
        lines.append(md("Producten: {}.", row["producten"]))
    lines += labelled_lines(
        row,
        {
            "richting": "Beoogde richting",
            "opgave_fase1": "Opgave fase 1",
            "opgave_fase2": "Opgave fase 2",
        },
    )
    return join(lines, "\n\n")


# --- Phases and escalation ------------------------------------------------------------


def phases(fasen: pl.DataFrame) -> pl.DataFrame:
    """Phases and milestones in order, with the period written as years ('2023–2025')."""
    return fasen.sort("soort", "volgorde").with_columns(
        pl.when(pl.col("start").dt.year() == pl.col("einde").dt.year())
        .then(pl.col("start").dt.year().cast(pl.String))
        .otherwise(
            pl.concat_str(
                pl.col("start").dt.year().cast(pl.String),
                pl.lit("–"),
                pl.col("einde").dt.year().cast(pl.String),
            )
        )
        .alias("periode")
    )


def phases_takeaway(ordered: pl.DataFrame) -> str:
    """How long the contract phases run, and the expected impact with the latest date."""
    contract = ordered.filter(pl.col("soort") == "fase")
    if contract.is_empty():
        return "De documenten van deze regio geven geen fasen."
    first, last = contract.row(0, named=True), contract.row(-1, named=True)
    noun = "fase" if contract.height == 1 else "fasen"
    text = f"{contract.height} {noun} van {first['start'].year} tot en met {last['einde'].year}"
    with_impact = contract.filter(pl.col("impact").is_not_null())
    if with_impact.height:
        final = with_impact.row(-1, named=True)
        text += f". Verwacht in {final['naam'].lower()} ({final['periode']}): {final['impact']}"
    return fmt.sentence(text)


def phase_markdown(row: dict) -> Markdown:
    """One phase: name and period, main task and expected impact."""
    lines = [md("#### {} ({})", row["naam"], row["periode"])]
    lines += labelled_lines(row, {"opgave": "Grootste opgave", "impact": "Verwachte impact"})
    return join(lines, "\n\n")


def phases_table(ordered: pl.DataFrame) -> pl.DataFrame:
    """Phases and milestones for the HTML table and the download."""
    return labelled(
        ordered,
        {
            "naam": "Fase of mijlpaal",
            "soort": "Soort",
            "start": "Begin",
            "einde": "Einde",
            "opgave": "Grootste opgave",
            "impact": "Verwachte impact",
        },
    )


def escalation(escalatie: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The steps (in order) and the possible outcomes of the escalation model."""
    steps = escalatie.filter(pl.col("soort") == "stap").sort("stap")
    outcomes = escalatie.filter(pl.col("soort") == "uitkomst").sort("stap", "titel")
    return steps, outcomes


def escalation_markdown(steps: pl.DataFrame, outcomes: pl.DataFrame) -> Markdown:
    """The escalation model as text: numbered steps, then the outcomes of the judgement."""
    lines = [
        md("{}. **{}**: {}", index, row["titel"], row["omschrijving"])
        for index, row in enumerate(steps.iter_rows(named=True), start=1)
    ]
    if outcomes.height:
        lines.append(
            md("{}. **Uitkomst** (een van {} mogelijkheden):", steps.height + 1, outcomes.height)
        )
        lines += [
            md("    - **{}**: {}", row["titel"], row["omschrijving"])
            for row in outcomes.iter_rows(named=True)
        ]
    return join(lines, "\n")


def escalation_takeaway(steps: pl.DataFrame, outcomes: pl.DataFrame) -> str:
    """The path in one sentence: signal → ... → judgement, and the outcomes."""
    path = " → ".join(row["titel"].lower() for row in steps.iter_rows(named=True))
    ends = ", ".join(f"'{row['titel'].lower()}'" for row in outcomes.iter_rows(named=True))
    text = f"Een aanbieder die niet transformeert doorloopt {steps.height} stappen: {path}."
    if ends:
        text += f" Het oordeel leidt tot een van {outcomes.height} uitkomsten: {ends}."
    return text


def escalation_table(steps: pl.DataFrame, outcomes: pl.DataFrame) -> pl.DataFrame:
    """Steps and outcomes for the HTML table and the download."""
    both = pl.concat([steps, outcomes])
    return both.select(
        pl.col("stap").alias("Stap"),
        pl.col("soort").alias("Soort"),
        pl.col("titel").alias("Titel"),
        pl.col("omschrijving").alias("Omschrijving"),
    )


# --- Segments and the comparison with another region ------------------------------------

NOT_GIVEN = "niet genoemd in de bronnen"
#: A region that buys per lot keeps no funding model or route per lot in its extracts.
NOT_PER_LOT = "niet per perceel in de gegevens"


def funding_label(ids: str | None) -> str:
    """'pxq;taakgericht' → 'P×Q (inspanningsgericht) en taakgericht'."""
    if not ids:
        return NOT_GIVEN
    labels = [FUNDING_LABELS.get(part.strip(), part.strip()) for part in ids.split(";")]
    return " en ".join(filter(None, (", ".join(labels[:-1]), labels[-1])))


def segments(segmenten: pl.DataFrame) -> pl.DataFrame:
    """Segments in order, with the funding model in words."""
    return segmenten.sort("volgorde").with_columns(
        pl.col("bekostiging")
        .map_elements(funding_label, pl.String, skip_nulls=False)
        .alias("bekostiging_tekst")
    )


def segment_markdown(row: dict) -> Markdown:
    """One segment: what it covers, its development task, funding and procurement route."""
    funding = row["bekostiging_tekst"]
    if row["bekostiging_toelichting"]:
        funding += f". {row['bekostiging_toelichting']}"
    lines = labelled_lines(
        {
            "beschrijving": row["beschrijving"] or NOT_GIVEN,
            "ontwikkelopgave": row["ontwikkelopgave"] or NOT_GIVEN,
            "bekostiging": funding,
            "inkoopvorm": row["inkoopvorm"] or NOT_GIVEN,
            "contractduur": row["contractduur"] or NOT_GIVEN,
        },
        {
            "beschrijving": "Wat",
            "ontwikkelopgave": "Ontwikkelopgave",
            "bekostiging": "Bekostiging",
            "inkoopvorm": "Inkoopvorm",
            "contractduur": "Contractduur",
        },
    )
    return join(lines, "\n\n")


COMPARISON_COLUMNS = ("Regio", "Eenheid", "Soort", "Bekostiging", "Inkoopvorm", "Contractduur")


def lot_contract(
    perioden: pl.DataFrame, overeenkomsten: pl.DataFrame, perceel: str
) -> tuple[str, pl.DataFrame]:
    """The current term (and option) of the youth-care agreement for one lot, in words,
    with the period rows it is read from.

    The agreement of a lot is the youth-care agreement whose name contains the lot
    ('Jeugdhulp ambulante', 'Jeugdhulp met verblijf'); its latest term is the contract,
    and the first option after it its possible extension.
    """
    agreements = [
        row["overeenkomst_id"]
        for row in overeenkomsten.filter(pl.col("domein") == "jeugd").iter_rows(named=True)
        if perceel in row["overeenkomst"].lower()
    ]
    periods = perioden.filter(pl.col("overeenkomst_id").is_in(agreements)).sort("start")
    terms = periods.filter(pl.col("soort") == "looptijd")
    if terms.is_empty():
        return NOT_GIVEN, periods.head(0)
    term = terms.tail(1)
    start, end = term["start"][0], term["einde"][0]
    text = term["label"][0] + (f" ({end.year - start.year + 1} jaar)" if end else "")
    options = periods.filter((pl.col("soort") == "optie") & (pl.col("start") > start)).head(1)
    if options.height:
        until = f"–{options['einde'][0].year}" if options["einde"][0] else ""
        text += f", optie {options['start'][0].year}{until}"
    return text, pl.concat([term, options])


COMPARED_EXTRACTS = ("segmenten", "kwadranten", "overeenkomsten", "perioden", "bronnen")


def comparison_units(naam: str, frames: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """How a region cut up its procurement: one row per segment, or else per lot.

    ``frames`` holds the region's :data:`COMPARED_EXTRACTS`. A region that buys per
    segment brings funding model, route and term per segment. A region that buys per lot
    (regio Alkmaar: ambulant and verblijf, each split into two quadrants) has its term in
    the contract calendar; what its sources do not say per lot is written as such, never
    guessed.
    """
    segmenten, kwadranten = frames["segmenten"], frames["kwadranten"]
    if segmenten.height:
        rows = [
            {
                "Regio": naam,
                "Eenheid": row["segment"],
                "Soort": "segment",
                "Bekostiging": funding_label(row["bekostiging"]),
                "Inkoopvorm": row["inkoopvorm"] or NOT_GIVEN,
                "Contractduur": row["contractduur"] or NOT_GIVEN,
            }
            for row in segmenten.sort("volgorde").iter_rows(named=True)
        ]
    else:
        rows = []
        for perceel in kwadranten.sort("perceel")["perceel"].unique(maintain_order=True):
            parts = kwadranten.filter(pl.col("perceel") == perceel).sort("doelgroep")
            term, _ = lot_contract(frames["perioden"], frames["overeenkomsten"], perceel)
            rows.append(
                {
                    "Regio": naam,
                    "Eenheid": f"Perceel {perceel} ({' en '.join(parts['doelgroep'])})",
                    "Soort": "perceel",
                    "Bekostiging": NOT_PER_LOT,
                    "Inkoopvorm": NOT_PER_LOT,
                    "Contractduur": term,
                }
            )
    return pl.DataFrame(rows, schema=dict.fromkeys(COMPARISON_COLUMNS, pl.String))


def comparison_sources(frames: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """The extract rows behind :func:`comparison_units` (bron, vindplaats, peildatum, status)."""
    segmenten, kwadranten = frames["segmenten"], frames["kwadranten"]
    if segmenten.height:
        return segmenten.select(PROVENANCE_COLUMNS)
    contracts = [
        lot_contract(frames["perioden"], frames["overeenkomsten"], perceel)[1]
        for perceel in kwadranten["perceel"].unique(maintain_order=True)
    ]
    return stack(kwadranten, *contracts)


@dataclass(frozen=True)
class Comparison:
    """Regions' procurement units side by side, with what the source notes need."""

    names: tuple[str, ...]
    units: pl.DataFrame
    rows: pl.DataFrame  # provenance of every unit
    bronnen: pl.DataFrame  # the documents of all regions compared

    @property
    def takeaway(self) -> str:
        """What the comparison shows, counted from the rows."""
        return comparison_takeaway(self.names, self.units)


def compare(regions: list[tuple[str, dict[str, pl.DataFrame]]]) -> Comparison:
    """Stack the units of several regions (name, frames) into one comparison."""
    return Comparison(
        names=tuple(naam for naam, _ in regions),
        units=pl.concat([comparison_units(naam, frames) for naam, frames in regions]),
        rows=pl.concat([comparison_sources(frames) for _, frames in regions]),
        bronnen=pl.concat([frames["bronnen"] for _, frames in regions]).unique(
            ["regio", "bron"], maintain_order=True
        ),
    )


def unit_kind(segmenten: pl.DataFrame, kwadranten: pl.DataFrame) -> str | None:
    """How a region cut up its procurement: 'segment', 'perceel', or None (not in the data)."""
    if segmenten.height:
        return "segment"
    return "perceel" if kwadranten.height else None


def comparison_order(
    own_kind: str | None, others: dict[str, str | None], chosen: str | None = None
) -> list[str]:
    """Regions to compare with: the one the region chose (``regio.vergelijk_met``) first,
    then the most telling: those that made the other choice (segments against lots), then
    those that made the same one, then those whose data describes neither; otherwise in
    the given order.
    """

    def rank(regio: str) -> int:
        kind = others[regio]
        return -1 if regio == chosen else 2 if kind is None else 0 if kind != own_kind else 1

    return sorted(others, key=rank)


def comparison_takeaway(names: tuple[str, ...], units: pl.DataFrame) -> str:
    """What the comparison shows per region, counted from the rows."""
    parts = []
    for naam in names:
        own = units.filter(pl.col("Regio") == naam)
        if own.is_empty():
            parts.append(f"{naam}: geen segmenten of percelen in de gegevens")
            continue
        known = own.filter(~pl.col("Bekostiging").is_in([NOT_GIVEN, NOT_PER_LOT])).height
        funding = (
            f"bekostiging bekend bij {known} van de {own.height}"
            if known
            else "bekostiging niet in de gegevens"
        )
        parts.append(f"{naam} koopt in per {own['Soort'][0]} ({own.height}), {funding}")
    return "; ".join(parts) + "."


def differences(verschillen: pl.DataFrame, onderwerp: str = "transformatie") -> pl.DataFrame:
    """The known inconsistencies and gaps in the sources about one subject."""
    return verschillen.filter(pl.col("onderwerp") == onderwerp).sort("verschil_id")


def no_differences_text(region_name: str) -> str:
    """What the sources tab says when no gap or contradiction is recorded for a region."""
    return (
        f"Voor {region_name} is niet vastgelegd dat de bronnen over de transformatie iets "
        "niet zeggen of elkaar tegenspreken."
    )


def realised_quadrants(
    gebruik: pl.DataFrame,
    codes: pl.DataFrame,
    year: int,
    targets: pl.DataFrame,
    gemeente: str = usage.ALL,
) -> pl.DataFrame:
    """Per quadrant the share of spend and of youths the region, or one municipality,
    realised in ``year`` (:func:`disclosure.quadrant_cells`), beside the strategy's ``targets``
    (``kwadranten``; may be empty)."""
    if gemeente == usage.ALL:
        hidden = disclosure.quadrant_cells(gebruik, codes, year, [])
    else:
        hidden = disclosure.quadrant_cells(gebruik, codes, year, ["gemeente"])
        hidden = hidden.filter(pl.col("gemeente") == gemeente).drop("gemeente")
    goal = targets.select("doelgroep", "perceel", "aandeel_budget", "aandeel_clienten")
    order = {"herstelgericht": 0, "ondersteuningsgericht": 1, "ambulant": 0, "verblijf": 1}
    return (
        hidden.join(goal, on=["doelgroep", "perceel"], how="full", coalesce=True)
        .with_columns(
            pl.struct("doelgroep", "perceel")
            .map_elements(lambda r: quadrant_name(r["doelgroep"], r["perceel"]), pl.String)
            .alias("naam"),
            pl.col(suppression.FLAG).fill_null(False),
            pl.col(suppression.SMALL).fill_null(False),
        )
        .sort(
            pl.col("doelgroep").replace_strict(order, return_dtype=pl.Int64),
            pl.col("perceel").replace_strict(order, return_dtype=pl.Int64),
        )
    )


def realised_quadrant_table(frame: pl.DataFrame) -> pl.DataFrame:
    """The strategy's shares beside the realised ones, for people ('< 5' / 'afgeschermd')."""
    shown = suppression.shown(
        frame,
        {
            "jeugdigen": fmt.number,
            "werkelijk_budget": fmt.percent_column,
            "werkelijk_clienten": fmt.percent_column,
        },
        "jeugdigen",
    )
    goals = frame["aandeel_budget"].is_not_null().any()
    return shown.select(
        pl.col("naam").alias("Kwadrant"),
        *([pl.col("aandeel_budget").alias("Doel: aandeel budget (%)")] if goals else []),
        pl.col("werkelijk_budget").alias("Gerealiseerd: aandeel uitgaven"),
        *([pl.col("aandeel_clienten").alias("Doel: aandeel cliënten (%)")] if goals else []),
        pl.col("werkelijk_clienten").alias("Gerealiseerd: aandeel jeugdigen"),
        pl.col("jeugdigen").alias("Jeugdigen"),
    )


def realised_quadrant_takeaway(frame: pl.DataFrame, year: int, place: str | None = None) -> str:
    """The largest gap between a target share of the budget and what was spent (of
    ``place``, a municipality, when the chart is one municipality's)."""
    spend = f"de uitgaven van {place}" if place else "de uitgaven"
    known = frame.filter(
        ~pl.col(suppression.FLAG)
        & pl.col("aandeel_budget").is_not_null()
        & pl.col("werkelijk_budget").is_not_null()
    )
    if known.is_empty():
        shown = frame.filter(~pl.col(suppression.FLAG) & pl.col("werkelijk_budget").is_not_null())
        if shown.is_empty():
            of = f" van {place}" if place else ""
            return (
                f"In {year} zijn de kwadranten{of} niet te tonen zonder kleine aantallen te "
                "onthullen."
            )
        top = shown.sort("werkelijk_budget", descending=True).row(0, named=True)
        return (
            f"In {year} ging {fmt.percent(top['werkelijk_budget'])} van {spend} naar "
            f"{top['naam'].lower()}, voor {fmt.percent(top['werkelijk_clienten'])} van de "
            "jeugdigen."
        )
    gaps = known.with_columns(
        (pl.col("werkelijk_budget") - pl.col("aandeel_budget")).abs().alias("_gat")
    )
    top = gaps.sort("_gat", descending=True).row(0, named=True)
    return (
        f"In {year} ging {fmt.percent(top['werkelijk_budget'])} van {spend} naar "
        f"{top['naam'].lower()}; de strategie mikt op {fmt.percent(top['aandeel_budget'])}."
    )
