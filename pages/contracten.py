"""Contracten: which agreements run when, and when must the council decide again?"""

import datetime as dt

from components.contracts import sections as contracts
from components.web import blocks, state

data = blocks.topic_or_stop(contracts.TOPIC, state.region())
blocks.render(contracts.sections(data, state.view(), dt.date.today()), data["bronnen"])
