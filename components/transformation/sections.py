"""Transformatie described once: page, slides, deck and handout (pure).

The headline and key figures stand on top; the seven parts below them are tabs, of which
a page builds only the open one (the whole page was 13,000 px at 1280×720) and the slides
take every one, in order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import polars as pl

from components.common import disclosure, usage
from components.common import sections as s
from components.common.fmt import join, md
from components.common.provenance import stack
from components.data.extracts import ExtractError
from components.transformation import charts, kpis, measured
from components.transformation import model as tf


@dataclass(frozen=True)
class Compare:
    """The other regions a page may compare with: id → name, and how to read their extracts
    (``load(regio, extract)``, raising :class:`ExtractError`)."""

    names: Mapping[str, str]
    load: Callable[[str, str], pl.DataFrame]


@dataclass(frozen=True)
class _Region:
    """What every part reads."""

    frames: s.Frames
    naam: str
    regio: str
    progress: pl.DataFrame
    #: The measures from the use data per complete year, for the chosen municipality or
    #: the region (empty without use data).
    measured: pl.DataFrame
    #: The rows behind the KPIs: the documents', and the use data where it measured one.
    kpi_rows: pl.DataFrame
    #: The municipality chosen in the link, or :data:`usage.ALL`; and its choice (None
    #: without use data).
    gemeente: str = usage.ALL
    choice: s.Choices | None = None

    @property
    def place(self) -> str:
        """The chosen municipality's name, or the region's."""
        return self.naam if self.gemeente == usage.ALL else self.gemeente

    @property
    def use(self) -> pl.DataFrame:
        """The use rows of the chosen municipality, or of the region."""
        return usage.of(self.frames["gebruik"], self.gemeente)

    @property
    def documents(self) -> str:
        return f"De documenten van {self.naam}"


def _goals(region: _Region) -> list[s.Section]:
    doelen, progress = region.frames["doelen"], region.progress
    described: list[s.Section] = [s.Heading(title="Doelen en verschuivingen")]
    if doelen.is_empty():
        return [
            *described,
            s.Notice(takeaway=f"{region.documents} noemen geen doelen van de inkoop."),
        ]

    def bullets(kind: str, title: str) -> list[s.Section]:
        rows = tf.goals(doelen, kind)
        items = tuple(
            s.Item(goal["titel"], tf.goal_bullet(goal, progress))
            for goal in rows.iter_rows(named=True)
        )
        return [s.Cards(title=title, items=items, form="bullets", rows=rows)] if items else []

    shifts = tf.goals(doelen, tf.SHIFT)
    described += bullets(tf.GOAL, "Doelen van de inkoop")
    if shifts.height:
        described.append(
            s.Cards(
                title="De verschuivingen en hun KPI's",
                intro=tf.INTROS["verschuivingen"],
                items=tuple(
                    s.Item(shift["titel"], tf.goal_markdown(shift, progress))
                    for shift in shifts.iter_rows(named=True)
                ),
                per_row=3,
                rows=shifts,
            )
        )
    described += bullets(tf.FRAME, "Kaders en uitgangspunten")
    # Each list above names its sources; the table holds them all.
    described.append(
        s.Chart(
            table=tf.goals_table(doelen, progress),
            key="tf_doelen",
            filename="doelen",
            slide=False,
        )
    )
    return described


def _part(heading: str, missing: str | None, body: Callable[[], list[s.Section]]):
    """A tab: its heading, then what it shows, or what the documents lack."""
    shown = body() if missing is None else [s.Notice(takeaway=missing)]
    return [s.Heading(title=heading), *shown]


def _explained(rows: pl.DataFrame, title: str, markdown: Callable[[dict], str]) -> s.Cards:
    """The page's own explanation of each row, as cards (on a slide: its speaker notes)."""
    items = tuple(s.Item(row[title], markdown(row)) for row in rows.iter_rows(named=True))
    return s.Cards(items=items, slide=False)


