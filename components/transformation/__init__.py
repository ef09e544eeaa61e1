"""Transformatie: what the procurement must change, and how far it has come."""
