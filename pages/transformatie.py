"""Transformatie: what the procurement is meant to change, and whether it is changing.

The headline and key figures stay on top; the seven parts below them are tabs, and only
the open tab is built and drawn (the whole page was 13,000 px at 1280×720). The open tab
is in the link, so a colleague lands on the same part.
"""

import streamlit as st

from components.common import provenance
from components.data import extracts
from components.transformation import charts
from components.transformation import model as tf
from components.web import blocks as ui
from components.web import loaders, state


def cards(texts: list[str], per_row: int) -> None:
    """Markdown cards in rows of ``per_row`` columns."""
    for index, text in enumerate(texts):
        if index % per_row == 0:
            columns = st.columns(per_row)
        columns[index % per_row].container(border=True).markdown(text)


regio = state.region()
data = ui.load_or_stop(
    regio, "regio", "doelen", "kpis", "fasen", "escalatie", "verschillen", *tf.COMPARED_EXTRACTS
)
region_row, bronnen = data["regio"].row(0, named=True), data["bronnen"]
documents = f"De documenten van {region_row['naam']}"
ui.fictitious_warning(region_row)
progress = tf.kpi_progress(data["kpis"])
doelen = data["doelen"]
ui.page_header("Transformatie", tf.page_takeaway(doelen, progress))
if shown := tf.key_figures(doelen, progress):
    ui.key_figures(shown, provenance.stack(doelen, tf.kpi_note_rows(data["kpis"])), bronnen)


def goals_part() -> None:
    st.header("Doelen en verschuivingen")
    if doelen.is_empty():
        ui.not_covered(f"{documents} noemen geen doelen van de inkoop.")
    if (own_goals := tf.goals(doelen, tf.GOAL)).height:
        st.subheader("Doelen van de inkoop")
        st.markdown(tf.goal_list_markdown(own_goals, progress))
    if (shifts := tf.goals(doelen, tf.SHIFT)).height:
        st.subheader("De verschuivingen en hun KPI's")
        st.markdown(tf.INTROS["verschuivingen"])
        cards([tf.goal_markdown(shift, progress) for shift in shifts.iter_rows(named=True)], 3)
    if (frames := tf.goals(doelen, tf.FRAME)).height:
        st.subheader("Kaders en uitgangspunten")
        st.markdown(tf.goal_list_markdown(frames, progress))
    if doelen.height:
        ui.source_note(doelen, bronnen)
        ui.data_table(tf.goals_table(doelen, progress), key_prefix="tf_doelen", filename="doelen")


def kpi_part() -> None:
    st.header("Voortgang per KPI")
    if progress.is_empty():
        ui.not_covered(f"{documents} geven geen KPI's met begin-, streef- of meetwaarden.")
        return
    ui.chart_block(
        title="Van beginwaarde naar meting en streefwaarde",
        takeaway=tf.progress_takeaway(progress),
        figure=charts.kpi_paths(progress),
        table=tf.progress_table(progress),
        rows=tf.kpi_note_rows(data["kpis"]),
        bronnen=bronnen,
        key_prefix="tf_kpi",
        filename="kpi-voortgang",
    )
    for row in progress.iter_rows(named=True):
        st.markdown(tf.kpi_markdown(row))
        if row["notitie"]:
            st.caption(row["notitie"])
    if missing := tf.unmeasured(progress):
        st.markdown("**Nog geen meting voor:** " + "; ".join(missing) + ".")


def quadrant_part() -> None:
    st.header("Budget en cliënten per kwadrant")
    if data["kwadranten"].is_empty():
        ui.not_covered(f"{documents} delen het budget niet op in kwadranten.")
        return
    shares = tf.quadrant_shares(data["kwadranten"])
    st.markdown(tf.INTROS["kwadranten"])
    ui.chart_block(
        title="Aandeel in het budget tegenover aandeel in de cliënten",
        takeaway=tf.quadrant_takeaway(shares),
        figure=charts.quadrant_bars(shares),
        table=tf.quadrant_table(shares),
        rows=data["kwadranten"],
        bronnen=bronnen,
        key_prefix="tf_kwadrant",
        filename="kwadranten",
    )
    cards([tf.quadrant_markdown(row) for row in shares.iter_rows(named=True)], 2)


