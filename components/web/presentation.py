"""Presentation mode in the app, and the sidebar downloads of the deck and the handout.

A slide is a page's own section (:mod:`components.outputs.slides`); this module only draws
it for a shared screen: large text, no sidebar, one message per screen, and the
previous/next controls (buttons, arrow keys, a presenter's clicker).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components import site
from components.common import charts, fmt, tables
from components.common import sections as s
from components.data import extracts
from components.outputs import slides
from components.web import blocks, loaders, state

MODE_KEY = "modus"
PRESENTING = "presentatie"
STEP_PARAM = "stap"
#: Presentation mode needs what no Streamlit option gives: hide the sidebar and header for
#: the audience, and enlarge all text (Streamlit sizes text in rem, so the root size
#: scales it). It applies in presentation mode only, on top of the page CSS.
#: Body text is 22 px (>= 20 on a shared screen); the source line and the slide position
#: are small print at 17.6 px, so the chart keeps its room (nothing is under 14 px). The
#: invisible script elements are taken out of the layout so they leave no empty gaps. Key
#: figures get less padding, so two rows of them fit under a long headline. On a tablet or
#: phone that follows along (768 px wide or less, or a phone turned: 500 px high or less)
#: the text is the page's own size, so a headline keeps its words whole.
_PRESENTATION_CSS = """<style>
[data-testid=stSidebar], [data-testid=stSidebarCollapsedControl], [data-testid=stHeader],
[data-testid=stToolbar], [data-testid=stDecoration] { display: none !important; }
html { font-size: 22px !important; }
[data-testid=stMainBlockContainer] { padding: 1rem 3rem 1rem 3rem !important; max-width: 100%; }
[data-testid=stMain] h1 { font-size: 1.6rem !important; padding: 0.4rem 0 0.3rem 0; }
[data-testid=stMain] h2 { font-size: 1.3rem !important; padding: 0.2rem 0; }
[data-testid=stMetricLabel] p, [data-testid=stMain] [data-testid=stButton] p,
[data-testid=stMain] table { font-size: 0.95rem !important; }
[data-testid=stElementContainer]:has(> [data-testid=stHtml] > script:only-child) {
  display: none !important; }
