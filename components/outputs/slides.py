"""The presentation: each page's sections cut into slides, one message per screen (pure).

The slides are not described anywhere else: they are the page's own sections
(:mod:`components.common.sections`) in the page's order, cut by a few rules, so the
presentation mode (``?modus=presentatie``), the PowerPoint deck
(:mod:`components.outputs.deck`) and the handout (:mod:`components.outputs.handout`) can
never tell another story than the page. The rules:

- A section is a slide unless it is the page's outline or controls (a :class:`Heading`,
  :class:`Choices`, :class:`Links`) or marked ``slide=False`` (reference material).
- The headline is the section's takeaway; a long one gives its first sentence (cut at a
  colon when that is long too) and the rest goes to the note. Without a takeaway the
  headline is the section's title, or the heading it stands under.
- The :class:`Lead` is the page's first slide, with the key :class:`Figures` that follow
  it. A :class:`Notice` right after the lead (what the whole page lacks, a warning) or
  after a :class:`Text` belongs to that slide; any other notice stands in for a section
  the data does not have, and is left out.
- Key figures without a takeaway are headed by the first two of them.
- Text that only the page shows (``slide=False``) goes into the speaker notes and the
  handout of the slide before it.
- A :class:`Question` is two slides: asked, then answered. A :class:`Chart` too long for
  one screen gives its ``projector`` parts. :class:`Tabs` give every tab in order.
- Every slide of a fictitious region says so; every slide that states a figure names its
  sources.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import plotly.graph_objects as go
import polars as pl

from components.common import fmt
from components.common.figures import NO_ANSWER, KeyFigure
from components.common.provenance import source_note
from components.common.sections import (
    NO_VIEW,
    Cards,
    Chart,
    Choices,
    Figures,
    Frames,
    Heading,
    Lead,
    Links,
    NativeChart,
    Notice,
    Question,
    Section,
    Tabs,
    Text,
)
from components.data import disk, extracts

if TYPE_CHECKING:
    from components.site import Page

T = TypeVar("T")

#: Shown on every slide of a fictitious region, so no screenshot can be mistaken for real.
FICTITIOUS = "Fictieve voorbeeldregio: alle namen en cijfers zijn verzonnen, geen echte gegevens."
#: Never shown on a slide: the page's outline and controls.
PAGE_ONLY = (Heading, Choices, Links)


@dataclass(frozen=True)
class Slide:
    """One screen of the presentation: a section under its headline, with its sources."""

    page: str  # the url path of the page it belongs to
    title: str  # the small line above the headline
    headline: str  # plain text, as every text below
    section: Section
    note: str = ""
    #: Fictitious data or a warning the page gives, said on the slide itself.
    warning: str = ""
    #: What this region's data does not cover, said plainly.
    not_covered: str = ""
    #: The answer of a question for the room is shown.
    reveal: bool = False
    #: The full source note (deck, handout) and the brief one (screen).
    source: str = ""
    brief: str = ""
    #: Longer explanations for the speaker notes and the handout (not on the screen): the
    #: section's items, and the page's own text that follows it.
    details: tuple[str, ...] = ()

    @property
    def screen_source(self) -> str:
        """What the screen shows under the slide: the brief source, else the full one."""
        return self.brief or self.source

    @property
    def asks(self) -> bool:
        """A question for the room whose answer is not shown yet."""
        return isinstance(self.section, Question) and not self.reveal


# --- What a slide shows, for the three renderers ----------------------------------------


def figures(slide: Slide) -> tuple[KeyFigure, ...]:
    """The key figures on the slide."""
    return slide.section.figures if isinstance(slide.section, Figures) else ()


def chart(slide: Slide) -> go.Figure | None:
    """The page's chart of the slide (enlarged for a screen by :func:`for_screen`)."""
    return slide.section.figure if isinstance(slide.section, Chart) else None


def native(slide: Slide) -> NativeChart | None:
    """The chart as PowerPoint draws it natively."""
    return slide.section.native if isinstance(slide.section, Chart) else None


def points(slide: Slide) -> tuple[str, ...]:
    """Short lines shown as a list (decision moments, the goals, the gaps in the sources)."""
    if isinstance(slide.section, Text):
        return tuple(fmt.plain(point) for point in slide.section.points)
    if isinstance(slide.section, Cards):
        return tuple(item.title for item in slide.section.items)
    return ()


