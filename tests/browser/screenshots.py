"""Screenshots of every slide of the presentation mode at 1280x720, for presenters and reviewers.

One command::

    python -m tests.browser.screenshots --uit screenshots/

starts the app as the README does (a real ``streamlit run`` on the shipped extracts), opens
every page with ``?modus=presentatie&stap=N`` in Debian's Chromium at 1280x720 (the size
of a shared screen), and writes one PNG per slide:
``<uit>/<regio>/<nn>-<pagina>-dia<k>.png``. Without ``--regio`` every prepared region is
shot. It prints each file with the slide's headline, so a reviewer can check a picture
against what it should say.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from components import site
from components.data import extracts
from components.outputs import slides
from tests.browser import support

VIEWPORT = {"width": 1280, "height": 720}


def slide_urls(regio: str) -> list[tuple[str, str, str]]:
    """(file stem, url path, headline) of every slide of a region, in presentation order."""
    frames = slides.load_frames(regio)
    shots = []
    number = 0
    for page in site.PRESENTED:
        for step, slide in enumerate(slides.slides_of(page, frames), start=1):
            number += 1
            name = page.path or "overzicht"
            path = f"{page.path}?modus=presentatie&stap={step}&regio={regio}"
            shots.append((f"{number:02d}-{name}-dia{step}", path, slide.headline))
    return shots


def shoot(out: Path, regions: Sequence[str]) -> list[Path]:
    """Write the screenshots of ``regions`` under ``out``; returns the files written."""
    from playwright.sync_api import sync_playwright

    written = []
    with support.streamlit_server() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=support.CHROMIUM, args=support.CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport=VIEWPORT, locale="nl-NL")
            for regio in regions:
                folder = out / regio
                folder.mkdir(parents=True, exist_ok=True)
                for stem, path, headline in slide_urls(regio):
                    support.open_app(page, base, path)
                    target = folder / f"{stem}.png"
                    page.screenshot(path=str(target))
                    written.append(target)
                    print(f"{target}  {headline}")
        finally:
            browser.close()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: screenshots of every slide of the chosen (or every) region."""
    parser = argparse.ArgumentParser(
        prog="python -m tests.browser.screenshots",
        description="Schermafdrukken (1280x720) van elke dia van de presentatiemodus.",
    )
    parser.add_argument("--uit", required=True, type=Path, help="map voor de PNG-bestanden")
    parser.add_argument(
        "--regio", action="append", help="alleen deze regio (mag vaker); standaard alle"
    )
    args = parser.parse_args(argv)
    regions = args.regio or extracts.list_regions()
    written = shoot(args.uit, regions)
    print(f"{len(written)} schermafdrukken in {args.uit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
