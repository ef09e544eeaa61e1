"""View state that people share lives in the URL (query parameters).

The region, every page filter and the open tab that an official would send to a colleague
are kept in query parameters with short ids (``?regio=regio-alkmaar&perceel=verblijf``): a
link reopens the same view. A value that is not one of the options falls back to the
default with a visible notice that never echoes the value itself (it could be anything).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import streamlit as st

from components.common.sections import Choice

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator

REGION_KEY = "regio"
#: Notices collected during the app's run and shown at the top of the page.
NOTICES_KEY = "_notices"


def add_notice(text: str) -> None:
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
        add_notice(f"De {what} in de link bestaat niet in deze gegevens; u ziet nu {fallback}.")


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


def control(choice: Choice, place: DeltaGenerator | None = None) -> None:
    """Draw the widget of a :class:`Choice` (in ``place``), keep the link in step with it.

    The sections after the choice were built with ``choice.value`` (the reader's value, or
    the default when the link held one that does not exist): the widget shows that value.
    A refused value from the link gets a notice on the session's first run (never echoing
    the value itself, which could be anything); so does a choice kept across pages
    (``everywhere``) whose value this region does not have (a municipality of another
    region), naming it.
    """
    place = place or st
    key = choice.key
    if choice.kind == "text":
        place.text_input(choice.label, key=key, bind="query-params")
        return
    many = choice.kind == "multi"
    shown = choice.labels.get(str(choice.value), str(choice.value))
    if choice.refused and key not in st.session_state:
        add_notice(
            f"Niet elke keuze voor '{choice.label}' in de link bestaat; die is weggelaten."
            if many
            else f"De {choice.what} in de link bestaat niet in deze gegevens; u ziet nu {shown}."
        )
    elif choice.refused and choice.everywhere and not many:
        # Chosen before, on another region's page: say so rather than change it silently.
        before = st.session_state[key]
        add_notice(f"{before} hoort niet bij deze regio; u ziet nu {shown}.")
    value = list(choice.value) if many else choice.value
    if st.session_state.get(key) != value:
        st.session_state[key] = value
    common = {
        "format_func": lambda option: choice.labels.get(option, option),
        "key": key,
        "help": choice.help,
        "persist_state": "session" if choice.everywhere else None,
    }
    if many:
        place.multiselect(
            choice.label, choice.options, placeholder=choice.placeholder or "Alles", **common
        )
        _write_to_url(key, ",".join(value))
    else:
        place.selectbox(choice.label, choice.options, **common)
        _write_to_url(key, value if value != choice.options[0] else None)


class _View(Mapping[str, object]):
    """The reader's choices: a widget's value in this session, else the link's."""

    def __getitem__(self, key: str) -> object:
        if key in st.session_state:
            return st.session_state[key]
        if key in st.query_params:
            return st.query_params[key]
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter({*st.session_state.keys(), *st.query_params.keys()})

    def __len__(self) -> int:
        return len({*st.session_state.keys(), *st.query_params.keys()})


def view() -> Mapping[str, object]:
    """The reader's choices by key, for a topic to build its sections with."""
    return _View()


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
            add_notice(
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
