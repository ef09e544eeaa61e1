"""Every region's pages say only its own words: no other region's name, organisation,
municipality or figure on any page, tab, slide, deck or handout.

Each region is served alone (its extracts and the shared folder, nothing else), so what
appears can only come from its own data or from the shared code and texts; a word of
another region there means a shared text names that region.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path

import polars as pl
import pytest
from pptx import Presentation

from components.build import prepare, schema
from components.common import fmt
from components.data import extracts
from components.outputs import deck, handout, slides
from tests.pages.conftest import ROOT, texts

SHIPPED = ROOT / "data" / "extracts"
FIXTURE = ROOT / "tests" / "fixtures" / "sources"
PAGES = ("overzicht", "aanbieders", "contracten", "kosten", "begrippen", "over")
TABS = ("kpis", "kwadranten", "fasen", "escalatie", "segmenten", "verschillen")
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def every_region(tmp_path_factory) -> Path:
    """The shipped extracts and the fixture region, side by side."""
    root = tmp_path_factory.mktemp("regions") / "extracts"
    shutil.copytree(SHIPPED, root)
    built = tmp_path_factory.mktemp("fixture")
    prepare.prepare(FIXTURE, built)
    shutil.copytree(built / "testregio", root / "testregio")
    return root


def _regions(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if (p / extracts.MANIFEST).is_file()
                  and p.name != schema.SHARED_FOLDER)  # fmt: skip


def _words(root: Path, regio: str) -> set[str]:
    """What only this region would say: its names, its municipalities, its larger figures."""
    row = pl.read_parquet(root / regio / "regio.parquet").row(0, named=True)
    words = {row["naam"], row["organisatie"]}
    words |= set(re.findall(r"\(([A-Z][A-Z ]*[A-Z])\)", row["organisatie"]))  # NORA, SOJ ZHZ
    words |= {g.strip() for g in row["gemeenten"].split(";") if g.strip()}
    return words | _figures(root, regio)


def _figures(root: Path, regio: str) -> set[str]:
    """The region's larger key figures as a page writes them ('€ 13,5 mln', '1.200')."""
    figures = pl.read_parquet(root / regio / "kerncijfers.parquet")
    return {
        fmt.figure(figure["waarde"], figure["eenheid"])
        for figure in figures.iter_rows(named=True)
        if figure["eenheid"] == "euro" or figure["waarde"] >= 1000
    }


def _own_text(root: Path, regio: str) -> str:
    """Every text cell of the region's own extracts."""
    frames = [pl.read_parquet(p) for p in sorted((root / regio).glob("*.parquet"))]
    return "\n".join(
        value for frame in frames for column in frame.select(pl.col(pl.String)).columns
        for value in frame[column].drop_nulls().to_list()
    )  # fmt: skip


def _alone(root: Path, regio: str, target: Path) -> Path:
    target.mkdir()
    for name in (regio, schema.SHARED_FOLDER):
        shutil.copytree(root / name, target / name)
    return target


def _deck_text(data: bytes) -> str:
    parts = []
    for slide in Presentation(io.BytesIO(data)).slides:
        parts += [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        for shape in slide.shapes:
            if shape.has_table:
                parts += [c.text for r in shape.table.rows for c in r.cells]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def _found(text: str, words: set[str]) -> list[str]:
    return sorted(w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text))


def test_no_region_shows_another_regions_words(every_region, open_page, tmp_path, monkeypatch):
    regions = _regions(every_region)
    assert {"regio-alkmaar", "zuid-holland-zuid", "testregio"} <= set(regions)
    words = {regio: _words(every_region, regio) for regio in regions}
    leaks = {}
    for regio in regions:
        others = set().union(*(w for r, w in words.items() if r != regio)) - words[regio]
        # The region's own sources may name another region ('Alkmaar e.o.'); shared text may not.
        own = _own_text(every_region, regio)
        others = {w for w in others if w not in own}
        if pl.read_parquet(every_region / regio / "gebruik.parquet").height:
            # Pages computed from a region's own use export show hundreds of rounded
            # amounts; another region's '€ 13,5 mln' turns up among them by chance. Its
            # names and municipalities are still checked.
            others -= set().union(*(_figures(every_region, r) for r in regions))
        root = _alone(every_region, regio, tmp_path / regio)
        monkeypatch.setenv(extracts.DATA_ENV, str(root))
        shown = [texts(open_page(page if page != "overzicht" else None, regio=regio))
                 for page in PAGES]  # fmt: skip
        shown += [texts(open_page("transformatie", regio=regio, onderdeel=tab)) for tab in TABS]
        items = slides.region_slides(slides.load_frames(regio, root), TODAY)
        shown.append(_deck_text(deck.build(items)))
        naam = pl.read_parquet(root / regio / "regio.parquet").row(0, named=True)
        shown.append(
            handout.build(items, region=naam["naam"], organisation=naam["organisatie"], today=TODAY)
        )
        if found := _found("\n".join(shown), others):
            leaks[regio] = found
    assert leaks == {}
