"""The presentation: one message per screen, for every page, built from the extracts (pure).

The same slide list drives three things, so they can never tell different stories:
presentation mode in the app (``modus=presentatie``), the PowerPoint deck
(:mod:`components.outputs.deck`) and the printable handout (:mod:`components.outputs.handout`). A slide
has one headline (the takeaway), optionally a few large key figures, a question for the
room (asked on one step, answered on the next), or a chart, and always its source line.

Every page's slides are built from that page's own transforms and chart builders
(:mod:`components.providers.model`, :mod:`components.contracts.model`, ...): a slide never computes a
figure differently from the page. What this module adds is the cut into single messages,
the figures as data PowerPoint can draw natively (:class:`NativeChart`), and
:func:`for_screen`, which enlarges a page's chart for a projector.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

import plotly.graph_objects as go
import polars as pl

from components.common import figures, fmt
from components.common.provenance import source_note, stack
from components.contracts import charts as charts_contracts
from components.contracts import model as contracts
from components.costs import charts as charts_kosten
from components.costs import model as costmodel
from components.costs import scenario
from components.data import extracts
from components.providers import charts as charts_providers
from components.providers import model as providers
from components.transformation import charts as charts_transformation
from components.transformation import model as tf

#: Shown on every slide of a fictitious region, so no screenshot can be mistaken for real.
FICTITIOUS = "Fictieve voorbeeldregio: alle namen en cijfers zijn verzonnen, geen echte gegevens."
RECONSTRUCTION = (
    "Illustratief: een reconstructie met zichtbare aannames, niet de begroting van de regio."
)
NO_COST_MODEL = (
    "De documenten van deze regio geven geen kostenontwikkeling met effecten en geen "
    "aannames om een kostencurve na te tekenen, en geen begroting of realisatie."
)


@dataclass(frozen=True)
class NativeChart:
    """Chart data in a form PowerPoint can draw natively (editable, not a picture)."""

    kind: str  # "bar" (horizontal), "column", "column_stacked", "line"
    categories: list[str]
    series: list[tuple[str, list[float]]]
    #: An Excel number format code (PowerPoint shows it with the viewer's separators).
    number_format: str = "#,##0"
    #: What the numbers are, for the speaker notes: "aanbieders", "€ mln", "%".
    unit: str = ""


@dataclass(frozen=True)
class Slide:
    """One screen of the presentation."""

    page: str
    title: str
    headline: str
    source: str = ""
    key_figures: tuple[figures.KeyFigure, ...] = ()
    question: str | None = None
    answer: str | None = None
    reveal: bool = False
    figure: go.Figure | None = None
    chart: NativeChart | None = None
    table: pl.DataFrame | None = field(default=None, compare=False)
    note: str | None = None
    #: Short lines shown as a list (the decision moments, the known inconsistencies).
    points: tuple[str, ...] = ()
    #: Fictitious or illustrative data, said on the slide itself.
    warning: str | None = None
    #: What this region's data does not cover, said plainly instead of a chart.
    not_covered: str | None = None
    #: Longer explanations for the speaker notes and the handout (not on the screen).
    details: tuple[str, ...] = ()
    #: The source line as the screen shows it (:func:`brief_source`); ``source`` in full.
    brief: str = ""

    @property
    def screen_source(self) -> str:
        """What the screen shows under the slide: the brief source, else the full one."""
        return self.brief or self.source


Frames = dict[str, pl.DataFrame]


@dataclass(frozen=True)
class PageSlides:
    """How to build one page's slides: the extracts it needs and the builder."""

    title: str
    extracts: tuple[str, ...]
    build: Callable[[Frames, dt.date], list[Slide]]


# --- Small helpers ---------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9'‘(])")


def split_first_sentence(text: str) -> tuple[str, str | None]:
    """'A (1). B, c.' → ('A (1).', 'B, c.'): the headline and the rest for the note.

    A page's takeaway may run to several sentences; a slide's headline is one message.
    """
    parts = _SENTENCE_END.split(text.strip(), maxsplit=1)
    return parts[0], (parts[1] if len(parts) > 1 else None)


_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


#: A headline longer than this is cut at its colon: the list after it goes to the note.
HEADLINE_LIMIT = 120


def headline_and_note(text: str) -> tuple[str, str | None]:
    """A page's takeaway as a slide's headline (its first sentence, and for a long sentence
    only what comes before the colon) and the rest as the note: '9 deelpercelen hebben
    drie of minder aanbieders: <nine names>.' becomes the headline '9 deelpercelen hebben
    drie of minder aanbieders.' with the names in the note.
    """
    first, rest = split_first_sentence(text)
    if len(first) > HEADLINE_LIMIT and ": " in first:
        head, tail = first.split(": ", 1)
        return f"{head}.", " ".join(filter(None, [tail[:1].upper() + tail[1:], rest]))
    return first, rest


def unmark(text: str) -> str:
    """Markdown emphasis and links from a page text removed: slides show plain text.

    >>> unmark("**Optie**: zie [optie](/begrippen?zoek=optie).")
    'Optie: zie optie.'
    """
    return _LINK.sub(r"\1", text.replace("**", ""))


def plain(text: str) -> str:
    """Text from the data escaped for Streamlit's markdown (shown literally)."""
    return providers.plain(text)