[data-testid=stCaptionContainer],
[data-testid=stCaptionContainer] p { font-size: 0.8rem !important; }
[data-testid=stMetric] > div { padding: 0.4rem 0.8rem !important; }
[data-testid=stMetricValue] { font-size: 1.9rem !important; }
@media (max-width: 768px), (max-height: 500px) {
  html { font-size: 17px !important; }
  [data-testid=stMainBlockContainer] { padding: 0.5rem 1rem 1rem 1rem !important; }
  [data-testid=stMain] h1 { font-size: 1.45rem !important; }
  [data-testid=stMetricValue] { font-size: 1.6rem !important; }
}
</style>"""
#: Arrow keys and a presenter's clicker (PageDown/PageUp) press our Volgende/Vorige buttons.
_PRESENTATION_KEYS = """<script>
if (!window.__jeugdhulpKeys) {
  window.__jeugdhulpKeys = true;
  document.addEventListener('keydown', (event) => {
    if (event.target.closest('input, textarea, select, [contenteditable=true]')) return;
    const label = {ArrowRight: 'Volgende', PageDown: 'Volgende',
                   ArrowLeft: 'Vorige', PageUp: 'Vorige'}[event.key];
    if (!label) return;
    const button = [...document.querySelectorAll('[data-testid=stMain] button')]
      .find((b) => b.innerText.includes(label));
    if (button) { event.preventDefault(); button.click(); }
  });
}
</script>"""


#: Points of a list a slide shows in one column; a longer list takes two.
LIST_ROWS = 8


def presenting() -> bool:
    """Whether the app is in presentation mode (``?modus=presentatie`` in the link)."""
    return st.query_params.get(MODE_KEY) == PRESENTING


def _start_presenting() -> None:
    st.query_params[MODE_KEY] = PRESENTING
    st.query_params[STEP_PARAM] = "1"


def _stop_presenting() -> None:
    for key in (MODE_KEY, STEP_PARAM):
        if key in st.query_params:
            del st.query_params[key]


def presentation_button() -> None:
    """Start presentation mode from the sidebar (or open a link with ?modus=presentatie)."""
    st.sidebar.button(
        "Start presentatie",
        icon=":material/slideshow:",
        on_click=_start_presenting,
        help="Grote letters, één boodschap per scherm, bladeren met de pijltjestoetsen.",
        width="stretch",
    )


def _deck_bytes(regio: str) -> bytes:
    from components.outputs import deck  # imported on click: a page run never pays for it

    return deck.region_deck(regio, extracts.data_root())  # one version for the whole deck


def _handout_text(regio: str) -> str:
    from components.outputs import handout

    return handout.region_handout(regio, extracts.data_root())


#: The sidebar's downloads: label, what builds the file, its name, type, icon and help.
_EXPORTS = (
    (
        "Download presentatie (PowerPoint)", _deck_bytes, "presentatie.pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "co_present",
        "Alle dia's van deze regio met bewerkbare grafieken en de cijfers in de notities.",
    ),
    (
        "Download handout", _handout_text, "handout.html", "text/html", "print",
        "Kernboodschappen, grafieken en bronnen per pagina; open en print op A4.",
    ),
)  # fmt: skip


def export_buttons(regio: str | None) -> None:
    """Sidebar downloads of the region's PowerPoint deck and printable handout.

    Both are built only when clicked (a callable ``data``), from the extracts directly, so
    showing the buttons costs a page nothing. Not shown while presenting.
    """
    if regio is None or presenting():
        return
    for label, make, name, mime, icon, help_text in _EXPORTS:
        st.sidebar.download_button(
            label,
            data=lambda make=make: make(regio),
            file_name=f"jeugdhulp-{regio}-{name}",
            mime=mime,
            on_click="ignore",
            icon=f":material/{icon}:",
            help=help_text,
            width="stretch",
            key=f"export_{make.__name__.strip('_').split('_')[0]}",  # export_deck, …
        )


# --- One slide on the screen: the frame, then one renderer per kind of section -----------


def _key_figures(slide: slides.Slide) -> None:
    shown, per_row = slides.key_figure_grid(slide)
    for start in range(0, len(shown), per_row):
        columns = st.columns(per_row)
        for column, figure in zip(columns, shown[start : start + per_row], strict=False):
            label = fmt.literal(slides.figure_label(slide, figure))
            column.metric(label, fmt.literal(figure.value), border=True)


def _question(slide: slides.Slide) -> None:
    if slide.reveal:
        st.header(fmt.literal(f"Antwoord: {slides.answer(slide)}"))
    else:
        st.markdown("Wat denkt u? Druk op **Volgende** voor het antwoord.")


def _body(slide: slides.Slide, layout: slides.ScreenLayout) -> None:
    """What the slide shows under its headline: figures, an answer, a chart, a list or a
    table (by the kind of its section)."""
    if slides.figures(slide):
        _key_figures(slide)
    elif isinstance(slide.section, s.Question):
        _question(slide)
    elif (figure := slides.chart(slide)) is not None:
        shown = slides.for_screen(figure, height=layout.chart_height)
        # A chart a phone cannot read (the contract timeline) shows there as its list.
        blocks.chart_or_list(
            "dia",
            slide.section.narrow if isinstance(slide.section, s.Chart) else "",
            lambda: st.plotly_chart(
                charts.for_browser(shown),
                theme=None,
                config=charts.PLOTLY_CONFIG,
                key="slide_chart",
            ),
        )
    elif points := slides.points(slide):
        # A long list in two columns, so it stays on the screen with its source line.
        halves = (
            [points]
            if len(points) <= LIST_ROWS
            else [points[: -(-len(points) // 2)], points[-(-len(points) // 2) :]]
        )
        for column, half in zip(st.columns(len(halves)), halves, strict=True):
            column.markdown("\n".join(f"- {fmt.literal(point)}" for point in half))
    elif (table := slides.table(slide)) is not None:
        st.html(tables.html_table(table))


def _render_slide(slide: slides.Slide, position: str) -> None:
    """One slide, top to bottom: position, warning, headline, what it shows, what the data
    does not cover, note, source. Every text is plain: shown literally."""
    st.caption(fmt.literal(position))
    if slide.warning:
        st.warning(fmt.literal(slide.warning), icon=":material/science:")
    st.title(fmt.literal(slide.headline))
    layout = slides.screen_layout(slide)
    _body(slide, layout)
    if slide.not_covered:
        st.info(fmt.literal(slide.not_covered), icon=":material/visibility_off:")
    if slide.note and layout.show_note:
        st.markdown(fmt.literal(slide.note))
    if slide.screen_source:
        st.caption(fmt.literal(slide.screen_source).replace("\n", "  \n"))


@st.cache_resource(max_entries=64, ttl=3600, show_spinner=False)
def _cached_slides(regio: str, path: str, day: str, stamp: str) -> list[slides.Slide]:
    del stamp  # only part of the cache key: new extracts rebuild
    page = site.page(path)
    assert page.topic is not None
    frames = page.topic.frames(
        lambda name: loaders.load(regio, name),
        lambda spec: loaders.derive(spec.function, regio, *spec.extracts),
    )
    return slides.slides_of(page, frames, dt.date.fromisoformat(day))


def _page_slides(regio: str, path: str) -> list[slides.Slide]:
    """A page's slides, built once per region, day and preparation run (building the
    figures takes up to a second; a presenter's click should not wait for it). Slides are
    never changed after they are built, so sessions can share them."""
    return _cached_slides(regio, path, dt.date.today().isoformat(), loaders.stamp(regio))


def _presented(path: str) -> site.Page:
    """The page to present: this one, or the overview for a page outside the presentation."""
    page = site.page(path)
    return page if page.topic is not None else site.PRESENTED[0]


def present(current: str, regio: str | None) -> None:
    """Render the current slide of ``current`` with previous/next controls."""
    st.html(_PRESENTATION_CSS)
    st.html(_PRESENTATION_KEYS, unsafe_allow_javascript=True)
    page = _presented(current)
    assert page.topic is not None
    blocks.load_or_stop(regio, *page.topic.needed())  # a broken extract: say why, stop
    assert regio is not None
    deck = _page_slides(regio, page.path)
    try:
        step = int(st.query_params.get(STEP_PARAM, "1")) - 1
    except ValueError:
        step = 0
    step = min(max(step, 0), len(deck) - 1)
    # The link always names the slide shown (also after a missing or impossible stap).
    if st.query_params.get(STEP_PARAM) != str(step + 1):
        st.query_params[STEP_PARAM] = str(step + 1)
    # Controls on top, so "next" is one click away whatever the slide's length.
    # Vorige and Volgende side by side at every width (columns would stack them on a phone
    # and push the slide down); on a phone 'Stop presentatie' wraps to a row of its own.
    with st.container(horizontal=True, gap="small"):
        go_back = st.button("Vorige", icon=":material/arrow_back:", width="stretch")
        go_on = st.button(
            "Volgende", icon=":material/arrow_forward:", type="primary", width="stretch"
        )
        st.button("Stop presentatie", on_click=_stop_presenting, width="stretch")
    _render_slide(deck[step], f"{deck[step].title} · dia {step + 1} van {len(deck)}")
    if go_back or go_on:
        _move(page.path, regio, step, len(deck), 1 if go_on else -1)


def _move(current: str, regio: str, step: int, count: int, direction: int) -> None:
    target, target_step = site.neighbour(current, step, count, direction)
    if target == current and target_step is not None:
        st.query_params[STEP_PARAM] = str(target_step + 1)
        st.rerun()
    if target_step is None:
        blocks.load_or_stop(regio, *site.page(target).topic.needed())  # type: ignore[union-attr]
        target_step = len(_page_slides(regio, target)) - 1
    params = {MODE_KEY: PRESENTING, STEP_PARAM: str(target_step + 1), state.REGION_KEY: regio}
    st.switch_page(site.script(target), query_params=params)
