"""Begrippen: every term the pages use, explained in plain Dutch, searchable by link."""

import polars as pl
import streamlit as st

from components import extracts, loaders, ui

ui.page_header(
    "Begrippen",
    "De woorden die u op de pagina's tegenkomt, in gewone taal uitgelegd.",
)
try:
    begrippen = loaders.load_shared("begrippen")
except extracts.ExtractError as error:
    ui.extract_error(error)
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
for row in shown.iter_rows(named=True):
    st.markdown(f"**{row['begrip']}**  \n{row['uitleg']}")
    if row["zie_ook"]:
        st.caption(f"Zie ook: {row['zie_ook']}")
ui.data_table(
    shown.rename({"begrip": "Begrip", "uitleg": "Uitleg", "zie_ook": "Zie ook"}),
    key_prefix="begrippen",
    filename="begrippen",
)
