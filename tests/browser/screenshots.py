"""Screenshots of every slide of the presentation mode at 1280x720, for presenters and
reviewers; or of every page and tab on a tablet or phone.

One command::

    python -m tests.browser.screenshots --uit screenshots/
    python -m tests.browser.screenshots --uit screenshots/ --paginas --formaat telefoon

starts the app as the README does (a real ``streamlit run`` on the shipped extracts), opens
every page with ``?modus=presentatie&stap=N`` in Debian's Chromium at 1280x720 (the size
of a shared screen), and writes one PNG per slide:
``<uit>/<regio>/<nn>-<pagina>-dia<k>.png``. Without ``--regio`` every prepared region is
shot. It prints each file with the slide's headline, so a reviewer can check a picture
against what it should say. With ``--paginas`` it shoots every page and Transformatie tab
whole (the full length of the page): ``<uit>/<regio>/<formaat>-<pagina>.png``.
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

#: The screens a dashboard is looked at on: a shared screen, a tablet and a phone (upright).
SIZES = {"scherm": (1280, 720), "tablet": (768, 1024), "telefoon": (390, 844)}
VIEWPORT = {"width": 1280, "height": 720}
PAGE_PATHS = [page.path for page in site.PAGES] + [
    f"transformatie?onderdeel={part}"
    for part in ("kpis", "kwadranten", "fasen", "escalatie", "segmenten", "verschillen")
]


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


def page_urls(regio: str, size: str) -> list[tuple[str, str, str]]:
    """(file stem, url path, what it is) of every page and Transformatie tab of a region."""
    return [
        (f"{size}-{path.replace('?onderdeel=', '-') or 'overzicht'}",
         f"{path}{'&' if '?' in path else '?'}regio={regio}", path or "overzicht")
        for path in PAGE_PATHS
    ]  # fmt: skip


def shoot(
    out: Path, regions: Sequence[str], *, pages: bool = False, size: str = "scherm"
) -> list[Path]:
    """Write the screenshots of ``regions`` under ``out``; returns the files written."""
    from playwright.sync_api import sync_playwright

    width, height = SIZES[size]
    written = []
    with support.streamlit_server() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=support.CHROMIUM, args=support.CHROMIUM_ARGS
        )
        try:
            touch = size != "scherm"
            page = browser.new_page(viewport=VIEWPORT, locale="nl-NL", has_touch=touch)
            for regio in regions:
                folder = out / regio
                folder.mkdir(parents=True, exist_ok=True)
                urls = page_urls(regio, size) if pages else slide_urls(regio)
                for stem, path, headline in urls:
                    page.set_viewport_size({"width": width, "height": height})
                    support.open_app(page, base, path, 90_000)
                    if pages:
                        _lengthen(page, width)
                    target = folder / f"{stem}.png"
                    page.screenshot(path=str(target))
                    written.append(target)
                    print(f"{target}  {headline}")
        finally:
            browser.close()
    return written


def _lengthen(page, width: int) -> None:
    """Make the window as high as the page: Streamlit scrolls its content in an inner box,
    so a full-page screenshot would show only the first screen."""
    length = page.evaluate(
        "() => document.querySelector('[data-testid=stMainBlockContainer]').scrollHeight"
    )
    page.set_viewport_size({"width": width, "height": min(length + 120, 16_000)})
    support.wait_idle(page)
    support.wait_charts(page)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: screenshots of every slide of the chosen (or every) region."""
    parser = argparse.ArgumentParser(
        prog="python -m tests.browser.screenshots",
        description="Schermafdrukken van elke dia (1280x720), of van elke pagina op een "
        "tablet of telefoon.",
    )
    parser.add_argument("--uit", required=True, type=Path, help="map voor de PNG-bestanden")
    parser.add_argument(
        "--regio", action="append", help="alleen deze regio (mag vaker); standaard alle"
    )
    parser.add_argument(
        "--paginas", action="store_true", help="elke pagina en elk tabblad in plaats van de dia's"
    )
    parser.add_argument(
        "--formaat", choices=list(SIZES), default="scherm",
        help="scherm (1280x720), tablet (768x1024) of telefoon (390x844)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    regions = args.regio or extracts.list_regions()
    written = shoot(args.uit, regions, pages=args.paginas, size=args.formaat)
    print(f"{len(written)} schermafdrukken in {args.uit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
