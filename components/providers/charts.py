"""Chart builders of the Aanbieders page (pure: they return a figure and never call Streamlit).

Every chart writes its numbers on the bars or cells, so a council member needs no axis or
legend to read it. Category names come from the region's data, so they are escaped before
Plotly sees them (Plotly reads ``<b>``, ``<br>`` and links in labels). Provider names are
never drawn in a chart: they are shown in tables only.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from components.common import charts, fmt
from components.common.charts import PALETTE, TEXT, new_figure
from components.providers.model import QUALIFIER, SIZE_CLASSES, SIZE_LABELS, TOTAL
from components.providers.register import RISK_COLUMN

#: Long sub-lot names are wrapped so the bars keep most of a 1280 px wide screen.
WRAP = 30
RISK_COLOUR = PALETTE[1]
SAFE_COLOUR = PALETTE[0]
#: Hatching marks the vulnerable sub-lots for viewers who cannot tell the colours apart.
RISK_PATTERN = "/"
#: The lighter half of the sequential blues in .streamlit/config.toml: dark text stays
#: readable (contrast >= 4.5:1) on every cell.
MATRIX_SCALE = [[0.0, "#f4f7fb"], [0.5, "#b3cde6"], [1.0, "#86b0d6"]]
#: Axis length as a multiple of the longest bar, leaving room for the printed value.
TEXT_ROOM = 1.12
SHARE_ROOM = 1.3
RISK_ROOM = 1.6


def _tokens(text: str) -> list[tuple[str, str]]:
    """(joiner, piece) pairs: words, and the parts of a word around a slash ("a/b")."""
    tokens = []
    for word in text.split():
        parts = word.split("/")
        pieces = [part + "/" for part in parts[:-1]] + [parts[-1]]
        tokens += [(" " if i == 0 else "", piece) for i, piece in enumerate(pieces) if piece]
    return tokens


def label(text: str, width: int = WRAP) -> str:
    """A category label for Plotly: data, never markup (:func:`components.common.charts.label`),
    wrapped onto lines of ``width``.

    A slash inside a word is a place to break too ("Zelfstandigheidstraining/
    Kamertrainingscentrum"), so long compound names are not cut in the middle of a word.
    """
    lines: list[str] = []
    for joiner, piece in _tokens(str(text)):
        if lines and len(lines[-1]) + len(joiner) + len(piece) <= width:
            lines[-1] += joiner + piece
        else:
            lines.append(piece)
    return "<br>".join(charts.label(line) for line in lines)


def count_bars(frame: pl.DataFrame, *, category: str, value: str) -> go.Figure:
    """Horizontal bars of counts, in the frame's order (first on top), value on each bar.

    Printing the value on the bar means a viewer needs no axis or legend to read it.
    """
    fig = new_figure(height=max(220, 48 * frame.height + 80))
    words = frame[QUALIFIER] if QUALIFIER in frame.columns else [None] * frame.height
    _labelled_bars(
        fig,
        frame[value].to_list(),
        [label(name) for name in frame[category].to_list()],
        [
            charts.label(fmt.figure(n, "aantal", q))
            for n, q in zip(frame[value], words, strict=True)
        ],
        marker={"color": PALETTE[0]},
        hovertemplate="%{y}: %{text}<extra></extra>",
    )
    fig.update_layout(xaxis={"showgrid": True, "rangemode": "tozero"})
    _room_for_text(fig, frame[value].max(), TEXT_ROOM)
    return fig


def _labelled_bars(fig: go.Figure, x: list, y: list, text: list, **style) -> None:
    """Horizontal bars in the given order (first on top), each with its text after it."""
    fig.add_bar(
        x=x, y=y, text=text, orientation="h", texttemplate="%{text}", textposition="outside",
        cliponaxis=False, **style,
    )  # fmt: skip
    fig.update_layout(showlegend=False, yaxis={"autorange": "reversed", "type": "category"})


def _room_for_text(fig: go.Figure, largest: float | None, factor: float) -> None:
    """Widen the value axis so the number printed after the longest bar is not cut off.

    No tick labels or grid: every bar carries its own number.
    """
    fig.update_xaxes(
        range=[0, (largest or 1) * factor], showticklabels=False, showgrid=False, zeroline=False
    )


def share_bars(frame: pl.DataFrame, *, category: str, value: str, share: str) -> go.Figure:
    """Bars of counts with their share written next to each: '124 (60,5%)'."""
    fig = count_bars(frame, category=category, value=value)
    fig.update_traces(
        customdata=frame[share].to_list(),
        texttemplate="%{x:,.0f} (%{customdata:.1f}%)",
        hovertemplate="%{y}: %{x:,.0f} (%{customdata:.1f}%)<extra></extra>",
    )
    _room_for_text(fig, frame[value].max(), SHARE_ROOM)
    return fig


def matrix_heatmap(matrix: pl.DataFrame) -> go.Figure:
    """The lot x size-class matrix as a grid of cells with the count written in each."""
    body = matrix.filter(pl.col("Perceel") != TOTAL)
    columns = [SIZE_LABELS[size] for size in SIZE_CLASSES]
    fig = new_figure(height=90 * body.height + 110)
    fig.add_heatmap(
        z=[[row[c] for c in columns] for row in body.iter_rows(named=True)],
        x=[label(c, 17) for c in columns],
        y=[label(r) for r in body["Perceel"].to_list()],
        text=[[str(row[c]) for c in columns] for row in body.iter_rows(named=True)],
        texttemplate="%{text}",
        textfont={"size": 20, "color": TEXT},
        colorscale=MATRIX_SCALE,
        showscale=False,
        xgap=3,
        ygap=3,
        hovertemplate="%{y}, %{x}: %{z}<extra></extra>",
    )
    fig.update_layout(
        xaxis={"side": "top", "showgrid": False, "type": "category", "ticks": ""},
        yaxis={"autorange": "reversed", "showgrid": False, "type": "category", "ticks": ""},
    )
    return fig


def _row_height(name: str) -> int:
    """Pixels for one bar: a label wrapped over three lines needs more than one line does."""
    lines = name.count("<br>") + 1
    return 48 if lines < 3 else 22 * lines + 14


def concentration_bars(table: pl.DataFrame) -> go.Figure:
    """Providers per sub-lot, fewest on top; vulnerable sub-lots hatched and named on the bar.

    ``table`` is :func:`components.providers.register.concentration_table`: Deelperceel, Perceel,
    Aantal aanbieders and the yes/no column :data:`components.providers.register.RISK_COLUMN`.
    """
    counts = table["Aantal aanbieders"].to_list()
    risky = table[RISK_COLUMN].to_list()
    names = [label(f"{row['Deelperceel']} ({row['Perceel'].lower()})") for row in table.to_dicts()]
    fig = new_figure(height=max(220, sum(_row_height(name) for name in names) + 80))
    _labelled_bars(
        fig,
        counts,
        names,
        [f"{n} – kwetsbaar" if r else str(n) for n, r in zip(counts, risky, strict=True)],
        marker={
            "color": [RISK_COLOUR if r else SAFE_COLOUR for r in risky],
            "pattern": {"shape": [RISK_PATTERN if r else "" for r in risky], "fgcolor": "#ffffff"},
        },
        hovertemplate="%{y}: %{x} aanbieders<extra></extra>",
    )
    _room_for_text(fig, max(counts, default=0), RISK_ROOM)
    return fig
