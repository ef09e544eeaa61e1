"""The floor: a minimal Streamlit app with the same pages, charts and tables as ours.

The benchmark first counts, in Chromium, what each page of the dashboard shows (Plotly
charts, HTML tables and their rows, key figures, expanders) and hands the counts to this
app in ``PERF_REFERENCE_LAYOUT`` (JSON: url path → counts). This app then draws exactly as
many of each, with trivial data and no data loading, under the same url paths and with
the same ``.streamlit/config.toml``. What it costs is what Streamlit, Plotly and the
browser cost anyway for that many charts and tables.

The counts may also list the page's other elements in order (``content`` in the main
column, ``sidebar`` in the sidebar: headings, text, notes, selection lists, sliders and
buttons, each with the length of its text). Only the *content floor* of ``benchmark
--content-floor`` gets them: it then also draws as many of each, with filler text of the
same length. The dashboard's time divided by that floor is what our own code adds on top
of what Streamlit costs for the same elements; the gap between the two floors is what the
page's text and inputs cost in Streamlit itself.

Run by the benchmark; by hand: ``streamlit run tests/perf/reference_app.py``.
"""

from __future__ import annotations

import json
import os

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

LAYOUT_ENV = "PERF_REFERENCE_LAYOUT"
#: Without a layout: the seven pages, one chart and one table each.
DEFAULT_PATHS = ("", "aanbieders", "contracten", "transformatie", "kosten", "begrippen", "over")


def layout() -> dict[str, dict]:
    """Counts per url path from the environment, or one chart and one table per page."""
    raw = os.environ.get(LAYOUT_ENV)
    if raw:
        return json.loads(raw)
    return {
        path: {"charts": 1, "tables": [5], "metrics": 0, "expanders": 0} for path in DEFAULT_PATHS
    }


def chart(number: int) -> go.Figure:
    """A small bar chart, the simplest thing Plotly draws."""
    figure = go.Figure(go.Bar(x=["a", "b", "c", "d"], y=[number + 1, 3, 2, 4]))
    figure.update_layout(height=360, margin={"l": 40, "r": 10, "t": 30, "b": 30})
    return figure


def table(rows: int) -> pd.DataFrame:
    """A table with ``rows`` rows and three columns."""
    return pd.DataFrame(
        {"Naam": [f"rij {i}" for i in range(rows)], "A": range(rows), "B": range(rows)}
    )


#: Filler of the content floor: plain Dutch words, a paragraph break every few lines.
WORDS = "de raad kiest elk jaar opnieuw hoe de regio jeugdhulp inkoopt en wat dat kost. "
PARAGRAPH = 400
OPTIONS = ("Alle regio's", "Jeugdhulp", "Wmo")


def filler(length: int) -> str:
    """Text of ``length`` characters, in paragraphs."""
    text = (WORDS * (length // len(WORDS) + 1))[:length]
    return "\n\n".join(text[i : i + PARAGRAPH] for i in range(0, len(text), PARAGRAPH))


#: Per element kind (Streamlit's test id) of the content floor: how to draw one, given a
#: label and its text. A page link is drawn as text of the same length.
CONTENT = {
    "stHeading": lambda label, text: st.subheader(text),
    "stMarkdown": lambda label, text: st.markdown(text),
    "stPageLink": lambda label, text: st.markdown(text),
    "stAlert": lambda label, text: st.info(text),
    "stSelectbox": lambda label, text: st.selectbox(label, OPTIONS, key=label),
    "stMultiSelect": lambda label, text: st.multiselect(label, OPTIONS, key=label),
    "stTextInput": lambda label, text: st.text_input(label, key=label),
    "stSlider": lambda label, text: st.slider(label, 0, 10, 5, key=label),
    "stButton": lambda label, text: st.button(label, key=label),
    "stDownloadButton": lambda label, text: st.download_button(
        label, b"", file_name="leeg.txt", on_click="ignore", key=label
    ),
}


def render(path: str, counts: dict) -> None:
    """One page: a title (the content floor: the page's headings, text and inputs), the key
    figures, the charts, then the tables (some in expanders)."""
    if "content" not in counts:
        st.title(path or "overzicht")
    for number, (kind, length) in enumerate(counts.get("content", [])):
        CONTENT[kind](f"Veld {number}", filler(length))
    with st.sidebar:
        for number, (kind, length) in enumerate(counts.get("sidebar", [])):
            CONTENT[kind](f"Zijbalk {number}", filler(length))
    columns = st.columns(3)
    for number in range(counts.get("metrics", 0)):
        columns[number % 3].metric(f"Kengetal {number}", number, border=True)
    for number in range(counts.get("charts", 0)):
        st.plotly_chart(chart(number), key=f"chart_{number}")
    expanders = counts.get("expanders", 0)
    for number, rows in enumerate(counts.get("tables", [])):
        if number < expanders:
            with st.expander(f"Tabel {number}", expanded=True):
                st.table(table(rows))
        else:
            st.table(table(rows))


def page(path: str, counts: dict) -> st.Page:
    """A page under the same url path as the dashboard's."""

    def run() -> None:
        render(path, counts)

    kwargs = {"default": True} if path == "" else {"url_path": path}
    return st.Page(run, title=path or "overzicht", **kwargs)


if __name__ == "__main__":  # Streamlit runs the script as __main__; importing it draws nothing
    # Like app.py: declare the page Dutch on every run (the benchmark waits for it).
    st.html("<script>document.documentElement.lang = 'nl';</script>", unsafe_allow_javascript=True)
    st.navigation([page(path, counts) for path, counts in layout().items()]).run()