def brief_source(rows: pl.DataFrame, bronnen: pl.DataFrame) -> str:
    """The source line for the screen: each document once with its latest reference date,
    and the statuses (warnings about provisional or illustrative figures kept in full).

    The full note (every place in every document) is long; on a 1280x720 slide it would
    push the chart off the screen. The deck's slides and the handout carry it in full.
    """
    if rows.is_empty():
        return ""
    titles = dict(zip(bronnen["bron"], bronnen["titel"], strict=True))
    documents = (
        rows.group_by("bron").agg(pl.col("peildatum").max()).sort("peildatum", descending=True)
    )
    named = "; ".join(
        f"{titles.get(row['bron'], row['bron'])} (peildatum {fmt.date(row['peildatum'])})"
        for row in documents.iter_rows(named=True)
    )
    statuses = ", ".join(fmt.status(status) for status in sorted(set(rows["status"])))
    note = source_note(rows, bronnen)
    return "\n".join((*note.warnings, f"Bron: {named}. Status: {statuses}."))


def _sources(rows: pl.DataFrame, bronnen: pl.DataFrame) -> dict[str, str]:
    """The full source note (deck, handout) and the brief one (screen) of ``rows``."""
    return {"source": source_note(rows, bronnen).text(), "brief": brief_source(rows, bronnen)}


def _series(values: Iterable[float | int | None]) -> list[float]:
    return [float(v) if v is not None else 0.0 for v in values]


def _differences(
    page: str, title: str, verschillen: pl.DataFrame, onderwerp: str, bronnen: pl.DataFrame
) -> list[Slide]:
    """The known inconsistencies about one subject, named one per line (never smoothed)."""
    known = verschillen.filter(pl.col("onderwerp") == onderwerp).sort("verschil_id")
    if known.is_empty():
        return []
    count = known.height
    return [
        Slide(
            page=page,
            title=title,
            headline=(
                f"Wat de bronnen niet zeggen of tegenspreken: {count} "
                f"{'punt' if count == 1 else 'punten'}"
            ),
            points=tuple(known["titel"].to_list()),
            details=tuple(
                f"{row['titel']}: {row['omschrijving']}" for row in known.iter_rows(named=True)
            ),
            **_sources(known, bronnen),
        )
    ]


# --- Overzicht -------------------------------------------------------------------------

#: The six key figures that fit the title slide.
OVERVIEW_FIGURES = figures.OVERVIEW_FIGURES[:6]


def overview_slides(frames: Frames, today: dt.date | None = None) -> list[Slide]:
    """Title with key figures, then each audience question: asked, then answered."""
    del today  # the overview does not depend on the date
    regio = frames["regio"].row(0, named=True)
    kerncijfers, bronnen = frames["kerncijfers"], frames["bronnen"]
    shown = figures.key_figures(kerncijfers, OVERVIEW_FIGURES)
    slides = [
        Slide(
            page="",
            title=f"Inkoop jeugdhulp: {regio['naam']}",
            headline=figures.overview_takeaway(regio, kerncijfers),
            key_figures=tuple(shown),
            **_sources(figures.rows_for(kerncijfers, OVERVIEW_FIGURES), bronnen),
        )
    ]
    for card in figures.questions(frames["vragen"], kerncijfers):
        answer = card.answer if card.answered else figures.NO_ANSWER
        common = {"page": "", "title": "Vraag aan de zaal", "question": card.question}
        slides.append(Slide(**common, headline=card.question))
        slides.append(
            Slide(
                **common,
                headline=card.question,
                answer=answer,
                reveal=True,
                note=card.explanation,
                **_sources(card.rows, bronnen),
            )
        )
    return slides


# --- Aanbieders ------------------------------------------------------------------------

PROVIDERS = "aanbieders"
PROVIDERS_TITLE = "Aanbieders"


def _count_chart(table: pl.DataFrame, category: str, value: str, unit: str) -> NativeChart:
    return NativeChart(
        "bar", [str(c) for c in table[category]], [(value, _series(table[value]))], unit=unit
    )


def _provider_section(
    section: providers.Section,
    figure: go.Figure,
    chart: NativeChart,
    bronnen: pl.DataFrame,
) -> Slide:
    headline, rest = headline_and_note(section.takeaway)
    return Slide(
        page=PROVIDERS,
        title=section.title,
        headline=headline,
        note=rest,
        figure=figure,
        chart=chart,
        table=section.table,
        **_sources(section.rows, bronnen),
    )


def _lots_slide(regio: dict, year: int, rows: pl.DataFrame, bronnen: pl.DataFrame) -> Slide:
    """The page's headline with the providers per lot (or the key figures without lots)."""
    by_lot = providers.lots(rows)
    note = " ".join(filter(None, [providers.definitions(rows), providers.counts_statement(rows)]))
    common = {
        "page": PROVIDERS,
        "title": f"Aanbieders {year}",
        "headline": providers.takeaway(regio["naam"], year, rows),
        "note": note or None,
        "details": tuple(providers.other_values(rows)),
    }
    if by_lot.is_empty():
        return Slide(
            **common,
            key_figures=tuple(providers.key_figures(rows)),
            **_sources(providers.key_figure_rows(rows), bronnen),
        )
    table = by_lot.select(
        pl.col("perceel").replace_strict(providers.LOT_LABELS).alias("Perceel"),
        pl.col("aantal").alias("Aantal aanbieders"),
        pl.col("telt").alias("Telt"),
    )
    return Slide(
        **common,
        figure=charts_providers.count_bars(table, category="Perceel", value="Aantal aanbieders"),
        chart=_count_chart(table, "Perceel", "Aantal aanbieders", "aanbieders"),
        table=table,
        **_sources(by_lot, bronnen),
    )


