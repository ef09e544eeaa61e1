"""The PowerPoint deck of a region: the presentation's slides as an editable .pptx (pure).

One PowerPoint slide per :class:`components.outputs.slides.Slide`, in presentation order, so the
deck, the presentation mode and the handout tell the same story. Each slide has the
headline as its title, the chart as a *native* PowerPoint chart (a presenter can restyle
or correct it; the numbers stay data, not pixels), a table where the page's chart has no
native equivalent (a timeline, the KPI paths, a flow), and the source line at the bottom.
The speaker notes carry the chart's figures, the explanation and the source, so a
presenter can answer "how many exactly?" without the dashboard.

Command line, for a presenter preparing offline::

    python -m components.outputs.deck --regio regio-alkmaar --uit deck.pptx
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

import polars as pl
import xlsxwriter
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
)
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt, lazyproperty

from components.common import tables
from components.common.sections import NativeChart
from components.data.extracts import Root
from components.outputs import slides
from components.outputs.slides import Slide, figure_rows

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
TITLE_ONLY = 5  # the default template's "Title Only" layout
TEXT = RGBColor(0x1A, 0x1A, 0x1A)
MUTED = RGBColor(0x4A, 0x4A, 0x4A)
ACCENT = RGBColor(0x15, 0x42, 0x73)
WARNING = RGBColor(0x9A, 0x3B, 0x00)
PALETTE = [RGBColor.from_string(c.lstrip("#")) for c in ("0072B2", "D55E00", "007A5E", "A0527F")]
CHART_TYPES = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "column_stacked": XL_CHART_TYPE.COLUMN_STACKED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
}
#: Rows of a table that fit on a slide at a readable size; the rest goes to the notes.
TABLE_ROWS = 12
MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


# --- Text boxes ------------------------------------------------------------------------


def _text(
    slide, left, top, width, height, lines: Sequence[str], *, size: int, colour=TEXT,
    bold: bool = False, bullets: bool = False,
):  # fmt: skip
    """A word-wrapped text box with one paragraph per line."""
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = f"• {line}" if bullets else line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour
        paragraph.space_after = Pt(size * 0.4)
    return box


def _lines(text: str, size: float, width, char: float = 0.52) -> int:
    """How many lines ``text`` takes at ``size`` pt in a box ``width`` wide (an estimate:
    an average character is about half the font size wide, a bold one more)."""
    per_line = max(10, int(width / 12700 / (size * char)))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def _height(text: str, size: float, width, spacing: float = 1.25, char: float = 0.52) -> Emu:
    """The height of ``text`` wrapped in a box ``width`` wide."""
    return Emu(int(_lines(text, size, width, char) * size * spacing * 12700))


def _title(slide, headline: str, top) -> Emu:
    """The headline as the slide's title (left aligned, sized to its length); its height."""
    size = 30 if len(headline) <= 90 else 26 if len(headline) <= 150 else 22
    width = WIDTH - 2 * MARGIN
    height = _height(headline, size, width, 1.2, char=0.6) + Inches(0.1)
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = MARGIN, top, width, height
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.text = headline
    for paragraph in frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = True
            run.font.color.rgb = TEXT
    return height


# --- Charts and tables -----------------------------------------------------------------


class _TextWorkbookWriter(CategoryWorkbookWriter):
    """The workbook inside a chart with every name written as text.

    python-pptx opens it with xlsxwriter's defaults, which turn a category named '=1+1'
    into a live formula; this opens it with :data:`components.common.tables.WORKBOOK_OPTIONS`
    (python-pptx has no option for it, so the writer's one opening method is replaced).
    """

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        workbook = xlsxwriter.Workbook(xlsx_file, {"in_memory": True, **tables.WORKBOOK_OPTIONS})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class _ChartData(CategoryChartData):
    """Chart data whose embedded workbook holds names as text (:class:`_TextWorkbookWriter`)."""

    @lazyproperty
    def _workbook_writer(self):
        return _TextWorkbookWriter(self)


