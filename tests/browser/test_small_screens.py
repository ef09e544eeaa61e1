"""The council member's own tablet and phone (issue #24), in Chromium at their sizes.

Upright, 768x1024 (a tablet) and 390x844 (a phone), every page and every Transformatie tab
opens on its heading and headline, cuts no text off, draws no chart text over other chart
text, does not run wider than the screen,
has touch targets of at least 44 px (24 px for the small icons beside a label) and gives
axe no violation. Turned (1024x768, 844x390) every page still fits its width. On Kosten
the curve stays in view while a 'Wat als?' slider has focus; upright the contract
timeline is a list with the same dates; a wide table keeps its first column in view.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import support

UPRIGHT = {"tablet": (768, 1024), "telefoon": (390, 844)}
TURNED = {"tablet gedraaid": (1024, 768), "telefoon gedraaid": (844, 390)}
PAGES = ["", "aanbieders", "contracten", "transformatie", "kosten", "begrippen", "over"]
TABS = [
    f"transformatie?onderdeel={part}"
    for part in ("kpis", "kwadranten", "fasen", "escalatie", "segmenten", "verschillen")
]

#: Visible elements a finger taps, with their size: buttons, links outside running text,
#: fold-outs, choices (the whole box, not the arrow in it), tabs and sliders. A link inside
#: a sentence is exempt (WCAG 2.5.8).
TARGETS_JS = """(root) => {
  const CHOICE = ':is([data-testid=stSelectbox], [data-testid=stMultiSelect]) [role=group]';
  return [...document.querySelectorAll(
    `${root} :is(button, a, summary, [role=slider], [role=tab], ${CHOICE})`)]
  .filter((e) => !(e.tagName === 'A' && e.closest('p, li')))
  .filter((e) => e.getAttribute('data-testid') !== 'stSkipToContent')
  .filter((e) => !(e.tagName === 'BUTTON' && e.closest(CHOICE)))
  .filter((e) => { const r = e.getBoundingClientRect(), style = getComputedStyle(e);
                   return r.width > 0 && r.height > 0 && style.visibility !== 'hidden'; })
  .map((e) => { const r = e.getBoundingClientRect();
    const icon = !!e.closest('[data-testid=stTooltipIcon], [data-testid=stHeaderActionElements]')
      || e.getAttribute('role') === 'slider';
    return {name: (e.getAttribute('aria-label') || e.innerText || '').slice(0, 40),
            width: Math.round(r.width), height: Math.round(r.height), icon}; }); }"""
#: Everything in the page that reaches past the right edge of the screen (a table or chart
#: scrolls in its own box, and a visually hidden input for screen readers is not seen, so
#: their insides do not count).
OVERFLOW_JS = """() => [...document.querySelectorAll('[data-testid=stMain] *')]
  .filter((e) => !e.closest('.jeugdhulp-tabel, .js-plotly-plot, [style*="clip"]'))
  .filter((e) => { const r = e.getBoundingClientRect();
                   return r.width > 0 && r.right > window.innerWidth + 1; })
  .map((e) => `${e.dataset.testid || e.tagName}: ${(e.innerText || '').slice(0, 40)}`)"""


#: The slider that has focus: its name and the box of the whole control (label, value and
#: track); null when the focus is elsewhere.
FOCUSED_SLIDER_JS = """() => {
  const e = document.activeElement;
  if (!e.matches('input[type=range], [role=slider]')) return null;
  const r = e.closest('[data-testid=stElementContainer]').getBoundingClientRect();
  return [e.getAttribute('aria-label'), {x: r.x, y: r.y, width: r.width, height: r.height}];
}"""


#: Texts inside a chart that are drawn over each other (labels, titles, values), per chart.
OVERLAPPING_TEXT_JS = """() => {
  const found = [];
  for (const chart of document.querySelectorAll('[data-testid=stMain] .js-plotly-plot')) {
    if (!chart.checkVisibility()) continue;
    const texts = [...chart.querySelectorAll('text')]
      .filter((t) => t.textContent.trim() && t.checkVisibility({opacityProperty: true}))
      .map((t) => [t.textContent.trim(), t.getBoundingClientRect()])
      .filter(([, r]) => r.width > 0 && r.height > 0);
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const [a, r] = texts[i], [b, q] = texts[j];
        const w = Math.min(r.right, q.right) - Math.max(r.left, q.left);
        const h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
        if (w > 2 && h > 2) found.push(`${a} | ${b}`);
      }
    }
  }
  return found;
}"""


@pytest.fixture
def screen(browser):
    """A fresh browser context at a given viewport (touch, like a tablet or phone)."""
    contexts = []

    def open_(width: int, height: int):
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale="nl-NL", has_touch=True
        )
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


def small_targets(page, root: str) -> list[dict]:
    """Targets under 44 px high (under 24 x 24 px for an icon beside a label)."""
    return [
        t
        for t in page.evaluate(TARGETS_JS, root)
        if ((t["width"] < 24 or t["height"] < 24) if t["icon"] else t["height"] < 44)
    ]


@pytest.mark.parametrize("size", UPRIGHT, ids=list(UPRIGHT))
@pytest.mark.parametrize("path", [*PAGES, *TABS])
def test_every_page_and_tab_is_readable_and_usable_upright(screen, app_url, path, size):
    width, height = UPRIGHT[size]
    page = screen(width, height)
    support.open_app(page, app_url, path, 90_000)
    # The first screen shows the page's heading and its headline (the sentence under it).
    heading = page.locator("[data-testid=stMain] h1").first
    headline = page.locator("[data-testid=stMain] [data-testid=stMarkdownContainer] strong")
    for shown in (heading, headline.first):
        box = shown.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, shown
    assert page.locator("[data-testid=stSidebar]").is_hidden()
    assert page.evaluate(support.CUT_OFF_JS) == []
    assert page.evaluate(OVERFLOW_JS) == []
    assert page.evaluate(OVERLAPPING_TEXT_JS) == []
    assert small_targets(page, "[data-testid=stMain]") == []
    assert support.axe_violations(page) == {}


@pytest.mark.parametrize("size", TURNED, ids=list(TURNED))
@pytest.mark.parametrize("path", PAGES)
def test_every_page_fits_the_screen_turned(screen, app_url, path, size):
    width, height = TURNED[size]
    page = screen(width, height)
    support.open_app(page, app_url, path, 90_000)
    expect(page.locator("[data-testid=stMain] h1").first).to_be_in_viewport()
    assert page.evaluate(support.CUT_OFF_JS) == []
    assert page.evaluate(OVERFLOW_JS) == []


@pytest.mark.parametrize("size", UPRIGHT, ids=list(UPRIGHT))
def test_the_menu_opens_with_touch_targets_of_44_px(screen, app_url, size):
    page = screen(*UPRIGHT[size])
    support.open_app(page, app_url, "", 90_000)
    page.get_by_role("button", name="Zijbalk uitklappen").click()
    expect(page.locator("[data-testid=stSidebar]")).to_be_visible()
    expect(page.locator("a[data-testid=stSidebarNavLink]").first).to_be_in_viewport()
    assert small_targets(page, "[data-testid=stSidebar]") == []
    assert small_targets(page, "[data-testid=stHeader]") == []


@pytest.mark.parametrize("size", UPRIGHT, ids=list(UPRIGHT))
def test_the_curve_stays_in_view_while_a_what_if_slider_has_focus(screen, app_url, size):
    """Every 'Wat als?' slider, reached with Tab and Shift+Tab as a keyboard or switch user
    would, is on screen together with the whole curve it moves, not under it."""
    width, height = UPRIGHT[size]
    page = screen(width, height)
    support.open_app(page, app_url, "kosten?regio=regio-alkmaar", 90_000)
    curve = page.locator(".st-key-kosten_curve_chart")
    sliders = page.locator(".st-key-met-bediening-kosten_curve").get_by_role("slider")
    assert sliders.count() >= 10
    sliders.first.focus()
    seen = set()
    for step in [*["Tab"] * (sliders.count() - 1), *["Shift+Tab"] * (sliders.count() - 1)]:
        page.keyboard.press(step)
        while page.evaluate(FOCUSED_SLIDER_JS) is None:  # the help button beside a slider
            page.keyboard.press(step)
        name, slider_box = page.evaluate(FOCUSED_SLIDER_JS)
        seen.add(name)
        chart_box = curve.bounding_box()
        assert chart_box["y"] >= 0 and chart_box["y"] + chart_box["height"] <= height
        assert slider_box["y"] >= 0 and slider_box["y"] + slider_box["height"] <= height, name
        below_chart = slider_box["y"] >= chart_box["y"] + chart_box["height"] - 1
        beside_chart = slider_box["x"] >= chart_box["x"] + chart_box["width"] - 1
        assert below_chart or beside_chart, name
    assert len(seen) == sliders.count()
    # Sliding redraws the curve in view.
    before = page.locator(".st-key-kosten_curve_chart .annotation-text").all_text_contents()
    page.keyboard.press("End")
    support.wait_idle(page, 90_000)
    page.wait_for_function(
        "(old) => [...document.querySelectorAll('.st-key-kosten_curve_chart .annotation-text')]"
        ".map((e) => e.textContent).join('|') !== old",
        arg="|".join(before),
        timeout=90_000,
    )


def test_upright_the_contract_timeline_is_a_list_with_the_same_dates(screen, app_url):
    page = screen(*UPRIGHT["telefoon"])
    support.open_app(page, app_url, "contracten?regio=regio-alkmaar", 90_000)
    expect(page.locator(".st-key-contracten_tijdlijn_chart")).to_be_hidden()
    listed = page.locator(".st-key-alleen-smal-contracten_tijdlijn")
    expect(listed).to_be_visible()
    text = listed.inner_text()
    assert "Ambulante jeugdhulp · 167 contracten × 6 gemeenten" in text
    assert "1 januari 2023 – 31 december 2030: Contractperiode" in text
    assert "1 augustus 2022 – 31 juli 2026: Contractperiode (aug 2022-juli 2026)" in text
    assert "Transformatiefase 2: 1 januari 2026 – 31 december 2030" in text
    # A tablet held upright gets the list too; the filters keep their labels and values.
    # Turned, the timeline is drawn.
    tablet = screen(*UPRIGHT["tablet"])
    support.open_app(tablet, app_url, "contracten?regio=regio-alkmaar", 90_000)
    expect(tablet.locator(".st-key-alleen-smal-contracten_tijdlijn")).to_be_visible()
    tablet.set_viewport_size({"width": 1024, "height": 768})
    expect(tablet.locator(".st-key-contracten_tijdlijn_chart")).to_be_visible()
    expect(tablet.locator(".st-key-alleen-smal-contracten_tijdlijn")).to_be_hidden()
    tablet.set_viewport_size({"width": 768, "height": 1024})
    choices = tablet.locator("[data-testid=stMain] input[role=combobox]")
    assert choices.count() == 4
    assert tablet.evaluate(support.CUT_OFF_JS) == []
    cut = tablet.evaluate(
        """() => [...document.querySelectorAll('[data-testid=stMain] input[role=combobox]')]
          .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.value)"""
    )
    assert cut == []


def test_a_wide_table_scrolls_in_its_box_and_keeps_its_first_column(screen, app_url):
    page = screen(*UPRIGHT["telefoon"])
    support.open_app(page, app_url, "contracten?regio=regio-alkmaar", 90_000)
    support.open_tables(page)
    box = page.locator(support.TABLE).filter(has_text="Soort").first
    expect(box).to_have_attribute("tabindex", "0")  # wider than the screen: it scrolls
    first_cell = box.locator("tbody tr").first.locator("th")
    left = first_cell.bounding_box()["x"]
    box.evaluate("(b) => { b.scrollLeft = b.scrollWidth; }")
    page.wait_for_function("(b) => b.scrollLeft > 100", arg=box.element_handle())
    assert abs(first_cell.bounding_box()["x"] - left) < 1
    expect(first_cell).to_be_in_viewport()


#: Words of the slide's headline that the browser breaks over two lines (a word that does
#: not fit the width: 'Netwerkorganis-atie' on a phone before the text got smaller there).
BROKEN_WORDS_JS = """() => {
  const h1 = document.querySelector('[data-testid=stMain] h1');
  const broken = [];
  const walker = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (const match of node.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (tops.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("size", ["telefoon", "telefoon gedraaid", "tablet"])
def test_presentation_mode_follows_along_on_a_phone_or_tablet(screen, app_url, size):
    """Every slide of every page, stepped through with the buttons as a council member on
    a phone would: Vorige and Volgende side by side and on the first screen with the
    headline, its words whole,
    nothing wider than the screen. Past the last slide the presentation starts again."""
    width, height = {**UPRIGHT, **TURNED}[size]
    page = screen(width, height)
    support.open_app(page, app_url, "?modus=presentatie&regio=regio-alkmaar", 90_000)
    seen: list[tuple[str, str]] = []  # (page, 'Titel · dia 2 van 9')
    while (slide := (page.url.split("?")[0], support.slide_position(page))) not in seen:
        seen.append(slide)
        buttons = [
            page.get_by_role("button", name=name).bounding_box()
            for name in ("Vorige", "Volgende", "Stop presentatie")
        ]
        assert round(buttons[0]["y"]) == round(buttons[1]["y"]), slide
        assert all(box["y"] + box["height"] <= height for box in buttons), slide
        assert page.locator("[data-testid=stMain] h1").first.bounding_box()["y"] < height
        assert page.evaluate(BROKEN_WORDS_JS) == [], slide
        assert page.evaluate(OVERFLOW_JS) == [], slide
        assert page.evaluate(support.CUT_OFF_JS) == [], slide
        support.next_slide(page, page.get_by_role("button", name="Volgende").click, 90_000)
    assert len({path for path, _ in seen}) == 5, seen
    assert len(seen) >= 30
