"""Contracten: which agreements run when, and when the council decides again."""
