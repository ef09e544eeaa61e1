"""The thin Streamlit layer: cached loaders, view state in the link, page blocks, browser
workarounds, presentation mode. The only code that imports Streamlit.
"""
