"""Chart builders of the Kosten page: what a viewer reads on the chart (Dutch text, values)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from components.common import charts
from components.costs import charts as charts_kosten
from components.costs import model as cm
from tests.test_costmodel import read_assumptions_source


@pytest.fixture(scope="module")
def source() -> pl.DataFrame:
    return read_assumptions_source()


@pytest.fixture(scope="module")
def result(source) -> cm.Result:
    return cm.run(cm.assumptions_from_frame(source))


@pytest.fixture(scope="module")
def band(source) -> pl.DataFrame:
    midden, laag, hoog = (cm.assumptions_from_frame(source, v) for v in ("midden", "laag", "hoog"))
    return cm.band(midden, midden, laag, hoog)


def test_curve_names_its_lines_and_the_turning_point(result, band):
    fig = charts_kosten.cost_curve(result.totals, band=band, turning_point=result.turning_point)
    names = [trace.name for trace in fig.data if trace.showlegend is not False]
    assert names == ["Onzekerheid (laag–hoog)", "Zonder maatregelen", "Met maatregelen"]
    (note,) = fig.layout.annotations
    peak = result.totals.filter(pl.col("jaar") == 2025)["kosten_met"].item()
    assert note.text == f"<b>Omslagpunt 2025</b><br>€ {peak / 1e6:.1f} mln".replace(".", ",")
    assert note.x == 2025


def test_curve_is_in_dutch_millions(result):
    fig = charts_kosten.cost_curve(result.totals, turning_point=None)
    assert fig.layout.template.layout.separators == ",."
    assert fig.layout.template == charts.new_figure().layout.template
    assert (fig.layout.yaxis.tickprefix, fig.layout.yaxis.ticksuffix) == ("€ ", " mln")
    assert fig.layout.yaxis.title.text == "Kosten per jaar"
    assert not fig.layout.annotations  # no turning point: nothing named
    with_measures = next(t for t in fig.data if t.name == "Met maatregelen")
    assert with_measures.y[0] == pytest.approx(55.0)


def test_band_surrounds_the_line(result, band):
    fig = charts_kosten.cost_curve(result.totals, band=band)
    area = fig.data[0]
    years = len(band)
    upper, lower = area.y[:years], list(reversed(area.y[years:]))
    line = [v / 1e6 for v in result.totals["kosten_met"]]
    assert all(lo <= mid <= up for lo, mid, up in zip(lower, line, upper, strict=True))


def test_waterfall_steps_from_without_to_with(result):
    fig = charts_kosten.contributions_waterfall(result.totals, result.contributions, year=2029)
    (bars,) = fig.data
    assert bars.orientation == "h"  # the names on their own lines, at any width
    assert [label.split(": ")[0] for label in bars.y] == [
        "Zonder maatregelen",
        "Afname aantal cliënten",
        "Afname daghulp",
        "Van zwaar naar licht",
        "Afname verblijf",
        "Verkorten doorlooptijd verblijf",
        "Ambulantisering",
        "Met maatregelen",
    ]
    row = result.totals.filter(pl.col("jaar") == 2029).row(0, named=True)
    steps = sum(bars.x[1:-1])
    assert bars.x[0] + steps == pytest.approx(row["kosten_met"] / 1e6)
    assert bars.text[-2].startswith("+€ ")  # ambulantisering adds cost
    assert all(text.startswith("-€ ") for text in bars.text[1:-2])
    assert fig.layout.xaxis.title.text == "Kosten in 2029 (€ mln)"


def noordwijk_budget() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "regio": ["duin-en-bollenstreek"] * 3,
            "bron": ["x"] * 3,
            "vindplaats": ["x"] * 3,
            "peildatum": [dt.date(2020, 1, 1)] * 3,
            "status": ["gepubliceerd"] * 3,
            "notitie": [None] * 3,
            "jaar": [2021, 2022, 2023],
            "soort": ["begroting"] * 3,
            "reeks": ["Zorgaanbod jeugdhulp, Noordwijk"] * 3,
            "bedrag": [6_167_100.0, 6_290_454.0, 6_416_261.0],
        }
    )


def test_budget_bars_show_the_indexation_step():
    fig = charts_kosten.budget_bars(noordwijk_budget())
    (bars,) = fig.data
    assert bars.name == "Begroting"
    assert list(bars.text) == ["€ 6,17 mln", "€ 6,29 mln", "€ 6,42 mln"]
    assert fig.layout.showlegend is False
    # An amount that does not fit at a readable size is left out, never shrunk.
    assert (fig.layout.uniformtext.minsize, fig.layout.uniformtext.mode) == (14, "hide")


def test_curve_shows_published_budgets_as_markers(result):
    fig = charts_kosten.cost_curve(result.totals, realised=noordwijk_budget())
    (budget,) = [t for t in fig.data if t.name == "Begroting"]
    assert budget.mode == "markers"
    assert list(budget.x) == [2021, 2022, 2023]
    assert list(budget.y) == pytest.approx([6.1671, 6.290454, 6.416261])
    empty = noordwijk_budget().head(0)
    names = [t.name for t in charts_kosten.cost_curve(result.totals, realised=empty).data]
    assert "Begroting" not in names