def phase_part() -> None:
    st.header("Fasen en verwachte impact")
    if data["fasen"].is_empty():
        ui.not_covered(f"{documents} geven geen fasen of mijlpalen.")
        return
    ordered = tf.phases(data["fasen"])
    ui.chart_block(
        title="Fasen van het contract en mijlpalen",
        takeaway=tf.phases_takeaway(ordered),
        figure=charts.phase_timeline(ordered),
        table=tf.phases_table(ordered),
        rows=data["fasen"],
        bronnen=bronnen,
        key_prefix="tf_fasen",
        filename="fasen",
    )
    described = ordered.filter(ordered["opgave"].is_not_null() | ordered["impact"].is_not_null())
    cards([tf.phase_markdown(row) for row in described.iter_rows(named=True)], 2)


def escalation_part() -> None:
    st.header("Als een aanbieder niet transformeert")
    steps, outcomes = tf.escalation(data["escalatie"])
    if steps.is_empty():
        ui.not_covered(f"{documents} beschrijven geen escalatiemodel.")
        return
    st.markdown(tf.INTROS["escalatie"])
    ui.chart_block(
        title="Het escalatiemodel stap voor stap",
        takeaway=tf.escalation_takeaway(steps, outcomes),
        figure=charts.escalation_flow(steps, outcomes),
        table=tf.escalation_table(steps, outcomes),
        rows=data["escalatie"],
        bronnen=bronnen,
        key_prefix="tf_escalatie",
        filename="escalatiemodel",
    )
    st.markdown(tf.escalation_markdown(steps, outcomes))


def _unit_kind(other: str) -> str | None:
    try:
        return tf.unit_kind(loaders.load(other, "segmenten"), loaders.load(other, "kwadranten"))
    except extracts.ExtractError:
        return None


def segment_part() -> None:
    st.header("Segmenten, en vergelijken met een andere regio")
    if (own_segments := tf.segments(data["segmenten"])).height:
        st.markdown(f"{region_row['naam']} {tf.INTROS['segmenten']}")
        for row in own_segments.iter_rows(named=True):
            with st.expander(row["segment"]):
                st.markdown(tf.segment_markdown(row))
        ui.source_note(data["segmenten"], bronnen)
    else:
        ui.not_covered(f"{documents} beschrijven geen segmenten met hun bekostiging.")
    names = {other: name for other, name, _ in loaders.regions()}
    if not (others := {other: _unit_kind(other) for other in names if other != regio}):
        return
    chosen = state.select(
        "Vergelijk met regio",
        tf.comparison_order(tf.unit_kind(data["segmenten"], data["kwadranten"]), others),
        key="vergelijk",
        labels=names,
        what="regio om mee te vergelijken",
        help="Zet de keuzes van deze regio naast die van een andere regio.",
    )
    try:
        theirs = {name: loaders.load(chosen, name) for name in tf.COMPARED_EXTRACTS}
    except extracts.ExtractError as error:
        ui.extract_error(error)
        return
    comparison = tf.compare([(region_row["naam"], data), (names[chosen], theirs)])
    st.markdown(comparison.takeaway)
    ui.data_table(
        comparison.units, key_prefix="tf_vergelijk", filename=f"vergelijking-{regio}-{chosen}",
        label="Eenheden, bekostiging, inkoopvorm en contractduur naast elkaar", expanded=True,
    )  # fmt: skip
    ui.source_note(comparison.rows, comparison.bronnen)


def differences_part() -> None:
    st.header("Wat de bronnen niet zeggen of tegenspreken")
    if (known := tf.differences(data["verschillen"])).is_empty():
        ui.not_covered(tf.no_differences_text(region_row["naam"]))
        return
    for row in known.iter_rows(named=True):
        st.markdown(f"**{row['titel']}**: {row['omschrijving']}")
    ui.source_note(known, bronnen)


#: One tab per part: the id written in the link, the tab's name, and what it shows.
PARTS = {
    "doelen": ("Doelen", goals_part),
    "kpis": ("KPI's", kpi_part),
    "kwadranten": ("Kwadranten", quadrant_part),
    "fasen": ("Fasen", phase_part),
    "escalatie": ("Escalatie", escalation_part),
    "segmenten": ("Segmenten en regio's", segment_part),
    "verschillen": ("Bronnen vergeleken", differences_part),
}
chosen_part, tab = state.tabs(
    list(PARTS), key="onderdeel", labels={part: label for part, (label, _) in PARTS.items()}
)
with tab:
    PARTS[chosen_part][1]()
