"""Presentation mode in a real browser at 1280x720 (the size of a shared screen).

What only a browser shows: the sidebar and header are really gone, the text is really
large (computed font sizes, chart text inside Plotly's SVG included), the keyboard steps
through every slide of every page and back, a question's answer appears one step after
the question, the link keeps the slide, and the sidebar downloads produce a deck that
python-pptx opens.
"""

from __future__ import annotations

import datetime as dt
import html
import io
from pathlib import Path

import pytest
from pptx import Presentation

from components import site
from components.outputs import slides
from tests.browser import support

REGIO = "regio-alkmaar"
#: Body text on a slide at least this (px); the source line and position are small print.
BODY_MIN = 20
CHART_MIN = 16
ANY_MIN = 14
#: Every visible text in the main area and in the Plotly charts, with its rendered size.
#: Chart text is measured as drawn: its font size times any scaling Plotly applied.
FONT_SIZES_JS = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none'
      && parseFloat(cs.opacity || '1') > 0;
  };
  const body = [], small = [], chart = [];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || el.closest('svg') || !visible(el)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    (el.closest('[data-testid=stCaptionContainer]') ? small : body).push([size, text.slice(0, 60)]);
  }
  for (const el of main.querySelectorAll('[data-testid=stPlotlyChart] svg text')) {
    const text = el.textContent.trim();
    if (!text || !visible(el)) continue;
    const m = el.getScreenCTM();
    const size = parseFloat(getComputedStyle(el).fontSize) * Math.hypot(m.a, m.b);
    chart.push([size, text.slice(0, 60)]);
  }
  return {body, small, chart};
}"""
ORDER = [page.path for page in site.PRESENTED]


@pytest.fixture(scope="module")
def deck() -> dict[str, list[slides.Slide]]:
    """The slides of every page of regio Alkmaar, as the app builds them today."""
    frames = slides.load_frames(REGIO)
    return {page.path: slides.slides_of(page, frames, dt.date.today()) for page in site.PRESENTED}


def headline(page) -> str:
    return support.read(page.locator("[data-testid=stMain] h1").first).strip()


def check_fonts(page, where: str) -> None:
    """Body text >= 20 px, chart text >= 16 px, nothing under 14 px."""
    sizes = page.evaluate(FONT_SIZES_JS)
    assert sizes["body"], f"{where}: geen tekst gevonden"
    small_body = [item for item in sizes["body"] if item[0] < BODY_MIN - 0.01]
    assert not small_body, f"{where}: lopende tekst kleiner dan {BODY_MIN}px: {small_body}"
    small_chart = [item for item in sizes["chart"] if item[0] < CHART_MIN - 0.01]
    assert not small_chart, f"{where}: grafiektekst kleiner dan {CHART_MIN}px: {small_chart}"
    tiny = [item for item in sizes["small"] if item[0] < ANY_MIN]
    assert not tiny, f"{where}: tekst kleiner dan {ANY_MIN}px: {tiny}"


def step(page, key: str) -> None:
    """Press a key and wait until the next slide is shown."""
    support.next_slide(page, lambda: page.keyboard.press(key), 20_000)


@pytest.mark.parametrize("path", ORDER)
def test_every_page_presents_without_chrome_in_large_type(page, app_url, deck, path):
    support.open_app(page, app_url, f"{path}?modus=presentatie&regio={REGIO}")
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.locator("[data-testid=stSidebar]").is_hidden()
    assert page.locator("[data-testid=stHeader]").is_hidden()
    first = deck[path][0]
    assert headline(page) == first.headline
    assert support.slide_position(page) == f"{first.title} · dia 1 van {len(deck[path])}"
    assert page.get_by_role("button", name="Volgende").is_visible()
    check_fonts(page, f"/{path} dia 1")


def test_keyboard_steps_through_every_slide_of_every_page_and_back(page, app_url, deck):
    support.open_app(page, app_url, f"?modus=presentatie&regio={REGIO}")
    expected = [(p, i, s) for p in ORDER for i, s in enumerate(deck[p], start=1)]
    seen = []
    for number, (path, index, slide) in enumerate(expected):
        if number:
            step(page, "ArrowRight" if number % 2 else "PageDown")
        where = f"/{path} dia {index}"
        assert page.locator("[data-testid=stException]").count() == 0, where
        assert headline(page) == slide.headline, where
        assert support.slide_position(page).endswith(f"dia {index} van {len(deck[path])}"), where
        assert f"stap={index}" in page.url and "modus=presentatie" in page.url, where
        check_fonts(page, where)
        if slides.chart(slide) is not None:  # the chart is drawn and fits on the screen
            chart = page.locator("[data-testid=stPlotlyChart]")
            assert chart.locator("svg text").count() > 0, where
            box = chart.bounding_box()
            assert box["y"] + box["height"] <= 720, f"{where}: de grafiek past niet"
        seen.append(page.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1])
    assert [p for p in dict.fromkeys(seen)][1:] == ORDER[1:]
    # Past the last slide of the last page, the presentation wraps to the first slide.
    step(page, "ArrowRight")
    assert headline(page) == expected[0][2].headline
    # Back: from the first slide of Aanbieders to the last slide of the overview.
    support.open_app(page, app_url, f"aanbieders?modus=presentatie&stap=1&regio={REGIO}")
    step(page, "ArrowLeft")
    assert headline(page) == deck[""][-1].headline
    assert support.slide_position(page).endswith(f"dia {len(deck[''])} van {len(deck[''])}")
    step(page, "PageUp")
    assert headline(page) == deck[""][-2].headline


def test_a_question_is_asked_first_and_answered_on_the_next_step(page, app_url, deck):
    asked = next(i for i, s in enumerate(deck[""], start=1) if s.asks)
    question, answer = deck[""][asked - 1], deck[""][asked]
    support.open_app(page, app_url, f"?modus=presentatie&stap={asked}&regio={REGIO}")
    text = support.main_text(page)
    assert headline(page) == question.section.card.question
    assert "Wat denkt u?" in text
    assert "Antwoord:" not in text
    page.get_by_role("button", name="Volgende").click()
    page.wait_for_function("() => document.body.innerText.includes('Antwoord:')")
    support.wait_idle(page)
    assert headline(page) == question.section.card.question
    assert f"Antwoord: {slides.answer(answer)}" in support.main_text(page)
    assert f"stap={asked + 1}" in page.url
    # The link keeps the slide: opening it again shows the answer.
    url = page.url
    support.open_app(page, app_url, url.removeprefix(app_url))
    assert f"Antwoord: {slides.answer(answer)}" in support.main_text(page)


def test_start_and_stop_from_the_sidebar(page, app_url, deck):
    support.open_app(page, app_url, f"aanbieders?regio={REGIO}")
    assert page.locator("[data-testid=stSidebar]").is_visible()
    page.get_by_role("button", name="Start presentatie").click()
    page.wait_for_function("() => location.search.includes('modus=presentatie')")
    support.wait_idle(page)
    support.wait_charts(page)
    assert page.locator("[data-testid=stSidebar]").is_hidden()
    assert headline(page) == deck["aanbieders"][0].headline
    page.get_by_role("button", name="Stop presentatie").click()
    page.wait_for_function("() => !location.search.includes('modus=presentatie')")
    support.wait_idle(page)
    assert page.locator("[data-testid=stSidebar]").is_visible()
    assert headline(page) == "Aanbieders"


def test_sidebar_downloads_the_deck_and_the_handout(page, app_url, deck):
    support.open_app(page, app_url, f"?regio={REGIO}")
    button = page.get_by_role("button", name="Download presentatie (PowerPoint)")
    download = support.download(page, button, timeout=90_000)
    assert download.suggested_filename == f"jeugdhulp-{REGIO}-presentatie.pptx"
    opened = Presentation(io.BytesIO(Path(download.path()).read_bytes()))
    titles = [s.shapes.title.text for s in opened.slides]
    assert titles == [s.headline for p in ORDER for s in deck[p]]
    button = page.get_by_role("button", name="Download handout")
    download = support.download(page, button, timeout=90_000)
    assert download.suggested_filename == f"jeugdhulp-{REGIO}-handout.html"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert "@page" in text and "A4" in text
    assert html.escape(deck["aanbieders"][0].headline) in text


def test_every_region_presents_what_it_has(page, app_url):
    """A region without figures for a page says so on the slide; a fictitious one says that."""
    for regio, uncovered, fictitious in (
        ("zuid-holland-zuid", True, False),
        ("voorbeeldregio", False, True),
    ):
        frames = slides.load_frames(regio)
        first = slides.slides_of(site.page("aanbieders"), frames)[0]
        support.open_app(page, app_url, f"aanbieders?modus=presentatie&regio={regio}")
        assert page.locator("[data-testid=stException]").count() == 0
        assert headline(page) == first.headline
        text = support.main_text(page)
        assert bool(first.not_covered) is uncovered
        if uncovered:
            assert first.not_covered in text
        assert (slides.FICTITIOUS in text) is fictitious
