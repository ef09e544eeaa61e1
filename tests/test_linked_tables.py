"""No cell under 5 can be worked out by combining the tables of different pages (#21).

Each table hides its own small cells and protects them against its own totals
(:mod:`components.data.suppression`). But the same youths are divided in several ways:
per product category and municipality on Kosten, per municipality on Transformatie's
measures, per lot and per quadrant for the region on Transformatie, per provider on
Aanbieders. Two such tables side by side could give a hidden cell away where neither does
alone (CBS calls these linked tables).

This test audits what the pages show, as a reader with a spreadsheet would combine it: every
shown count is a sum over the finest cells of the export (municipality × product code ×
provider); a hidden count is given away exactly when it is a linear combination of shown
ones (its row lies in their row space). Run on the shipped example region, on Regio Testland
and on the fixture region, for every year a page shows.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.build.prepare import prepare
from components.common import disclosure, usage
from components.common import sections as s
from components.costs import realised
from components.data import extracts, suppression
from components.data.vocabulary import SMALLEST_SHOWN
from components.providers import declared
from components.providers import sections as providers
from components.transformation import measured
from components.transformation import model as tf
from components.transformation import sections as transformation
from tests import testland
from tests.test_use_and_spend import add_family, completing_rows, provider_rows, use_rows

HIDDEN = ("< 5", suppression.MASKED)
Key = tuple[str, tuple]
#: How a count is shown: as a number, hidden because it is under 5, or hidden to protect one.
SHOWN, SMALL, PROTECTING = "shown", "small", "protecting"


def _published(frames: dict[str, pl.DataFrame], year: int, last: bool) -> dict[Key, str]:
    """Every count the pages show for ``year``: (grouping, key) → how it is shown."""
    gebruik, codes = frames["gebruik"], frames["productcodes"]
    places = usage.municipalities(gebruik)
    shown: dict[Key, str] = {}
    # Transformatie, KPI tab: youths in care per municipality and for the region, every
    # complete year; the region's residential share (so its youths with and without).
    for place in [usage.ALL, *places]:
        row = (
            measured.per_year(gebruik, codes, place)
            .filter(pl.col("jaar") == year)
            .row(0, named=True)
        )
        key = ("gemeente", (place,)) if place != usage.ALL else ("regio", ())
        shown[key] = _how(row["jeugdigen"] is None, row["jeugdigen" + measured.SMALL])
        # The residential share: its youths with and without residential care.
        hidden = row["aandeel_verblijf"] is None
        for residential, youths in _lots(gebruik, codes, year, place).items():
            group, key = ("verblijf", (residential,))
            if place != usage.ALL:
                group, key = "gemeente_verblijf", (place, residential)
            shown[(group, key)] = _how(hidden, 0 < youths < SMALLEST_SHOWN)
    if not last:
        return shown
    # Kosten: youths per product category, per municipality and for the region.
    for place in [usage.ALL, *places]:
        table = realised.per_category(gebruik, codes, year, place)
        for name, youths in table.select("Productcategorie", "Jeugdigen").iter_rows():
            if name != "Totaal":
                category = name.split()[0] if name[:2].isdigit() else name.split()[-1]
                group = "categorie" if place == usage.ALL else "gemeente_categorie"
                key = (category,) if place == usage.ALL else (place, category)
                shown[(group, key)] = _how(youths in HIDDEN, youths == HIDDEN[0])
    # Transformatie, Kwadranten: the region's youths per quadrant.
    quadrants = tf.realised_quadrants(gebruik, codes, year, frames["kwadranten"])
    for row in quadrants.filter(
        pl.col("jeugdigen").is_not_null() | pl.col(suppression.FLAG)
    ).iter_rows(named=True):
        how = _how(row[suppression.FLAG], row[suppression.SMALL])
        shown[("kwadrant", (row["doelgroep"], row["perceel"]))] = how
    # ... and per municipality, where the tab shows the municipality (not the region).
    for place in places:
        tabs = next(
            x for x in transformation.sections(frames, {"gemeente": place}) if isinstance(x, s.Tabs)
        )
        titles = [x.title for x in next(p for p in tabs.parts if p.id == "kwadranten").build()
                  if isinstance(x, s.Chart)]  # fmt: skip
        if any(t.endswith(f"per kwadrant in {year}: {place}") for t in titles):
            cells = tf.realised_quadrants(gebruik, codes, year, frames["kwadranten"], place)
            for row in cells.filter(
                pl.col("jeugdigen").is_not_null() | pl.col(suppression.FLAG)
            ).iter_rows(named=True):
                how = _how(row[suppression.FLAG], row[suppression.SMALL])
                shown[("gemeente_kwadrant", (place, row["doelgroep"], row["perceel"]))] = how
    # Aanbieders per municipality, where it shows the municipality (not the region).
    for place in places:
        built = providers.sections(frames, {"gemeente": place})
        if any(isinstance(x, s.Chart) and x.title.endswith(f"in {year}: {place}") for x in built):
            cells = declared.per_provider(gebruik, frames["aanbiedersregister"], year, place)
            for row in cells.iter_rows(named=True):
                how = _how(row[suppression.FLAG], row[suppression.SMALL])
                shown[("gemeente_aanbieder", (place, row["aanbieder_id"]))] = how
    # Aanbieders: youths per provider.
    for row in declared.per_provider(gebruik, frames["aanbiedersregister"], year).iter_rows(
        named=True
    ):
        how = _how(row[suppression.FLAG], row[suppression.SMALL])
        shown[("aanbieder", (row["aanbieder_id"],))] = how
    return shown


def _lots(gebruik: pl.DataFrame, codes: pl.DataFrame, year: int, place: str) -> dict[bool, float]:
    """Youths with residential care and without, in ``place`` (averaged over quarters)."""
    use = usage.of(gebruik, place).join(codes.select("productcode", "perceel"), on="productcode")
    lots = usage.per_year(use.with_columns(pl.col("perceel") == "verblijf"), ["perceel"])
    counts = dict(lots.filter(pl.col("jaar") == year).select("perceel", "jeugdigen").iter_rows())
    return {True: counts.get(True, 0), False: counts.get(False, 0)}


def _how(hidden: bool, small: bool | None) -> str:
    return SMALL if hidden and small else PROTECTING if hidden else SHOWN


#: The columns of the finest cells (:func:`disclosure.finest`) that group each kind of count.
BY = {
    "regio": (),
    "gemeente": ("gemeente",),
    "verblijf": ("verblijf",),
    "categorie": ("productcategorie",),
    "gemeente_categorie": ("gemeente", "productcategorie"),
    "kwadrant": ("doelgroep", "perceel"),
    "aanbieder": ("aanbieder_id",),
    "gemeente_verblijf": ("gemeente", "verblijf"),
    "gemeente_kwadrant": ("gemeente", "doelgroep", "perceel"),
    "gemeente_aanbieder": ("gemeente", "aanbieder_id"),
}


def given_away(frames: dict[str, pl.DataFrame]) -> list[tuple[int, tuple]]:
    """(year, grouping, key) for every count under 5 that the shown counts give away
    exactly (a count hidden only to protect another may follow: it is not under 5)."""
    gebruik, codes = frames["gebruik"], frames["productcodes"]
    complete = usage.coverage(gebruik).complete
    found = []
    for year in complete:
        published = _published(frames, year, last=year == complete[-1])
        tables = []
        for grouping, by in BY.items():
            keys = [(key, how) for (g, key), how in published.items() if g == grouping]
            if keys:
                counts = pl.DataFrame(
                    [
                        {**dict(zip(by, key, strict=True)), suppression.FLAG: how != SHOWN,
                         suppression.SMALL: how == SMALL}
                        for key, how in keys
                    ]
                )  # fmt: skip
                tables.append(suppression.Table(by, counts))
        fine = disclosure.finest(gebruik, codes, year)
        found += [(year, *exposed) for exposed in suppression.given_away(fine, tables)]
    return found


def frames_of(root: Path, regio: str) -> dict[str, pl.DataFrame]:
    """What Transformatie and Aanbieders read."""
    load = lambda name: extracts.read_extract(regio, name, root)  # noqa: E731
    return {**providers.TOPIC.frames(load), **transformation.TOPIC.frames(load)}


def test_the_example_region_gives_no_hidden_count_away() -> None:
    frames = frames_of(extracts.DEFAULT_ROOT, "voorbeeldregio")
    assert frames["gebruik"].height
    assert given_away(frames) == []


def test_regio_testland_gives_no_hidden_count_away(tmp_path: Path) -> None:
    sources = tmp_path / "bronnen"
    testland.write(sources / testland.REGION)
    prepare(sources, tmp_path / "extracten", [testland.REGION])
    assert given_away(frames_of(tmp_path / "extracten", testland.REGION)) == []


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda rows: rows, id="as-is"),
        pytest.param(lambda rows: [r for r in rows if ",Proefstad,PZ," not in r], id="no-foster"),
        pytest.param(
            lambda rows: [
                r.replace(",Proefstad,PZ,A-1,Zorg B.V.,2,", ",Proefstad,PZ,A-1,Zorg B.V.,7,")
                for r in rows
            ],
            id="more-foster",
        ),
        pytest.param(lambda rows: completing_rows(), id="split-completes-kosten"),
        pytest.param(
            lambda rows: [
                *rows,
                *(r.replace(",Proefstad,PZ,", ",Voorbeeldam,IB,") for r in rows if ",PZ," in r),
            ],
            id="a-municipality-under-5",
        ),
        pytest.param(
            lambda rows: provider_rows(
                [
                    ("Testdorp", "IB", "A-1", "Zorg B.V.", 20),
                    ("Testdorp", "CR", "C-1", "Crisis B.V.", 3),
                    ("Testdorp", "IB", "C-1", "Crisis B.V.", 9),
                    ("Proefstad", "IB", "A-1", "Zorg B.V.", 12),
                    ("Proefstad", "PZ", "C-1", "Crisis B.V.", 8),
                ]
            ),
            id="providers-complete-kosten",
        ),
    ],
)
def test_the_fixture_region_gives_no_hidden_count_away(sources: Path, out: Path, change) -> None:
    add_family(sources, change(use_rows()))
    prepare(sources, out)
    assert given_away(frames_of(out, "testregio")) == []


def test_the_audit_finds_a_count_given_away() -> None:
    """The audit itself, on four cells (A×45, A×46, B×45, B×46) with A×46 under 5: with A's
    total and A×45 shown, A×46 is their difference; with only the totals per municipality
    and per category shown, no single cell follows (so an empty list above means something)."""
    fine = pl.DataFrame({"gemeente": ["A", "A", "B", "B"], "categorie": ["45", "46"] * 2})
    flags = {suppression.FLAG: [False, True], suppression.SMALL: [False, True]}
    cells = suppression.Table(
        ("gemeente", "categorie"),
        pl.DataFrame({"gemeente": ["A", "A"], "categorie": ["45", "46"], **flags}),
    )
    a_total = suppression.Table(
        ("gemeente",),
        pl.DataFrame({"gemeente": ["A"], suppression.FLAG: [False], suppression.SMALL: [False]}),
    )
    assert suppression.given_away(fine, [cells, a_total]) == [
        (("gemeente", "categorie"), ("A", "46"))
    ]
    hidden_45 = suppression.Table(
        cells.by, cells.counts.with_columns(pl.lit(True).alias(suppression.FLAG))
    )
    margins = suppression.Table(
        ("categorie",),
        pl.DataFrame(
            {
                "categorie": ["45", "46"],
                suppression.FLAG: [False] * 2,
                suppression.SMALL: [False] * 2,
            }
        ),
    )
    assert suppression.given_away(fine, [hidden_45, a_total, margins]) == []


def _flags(draw, keys: list[tuple]) -> list[tuple[bool, bool]]:
    """Per key: hidden or not, and if hidden whether under 5 (drawn)."""
    hidden = [draw(st.booleans()) for _ in keys]
    return [(h, h and draw(st.booleans())) for h in hidden]


@st.composite
def linked_tables(draw):
    """Cells of two years × three municipalities × two categories; per year a drawn set of
    tables (per cell, per municipality, per category, the total) with drawn flags; and a
    'term' over both years per category, also with drawn flags."""
    fine = pl.DataFrame(
        [(y, g, c) for y in (1, 2) for g in "ABC" for c in "xy"],
        schema=["jaar", "gemeente", "categorie"], orient="row",
    )  # fmt: skip
    groupings = [("gemeente", "categorie"), ("gemeente",), ("categorie",), ()]
    per_year = {}
    for year in (1, 2):
        tables = []
        for by in draw(st.lists(st.sampled_from(groupings), max_size=4, unique=True)):
            keys = fine.filter(pl.col("jaar") == year).select(by).unique().rows() if by else [()]
            flags = _flags(draw, keys)
            counts = pl.DataFrame(
                [(*k, f, s) for k, (f, s) in zip(keys, flags, strict=True)],
                schema=[*by, suppression.FLAG, suppression.SMALL], orient="row",
            )  # fmt: skip
            tables.append(suppression.Table(by, counts))
        per_year[year] = tables
    terms = [("x",), ("y",)]
    counts = pl.DataFrame(
        [(*k, f, s) for k, (f, s) in zip(terms, _flags(draw, terms), strict=True)],
        schema=["categorie", suppression.FLAG, suppression.SMALL], orient="row",
    )  # fmt: skip
    return fine, per_year, [suppression.Table(("categorie",), counts)]


@settings(max_examples=200, deadline=None)
@given(linked_tables())
def test_the_check_per_year_finds_what_one_matrix_over_all_years_finds(drawn) -> None:
    """given_away_linked (a basis per year, one column per term) against given_away over
    one matrix of every year: the same amounts are given away."""
    fine, per_year, links = drawn
    whole = [
        suppression.Table(("jaar", *t.by), t.counts.with_columns(pl.lit(year).alias("jaar")))
        for year, tables in per_year.items()
        for t in tables
    ]
    expected = set(suppression.given_away(fine, whole + links)) if whole or links else set()
    found = set(suppression.given_away_linked(fine, "jaar", per_year, links))
    assert found == expected
