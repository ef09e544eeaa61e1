"""The kinds of section a topic is described in (pure: no Streamlit).

Each topic (the overview, Aanbieders, Contracten, Transformatie, Kosten) is described once,
by a function without Streamlit that turns the region's extracts and the reader's choices
into an ordered list of sections. The page draws that list with the Streamlit blocks
(:mod:`components.web.blocks`); presentation mode, the PowerPoint deck and the handout
draw the same list (:mod:`components.outputs`), each with one renderer per kind. So which
chart, table, takeaway and source note belong together is decided in one place, and a
slide can never tell a different story than its page.

The kinds are few: a page's :class:`Lead`, a :class:`Heading` that groups what follows,
key :class:`Figures`, a :class:`Chart` (or only a table) with its downloads, :class:`Text`,
:class:`Cards` of items, a :class:`Notice`, a :class:`Question` for the room, page
:class:`Links`, and two that only a page has: :class:`Choices` (the reader's controls) and
:class:`Tabs`. Every kind has a title, a takeaway and the extract rows behind what it
shows (``rows``: their source, reference date and status make the source note).

Text fields hold Streamlit Markdown: text from the sources belongs in them escaped
(:func:`components.common.fmt.literal`), so it shows as written. The slides, the deck and
the handout read them as plain text (:func:`components.common.fmt.plain`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import plotly.graph_objects as go
import polars as pl

from components.common import usage
from components.common.figures import KeyFigure
from components.common.figures import Question as QuestionCard
from components.common.fmt import md, sentence


@dataclass(frozen=True)
class NativeChart:
    """Chart data in a form PowerPoint can draw natively (editable, not a picture)."""

    kind: Literal["bar", "column", "column_stacked", "line"]  # bar: horizontal
    categories: list[str]
    #: (name, one value per category); None where the series has no value (a gap).
    series: list[tuple[str, list[float | None]]]
    #: An Excel number format code (PowerPoint shows it with the viewer's separators).
    number_format: str = "#,##0"
    #: What the numbers are, for the speaker notes: "aanbieders", "€ mln", "%".
    unit: str = ""
    #: Series of a line chart drawn as markers only (published figures beside a model).
    markers: tuple[str, ...] = ()


def series(values: Sequence[float | int | None]) -> list[float]:
    """Values as a native chart's series (a missing value as 0)."""
    return [float(v) if v is not None else 0.0 for v in values]


@dataclass(frozen=True)
class Item:
    """One card, list entry or expander: a plain title, and the Markdown the page shows."""

    title: str
    markdown: str
    #: Small print under the item on the page (a KPI's note).
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Section:
    """What every kind has."""

    #: The heading on the page; the title line of a slide.
    title: str = ""
    #: The conclusion in a sentence or two: under the heading; the headline of a slide.
    takeaway: str = ""
    #: The extract rows behind what the section shows: its source note and status.
    rows: pl.DataFrame | None = field(default=None, compare=False)
    #: Also shown in presentation mode, the deck and the handout (reference material such
    #: as a searchable list of every provider is not).
    slide: bool = True
    #: The documents ``rows`` name, when they are not only the region's own (a comparison).
    bronnen: pl.DataFrame | None = field(default=None, compare=False)


@dataclass(frozen=True, kw_only=True)
class Lead(Section):
    """The page's title, its headline (in bold) and an introduction."""

    intro: str = ""


@dataclass(frozen=True, kw_only=True)
class Heading(Section):
    """A heading over the sections that follow (the page's outline; not a slide itself)."""


@dataclass(frozen=True, kw_only=True)
class Figures(Section):
    """Large key figures in a row, with one source note (none when ``rows`` is None)."""

    figures: tuple[KeyFigure, ...]
    #: Figures per row on the page; None: three, or two when a label is long.
    per_row: int | None = None
    #: What the figures count and where sources disagree: under them; a slide's note.
    note: str = ""


DEFAULT_TABLE_LABEL = "Cijfers als tabel en downloaden"


