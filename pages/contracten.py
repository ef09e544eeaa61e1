"""Contracten: which agreements run when, and when must the council decide again?"""

import datetime as dt

import polars as pl
import streamlit as st

from components.common import provenance
from components.contracts import charts as charts_contracts
from components.contracts import model as contracts
from components.web import blocks as ui
from components.web import state

data = ui.load_or_stop(state.region(), *contracts.EXTRACTS)
real_today = dt.date.today()
regio = data["regio"].row(0, named=True)
ui.fictitious_warning(regio)
if data["overeenkomsten"].is_empty() or data["perioden"].is_empty():
    ui.page_header("Contracten", contracts.not_covered_takeaway(regio["naam"]))
    ui.not_covered(contracts.NOT_COVERED)
    if data["fasen"].height:
        ui.chart_block(
            title="Wat wel bekend is: fasen en mijlpalen",
            takeaway=contracts.cycle_text(data["fasen"], real_today),
            figure=charts_contracts.timeline(
                contracts.periods(data["overeenkomsten"], data["perioden"]),
                fasen=data["fasen"],
                today=real_today,
                span=contracts.year_span(data["fasen"]),
            ),
            table=contracts.phase_table(data["fasen"]),
            rows=data["fasen"],
            bronnen=data["bronnen"],
            key_prefix="contracten_fasen",
            filename="fasen",
        )
    durations = contracts.known_durations(data["segmenten"])
    if durations.height:
        st.subheader("Wat wel bekend is: contractduur per segment")
        ui.data_table(
            contracts.durations_table(durations),
            key_prefix="contracten_duur",
            filename="contractduur",
            expanded=True,
            label="Contractduur per segment",
        )
        ui.source_note(durations, data["bronnen"])
    st.stop()

# The header needs the chosen date, so it is filled after the filters below it are read.
header = st.container()
calendar_day = contracts.calendar_date(data["perioden"])
wet, soort, vanaf, venster = st.columns([1, 1.9, 1.15, 0.95])
domain = state.select(
    "Wet",
    contracts.domain_options(data["overeenkomsten"]),
    key="wet",
    labels=contracts.DOMAIN_CHOICES,
    what="wet",
    container=wet,
    help="Jeugdhulp valt onder de Jeugdwet, maatschappelijke ondersteuning onder de Wmo.",
)
with soort:
    kinds = state.multiselect(
        "Soort periode",
        contracts.kinds_present(data["perioden"]),
        key="periodes",
        labels=contracts.KIND_LABELS,
        help="Niets gekozen = alle soorten.",
    )
reference = state.select(
    "Rekenen vanaf",
    list(contracts.REFERENCE_LABELS),
    key="vanaf",
    what="datum",
    labels=contracts.REFERENCE_LABELS,
    container=vanaf,
    help="De echte datum van vandaag, of de peildatum van de kalender (wat kwam er toen aan).",
)
window = int(
    state.select(
        "Vooruitkijken",
        list(contracts.WINDOW_LABELS),
        key="venster",
        labels=contracts.WINDOW_LABELS,
        what="periode",
        container=venster,
        help="Hoe ver de lijst met beslismomenten vooruitkijkt.",
    )
)
today = contracts.reference_day(reference, real_today, calendar_day)
ui.show_notices()  # a filter value from the link that does not exist: say so now, not next run

domains = contracts.chosen_domains(domain)
view = contracts.periods(data["overeenkomsten"], data["perioden"], domains=domains, kinds=kinds)
in_view = contracts.in_view(data["overeenkomsten"], view)
# Decisions follow the domain filter only: hiding a kind of period must not hide a decision.
decided = contracts.decisions(
    contracts.in_domains(data["overeenkomsten"], domains), data["perioden"]
)
moments = contracts.moments(decided)
with header:
    ui.page_header(
        "Contracten",
        contracts.takeaway(moments, today=today, calendar_day=calendar_day),
        intro=contracts.today_statement(today, calendar_day),
    )

ui.chart_block(
    title="Welke overeenkomst loopt wanneer",
    takeaway=contracts.timeline_takeaway(view, data["fasen"], today),
    figure=charts_contracts.timeline(
        view,
        fasen=data["fasen"],
        today=today,
        span=contracts.year_span(data["perioden"], data["fasen"]),
        today_label=contracts.LINE_LABELS[reference],
    )
    if view.height
    else None,
    table=contracts.period_table(view),
    rows=provenance.stack(view, in_view, data["fasen"]),
    bronnen=data["bronnen"],
    key_prefix="contracten_tijdlijn",
    filename="contractkalender",
    extra_sheets={
        "per overeenkomst": contracts.decision_table(decided),
        "fasen en mijlpalen": contracts.phase_table(data["fasen"]),
    },
)

st.subheader(f"Beslismomenten in de komende {window} maanden")
st.markdown(contracts.window_text(today, window, calendar_day))
ahead = contracts.upcoming(moments, today=today, months=window)
if ahead.height:
    st.markdown(contracts.bullets(ahead))
else:
    ui.not_covered(contracts.no_moments_text(today, window))
passed = contracts.passed_since(moments, since=calendar_day, today=today)
if passed.height:
    st.markdown(contracts.passed_text(calendar_day, today))
    st.markdown(contracts.bullets(passed))

st.subheader("Einddatum en beslismoment per overeenkomst")
st.markdown(contracts.DEFINITIONS)
ui.data_table(
    contracts.decision_table(decided),
    key_prefix="contracten_besluit",
    filename="beslismomenten",
    expanded=True,
    label="Per overeenkomst (tabel en download)",
)
ui.source_note(
    contracts.decision_rows(decided, data["overeenkomsten"], data["perioden"]), data["bronnen"]
)

differences = data["verschillen"].filter(pl.col("onderwerp") == "contracten")
st.subheader("Wat de aantallen tellen en wat de bronnen niet zeggen")
st.markdown(contracts.differences_text(differences))
if differences.height:
    ui.source_note(differences, data["bronnen"])
