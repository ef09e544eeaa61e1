"""Transformatie: what the procurement is meant to change, and whether it is changing.

The headline and key figures stay on top; the seven parts below them are tabs, and only
the open tab is built and drawn. The open tab is in the link, so a colleague lands on the
same part. The segments tab puts this region beside another one the reader picks.
"""

from components.transformation import sections as transformation
from components.web import blocks, loaders, state

data = blocks.topic_or_stop(transformation.TOPIC, state.region())
others = transformation.Compare({regio: name for regio, name, _ in loaders.regions()}, loaders.load)
blocks.render(transformation.sections(data, state.view(), compare=others), data["bronnen"])
