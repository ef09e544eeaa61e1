"""Reusable Streamlit blocks: page header, key figures, chart block, source note, errors.

Every page is built from these, so every chart gets the same three companions: a source
note (document, reference date, status), the same data as a real HTML table (screen
readers and exact values), and a CSV/Excel download. Each block takes a ``key_prefix`` so
widget keys stay unique when a block is used twice on one page.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from components.common import charts, tables
from components.common.figures import NO_ANSWER, KeyFigure, Question
from components.common.provenance import source_note as build_note
from components.data import extracts
from components.outputs import slides
from components.outputs.slides import Slide
from components.web import loaders, state

#: Streamlit hardcodes <html lang="en">. The least fragile fix: a tiny script in the main
#: document (st.html, not an iframe) that sets lang="nl" on every run. Tested in the
#: browser tests; listed in the accessibility statement.
#:
#: The same script gives Streamlit's own controls Dutch names. Streamlit names them in
#: English for a screen reader ("Skip to main content", "Help for Regio", "Main menu"),
#: in the middle of a Dutch page (WCAG 3.1.2) and untranslatable in Streamlit itself.
#: React sets an attribute only when its own value changes, so a name set here stays; a
#: control Streamlit draws anew is renamed when it appears (the observer below). That
#: costs the browser 1–6 ms per page (measured in Chromium: 0.2–0.4 ms a time, 3–18 times).
#:
#: And it lets a keyboard reach a table that is wider than the page (WCAG 2.1.1,
#: axe 'scrollable-region-focusable'): such a table's scroll box gets tabindex=0 and a
#: name, so the arrow keys scroll it. A table that fits gets no extra tab stop. Checked
#: whenever the box or its table changes size (a ResizeObserver, which runs after layout
#: and so forces none), also after zooming in or narrowing the window; a table that fits
#: again loses its tab stop.
STREAMLIT_NAMES = {
    "Skip to main content": "Naar de inhoud",
    "Sidebar": "Zijbalk",
    "App pages": "Pagina's",
    "Collapse sidebar": "Zijbalk inklappen",
    "Expand sidebar": "Zijbalk uitklappen",
    "Main menu": "Hoofdmenu",
    "Link to heading": "Link naar deze kop",
    "Open": "Keuzelijst openen",
    "Close": "Sluiten",
    "Clear all": "Alles wissen",
    "Print": "Afdrukken",  # the items of the main menu
    "Record screen": "Scherm opnemen",
    "Copy version to clipboard": "Versie kopiëren",
    "Selected values": "Gekozen waarden",
}
#: Names that start with the label they belong to: "Help for Regio" (the help button of a
#: widget or key figure), "Remove Contractperiode" (a choice in a multiselect).
STREAMLIT_PREFIXES = {"Help for ": "Uitleg bij ", "Remove ": "Verwijder "}

_LANG_SCRIPT = f"""<script>
document.documentElement.lang = 'nl';
if (!window.jeugdhulpObserver) {{
  const names = {json.dumps(STREAMLIT_NAMES)};
  const prefixes = Object.entries({json.dumps(STREAMLIT_PREFIXES)});
  const dutch = () => {{
    const texts = '[data-testid=stSkipToContent], [data-testid=stMainMenuItemLabel]';
    for (const el of document.querySelectorAll(texts)) {{
      if (el.childElementCount === 0 && Object.hasOwn(names, el.textContent)) {{
        el.textContent = names[el.textContent];
      }}
    }}
    for (const el of document.querySelectorAll('[aria-label], [title]')) {{
      for (const attribute of ['aria-label', 'title']) {{
        const name = el.getAttribute(attribute);
        if (name === null) continue;
        if (Object.hasOwn(names, name)) {{
          el.setAttribute(attribute, names[name]);
          continue;
        }}
        const found = prefixes.find(([english]) => name.startsWith(english));
        if (found) el.setAttribute(attribute, found[1] + name.slice(found[0].length));
      }}
    }}
  }};
  const fit = (box) => {{
    if (box.scrollWidth > box.clientWidth + 1) {{
      box.tabIndex = 0;
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', 'Tabel, breder dan het scherm: scroll met de pijltjes');
    }} else if (box.hasAttribute('tabindex')) {{
      for (const name of ['tabindex', 'role', 'aria-label']) box.removeAttribute(name);
    }}
  }};
  const sizes = new ResizeObserver((entries) => {{
    for (const entry of entries) {{
      if (!entry.target.isConnected) sizes.unobserve(entry.target);  // a table a rerun replaced
      else fit(entry.target.closest('.{tables.TABLE_CLASS}'));
    }}
  }});
  window.jeugdhulpObserver = new MutationObserver(() => {{
    dutch();
    for (const box of document.querySelectorAll('.{tables.TABLE_CLASS}:not([data-gemeten])')) {{
      box.dataset.gemeten = '';
      sizes.observe(box);
      if (box.firstElementChild) sizes.observe(box.firstElementChild);
    }}
  }});
  // Also when Streamlit gives a control that is already drawn a new name.
  window.jeugdhulpObserver.observe(document.body, {{
    childList: true, subtree: true, attributeFilter: ['aria-label', 'title'],
  }});
  dutch();
}}
</script>"""

#: The app's own CSS, on every page. First the look of :func:`components.common.tables.html_table`:
#: Streamlit's own table (font, lines, padding), with numbers aligned right so a column
#: can be compared at a glance. Header text in the theme's text colour (contrast 17:1);
#: the lines are decoration only. A table wider than its box (it scrolls, and the script
#: above gave it a tab stop) would squeeze every column to its longest word, so a long
#: text ran to dozens of lines: there a long text column keeps about 50 characters a line.
#:
#: Then text Streamlit cuts to one line with an ellipsis: the label of a key figure (it hid
#: "(voorlopig)" at 1280 px), a page link and a badge. On a narrower or zoomed screen
#: that hid words on every page with key figures (WCAG 1.4.10); they wrap instead.
PAGE_CSS = f"""<style>
.{tables.TABLE_CLASS} {{ overflow-x: auto; margin-bottom: 0.5rem; }}
.{tables.TABLE_CLASS} table {{ border-collapse: collapse; width: 100%; font-size: 0.875rem;
  line-height: 1.5; color: inherit; }}
