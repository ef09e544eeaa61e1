"""One Plotly look for every chart, and the chart builders shared by several pages (pure).

Chart builders are typed pure functions ``(frame, *, options) -> go.Figure``: they never
call Streamlit and are never cached, so they are tested directly. Every figure uses the
``jeugdhulp`` template: Dutch separators (1.234,5), the app's font, readable sizes for a
projector, a colour-blind-safe palette and no English defaults (no modebar, Dutch hover).
Page-specific builders live in ``charts_<page>.py`` and start from :func:`new_figure`.
"""

from __future__ import annotations

import hashlib
import html
import re
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from plotly.io.json import to_json_plotly

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


def label(text: object) -> str:
    """Text from the sources for a Plotly label, hover, legend or annotation: data, never markup.

    Plotly reads ``<b>``, ``<br>``, ``<a href=…>`` and entities in every text it draws, so
    ``<``, ``>`` and ``&`` are written as entities, which it shows as the characters given.

    >>> label('<a href="x">Zorg & Co</a>')
    '&lt;a href="x"&gt;Zorg &amp; Co&lt;/a&gt;'
    """
    return html.escape(str(text), quote=False)


def labels(values: list) -> list:
    """:func:`label` for each text of a list (other values, such as None, as they are)."""
    return [label(v) if isinstance(v, str) else v for v in values]


def new_figure(*, height: int = 380) -> go.Figure:
    """An empty figure in the shared template."""
    return go.Figure(layout={"template": TEMPLATE, "height": height})


def for_browser(figure: go.Figure) -> go.Figure:
    """The figure as ``st.plotly_chart`` should send it: template written out, data dated.

    Streamlit's chart hands a new figure to Plotly.js twice when it first appears, the
    second time as a deep copy of the first. Plotly.js then compares old and new, and
    redraws the whole chart when the layout holds a template object (a copy is never the
    same object) or when a data array is a new copy and the layout has no
    ``datarevision``. So every chart was drawn twice. Here the template's values are
    written into the layout where the figure sets nothing itself (what Plotly does with
    a template), the template is sent as null, and ``datarevision`` is a digest of the
    data: the same data, no redraw; other data, a new digest and a redraw. The chart
    looks the same (``tests/browser/test_chart_draws.py`` compares the drawn SVG). Only
    layout defaults are written out: the ``jeugdhulp`` template has no trace defaults.
    """
    spec = figure.to_dict()
    layout = spec.setdefault("layout", {})
    template = layout.pop("template", None) or {}
    for name, default in template.get("layout", {}).items():
        if name in ("xaxis", "yaxis"):  # a template axis is the default of every such axis
            axes = [key for key in layout if re.fullmatch(rf"{name}\d*", key)] or [name]
            for key in axes:
                layout[key] = _with_defaults(layout.get(key), _grid_defaults(spec, key, default))
        else:
            layout[name] = _with_defaults(layout.get(name), default)
    data = to_json_plotly(spec.get("data", []))  # every value, NumPy arrays in full
    layout["datarevision"] = hashlib.sha256(data.encode()).hexdigest()[:16]
    # Everything in ``spec`` was validated in ``figure`` (its own values and the template's)
    sent = go.Figure(spec, _validate=False)
    sent.layout.template = None  # sent as null; else plotly.py adds its default template
    return sent


#: Trace types with an orientation: their category axis has no grid by default.
ORIENTED = frozenset({"bar", "box", "violin", "histogram", "funnel", "waterfall"})


def _grid_defaults(spec: dict, axis: str, default: dict) -> dict:
    """``default`` plus the grid and zero line Plotly would draw on ``axis`` by itself.

    Plotly.js draws grid lines and a zero line on every axis except the category axis of
    a bar-like chart, and there too when the figure itself sets their colour; a colour
    from a template does not count. Written out, the template's colour would count, so
    Plotly's own choice is written out with it.
    """
    shown = True
    for trace in spec.get("data", []):
        if trace.get("type") in ORIENTED:
            horizontal = trace.get("orientation") == "h"
            ref = trace.get("yaxis" if horizontal else "xaxis") or ("y" if horizontal else "x")
            shown = shown and axis != f"{ref[0]}axis{ref[1:]}"
    return {"showgrid": shown, "zeroline": shown, **default}


def _with_defaults(value: Any, default: Any) -> Any:
    """``value`` with ``default`` filling in what it leaves unset (dicts, recursively)."""
    if value is None:
        return default
    if isinstance(value, dict) and isinstance(default, dict):
        merged = dict(default)
        for key, own in value.items():
            merged[key] = _with_defaults(own, default.get(key))
        return merged
    return value
