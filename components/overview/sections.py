"""The overview described once: page, slides, deck and handout (pure)."""

from __future__ import annotations

import datetime as dt

from components.common import sections as s
from components.common.figures import key_figures, placed, rows_for
from components.common.provenance import stack
from components.overview import model

NO_FIGURES = "De documenten van deze regio geven geen kerncijfers."
#: The four questions the dashboard answers, each a link to its page.
QUESTIONS = (
    s.Link("aanbieders", "Wie levert de zorg?", "Aanbieders per perceel en grootte."),
    s.Link("contracten", "Welke contracten lopen wanneer?", "Looptijden, opties, beslismomenten."),
    s.Link("transformatie", "Wat moet de inkoop veranderen?", "Doelen, verschuivingen, KPI's."),
    s.Link("kosten", "Wat kost het, en wanneer daalt het?", "Kostencurve en scenario's."),
)


def sections(frames: s.Frames, view: s.View = s.NO_VIEW, today: dt.date | None = None):
    """Headline and key figures, what the dashboard answers, the questions for the room."""
    del view  # the overview has no choices
    today = today or dt.date.today()
    regio = frames["regio"].row(0, named=True)
    kerncijfers = frames["kerncijfers"]
    ids = placed(kerncijfers, "overzicht")
    shown = key_figures(kerncijfers, ids)
    described: list[s.Section] = [
        *s.fictitious(regio),
        s.Lead(
            title=f"Inkoop jeugdhulp: {regio['naam']}",
            takeaway=model.overview_takeaway(regio, kerncijfers, today),
            intro=f"Gemeenten: {regio['gemeenten']}." if regio["gemeenten"] else "",
            rows=stack(frames["regio"], rows_for(kerncijfers, list(model.TAKEAWAY_FIGURES))),
        ),
        s.Heading(title="Kerncijfers"),
        s.Figures(figures=tuple(shown), rows=rows_for(kerncijfers, ids))
        if shown
        else s.Notice(takeaway=NO_FIGURES),
        s.Heading(title="Wat dit dashboard beantwoordt"),
        s.Links(links=QUESTIONS),
    ]
    cards = model.questions(frames["vragen"], kerncijfers)
    if cards:
        described += [
            s.Heading(title="Vragen aan de zaal"),
            s.Text(
                body="Raad eerst zelf; klik daarna om het antwoord en de bron te zien.",
                slide=False,
            ),
            *(s.Question(card=card, rows=card.rows) for card in cards),
        ]
    return described


TOPIC = s.Topic(extracts=("regio", "kerncijfers", "vragen", "bronnen"), sections=sections)