def table(slide: Slide) -> pl.DataFrame | None:
    """The section's table as a slide shows it (its slide columns), if it has one."""
    section = slide.section
    if not isinstance(section, Chart) or section.table is None or section.table.is_empty():
        return None
    columns = list(section.slide_columns) or section.table.columns
    return section.table.select(columns)


def answer(slide: Slide) -> str:
    """The answer of a question for the room (or that the data does not hold it)."""
    card = slide.section.card  # type: ignore[attr-defined]
    return card.answer if card.answered else fmt.plain(NO_ANSWER)


# --- Cutting sections into slides --------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9'‘(])")
#: A takeaway longer than this gives its first sentence as the headline.
HEADLINE_LIMIT = 120
#: A first sentence longer than this is cut at its colon: the list after it goes to the note.
COLON_LIMIT = 170


def split_first_sentence(text: str) -> tuple[str, str | None]:
    """'A (1). B, c.' → ('A (1).', 'B, c.'): the headline and the rest for the note."""
    parts = _SENTENCE_END.split(text.strip(), maxsplit=1)
    return parts[0], (parts[1] if len(parts) > 1 else None)


def headline_and_note(text: str) -> tuple[str, str | None]:
    """A takeaway as a slide's headline and note: a short takeaway whole; a long one its
    first sentence, and of a very long first sentence what comes before the colon ('9
    deelpercelen hebben drie of minder aanbieders: <nine names>.' becomes '9 deelpercelen
    hebben drie of minder aanbieders.' with the names in the note)."""
    if len(text) <= HEADLINE_LIMIT:
        return text, None
    first, rest = split_first_sentence(text)
    if len(first) > COLON_LIMIT and ": " in first:
        head, tail = first.split(": ", 1)
        return f"{head}.", " ".join(filter(None, [tail[:1].upper() + tail[1:], rest]))
    return first, rest


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
        rows.group_by("bron")
        .agg(pl.col("peildatum").max())
        .sort("peildatum", "bron", descending=[True, False], nulls_last=True)
    )
    named = "; ".join(
        f"{titles.get(row['bron'], row['bron'])} (peildatum {fmt.peildatum(row['peildatum'])})"
        for row in documents.iter_rows(named=True)
    )
    statuses = ", ".join(fmt.status(status) for status in sorted(set(rows["status"])))
    note = source_note(rows, bronnen)
    return "\n".join((*note.warnings, f"Bron: {named}. Status: {statuses}."))


def _sources(section: Section, bronnen: pl.DataFrame) -> dict[str, str]:
    rows = section.rows
    if rows is None or rows.is_empty():
        return {}
    documents = section.bronnen if section.bronnen is not None else bronnen
    return {
        "source": source_note(rows, documents).text(),
        "brief": brief_source(rows, documents),
    }


def _flat(sections: Iterable[Section]) -> Iterator[Section]:
    """Every section in order, the sections of every tab included."""
    for section in sections:
        if isinstance(section, Tabs):
            for part in section.parts:
                yield from _flat(part.build())
        else:
            yield section


def _headline(section: Section, above: str) -> tuple[str, str, str | None]:
    """(title line, headline, note) of a section standing under the heading ``above``."""
    takeaway = fmt.plain(section.takeaway)
    if not takeaway and isinstance(section, Figures):
        takeaway = "; ".join(f"{f.display_label}: {f.value}" for f in section.figures[:2])
    title = section.title or above
    if not takeaway:
        return above, title, None
    headline, note = headline_and_note(takeaway)
    return title, headline, note


def _join(*texts: str | None) -> str:
    return " ".join(text for text in texts if text)


def _one_line(markdown: str) -> str:
    """Markdown as one line of plain text (paragraphs and line breaks become spaces)."""
    return " ".join(fmt.plain(markdown).split())


def _texts(section: Section) -> tuple[str, ...]:
    """The text of a section as lines for the speaker notes and the handout."""
    if isinstance(section, Figures):
        return tuple(f"{figure.display_label}: {figure.value}" for figure in section.figures)
    if isinstance(section, Cards):
        lines = [section.takeaway, section.intro, *(item.markdown for item in section.items)]
    elif isinstance(section, Text):
        lines = [section.takeaway, section.body, *section.points]
    else:
        return ()
    return tuple(_one_line(line) for line in lines if line)