def _kpis(region: _Region) -> list[s.Section]:
    progress = region.progress

    def body() -> list[s.Section]:
        described: list[s.Section] = [
            s.Chart(
                title="Van beginwaarde naar meting en streefwaarde",
                takeaway=kpis.progress_takeaway(progress),
                figure=charts.kpi_paths(progress),
                # One panel per KPI side by side cannot be read on a phone: there a list.
                narrow=join(
                    (
                        md("- **{}**: {}", row["kpi"], kpis.kpi_values(row))
                        for row in progress.iter_rows(named=True)
                    ),
                    "\n",
                ),
                table=kpis.progress_table(progress),
                slide_columns=("KPI", "Beginwaarde", "Meting", "Streefwaarde", "Oordeel"),
                rows=region.kpi_rows,
                key="tf_kpi",
                filename="kpi-voortgang",
            ),
            s.Cards(
                items=tuple(
                    s.Item(row["kpi"], kpis.kpi_markdown(row), note=row["notitie"] or "")
                    for row in progress.iter_rows(named=True)
                ),
                form="list",
                slide=False,
            ),
        ]
        if missing := kpis.unmeasured(progress):
            text = md("**Nog geen meting voor:** {}.", "; ".join(missing))
            described.append(s.Text(body=text, slide=False))
        return described

    lacking = f"{region.documents} geven geen KPI's met begin-, streef- of meetwaarden."
    own = _measured(region)
    if progress.is_empty() and own:
        return _part("Voortgang per KPI", None, lambda: own)
    return _part(
        "Voortgang per KPI", lacking if progress.is_empty() else None, lambda: [*body(), *own]
    )


def _measured(region: _Region) -> list[s.Section]:
    """The measures the region's own use data give, per complete year, with their trend."""
    frame = region.measured
    if frame.is_empty():
        return []
    return [
        *([region.choice] if region.choice else []),
        s.Chart(
            title=f"Gemeten uit de eigen gegevens: {region.place}",
            takeaway=measured.takeaway(frame, region.place),
            table=measured.table(frame),
            rows=usage.provenance(
                region.use.filter(pl.col("jaar").is_in(frame["jaar"].to_list())),
                region.frames["productcodes"],
            ),
            key="tf_gemeten",
            filename=f"gemeten-uit-gebruik{usage.suffix(region.gemeente)}",
            expanded=True,
            label="Per jaar (tabel en download)",
        ),
        s.Text(body=measured.NOTE, small=True, slide=False),
    ]


def _quadrants(region: _Region) -> list[s.Section]:
    kwadranten = region.frames["kwadranten"]

    def body() -> list[s.Section]:
        shares = tf.quadrant_shares(kwadranten)
        native = s.NativeChart(
            "bar",
            shares["naam"].to_list(),
            [
                ("Aandeel budget", s.series(shares["aandeel_budget"])),
                ("Aandeel cliënten", s.series(shares["aandeel_clienten"])),
            ],
            number_format='0"%"',
            unit="%",
        )
        table = tf.quadrant_table(shares)
        return [
            s.Text(body=tf.INTROS["kwadranten"], slide=False),
            s.Chart(
                title="Aandeel in het budget tegenover aandeel in de cliënten",
                takeaway=tf.quadrant_takeaway(shares),
                figure=charts.quadrant_bars(shares),
                # The labels beside the bars need more width than a phone has: a list.
                narrow=join((md("- {}", zin) for zin in shares["zin"]), "\n"),
                native=native,
                table=table,
                slide_columns=tuple(table.columns[:4]),
                rows=kwadranten,
                key="tf_kwadrant",
                filename="kwadranten",
            ),
            _explained(shares, "naam", tf.quadrant_markdown),
        ]

    realised = _realised_quadrants(region)
    lacking = f"{region.documents} delen het budget niet op in kwadranten."
    if kwadranten.is_empty():
        return _part(
            "Budget en cliënten per kwadrant", None if realised else lacking, lambda: realised
        )
    return _part("Budget en cliënten per kwadrant", None, lambda: [*body(), *realised])