.{tables.TABLE_CLASS} th, .{tables.TABLE_CLASS} td {{ padding: 0.25rem 0.375rem;
  border: 1px solid rgba(138, 148, 166, 0.45); text-align: left; vertical-align: top;
  font-weight: 400; }}
.{tables.TABLE_CLASS} thead th {{ font-weight: 600; vertical-align: bottom; }}
.{tables.TABLE_CLASS} .getal {{ text-align: right; font-variant-numeric: tabular-nums; }}
.{tables.TABLE_CLASS}[tabindex] .lang {{ min-width: 20rem; }}
[data-testid=stMetricLabel] [data-testid=stMarkdownContainer],
[data-testid=stMetricLabel] p, [data-testid=stPageLink-NavLink] > span,
[data-testid=stMain] [data-testid=stMarkdownContainer] span.stMarkdownBadge {{
  white-space: normal; overflow: visible; }}
</style>"""


def set_document_language() -> None:
    """Declare Dutch as the page language to assistive technology (and send the app's CSS).

    The style goes in its own call: Streamlit gives a style-only block no room on the page.
    """
    st.html(_LANG_SCRIPT, unsafe_allow_javascript=True)
    st.html(PAGE_CSS)


def show_notices() -> None:
    """Show the notices collected while reading the URL (unknown region, filter, …)."""
    for text in state.take_notices():
        st.info(text, icon=":material/info:")


def page_header(title: str, takeaway: str, *, intro: str | None = None) -> None:
    """The page title with its one-line takeaway (the headline of the page)."""
    state.ensure_app_shell()
    st.title(title)
    st.markdown(f"**{takeaway}**")
    if intro:
        st.markdown(intro)


def source_note(rows: pl.DataFrame, bronnen: pl.DataFrame) -> None:
    """The provenance of ``rows`` under a chart or figure row."""
    note = build_note(rows, bronnen)
    for warning in note.warnings:
        st.warning(warning, icon=":material/warning:")
    if note.lines:
        st.caption("  \n".join(note.lines))


#: Characters of a metric label that fit on one line in a third of the page at 1280 px.
METRIC_LABEL_FITS = 24


def key_figures(
    figures: Sequence[KeyFigure],
    rows: pl.DataFrame,
    bronnen: pl.DataFrame,
    *,
    per_row: int | None = None,
) -> None:
    """A row (or rows) of large figures, with one source note underneath."""
    # Streamlit cuts a metric label to one line: long labels get two cards per row.
    longest = max((len(f.display_label) for f in figures), default=0)
    per_row = per_row or (3 if longest <= METRIC_LABEL_FITS else 2)
    for start in range(0, len(figures), per_row):
        columns = st.columns(per_row)
        for column, figure in zip(columns, figures[start : start + per_row], strict=False):
            column.metric(figure.display_label, figure.value, help=figure.note, border=True)
    source_note(rows, bronnen)


def data_table(
    table: pl.DataFrame,
    *,
    key_prefix: str,
    filename: str,
    extra_sheets: dict[str, pl.DataFrame] | None = None,
    label: str = "Cijfers als tabel en downloaden",
    expanded: bool = False,
    page_size: int | None = None,
) -> None:
    """The data as an HTML table (Dutch formatting) with CSV and Excel downloads.

    With ``page_size`` a longer table shows that many rows at a time, with Vorige/Volgende
    buttons; the downloads always hold every row. A closed table is only built when it is
    opened (a rerun): closed tables made the browser draw hundreds of cells nobody had
    asked for (docs/prestaties.md).
    """
    with st.expander(label, expanded=expanded, key=f"{key_prefix}_open", on_change="rerun") as box:
        if not box.open:
            return
        shown = table
        if page_size is not None and table.height > page_size:
            shown = _paged(table, f"{key_prefix}_pagina", page_size)
        st.html(tables.html_table(shown))
        left, right = st.columns(2)
        left.download_button(
            "Download CSV",
            # Built only when clicked: making every file on every run cost 9-24% of a
            # page's server time (docs/prestaties.md).
            lambda: tables.csv_bytes(table),
            file_name=f"{filename}.csv",
            mime="text/csv",
            key=f"{key_prefix}_csv",
            on_click="ignore",
            icon=":material/download:",
        )
        right.download_button(
            "Download Excel",
            lambda: tables.excel_bytes({"cijfers": table, **(extra_sheets or {})}),
            file_name=f"{filename}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{key_prefix}_xlsx",
            on_click="ignore",
            icon=":material/download:",
        )


def _paged(table: pl.DataFrame, key: str, size: int) -> pl.DataFrame:
    """One page of ``table``, with the buttons to page on (the page is kept per session)."""
    rows, number, pages = tables.page(table, st.session_state.get(key, 1), size)
    st.session_state[key] = number

    def turn(step: int) -> None:
        st.session_state[key] = number + step

    # One row that wraps when narrow: the buttons keep their whole label at any width.
    with st.container(horizontal=True, vertical_alignment="center", gap="medium"):
        st.button(
            "Vorige", key=f"{key}_vorige", on_click=turn, args=(-1,), disabled=number == 1,
            icon=":material/chevron_left:", width="content",
        )  # fmt: skip
        st.markdown(tables.page_caption(table, number, size), width="stretch")
        st.button(
            "Volgende", key=f"{key}_volgende", on_click=turn, args=(1,),
            disabled=number == pages, icon=":material/chevron_right:", icon_position="right",
            width="content",
        )  # fmt: skip
    return rows


def _spoken(text: str) -> str:
    """Markdown as a screen reader should hear it: no asterisks, link targets or escapes."""
    return re.sub(r"\\(.)", r"\1", slides.unmark(text))


def chart_block(
    *,
    title: str,
    takeaway: str,
    figure: go.Figure | None,
    table: pl.DataFrame,
    rows: pl.DataFrame,
    bronnen: pl.DataFrame,
    key_prefix: str,
    filename: str,
    extra_sheets: dict[str, pl.DataFrame] | None = None,
) -> None:
    """A chart with its heading, takeaway, source note, HTML table and downloads.

    ``table`` is what the table and downloads show (readable Dutch column names, exact
    values); ``rows`` are the extract rows behind it (for the source note).
    """
    st.subheader(title)
    st.markdown(takeaway)
    if figure is not None:
        # alt: a screen reader hears the chart's title and conclusion; the exact figures
        # are in the HTML table right under it.
        st.plotly_chart(
            charts.for_browser(figure),
            theme=None,
            config=charts.PLOTLY_CONFIG,
            key=f"{key_prefix}_chart",
            alt=_spoken(f"Grafiek: {title}. {takeaway}"),
        )
    source_note(rows, bronnen)
    data_table(table, key_prefix=key_prefix, filename=filename, extra_sheets=extra_sheets)


def extract_error(error: extracts.ExtractError) -> None:
    """A broken extract, explained in Dutch, without a traceback."""
    st.error(error.message_nl(), icon=":material/error:")


NO_DATA = (
    "Er zijn geen voorbereide gegevens gevonden. Draai eerst de voorbereiding "
    "(python -m components.build.prepare) of vraag de beheerder van de cijfers."
)


def load_or_stop(regio: str | None, *names: str) -> dict[str, pl.DataFrame]:
    """Load the extracts a page needs; on a broken one show why and stop this page only."""
    if regio is None:
        st.error(NO_DATA, icon=":material/error:")
        st.stop()
    try:
        return {name: loaders.load(regio, name) for name in names}
    except extracts.ExtractError as error:
        extract_error(error)
        st.stop()
        raise  # unreachable: st.stop() ends the run; keeps type checkers honest


FICTITIOUS = "Dit is een fictieve voorbeeldregio: geen echte cijfers."


def fictitious_warning(regio: dict, text: str = FICTITIOUS) -> None:
    """The warning above a page of a fictitious region (a ``regio`` extract row)."""
    if regio["fictief"]:
        st.warning(text, icon=":material/science:")


def not_covered(text: str) -> None:
    """Say plainly what this region's data does not cover."""
    st.info(text, icon=":material/visibility_off:")


def _set(key: str, value: bool) -> None:
    st.session_state[key] = value


def question_card(question: Question, bronnen: pl.DataFrame, *, key_prefix: str) -> None:
    """A question for the room; the answer (with its source) appears after one click."""
    shown_key = f"{key_prefix}_{question.vraag_id}_shown"
    with st.container(border=True):
        st.markdown(f"#### {question.question}")
        if not st.session_state.get(shown_key):
            st.button(
                "Toon het antwoord",
                key=f"{shown_key}_show",
                type="primary",
                on_click=_set,
                args=(shown_key, True),
            )
            return
        st.markdown(f"**Antwoord: {question.answer}**" if question.answered else f"**{NO_ANSWER}**")
        if question.explanation:
            st.markdown(question.explanation)
        source_note(question.rows, bronnen)
        st.button(
            "Verberg het antwoord", key=f"{shown_key}_hide", on_click=_set, args=(shown_key, False)
        )


# --- Presentation mode --------------------------------------------------------------

MODE_KEY = "modus"
PRESENTING = "presentatie"
STEP_PARAM = "stap"
#: Presentation mode needs what no Streamlit option gives: hide the sidebar and header for
#: the audience, and enlarge all text (Streamlit sizes text in rem, so the root size
#: scales it). It applies in presentation mode only, on top of PAGE_CSS.
#: Body text is 22 px (>= 20 on a shared screen); the source line and the slide position
#: are small print at 17.6 px, so the chart keeps its room (nothing is under 14 px). The
#: invisible script elements are taken out of the layout so they leave no empty gaps.
_PRESENTATION_CSS = """<style>
[data-testid=stSidebar], [data-testid=stSidebarCollapsedControl], [data-testid=stHeader],
[data-testid=stToolbar], [data-testid=stDecoration] { display: none !important; }
html { font-size: 22px !important; }
[data-testid=stMainBlockContainer] { padding: 1rem 3rem 1rem 3rem !important; max-width: 100%; }
[data-testid=stMain] h1 { font-size: 1.6rem !important; padding: 0.4rem 0 0.3rem 0; }
[data-testid=stMain] h2 { font-size: 1.3rem !important; padding: 0.2rem 0; }
[data-testid=stMetricLabel] p, [data-testid=stMain] [data-testid=stButton] p,
[data-testid=stMain] table { font-size: 0.95rem !important; }
[data-testid=stElementContainer]:has(> [data-testid=stHtml] > script:only-child) {
  display: none !important; }
[data-testid=stCaptionContainer],
[data-testid=stCaptionContainer] p { font-size: 0.8rem !important; }
</style>"""
#: Arrow keys and a presenter's clicker (PageDown/PageUp) press our Volgende/Vorige buttons.
_PRESENTATION_KEYS = """<script>
if (!window.__jeugdhulpKeys) {
  window.__jeugdhulpKeys = true;
  document.addEventListener('keydown', (event) => {
    if (event.target.closest('input, textarea, select, [contenteditable=true]')) return;
    const label = {ArrowRight: 'Volgende', PageDown: 'Volgende',
                   ArrowLeft: 'Vorige', PageUp: 'Vorige'}[event.key];
    if (!label) return;
    const button = [...document.querySelectorAll('[data-testid=stMain] button')]
      .find((b) => b.innerText.includes(label));
    if (button) { event.preventDefault(); button.click(); }
  });
}
</script>"""


def presenting() -> bool:
    """Whether the app is in presentation mode (``?modus=presentatie`` in the link)."""
    return st.query_params.get(MODE_KEY) == PRESENTING


def _start_presenting() -> None:
    st.query_params[MODE_KEY] = PRESENTING
    st.query_params[STEP_PARAM] = "1"


def _stop_presenting() -> None:
    for key in (MODE_KEY, STEP_PARAM):
        if key in st.query_params:
            del st.query_params[key]


def presentation_button() -> None:
    """Start presentation mode from the sidebar (or open a link with ?modus=presentatie)."""
    st.sidebar.button(
        "Start presentatie",
        icon=":material/slideshow:",
        on_click=_start_presenting,
        help="Grote letters, één boodschap per scherm, bladeren met de pijltjestoetsen.",
        width="stretch",
    )


def _deck_bytes(regio: str) -> bytes:
    from components.outputs import deck  # imported on click: a normal page run never pays for it

    return deck.region_deck(regio)


def _handout_text(regio: str) -> str:
    from components.outputs import handout

    return handout.region_handout(regio)


def export_buttons(regio: str | None) -> None:
    """Sidebar downloads of the region's PowerPoint deck and printable handout.

    Both are built only when clicked (a callable ``data``), from the extracts directly, so
    showing the buttons costs a page nothing. Not shown while presenting.
    """
    if regio is None or presenting():
        return
    st.sidebar.download_button(
        "Download presentatie (PowerPoint)",
        data=lambda: _deck_bytes(regio),
        file_name=f"jeugdhulp-{regio}-presentatie.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        on_click="ignore",
        icon=":material/co_present:",
        help="Alle dia's van deze regio met bewerkbare grafieken en de cijfers in de notities.",
        width="stretch",
        key="export_deck",
    )
    st.sidebar.download_button(
        "Download handout",
        data=lambda: _handout_text(regio),
        file_name=f"jeugdhulp-{regio}-handout.html",
        mime="text/html",
        on_click="ignore",
        icon=":material/print:",
        help="Kernboodschappen, grafieken en bronnen per pagina; open en print op A4.",
        width="stretch",
        key="export_handout",
    )


def _render_slide(slide: Slide, position: str) -> None:
    """One slide, top to bottom: position, warning, headline, figures or answer, chart
    (or list, or table), what the data does not cover, note, source."""
    st.caption(position)
    if slide.warning:
        st.warning(slides.plain(slide.warning), icon=":material/science:")
    st.title(slides.plain(slide.headline))
    if slide.key_figures:
        per_row = slides.key_figure_columns(slide)
        for start in range(0, len(slide.key_figures), per_row):
            columns = st.columns(per_row)
            for column, figure in zip(
                columns, slide.key_figures[start : start + per_row], strict=False
            ):
                column.metric(figure.display_label, figure.value, border=True)
    if slide.question and not slide.reveal:
        st.markdown("Wat denkt u? Druk op **Volgende** voor het antwoord.")
    if slide.reveal:
        st.header(slides.plain(f"Antwoord: {slide.answer}"))
    layout = slides.screen_layout(slide)
    if slide.figure is not None:
        figure = slides.for_screen(slide.figure, height=layout.chart_height)
        st.plotly_chart(
            charts.for_browser(figure), theme=None, config=charts.PLOTLY_CONFIG, key="slide_chart"
        )
    elif slide.points:
        st.markdown("\n".join(f"- {slides.plain(point)}" for point in slide.points))
    elif slide.table is not None and slide.table.height and not slide.key_figures:
        st.html(tables.html_table(slide.table))
    if slide.not_covered:
        st.info(slides.plain(slide.not_covered), icon=":material/visibility_off:")
    if slide.note and layout.show_note:
        st.markdown(slides.plain(slide.note))
    if slide.screen_source:
        st.caption(slides.plain(slide.screen_source).replace("\n", "  \n"))


@st.cache_resource(max_entries=64, ttl=3600, show_spinner=False)
def _cached_slides(regio: str, page: str, day: str, stamp: float) -> list[Slide]:
    del day, stamp  # only part of the cache key: a new day or new extracts rebuild
    frames = {name: loaders.load(regio, name) for name in slides.needed_extracts(page)}
    return slides.page_slides(page, frames)


def _page_slides(regio: str, page: str) -> list[Slide]:
    """A page's slides, built once per region, day and preparation run (building the
    figures takes up to a second; a presenter's click should not wait for it). Slides are
    never changed after they are built, so sessions can share them."""
    manifest = extracts.data_root() / regio / extracts.MANIFEST
    stamp = manifest.stat().st_mtime if manifest.exists() else 0.0
    return _cached_slides(regio, page, dt.date.today().isoformat(), stamp)


def present(current: str, regio: str | None) -> None:
    """Render the current slide of ``current`` with previous/next controls."""
    st.html(_PRESENTATION_CSS)
    st.html(_PRESENTATION_KEYS, unsafe_allow_javascript=True)
    load_or_stop(regio, *slides.needed_extracts(current))  # a broken extract: say why, stop
    deck = _page_slides(regio, current)
    try:
        step = int(st.query_params.get(STEP_PARAM, "1")) - 1
    except ValueError:
        step = 0
    step = min(max(step, 0), len(deck) - 1)
    # The link always names the slide shown (also after a missing or impossible stap).
    if st.query_params.get(STEP_PARAM) != str(step + 1):
        st.query_params[STEP_PARAM] = str(step + 1)
    # Controls on top, so "next" is one click away whatever the slide's length.
    previous, following, stop = st.columns([1, 1, 1])
    go_back = previous.button("Vorige", icon=":material/arrow_back:", width="stretch")
    go_on = following.button(
        "Volgende", icon=":material/arrow_forward:", type="primary", width="stretch"
    )
    stop.button("Stop presentatie", on_click=_stop_presenting, width="stretch")
    _render_slide(deck[step], f"{deck[step].title} · dia {step + 1} van {len(deck)}")
    if go_back or go_on:
        _move(current, regio, step, len(deck), 1 if go_on else -1)


def _move(current: str, regio: str | None, step: int, count: int, direction: int) -> None:
    target, target_step = slides.neighbour(current, step, count, direction)
    if target == current and target_step is not None:
        st.query_params[STEP_PARAM] = str(target_step + 1)
        st.rerun()
    if target_step is None:
        load_or_stop(regio, *slides.needed_extracts(target))
        target_step = len(_page_slides(regio, target)) - 1
    params = {MODE_KEY: PRESENTING, STEP_PARAM: str(target_step + 1)}
    if regio:
        params[state.REGION_KEY] = regio
    st.switch_page(page_file(target), query_params=params)


def page_file(url_path: str) -> str:
    """The page script behind a url path ('' is the overview)."""
    return f"pages/{url_path or 'overzicht'}.py"
