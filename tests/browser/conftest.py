"""Browser fixtures: one real app server per test session and Debian's Chromium."""

from __future__ import annotations

import pytest

from tests.browser import support

pytest.importorskip("playwright")


@pytest.fixture(scope="session")
def app_url():
    """Base URL of the app on the shipped extracts."""
    with support.streamlit_server() as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=support.CHROMIUM, args=support.CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page at 1280x720, the size presenters share."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


def pytest_collection_modifyitems(items):
    """Everything under tests/browser carries the `browser` marker."""
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)
