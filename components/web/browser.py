"""Workarounds for what Streamlit itself gets wrong in the browser, in one place.

Streamlit hardcodes ``<html lang="en">`` and names its own controls in English; a wide
table cannot take keyboard focus; some labels are cut off with an ellipsis. Each fix is
here with its reason, sent once per run by :func:`set_document_language`, and tested in
the browser tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from components.common import tables

#: The browser tab's icon, served by the app itself. Streamlit turns a ':material/…:' icon
#: into a request to Google's font server from every visitor's browser: a government site
#: may not send its visitors' addresses to a third party, and offline it fails.
FAVICON = Path(__file__).with_name("favicon.png")

#: Streamlit hardcodes <html lang="en">. The least fragile fix: a tiny script in the main
#: document (st.html, not an iframe) that sets lang="nl" on every run. Tested in the
#: browser tests; listed in the accessibility statement.
#:
#: The same script gives Streamlit's own controls Dutch names. Streamlit names them in
#: English for a screen reader ("Skip to main content", "Help for Regio", "Main menu"),
#: in the middle of a Dutch page (WCAG 3.1.2) and untranslatable in Streamlit itself.
#: React sets an attribute only when its own value changes, so a name set here stays; a
#: control Streamlit draws anew is renamed when it appears (the observer below). That
#: costs the browser 1–6 ms per page (measured in Chromium: 0.2–0.4 ms a time, 3–18 times).
#:
#: And it lets a keyboard reach a table that is wider than the page (WCAG 2.1.1,
#: axe 'scrollable-region-focusable'): such a table's scroll box gets tabindex=0 and a
#: name, so the arrow keys scroll it. A table that fits gets no extra tab stop. Checked
#: whenever the box or its table changes size (a ResizeObserver, which runs after layout
#: and so forces none), also after zooming in or narrowing the window; a table that fits
#: again loses its tab stop.
STREAMLIT_NAMES = {
    "Skip to main content": "Naar de inhoud",
    "Sidebar": "Zijbalk",
    "App pages": "Pagina's",
    "Collapse sidebar": "Zijbalk inklappen",
    "Expand sidebar": "Zijbalk uitklappen",
    "Main menu": "Hoofdmenu",
    "Link to heading": "Link naar deze kop",
    "Open": "Keuzelijst openen",
    "Close": "Sluiten",
    "Clear all": "Alles wissen",
    "Print": "Afdrukken",  # the items of the main menu
    "Record screen": "Scherm opnemen",
    "Copy version to clipboard": "Versie kopiëren",
    "Selected values": "Gekozen waarden",
}
#: Names that start with the label they belong to: "Help for Regio" (the help button of a
#: widget or key figure), "Remove Contractperiode" (a choice in a multiselect).
STREAMLIT_PREFIXES = {"Help for ": "Uitleg bij ", "Remove ": "Verwijder "}

_LANG_SCRIPT = f"""<script>
document.documentElement.lang = 'nl';
if (!window.jeugdhulpObserver) {{
  const names = {json.dumps(STREAMLIT_NAMES)};
  const prefixes = Object.entries({json.dumps(STREAMLIT_PREFIXES)});
  const dutch = () => {{
    const texts = '[data-testid=stSkipToContent], [data-testid=stMainMenuItemLabel]';
    for (const el of document.querySelectorAll(texts)) {{
      if (el.childElementCount === 0 && Object.hasOwn(names, el.textContent)) {{
        el.textContent = names[el.textContent];
      }}
    }}
    for (const el of document.querySelectorAll('[aria-label], [title]')) {{
      for (const attribute of ['aria-label', 'title']) {{
        const name = el.getAttribute(attribute);
        if (name === null) continue;
        if (Object.hasOwn(names, name)) {{
          el.setAttribute(attribute, names[name]);
          continue;
        }}
        const found = prefixes.find(([english]) => name.startsWith(english));
        if (found) el.setAttribute(attribute, found[1] + name.slice(found[0].length));
      }}
    }}
  }};
  const fit = (box) => {{
    if (box.scrollWidth > box.clientWidth + 1) {{
      box.tabIndex = 0;
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', 'Tabel, breder dan het scherm: scroll met de pijltjes');
    }} else if (box.hasAttribute('tabindex')) {{
      for (const name of ['tabindex', 'role', 'aria-label']) box.removeAttribute(name);
    }}
  }};
  const sizes = new ResizeObserver((entries) => {{
    for (const entry of entries) {{
      if (!entry.target.isConnected) sizes.unobserve(entry.target);  // a table a rerun replaced
      else fit(entry.target.closest('.{tables.TABLE_CLASS}'));
    }}
  }});
  window.jeugdhulpObserver = new MutationObserver(() => {{
    dutch();
    for (const box of document.querySelectorAll('.{tables.TABLE_CLASS}:not([data-gemeten])')) {{
      box.dataset.gemeten = '';
      sizes.observe(box);
      if (box.firstElementChild) sizes.observe(box.firstElementChild);
    }}
  }});
  // Also when Streamlit gives a control that is already drawn a new name.
  window.jeugdhulpObserver.observe(document.body, {{
    childList: true, subtree: true, attributeFilter: ['aria-label', 'title'],
  }});
  dutch();
}}
</script>"""

#: The app's own CSS, on every page. First the look of :func:`components.common.tables.html_table`:
#: Streamlit's own table (font, lines, padding), with numbers aligned right so a column
#: can be compared at a glance. Header text in the theme's text colour (contrast 17:1);
#: the lines are decoration only. A table wider than its box (it scrolls, and the script
#: above gave it a tab stop) would squeeze every column to its longest word, so a long
#: text ran to dozens of lines: there a long text column keeps about 50 characters a line.
#:
#: Then text Streamlit cuts to one line with an ellipsis: the label of a key figure (it hid
#: "(voorlopig)" at 1280 px), a page link and a badge. On a narrower or zoomed screen
#: that hid words on every page with key figures (WCAG 1.4.10); they wrap instead.
#:
#: Then the tablet and the phone (issue #24), without touching the desktop layout:
#:
#: - A table that scrolls sideways keeps its first column (what the row is about) in view.
#: - Tabs wrap onto a second row instead of hiding past the edge of a narrow screen.
#: - A row of choices wraps before a choice is narrower than its label and value (at
#:   768 px the contract filters showed "Jeu" and "24").
#: - Touch targets: on a screen up to 1024 px wide, or any touch screen, every button,
#:   choice, page link, menu entry and fold-out is at least 44 px high (WCAG 2.5.5); the
#:   small icons beside a label (help, link to a heading) get at least 24 x 24 px (2.5.8).
#: - Key figures stand two in a row on a phone, not one under the other (a page's
#:   figures took three screens), in a smaller size; a label or value too long for half
#:   the width wraps instead of being cut.
#: - What a tablet held upright or a phone shows and a wider screen does not: a block in a
#:   container keyed ``alleen-smal-…`` shows only up to 768 px (where Streamlit lays the
#:   sidebar over the page), ``niet-smal-…`` only above it: a chart that cannot be read
#:   that narrow (the contract timeline, the KPI panels) becomes a list there
#:   (components.web.blocks).
#: Streamlit lays the sidebar over the page up to 768 px; it stacks columns up to 640 px.
SMALL_PX = 768
PHONE_PX = 640
TOUCH = "(max-width: 1024px), (pointer: coarse)"
#: A chart with controls beside it stays in view while they scroll (sticky, under
#: Streamlit's header) where the screen is high enough; on a phone the controls are under
#: it and the browser scrolls a focused control out from under the chart (scroll padding:
#: the header, the chart's height and a control's label; elsewhere the header and the label).
HEADER_REM = 3.75
STICKY_CHART_PX = 440  # the height of the cost curve (components.costs.charts)
STICKY_MIN_HEIGHT = 700
PAGE_CSS = f"""<style>
.{tables.TABLE_CLASS} {{ overflow-x: auto; margin-bottom: 0.5rem; }}
.{tables.TABLE_CLASS} table {{ border-collapse: collapse; width: 100%; font-size: 0.875rem;
  line-height: 1.5; color: inherit; }}
