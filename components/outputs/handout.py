"""The handout: every page's takeaways, charts and sources on A4, to print or take home (pure).

Built from the same slides as the presentation mode and the deck (the pages' own sections,
:func:`components.outputs.slides.region_slides`), page by page in presentation order. It is one
self-contained HTML file: Plotly's JavaScript is embedded (no internet needed to open
it), the charts are static pictures of the page's charts, and a print style sheet puts
it on A4 (each page of the dashboard starts a new sheet; a slide is never split over two
sheets). A question for the room appears once, with its answer.

Command line::

    python -m components.outputs.handout --regio regio-alkmaar --uit handout.html --pdf handout.pdf

``--pdf`` prints the HTML with headless Chromium (Debian's ``/usr/bin/chromium``).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from components import site
from components.common import fmt, tables
from components.data.extracts import Root
from components.outputs import slides
from components.outputs.slides import Slide

#: Printable width of A4 with 15 mm margins, in CSS pixels (180 mm at 96 px per inch).
PRINT_WIDTH = 680
MAX_CHART_HEIGHT = 520
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
MIME = "text/html"

STYLE = """
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
body { font-family: "Source Sans 3", "Source Sans Pro", Arial, sans-serif; font-size: 11pt;
       line-height: 1.4; color: #1a1a1a; max-width: 180mm; margin: 0 auto; }
header.cover { margin-bottom: 8mm; }
h1 { font-size: 20pt; margin: 0 0 2mm; }
h2 { font-size: 16pt; margin: 0 0 4mm; padding-bottom: 1mm; border-bottom: 2px solid #154273; }
h3 { font-size: 13pt; margin: 0 0 2mm; }
.kicker { font-size: 9.5pt; color: #4a4a4a; margin: 0; text-transform: uppercase;
          letter-spacing: 0.03em; }
section.page { break-before: page; }
section.page:first-of-type { break-before: auto; }
article { break-inside: avoid; margin: 0 0 7mm; }
.warning { border-left: 4px solid #9a3b00; padding: 1mm 3mm; color: #6b2900; font-weight: 600; }
.not-covered { border-left: 4px solid #5f6b7a; padding: 1mm 3mm; color: #333; }
.figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; margin: 2mm 0; }
.figure { border: 1px solid #c9d1db; border-radius: 2mm; padding: 2mm 3mm; }
.figure .value { font-size: 17pt; font-weight: 700; color: #154273; }
.figure .label { font-size: 9.5pt; }
.answer { font-size: 13pt; font-weight: 700; color: #154273; }
.chart { margin: 2mm 0; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: 2mm 0; }
th, td { text-align: left; vertical-align: top; padding: 1mm 2mm;
         border-bottom: 1px solid #c9d1db; }
thead th { border-bottom: 2px solid #154273; }
tbody th { font-weight: 400; }
.getal { text-align: right; }
ul.details { font-size: 9.5pt; color: #333; }
.source { font-size: 8.5pt; color: #4a4a4a; white-space: pre-line; }
@media screen { body { margin: 2rem auto; padding: 0 1rem; } }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _chart(figure: go.Figure) -> str:
    """A page's chart, sized for the printable width of A4, as a static picture."""
    shown = go.Figure(figure)
    height = min(shown.layout.height or 400, MAX_CHART_HEIGHT)
    shown.update_layout(width=PRINT_WIDTH, height=height)
    div = shown.to_html(
        full_html=False,
        include_plotlyjs=False,
        config={"staticPlot": True, "displayModeBar": False, "locale": "nl"},
    )
    return f'<div class="chart">{div}</div>'


def _article(item: Slide) -> str:
    """One slide as a block of the handout, in reading order."""
    parts = [f'<p class="kicker">{_e(item.title)}</p>', f"<h3>{_e(item.headline)}</h3>"]
    if item.warning:
        parts.append(f'<p class="warning">{_e(item.warning)}</p>')
    if figures := slides.figures(item):
        cells = "".join(
            f'<div class="figure"><div class="value">{_e(f.value)}</div>'
            f'<div class="label">{_e(f.display_label)}</div></div>'
            for f in figures
        )
        parts.append(f'<div class="figures">{cells}</div>')
    if item.reveal:
        parts.append(f'<p class="answer">Antwoord: {_e(slides.answer(item))}</p>')
    figure, table = slides.chart(item), slides.table(item)
    if figure is not None:
        parts.append(_chart(figure))
    if points := slides.points(item):
        parts.append("<ul>" + "".join(f"<li>{_e(p)}</li>" for p in points) + "</ul>")
    if figure is None and table is not None:
        parts.append(tables.html_table(table))
    if item.not_covered:
        parts.append(f'<p class="not-covered">{_e(item.not_covered)}</p>')
    if item.note:
        parts.append(f"<p>{_e(item.note)}</p>")
    if item.details:
        parts.append(
            '<ul class="details">' + "".join(f"<li>{_e(d)}</li>" for d in item.details) + "</ul>"
        )
    if item.source:
        parts.append(f'<p class="source">{_e(item.source)}</p>')
    return "<article>" + "".join(parts) + "</article>"


def build(items: Sequence[Slide], *, region: str, organisation: str, today: dt.date) -> str:
    """The handout as one self-contained HTML document (A4 print style, charts embedded)."""
    sections = []
    for page in site.PRESENTED:
        # A question appears once: its answer slide repeats the question.
        shown = [s for s in items if s.page == page.path and not s.asks]
        if shown:
            articles = "".join(_article(item) for item in shown)
            sections.append(f'<section class="page"><h2>{_e(page.title)}</h2>{articles}</section>')
    title = f"Inkoop jeugdhulp: {region}"
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>{STYLE}</style>"
        f'<script type="text/javascript">{get_plotlyjs()}</script></head><body>'
        f'<header class="cover"><h1>{_e(title)}</h1>'
        f"<p>{_e(organisation)}. Handout bij de presentatie, gemaakt op {fmt.date(today)} "
        "uit de cijfers van het dashboard. Onder elke grafiek staan de bron, de peildatum "
        "en de status van de cijfers.</p></header>" + "".join(sections) + "</body></html>"
    )


def region_handout(regio: str, root: Root | None = None, today: dt.date | None = None) -> str:
    """The handout of one region, read straight from its extracts (also used by the app)."""
    today = today or dt.date.today()
    frames = slides.load_frames(regio, root)
    row = frames["regio"].row(0, named=True)
    return build(
        slides.region_slides(frames, today),
        region=row["naam"],
        organisation=row["organisatie"],
        today=today,
    )


def print_pdf(source: Path, target: Path, *, timeout: float = 120) -> None:
    """Print an HTML file to PDF with headless Chromium (A4 from the page's own @page)."""
    with tempfile.TemporaryDirectory() as profile:
        command = [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", "--no-pdf-header-footer",
            # Time for Plotly to draw the charts before the page is printed.
            "--virtual-time-budget=20000", "--run-all-compositor-stages-before-draw",
            f"--print-to-pdf={target.resolve()}", source.resolve().as_uri(),
        ]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True, timeout=timeout)
    if not target.exists() or target.stat().st_size == 0:
        raise RuntimeError(f"Chromium heeft geen PDF gemaakt: {target}")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write the handout of a region as HTML and/or PDF."""
    parser = slides.region_parser(
        "python -m components.outputs.handout",
        "Maak de handout (A4) van een regio: kernboodschappen, grafieken, bronnen.",
    )
    parser.add_argument("--uit", type=Path, help="het HTML-bestand (printbaar op A4)")
    parser.add_argument("--pdf", type=Path, help="ook (of alleen) als PDF, via Chromium")
    args = parser.parse_args(argv)
    if args.uit is None and args.pdf is None:
        parser.error("geef --uit (HTML), --pdf of allebei")
    text = slides.for_region(region_handout, args)
    if text is None:
        return 1
    outputs = [(args.uit, text.encode("utf-8"))] if args.uit else []
    if args.pdf:
        with tempfile.TemporaryDirectory() as work:
            page, pdf = Path(work) / "handout.html", Path(work) / "handout.pdf"
            page.write_text(text, encoding="utf-8")
            try:
                print_pdf(page, pdf)
            except (OSError, subprocess.SubprocessError, RuntimeError) as error:
                print(f"Chromium kon de PDF niet maken ({error}). Er is niets geschreven.",
                      file=sys.stderr)  # fmt: skip
                return 1
            outputs.append((args.pdf, pdf.read_bytes()))
    # Written only once everything is made, all or none: an error leaves no half set.
    return 0 if slides.write_outputs(outputs) else 1


if __name__ == "__main__":
    sys.exit(main())