def provider_slides(frames: Frames, today: dt.date | None = None) -> list[Slide]:
    """Lots, size classes, sub-lots, years, domains, the register, what the counts count."""
    del today
    regio, bronnen = frames["regio"].row(0, named=True), frames["bronnen"]
    register = frames["aanbiedersregister"]
    counts = providers.all_figures(frames["aanbieders_aantallen"], register)
    years = providers.years(counts)
    if not years:
        return [
            Slide(
                page=PROVIDERS,
                title=PROVIDERS_TITLE,
                headline=providers.no_counts_takeaway(regio["naam"]),
                not_covered=providers.NOT_COVERED,
            )
        ]
    year = years[0]
    rows = providers.for_year(counts, year)
    slides = [_lots_slide(regio, year, rows, bronnen)]
    if section := providers.size_section(rows):
        slides.append(
            _provider_section(
                section,
                charts_providers.share_bars(
                    section.table, category="Grootteklasse", value="Aantal", share="Aandeel (%)"
                ),
                _count_chart(section.table, "Grootteklasse", "Aantal", "aanbieders"),
                bronnen,
            )
        )
    for section in providers.sublot_sections(rows):
        slides.append(
            _provider_section(
                section,
                charts_providers.count_bars(
                    section.table, category="Deelperceel", value="Aantal aanbieders"
                ),
                _count_chart(section.table, "Deelperceel", "Aantal aanbieders", "aanbieders"),
                bronnen,
            )
        )
    if section := providers.year_section(counts):
        slides.append(
            _provider_section(
                section,
                charts_providers.count_bars(section.table, category="Jaar", value="Aantal"),
                NativeChart(
                    "column",
                    section.table["Jaar"].to_list(),
                    [("Aantal", _series(section.table["Aantal"]))],
                    unit="aanbieders",
                ),
                bronnen,
            )
        )
    if section := providers.domain_section(counts):
        slides.append(
            _provider_section(
                section,
                charts_providers.count_bars(section.table, category="Domein", value="Aantal"),
                _count_chart(section.table, "Domein", "Aantal", "aanbieders"),
                bronnen,
            )
        )
    register_year = providers.for_year(register, year)
    if register_year.height:
        section = providers.matrix_section(register_year)
        body = section.table.filter(pl.col("Perceel") != providers.TOTAL)
        sizes = [providers.SIZE_LABELS[size] for size in providers.SIZE_CLASSES]
        slides.append(
            _provider_section(
                section,
                charts_providers.matrix_heatmap(section.table),
                NativeChart(
                    "column_stacked",
                    body["Perceel"].to_list(),
                    [(size, _series(body[size])) for size in sizes],
                    unit="aanbieders",
                ),
                bronnen,
            )
        )
        section = providers.concentration_section(register_year)
        labels = [
            f"{row['Deelperceel']} ({row['Perceel'].lower()})"
            for row in section.table.iter_rows(named=True)
        ]
        slides.append(
            _provider_section(
                section,
                charts_providers.concentration_bars(section.table),
                NativeChart(
                    "bar",
                    labels,
                    [("Aantal aanbieders", _series(section.table["Aantal aanbieders"]))],
                    unit="aanbieders",
                ),
                bronnen,
            )
        )
    return slides + _differences(
        PROVIDERS, PROVIDERS_TITLE, frames["verschillen"], "aanbieders", bronnen
    )


# --- Contracten ------------------------------------------------------------------------

CONTRACTS = "contracten"
CONTRACTS_TITLE = "Contracten"


def _contracts_not_covered(regio: dict, frames: Frames, today: dt.date) -> list[Slide]:
    """A region without a contract calendar: say so, and show what is known instead."""
    fasen, bronnen = frames["fasen"], frames["bronnen"]
    common = {
        "page": CONTRACTS,
        "title": CONTRACTS_TITLE,
        "headline": contracts.not_covered_takeaway(regio["naam"]),
        "not_covered": contracts.NOT_COVERED,
    }
    if fasen.height:
        return [
            Slide(
                **common,
                note=unmark(contracts.cycle_text(fasen, today)),
                figure=charts_contracts.timeline(
                    contracts.periods(frames["overeenkomsten"], frames["perioden"]),
                    fasen=fasen,
                    today=today,
                    span=contracts.year_span(fasen),
                ),
                table=_phase_rows(fasen),
                **_sources(fasen, bronnen),
            )
        ]
    durations = contracts.known_durations(frames["segmenten"])
    if durations.height:
        return [
            Slide(
                **common,
                table=contracts.durations_table(durations),
                **_sources(durations, bronnen),
            )
        ]
    return [Slide(**common)]


#: The decision window of the first slide: the page's default (the first choice).
WINDOW_MONTHS = int(next(iter(contracts.WINDOW_LABELS)))