.{tables.TABLE_CLASS} th, .{tables.TABLE_CLASS} td {{ padding: 0.25rem 0.375rem;
  border: 1px solid rgba(138, 148, 166, 0.45); text-align: left; vertical-align: top;
  font-weight: 400; }}
.{tables.TABLE_CLASS} thead th {{ font-weight: 600; vertical-align: bottom; }}
.{tables.TABLE_CLASS} .getal {{ text-align: right; font-variant-numeric: tabular-nums; }}
.{tables.TABLE_CLASS}[tabindex] .lang {{ min-width: 20rem; }}
[data-testid=stMetricLabel] [data-testid=stMarkdownContainer],
[data-testid=stMetricLabel] p, [data-testid=stPageLink-NavLink] > span,
[data-testid=stMain] [data-testid=stMarkdownContainer] span.stMarkdownBadge {{
  white-space: normal; overflow: visible; }}
.{tables.TABLE_CLASS} tr > :first-child {{ position: sticky; left: 0; z-index: 1;
  background: #ffffff; box-shadow: inset -1px 0 0 rgba(138, 148, 166, 0.9); }}
[class*="st-key-keuzes-"] [data-testid=stColumn] {{ min-width: min(11rem, 100%); }}
@media (max-width: {SMALL_PX}px) {{
  .{tables.TABLE_CLASS} tr > :first-child {{ min-width: 7rem; max-width: 45vw; }} }}
[data-testid=stMain] [role=tablist] {{ flex-wrap: wrap; }}
@media (min-height: {STICKY_MIN_HEIGHT}px) {{
  [class*="st-key-met-bediening-"] [data-testid=stColumn]:first-child {{
    position: sticky; top: {HEADER_REM}rem; align-self: flex-start; z-index: 2;
    background: #ffffff; }}
}}
[data-testid=stMain]:has([class*="st-key-met-bediening-"]) {{
  scroll-padding: calc({HEADER_REM}rem + 5rem) 0 4rem 0; }}
@media (max-width: {PHONE_PX}px) and (min-height: {STICKY_MIN_HEIGHT}px) {{
  [data-testid=stMain]:has([class*="st-key-met-bediening-"]) {{
    scroll-padding-top: calc({HEADER_REM}rem + {STICKY_CHART_PX}px + 5rem); }}
}}
@media (max-width: {SMALL_PX}px) {{
  [class*="st-key-niet-smal-"] {{ display: none !important; }} }}
@media (min-width: {SMALL_PX + 0.02}px) {{
  [class*="st-key-alleen-smal-"] {{ display: none !important; }} }}
@media (max-width: {PHONE_PX}px) {{
  [data-testid=stHorizontalBlock]:has(> [data-testid=stColumn] [data-testid=stMetric])
    > [data-testid=stColumn] {{ min-width: calc(50% - 0.5rem) !important; }}
  [data-testid=stMetricLabel] p {{ overflow-wrap: anywhere; }}
  [data-testid=stMetricValue] {{ font-size: 1.6rem; }}
  [data-testid=stMetricValue] * {{ white-space: normal; overflow: visible; }} }}
@media {TOUCH} {{
  [data-testid^=stBaseButton], [data-testid=stPageLink-NavLink], [data-testid=stSidebarNavLink],
  [data-testid=stExpander] summary, [data-testid=stTab],
  :is([data-testid=stSelectbox], [data-testid=stMultiSelect]) [role=group],
  [data-testid=stHeader] button, [data-testid=stSidebarHeader] button,
  [data-testid=stExpandSidebarButton] {{ min-height: 44px; }}
  [data-testid=stHeader] button, [data-testid=stSidebarHeader] button,
  [data-testid=stExpandSidebarButton] {{ min-width: 44px; }}
  [data-testid=stTooltipIcon] button, [data-testid=stHeaderActionElements] a {{
    min-width: 24px; min-height: 24px; display: inline-flex; align-items: center;
    justify-content: center; }}
}}
</style>"""


def set_document_language() -> None:
    """Declare Dutch as the page language to assistive technology (and send the app's CSS).

    The style goes in its own call: Streamlit gives a style-only block no room on the page.
    """
    st.html(_LANG_SCRIPT, unsafe_allow_javascript=True)
    st.html(PAGE_CSS)