def _slides(section: Section, page: str, above: str, bronnen: pl.DataFrame) -> list[Slide]:
    """The slides of one section (more than one for a question or a long chart)."""
    if isinstance(section, Chart) and section.projector:
        return [s for part in section.projector() for s in _slides(part, page, above, bronnen)]
    title, headline, rest = _headline(section, above)
    if title == headline:
        title = above
    body = section.body if isinstance(section, Text) else ""
    body = section.intro if isinstance(section, Cards) else body
    note = _join(rest, fmt.plain(body))
    items = section.items if isinstance(section, Cards) else ()
    details = tuple(_one_line(item.markdown) for item in items)
    slide = Slide(
        page, title, headline, section, note, details=details, **_sources(section, bronnen)
    )
    if isinstance(section, Question):
        asked = Slide(page, "Vraag aan de zaal", section.card.question, section)
        explanation = fmt.plain(section.card.explanation or "")
        answered = replace(slide, title=asked.title, headline=asked.headline, note=explanation)
        return [asked, replace(answered, reveal=True)]
    return [slide]


def cut(
    page: str, page_title: str, sections: Iterable[Section], bronnen: pl.DataFrame
) -> list[Slide]:
    """A page's sections as slides, by the rules in this module's introduction."""
    slides: list[Slide] = []
    above = page_title  # the heading the next section stands under
    lead: int | None = None  # the lead slide, while key figures may still join it
    notes = False  # whether page-only text belongs to the slide before it
    notices = False  # whether a notice does
    for section in _flat(sections):
        if isinstance(section, Heading):
            above, notes, notices = section.title, False, False
        elif isinstance(section, PAGE_ONLY):
            continue
        elif not section.slide:
            if notes and (lines := _texts(section)):
                slides[-1] = replace(slides[-1], details=(*slides[-1].details, *lines))
        elif isinstance(section, Notice):
            if notices and section.tone != "fictitious":
                slides[-1] = _with_notice(slides[-1], section)
        elif isinstance(section, Lead):
            headline = fmt.plain(section.takeaway) or section.title
            slides.append(
                Slide(page, section.title, headline, section, fmt.plain(section.intro),
                      **_sources(section, bronnen))
            )  # fmt: skip
            lead, notes, notices = len(slides) - 1, True, True
        elif isinstance(section, Figures) and lead is not None:
            first = slides[lead]
            slides[lead] = replace(
                first, section=section, note=fmt.plain(section.note) or first.note,
                **_sources(section, bronnen),
            )  # fmt: skip
            lead = None
        else:
            lead = None
            slides += _slides(section, page, above, bronnen)
            notes, notices = True, isinstance(section, Text)
    return slides


def _with_notice(slide: Slide, notice: Notice) -> Slide:
    text = fmt.plain(notice.takeaway)
    if notice.tone == "warning":
        return replace(slide, warning=_join(slide.warning, split_first_sentence(text)[0]))
    return replace(slide, not_covered=_join(slide.not_covered, text))


def page_slides(
    page: str, page_title: str, sections: Iterable[Section], frames: Frames
) -> list[Slide]:
    """The slides of one page (a title slide when it has none); a fictitious region's
    slides each say so."""
    slides = cut(page, page_title, sections, frames["bronnen"]) or [
        Slide(page, page_title, page_title, Lead(title=page_title))
    ]
    regio = frames["regio"]
    if regio.height and regio["fictief"][0]:
        slides = [replace(s, warning=s.warning or FICTITIOUS) for s in slides]
    return slides


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


#: Layout of a slide at 1280x720 in presentation mode (root font 22 px, see
#: ``components.web.presentation``): the pixels each part takes, measured on screenshots,
#: to give the chart what is left.
SCREEN_HEIGHT = 720
CHROME_PX = 110  # top padding, the previous/next buttons, the position line, gaps
HEADLINE_LINE_PX, HEADLINE_CHARS, HEADLINE_GAP_PX = 42, 60, 32
TEXT_LINE_PX, TEXT_CHARS = 35, 108
CAPTION_LINE_PX, CAPTION_CHARS = 28, 135
WARNING_PX = 80
NOT_COVERED_PX = 110
KEY_FIGURE_ROW_PX = 140
GAP_PX = 16
MIN_CHART_PX = 260
#: Characters of the longest word of a key-figure label that fit a quarter of the slide
#: (labels wrap between words; a longer word would be broken in the middle).
WORD_FITS_QUARTER = 20
#: Rows of key figures that fit a slide with its headline and source.
FIGURE_ROWS = 2


def _lines(text: str | None, per_line: int) -> int:
    if not text:
        return 0
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def figure_label(slide: Slide, figure: KeyFigure) -> str:
    """A key figure's label on the screen: with its status, except 'illustratief' on a slide
    whose banner already says every figure of the region is made up."""
    fictitious = slide.warning == FICTITIOUS and figure.status == "illustratief"
    return figure.label if fictitious else figure.display_label


