"""Overzicht: the region's key figures, what the dashboard answers, and the audience questions."""

import streamlit as st

from components.common import figures
from components.web import blocks as ui
from components.web import state

QUESTIONS = [
    ("pages/aanbieders.py", "Wie levert de zorg?", "Aanbieders per perceel en grootte."),
    (
        "pages/contracten.py",
        "Welke contracten lopen wanneer?",
        "Looptijden, opties, beslismomenten.",
    ),
    ("pages/transformatie.py", "Wat moet de inkoop veranderen?", "Doelen, verschuivingen, KPI's."),
    ("pages/kosten.py", "Wat kost het, en wanneer daalt het?", "Kostencurve en scenario's."),
]

data = ui.load_or_stop(state.region(), "regio", "kerncijfers", "vragen", "bronnen")
regio = data["regio"].row(0, named=True)
ui.fictitious_warning(regio)
ui.page_header(
    f"Inkoop jeugdhulp: {regio['naam']}",
    figures.overview_takeaway(regio, data["kerncijfers"]),
    intro=f"Gemeenten: {regio['gemeenten']}." if regio["gemeenten"] else None,
)

st.header("Kerncijfers")
shown = figures.key_figures(data["kerncijfers"], figures.OVERVIEW_FIGURES)
if shown:
    ui.key_figures(
        shown, figures.rows_for(data["kerncijfers"], figures.OVERVIEW_FIGURES), data["bronnen"]
    )
else:
    ui.not_covered("De documenten van deze regio geven geen kerncijfers.")

st.header("Wat dit dashboard beantwoordt")
for index, (target, question, answer) in enumerate(QUESTIONS):
    if index % 2 == 0:
        columns = st.columns(2)
    with columns[index % 2].container(border=True):
        st.page_link(target, label=question, icon=":material/arrow_forward:")
        st.caption(answer)

cards = figures.questions(data["vragen"], data["kerncijfers"])
if cards:
    st.header("Vragen aan de zaal")
    st.markdown("Raad eerst zelf; klik daarna om het antwoord en de bron te zien.")
    for card in cards:
        ui.question_card(card, data["bronnen"], key_prefix="overzicht")
