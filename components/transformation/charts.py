"""Chart builders of the Transformatie page (pure: they return a figure, never call Streamlit).

Four charts, each readable without a legend at 1280x720:

- :func:`quadrant_bars`: budget share and client share of each quadrant side by side; the
  two bars differ in colour *and* pattern and carry their own label ("budget 20%"), and
  the cost-per-client ratio is written next to each pair.
- :func:`kpi_paths`: one small panel per KPI from baseline to measurement (solid) and
  from baseline to target (dashed), each point labelled with its value and year.
- :func:`phase_timeline`: the contract phases and the roadmap milestones on one time axis.
- :func:`escalation_flow`: the escalation model as boxes and arrows: the steps in a row,
  then the outcomes of the judgement.
"""

from __future__ import annotations

import math
import textwrap

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from components.common import fmt
from components.common.charts import (
    ACCENT,
    FONT,
    FONT_SIZE,
    GRID,
    PALETTE,
    TEMPLATE,
    TEXT,
    label,
    labels,
    new_figure,
)
from components.transformation.kpis import VERDICTS, kpi_decimals, value_text
from components.transformation.model import cost_ratio_words

BUDGET_COLOUR = ACCENT
CLIENT_COLOUR = PALETTE[1]
TARGET_COLOUR = "#5f6b7a"  # grey: the target path is the reference, the measurement the story
MILESTONE_COLOUR = PALETTE[2]
#: Traffic-light colours that keep 3:1 contrast on white (the words carry the meaning).
VERDICT_COLOURS = {"green": "#007A5E", "orange": "#B35900", "red": "#C0392B", "gray": "#5f6b7a"}


def _wrap(text: str, width: int) -> str:
    """Text from the sources as a Plotly label (:func:`label`), wrapped onto lines."""
    return "<br>".join(label(line) for line in textwrap.wrap(text, width)) or label(text)


def _pattern(shape: str) -> dict:
    """White hatching over the bar's own colour ('overlay'), so a second series differs
    from the first in pattern as well as colour."""
    return {"shape": shape, "fgcolor": "#ffffff", "fillmode": "overlay", "size": 10}


# --- Quadrants ----------------------------------------------------------------------


def quadrant_bars(shares: pl.DataFrame, *, height: int | None = None) -> go.Figure:
    """Budget share against client share per quadrant, with the cost-per-client ratio.

    ``shares`` comes from :func:`components.transformation.model.quadrant_shares`.
    """
    names = labels(shares["naam"].to_list())
    fig = new_figure(height=height or 110 * len(names) + 60)
    series = (
        ("aandeel_budget", "budget", BUDGET_COLOUR, ""),
        ("aandeel_clienten", "cliënten", CLIENT_COLOUR, "/"),
    )
    for column, word, colour, pattern in series:
        values = shares[column].to_list()
        fig.add_bar(
            y=names,
            x=values,
            orientation="h",
            name=f"Aandeel {word}",
            marker={"color": colour, "pattern": _pattern(pattern)},
            text=[f"{word} {fmt.percent(v)}" for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{y}}: {word} %{{x}}%<extra></extra>",
        )
    widest = max([*shares["aandeel_budget"].to_list(), *shares["aandeel_clienten"].to_list(), 1])
    ratios = [
        dict(
            x=1,
            xref="paper",
            xanchor="right",
            y=label(row["naam"]),
            text=f"<b>{cost_ratio_words(row['verhouding'])}</b>",
            showarrow=False,
            font={"size": FONT_SIZE},
            align="right",
        )
        for row in shares.iter_rows(named=True)
    ]
    fig.update_layout(
        annotations=ratios,
        barmode="group",
        bargap=0.25,
        showlegend=False,
        yaxis={"autorange": "reversed", "type": "category"},
        # The values are printed on the bars; an axis would only add noise.
        xaxis={"range": [0, widest * 2.6], "visible": False},
    )
    return fig


# --- KPIs ---------------------------------------------------------------------------


def _kpi_points(row: dict) -> list[tuple[int, float, str, str]]:
    """(year, value, text, role) of the baseline, measurement and target that are known."""
    unit, decimals = row["eenheid"], kpi_decimals(row)
    roles = (
        ("basis", "basiswaarde", "basisjaar", "begin"),
        ("meting", "realisatie", "realisatiejaar", "meting"),
        ("streef", "streefwaarde", "streefjaar", "streef"),
    )
    points = []
    for role, value, year, word in roles:
        if row[value] is None or row[year] is None:
            continue
        provisional = " (voorlopig)" if role == "meting" and row["voorlopig"] else ""
        text = f"{word} {value_text(row[value], unit, None, decimals)}{provisional}"
        points.append((row[year], row[value], text, role))
    return points


