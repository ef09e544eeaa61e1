"""Aanbieders: who delivers the care, by lot, sub-lot and size class."""
