"""A chart as the app sends it looks the same, and Streamlit's second hand-over draws nothing.

When a chart appears, Streamlit gives Plotly.js the figure and, a moment later, a deep
copy of it (``Plotly.react`` twice). ``charts.for_browser`` writes the template into the
layout and dates the data, so Plotly.js sees that nothing changed the second time instead
of drawing the whole chart again (docs/prestaties.md, point 13). Here, in Chromium with
the Plotly.js of the installed plotly package, for every chart of every shipped region
(the chart builders as the presentation uses them):

- the chart as sent draws the same SVG as the chart as built (ids aside);
- handing over a deep copy of it changes nothing in the page; the chart as built is
  redrawn, so this test would notice if the saving went away.
"""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from plotly.offline import get_plotlyjs

from components.common import charts
from components.outputs import slides
from components.web.loaders import regions

#: Draw a figure in a fresh div at the main column's width; return its SVG (attributes in
#: a fixed order, the random per-chart id taken out) and how many DOM changes a deep copy
#: handed over again (as Streamlit does) causes.
DRAW_JS = """async (figure) => {
  document.body.innerHTML = '<div id="chart" style="width: 704px"></div>';
  const chart = document.getElementById('chart');
  await Plotly.react(chart, figure.data, figure.layout, {displayModeBar: false});
  const canonical = node => node.nodeType !== 1 ? node.textContent : '<' + node.tagName + ' '
    + [...node.attributes].map(a => `${a.name}=${JSON.stringify(a.value)}`).sort().join(' ')
    + '>' + [...node.childNodes].map(canonical).join('') + '</>';
  const svg = [...chart.querySelectorAll('svg')].map(canonical).join('')
    .replaceAll(chart._fullLayout._uid, 'UID');
  const copy = JSON.parse(JSON.stringify({data: chart.data, layout: chart.layout}));
  let changes = 0;
  const observer = new MutationObserver(records => { changes += records.length; });
  observer.observe(chart, {subtree: true, childList: true, attributes: true});
  await Plotly.react(chart, copy.data, copy.layout, {displayModeBar: false});
  await new Promise(resolve => setTimeout(resolve, 0));
  observer.disconnect();
  return {svg, changes};
}"""


def shipped_figures() -> list[tuple[str, go.Figure]]:
    """Every Plotly chart of the presentation of every shipped region."""
    found = []
    for regio, _, _ in regions():
        for slide in slides.region_slides(slides.load_frames(regio)):
            if isinstance(figure := slides.chart(slide), go.Figure):
                found.append((f"{regio}: {slide.title}", figure))
    return found


@pytest.fixture(scope="module")
def plotly_page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=get_plotlyjs())
    yield page
    page.close()


def draw(page, figure: go.Figure) -> dict:
    """Draw with fixed trace ids (else Plotly makes random ones, in ids and class names)."""
    spec = figure.to_plotly_json()
    for number, trace in enumerate(spec["data"]):
        trace["uid"] = f"trace-{number}"
    return page.evaluate(DRAW_JS, spec)


def test_every_chart_looks_the_same_as_sent_and_is_drawn_once(plotly_page):
    figures = shipped_figures()
    assert len(figures) >= 20, "the shipped regions have charts on most slides"
    redrawn_as_built = 0
    for name, figure in figures:
        built, sent = draw(plotly_page, figure), draw(plotly_page, charts.for_browser(figure))
        assert "<text" in sent["svg"], f"{name}: nothing drawn"
        assert sent["svg"] == built["svg"], f"{name}: the chart as sent looks different"
        assert sent["changes"] == 0, f"{name}: the second hand-over redrew the chart"
        redrawn_as_built += built["changes"] > 0
    assert redrawn_as_built == len(figures), "without for_browser every chart is drawn twice"


#: The plot area of a drawn chart and the margins its figure asked for.
PLOT_AREA_JS = """async (figure) => {
  document.body.innerHTML = '<div id="chart" style="width: 704px"></div>';
  const chart = document.getElementById('chart');
  await Plotly.react(chart, figure.data, figure.layout, {displayModeBar: false});
  const size = chart._fullLayout._size;
  return {drawn: {l: size.l, t: size.t}, asked: chart._fullLayout.margin};
}"""


def test_the_contract_timelines_are_drawn_in_one_pass(plotly_page):
    """Plotly.js widens a margin after drawing when an axis needs room, and then draws the
    whole chart again. The timelines have no axis labels on the left and the years fit
    in the top margin, so their plot area is exactly where their margins put it."""
    timelines = [(n, f) for n, f in shipped_figures() if n.split(": ", 1)[1].startswith("Contract")]
    assert len(timelines) >= 4, "regio Alkmaar alone has four timeline slides"
    for name, figure in timelines:
        area = plotly_page.evaluate(PLOT_AREA_JS, charts.for_browser(figure).to_plotly_json())
        asked = area["asked"]
        assert area["drawn"] == {"l": asked["l"], "t": asked["t"]}, f"{name}: margin widened"
