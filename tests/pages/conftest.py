"""Page tests with Streamlit's AppTest, run from the real entrypoint (app.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from components.common import tables
from tests import html_tables
from tests.reading import shown

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _pages_from_navigation_only(monkeypatch):
    """Run pages the way the server does once app.py has run (st.navigation mode).

    AppTest resets Streamlit's legacy ``pages/`` mode before every run, so without this a
    page could run bare and state.ensure_app_shell would stop it to ask the browser for a
    reload, which AppTest cannot do.
    """
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def open_app(
    page: str | None = None, timeout: float = 30, tables: bool = True, **params: str
) -> AppTest:
    """app.py with optional query parameters, then the page (as the server runs it)."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    if page is not None:
        app.switch_page(f"pages/{page}.py")
        app.run()
    if tables:
        app = open_tables(app)
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.fixture
def open_page():
    """Open a page as a visitor would: app.py, optional query parameters, then the page.

    Caches are cleared first: st.cache_* survive between AppTest runs in one process.
    """
    st.cache_data.clear()
    st.cache_resource.clear()
    return open_app


def table_keys(app: AppTest) -> list[str]:
    """Widget keys of the table expanders (ui.data_table: ``<prefix>_open``)."""
    ids = [expander.proto.id for expander in app.expander]
    return [i.split("-", 2)[2] for i in ids if i.startswith("$$ID-") and i.endswith("_open")]


def open_tables(app: AppTest) -> AppTest:
    """Open every table, as a visitor clicking each 'tabel en downloaden' would.

    A closed table is only built once it is opened (components.web.blocks.data_table).
    """
    keys = [key for key in table_keys(app) if not app.session_state[key]]
    if keys:
        for key in keys:
            app.session_state[key] = True
        app.run()
    return app


def texts(app: AppTest) -> str:
    """Every markdown, caption, title, header and alert text of a run, joined, as read
    (escapes removed; Markdown the code wrote, such as '**', stays)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error"):
        parts += [element.value for element in getattr(app, kind)]
    return shown("\n".join(str(p) for p in parts))


def metrics(app: AppTest) -> dict[str, str]:
    """Key-figure label → value, as read."""
    return {shown(m.label): shown(m.value) for m in app.metric}


def shown_tables(app: AppTest) -> list[pd.DataFrame]:
    """Every data table of a run as the reader sees it (components.common.tables.html_table).

    Read back from the HTML the browser gets, entities decoded: the first column is the
    index, every cell is the text shown.
    """
    found = []
    for element in app.html:
        if f'class="{tables.TABLE_CLASS}"' not in element.value:
            continue
        for header, *rows in html_tables.read(element.value):
            names = [cell.text for cell in header]
            texts = [[cell.text for cell in row] for row in rows]
            found.append(pd.DataFrame(texts, columns=names, dtype=str).set_index(names[0]))
    return found
