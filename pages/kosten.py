"""Kosten: what youth care will cost, what bends the curve, and when costs stop rising.

The curve is a reconstruction from visible assumptions (components.costs.model). Visitors
change them under "Wat als?", beside the curve (under it on a phone, where the curve stays
in view while sliding); the link keeps the scenario so it can be shared.
"""

import streamlit as st

from components.costs import model, scenario
from components.costs import sections as costs
from components.web import blocks, state

data = blocks.topic_or_stop(costs.TOPIC, state.region())
controls = []
if not data["kostenaannames"].is_empty():
    defaults = model.parameters_from_frame(data["kostenaannames"], "midden")
    controls = scenario.controls(defaults, data["kosteneffecten"])
    for notice in scenario.seed_from_url(st.session_state, st.query_params, controls, defaults):
        state.add_notice(notice)


def what_if() -> None:
    """The "Wat als?" sliders, one per assumption, and the way back to the strategy."""
    st.subheader("Wat als?")
    st.caption("Verschuif een aanname: de curve en de conclusie rekenen direct mee.")
    st.button(
        "Terug naar de strategie",
        on_click=scenario.reset,
        args=(st.session_state, controls, defaults),
        icon=":material/restart_alt:",
        key="kosten_reset",
    )
    for c in controls:
        st.select_slider(c.label, c.options, format_func=c.display, key=c.key, help=c.help)


blocks.render(
    costs.sections(data, state.view()),
    data["bronnen"],
    beside={"kosten_curve": what_if} if controls else None,
)
if controls:
    values = {c.key: st.session_state[c.key] for c in controls}
    scenario.write_to_url(st.query_params, values, controls, defaults)
