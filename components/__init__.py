"""Building blocks of the dashboard: a pure core (no Streamlit) and thin Streamlit blocks."""
