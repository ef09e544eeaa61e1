"""One description per topic: the page, the slides, the deck and the handout show the same
titles, takeaways and figures, because they all draw the topic's one list of sections.

Built here for Aanbieders of regio Alkmaar (key figures, charts, where sources disagree)
and for Kosten of a fictitious region that publishes its own totals, which the cost curve
draws beside the model: on the page, on its slide, in the deck's chart and in the handout.
"""

from __future__ import annotations

import datetime as dt
import html
import io

import pytest
from pptx import Presentation

from components import site
from components.common import fmt
from components.common.sections import NO_VIEW, Chart, Figures
from components.outputs import deck, handout, slides
from tests import national
from tests.pages.conftest import metrics, shown_tables, texts
from tests.reading import shown

TODAY = dt.date.today()


def described(regio: str, path: str):
    """The topic's sections (the default view), and its slides."""
    frames = slides.load_frames(regio)
    page = site.page(path)
    sections = page.topic.sections(frames, NO_VIEW, TODAY)
    return frames, sections, slides.page_slides(page.path, page.title, sections, frames)


def on_slides(section) -> list:
    """The sections the slides take, the page's only ones aside."""
    return [s for s in section if s.slide and isinstance(s, Chart | Figures)]


def deck_of(items: list[slides.Slide]):
    return Presentation(io.BytesIO(deck.build(items)))


def page_text(app) -> str:
    return fmt.plain(texts(app))


@pytest.fixture(scope="module")
def providers():
    return described("regio-alkmaar", "aanbieders")


def test_the_page_draws_every_section_of_the_topic(open_page, providers):
    _, sections, _ = providers
    app = open_page("aanbieders", regio="regio-alkmaar")
    text = page_text(app)
    charts = [s for s in sections if isinstance(s, Chart) and s.title]
    subheaders = [shown(element.value) for element in app.subheader]
    assert [c.title for c in charts] == [t for t in subheaders if t in {c.title for c in charts}]
    for chart in charts:
        assert fmt.plain(chart.takeaway) in text, chart.title
        first, rows = chart.table.columns[0], chart.table.height
        (table,) = [t for t in shown_tables(app) if t.index.name == first and len(t) == rows]
        # The HTML table lets a long word wrap after a slash (a zero-width space).
        names = [name.replace("\u200b", "") for name in table.index]
        assert names == [str(v) for v in chart.table[first]], chart.title
    (figures,) = [s for s in sections if isinstance(s, Figures)]
    assert metrics(app) == {f.display_label: f.value for f in figures.figures}


def test_the_slides_are_the_sections_themselves(providers):
    _, sections, items = providers
    shown_on_slides = [item.section for item in items]
    for section in on_slides(sections):
        assert any(section is s for s in shown_on_slides), section.title
    for item in items:
        if isinstance(item.section, Chart):
            takeaway = fmt.plain(item.section.takeaway)
            assert takeaway.startswith(item.headline.rstrip(".")), item.title
            assert item.section.title in (item.title, item.headline)


def test_the_deck_and_the_handout_carry_the_same_titles_and_figures(providers):
    _, _, items = providers
    opened = deck_of(items)
    text = handout.build(items, region="Regio Alkmaar", organisation="NORA", today=TODAY)
    for item, drawn in zip(items, opened.slides, strict=True):
        assert drawn.shapes.title.text == item.headline
        assert html.escape(item.headline) in text
        charts = [shape.chart for shape in drawn.shapes if shape.has_chart]
        if (native := slides.native(item)) is not None:
            (chart,) = charts
            values = [list(series.values) for series in chart.plots[0].series]
            assert values == [list(v) for _, v in native.series], item.title
        for figure in slides.figures(item):
            notes = drawn.notes_slide.notes_text_frame.text
            assert f"{figure.display_label}: {figure.value}" in notes
            assert f'<div class="value">{html.escape(figure.value)}</div>' in text


@pytest.fixture(scope="module")
def national_set(tmp_path_factory):
    """A tiny fictitious set whose region publishes budgets and realised totals."""
    out = tmp_path_factory.mktemp("landelijk")
    national.generate(out, national.Scale(regions=1, municipalities=3, providers=10, years=3))
    return out


def test_the_cost_curve_draws_the_published_totals_everywhere(open_page, national_set, monkeypatch):
    monkeypatch.setenv("JEUGDHULP_DATA", str(national_set))
    regio = "fictieve-regio-01"
    _, sections, items = described(regio, "kosten")
    (curve,) = [s for s in sections if isinstance(s, Chart) and s.key == "kosten_curve"]
    published = {trace.name for trace in curve.figure.data} & {"Begroting", "Realisatie"}
    assert published, "the curve of this region has its published totals"
    # The slide draws the page's own chart; the deck's chart has the same series.
    (slide,) = [item for item in items if item.section is curve]
    assert {trace.name for trace in slides.chart(slide).data} >= published
    assert {name for name, _ in slides.native(slide).series} >= published
    index = items.index(slide)
    drawn = deck_of(items).slides[index]
    (chart,) = [shape.chart for shape in drawn.shapes if shape.has_chart]
    assert {series.name for series in chart.plots[0].series} >= published
    text = handout.region_handout(regio, national_set, TODAY)
    assert all(f'"name":"{name}"' in text.replace(" ", "") for name in published)
    # And the page shows it with the same takeaway.
    app = open_page("kosten", regio=regio)
    assert fmt.plain(curve.takeaway) in page_text(app)
