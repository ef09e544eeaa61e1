"""Begrippen: every term the pages use, explained in plain Dutch, with the region's own words."""

import streamlit as st

from components.common import fmt
from components.common.fmt import md
from components.data import extracts
from components.glossary import model as glossary
from components.web import blocks, loaders, state

regio = state.region()
blocks.page_header(
    "Begrippen",
    "De woorden die u op de pagina's tegenkomt, in gewone taal uitgelegd.",
)
try:
    begrippen = loaders.load_shared("begrippen")
except extracts.ExtractError as error:
    blocks.extract_error(error)
    st.stop()
data = blocks.load_or_stop(regio, "regio", "begrippen_regio", "bronnen")
naam = data["regio"]["naam"][0]
terms = glossary.terms(begrippen, data["begrippen_regio"])

query = st.text_input(
    "Zoek een begrip", key="zoek", bind="query-params", placeholder="bijvoorbeeld SAS"
)
shown = glossary.search(terms, query or "")
st.caption(f"{shown.height} van {terms.height} begrippen")
# One Markdown block, not two elements per term: each element costs the browser its own
# component, and 66 terms were 130 of them (docs/prestaties.md).
st.markdown(
    fmt.join(
        (
            md("**{}**", row["begrip"])
            + (md("  \n{}", row["uitleg"]) if row["uitleg"] else "")
            + (md("  \n*In {}:* {}", naam, row["in_regio"]) if row["in_regio"] else "")
            + (md("  \n*Zie ook: {}*", row["zie_ook"]) if row["zie_ook"] else "")
            for row in shown.iter_rows(named=True)
        ),
        "\n\n",
    )
)
blocks.source_note(shown.filter(shown["in_regio"].is_not_null()), data["bronnen"])
blocks.data_table(
    shown.select(
        Begrip="begrip", Uitleg="uitleg", **{f"In {naam}": "in_regio", "Zie ook": "zie_ook"}
    ),
    key_prefix="begrippen",
    filename=f"begrippen-{regio}",
)
