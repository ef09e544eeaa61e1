"""View state that people share lives in the URL (query parameters).

The region, every page filter and the open tab that an official would send to a colleague
are kept in query parameters with short ids (``?regio=regio-alkmaar&perceel=verblijf``): a
link reopens the same view. A value that is not one of the options falls back to the
default with a visible notice that never echoes the value itself (it could be anything).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import streamlit as st

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator

REGION_KEY = "regio"
#: Notices collected during the app's run and shown at the top of the page.
NOTICES_KEY = "_notices"


def _add_notice(text: str) -> None:
    st.session_state.setdefault(NOTICES_KEY, []).append(text)


def take_notices() -> list[str]:
    """Notices gathered in this run (and clears them)."""
    return st.session_state.pop(NOTICES_KEY, [])


def _seed_from_url(key: str, allowed: Sequence[str], what: str, fallback: str) -> None:
    """On a session's first run, take the widget's value from the link (if it is valid)."""
    if key in st.session_state:
        return
    raw = st.query_params.get(key)
    if raw is None or raw == "":
        return
    if raw in allowed:
        st.session_state[key] = raw
    else:
        _add_notice(f"De {what} in de link bestaat niet in deze gegevens; u ziet nu {fallback}.")


def _write_to_url(key: str, value: str | None) -> None:
    """Keep the URL in step with the widget; the default value is left out of the link."""
    if value:
        st.query_params[key] = value
    elif key in st.query_params:
        del st.query_params[key]


def select(
    label: str,
    options: Sequence[str],
    *,
    key: str,
    labels: dict[str, str] | None = None,
    what: str = "keuze",
    help: str | None = None,
    container=None,
    horizontal: bool = False,
    persist: bool = False,
) -> str:
    """A choice whose value is kept in the URL under ``key`` (the first option is default).

    ``options`` are the short ids written in the URL; ``labels`` are what people read.
    ``persist`` keeps the value when the visitor switches pages (for app-wide choices
    such as the region; Streamlit forgets widget values on a page switch by default).
    The URL is written on every run because Streamlit drops query parameters when the
    visitor moves to another page. (``bind="query-params"`` would put the labels, not the
    ids, in the link.)
    """
    labels = labels or {}
    _seed_from_url(key, options, what, labels.get(options[0], options[0]))
    place = container or st
    widget = place.radio if horizontal else place.selectbox
    extra = {"horizontal": True} if horizontal else {}
    value = widget(
        label,
        options,
        format_func=lambda value: labels.get(value, value),
        key=key,
        help=help,
        persist_state="session" if persist else None,
        **extra,
    )
    _write_to_url(key, value if value != options[0] else None)
    return value


def multiselect(
    label: str,
    options: Sequence[str],
    *,
    key: str,
    labels: dict[str, str] | None = None,
    help: str | None = None,
    placeholder: str = "Alles",
    container=None,
) -> list[str]:
    """A multiselect kept in the URL (comma-separated ids); nothing selected means 'all'."""
    labels = labels or {}
    if key not in st.session_state and st.query_params.get(key):
        wanted = st.query_params[key].split(",")
        known = [value for value in wanted if value in options]
        if len(known) < len(wanted):
            _add_notice(f"Niet elke keuze voor '{label}' in de link bestaat; die is weggelaten.")
        st.session_state[key] = known
    place = container or st
    values = place.multiselect(
        label,
        options,
        format_func=lambda value: labels.get(value, value),
        key=key,
        help=help,
        placeholder=placeholder,
    )
    _write_to_url(key, ",".join(values))
    return values


def tabs(
    options: Sequence[str], *, key: str, labels: dict[str, str], what: str = "onderdeel"
) -> tuple[str, DeltaGenerator]:
    """Tabs of which only the open one is drawn; the open tab is kept in the URL under ``key``.

    Returns the id of the open tab and its container. ``options`` are the short ids written
    in the URL (the first is the default and is left out of the link); ``labels`` are the
    tab names people read. Choosing a tab reruns the page, so a long page sends and draws
    one part at a time. (``bind="query-params"`` would put the label, not the id, in the
    link, and drop an unknown value without saying so.)
    """
    widget_key = f"{key}_tab"
    if widget_key not in st.session_state:
        raw = st.query_params.get(key)
        if raw in options:
            st.session_state[widget_key] = labels[raw]
        elif raw:
            _add_notice(
                f"Het {what} in de link bestaat niet op deze pagina; u ziet nu "
                f"'{labels[options[0]]}'."
            )
    containers = st.tabs([labels[option] for option in options], key=widget_key, on_change="rerun")
    pairs = list(zip(options, containers, strict=True))
    chosen, container = next((pair for pair in pairs if pair[1].open), pairs[0])
    _write_to_url(key, chosen if chosen != options[0] else None)
    return chosen, container


def ensure_app_shell() -> None:
    """Make sure a page runs inside app.py, never on its own.

    Streamlit keeps its legacy ``pages/`` discovery on until the first ``st.navigation``
    call in the server process. So the very first visitor after a restart who opens a
    deep link (``/aanbieders?regio=…``) would get pages/aanbieders.py run bare, without
    app.py: no region, no navigation. Pages call this (via ``region()`` and
    ``ui.page_header``); in that one situation it switches the legacy mode off and has the
    browser reload the same link, which then runs app.py with the requested page. (A plain
    rerun keeps the legacy page list in that browser tab.)
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.html("<script>window.location.reload();</script>", unsafe_allow_javascript=True)
        st.stop()


def region() -> str | None:
    """The region chosen in the sidebar (set up once in app.py); None if there is no data."""
    ensure_app_shell()
    return st.session_state.get(REGION_KEY)