def _decisions_slide(frames: Frames, today: dt.date) -> Slide:
    """The page's headline: the next decision moment, with those in the coming window."""
    ov, per, bronnen = frames["overeenkomsten"], frames["perioden"], frames["bronnen"]
    calendar_day = contracts.calendar_date(per)
    decided = contracts.decisions(ov, per)
    moments = contracts.moments(decided)
    ahead = contracts.upcoming(moments, today=today, months=WINDOW_MONTHS)
    passed = contracts.passed_since(moments, since=calendar_day, today=today)
    note = unmark(contracts.window_text(today, WINDOW_MONTHS, calendar_day))
    if passed.height:
        note += " " + unmark(contracts.passed_text(calendar_day, today)).rstrip(":") + "."
    return Slide(
        page=CONTRACTS,
        title=f"Beslismomenten in de komende {WINDOW_MONTHS} maanden",
        headline=contracts.takeaway(moments, today=today, calendar_day=calendar_day),
        points=tuple(unmark(line) for line in contracts.moment_lines(ahead)),
        not_covered=None if ahead.height else contracts.no_moments_text(today, WINDOW_MONTHS),
        note=note,
        details=tuple(f"Al voorbij: {unmark(line)}" for line in contracts.moment_lines(passed)),
        table=contracts.moments_table(ahead),
        **_sources(contracts.decision_rows(decided, ov, per), bronnen),
    )


def _phase_rows(fasen: pl.DataFrame) -> pl.DataFrame:
    """The page's phase table without its long texts (those are in the handout)."""
    return contracts.phase_table(fasen).select("Soort", "Naam", "Start", "Einde")


#: Agreements per timeline slide: more rows would not stay readable at 1280x720.
AGREEMENTS_PER_SLIDE = 4


