"""The presentation: one message per screen, for every page, built from the extracts (pure).

The same slide list drives three things, so they can never tell different stories:
presentation mode in the app (``modus=presentatie``), the PowerPoint deck, and the
printable handout. A slide has one headline (the takeaway), optionally a few large key
figures, a question for the room (asked on one step, answered on the next), or a chart,
and always its source line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import plotly.graph_objects as go
import polars as pl

from components import figures
from components.provenance import source_note


@dataclass(frozen=True)
class NativeChart:
    """Chart data in a form PowerPoint can draw natively (editable, not a picture)."""

    kind: str  # "bar" (horizontal), "column", "column_stacked", "line"
    categories: list[str]
    series: list[tuple[str, list[float]]]
    number_format: str = "#.##0"


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


@dataclass(frozen=True)
class PageSlides:
    """How to build one page's slides: the extracts it needs and the builder."""

    title: str
    extracts: tuple[str, ...]
    build: Callable[[dict[str, pl.DataFrame]], list[Slide]]


OVERVIEW_FIGURES = [
    "inwoners",
    "jeugdigen_in_zorg",
    "omzet_jeugd",
    "omzet_wmo",
    "aanbieders_jeugd",
    "aanbieders_wmo",
]


def overview_slides(frames: dict[str, pl.DataFrame]) -> list[Slide]:
    """Title with key figures, then each audience question: asked, then answered."""
    regio = frames["regio"].row(0, named=True)
    kerncijfers, bronnen = frames["kerncijfers"], frames["bronnen"]
    shown = figures.key_figures(kerncijfers, OVERVIEW_FIGURES)
    slides = [
        Slide(
            page="",
            title=f"Inkoop jeugdhulp: {regio['naam']}",
            headline=figures.overview_takeaway(regio, kerncijfers),
            key_figures=tuple(shown),
            source=source_note(figures.rows_for(kerncijfers, OVERVIEW_FIGURES), bronnen).text(),
        )
    ]
    for card in figures.questions(frames["vragen"], kerncijfers):
        answer = card.answer if card.answered else figures.NO_ANSWER
        source = source_note(card.rows, bronnen).text()
        common = {"page": "", "title": "Vraag aan de zaal", "question": card.question}
        slides.append(Slide(**common, headline=card.question, source=""))
        slides.append(
            Slide(
                **common,
                headline=card.question,
                answer=answer,
                reveal=True,
                note=card.explanation,
                source=source,
            )
        )
    return slides


#: Presentation order: url path → how to build that page's slides. Pages register here as
#: they gain slides; a page without a builder gets a single title slide.
PAGES: dict[str, PageSlides] = {
    "": PageSlides("Overzicht", ("regio", "kerncijfers", "vragen", "bronnen"), overview_slides),
}
ORDER = ["", "aanbieders", "contracten", "transformatie", "kosten"]
TITLES = {
    "": "Overzicht",
    "aanbieders": "Aanbieders",
    "contracten": "Contracten",
    "transformatie": "Transformatie",
    "kosten": "Kosten",
}


def page_slides(page: str, frames: dict[str, pl.DataFrame]) -> list[Slide]:
    """The slides of one page (a title slide when the page has no builder yet)."""
    spec = PAGES.get(page)
    slides = spec.build(frames) if spec else []
    return slides or [Slide(page=page, title=TITLES[page], headline=TITLES[page])]


def needed_extracts(page: str) -> tuple[str, ...]:
    """The extracts a page's slides read (always including the sources)."""
    spec = PAGES.get(page)
    return tuple(dict.fromkeys((*(spec.extracts if spec else ()), "bronnen")))


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
