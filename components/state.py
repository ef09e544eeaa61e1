"""View state that people share lives in the URL (query parameters).

The region and every page filter that an official would send to a colleague are widgets
bound to a query parameter (``bind="query-params"``): the link reopens the same view, and
the value survives moving between pages. Streamlit silently drops a value that is not one
of the options; we first compare the raw URL value so the viewer gets a visible notice
(without echoing the value itself, which could be anything).
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

REGION_KEY = "regio"
#: Notices collected during the app's run and shown at the top of the page.
NOTICES_KEY = "_notices"


def _add_notice(text: str) -> None:
    st.session_state.setdefault(NOTICES_KEY, []).append(text)


def take_notices() -> list[str]:
    """Notices gathered in this run (and clears them)."""
    return st.session_state.pop(NOTICES_KEY, [])


def _check_url_value(key: str, allowed: Sequence[str], what: str, fallback: str) -> None:
    raw = st.query_params.get(key)
    if raw is not None and raw != "" and raw not in allowed:
        _add_notice(f"De {what} in de link bestaat niet in deze gegevens; u ziet nu {fallback}.")


def select(
    label: str,
    options: Sequence[str],
    *,
    key: str,
    labels: dict[str, str] | None = None,
    what: str = "keuze",
    help: str | None = None,
    container=None,
) -> str:
    """A selectbox whose value is kept in the URL under ``key``.

    ``options`` are the values written in the URL (short ids); ``labels`` are shown.
    """
    labels = labels or {}
    fallback = labels.get(options[0], options[0])
    _check_url_value(key, options, what, fallback)
    place = container or st
    return place.selectbox(
        label,
        options,
        format_func=lambda value: labels.get(value, value),
        key=key,
        bind="query-params",
        help=help,
    )


def multiselect(
    label: str,
    options: Sequence[str],
    *,
    key: str,
    labels: dict[str, str] | None = None,
    help: str | None = None,
    placeholder: str = "Alles",
) -> list[str]:
    """A multiselect kept in the URL; nothing selected means 'all'."""
    labels = labels or {}
    return st.multiselect(
        label,
        options,
        format_func=lambda value: labels.get(value, value),
        key=key,
        bind="query-params",
        help=help,
        placeholder=placeholder,
    )


def region() -> str | None:
    """The region chosen in the sidebar (set up once in app.py); None if there is no data."""
    return st.session_state.get(REGION_KEY)
