"""Reusable Streamlit blocks: page header, key figures, chart block, source note, errors.

Every page is built from these, so every chart gets the same three companions: a source
note (document, reference date, status), the same data as a real HTML table (screen
readers and exact values), and a CSV/Excel download. Each block takes a ``key_prefix`` so
widget keys stay unique when a block is used twice on one page.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from components import charts, extracts, loaders, state, tables
from components.figures import NO_ANSWER, KeyFigure, Question
from components.provenance import source_note as build_note

#: Streamlit hardcodes <html lang="en">. The least fragile fix: a tiny script in the main
#: document (st.html, not an iframe) that sets lang="nl" on every run. Tested in the
#: browser tests; listed in the accessibility statement.
_LANG_SCRIPT = "<script>document.documentElement.lang = 'nl';</script>"


def set_document_language() -> None:
    """Declare Dutch as the page language to assistive technology."""
    st.html(_LANG_SCRIPT, unsafe_allow_javascript=True)


def show_notices() -> None:
    """Show the notices collected while reading the URL (unknown region, filter, …)."""
    for text in state.take_notices():
        st.info(text, icon=":material/info:")


def page_header(title: str, takeaway: str, *, intro: str | None = None) -> None:
    """The page title with its one-line takeaway (the headline of the page)."""
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


def key_figures(
    figures: Sequence[KeyFigure],
    rows: pl.DataFrame,
    bronnen: pl.DataFrame,
    *,
    per_row: int = 3,
) -> None:
    """A row (or rows) of large figures, with one source note underneath."""
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
) -> None:
    """The data as an HTML table (Dutch formatting) with CSV and Excel downloads."""
    with st.expander(label, expanded=expanded):
        st.table(tables.for_display(table).to_pandas().set_index(table.columns[0]))
        left, right = st.columns(2)
        left.download_button(
            "Download CSV",
            tables.csv_bytes(table),
            file_name=f"{filename}.csv",
            mime="text/csv",
            key=f"{key_prefix}_csv",
            icon=":material/download:",
        )
        right.download_button(
            "Download Excel",
            tables.excel_bytes({"cijfers": table, **(extra_sheets or {})}),
            file_name=f"{filename}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{key_prefix}_xlsx",
            icon=":material/download:",
        )


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
        st.plotly_chart(figure, theme=None, config=charts.PLOTLY_CONFIG, key=f"{key_prefix}_chart")
    source_note(rows, bronnen)
    data_table(table, key_prefix=key_prefix, filename=filename, extra_sheets=extra_sheets)


def extract_error(error: extracts.ExtractError) -> None:
    """A broken extract, explained in Dutch, without a traceback."""
    st.error(error.message_nl(), icon=":material/error:")


NO_DATA = (
    "Er zijn geen voorbereide gegevens gevonden. Draai eerst de voorbereiding "
    "(python -m components.prepare) of vraag de beheerder van de cijfers."
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
