"""Aanbieders: who delivers the youth care, by lot, sub-lot and size class."""

from components.providers import sections as providers
from components.web import blocks, state

data = blocks.topic_or_stop(providers.TOPIC, state.region())
blocks.render(providers.sections(data, state.view()), data["bronnen"])
