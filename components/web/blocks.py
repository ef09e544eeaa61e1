"""The page blocks: one Streamlit renderer per kind of section, and the blocks they share.

A page describes itself with its topic's sections (:mod:`components.common.sections`) and
hands them to :func:`render`. Every chart gets the same companions: a source note
(document, reference date, status), the same data as a real HTML table (screen readers
and exact values), and a CSV/Excel download. Widget keys come from the sections, so they
stay unique when a kind is used twice on one page.

Text from the sources is data, never markup: every text these blocks hand to Streamlit
(which reads Markdown in titles, text, captions, labels, alerts and help) goes through
:func:`components.common.fmt.markdown`, so only Markdown the code wrote is read as such.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import nullcontext

import polars as pl
import streamlit as st

from components import site
from components.common import charts, fmt, tables
from components.common import sections as s
from components.common.figures import NO_ANSWER, KeyFigure, Question
from components.common.fmt import join, markdown, md
from components.common.provenance import source_note as build_note
from components.data import extracts
from components.web import loaders, state

NOTICE_ICONS = {
    "not_covered": "visibility_off",
    "warning": "warning",
    "info": "info",
    "fictitious": "science",
    "error": "error",
}


def show_notices() -> None:
    """Show the notices collected while reading the URL (unknown region, filter, …): plain
    text, since they name what is shown instead (a region's name from its sources)."""
    for text in state.take_notices():
        st.info(markdown(text), icon=":material/info:")


def page_header(title: str, takeaway: str, *, intro: str | None = None) -> None:
    """The page title with its one-line takeaway (the headline of the page)."""
    state.ensure_app_shell()
    st.title(markdown(title))
    st.markdown(md("**{}**", takeaway))
    if intro:
        st.markdown(markdown(intro))


def notice(text: str, tone: str = "not_covered", icon: str = "") -> None:
    """A notice: what the data does not cover, a warning, a remark or an error."""
    show = {"warning": st.warning, "fictitious": st.warning, "error": st.error}.get(tone, st.info)
    show(markdown(text), icon=f":material/{icon or NOTICE_ICONS[tone]}:")


def source_note(rows: pl.DataFrame | None, bronnen: pl.DataFrame) -> None:
    """The provenance of ``rows`` under a chart or figure row."""
    if rows is None:
        return
    note = build_note(rows, bronnen)
    for warning in note.warnings:
        st.warning(markdown(warning), icon=":material/warning:")
    if note.lines:
        st.caption(join(note.lines, "  \n"))


#: Characters of a metric label that fit on one line in a third of the page at 1280 px.
METRIC_LABEL_FITS = 24


def key_figures(figures: Sequence[KeyFigure], *, per_row: int | None = None) -> None:
    """A row (or rows) of large figures."""
    # Streamlit cuts a metric label to one line: long labels get two cards per row.
    longest = max((len(f.display_label) for f in figures), default=0)
    per_row = per_row or (3 if longest <= METRIC_LABEL_FITS else 2)
    for start in range(0, len(figures), per_row):
        columns = st.columns(per_row)
        for column, figure in zip(columns, figures[start : start + per_row], strict=False):
            column.metric(
                markdown(figure.display_label),
                markdown(figure.value),
                help=markdown(figure.note) if figure.note else None,
                border=True,
            )


def data_table(
    table: pl.DataFrame,
    *,
    key_prefix: str,
    filename: str,
    extra_sheets: dict[str, pl.DataFrame] | None = None,
    label: str = s.DEFAULT_TABLE_LABEL,
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


def extract_error(error: extracts.ExtractError) -> None:
    """A broken extract, explained in Dutch, without a traceback."""
    st.error(markdown(error.message_nl()), icon=":material/error:")  # it names a file


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


def topic_or_stop(topic: s.Topic, regio: str | None) -> dict[str, pl.DataFrame]:
    """A topic's frames (extracts cached per server, derived frames too), or stop the page
    with the Dutch reason."""
    load_or_stop(regio, *topic.needed())
    assert regio is not None  # load_or_stop stopped otherwise
    return topic.frames(
        lambda name: loaders.load(regio, name),
        lambda spec: loaders.derive(spec.function, regio, *spec.extracts),
    )


def _set(key: str, value: bool) -> None:
    st.session_state[key] = value


def question_card(question: Question, bronnen: pl.DataFrame, *, key_prefix: str) -> None:
    """A question for the room; the answer (with its source) appears after one click."""
    shown_key = f"{key_prefix}_{question.vraag_id}_shown"
    with st.container(border=True):
        st.markdown(md("#### {}", question.question))
        if not st.session_state.get(shown_key):
            st.button(
                "Toon het antwoord",
                key=f"{shown_key}_show",
                type="primary",
                on_click=_set,
                args=(shown_key, True),
            )
            return
        st.markdown(md("**Antwoord: {}**", question.answer if question.answered else NO_ANSWER))
        if question.explanation:
            st.markdown(markdown(question.explanation))
        source_note(question.rows, bronnen)
        st.button(
            "Verberg het antwoord", key=f"{shown_key}_hide", on_click=_set, args=(shown_key, False)
        )


# --- One renderer per kind of section ---------------------------------------------------


def _lead(section: s.Lead, bronnen: pl.DataFrame) -> None:
    page_header(section.title, section.takeaway, intro=section.intro or None)


def _heading(section: s.Heading, bronnen: pl.DataFrame) -> None:
    st.header(markdown(section.title))


def _figures(section: s.Figures, bronnen: pl.DataFrame) -> None:
    key_figures(section.figures, per_row=section.per_row)
    source_note(section.rows, bronnen)
    if section.note:
        st.markdown(markdown(section.note))


def _chart(
    section: s.Chart, bronnen: pl.DataFrame, controls: Callable[[], None] | None = None
) -> None:
    """A chart with its heading, takeaway, source note, HTML table and downloads; with
    ``controls``, the controls that move it beside it.

    The chart's column stays in view while the controls beside (on a phone: under) it
    scroll (browser.PAGE_CSS, keyed ``met-bediening-…``).
    """
    if section.title:
        st.subheader(markdown(section.title))
    if section.takeaway:
        st.markdown(markdown(section.takeaway))
    if controls is None:
        _figure(section)
    else:
        with st.container(key=f"met-bediening-{section.key}"):
            chart_column, controls_column = st.columns([2, 1], gap="medium")
            with chart_column:
                _figure(section)
            with controls_column.container(border=True):
                controls()
    source_note(section.rows, bronnen)
    if section.table is not None:
        data_table(
            section.table,
            key_prefix=section.key,
            filename=section.filename,
            extra_sheets=dict(section.sheets),
            label=section.label,
            expanded=section.expanded,
            page_size=section.page_size,
        )


def chart_or_list(key: str, narrow: str, draw: Callable[[], None]) -> None:
    """``draw`` a chart; with ``narrow``, also the list a screen of 768 px or less shows
    instead (the CSS of browser.PAGE_CSS shows one of the two by the screen's width)."""
    with st.container(key=f"niet-smal-{key}") if narrow else nullcontext():
        draw()
    if narrow:
        st.container(key=f"alleen-smal-{key}").markdown(markdown(narrow))


def _figure(section: s.Chart) -> None:
    if section.figure is None:
        return
    # alt: a screen reader hears the chart's title and conclusion; the exact figures are
    # in the HTML table right under it.
    chart_or_list(
        section.key,
        section.narrow,
        lambda: st.plotly_chart(
            charts.for_browser(section.figure),
            theme=None,
            config=charts.PLOTLY_CONFIG,
            key=f"{section.key}_chart",
            alt=f"Grafiek: {fmt.plain(section.title)}. {fmt.plain(section.takeaway)}",
        ),
    )


def _text(section: s.Text, bronnen: pl.DataFrame) -> None:
    if section.title:
        st.subheader(markdown(section.title))
    if section.takeaway:
        st.markdown(markdown(section.takeaway))
    if section.body:
        (st.caption if section.small else st.markdown)(markdown(section.body))
    if section.points:
        st.markdown(join((md("- {}", point) for point in section.points), "\n"))
    source_note(section.rows, bronnen)


def _cards(section: s.Cards, bronnen: pl.DataFrame) -> None:
    with st.container(border=True) if section.boxed else nullcontext():
        if section.title:
            st.subheader(markdown(section.title))
        for text in (section.takeaway, section.intro):
            if text:
                st.markdown(markdown(text))
        items = section.items
        if section.form == "cards":
            for index, item in enumerate(items):
                if index % section.per_row == 0:
                    columns = st.columns(section.per_row)
                box = columns[index % section.per_row].container(border=True)
                box.markdown(markdown(item.markdown))
        elif section.form == "bullets":
            st.markdown(join((item.markdown for item in items), "\n"))
        elif section.form == "expanders":
            for item in items:
                with st.expander(markdown(item.title)):
                    st.markdown(markdown(item.markdown))
        else:
            for item in items:
                st.markdown(markdown(item.markdown))
                if item.note:
                    st.caption(markdown(item.note))
        source_note(section.rows, bronnen)


def _notice(section: s.Notice, bronnen: pl.DataFrame) -> None:
    notice(section.takeaway, section.tone, section.icon)


def _question(section: s.Question, bronnen: pl.DataFrame) -> None:
    question_card(section.card, bronnen, key_prefix="overzicht")


def _links(section: s.Links, bronnen: pl.DataFrame) -> None:
    for index, link in enumerate(section.links):
        if index % 2 == 0:
            columns = st.columns(2)
        with columns[index % 2].container(border=True):
            st.page_link(site.script(link.page), label=link.label, icon=":material/arrow_forward:")
            st.caption(link.caption)


def _choices(section: s.Choices, bronnen: pl.DataFrame) -> None:
    if not any(section.choices):
        return
    # Keyed so a row of choices wraps before a choice gets too narrow (browser.PAGE_CSS).
    first = next(choice for choice in section.choices if choice is not None)
    row = st.container(key=f"keuzes-{first.key}")
    places = row.columns(list(section.widths)) if section.widths else [row] * len(section.choices)
    for place, choice in zip(places, section.choices, strict=True):
        if choice is not None:
            state.control(choice, place)


def _tabs(section: s.Tabs, bronnen: pl.DataFrame) -> None:
    labels = {part.id: part.label for part in section.parts}
    chosen, tab = state.tabs([part.id for part in section.parts], key=section.key, labels=labels)
    with tab:
        render(next(p for p in section.parts if p.id == chosen).build(), bronnen)


RENDERERS = {
    s.Lead: _lead,
    s.Heading: _heading,
    s.Figures: _figures,
    s.Chart: _chart,
    s.Text: _text,
    s.Cards: _cards,
    s.Notice: _notice,
    s.Question: _question,
    s.Links: _links,
    s.Choices: _choices,
    s.Tabs: _tabs,
}


def render(
    sections: Iterable[s.Section],
    bronnen: pl.DataFrame,
    *,
    beside: Mapping[str, Callable[[], None]] | None = None,
) -> None:
    """Draw a topic's sections on the page, in order (``bronnen``: the region's documents,
    which the source notes name).

    ``beside`` draws a page's own controls beside the chart with that key (under it on a
    phone), so that the chart they move stays in view while they are used.
    """
    for section in sections:
        sources = section.bronnen if section.bronnen is not None else bronnen
        controls = (beside or {}).get(section.key) if isinstance(section, s.Chart) else None
        if controls:
            _chart(section, sources, controls)  # type: ignore[arg-type]
        else:
            RENDERERS[type(section)](section, sources)  # type: ignore[operator]
