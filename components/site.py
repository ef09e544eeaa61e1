"""The pages of the dashboard, declared once (pure).

The navigation (``app.py``), presentation mode (its order, and where 'next' leads from
the last slide of a page), the deck and the handout (which pages, in which order, under
which title) all read this one list. A page with a ``topic`` is described by it
(:mod:`components.common.sections`) and is part of the presentation.
"""

from __future__ import annotations

from dataclasses import dataclass

from components.common.sections import Topic
from components.contracts import sections as contracts
from components.costs import sections as costs
from components.overview import sections as overview
from components.providers import sections as providers
from components.transformation import sections as transformation


@dataclass(frozen=True)
class Page:
    """One page: its url path ('' is the overview), title, icon and script."""

    path: str
    title: str
    icon: str
    script: str
    topic: Topic | None = None


PAGES = (
    Page("", "Overzicht", ":material/home:", "pages/overzicht.py", overview.TOPIC),
    Page("aanbieders", "Aanbieders", ":material/groups:", "pages/aanbieders.py", providers.TOPIC),
    Page(
        "contracten", "Contracten", ":material/event_note:", "pages/contracten.py",
        contracts.TOPIC,
    ),
    Page(
        "transformatie", "Transformatie", ":material/trending_down:", "pages/transformatie.py",
        transformation.TOPIC,
    ),
    Page("kosten", "Kosten", ":material/euro:", "pages/kosten.py", costs.TOPIC),
    Page("begrippen", "Begrippen", ":material/menu_book:", "pages/begrippen.py"),
    Page("over", "Over deze cijfers", ":material/info:", "pages/over.py"),
)  # fmt: skip
#: The pages of the presentation, the deck and the handout, in their order.
PRESENTED = tuple(page for page in PAGES if page.topic is not None)


def page(path: str) -> Page:
    """The page at a url path (the overview for an unknown one)."""
    return next((p for p in PAGES if p.path == path), PAGES[0])


def script(path: str) -> str:
    """The script of the page at a url path (for a link between pages)."""
    return page(path).script


def neighbour(path: str, step: int, count: int, direction: int) -> tuple[str, int | None]:
    """Where 'next' (+1) or 'previous' (-1) leads from ``step`` of ``count`` on ``path``.

    Returns (path, step); step None means 'the last step of that page'. Stepping past the
    last presented page wraps to the first, so a presenter can never get stuck.
    """
    target = step + direction
    if 0 <= target < count:
        return path, target
    order = [p.path for p in PRESENTED]
    index = (order.index(path) + direction) % len(order)
    return order[index], (0 if direction > 0 else None)