def chunks(items: list[str], most: int) -> list[list[str]]:
    """``items`` cut into as few parts of at most ``most`` as possible, as even as possible.

    >>> chunks(list("abcdefg"), 4)
    [['a', 'b', 'c', 'd'], ['e', 'f', 'g']]
    """
    count = -(-len(items) // most)
    size = -(-len(items) // count) if count else 0
    return [items[i : i + size] for i in range(0, len(items), size)] if size else []


def _timeline_slides(frames: Frames, domain: str, today: dt.date) -> list[Slide]:
    """The timeline of one law's agreements (a few per slide), headed by the next decision."""
    ov, per = frames["overeenkomsten"], frames["perioden"]
    ordered = contracts.periods(ov, per, domains=[domain])["overeenkomst_id"]
    parts = chunks(ordered.unique(maintain_order=True).to_list(), AGREEMENTS_PER_SLIDE)
    label = contracts.DOMAIN_LABELS.get(domain, domain)
    return [
        _timeline_slide(
            frames,
            ov.filter(pl.col("overeenkomst_id").is_in(part)),
            f"Contracten {label}" + (f" ({index} van {len(parts)})" if len(parts) > 1 else ""),
            today,
        )
        for index, part in enumerate(parts, start=1)
    ]


def _timeline_slide(frames: Frames, agreements: pl.DataFrame, title: str, today: dt.date) -> Slide:
    per, fasen = frames["perioden"], frames["fasen"]
    view = contracts.periods(agreements, per)
    decided = contracts.decisions(agreements, per)
    return Slide(
        page=CONTRACTS,
        title=title,
        headline=contracts.takeaway(
            contracts.moments(decided), today=today, calendar_day=contracts.calendar_date(per)
        ),
        note=unmark(contracts.timeline_takeaway(view, fasen, today)),
        figure=charts_contracts.timeline(
            view, today=today, span=contracts.year_span(per, fasen), today_label="Vandaag"
        ),
        table=contracts.decision_table(decided).select(
            "Overeenkomst",
            "Huidige einddatum",
            "Uiterste einddatum (alle opties gebruikt)",
            "Beslismoment",
        ),
        **_sources(stack(view, agreements), frames["bronnen"]),
    )


def contract_slides(frames: Frames, today: dt.date | None = None) -> list[Slide]:
    """The next decision moments, the cycle, a timeline per law, what the sources lack."""
    today = today or dt.date.today()
    regio = frames["regio"].row(0, named=True)
    ov, per = frames["overeenkomsten"], frames["perioden"]
    if ov.is_empty() or per.is_empty():
        slides = _contracts_not_covered(regio, frames, today)
    else:
        slides = [_decisions_slide(frames, today)]
        for domain in contracts.domains_present(ov):
            slides += _timeline_slides(frames, domain, today)
    return slides + _differences(
        CONTRACTS, CONTRACTS_TITLE, frames["verschillen"], "contracten", frames["bronnen"]
    )


# --- Transformatie ---------------------------------------------------------------------

TRANSFORMATION = "transformatie"
TRANSFORMATION_TITLE = "Transformatie"
GOAL_HEADINGS = {
    tf.SHIFT: "verschuivingen die de inkoop moet brengen",
    tf.GOAL: "doelen van de inkoop",
    tf.FRAME: "kaders voor de inkoop",
}


def _goals_slide(doelen: pl.DataFrame, progress: pl.DataFrame, bronnen: pl.DataFrame) -> Slide:
    """The shifts (or goals, or frameworks) named one per line, with their KPIs in notes."""
    kind = next(k for k in GOAL_HEADINGS if tf.goals(doelen, k).height)
    shown = tf.goals(doelen, kind)
    return Slide(
        page=TRANSFORMATION,
        title="Doelen",
        headline=f"De {fmt.number(shown.height)} {GOAL_HEADINGS[kind]}",
        points=tuple(shown["titel"].to_list()),
        table=tf.goals_table(shown, progress).select("Doel", "KPI's", "Oordeel"),
        details=tuple(
            f"{row['titel']}: {row['betekenis']}"
            for row in shown.iter_rows(named=True)
            if row["betekenis"]
        ),
        **_sources(shown, bronnen),
    )


def _kpi_slide(progress: pl.DataFrame, kpis: pl.DataFrame, bronnen: pl.DataFrame) -> Slide:
    table = tf.progress_table(progress)
    return Slide(
        page=TRANSFORMATION,
        title="Voortgang per KPI",
        headline=tf.progress_takeaway(progress),
        figure=charts_transformation.kpi_paths(progress),
        table=table.select("KPI", "Beginwaarde", "Meting", "Streefwaarde", "Oordeel"),
        details=tuple(f"{row['kpi']}: {row['uitleg']}" for row in progress.iter_rows(named=True)),
        **_sources(tf.kpi_note_rows(kpis), bronnen),
    )


def _quadrant_slide(kwadranten: pl.DataFrame, bronnen: pl.DataFrame) -> Slide:
    shares = tf.quadrant_shares(kwadranten)
    return Slide(
        page=TRANSFORMATION,
        title="Budget en cliënten per kwadrant",
        headline=tf.quadrant_takeaway(shares),
        figure=charts_transformation.quadrant_bars(shares),
        chart=NativeChart(
            "bar",
            shares["naam"].to_list(),
            [
                ("Aandeel budget", _series(shares["aandeel_budget"])),
                ("Aandeel cliënten", _series(shares["aandeel_clienten"])),
            ],
            number_format='0"%"',
            unit="%",
        ),
        table=tf.quadrant_table(shares).select(
            "Kwadrant", "Aandeel budget (%)", "Aandeel cliënten (%)", "Budget ÷ cliënten"
        ),
        details=tuple(shares["zin"].to_list()),
        **_sources(kwadranten, bronnen),
    )


def _phase_slide(fasen: pl.DataFrame, bronnen: pl.DataFrame) -> Slide:
    ordered = tf.phases(fasen)
    headline, rest = split_first_sentence(tf.phases_takeaway(ordered))
    return Slide(
        page=TRANSFORMATION,
        title="Fasen en verwachte impact",
        headline=headline,
        note=rest,
        figure=charts_transformation.phase_timeline(ordered),
        table=ordered.select(
            pl.col("naam").alias("Fase of mijlpaal"), pl.col("periode").alias("Periode")
        ),
        details=tuple(
            f"{row['naam']} ({row['periode']}): "
            + "; ".join(filter(None, [row["opgave"], row["impact"]]))
            for row in ordered.iter_rows(named=True)
            if row["opgave"] or row["impact"]
        ),
        **_sources(fasen, bronnen),
    )


def _escalation_slide(escalatie: pl.DataFrame, bronnen: pl.DataFrame) -> Slide:
    steps, outcomes = tf.escalation(escalatie)
    headline, rest = headline_and_note(tf.escalation_takeaway(steps, outcomes))
    return Slide(
        page=TRANSFORMATION,
        title="Als een aanbieder niet transformeert",
        headline=headline,
        note=rest,
        figure=charts_transformation.escalation_flow(steps, outcomes),
        table=tf.escalation_table(steps, outcomes).select("Stap", "Soort", "Titel"),
        details=tuple(
            f"{row['titel']}: {row['omschrijving']}"
            for row in pl.concat([steps, outcomes]).iter_rows(named=True)
        ),
        **_sources(escalatie, bronnen),
    )


def _segment_slide(regio: dict, frames: Frames) -> Slide:
    units = tf.comparison_units(regio["naam"], {n: frames[n] for n in tf.COMPARED_EXTRACTS})
    return Slide(
        page=TRANSFORMATION,
        title="Segmenten",
        headline=tf.comparison_takeaway((regio["naam"],), units),
        points=tuple(units["Eenheid"].to_list()),
        table=units.select("Eenheid", "Bekostiging", "Inkoopvorm"),
        details=tuple(
            f"{row['Eenheid']}: bekostiging {row['Bekostiging']}; inkoopvorm {row['Inkoopvorm']}"
            for row in units.iter_rows(named=True)
        ),
        **_sources(frames["segmenten"], frames["bronnen"]),
    )


def transformation_slides(frames: Frames, today: dt.date | None = None) -> list[Slide]:
    """Headline and key figures, goals, KPIs, quadrants, phases, escalation, segments."""
    del today
    regio, bronnen = frames["regio"].row(0, named=True), frames["bronnen"]
    doelen, kpis = frames["doelen"], frames["kpis"]
    progress = tf.kpi_progress(kpis)
    shown = tf.key_figures(doelen, progress)
    slides = [
        Slide(
            page=TRANSFORMATION,
            title=TRANSFORMATION_TITLE,
            headline=tf.page_takeaway(doelen, progress),
            key_figures=tuple(shown),
            **_sources(stack(doelen, tf.kpi_note_rows(kpis)), bronnen),
            not_covered=None
            if doelen.height
            else "De documenten van deze regio noemen geen doelen van de inkoop.",
        )
    ]
    if doelen.height:
        slides.append(_goals_slide(doelen, progress, bronnen))
    if progress.height:
        slides.append(_kpi_slide(progress, kpis, bronnen))
    if frames["kwadranten"].height:
        slides.append(_quadrant_slide(frames["kwadranten"], bronnen))
    if frames["fasen"].height:
        slides.append(_phase_slide(frames["fasen"], bronnen))
    if tf.escalation(frames["escalatie"])[0].height:
        slides.append(_escalation_slide(frames["escalatie"], bronnen))
    if frames["segmenten"].height:
        slides.append(_segment_slide(regio, frames))
    return slides + _differences(
        TRANSFORMATION, TRANSFORMATION_TITLE, frames["verschillen"], "transformatie", bronnen
    )


# --- Kosten ----------------------------------------------------------------------------

COSTS = "kosten"
COSTS_TITLE = "Kosten"
MLN = 1_000_000


def _curve_slides(frames: Frames) -> list[Slide]:
    """The cost curve with the strategy's assumptions, and what each effect contributes."""
    source, bronnen = frames["kostenaannames"], frames["bronnen"]
    parameters = costmodel.parameters_from_frame(source, "midden")
    variants = {v: costmodel.assumptions_from_frame(source, v) for v in costmodel.VARIANTS}
    chosen = variants["midden"]
    result = costmodel.run(chosen)
    band = costmodel.band(chosen, variants["midden"], variants["laag"], variants["hoog"])
    totals = result.totals
    outcome = scenario.scenario_figures(result, scenario.reference_year(chosen))
    years = [str(y) for y in totals["jaar"].to_list()]
    curve = Slide(
        page=COSTS,
        title="Kosten met en zonder maatregelen",
        headline=scenario.page_takeaway(parameters),
        note=costmodel.conclusion(result),
        warning=RECONSTRUCTION,
        figure=_label_line_ends(
            charts_kosten.cost_curve(totals, band=band, turning_point=result.turning_point),
            totals,
        ),
        chart=NativeChart(
            "line",
            years,
            [
                (charts_kosten.SERIES_NAMES["zonder"], [v / MLN for v in totals["kosten_zonder"]]),
                (charts_kosten.SERIES_NAMES["met"], [v / MLN for v in totals["kosten_met"]]),
            ],
            number_format="#,##0.0",
            unit="€ mln",
        ),
        table=scenario.curve_table(result, band),
        details=tuple(f"{f.display_label}: {f.value}" for f in outcome),
        **_sources(source, bronnen),
    )
    year = int(totals["jaar"].max())
    parts = result.contributions.filter(pl.col("jaar") == year)
    headline, rest = split_first_sentence(scenario.contributions_takeaway(result, year))
    waterfall = Slide(
        page=COSTS,
        title=f"Wat elk effect bijdraagt in {year}",
        headline=headline,
        note=rest,
        warning=RECONSTRUCTION,
        figure=charts_kosten.contributions_waterfall(totals, result.contributions, year=year),
        chart=NativeChart(
            "bar",
            parts["effect"].to_list(),
            [(f"Bijdrage in {year}", [v / MLN for v in parts["bijdrage"]])],
            number_format="#,##0.0",
            unit="€ mln",
        ),
        table=scenario.contributions_table(result, year),
        **_sources(source, bronnen),
    )
    return [curve, waterfall]


def _label_line_ends(figure: go.Figure, totals: pl.DataFrame) -> go.Figure:
    """The cost curve with each line named at its end, so the slide needs no legend."""
    last = totals.row(-1, named=True)
    for column, name in (("kosten_zonder", "zonder"), ("kosten_met", "met")):
        figure.add_annotation(
            x=last["jaar"],
            y=last[column] / MLN,
            text=f"{charts_kosten.SERIES_NAMES[name]}: {fmt.euro(last[column])}",
            xanchor="left",
            xshift=10,
            showarrow=False,
        )
    first = totals.row(0, named=True)["jaar"]
    # The labels stand right of the lines, in the margin: the axis itself ends at the data.
    figure.update_layout(showlegend=False, margin={"r": 330})
    figure.update_xaxes(range=[first - 0.3, last["jaar"] + 0.3])
    return figure


def cost_slides(frames: Frames, today: dt.date | None = None) -> list[Slide]:
    """The reconstructed cost curve, the contributions, the documents' own figures."""
    del today
    source, bronnen, kosten = frames["kostenaannames"], frames["bronnen"], frames["kosten"]
    slides = _curve_slides(frames) if source.height else []
    shown, rows = scenario.document_figures(
        source, frames["kerncijfers"], scenario.DOCUMENT_FIGURES
    )
    if shown:
        slides.append(
            Slide(
                page=COSTS,
                title="Wat de documenten zeggen",
                headline="; ".join(f"{f.display_label}: {f.value}" for f in shown[:2]),
                key_figures=tuple(shown),
                **_sources(rows, bronnen),
            )
        )
    if kosten.height:
        kosten = scenario.one_series(kosten)  # the region total, as the page shows first
        table = scenario.budget_table(kosten)
        shown_rows = kosten.filter(pl.col("soort") != "reconstructie").sort("jaar")
        slides.append(
            Slide(
                page=COSTS,
                title="Begroting en realisatie",
                headline=scenario.budget_takeaway(kosten),
                figure=charts_kosten.budget_bars(kosten),
                chart=NativeChart(
                    "column",
                    [str(y) for y in shown_rows["jaar"].unique(maintain_order=True)],
                    [
                        (
                            charts_kosten.SOORT_NAMES.get(soort, soort),
                            [v / MLN for v in part.sort("jaar")["bedrag"]],
                        )
                        for (soort,), part in shown_rows.group_by("soort", maintain_order=True)
                    ],
                    number_format="#,##0.00",
                    unit="€ mln",
                ),
                table=table,
                **_sources(kosten, bronnen),
            )
        )
    if not slides:
        slides.append(
            Slide(
                page=COSTS,
                title=COSTS_TITLE,
                headline=(
                    f"De documenten van {frames['regio']['naam'][0]} geven geen cijfers "
                    "over de kosten."
                ),
                not_covered=NO_COST_MODEL,
            )
        )
    return slides + _differences(COSTS, COSTS_TITLE, frames["verschillen"], "kosten", bronnen)


# --- The registry and the deck -----------------------------------------------------------

#: Presentation order: url path → how to build that page's slides.
PAGES: dict[str, PageSlides] = {
    "": PageSlides("Overzicht", ("regio", "kerncijfers", "vragen", "bronnen"), overview_slides),
    PROVIDERS: PageSlides(
        PROVIDERS_TITLE,
        ("regio", "aanbieders_aantallen", "aanbiedersregister", "verschillen", "bronnen"),
        provider_slides,
    ),
    CONTRACTS: PageSlides(
        CONTRACTS_TITLE,
        ("regio", "overeenkomsten", "perioden", "fasen", "segmenten", "verschillen", "bronnen"),
        contract_slides,
    ),
    TRANSFORMATION: PageSlides(
        TRANSFORMATION_TITLE,
        ("regio", "doelen", "kpis", "fasen", "escalatie", "verschillen", *tf.COMPARED_EXTRACTS),
        transformation_slides,
    ),
    COSTS: PageSlides(
        COSTS_TITLE,
        ("kostenaannames", "kosteneffecten", "kosten", "kerncijfers", "verschillen", "bronnen"),
        cost_slides,
    ),
}
ORDER = ["", PROVIDERS, CONTRACTS, TRANSFORMATION, COSTS]
TITLES = {page: spec.title for page, spec in PAGES.items()}


def page_slides(page: str, frames: Frames, today: dt.date | None = None) -> list[Slide]:
    """The slides of one page (a title slide when the page has no builder)."""
    spec = PAGES.get(page)
    slides = spec.build(frames, today or dt.date.today()) if spec else []
    slides = slides or [
        Slide(page=page, title=TITLES.get(page, page), headline=TITLES.get(page, page))
    ]
    if "regio" in frames and frames["regio"].height and frames["regio"]["fictief"][0]:
        slides = [replace(s, warning=s.warning or FICTITIOUS) for s in slides]
    return slides


def needed_extracts(page: str) -> tuple[str, ...]:
    """The extracts a page's slides read (always including the region and the sources)."""
    spec = PAGES.get(page)
    return tuple(dict.fromkeys((*(spec.extracts if spec else ()), "regio", "bronnen")))


def all_extracts() -> tuple[str, ...]:
    """Every extract the whole presentation reads."""
    return tuple(dict.fromkeys(name for page in ORDER for name in needed_extracts(page)))


def load_frames(regio: str, root=None) -> Frames:
    """Every extract of a region the presentation needs (read directly: no Streamlit).

    Raises :class:`components.data.extracts.ExtractError` for a missing or broken extract.
    """
    return {name: extracts.read_extract(regio, name, root) for name in all_extracts()}


def unknown_region(regio: str, root=None) -> str | None:
    """For a command line: why ``regio`` cannot be presented (in Dutch), or None."""
    known = extracts.list_regions(root)
    if regio in known:
        return None
    return f"De regio '{regio}' staat niet in de gegevens. Kies uit: {', '.join(known) or 'geen'}."


def deck_slides(frames: Frames, today: dt.date | None = None) -> list[Slide]:
    """Every slide of a region in presentation order (what the deck and handout show)."""
    return [slide for page in ORDER for slide in page_slides(page, frames, today)]


def neighbour(page: str, step: int, count: int, direction: int) -> tuple[str, int | None]:
    """Where 'next' (+1) or 'previous' (-1) leads from ``step`` of ``count`` on ``page``.

    Returns (page, step); step None means 'the last step of that page'. Stepping past the
    last page wraps to the first, so a presenter can never get stuck.
    """
    target = step + direction
    if 0 <= target < count:
        return page, target
    index = (ORDER.index(page) + direction) % len(ORDER)
    return ORDER[index], (0 if direction > 0 else None)


# --- On a projector ----------------------------------------------------------------------

#: Chart text on a slide is never smaller than this (px at 1280x720).
SLIDE_MIN_TEXT = 16
#: Chart body text on a slide (the template uses 16 for a page).
SLIDE_FONT = 19


def _enlarge_fonts(node: object, minimum: int, parent: str = "") -> None:
    """Raise every explicit font size under a '*font' key to at least ``minimum``."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "template":
                continue
            if key == "size" and parent.endswith("font") and isinstance(value, int | float):
                node[key] = max(value, minimum)
            elif key == "size" and parent.endswith("font") and isinstance(value, list):
                node[key] = [max(v, minimum) for v in value]
            else:
                _enlarge_fonts(value, minimum, key)
    elif isinstance(node, list):
        for item in node:
            _enlarge_fonts(item, minimum, parent)


def for_screen(figure: go.Figure, *, height: int) -> go.Figure:
    """A page's chart made for a projector: larger text (never under 16 px), given height.

    Text that would have to shrink below the minimum to fit is hidden instead
    (``uniformtext``): every number that is shown can be read after a screen share.
    """
    data = figure.to_dict()
    layout = data.setdefault("layout", {})
    _enlarge_fonts(data, SLIDE_MIN_TEXT)
    font = layout.setdefault("font", {})
    font["size"] = max(font.get("size") or 0, SLIDE_FONT)
    layout["uniformtext"] = {"minsize": SLIDE_MIN_TEXT, "mode": "hide"}
    layout["height"] = height
    return go.Figure(data)


#: Layout of a slide at 1280x720 in presentation mode (root font 22 px, see ``ui``): the
#: pixels each part takes, measured on screenshots, to give the chart what is left.
SCREEN_HEIGHT = 720
CHROME_PX = 110  # top padding, the previous/next buttons, the position line, gaps
HEADLINE_LINE_PX, HEADLINE_CHARS, HEADLINE_GAP_PX = 42, 60, 32
TEXT_LINE_PX, TEXT_CHARS = 35, 108
CAPTION_LINE_PX, CAPTION_CHARS = 28, 135
WARNING_PX = 80
NOT_COVERED_PX = 110
KEY_FIGURE_ROW_PX = 130
GAP_PX = 16
MIN_CHART_PX = 260
#: Characters of a key-figure label that fit a third of the slide on one line.
KEY_FIGURE_LABEL_FITS = 26


def _lines(text: str | None, per_line: int) -> int:
    if not text:
        return 0
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def key_figure_columns(slide: Slide) -> int:
    """Key figures per row: three, or two when a label would be cut off."""
    longest = max((len(f.display_label) for f in slide.key_figures), default=0)
    return min(3 if longest <= KEY_FIGURE_LABEL_FITS else 2, max(len(slide.key_figures), 1))


@dataclass(frozen=True)
class ScreenLayout:
    """How a slide uses the screen: the chart's height, and whether the note still fits."""

    chart_height: int
    show_note: bool


def _room(slide: Slide, *, with_note: bool) -> int:
    """Pixels of a 1280x720 screen left for the chart after the slide's text."""
    used = CHROME_PX + HEADLINE_GAP_PX + HEADLINE_LINE_PX * _lines(slide.headline, HEADLINE_CHARS)
    used += GAP_PX + CAPTION_LINE_PX * _lines(slide.screen_source, CAPTION_CHARS)
    if slide.note and with_note:
        used += GAP_PX + TEXT_LINE_PX * _lines(slide.note, TEXT_CHARS)
    if slide.warning:
        used += WARNING_PX
    if slide.not_covered:
        used += NOT_COVERED_PX
    if slide.key_figures:
        rows = -(-len(slide.key_figures) // key_figure_columns(slide))
        used += KEY_FIGURE_ROW_PX * rows
    return SCREEN_HEIGHT - used


def screen_layout(slide: Slide) -> ScreenLayout:
    """The chart gets what the text leaves, at most a little more than its own height (a
    short chart is not stretched), never less than :data:`MIN_CHART_PX`. When the chart
    needs the room, the note gives way: it stays in the speaker notes and the handout."""
    natural = slide.figure.layout.height if slide.figure is not None else None
    wanted = round(natural * 1.15) if natural else SCREEN_HEIGHT
    room = _room(slide, with_note=True)
    show_note = True
    if slide.note and natural and room < natural:
        room, show_note = _room(slide, with_note=False), False
    return ScreenLayout(max(MIN_CHART_PX, min(room, wanted)), show_note)


def figure_rows(chart: NativeChart) -> list[str]:
    """The chart's figures as lines for speaker notes: 'Ambulant: 167 aanbieders'."""
    lines = []
    for index, category in enumerate(chart.categories):
        values = [
            f"{name}: {_number(values[index], chart)}"
            if len(chart.series) > 1
            else _number(values[index], chart)
            for name, values in chart.series
        ]
        lines.append(f"{category}: {'; '.join(values)}")
    return lines


def _number(value: float, chart: NativeChart) -> str:
    decimals = chart.number_format.split(".")[1].count("0") if "." in chart.number_format else 0
    text = fmt.number(value, decimals)
    if chart.unit == "%":
        return f"{text}%"
    if chart.unit == "€ mln":
        return f"€ {text} mln"
    return f"{text} {chart.unit}".strip()
