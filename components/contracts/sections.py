"""Contracten described once: page, slides, deck and handout (pure)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from components.common import disclosure, usage
from components.common import sections as s
from components.common.provenance import stack
from components.contracts import charts, spend
from components.contracts import model as c

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


def _not_covered(regio: dict, frames: s.Frames, today: dt.date) -> list[s.Section]:
    """A region without a contract calendar: say so, and show what is known instead."""
    fasen = frames["fasen"]
    described: list[s.Section] = [
        s.Lead(title="Contracten", takeaway=c.not_covered_takeaway(regio["naam"])),
        s.Notice(takeaway=c.NOT_COVERED),
    ]
    if fasen.height:
        described.append(
            s.Chart(
                title="Wat wel bekend is: fasen en mijlpalen",
                takeaway=c.cycle_text(fasen, today),
                figure=charts.timeline(
                    c.periods(frames["overeenkomsten"], frames["perioden"]),
                    fasen=fasen,
                    today=today,
                    span=c.year_span(fasen),
                ),
                table=c.phase_table(fasen),
                slide_columns=("Soort", "Naam", "Start", "Einde"),
                rows=fasen,
                key="contracten_fasen",
                filename="fasen",
            )
        )
    durations = c.known_durations(frames["segmenten"])
    if durations.height:
        described.append(
            s.Chart(
                title="Wat wel bekend is: contractduur per segment",
                table=c.durations_table(durations),
                rows=durations,
                key="contracten_duur",
                filename="contractduur",
                expanded=True,
                label="Contractduur per segment",
            )
        )
    return described


def _filters(view: s.View, frames: s.Frames):
    """The law, the kinds of period, the date to count from and how far to look ahead."""
    ov, per = frames["overeenkomsten"], frames["perioden"]
    domain, domain_refused = s.one_of(view, "wet", c.domain_options(ov))
    kinds, kinds_refused = s.some_of(view, "periodes", c.kinds_present(per))
    reference, reference_refused = s.one_of(view, "vanaf", list(c.REFERENCE_LABELS))
    window, window_refused = s.one_of(view, "venster", list(c.WINDOW_LABELS))
    law = s.Choice(
        "wet", "Wet", tuple(c.domain_options(ov)), domain, labels=c.DOMAIN_CHOICES,
        what="wet", refused=domain_refused,
        help="Jeugdhulp valt onder de Jeugdwet, maatschappelijke ondersteuning onder de Wmo.",
    )  # fmt: skip
    # A calendar with agreements under one law only has nothing to choose ('Jeugd en Wmo'
    # would suggest Wmo agreements that are not there).
    both = len(c.domain_options(ov)) > 2
    row = s.Choices(
        choices=(
            *((law,) if both else ()),
            s.Choice(
                "periodes", "Soort periode", tuple(c.kinds_present(per)), tuple(kinds),
                kind="multi", labels=c.KIND_LABELS, help="Niets gekozen = alle soorten.",
                placeholder="Alles", refused=kinds_refused,
            ),
            s.Choice(
                "vanaf", "Rekenen vanaf", tuple(c.REFERENCE_LABELS), reference,
                labels=c.REFERENCE_LABELS, what="datum", refused=reference_refused,
                help="De echte datum van vandaag, of de peildatum van de kalender (wat kwam "
                "er toen aan).",
            ),
            s.Choice(
                "venster", "Vooruitkijken", tuple(c.WINDOW_LABELS), window,
                labels=c.WINDOW_LABELS, what="periode", refused=window_refused,
                help="Hoe ver de lijst met beslismomenten vooruitkijkt.",
            ),
        ),
        widths=(1, 1.9, 1.15, 0.95)[0 if both else 1 :],
    )  # fmt: skip
    return c.chosen_domains(domain), kinds, reference, int(window), row


def _timeline_parts(frames: s.Frames, today: dt.date) -> list[s.Chart]:
    """The timeline for a projector: per law, a few agreements per slide, each headed by
    the next decision moment among them."""
    ov, per, fasen = frames["overeenkomsten"], frames["perioden"], frames["fasen"]
    parts = []
    for domain in c.domains_present(ov):
        ordered = c.periods(ov, per, domains=[domain])["overeenkomst_id"]
        groups = chunks(ordered.unique(maintain_order=True).to_list(), AGREEMENTS_PER_SLIDE)
        label = c.DOMAIN_LABELS.get(domain, domain)
        for index, group in enumerate(groups, start=1):
            agreements = ov.filter(pl.col("overeenkomst_id").is_in(group))
            view = c.periods(agreements, per)
            decided = c.decisions(agreements, per)
            calendar_day = c.calendar_date(per)
            moments = c.moments(decided)
            parts.append(
                s.Chart(
                    title=f"Contracten {label}"
                    + (f" ({index} van {len(groups)})" if len(groups) > 1 else ""),
                    takeaway=c.takeaway(moments, today=today, calendar_day=calendar_day)
                    + " "
                    + c.timeline_takeaway(view, fasen, today),
                    figure=charts.timeline(
                        view, today=today, span=c.year_span(per, fasen), today_label="Vandaag"
                    ),
                    narrow=c.timeline_list(view, fasen.clear(), today),
                    table=c.decision_table(decided),
                    slide_columns=(
                        "Overeenkomst",
                        "Huidige einddatum",
                        "Uiterste einddatum (alle opties gebruikt)",
                        "Beslismoment",
                    ),
                    rows=stack(view, agreements),
                )
            )
    return parts


def sections(frames: s.Frames, view: s.View = s.NO_VIEW, today: dt.date | None = None):
    """The next decision moment, the timeline, the decisions ahead, per agreement, and what
    the counts count."""
    real_today = today or dt.date.today()
    regio = frames["regio"].row(0, named=True)
    ov, per, fasen = frames["overeenkomsten"], frames["perioden"], frames["fasen"]
    described: list[s.Section] = s.fictitious(regio)
    if ov.is_empty() or per.is_empty():
        return described + _not_covered(regio, frames, real_today)
    calendar_day = c.calendar_date(per)
    domains, kinds, reference, window, filters = _filters(view, frames)
    day = c.reference_day(reference, real_today, calendar_day)
    shown = c.periods(ov, per, domains=domains, kinds=kinds)
    # Decisions follow the domain filter only: hiding a kind of period must not hide one.
    decided = c.decisions(c.in_domains(ov, domains), per)
    moments = c.moments(decided)
    ahead = c.upcoming(moments, today=day, months=window)
    passed = c.passed_since(moments, since=calendar_day, today=day)
    per_agreement, decided_rows = c.decision_table(decided), c.decision_rows(decided, ov, per)
    described += [
        s.Lead(
            title="Contracten",
            takeaway=c.takeaway(moments, today=day, calendar_day=calendar_day),
            intro=c.today_statement(day, calendar_day),
            rows=decided_rows,
        ),
        filters,
        s.Chart(
            title="Welke overeenkomst loopt wanneer",
            takeaway=c.timeline_takeaway(shown, fasen, day),
            figure=charts.timeline(
                shown,
                fasen=fasen,
                today=day,
                span=c.year_span(per, fasen),
                today_label=c.LINE_LABELS[reference],
            )
            if shown.height
            else None,
            narrow=c.timeline_list(shown, fasen, day),
            table=c.period_table(shown),
            rows=stack(shown, c.in_view(ov, shown), fasen),
            key="contracten_tijdlijn",
            filename="contractkalender",
            sheets={
                "per overeenkomst": per_agreement,
                "fasen en mijlpalen": c.phase_table(fasen),
            },
            projector=lambda: _timeline_parts(frames, day),
        ),
        s.Text(
            title=f"Beslismomenten in de komende {window} maanden",
            body=c.window_text(day, window, calendar_day),
            points=tuple(c.moment_lines(ahead)),
            rows=decided_rows,
        ),
    ]
    if ahead.is_empty():
        described.append(s.Notice(takeaway=c.no_moments_text(day, window)))
    if passed.height:
        described.append(
            # On a slide: in the speaker notes of the moments ahead (what was decided then is
            # not in the calendar, so it is no message for the room).
            s.Text(
                takeaway=c.passed_text(calendar_day, day),
                points=tuple(c.moment_lines(passed)),
                slide=False,
            )
        )
    described += _spend(frames, view)
    described.append(
        s.Chart(
            title="Einddatum en beslismoment per overeenkomst",
            takeaway=c.DEFINITIONS,
            table=per_agreement,
            rows=decided_rows,
            key="contracten_besluit",
            filename="beslismomenten",
            expanded=True,
            label="Per overeenkomst (tabel en download)",
            slide=False,
        )
    )
    gaps = s.differences(
        frames["verschillen"],
        "contracten",
        title="Wat de aantallen tellen en wat de bronnen niet zeggen",
        intro=c.counts_note(frames["overeenkomsten"]),
    )
    return [*described, gaps] if gaps else described


def _spend(frames: s.Frames, view: s.View) -> list[s.Section]:
    """What each agreement cost so far in its current term, against the time left (only
    where the product codes name the agreements): for the region or a municipality (the
    choice in the link, as on Kosten), where that gives no hidden amount away."""
    gebruik, codes = frames["gebruik"], frames["productcodes"]
    agreements = (gebruik, codes, frames["overeenkomsten"], frames["perioden"])
    frame = spend.per_agreement(*agreements)
    if frame.is_empty():
        return []
    region = frames["regio"]["naam"][0]
    chosen, choice = s.municipality(view, region, usage.municipalities(gebruik))
    heading = [s.Heading(title="Wat de overeenkomsten tot nu toe kostten"), choice]
    if not disclosure.term_spend_safe(gebruik, codes, frame):
        return [*heading, s.Notice(takeaway=spend.WITHHELD)]
    withheld: list[s.Section] = []
    if chosen != usage.ALL:
        municipal = spend.per_municipality(*agreements)
        if disclosure.term_spend_safe(gebruik, codes, frame, municipal):
            frame = municipal.filter(pl.col("gemeente") == chosen).drop("gemeente")
        else:
            withheld = [s.Notice(takeaway=spend.WITHHELD_MUNICIPAL.format(gemeente=chosen))]
            chosen = usage.ALL
    if frame.is_empty():
        return [*heading, s.Notice(takeaway=spend.NONE_FOR.format(gemeente=chosen))]
    place = region if chosen == usage.ALL else chosen
    whole = spend.shown_agreements(frame)
    drawn = not whole.is_empty()
    return [
        *heading,
        *withheld,
        s.Chart(
            title=f"Uitgaven per overeenkomst en wat de looptijd nog duurt: {place}",
            takeaway=spend.takeaway(frame),
            figure=charts.spend_bars(whole) if drawn else None,
            # The names of the agreements take half of a phone's width: there a list.
            narrow=spend.lines(frame),
            native=s.NativeChart(
                "bar",
                whole["overeenkomst"].to_list(),
                [
                    (name, [v / 1_000_000 for v in whole[column]])
                    for column, name in spend.SERIES.items()
                ],
                number_format="#,##0.0",
                unit="€ mln",
            )
            if drawn
            else None,
            table=spend.table(frame),
            rows=usage.provenance(
                usage.of(gebruik, chosen).filter(pl.col("jaar") >= frame["start"].min().year),
                codes,
            ),
            key="contracten_uitgaven",
            filename=f"uitgaven-per-overeenkomst{usage.suffix(chosen)}",
        ),
        s.Text(body=spend.NOTE, small=True, slide=False),
    ]


TOPIC = s.Topic(
    extracts=(
        "regio",
        "overeenkomsten",
        "perioden",
        "fasen",
        "verschillen",
        "segmenten",
        "gebruik",
        "productcodes",
    ),
    sections=sections,
)
