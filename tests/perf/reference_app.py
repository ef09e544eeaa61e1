"""The floor: a minimal Streamlit app with the same pages, charts and tables as ours.

The benchmark first counts, in Chromium, what each page of the dashboard shows (Plotly
charts, HTML tables and their rows, key figures, expanders) and hands the counts to this
app in ``PERF_REFERENCE_LAYOUT`` (JSON: url path → counts). This app then draws exactly as
many of each, with trivial data and no data loading, under the same url paths and with
the same ``.streamlit/config.toml``. What it costs is what Streamlit, Plotly and the
browser cost anyway; the dashboard's time divided by this is what our own code adds.

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


def render(path: str, counts: dict) -> None:
    """One page: a title, the key figures, the charts, then the tables (some in expanders)."""
    st.title(path or "overzicht")
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
