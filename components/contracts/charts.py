"""Chart builders of the Contracten page (pure, they return a figure): the contract
timeline, and the spend per agreement against the time left on it.

A Gantt chart on a date axis: one row per agreement, grouped under a heading per domain
(youth care, Wmo), each period a bar from its start to its end, drawn by kind. A kind is
told apart by more than colour: options are hatched, bridging contracts dotted, transfers
cross-hatched and running procurements striped, and every bar carries the period as the
source writes it ("2023-2030", "Optie"). Open-ended periods (a transfer, a running
procurement) run to the right edge with an arrow. Above the agreements, the phases of the
long contract and the roadmap milestones show where in the cycle the region is; a dashed
line marks the date the page treats as today.

Layout choices, made for 1280×720:

- The name of an agreement and its "167 contracten × 6 gemeenten" are written *above*
  its bars, not as axis labels on the left: that gives the seventeen years of the
  calendar about a third more width, so more period labels fit on their bars at 14 px.
- The y axis is numeric, so rows can differ in height: agreements get a title line,
  roadmap lanes are thin.
- A phase or milestone name goes on its bar when it fits, otherwise beside the bar where
  the row is empty, otherwise above it. Whether text fits is estimated for the narrowest
  plot (the main column at 1280 px with the sidebar open), so labels never overlap there;
  on a wider screen they only get more room.
- The axes never widen the margins (``automargin`` off): the y axis has no labels and
  the years fit in the top margin. A margin Plotly.js widens after drawing makes it draw
  the whole chart again, which made the timeline's first draw twice as slow
  (docs/prestaties.md, point 16).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import plotly.graph_objects as go
import polars as pl

from components.common import fmt
from components.common.charts import ACCENT, FONT_SIZE, GRID, PALETTE, TEXT, label, new_figure
from components.contracts.model import DOMAIN_LABELS, KIND_LABELS, PHASE_LABELS, shown_label
from components.contracts.spend import SERIES

#: Text on the chart is never smaller than this (px): it stays readable after a screen share.
MIN_TEXT = 14
#: Pixels per unit of the y axis. An agreement row is one unit: a title line and a bar.
UNIT_PX = 52
BAR = 0.5
LANE = 0.62
LANE_BAR = 0.46
HEADER = 0.8
WHITE = "#ffffff"
#: Per kind: fill colour, pattern (told apart without colour) and the text colour on it.
KIND_STYLES = {
    "looptijd": {"color": PALETTE[0], "text": WHITE},
    "overbrugging": {"color": "#f3e6ee", "shape": ".", "fg": "#c48aab", "text": TEXT},
    "optie": {"color": "#d7e8f5", "shape": "/", "fg": "#6aa6d6", "text": TEXT},
    "overdracht": {"color": "#ececec", "shape": "x", "fg": "#a8a8a8", "text": TEXT},
    "inkooptraject": {"color": "#f6eed6", "shape": "-", "fg": "#c9ad62", "text": TEXT},
}
PHASE_STYLES = {
    "fase": {"color": "#dfe6ee", "line": ACCENT},
    "mijlpaal": {"color": "#f3f3f3", "line": "#5f6b7a"},
}
OPEN_END_MARK = " →"
#: Plot width (px) assumed when deciding where a name fits: the narrowest expected case.
PLOT_PX = 720
#: Width of one character at 14 px (measured about 6 px in Source Sans), with a margin so
#: a doubtful label is moved off its bar rather than clipped.
CHAR_PX = 6.8
PAD_PX = 10


@dataclass(frozen=True)
class Axis:
    """The date range of the chart and how many pixels a day gets at the narrowest width."""

    start: dt.date
    end: dt.date

    @property
    def px_per_day(self) -> float:
        return PLOT_PX / ((self.end - self.start).days + 1)

    def px(self, start: dt.date, end: dt.date) -> float:
        """Width of the span ``start``–``end`` (inclusive) in pixels."""
        return ((end - start).days + 1) * self.px_per_day


def text_px(text: str) -> float:
    """Estimated width of ``text`` at 14 px, padding included."""
    return len(text) * CHAR_PX + PAD_PX


def _day_ms(start: dt.date, end: dt.date) -> float:
    """Length of a bar covering ``start`` to ``end`` inclusive, in milliseconds."""
    return ((end - start).days + 1) * 86_400_000


def _shift(day: dt.date, px: float, axis: Axis) -> dt.date:
    return day + dt.timedelta(days=px / axis.px_per_day)


@dataclass(frozen=True)
class Placed:
    """Where a name goes: on the bar, beside it (left/right), above it, or nowhere."""

    where: str
    span: tuple[dt.date, dt.date] | None = None
    """The stretch of the row the name covers when it is not on the bar."""


def place(
    name: str, start: dt.date, end: dt.date, busy: list[tuple[dt.date, dt.date]], axis: Axis
) -> Placed:
    """Decide where ``name`` of a bar ``start``–``end`` goes, given the busy stretches.

    ``busy`` holds the bars and names already in the row (including this bar); a name
    beside the bar must not touch any of them and must stay inside the axis.
    """
    if text_px(name) <= axis.px(start, end):
        return Placed("inside")
    width = dt.timedelta(days=text_px(name) / axis.px_per_day)
    for where, span in (
        ("left", (start - width, start - dt.timedelta(days=1))),
        ("right", (end + dt.timedelta(days=1), end + width)),
    ):
        inside_axis = span[0] >= axis.start and span[1] <= axis.end
        if inside_axis and not any(_overlaps(span, other) for other in busy):
            return Placed(where, span)
    return Placed("hidden")


def _overlaps(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _annotate_beside(notes: list[dict], name: str, placed: Placed, y: float) -> None:
    if placed.span is None:
        return
    left = placed.where == "left"
    notes.append(
        dict(
            x=(placed.span[1] if left else placed.span[0]).isoformat(),
            y=y,
            xanchor="right" if left else "left",
            text=label(name),
            showarrow=False,
            font={"size": MIN_TEXT, "color": TEXT},
        )
    )


def _title(notes: list[dict], y_top: float, text: str, *, size: int = FONT_SIZE) -> None:
    """A row title at the left edge, with its baseline just above ``y_top``.

    Annotations are collected in ``notes`` and set on the figure at once: Plotly's
    ``add_annotation`` re-validates every earlier one, which is quadratic (60 titles: 2 s).
    """
    notes.append(
        dict(
            x=0,
            xref="paper",
            xanchor="left",
            y=y_top,
            yanchor="bottom",
            text=text,
            showarrow=False,
            align="left",
            font={"size": size, "color": TEXT},
        )
    )


def _band_trace(fig: go.Figure, kind: str, rows: list[dict]) -> None:
    style = PHASE_STYLES[kind]
    fig.add_bar(
        y=[r["y"] for r in rows],
        width=[r["thickness"] for r in rows],
        base=[r["start"].isoformat() for r in rows],
        x=[_day_ms(r["start"], r["end"]) for r in rows],
        orientation="h",
        name=PHASE_LABELS[kind],
        text=[label(r["text"]) for r in rows],
        customdata=[[label(r["name"]), fmt.date(r["start"]), fmt.date(r["end"])] for r in rows],
        marker={"color": style["color"], "line": {"color": style["line"], "width": 1.5}},
        textfont={"color": TEXT},
        hovertemplate="%{customdata[0]}<br>%{customdata[1]} – %{customdata[2]}<extra></extra>",
        showlegend=False,
    )


def _phases(fig: go.Figure, notes: list[dict], phases: pl.DataFrame, axis: Axis, y: float) -> float:
    """The phases of the long contract on one row from ``y``; returns the next free y."""
    _title(notes, y + (1 - BAR), f"<b>{PHASE_LABELS['fase']}</b>")
    centre = y + 1 - BAR / 2
    bars = list(zip(phases["naam"], phases["start"], phases["einde"], strict=True))
    busy = [(start, end) for _, start, end in bars]
    title_end = _shift(axis.start, text_px(PHASE_LABELS["fase"]) * 1.15, axis)
    above: list[tuple[dt.date, dt.date]] = [(axis.start, title_end)]
    rows = []
    for name, start, end in bars:
        placed = place(name, start, end, busy, axis)
        if placed.where in ("left", "right"):
            busy.append(placed.span)
            _annotate_beside(notes, name, placed, centre)
        elif placed.where == "hidden":
            # Last resort: the title line above the bar, if that stretch is still free.
            span = (start, _shift(start, text_px(name), axis))
            if span[1] <= axis.end and not any(_overlaps(span, o) for o in above):
                above.append(span)
                notes.append(dict(
                    x=start.isoformat(), y=y + (1 - BAR), xanchor="left", yanchor="bottom",
                    text=label(name), showarrow=False, font={"size": MIN_TEXT, "color": TEXT},
                ))  # fmt: skip
        rows.append(
            {
                "y": centre,
                "thickness": BAR,
                "start": start,
                "end": end,
                "name": name,
                "text": name if placed.where == "inside" else "",
            }
        )
    _band_trace(fig, "fase", rows)
    return y + 1


def _milestones(
    fig: go.Figure, notes: list[dict], milestones: pl.DataFrame, axis: Axis, y: float
) -> float:
    """Roadmap milestones in thin lanes, each name on or beside its bar; returns next y."""
    _title(notes, y + 0.5, f"<b>{PHASE_LABELS['mijlpaal']}</b>")
    lanes: list[list[tuple[dt.date, dt.date]]] = []
    rows = []
    for name, start, end in zip(
        milestones["naam"], milestones["start"], milestones["einde"], strict=True
    ):
        for lane, busy in enumerate([*lanes, []]):
            if any(_overlaps((start, end), other) for other in busy):
                continue
            placed = place(name, start, end, [*busy, (start, end)], axis)
            if placed.where == "hidden" and lane < len(lanes):
                continue  # try the next lane: a name that shows beats a compact chart
            if lane == len(lanes):
                lanes.append([])
            lanes[lane] += [(start, end)] + ([placed.span] if placed.span else [])
            centre = y + 0.5 + LANE * lane + LANE / 2
            _annotate_beside(notes, name, placed, centre)
            rows.append(
                {
                    "y": centre,
                    "thickness": LANE_BAR,
                    "start": start,
                    "end": end,
                    "name": name,
                    "text": name if placed.where == "inside" else "",
                }
            )
            break
    _band_trace(fig, "mijlpaal", rows)
    return y + 0.5 + LANE * len(lanes) + 0.2


def _end_text(row: dict) -> str:
    if row["einde"] is not None:
        return fmt.date(row["einde"])
    return "geen einddatum" if row["soort"] == "overdracht" else "loopt nog"


def _marker(style: dict) -> dict:
    marker: dict = {"color": style["color"], "line": {"color": WHITE, "width": 1}}
    if style.get("shape"):
        marker["pattern"] = {
            "shape": style["shape"],
            "fgcolor": style["fg"],
            "bgcolor": style["color"],
            "fillmode": "replace",
            "size": 9,
            "solidity": 0.3,
        }
    return marker


def _beside(periods: pl.DataFrame, axis: Axis) -> set[str]:
    """Agreements whose procurement runs beside one of their other periods."""
    spans: dict[str, dict[bool, list[tuple[dt.date, dt.date]]]] = {}
    for row in periods.iter_rows(named=True):
        buying = row["soort"] == "inkooptraject"
        span = (row["start"], row["einde"] or axis.end)
        spans.setdefault(row["overeenkomst_id"], {True: [], False: []})[buying].append(span)
    return {
        agreement
        for agreement, kinds in spans.items()
        if any(_overlaps(a, b) for a in kinds[True] for b in kinds[False])
    }


def _agreements(
    fig: go.Figure, notes: list[dict], periods: pl.DataFrame, axis: Axis, y: float
) -> float:
    """Per domain a heading, then per agreement a title and its bars; returns the next y.

    A procurement that runs beside the contract it replaces gets a thin lane of its own
    under the agreement's bars."""
    centre: dict[str, float] = {}
    lane: dict[str, float] = {}
    beside = _beside(periods, axis)
    agreements = periods.unique("overeenkomst_id", keep="first", maintain_order=True)
    for domain in agreements["domein"].unique(maintain_order=True).to_list():
        _title(
            notes,
            y + HEADER - 0.1,
            f"<b>{label(DOMAIN_LABELS.get(domain, domain).upper())}</b>",
            size=17,
        )
        y += HEADER
        for row in agreements.filter(pl.col("domein") == domain).iter_rows(named=True):
            title = f"<b>{label(row['overeenkomst'])}</b>  ·  {label(row['contracten'])}"
            _title(notes, y + (1 - BAR), title)
            centre[row["overeenkomst_id"]] = y + 1 - BAR / 2
            y += 1
            if row["overeenkomst_id"] in beside:
                lane[row["overeenkomst_id"]] = y + LANE / 2
                y += LANE
    for kind, kind_label in KIND_LABELS.items():
        part = periods.filter(pl.col("soort") == kind)
        if part.is_empty():
            continue
        starts = part["start"].to_list()
        ends = [end or axis.end for end in part["einde"].to_list()]
        style = KIND_STYLES[kind]
        own_lane = lane if kind == "inkooptraject" else {}
        fig.add_bar(
            y=[own_lane.get(a, centre[a]) for a in part["overeenkomst_id"]],
            width=[LANE_BAR if a in own_lane else BAR for a in part["overeenkomst_id"]],
            base=[s.isoformat() for s in starts],
            x=[_day_ms(s, e) for s, e in zip(starts, ends, strict=True)],
            orientation="h",
            name=kind_label,
            text=[
                label(shown_label(row) + (OPEN_END_MARK if row["open_einde"] else ""))
                for row in part.iter_rows(named=True)
            ],
            customdata=[
                [
                    label(row["overeenkomst"]),
                    label(row["label"]),
                    fmt.date(row["start"]),
                    _end_text(row),
                ]
                for row in part.iter_rows(named=True)
            ],
            marker=_marker(style),
            textfont={"color": style["text"]},
            hovertemplate=(
                "<b>%{customdata[0]}</b><br>" + kind_label + ": %{customdata[1]}<br>"
                "%{customdata[2]} – %{customdata[3]}<extra></extra>"
            ),
        )
    return y


