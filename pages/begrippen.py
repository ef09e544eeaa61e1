"""Begrippen: every term the pages use, explained in plain Dutch, searchable by link."""

import polars as pl
import streamlit as st

from components.common import fmt
from components.data import extracts
from components.web import blocks, loaders

blocks.page_header(
    "Begrippen",
    "De woorden die u op de pagina's tegenkomt, in gewone taal uitgelegd.",
)
try:
    begrippen = loaders.load_shared("begrippen")
except extracts.ExtractError as error:
    blocks.extract_error(error)
    st.stop()

query = st.text_input(
    "Zoek een begrip", key="zoek", bind="query-params", placeholder="bijvoorbeeld SAS"
)
shown = begrippen.sort(pl.col("begrip").str.to_lowercase())
if query:
    needle = query.strip().lower()
    shown = shown.filter(
        pl.col("begrip").str.to_lowercase().str.contains(needle, literal=True)
        | pl.col("uitleg").str.to_lowercase().str.contains(needle, literal=True)
    )
st.caption(f"{shown.height} van {begrippen.height} begrippen")
# One Markdown block, not two elements per term: each element costs the browser its own
# component, and 66 terms were 130 of them (docs/prestaties.md).
st.markdown(
    "\n\n".join(
        f"**{fmt.literal(row['begrip'])}**  \n{fmt.literal(row['uitleg'])}"
        + (f"  \n*Zie ook: {fmt.literal(row['zie_ook'])}*" if row["zie_ook"] else "")
        for row in shown.iter_rows(named=True)
    )
)
blocks.data_table(
    shown.rename({"begrip": "Begrip", "uitleg": "Uitleg", "zie_ook": "Zie ook"}),
    key_prefix="begrippen",
    filename="begrippen",
)
