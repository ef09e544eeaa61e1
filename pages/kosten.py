"""Kosten: what youth care will cost, what bends the curve, and when costs stop rising.

The curve is a reconstruction from visible assumptions (components.costs.model). Visitors
change them in the sidebar ("Wat als?"); the link keeps the scenario so it can be shared.
"""

import streamlit as st

from components.common import provenance
from components.costs import charts as charts_kosten
from components.costs import model as costmodel
from components.costs import scenario
from components.web import blocks as ui
from components.web import state

data = ui.load_or_stop(
    state.region(), "kostenaannames", "kosteneffecten", "kosten", "kerncijfers", "verschillen",
    "bronnen",
)  # fmt: skip
source, bronnen, kosten = data["kostenaannames"], data["bronnen"], data["kosten"]
series = scenario.budget_series(kosten)
region_total = scenario.one_series(kosten)  # the cost curve always compares with the total
has_model = not source.is_empty()

if has_model:
    defaults = costmodel.parameters_from_frame(source, "midden")
    variants = {v: costmodel.assumptions_from_frame(source, v) for v in costmodel.VARIANTS}
    controls = scenario.controls(defaults, data["kosteneffecten"])
    notices = scenario.seed_from_url(st.session_state, st.query_params, controls, defaults)
    with st.sidebar:
        st.header("Wat als?")
        st.caption("Verschuif een aanname: de curve en de conclusie rekenen direct mee.")
        st.button(
            "Terug naar de strategie",
            on_click=scenario.reset,
            args=(st.session_state, controls, defaults),
            icon=":material/restart_alt:",
            key="kosten_reset",
        )
        values = {
            c.key: st.select_slider(
                c.label, c.options, format_func=c.display, key=c.key, help=c.help
            )
            for c in controls
        }
    scenario.write_to_url(st.query_params, values, controls, defaults)
    chosen = scenario.assumptions(defaults, values, controls)
    result = costmodel.run(chosen)
    band = costmodel.band(chosen, variants["midden"], variants["laag"], variants["hoog"])
    numbers = scenario.assumptions_numbers(source, scenario.parameters(defaults, values, controls))

    ui.page_header("Kosten", scenario.page_takeaway(defaults))
    for notice in notices:
        st.info(notice, icon=":material/info:")
    st.warning(scenario.RECONSTRUCTION_NOTE, icon=":material/draw:")
    if not scenario.is_default(values, controls, defaults):
        st.info("U bekijkt een eigen scenario; de link bewaart het.", icon=":material/tune:")
    ui.chart_block(
        title="Kosten met en zonder maatregelen",
        takeaway=f"**{costmodel.conclusion(result)}**",
        figure=charts_kosten.cost_curve(
            result.totals,
            band=band,
            turning_point=result.turning_point,
            realised=region_total,
        ),
        table=scenario.curve_table(result, band),
        # The assumptions, and the published budgets drawn as markers on the curve.
        rows=provenance.stack(source, region_total),
        bronnen=bronnen,
        key_prefix="kosten_curve",
        filename="kostencurve",
        extra_sheets={"aannames": numbers},
    )
    st.caption(scenario.BAND_NOTE)
    reference = scenario.reference_year(variants["midden"])
    # Model outcomes: their sources are the assumptions below, so no note of their own.
    ui.key_figures(scenario.scenario_figures(result, reference), source.head(0), bronnen)

    years = [str(year) for year in reversed(chosen.years) if year > chosen.base_year]
    year = int(state.select("Jaar van de bijdragen", years, key="bijdrage_jaar", what="jaar"))
    ui.chart_block(
        title=f"Wat elk effect bijdraagt in {year}",
        takeaway=scenario.contributions_takeaway(result, year),
        figure=charts_kosten.contributions_waterfall(
            result.totals, result.contributions, year=year
        ),
        table=scenario.contributions_table(result, year),
        rows=source,
        bronnen=bronnen,
        key_prefix="kosten_bijdragen",
        filename=f"bijdragen-effecten-{year}",
        extra_sheets={"aannames": numbers},
    )
else:
    ui.page_header("Kosten", "Wat de documenten van deze regio over de kosten zeggen.")
    ui.not_covered(scenario.NO_MODEL)

st.header("Wat de documenten zeggen")
documents, document_rows = scenario.document_figures(
    source, data["kerncijfers"], scenario.DOCUMENT_FIGURES
)
if documents:
    ui.key_figures(documents, document_rows, bronnen)
if not kosten.is_empty():
    if len(series) > 1:
        chosen_series = state.select(
            "Reeks: de regio of één gemeente",
            list(series),
            key="reeks",
            labels=series,
            what="reeks",
            container=st.columns([2, 3])[0],
        )
        kosten = scenario.one_series(kosten, series[chosen_series])
    ui.chart_block(
        title=scenario.budget_title(kosten),
        takeaway=scenario.budget_takeaway(kosten),
        figure=charts_kosten.budget_bars(kosten),
        table=scenario.budget_table(kosten),
        rows=kosten,
        bronnen=bronnen,
        key_prefix="kosten_begroting",
        filename="begroting-en-realisatie",
    )
elif not documents:
    ui.not_covered(scenario.NO_BUDGET)

if has_model:
    st.header("De aannames")
    st.markdown(scenario.METHOD_NOTE)
    ui.data_table(
        scenario.assumptions_table(numbers),
        key_prefix="kosten_aannames",
        filename="kostenaannames",
        extra_sheets={"per parameter": numbers},
        label="Alle aannames met waarde, bron en status",
        expanded=True,
    )
    ui.source_note(source, bronnen)

gaps = data["verschillen"].filter(onderwerp="kosten")
if not gaps.is_empty():
    st.header("Wat de bronnen over de kosten niet zeggen")
    for row in gaps.iter_rows(named=True):
        st.markdown(f"**{row['titel']}.** {row['omschrijving']}")
    ui.source_note(gaps, bronnen)
