"""Chart builders of the Kosten page (pure: they return a figure and never call Streamlit).

Three charts: the cost curve with and without measures (with the uncertainty band and the
turning point named on the chart), a waterfall of what each effect contributes in one
year, and the budgets and realised costs a region has published. Amounts are drawn in
millions of euro so the axis reads "€ 60 mln"; the shared template gives Dutch separators.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from components.common import fmt
from components.common.charts import ACCENT, GRID, PALETTE, label, labels, new_figure
from components.costs.forecast import Forecast
from components.data.suppression import FLAG, MASKED

MLN = 1_000_000
WITHOUT_COLOUR = "#5f6b7a"  # grey: the line without measures is the reference, not the story
BAND_COLOUR = "rgba(21, 66, 115, 0.15)"
SAVING_COLOUR = PALETTE[2]
COST_COLOUR = PALETTE[1]
SERIES_NAMES = {
    "zonder": "Zonder maatregelen",
    "met": "Met maatregelen",
    "band": "Onzekerheid (laag–hoog)",
}
SOORT_NAMES = {
    "begroting": "Begroting",
    "realisatie": "Realisatie",
    "reconstructie": "Reconstructie",
}


def _euro_axis(fig: go.Figure, title: str) -> None:
    fig.update_yaxes(tickprefix="€ ", ticksuffix=" mln", title_text=title, gridcolor=GRID)
    # Plotly chooses the step between year labels by the chart's width: every year on a
    # projector, every second or fifth year on a narrow screen instead of labels on their
    # side that no longer fit (the table under the chart has every year).
    fig.update_xaxes(tickformat="d", title_text="")


def cost_curve(
    totals: pl.DataFrame,
    *,
    band: pl.DataFrame | None = None,
    turning_point: int | None = None,
    realised: pl.DataFrame | None = None,
    height: int = 440,
) -> go.Figure:
    """Costs per year with and without measures, the band, and the turning point.

    ``totals`` has jaar, kosten_zonder, kosten_met (euro); ``band`` has jaar, kosten_laag,
    kosten_hoog. The turning point is marked on the line and named in an annotation, so
    the chart says it without a legend. ``realised`` (rows of a ``kosten`` extract) adds
    the region's published budgets and realisations as markers next to the model.
    """
    fig = new_figure(height=height)
    years = totals["jaar"].to_list()
    if band is not None:
        fig.add_scatter(
            x=band["jaar"].to_list() + band["jaar"].reverse().to_list(),
            y=[
                v / MLN
                for v in band["kosten_hoog"].to_list() + band["kosten_laag"].reverse().to_list()
            ],
            fill="toself",
            fillcolor=BAND_COLOUR,
            line={"width": 0},
            name=SERIES_NAMES["band"],
            hoverinfo="skip",
        )
    fig.add_scatter(
        x=years,
        y=[v / MLN for v in totals["kosten_zonder"]],
        mode="lines",
        name=SERIES_NAMES["zonder"],
        line={"color": WITHOUT_COLOUR, "dash": "dash", "width": 3},
        hovertemplate="%{x}: € %{y:,.1f} mln<extra>" + SERIES_NAMES["zonder"] + "</extra>",
    )
    fig.add_scatter(
        x=years,
        y=[v / MLN for v in totals["kosten_met"]],
        mode="lines+markers",
        name=SERIES_NAMES["met"],
        line={"color": ACCENT, "width": 4},
        marker={"size": 8},
        hovertemplate="%{x}: € %{y:,.1f} mln<extra>" + SERIES_NAMES["met"] + "</extra>",
    )
    if realised is not None:
        _add_published(fig, realised)
    if turning_point is not None:
        _mark_turning_point(fig, totals, turning_point)
    _euro_axis(fig, "Kosten per jaar")
    fig.update_layout(hovermode="x unified")
    return fig


def _add_published(fig: go.Figure, kosten: pl.DataFrame) -> None:
    """Published budgets (diamonds) and realisations (squares): real figures, not model."""
    symbols = {"begroting": "diamond", "realisatie": "square"}
    for soort, symbol in symbols.items():
        part = kosten.filter(pl.col("soort") == soort).sort("jaar")
        if part.is_empty():
            continue
        fig.add_scatter(
            x=part["jaar"].to_list(),
            y=[v / MLN for v in part["bedrag"]],
            mode="markers",
            name=SOORT_NAMES[soort],
            marker={"symbol": symbol, "size": 13, "color": PALETTE[4]},
            hovertemplate="%{x}: € %{y:,.1f} mln<extra>" + SOORT_NAMES[soort] + "</extra>",
        )


def _mark_turning_point(fig: go.Figure, totals: pl.DataFrame, year: int) -> None:
    """A ring on the peak and an annotation that names it."""
    cost = totals.filter(pl.col("jaar") == year)["kosten_met"].item()
    fig.add_scatter(
        x=[year],
        y=[cost / MLN],
        mode="markers",
        marker={"size": 18, "color": "rgba(0,0,0,0)", "line": {"color": COST_COLOUR, "width": 3}},
        name=f"Omslagpunt {year}",
        showlegend=False,
        hoverinfo="skip",
    )
    fig.add_annotation(
        x=year,
        y=cost / MLN,
        text=f"<b>Omslagpunt {year}</b><br>{fmt.euro(cost)}",
        showarrow=True,
        arrowhead=2,
        arrowcolor=COST_COLOUR,
        ax=0,
        ay=-60,
        bgcolor="#ffffff",
        bordercolor=COST_COLOUR,
        font={"color": "#1a1a1a"},
    )


def contribution_steps(
    totals: pl.DataFrame, contributions: pl.DataFrame, year: int
) -> list[tuple[str, float, str]]:
    """From costs without measures to costs with measures in ``year``: (name, euro, amount
    as written) per step, the effects in between (their names as the source gives them)."""
    row = totals.filter(pl.col("jaar") == year).row(0, named=True)
    parts = contributions.filter(pl.col("jaar") == year)
    return [
        ("Zonder maatregelen", row["kosten_zonder"], fmt.euro(row["kosten_zonder"])),
        *((name, v, ("+" if v > 0 else "") + fmt.euro(v))
          for name, v in zip(parts["effect"], parts["bijdrage"], strict=True)),
        ("Met maatregelen", row["kosten_met"], fmt.euro(row["kosten_met"])),
    ]  # fmt: skip


def contributions_waterfall(
    totals: pl.DataFrame, contributions: pl.DataFrame, *, year: int, height: int = 440
) -> go.Figure:
    """From costs without measures to costs with measures in ``year``, effect by effect.

    A saving is a green step to the left, ambulantisering an orange step to the right; the
    first and last bars are the two totals, so the steps visibly add up to the difference.
    The bars lie down, with the effects' names on their own lines: standing bars needed
    their names on a slant, and those ran over each other below 1024 px.
    """
    steps = contribution_steps(totals, contributions, year)
    amounts = [amount for _, amount, _ in steps]
    fig = new_figure(height=height)
    fig.add_trace(
        go.Waterfall(
            orientation="h",
            # Each step's amount beside its name, not on the bar: a value beside a short
            # step ran into the names on a narrow screen.
            y=[f"{label(name)}: {text}" for name, _, text in steps],
            x=[v / MLN for v in amounts],
            measure=["absolute", *["relative"] * (len(steps) - 2), "total"],
            text=[text for _, _, text in steps],
            textposition="none",
            decreasing={"marker": {"color": SAVING_COLOUR}},
            increasing={"marker": {"color": COST_COLOUR}},
            totals={"marker": {"color": ACCENT}},
            connector={"line": {"color": GRID}},
            hovertemplate="%{y}<extra></extra>",
            showlegend=False,
        )
    )
    # The axis starts at zero: a cut-off axis would make the steps look bigger than they are.
    # Short ticks (the names take the room): the unit is in the axis title.
    fig.update_xaxes(
        title_text=f"Kosten in {year} (€ mln)", rangemode="tozero", gridcolor=GRID, nticks=6,
    )  # fmt: skip
    fig.update_yaxes(autorange="reversed", title_text="")
    return fig


def budget_bars(kosten: pl.DataFrame, *, height: int = 360) -> go.Figure:
    """Published budgets and realised costs per year (a ``kosten`` extract), as bars.

    Each bar carries its amount (two decimals in millions: a 2% indexation step of
    € 0,12 mln must stay visible); ``reeks`` is named in the hover.
    """
    fig = new_figure(height=height)
    shown = kosten.filter(pl.col("soort") != "reconstructie").sort("jaar")
    for index, soort in enumerate(shown["soort"].unique(maintain_order=True).to_list()):
        part = shown.filter(pl.col("soort") == soort)
        fig.add_bar(
            x=part["jaar"].to_list(),
            y=[v / MLN for v in part["bedrag"]],
            name=label(SOORT_NAMES.get(soort, soort)),
            marker_color=PALETTE[index % len(PALETTE)],
            text=[fmt.euro(v, 2) for v in part["bedrag"]],
            textposition="outside",
            cliponaxis=False,
            customdata=labels(part["reeks"].to_list()),
            hovertemplate="%{x}: %{text}<br>%{customdata}<extra></extra>",
        )
    _euro_axis(fig, "Bedrag per jaar")
    fig.update_layout(
        barmode="group",
        showlegend=shown["soort"].n_unique() > 1,
        # Ten years of two series leave no room for the amounts: Plotly would shrink them
        # to unreadable sizes, so an amount that does not fit at 14 px is left out (the
        # exact amounts are in the table and the hover).
        uniformtext={"minsize": 14, "mode": "hide"},
    )
    fig.update_yaxes(rangemode="tozero")
    return fig


def realised_bars(frame: pl.DataFrame, *, height: int = 380) -> go.Figure:
    """Budget and realised spend per year as bars, the strategy's expectation as a line
    (``frame``: :func:`components.costs.realised.against_budget`). A year not yet complete
    is drawn lighter and named 'tot en met kwartaal N'."""
    fig = new_figure(height=height)
    years = frame["jaar"].to_list()
    fig.add_bar(
        x=years,
        y=[None if v is None else v / MLN for v in frame["begroting"]],
        name="Begroting",
        marker_color=PALETTE[0],
        hovertemplate="%{x}: begroting %{y:.2f} mln<extra></extra>",
    )
    complete = frame["volledig"].to_list()
    fig.add_bar(
        x=years,
        y=[None if v is None else v / MLN for v in frame["gerealiseerd"]],
        name="Gerealiseerd",
        marker_color=[PALETTE[1] if whole else "#F0B48A" for whole in complete],
        text=[
            "" if v is None else fmt.euro(v, 1) + ("" if whole else f" (t/m K{q})")
            for v, whole, q in zip(frame["gerealiseerd"], complete, frame["tot"], strict=True)
        ],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{x}: gerealiseerd %{text}<extra></extra>",
    )
    if frame["strategie"].is_not_null().any():
        fig.add_scatter(
            x=years,
            y=[None if v is None else v / MLN for v in frame["strategie"]],
            name="Strategie verwachtte",
            mode="lines+markers",
            line={"color": ACCENT, "width": 3, "dash": "dot"},
            hovertemplate="%{x}: strategie %{y:.1f} mln<extra></extra>",
        )
    _euro_axis(fig, "Bedrag per jaar")
    fig.update_layout(barmode="group", uniformtext={"minsize": 14, "mode": "hide"})
    fig.update_yaxes(rangemode="tozero")
    return fig


def change_bars(table: pl.DataFrame, *, height: int = 340) -> go.Figure:
    """The change in spend split into its parts (``realised.decomposition_table``): a
    horizontal bar per part, the total change last."""
    fig = new_figure(height=height)
    parts = table["Deel"].to_list()
    amounts = table["Bedrag (€)"].to_list()
    fig.add_bar(
        y=labels(parts),
        x=[v / MLN for v in amounts],
        orientation="h",
        marker_color=[ACCENT if i == len(parts) - 1 else (COST_COLOUR if v > 0 else SAVING_COLOUR)
                      for i, v in enumerate(amounts)],
        text=[("+" if v > 0 else "") + fmt.euro(v, 2) for v in amounts],
        # Inside a long bar, beside a short one: never over the labels of the parts.
        textposition="auto",
        insidetextanchor="middle",
        cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>",
        showlegend=False,
    )  # fmt: skip
    fig.update_xaxes(tickprefix="€ ", ticksuffix=" mln", title_text="", zeroline=True)
    fig.update_yaxes(autorange="reversed", title_text="")
    return fig


def forecast_bars(result: Forecast, *, height: int = 340) -> go.Figure:
    """The running year per lot (:func:`components.costs.forecast.forecast`): spent so
    far, the expected rest of the year with its range, and the budget as a mark."""
    lots = result.lots
    # The expected total in the row's name: beside the bar it would run into the budget mark.
    names = [
        f"{lot}<br>verwacht {fmt.euro(v) if v is not None else MASKED}"
        for lot, v in zip(lots["perceel"], lots["verwacht"], strict=True)
    ]
    fig = new_figure(height=height)
    fig.add_bar(
        y=names,
        x=[None if v is None else v / MLN for v in lots["tot_nu"]],
        orientation="h",
        name=f"Uitgegeven t/m kwartaal {result.quarter}",
        marker_color=PALETTE[1],
        hovertemplate="uitgegeven %{x:.2f} mln<extra></extra>",
    )
    rest = [
        None if e is None else (e - d) / MLN
        for e, d in zip(lots["verwacht"], lots["tot_nu"], strict=True)
    ]
    # A hidden lot has no range; the others have theirs where the track record gives one.
    has_range = lots.filter(~pl.col(FLAG))["laag"].is_not_null().all()
    fig.add_bar(
        y=names,
        x=rest,
        orientation="h",
        name="Verwacht voor de rest van het jaar",
        marker_color="#F0B48A",
        error_x={
            "type": "data",
            "symmetric": False,
            "array": [
                None if e is None else (h - e) / MLN
                for h, e in zip(lots["hoog"], lots["verwacht"], strict=True)
            ],
            "arrayminus": [
                None if e is None else (e - lo) / MLN
                for lo, e in zip(lots["laag"], lots["verwacht"], strict=True)
            ],
            "color": "#3D3D3D",
            "thickness": 2,
        }
        if has_range
        else None,
        hovertemplate="%{y}<extra></extra>",
    )
    planned = lots.filter(pl.col("begroting").is_not_null())
    if planned.height:
        fig.add_scatter(
            y=[n for n, b in zip(names, lots["begroting"], strict=True) if b is not None],
            x=[v / MLN for v in planned["begroting"]],
            mode="markers",
            name="Begroting",
            marker={"symbol": "line-ns", "size": 34, "line": {"width": 4, "color": PALETTE[0]}},
            hovertemplate="begroting %{x:.2f} mln<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(tickprefix="€ ", ticksuffix=" mln", gridcolor=GRID, rangemode="tozero")
    fig.update_yaxes(autorange="reversed")
    return fig