def key_figure_grid(slide: Slide) -> tuple[tuple[KeyFigure, ...], int]:
    """The key figures the screen shows, and how many per row: three, or four when there
    are more than six and every word of their labels fits a quarter of the screen. At most
    two rows; the others are in the speaker notes and the handout."""
    shown = figures(slide)
    words = [len(word) for f in shown for word in figure_label(slide, f).split()]
    per_row = 4 if len(shown) > 6 and max(words) <= WORD_FITS_QUARTER else 3
    per_row = min(per_row, max(len(shown), 1))
    return shown[: per_row * FIGURE_ROWS], per_row


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
    shown, per_row = key_figure_grid(slide)
    if shown:
        used += KEY_FIGURE_ROW_PX * -(-len(shown) // per_row)
    return SCREEN_HEIGHT - used


def screen_layout(slide: Slide) -> ScreenLayout:
    """The chart gets what the text leaves, at most a little more than its own height (a
    short chart is not stretched), never less than :data:`MIN_CHART_PX`. When the chart,
    or on a slide without one the rest of the slide, needs the room, the note gives way:
    it stays in the speaker notes and the handout."""
    shown = chart(slide)
    natural = shown.layout.height if shown is not None else None
    wanted = round(natural * 1.15) if natural else SCREEN_HEIGHT
    room = _room(slide, with_note=True)
    show_note = True
    if slide.note and room < (natural or 0):
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


def _number(value: float | None, chart: NativeChart) -> str:
    if value is None:
        return "–"
    decimals = chart.number_format.split(".")[1].count("0") if "." in chart.number_format else 0
    text = fmt.number(value, decimals)
    if chart.unit == "%":
        return f"{text}%"
    if chart.unit == "€ mln":
        return f"€ {text} mln"
    return f"{text} {chart.unit}".strip()


def unknown_region(regio: str, root=None) -> str | None:
    """For a command line: why ``regio`` cannot be presented (in Dutch), or None."""
    known = extracts.list_regions(root)
    if regio in known:
        return None
    return f"De regio '{regio}' staat niet in de gegevens. Kies uit: {', '.join(known) or 'geen'}."


def region_parser(prog: str, description: str) -> argparse.ArgumentParser:
    """The command line of an output (deck, handout): the region and its extract folder."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--regio", required=True, help="de regio, bijvoorbeeld regio-alkmaar")
    parser.add_argument("--data", type=Path, help="de map met extracts (standaard data/extracts)")
    return parser


def for_region(make: Callable[[str, Path | None], T], args: argparse.Namespace) -> T | None:
    """``make(regio, data)`` for a command line, or None once the Dutch reason it cannot be
    made (an unknown region, a broken extract) is on standard error."""
    if problem := unknown_region(args.regio, args.data):
        print(problem, file=sys.stderr)
        return None
    try:
        return make(args.regio, args.data)
    except extracts.ExtractError as error:
        print(error.message_nl(), file=sys.stderr)
        return None


def write_outputs(files: list[tuple[Path, bytes]]) -> bool:
    """Write a command's files, all whole or none (:func:`components.data.disk.write_whole`);
    False once the Dutch reason they could not be written is on standard error."""
    try:
        disk.write_whole(files)
    except OSError as error:
        print(disk.cannot_write(error), file=sys.stderr)
        return False
    for path, data in files:
        print(f"{path}: {fmt.number(len(data) / 1024)} kB")
    return True


def load_frames(regio: str, root: extracts.Root | None = None) -> dict[str, pl.DataFrame]:
    """Every frame the presentation of a region needs, read straight from its extracts.

    Raises :class:`components.data.extracts.ExtractError` for a missing or broken extract.
    """
    from components import site

    frames: dict[str, pl.DataFrame] = {}
    for page in site.PRESENTED:
        frames |= page.topic.frames(lambda name: extracts.read_extract(regio, name, root))
    return frames


def slides_of(page: Page, frames: Frames, today: dt.date | None = None) -> list[Slide]:
    """The slides of one page of a region (its topic described with the default view)."""
    sections = page.topic.sections(frames, NO_VIEW, today or dt.date.today())
    return page_slides(page.path, page.title, sections, frames)


def region_slides(frames: Frames, today: dt.date | None = None) -> list[Slide]:
    """Every slide of a region in presentation order (what the deck and the handout show)."""
    from components import site

    return [slide for page in site.PRESENTED for slide in slides_of(page, frames, today)]
