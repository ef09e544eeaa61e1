"""Overzicht: the region at a glance, what the dashboard answers, questions for the room."""