def _chart(slide, chart: NativeChart, left, top, width, height) -> None:
    """A native, editable PowerPoint chart with the values written on the data."""
    data = _ChartData(number_format=chart.number_format)
    data.categories = chart.categories
    for name, values in chart.series:
        data.add_series(name, values)
    frame = slide.shapes.add_chart(CHART_TYPES[chart.kind], left, top, width, height, data)
    native = frame.chart
    native.has_title = False  # the slide's headline is the title
    native.font.size = Pt(14)
    native.font.color.rgb = TEXT
    native.has_legend = len(chart.series) > 1
    if native.has_legend:
        native.legend.position = XL_LEGEND_POSITION.BOTTOM
        native.legend.include_in_layout = False
        native.legend.font.size = Pt(14)
    plot = native.plots[0]
    for index, series in enumerate(plot.series):
        colour = PALETTE[index % len(PALETTE)]
        if chart.kind == "line" and series.name in chart.markers:
            # Published figures beside a model: a marker per year, no line between them.
            series.format.line.fill.background()
            series.marker.style = XL_MARKER_STYLE.DIAMOND
            series.marker.size = 11
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = colour
        elif chart.kind == "line":
            series.format.line.color.rgb = colour
            series.format.line.width = Pt(3)
            series.smooth = False
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour
    value_axis, category_axis = native.value_axis, native.category_axis
    value_axis.has_major_gridlines = chart.kind == "line"
    value_axis.tick_labels.number_format = chart.number_format
    value_axis.tick_labels.number_format_is_linked = False
    if chart.kind == "line":
        _label_line_ends(plot, chart)
        return
    plot.gap_width = 60
    if chart.kind == "column_stacked":
        plot.overlap = 100
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = chart.number_format
    labels.number_format_is_linked = False
    labels.show_value = True
    labels.font.size = Pt(14)
    if chart.kind != "column_stacked":
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
    # Values are on the bars; the value axis would only repeat them.
    value_axis.visible = False
    # Category names stay left of the axis, also next to bars for negative values.
    category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if chart.kind == "bar":
        category_axis.reverse_order = True  # first category on top, as in the app


def _label_line_ends(plot, chart: NativeChart) -> None:
    """A line chart names each line and its last value at the end of the line."""
    for series, (name, values) in zip(plot.series, chart.series, strict=True):
        if name in chart.markers:
            continue
        label = series.points[len(values) - 1].data_label
        label.position = XL_LABEL_POSITION.ABOVE
        label.text_frame.text = f"{name}: {_value(values[-1], chart)}"
        label.font.size = Pt(14)


def _value(value: float, chart: NativeChart) -> str:
    return figure_rows(NativeChart(chart.kind, ["x"], [("x", [value])], chart.number_format,
                                   chart.unit))[0].removeprefix("x: ")  # fmt: skip


def _table_layout(shown: pl.DataFrame, width, height) -> tuple[int, int, list[Emu]]:
    """Font size, rows that fit, and each row's height, for a table in ``width``×``height``.

    Rows grow with wrapped text, so the height is estimated per row; the largest font
    (14, 12 or 10 pt) at which some rows fit wins, and rows that do not fit are left to
    the speaker notes.
    """
    column = Emu(int(width / len(shown.columns)))
    rows = [list(shown.columns), *(list(map(str, r)) for r in shown.iter_rows())]
    for size in (14, 12, 10):
        heights = [
            Emu(max(_height(cell, size, column - Inches(0.2)) for cell in row) + Inches(0.12))
            for row in rows
        ]
        fitting = 0
        while fitting < len(heights) and sum(heights[: fitting + 1]) <= height:
            fitting += 1
        if fitting == len(heights) or size == 10:
            return size, max(fitting - 1, 1), heights[:fitting]
    raise AssertionError("unreachable")


def _table(slide, table: pl.DataFrame, left, top, width, height) -> None:
    """A native table (Dutch formatting) with as many rows as fit; the notes have them all."""
    shown = tables.for_display(table.head(TABLE_ROWS))
    size, count, heights = _table_layout(shown, width, height)
    shown = shown.head(count)
    frame = slide.shapes.add_table(count + 1, len(shown.columns), left, top, width, sum(heights))
    grid = frame.table
    for index, row_height in enumerate(heights[: count + 1]):
        grid.rows[index].height = row_height
    for c, name in enumerate(shown.columns):
        right = tables.numeric(table[name], shown[name])  # numbers line up on the right
        _cell(grid.cell(0, c), name, size, bold=True, right=right)
        for r, value in enumerate(shown[name].to_list(), start=1):
            _cell(grid.cell(r, c), value, size, right=right)


def _cell(cell, text: str, size: int, *, bold: bool = False, right: bool = False) -> None:
    cell.text = text
    for paragraph in cell.text_frame.paragraphs:
        if right:
            paragraph.alignment = PP_ALIGN.RIGHT
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold


def _key_figures(slide, items, left, top, width) -> None:
    """Large figures with their labels, three per row."""
    per_row = 3
    cell_w = Emu(int(width / per_row))
    for index, figure in enumerate(items):
        x = left + cell_w * (index % per_row)
        y = top + Inches(1.45) * (index // per_row)
        _text(slide, x, y, cell_w - Inches(0.2), Inches(0.7), [figure.value], size=36,
              bold=True, colour=ACCENT)  # fmt: skip
        _text(slide, x, y + Inches(0.7), cell_w - Inches(0.2), Inches(0.6),
              [figure.display_label], size=16)  # fmt: skip


# --- One slide -------------------------------------------------------------------------


def notes_text(item: Slide) -> str:
    """The speaker notes: the figures behind the slide, the explanation, the source."""
    parts: list[str] = []
    chart, table = slides.native(item), slides.table(item)
    if chart is not None:
        parts.append("Cijfers in de grafiek:\n" + "\n".join(figure_rows(chart)))
    elif table is not None:
        shown = tables.for_display(table)
        lines = ["; ".join(f"{c}: {v}" for c, v in row.items()) for row in shown.to_dicts()]
        parts.append("Cijfers in de tabel:\n" + "\n".join(lines))
    if figures := slides.figures(item):
        parts.append("\n".join(f"{f.display_label}: {f.value}" for f in figures))
    if item.reveal:
        parts.append(f"Antwoord: {slides.answer(item)}")
    parts += [text for text in (item.note, item.not_covered, item.warning) if text]
    parts += list(item.details)
    if item.source:
        parts.append(item.source)
    return "\n\n".join(parts)


def _add_slide(deck, item: Slide) -> None:
    """One PowerPoint slide, laid out top to bottom like the screen: title, warning,
    figures or answer, chart (or list, or table), note, source."""
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    inner = WIDTH - 2 * MARGIN
    _text(slide, MARGIN, Inches(0.15), inner, Inches(0.35), [item.title], size=12, colour=MUTED)
    top = Inches(0.5) + _title(slide, item.headline, Inches(0.5)) + Inches(0.15)
    if item.warning:
        _text(slide, MARGIN, top, inner, Inches(0.4), [item.warning], size=16, bold=True,
              colour=WARNING)  # fmt: skip
        top += _height(item.warning, 16, inner) + Inches(0.15)
    source_height = _height(item.source, 10, inner) + Inches(0.1) if item.source else 0
    source_top = HEIGHT - Inches(0.2) - source_height
    bottom = source_top - Inches(0.1)
    if item.note:
        note_height = _height(item.note, 14, inner) + Inches(0.1)
        bottom -= note_height
        _text(slide, MARGIN, bottom, inner, note_height, [item.note], size=14)
    if figures := slides.figures(item):
        _key_figures(slide, figures, MARGIN, top, inner)
        top += Inches(1.45) * -(-len(figures) // 3)
    if item.asks:
        _text(slide, MARGIN, top, inner, Inches(0.8), ["Wat denkt u?"], size=28, colour=ACCENT)
    if item.reveal:
        answer = f"Antwoord: {slides.answer(item)}"
        _text(slide, MARGIN, top, inner, Inches(1.2), [answer], size=28, bold=True,
              colour=ACCENT)  # fmt: skip
        top += _height(answer, 28, inner) + Inches(0.2)
    if item.not_covered:
        _text(slide, MARGIN, top, inner, Inches(1.5), [item.not_covered], size=20, colour=MUTED)
        top += _height(item.not_covered, 20, inner) + Inches(0.2)
    chart, points, table = slides.native(item), slides.points(item), slides.table(item)
    if chart is not None:
        _chart(slide, chart, MARGIN, top, inner, bottom - top)
    elif points:
        size = 20 if len(points) <= 8 else 16
        _text(slide, MARGIN, top, inner, bottom - top, list(points), size=size, bullets=True)
    elif table is not None and bottom - top > Inches(0.8):
        _table(slide, table, MARGIN, top, inner, bottom - top)
    if item.source:
        _text(slide, MARGIN, source_top, inner, source_height, item.source.split("\n"),
              size=10, colour=MUTED)  # fmt: skip
    slide.notes_slide.notes_text_frame.text = notes_text(item)


def build(items: Sequence[Slide]) -> bytes:
    """The .pptx bytes of these slides (16:9), one PowerPoint slide per slide."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    deck.core_properties.title = items[0].title if items else "Inkoop jeugdhulp"
    deck.core_properties.language = "nl-NL"
    for item in items:
        _add_slide(deck, item)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def region_deck(regio: str, root: Root | None = None, today: dt.date | None = None) -> bytes:
    """The deck of one region, read straight from its extracts (also used by the app)."""
    return build(slides.region_slides(slides.load_frames(regio, root), today))


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write the deck of a region to a file."""
    parser = slides.region_parser(
        "python -m components.outputs.deck",
        "Maak de PowerPoint-presentatie van een regio (bewerkbare grafieken).",
    )
    parser.add_argument("--uit", required=True, type=Path, help="het .pptx-bestand")
    args = parser.parse_args(argv)
    content = slides.for_region(region_deck, args)
    return 0 if content is not None and slides.write_outputs([(args.uit, content)]) else 1


if __name__ == "__main__":
    sys.exit(main())
