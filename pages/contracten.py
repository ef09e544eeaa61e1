"""Contracten: under construction; the page is built in its own issue."""

import streamlit as st

st.title("Contracten")
st.info("Deze pagina is nog in aanbouw.")
