"""Building blocks of the dashboard: the pure core (no Streamlit) and a few thin Streamlit blocks."""