def _realised_quadrants(region: _Region) -> list[s.Section]:
    """What the region's own export says: the shares realised in the last whole year,
    beside the strategy's (none without an export that names each product's quadrant)."""
    gebruik, codes = region.frames["gebruik"], region.frames["productcodes"]
    complete = usage.coverage(gebruik).complete
    if not complete or codes["doelgroep"].is_null().all():
        return []
    year = complete[-1]
    choice = [region.choice] if region.choice else []
    if not disclosure.splits_safe(gebruik, codes, year):
        return [*choice, s.Notice(takeaway=measured.WITHHELD_REGION.format(jaar=year))]
    place, withheld = region.gemeente, []
    if place != usage.ALL and not disclosure.splits_safe(gebruik, codes, year, municipal=True):
        place = usage.ALL
        withheld = [s.Notice(takeaway=measured.WITHHELD.format(gemeente=region.gemeente))]
    frame = tf.realised_quadrants(gebruik, codes, year, region.frames["kwadranten"], place)
    name = region.naam if place == usage.ALL else place
    return [
        *choice,
        *withheld,
        s.Chart(
            title=(
                f"Strategie en werkelijkheid per kwadrant in {year}: {name}"
                if not region.frames["kwadranten"].is_empty()
                else f"Uitgaven en jeugdigen per kwadrant in {year}: {name}"
            ),
            takeaway=tf.realised_quadrant_takeaway(
                frame, year, None if place == usage.ALL else place
            ),
            table=tf.realised_quadrant_table(frame),
            rows=stack(
                usage.provenance(usage.of(gebruik, place).filter(pl.col("jaar") == year), codes),
                region.frames["kwadranten"],
            ),
            key="tf_kwadrant_werkelijk",
            filename=f"kwadranten-gerealiseerd-{year}{usage.suffix(place)}",
            expanded=True,
            label="Doel en gerealiseerd per kwadrant (tabel en download)",
        ),
    ]


def _phases(region: _Region) -> list[s.Section]:
    fasen = region.frames["fasen"]

    def body() -> list[s.Section]:
        ordered = tf.phases(fasen)
        described = ordered.filter(pl.col("opgave").is_not_null() | pl.col("impact").is_not_null())
        table = tf.phases_table(ordered)
        return [
            s.Chart(
                title="Fasen van het contract en mijlpalen",
                takeaway=tf.phases_takeaway(ordered),
                figure=charts.phase_timeline(ordered),
                narrow=join(
                    (
                        md("- {}: {}", row["naam"], row["periode"])
                        for row in ordered.iter_rows(named=True)
                    ),
                    "\n",
                ),
                table=table,
                slide_columns=tuple(table.columns[:4]),
                rows=fasen,
                key="tf_fasen",
                filename="fasen",
            ),
            _explained(described, "naam", tf.phase_markdown),
        ]

    lacking = f"{region.documents} geven geen fasen of mijlpalen."
    return _part("Fasen en verwachte impact", lacking if fasen.is_empty() else None, body)


def _escalation(region: _Region) -> list[s.Section]:
    escalatie = region.frames["escalatie"]
    steps, outcomes = tf.escalation(escalatie)

    def body() -> list[s.Section]:
        return [
            s.Text(body=tf.INTROS["escalatie"], slide=False),
            s.Chart(
                title="Het escalatiemodel stap voor stap",
                takeaway=tf.escalation_takeaway(steps, outcomes),
                figure=charts.escalation_flow(steps, outcomes),
                # The steps are written out under the chart; on a phone only that text.
                narrow=md("De stappen en de mogelijke uitkomsten staan hieronder."),
                table=tf.escalation_table(steps, outcomes),
                slide_columns=("Stap", "Soort", "Titel"),
                rows=escalatie,
                key="tf_escalatie",
                filename="escalatiemodel",
            ),
            s.Text(body=tf.escalation_markdown(steps, outcomes), slide=False),
        ]

    lacking = f"{region.documents} beschrijven geen escalatiemodel."
    return _part(
        "Als een aanbieder niet transformeert", lacking if steps.is_empty() else None, body
    )


def _unit_kind(compare: Compare, other: str) -> str | None:
    try:
        return tf.unit_kind(compare.load(other, "segmenten"), compare.load(other, "kwadranten"))
    except ExtractError:
        return None


def _comparison(region: _Region, view: s.View, compare: Compare) -> list[s.Section]:
    """This region's choices beside another region's (the page only: the reader picks)."""
    frames = region.frames
    others = {other: _unit_kind(compare, other) for other in compare.names if other != region.regio}
    if not others:
        return []
    own = tf.unit_kind(frames["segmenten"], frames["kwadranten"])
    order = tf.comparison_order(own, others, frames["regio"]["vergelijk_met"][0])
    chosen, refused = s.one_of(view, "vergelijk", order)
    choice = s.Choices(
        choices=(
            s.Choice(
                "vergelijk", "Vergelijk met regio", tuple(order), chosen, labels=compare.names,
                what="regio om mee te vergelijken", refused=refused,
                help="Zet de keuzes van deze regio naast die van een andere regio.",
            ),
        )
    )  # fmt: skip
    try:
        theirs = {name: compare.load(chosen, name) for name in tf.COMPARED_EXTRACTS}
    except ExtractError as error:
        return [choice, s.Notice(takeaway=error.message_nl(), tone="error")]
    comparison = tf.compare([(region.naam, frames), (compare.names[chosen], theirs)])
    return [
        choice,
        s.Chart(
            takeaway=comparison.takeaway,
            table=comparison.units,
            rows=comparison.rows,
            bronnen=comparison.bronnen,
            key="tf_vergelijk",
            filename=f"vergelijking-{region.regio}-{chosen}",
            label="Eenheden, bekostiging, inkoopvorm en contractduur naast elkaar",
            expanded=True,
            slide=False,
        ),
    ]