@dataclass(frozen=True, kw_only=True)
class Chart(Section):
    """A chart (or a table alone) with its takeaway, source note, HTML table and downloads.

    ``table`` is what the HTML table and the downloads hold: readable Dutch column names,
    exact values. A slide draws ``figure`` for the projector and the deck draws ``native``
    as an editable PowerPoint chart; where there is none, they show the table.
    """

    figure: go.Figure | None = field(default=None, compare=False)
    native: NativeChart | None = None
    table: pl.DataFrame | None = field(default=None, compare=False)
    #: Widget keys of the table and downloads start with this; unique on a page.
    key: str = ""
    filename: str = ""
    sheets: Mapping[str, pl.DataFrame] = field(default_factory=dict, compare=False)
    label: str = DEFAULT_TABLE_LABEL
    expanded: bool = False
    #: Rows per page of a long table (the downloads always hold every row).
    page_size: int | None = None
    #: The columns of ``table`` a slide and the deck show (all when empty).
    slide_columns: tuple[str, ...] = ()
    #: What a tablet held upright or a phone shows instead of ``figure`` (Markdown with the
    #: same figures), for a chart that cannot be read 768 px wide or less.
    narrow: str = ""
    #: The chart cut into parts that each fit a projector (a long timeline), built only
    #: for the slides; without it the chart is one slide.
    projector: Callable[[], Sequence[Chart]] | None = field(default=None, compare=False)


@dataclass(frozen=True, kw_only=True)
class Text(Section):
    """A block of text, optionally a list of points (a slide shows the points)."""

    body: str = ""
    points: tuple[str, ...] = ()
    #: Small print (a caption) on the page.
    small: bool = False


@dataclass(frozen=True, kw_only=True)
class Cards(Section):
    """Items as cards in columns, as a list, or as expanders (a slide lists their titles)."""

    items: tuple[Item, ...]
    #: Markdown between the title and the items; a slide's note.
    intro: str = ""
    #: Cards in columns; a list (one entry after another); a bulleted list; expanders.
    form: Literal["cards", "list", "bullets", "expanders"] = "cards"
    per_row: int = 2
    #: In a bordered box on the page.
    boxed: bool = False


@dataclass(frozen=True, kw_only=True)
class Notice(Section):
    """A notice: what the data does not cover, a warning, or a plain remark (the takeaway).

    On a slide, a notice straight after the :class:`Lead` (what the whole page is or lacks)
    or after a :class:`Text` is shown with it; any other stands in for a section the data
    does not have (:mod:`components.outputs.slides`).
    """

    tone: Literal["not_covered", "warning", "info", "fictitious", "error"] = "not_covered"
    #: A Material icon name instead of the tone's own.
    icon: str = ""


@dataclass(frozen=True, kw_only=True)
class Question(Section):
    """A question for the room: asked first, answered (with its source) after a click."""

    card: QuestionCard


@dataclass(frozen=True)
class Link:
    """A link to another page of the dashboard."""

    page: str  # the page's url path ('' is the overview)
    label: str
    caption: str


@dataclass(frozen=True, kw_only=True)
class Links(Section):
    """Links to other pages, as cards (the page only)."""

    links: tuple[Link, ...]
    slide: bool = False


@dataclass(frozen=True)
class Choice:
    """A control on the page: what it chooses, its options, and the value in force.

    ``value`` is what the sections after it were built with: the reader's choice, or the
    default when the link or the session held none or one that is not among ``options``
    (then ``refused`` is set, so the page can say so without echoing the value).
    """

    key: str  # the link's parameter and the widget's key
    label: str
    options: tuple[str, ...]
    value: str | tuple[str, ...]
    kind: Literal["select", "multi", "text"] = "select"
    labels: Mapping[str, str] = field(default_factory=dict)
    help: str | None = None
    placeholder: str | None = None
    #: What the choice is about, for the notice on a value from the link that does not exist.
    what: str = "keuze"
    refused: bool = False
    #: Kept when the reader moves to another page (the municipality: chosen once, on
    #: every page that has it).
    everywhere: bool = False


@dataclass(frozen=True, kw_only=True)
class Choices(Section):
    """A row of controls (the page only; slides show the default view).

    ``widths`` are the columns' relative widths; a None in ``choices`` leaves its column
    empty. Without widths the controls take the page's width.
    """

    choices: tuple[Choice | None, ...]
    widths: tuple[float, ...] = ()
    slide: bool = False


@dataclass(frozen=True)
class Part:
    """One tab: its id in the link, its name, and how to build its sections.

    Built only when needed: the page builds the open tab; the slides build every tab.
    """

    id: str
    label: str
    build: Callable[[], list[Section]] = field(compare=False)


@dataclass(frozen=True, kw_only=True)
class Tabs(Section):
    """Tabs below the sections before them; only the open tab is built on a page."""

    key: str
    parts: tuple[Part, ...]