def _today_line(notes: list[dict], today: dt.date, caption: str, axis: Axis) -> dict:
    """A dashed line at ``today`` (returned as a shape) with its date above the chart.

    The label is centred on the line, but near an edge it is anchored to the line from the
    inside, so it is never cut off.
    """
    share = (today - axis.start).days / (axis.end - axis.start).days
    anchor = "right" if share > 0.85 else "left" if share < 0.15 else "center"
    notes.append(
        dict(
            x=today.isoformat(),
            y=1,
            yref="paper",
            yshift=30,
            text=f"<b>{caption}: {fmt.date(today)}</b>",
            showarrow=False,
            font={"color": PALETTE[1], "size": MIN_TEXT + 1},
            bgcolor=WHITE,
            xanchor=anchor,
            yanchor="bottom",
        )
    )
    return dict(
        type="line",
        x0=today.isoformat(),
        x1=today.isoformat(),
        y0=0,
        y1=1,
        yref="paper",
        line={"color": PALETTE[1], "width": 3, "dash": "dash"},
    )


def timeline(
    periods: pl.DataFrame,
    *,
    fasen: pl.DataFrame | None = None,
    today: dt.date,
    span: tuple[int, int],
    today_label: str = "Vandaag",
) -> go.Figure:
    """The contract timeline from 1 January to 31 December of the years ``span``.

    ``periods`` comes from :func:`components.contracts.model.periods` (calendar order); an empty
    ``einde`` runs to the right edge and its text gets an arrow. ``fasen`` adds the phase
    row and the roadmap above the agreements. The axis is widened to include ``today``.
    """
    first_year, last_year = min(span[0], today.year), max(span[1], today.year)
    axis = Axis(dt.date(first_year, 1, 1), dt.date(last_year, 12, 31))
    fig = new_figure()
    notes: list[dict] = []
    y = 0.0
    if fasen is not None:
        phases = fasen.filter(pl.col("soort") == "fase").sort("start", "volgorde")
        milestones = fasen.filter(pl.col("soort") == "mijlpaal").sort("start", "volgorde")
        y = _phases(fig, notes, phases, axis, y) if phases.height else y
        y = _milestones(fig, notes, milestones, axis, y) if milestones.height else y
    y = _agreements(fig, notes, periods, axis, y)
    today_line = _today_line(notes, today, today_label, axis)
    fig.update_traces(
        textposition="inside",
        insidetextanchor="middle",
        textangle=0,
        textfont_size=MIN_TEXT,
        selector={"type": "bar"},
    )
    fig.update_layout(
        height=round(UNIT_PX * (y + 0.2)) + 170,
        barmode="overlay",
        annotations=notes,
        shapes=[today_line],
        uniformtext={"minsize": MIN_TEXT, "mode": "hide"},
        margin={"l": 10, "r": 20, "t": 70, "b": 10},
        legend={"orientation": "h", "y": 0, "yanchor": "top", "x": 0, "traceorder": "normal"},
        yaxis={
            "range": [y + 0.1, -0.1],
            "showticklabels": False,
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "automargin": False,  # no labels: nothing to make room for
        },
        xaxis={
            "type": "date",
            "range": [axis.start.isoformat(), (axis.end + dt.timedelta(days=1)).isoformat()],
            "dtick": "M12",
            "tickformat": "%Y",
            "ticklabelmode": "period",
            "showgrid": True,
            "side": "top",
            "tickfont": {"size": MIN_TEXT},
            "automargin": False,  # the years fit in the top margin set above
        },
    )
    return fig


def spend_bars(frame: pl.DataFrame, *, height: int = 300) -> go.Figure:
    """Per agreement whose spend is shown (:func:`components.contracts.spend.
    shown_agreements`): spent in its current term, and what the same pace adds by its end.
    The term and how much of it has passed stand in the row's name."""
    names = [
        f"{label(r['overeenkomst'])}<br>{r['start'].year}–{r['einde'].year}, "
        f"{fmt.percent(r['voorbij_pct'], 0)} voorbij"
        for r in frame.iter_rows(named=True)
    ]
    fig = new_figure(height=height)
    for (column, name), colour in zip(SERIES.items(), (PALETTE[1], "#F0B48A"), strict=True):
        fig.add_bar(
            y=names,
            x=[v / 1_000_000 for v in frame[column]],
            orientation="h",
            name=name,
            marker_color=colour,
            text=[fmt.euro(v) for v in frame[column]],
            textposition="inside",
            insidetextanchor="middle",
            textangle=0,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    fig.update_layout(barmode="stack", uniformtext={"minsize": 14, "mode": "hide"})
    fig.update_xaxes(tickprefix="€ ", ticksuffix=" mln", gridcolor=GRID, rangemode="tozero")
    fig.update_yaxes(autorange="reversed")
    return fig
