"""Entry point: page set-up, the navigation, and the sidebar controls shared by all pages.

Routes only: no data logic. ``st.navigation`` is the single source of pages (see
``state.ensure_app_shell`` for the one case where Streamlit's legacy ``pages/`` discovery
would otherwise run a page on its own).
"""

import streamlit as st

from components.web import blocks as ui
from components.web import loaders, state

st.set_page_config(
    page_title="Inkoop jeugdhulp in de regio",
    page_icon=":material/diversity_3:",
    layout="wide",
    initial_sidebar_state="expanded",
)
ui.set_document_language()

# One flat list: Streamlit's section headers put non-list items inside the navigation's
# <ul>, which fails WCAG (axe rules list/listitem).
PAGES = [
    st.Page("pages/overzicht.py", title="Overzicht", icon=":material/home:", default=True),
    st.Page("pages/aanbieders.py", title="Aanbieders", icon=":material/groups:"),
    st.Page("pages/contracten.py", title="Contracten", icon=":material/event_note:"),
    st.Page("pages/transformatie.py", title="Transformatie", icon=":material/trending_down:"),
    st.Page("pages/kosten.py", title="Kosten", icon=":material/euro:"),
    st.Page("pages/begrippen.py", title="Begrippen", icon=":material/menu_book:"),
    st.Page("pages/over.py", title="Over deze cijfers", icon=":material/info:", url_path="over"),
]
page = st.navigation(PAGES)

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
ui.presentation_button()
ui.export_buttons(state.region())
st.sidebar.caption(
    "Cijfers uit openbare documenten van de regio's. Elke grafiek noemt zijn bron, "
    "peildatum en status."
)
# Notices (an unknown value in the link) go above the page. The region's notice is shown
# now, because a page may stop early (st.stop); the notices of the page's own filters are
# collected while it runs, so the area is filled again after the page has run.
notices = st.container()
with notices:
    ui.show_notices()
if ui.presenting():
    ui.present(page.url_path, state.region())
else:
    page.run()
with notices:
    ui.show_notices()
