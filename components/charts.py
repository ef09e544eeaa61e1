"""One Plotly look for every chart, and the chart builders shared by several pages (pure).

Chart builders are typed pure functions ``(frame, *, options) -> go.Figure``: they never
call Streamlit and are never cached, so they are tested directly. Every figure uses the
``jeugdhulp`` template: Dutch separators (1.234,5), the app's font, readable sizes for a
projector, a colour-blind-safe palette and no English defaults (no modebar, Dutch hover).
Page-specific builders live in ``charts_<page>.py`` and start from :func:`new_figure`.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio
import polars as pl

TEMPLATE = "jeugdhulp"
FONT = "Source Sans, Source Sans Pro, Arial, sans-serif"
TEXT = "#1a1a1a"
GRID = "#d5dbe3"
#: Okabe-Ito, darkened where needed for 3:1 contrast against white (same as config.toml).
PALETTE = ("#0072B2", "#D55E00", "#007A5E", "#A0527F", "#7A5C00", "#3D3D3D")
ACCENT = "#154273"
#: Sizes chosen so chart text stays >= 14 px after a 1280x720 screen share.
FONT_SIZE = 16
TITLE_SIZE = 18

#: Plotly config for st.plotly_chart: the modebar is English and developer-ish; downloads
#: of the data are offered under every chart instead.
PLOTLY_CONFIG = {"displayModeBar": False, "displaylogo": False, "locale": "nl", "responsive": True}


def _register() -> None:
    layout = go.Layout(
        font={"family": FONT, "size": FONT_SIZE, "color": TEXT},
        title={"font": {"size": TITLE_SIZE}, "x": 0, "xanchor": "left"},
        separators=",.",
        colorway=list(PALETTE),
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        margin={"l": 10, "r": 20, "t": 30, "b": 10},
        hoverlabel={"font": {"family": FONT, "size": FONT_SIZE}},
        legend={"orientation": "h", "y": -0.15, "font": {"size": FONT_SIZE}, "title": {"text": ""}},
        xaxis={"gridcolor": GRID, "zerolinecolor": GRID, "automargin": True, "title": {"text": ""}},
        yaxis={"gridcolor": GRID, "zerolinecolor": GRID, "automargin": True, "title": {"text": ""}},
    )
    pio.templates[TEMPLATE] = go.layout.Template(layout=layout)


_register()


def new_figure(*, height: int = 380) -> go.Figure:
    """An empty figure in the shared template."""
    return go.Figure(layout={"template": TEMPLATE, "height": height})


def horizontal_bars(
    frame: pl.DataFrame,
    *,
    label: str,
    value: str,
    group: str | None = None,
    value_format: str = ",.0f",
    height: int | None = None,
) -> go.Figure:
    """Horizontal bars, largest on top, with the value printed on each bar.

    Printing the value on the bar means a viewer needs no axis or legend to read it; with
    ``group`` the bars are grouped and the group name is written in the hover and legend.
    """
    fig = new_figure(height=height or max(220, 48 * frame.height + 80))
    groups = frame[group].unique(maintain_order=True).to_list() if group else [None]
    for index, name in enumerate(groups):
        part = frame if name is None else frame.filter(pl.col(group) == name)
        fig.add_bar(
            x=part[value].to_list(),
            y=part[label].to_list(),
            orientation="h",
            name=str(name) if name is not None else value,
            marker_color=PALETTE[index % len(PALETTE)],
            text=part[value].to_list(),
            texttemplate=f"%{{x:{value_format}}}",
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{y}}: %{{x:{value_format}}}<extra>{name or ''}</extra>",
        )
    fig.update_layout(
        barmode="group",
        showlegend=group is not None,
        yaxis={"autorange": "reversed", "type": "category"},
        xaxis={"showgrid": True, "rangemode": "tozero"},
    )
    return fig
