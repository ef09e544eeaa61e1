"""Begrippen: the general terms and the region's own words (pure)."""
