"""The shared chart look as sent to the browser (``charts.for_browser``)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from components.common import charts


def bars(values: list[int]):
    fig = charts.new_figure()
    fig.add_bar(x=values, y=["Ambulant", "Verblijf"], orientation="h")
    fig.update_layout(yaxis={"autorange": "reversed"}, xaxis={"showgrid": True})
    return fig


def test_the_template_is_written_out_and_the_figure_keeps_its_own_settings():
    sent = charts.for_browser(bars([167, 38])).to_dict()["layout"]
    assert sent.get("template") is None  # none sent (JSON null: Plotly.js applies nothing)
    assert sent["separators"] == ",."  # Dutch numbers, from the template
    assert sent["font"]["family"] == charts.FONT
    assert sent["yaxis"]["autorange"] == "reversed"  # the chart's own choice wins
    assert sent["yaxis"]["gridcolor"] == charts.GRID
    # Plotly draws no grid on the category axis of a bar chart; written out it still does not
    assert sent["yaxis"]["showgrid"] is False
    assert sent["xaxis"]["showgrid"] is True


def test_the_data_revision_follows_the_data():
    first, same, other = (charts.for_browser(bars(v)) for v in ([167, 38], [167, 38], [167, 39]))
    assert first.layout.datarevision == same.layout.datarevision
    assert first.layout.datarevision != other.layout.datarevision


def test_the_data_revision_sees_a_change_deep_inside_a_long_array():
    values = np.arange(5000)
    changed = values.copy()
    changed[2500] = -1
    first, other = (charts.for_browser(go.Figure(go.Bar(y=v))) for v in (values, changed))
    assert first.layout.datarevision != other.layout.datarevision