def _segments(region: _Region, view: s.View, compare: Compare | None) -> list[s.Section]:
    segmenten = region.frames["segmenten"]
    described: list[s.Section] = [s.Heading(title="Segmenten, en vergelijken met een andere regio")]
    own = tf.segments(segmenten)
    if own.height:
        described.append(
            s.Cards(
                takeaway=md("{} {}", region.naam, tf.INTROS["segmenten"]),
                items=tuple(
                    s.Item(row["segment"], tf.segment_markdown(row))
                    for row in own.iter_rows(named=True)
                ),
                form="expanders",
                rows=segmenten,
            )
        )
    else:
        text = f"{region.documents} beschrijven geen segmenten met hun bekostiging."
        described.append(s.Notice(takeaway=text))
    return described + (_comparison(region, view, compare) if compare else [])


def _differences(region: _Region) -> list[s.Section]:
    heading = s.Heading(title="Wat de bronnen niet zeggen of tegenspreken")
    found = s.differences(region.frames["verschillen"], "transformatie")
    return [heading, found or s.Notice(takeaway=tf.no_differences_text(region.naam))]


#: One tab per part: the id written in the link, the tab's name, and what it shows.
PARTS: dict[str, tuple[str, Callable[..., list[s.Section]]]] = {
    "doelen": ("Doelen", _goals),
    "kpis": ("KPI's", _kpis),
    "kwadranten": ("Kwadranten", _quadrants),
    "fasen": ("Fasen", _phases),
    "escalatie": ("Escalatie", _escalation),
    "segmenten": ("Segmenten en regio's", _segments),
    "verschillen": ("Bronnen vergeleken", _differences),
}


def sections(
    frames: s.Frames,
    view: s.View = s.NO_VIEW,
    today: dt.date | None = None,
    compare: Compare | None = None,
) -> list[s.Section]:
    """Headline and key figures, then the parts in tabs. With ``compare`` (a page) the
    segments tab also puts this region beside another one."""
    del today
    regio = frames["regio"].row(0, named=True)
    doelen, gebruik = frames["doelen"], frames["gebruik"]
    own = measured.per_year(gebruik, frames["productcodes"])
    filled = measured.realisations(frames["kpis"], own, gebruik)
    progress = kpis.kpi_progress(filled)
    kpi_rows = kpis.kpi_note_rows(filled)
    if own.height and filled["meting"].is_not_null().any():
        last = gebruik.filter(pl.col("jaar") == own["jaar"].max())
        kpi_rows = stack(kpi_rows, usage.provenance(last))
    chosen, choice = usage.ALL, None
    if gebruik.height:
        chosen, choice = s.municipality(view, regio["naam"], usage.municipalities(gebruik))
    shown = (
        own if chosen == usage.ALL else measured.per_year(gebruik, frames["productcodes"], chosen)
    )
    region = _Region(
        frames, regio["naam"], regio["regio"], progress, shown, kpi_rows, chosen, choice
    )

    def build(part: str) -> Callable[[], list[s.Section]]:
        builder = PARTS[part][1]
        if part == "segmenten":
            return lambda: builder(region, view, compare)
        return lambda: builder(region)

    rows = stack(doelen, kpi_rows)
    described: list[s.Section] = [
        *s.fictitious(regio),
        s.Lead(title="Transformatie", takeaway=tf.page_takeaway(doelen, progress), rows=rows),
    ]
    if shown := tf.key_figures(doelen, progress):
        described.append(s.Figures(figures=tuple(shown), rows=rows))
    parts = tuple(s.Part(part, label, build(part)) for part, (label, _) in PARTS.items())
    return [*described, s.Tabs(key="onderdeel", parts=parts)]


TOPIC = s.Topic(
    extracts=(
        "regio",
        "doelen",
        "kpis",
        "fasen",
        "escalatie",
        "verschillen",
        "gebruik",
        "productcodes",
        *tf.COMPARED_EXTRACTS,
    ),
    sections=sections,
)
