"""A region whose sources give no dates: every figure says so, no page invents a date."""

from __future__ import annotations

import csv
import datetime as dt
import io

from components.build import prepare
from components.data import extracts
from components.outputs import deck, handout, slides
from tests.pages.conftest import texts

PAGES = ("overzicht", "aanbieders", "contracten", "kosten", "begrippen", "over")
TABS = ("kpis", "kwadranten", "fasen", "escalatie", "segmenten", "verschillen")


def _undated(folder) -> None:
    """Empty the peildatum of every row, the date of every source document and the year of
    every key figure."""
    for path in folder.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        delimiter = (
            ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
        )
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        for column in ("peildatum", "datum", "jaar" if path.stem == "kerncijfers" else "-"):
            if column in rows[0]:
                at = rows[0].index(column)
                for row in rows[1:]:
                    row[at] = ""
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
        path.write_text(buffer.getvalue(), encoding="utf-8")


def test_every_page_says_the_source_gives_no_date(open_page, sources, tmp_path, monkeypatch):
    _undated(sources / "testregio")
    out = tmp_path / "extracts"
    prepare.prepare(sources, out)
    monkeypatch.setenv(extracts.DATA_ENV, str(out))

    overview = texts(open_page(regio="testregio"))
    assert "volgens de bron (zonder datum) is dat € 35 mln per jaar" in overview
    assert "Peildatum: niet vermeld in de bron." in overview
    shown = [texts(open_page(page, regio="testregio")) for page in PAGES[1:]]
    shown += [texts(open_page("transformatie", regio="testregio", onderdeel=t)) for t in TABS]
    assert all("Peildatum: niet vermeld in de bron." in text for text in shown[:2])
    assert "een datum die de bron niet noemt" in shown[1]
    assert "Peildatum: onbekend" not in "\n".join(shown)
    items = slides.region_slides(slides.load_frames("testregio", out), dt.date(2026, 11, 22))
    assert deck.build(items)
    page = handout.build(items, region="Testregio", organisation="Testregio Samenwerking",
                         today=dt.date(2026, 11, 22))  # fmt: skip
    assert "niet vermeld in de bron" in page