FICTITIOUS = "Dit is een fictieve voorbeeldregio: geen echte cijfers."


def fictitious(regio: dict, text: str = FICTITIOUS) -> list[Section]:
    """The warning over every page of a fictitious region (a ``regio`` extract row)."""
    return [Notice(takeaway=text, tone="fictitious")] if regio["fictief"] else []


def differences(
    verschillen: pl.DataFrame,
    onderwerp: str,
    *,
    title: str = "",
    intro: str = "",
    boxed: bool = False,
) -> Cards | None:
    """What the sources do not say or contradict about one subject, one entry each; None
    when nothing is recorded and there is no ``intro`` to show anyway.

    Known inconsistencies are shown, never smoothed over (``verschillen`` extract).
    """
    known = verschillen.filter(pl.col("onderwerp") == onderwerp).sort("verschil_id")
    if known.is_empty() and not intro:
        return None
    return Cards(
        title=title,
        intro=intro,
        items=tuple(
            Item(row["titel"], md("**{}** {}", sentence(row["titel"]), row["omschrijving"]))
            for row in known.iter_rows(named=True)
        ),
        form="list",
        boxed=boxed,
        rows=known if known.height else None,
    )


Frames = Mapping[str, pl.DataFrame]
#: The reader's choices by key (from the session or the link); slides use none: defaults.
View = Mapping[str, object]
NO_VIEW: View = {}


@dataclass(frozen=True)
class Derived:
    """A frame computed from some extracts, costly enough to compute once per region."""

    function: Callable[..., pl.DataFrame]
    extracts: tuple[str, ...]


@dataclass(frozen=True)
class Topic:
    """How to describe one topic: the extracts it reads and the function that describes it.

    ``sections(frames, view, today)`` takes the extracts (and the ``derived`` frames) by
    name, the reader's choices and the date the page treats as today.
    """

    extracts: tuple[str, ...]
    sections: Callable[[Frames, View, dt.date], list[Section]]
    derived: Mapping[str, Derived] = field(default_factory=dict)

    def frames(
        self,
        load: Callable[[str], pl.DataFrame],
        derive: Callable[[Derived], pl.DataFrame] | None = None,
    ) -> dict[str, pl.DataFrame]:
        """The frames ``sections`` takes: every extract read with ``load``, every derived
        frame made by ``derive`` (a cache), or else computed from the extracts."""
        frames = {name: load(name) for name in self.needed()}
        for name, spec in self.derived.items():
            made = derive(spec) if derive else spec.function(*(frames[e] for e in spec.extracts))
            frames[name] = made
        return frames

    def needed(self) -> tuple[str, ...]:
        """Every extract the topic reads, its derived frames' included, with the region and
        its sources (every slide's source line names them)."""
        names = [*self.extracts, "regio", "bronnen"]
        names += [name for spec in self.derived.values() for name in spec.extracts]
        return tuple(dict.fromkeys(names))


def one_of(view: View, key: str, options: list[str] | tuple[str, ...]) -> tuple[str, bool]:
    """The value of a single choice: the view's value when it is one of ``options``, else
    the default (the first option); and whether a value was refused."""
    raw = view.get(key)
    if raw is None or raw == "":
        return options[0], False
    return (str(raw), False) if str(raw) in options else (options[0], True)


def municipality(view: View, region: str, places: Sequence[str]) -> tuple[str, Choices]:
    """The municipality chosen in the link (``gemeente``), or the whole region
    (:data:`usage.ALL`, the first option); and the choice to show for it."""
    options = (usage.ALL, *places)
    chosen, refused = one_of(view, "gemeente", options)
    names = {usage.ALL: f"{region}, alle gemeenten"} | {p: p for p in places}
    choice = Choice(
        "gemeente", "Gemeente", options, chosen, labels=names, what="gemeente",
        refused=refused, everywhere=True,
    )  # fmt: skip
    return chosen, Choices(choices=(choice, None), widths=(2, 3))


def some_of(view: View, key: str, options: list[str] | tuple[str, ...]) -> tuple[list[str], bool]:
    """The values of a multiple choice (a list, or comma-separated in the link) that are
    among ``options``; and whether any was refused. None chosen means 'all'."""
    raw = view.get(key)
    if raw is None or raw == "" or raw == []:
        return [], False
    wanted = raw.split(",") if isinstance(raw, str) else [str(v) for v in raw]  # type: ignore[union-attr]
    known = [value for value in wanted if value in options]
    return known, len(known) < len(wanted)
