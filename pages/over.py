"""Over deze cijfers: every extract with its sources, reference dates and status, the known
inconsistencies, what the preparation warned about, and the accessibility statement."""

import streamlit as st

from components.about import model as about
from components.common import fmt
from components.common.fmt import md
from components.data import columns, extracts
from components.web import blocks, loaders, state

regio = state.region()
data = blocks.load_or_stop(regio, "regio", "bronnen", "verschillen")
blocks.page_header(
    "Over deze cijfers",
    "Elk cijfer in dit dashboard komt uit een openbaar document; hier staat welk, "
    "van wanneer, en waar de documenten elkaar tegenspreken.",
)

st.header("Bronnen")
st.markdown(
    fmt.join(
        (
            md("**{}** ({}", row["titel"], row["organisatie"])
            + (f", {fmt.date(row['datum'])}" if row["datum"] else "")
            + md("). Vindplaats: {}. {}", row["vindplaats_document"], row["toelichting"] or "")
            for row in data["bronnen"].sort("bron").iter_rows(named=True)
        ),
        "\n\n",
    )
)
bronnen = data["bronnen"].select(
    Bron="bron",
    Titel="titel",
    Organisatie="organisatie",
    Datum="datum",
    Vindplaats="vindplaats_document",
)
blocks.data_table(bronnen, key_prefix="over_bronnen", filename=f"bronnen-{regio}")

st.header("Cijfers die niet optellen of ontbreken")
if data["verschillen"].is_empty():
    blocks.notice("Voor deze regio zijn geen verschillen tussen bronnen vastgelegd.")
else:
    # One block (each Streamlit element costs the browser a component; docs/prestaties.md).
    st.container(border=True).markdown(
        fmt.join(
            (
                md("**{}** ({})  \n{}", row["titel"], row["onderwerp"], row["omschrijving"])
                for row in data["verschillen"]
                .sort("onderwerp", "verschil_id")
                .iter_rows(named=True)
            ),
            "\n\n",
        )
    )
blocks.source_note(data["verschillen"], data["bronnen"])

st.header("Gegevensbestanden")
frames = {}
for name in columns.REGION:
    try:
        frames[name] = loaders.load(regio, name)
    except extracts.ExtractError as error:
        blocks.extract_error(error)
blocks.data_table(
    about.extract_summary(frames),
    key_prefix="over_extracts",
    filename=f"gegevensbestanden-{regio}",
    expanded=True,
    label="Bestanden, rijen, peildata en status",
)
try:
    warnings = extracts.read_manifest(regio).get("waarschuwingen", [])
except extracts.ExtractError as error:
    blocks.extract_error(error)
    warnings = []
if warnings:
    st.subheader("Waarschuwingen van de voorbereiding")
    st.markdown(fmt.join((md("- {}", text) for text in warnings), "\n"))

st.header("Toegankelijkheid")
st.markdown(about.ACCESSIBILITY_STATEMENT)
for rule, reason in about.KNOWN_STREAMLIT_VIOLATIONS.items():
    st.markdown(f"- `{rule}`: {reason}")
