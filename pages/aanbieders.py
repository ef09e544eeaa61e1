"""Aanbieders: who delivers the youth care, by lot, sub-lot and size class."""

import polars as pl
import streamlit as st

from components.providers import charts
from components.providers import model as p
from components.web import blocks as ui
from components.web import loaders, state

region_id = state.region()
data = ui.load_or_stop(
    region_id, "regio", "aanbieders_aantallen", "aanbiedersregister", "verschillen", "bronnen"
)
regio, register, bronnen = (
    data["regio"].row(0, named=True),
    data["aanbiedersregister"],
    data["bronnen"],
)
# Counting the register is the costly part on a national-scale register: cached per region.
figures = loaders.derive(p.all_figures, region_id, "aanbieders_aantallen", "aanbiedersregister")
ui.fictitious_warning(regio, p.FICTITIOUS)
top, notices = st.container(), st.container()
years = p.years(figures)
if not years:
    with top:
        ui.page_header("Aanbieders", p.plain(p.no_counts_takeaway(regio["naam"])))
    ui.not_covered(p.NOT_COVERED)
    st.stop()

# Filters an official shares: only those the region's data supports, all kept in the URL.
filters = st.columns(3)
year = years[0]
if len(years) > 1:
    options = [str(y) for y in years]
    year = int(
        state.select(
            "Jaar", options, key="peiljaar", what="keuze voor het jaar", container=filters[0]
        )
    )
rows, register_year = p.for_year(figures, year), p.for_year(register, year)
lot = p.ALL
if len(p.lots_with_sublots(rows)) > 1:
    lot = state.select(
        "Perceel",
        [p.ALL, *p.lots_with_sublots(rows)],
        key="perceel",
        labels={p.ALL: "Alle percelen", **p.LOT_LABELS},
        what="keuze voor het perceel",
        help="Toont alleen de deelpercelen en aanbieders van dit perceel.",
        container=filters[1],
    )
chosen: list[str] = []
if p.sublot_names(rows, lot):
    chosen = state.multiselect(
        "Deelperceel",
        p.sublot_names(rows, lot),
        key="deelperceel",
        placeholder="Alle deelpercelen",
        container=filters[2],
    )
with top:
    ui.page_header("Aanbieders", p.plain(p.takeaway(regio["naam"], year, rows)), intro=p.INTRO)


def block(section: p.Section, figure) -> None:
    """A section as a chart with its takeaway, source note, HTML table and downloads."""
    ui.chart_block(
        title=section.title,
        takeaway=p.plain(section.takeaway),
        figure=figure,
        table=section.table,
        rows=section.rows,
        bronnen=bronnen,
        key_prefix=f"aanb_{section.key}",
        filename=f"aanbieders-{regio['regio']}-{year}-{section.key}",
    )


st.header(f"Kerncijfers {year}")
ui.key_figures(p.key_figures(rows), p.key_figure_rows(rows), bronnen, per_row=3)
st.markdown(
    p.plain(" ".join([p.definitions(rows), p.counts_statement(rows), *p.other_values(rows)]))
)
caveats = data["verschillen"].filter(pl.col("onderwerp") == "aanbieders")
if caveats.height:
    with st.container(border=True):
        st.subheader("Wat de getallen tellen, en wat niet klopt")
        for item in caveats.iter_rows(named=True):
            st.markdown(f"**{p.plain(item['titel'])}.** {p.plain(item['omschrijving'])}")
        ui.source_note(caveats, bronnen)

st.header("Aanbieders per deelperceel")
for section in p.sublot_sections(rows, lot, chosen):
    block(
        section, charts.count_bars(section.table, category="Deelperceel", value="Aantal aanbieders")
    )
if not p.lots_with_sublots(rows):
    ui.not_covered(f"De gegevens geven voor {year} geen aantallen per deelperceel.")

st.header("Groot en klein")
if section := p.size_section(rows):
    block(
        section,
        charts.share_bars(
            section.table, category="Grootteklasse", value="Aantal", share="Aandeel (%)"
        ),
    )
else:
    ui.not_covered(f"De gegevens geven voor {year} geen verdeling naar grootteklasse.")

st.header("Door de jaren heen")
if section := p.year_section(figures):
    block(section, charts.count_bars(section.table, category="Jaar", value="Aantal"))
else:
    ui.not_covered("De gegevens hebben maar één jaar: een verandering in de tijd is niet te zien.")
if section := p.domain_section(figures):
    block(section, charts.count_bars(section.table, category="Domein", value="Aantal"))
else:
    ui.not_covered("De gegevens geven geen aantal Wmo-aanbieders om naast jeugdhulp te zetten.")


def names_table(table: pl.DataFrame, key: str, label: str) -> None:
    """A table with provider names (shown literally; downloaded exactly as given)."""
    ui.data_table(
        table,
        key_prefix=f"aanb_{key}",
        filename=f"aanbieders-{regio['regio']}-{year}-{key}",
        label=label,
        expanded=True,
        page_size=p.PAGE_SIZE,
    )


st.header("Aanbieders één voor één")
if register_year.is_empty():
    ui.not_covered(p.NO_REGISTER)
else:
    ui.fictitious_warning(regio, p.FICTITIOUS_PROVIDERS)
    section = p.matrix_section(register_year)
    block(section, charts.matrix_heatmap(section.table))
    section = p.concentration_section(register_year, lot=lot, chosen=chosen)
    block(section, charts.concentration_bars(section.table))
    if section := p.changes_section(register, year):
        st.subheader(section.title)
        st.markdown(p.plain(section.takeaway))
        ui.source_note(section.rows, bronnen)
        names_table(section.table, section.key, "Welke aanbieders: tabel en downloaden")
    st.subheader("Zoek een aanbieder")
    size_column, search_column = st.columns([1, 2])
    size = state.select(
        "Grootteklasse",
        [p.ALL, *p.SIZE_CLASSES],
        key="grootte",
        labels={p.ALL: "Alle grootteklassen", **p.SIZE_LABELS},
        what="keuze voor de grootteklasse",
        container=size_column,
    )
    search = search_column.text_input("Naam bevat", key="naam", bind="query-params")
    found = p.filter_providers(
        register_year, lot=lot, chosen=chosen, size=size, search=search or ""
    )
    st.markdown(p.plain(p.list_takeaway(found.height, register_year)))
    names_table(p.provider_table(found), "lijst", "De aanbieders: tabel en downloaden")
    ui.source_note(register_year, bronnen)
with notices:
    ui.show_notices()
