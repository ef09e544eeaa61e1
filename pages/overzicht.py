"""Overzicht: the region's key figures, what the dashboard answers, the questions for the room."""

from components.overview import sections as overview
from components.web import blocks, state

data = blocks.topic_or_stop(overview.TOPIC, state.region())
blocks.render(overview.sections(data, state.view()), data["bronnen"])
