"""Entry point: page set-up, the navigation, and the sidebar controls shared by all pages.

Routes only: no data logic. ``st.navigation`` is the single source of pages (see
``state.ensure_app_shell`` for the one case where Streamlit's legacy ``pages/`` discovery
would otherwise run a page on its own).
"""

import streamlit as st

from components import site
from components.web import blocks, browser, loaders, presentation, state

st.set_page_config(
    page_title="Inkoop jeugdhulp in de regio",
    page_icon=str(browser.FAVICON),
    layout="wide",
    initial_sidebar_state="auto",
)
browser.set_document_language()
loaders.begin_run()

# One flat list: Streamlit's section headers put non-list items inside the navigation's
# <ul>, which fails WCAG (axe rules list/listitem).
page = st.navigation(
    [
        st.Page(p.script, title=p.title, icon=p.icon, url_path=p.path or None, default=not p.path)
        for p in site.PAGES
    ]
)

regions = loaders.regions()
if regions:
    state.select(
        "Regio",
        [regio for regio, _, _ in regions],
        key=state.REGION_KEY,
        labels={regio: name for regio, name, _ in regions},
        what="regio",
        help="De regio waarvan u de inkoop van jeugdhulp bekijkt. De keuze staat in de link.",
        container=st.sidebar,
        persist=True,
    )
presentation.presentation_button()
presentation.export_buttons(state.region())
st.sidebar.caption(
    "Cijfers uit openbare documenten van de regio's. Elke grafiek noemt zijn bron, "
    "peildatum en status."
)
# Notices (an unknown value in the link) go above the page. The region's notice is shown
# now, because a page may stop early (st.stop); the notices of the page's own filters are
# collected while it runs, so the area is filled again after the page has run.
notices = st.container()
with notices:
    blocks.show_notices()
if presentation.presenting():
    presentation.present(page.url_path, state.region())
else:
    page.run()
with notices:
    blocks.show_notices()