def kpi_paths(progress: pl.DataFrame, *, columns: int = 3, panel_height: int = 330) -> go.Figure:
    """One panel per KPI: baseline → measurement (solid) and baseline → target (dashed).

    ``progress`` comes from :func:`components.transformation.kpis.kpi_progress`. The panel title
    names the KPI and its verdict in words; a provisional measurement is an open circle
    and says "(voorlopig)" in its label.
    """
    count = max(progress.height, 1)
    cols = min(columns, count)
    rows = math.ceil(count / cols)
    titles = [
        f"{_wrap(row['kpi'], 34)}<br><b>{VERDICTS[row['oordeel']].label}</b>"
        for row in progress.iter_rows(named=True)
    ]
    fig = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=titles or None,
        horizontal_spacing=0.1,
        vertical_spacing=min(0.3, 0.9 / rows) if rows > 1 else 0.1,
    )
    for index, row in enumerate(progress.iter_rows(named=True)):
        _add_kpi_panel(fig, row, index // cols + 1, index % cols + 1)
    fig.update_layout(
        template=TEMPLATE,
        height=rows * panel_height + 40,
        showlegend=False,
        margin={"l": 10, "r": 20, "t": 110, "b": 10},
    )
    fig.update_annotations(font={"size": FONT_SIZE, "family": FONT, "color": TEXT})
    fig.update_xaxes(tickformat="d", gridcolor=GRID, showgrid=False)
    fig.update_yaxes(gridcolor=GRID, rangemode="normal")
    return fig


def _add_kpi_panel(fig: go.Figure, row: dict, r: int, c: int) -> None:
    points = _kpi_points(row)
    by_role = {role: (year, value, text) for year, value, text, role in points}
    colour = VERDICT_COLOURS[VERDICTS[row["oordeel"]].colour]
    if "basis" in by_role and "streef" in by_role:
        (y0, v0, _), (y1, v1, _) = by_role["basis"], by_role["streef"]
        fig.add_scatter(
            x=[y0, y1], y=[v0, v1], mode="lines", hoverinfo="skip", name="weg naar streefwaarde",
            line={"color": TARGET_COLOUR, "dash": "dash", "width": 2}, row=r, col=c,
        )  # fmt: skip
    if "basis" in by_role and "meting" in by_role:
        (y0, v0, _), (y1, v1, _) = by_role["basis"], by_role["meting"]
        fig.add_scatter(
            x=[y0, y1], y=[v0, v1], mode="lines", line={"color": colour, "width": 4},
            hoverinfo="skip", name="ontwikkeling", row=r, col=c,
        )  # fmt: skip
    symbols = {"basis": "circle", "meting": "circle", "streef": "diamond"}
    for year, value, text, role in points:
        open_marker = role == "meting" and row["voorlopig"]
        marker_colour = {"basis": TEXT, "meting": colour, "streef": TARGET_COLOUR}[role]
        fig.add_scatter(
            x=[year],
            y=[value],
            mode="markers+text",
            marker={
                "size": 14,
                "symbol": symbols[role] + ("-open" if open_marker else ""),
                "color": marker_colour,
                "line": {"width": 3, "color": marker_colour},
            },
            text=[f"{text}<br>{year}"],
            textposition="bottom center" if role == "basis" else "top center",
            cliponaxis=False,
            hovertemplate=f"{text} ({year})<extra></extra>",
            name=role,
            row=r,
            col=c,
        )
    years = [p[0] for p in points]
    values = [p[1] for p in points]
    if years:
        fig.update_xaxes(range=[min(years) - 1.2, max(years) + 1.2], row=r, col=c)
        low, high = min(values), max(values)
        pad = (high - low) or abs(high) * 0.2 or 1
        # Room above and below for the labels, which sit above or below their point.
        fig.update_yaxes(range=[low - pad * 0.8, high + pad * 0.9], row=r, col=c)
    if row["eenheid"] == "procent":
        fig.update_yaxes(ticksuffix="%", row=r, col=c)


# --- Phases -------------------------------------------------------------------------


def _year_fraction(day) -> float:
    start = type(day)(day.year, 1, 1)
    end = type(day)(day.year + 1, 1, 1)
    return day.year + (day - start).days / (end - start).days


def phase_timeline(ordered: pl.DataFrame, *, height: int | None = None) -> go.Figure:
    """Contract phases and roadmap milestones as bars on one time axis.

    ``ordered`` comes from :func:`components.transformation.model.phases` (phases first). Phases
    are solid bars, milestones hatched, and every bar carries its period as text.
    """
    fig = new_figure(height=height or 44 * ordered.height + 110)
    # Phases carry their period in white inside the bar; on the hatched milestones white
    # text would be hard to read, so theirs stands next to the bar in dark text.
    kinds = (
        ("fase", "Fase", ACCENT, "", "inside", "#ffffff"),
        ("mijlpaal", "Mijlpaal", MILESTONE_COLOUR, "/", "outside", TEXT),
    )
    for kind, word, colour, pattern, place, text_colour in kinds:
        part = ordered.filter(pl.col("soort") == kind)
        if part.is_empty():
            continue
        starts = [_year_fraction(d) for d in part["start"]]
        ends = [_year_fraction(d) + 1 / 365 for d in part["einde"]]
        fig.add_bar(
            y=labels(part["naam"].to_list()),
            x=[e - s for s, e in zip(starts, ends, strict=True)],
            base=starts,
            orientation="h",
            name=word,
            marker={"color": colour, "pattern": _pattern(pattern)},
            text=labels(part["periode"].to_list()),
            textposition=place,
            insidetextanchor="middle",
            cliponaxis=False,
            textfont={"color": text_colour, "size": FONT_SIZE},
            hovertemplate="%{y}: %{text}<extra>" + word + "</extra>",
        )
    first = math.floor(min(_year_fraction(d) for d in ordered["start"]))
    last = math.ceil(max(_year_fraction(d) for d in ordered["einde"]))
    fig.update_layout(
        showlegend=False,
        bargap=0.3,
        yaxis={"autorange": "reversed", "type": "category"},
        xaxis={"range": [first, last], "dtick": 1, "tickformat": "d", "showgrid": True},
    )
    return fig


# --- Escalation ---------------------------------------------------------------------

BOX_FILL = "#eef2f7"
OUTCOME_FILL = "#ffffff"


# Shapes and annotations are collected in lists and set on the figure at once: Plotly's
# ``add_shape``/``add_annotation`` re-validate every earlier one (quadratic).


def _box(drawing: dict, x0: float, x1: float, y0: float, y1: float, text: str, fill: str) -> None:
    drawing["shapes"].append(dict(
        type="rect", x0=x0, x1=x1, y0=y0, y1=y1, line={"color": ACCENT, "width": 2},
        fillcolor=fill, layer="below",
    ))  # fmt: skip
    drawing["annotations"].append(dict(
        x=(x0 + x1) / 2, y=(y0 + y1) / 2, text=text, showarrow=False,
        font={"size": FONT_SIZE, "color": TEXT}, align="center",
    ))  # fmt: skip


def _arrow(drawing: dict, start: tuple[float, float], end: tuple[float, float]) -> None:
    drawing["annotations"].append(dict(
        x=end[0], y=end[1], ax=start[0], ay=start[1], xref="x", yref="y", axref="x", ayref="y",
        text="", showarrow=True, arrowhead=3, arrowsize=1.3, arrowwidth=2.5, arrowcolor=ACCENT,
    ))  # fmt: skip


def escalation_flow(
    steps: pl.DataFrame, outcomes: pl.DataFrame, *, height: int = 430, wrap: int = 20
) -> go.Figure:
    """The escalation model: numbered steps left to right, the outcomes underneath.

    Arrows lead from each step to the next and from the last step (the judgement) to
    each outcome, so the path can be followed with a finger on the screen.
    """
    fig = new_figure(height=height)
    drawing: dict[str, list[dict]] = {"shapes": [], "annotations": []}
    count = max(steps.height, 1)
    slot = 1 / count
    gap = slot * 0.12
    top = (0.58, 1.0)
    for index, row in enumerate(steps.iter_rows(named=True)):
        x0, x1 = index * slot + gap / 2, (index + 1) * slot - gap / 2
        box_text = f"<b>Stap {index + 1}</b><br>{_wrap(row['titel'], wrap)}"
        _box(drawing, x0, x1, *top, box_text, BOX_FILL)
        if index:
            _arrow(drawing, (x0 - gap, sum(top) / 2), (x0, sum(top) / 2))
    if outcomes.height:
        judged_x = (count - 0.5) * slot
        width = 1 / outcomes.height
        bottom = (0.0, 0.36)
        for index, row in enumerate(outcomes.iter_rows(named=True)):
            x0, x1 = index * width + gap / 2, (index + 1) * width - gap / 2
            box_text = f"<b>Uitkomst</b><br>{_wrap(row['titel'], wrap + 4)}"
            _box(drawing, x0, x1, *bottom, box_text, OUTCOME_FILL)
            _arrow(drawing, (judged_x, top[0]), ((x0 + x1) / 2, bottom[1]))
    fig.update_layout(
        **drawing,
        showlegend=False,
        margin={"l": 4, "r": 4, "t": 4, "b": 4},
        xaxis={"range": [0, 1], "visible": False, "fixedrange": True},
        yaxis={"range": [-0.02, 1.02], "visible": False, "fixedrange": True},
    )
    return fig
