"""A real server reading its extracts from a bucket (issue #22): while a new version is
published, every page run shows one whole version, the new one within the pointer's
lifetime; when the bucket goes away, what was read keeps being shown and the rest says
so in Dutch. Real S3 on loopback (moto), real server, real Chromium."""

from __future__ import annotations

import time
from pathlib import Path

from components.build import prepare
from components.data import storage
from tests import object_storage
from tests.browser import support

NEW_NAME = "Testregio Nieuw"


def _second_version(sources: Path, out: Path) -> Path:
    """The fixture with another name (regio extract) and another population (kerncijfers)."""
    regio = sources / "testregio" / "regio.csv"
    regio.write_text(regio.read_text("utf-8").replace(",Testregio,", f",{NEW_NAME},"), "utf-8")
    figures = sources / "testregio" / "kerncijfers.csv"
    figures.write_text(figures.read_text("utf-8").replace(",120000,", ",130000,"), "utf-8")
    prepare.prepare(sources, out)
    return out


def test_a_bucket_version_is_shown_whole_and_an_outage_is_said_in_dutch(
    browser, sources: Path, tmp_path: Path
) -> None:
    with object_storage.endpoint() as endpoint:
        location = object_storage.location()
        first = tmp_path / "v1"
        prepare.prepare(sources, first)
        storage.publish(first, location)
        second = _second_version(sources, tmp_path / "v2")
        with support.streamlit_server(location) as url:
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            support.open_app(page, url, "?regio=testregio")
            text = support.main_text(page)
            assert NEW_NAME not in text and "120.000" in text
            storage.publish(second, location)
            published = time.monotonic()
            runs = []
            while time.monotonic() - published < storage.POINTER_SECONDS + 15:
                page.reload()
                support.wait_idle(page)
                text = support.main_text(page)
                runs.append((NEW_NAME in text, "130.000" in text, "120.000" in text))
                if runs[-1][0]:
                    break
            switched = time.monotonic() - published
            # Every run showed one version: the new name with the new figure, or neither.
            assert all(name == new and new != old for name, new, old in runs), runs
            assert runs[-1][0], f"the new version was not shown within {switched:.0f} s"
            assert switched <= storage.POINTER_SECONDS + 5
            # The bucket goes away: the overview, read before, is still shown; a page not
            # read yet says in Dutch what is missing, without a traceback.
            endpoint.kill()
            endpoint.wait()
            page.reload()
            support.wait_idle(page)
            assert NEW_NAME in support.main_text(page)
            support.open_app(page, url, "kosten?regio=testregio")
            text = support.main_text(page)
            assert "de opslag van de cijfers is niet bereikbaar" in text
            assert page.locator("[data-testid=stException]").count() == 0
            page.close()
