"""Property-based tests of the preparation (hypothesis).

* Generated valid rows always pass, and come back unchanged from the extract the app reads
  (source CSV → ``prepare`` → ``read_extract``), with commas or Dutch semicolons.
* Generated invalid values (negative counts, text in number columns, periods that end
  before they start, quadrant shares that do not add up to 100) are always rejected, with
  an issue that names the right column (and row).

Each example builds a minimal region (``bronnen``, ``regio`` and the extract under test)
in a temporary folder, so an example costs a fraction of a second.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.build import prepare, schema
from components.build.prepare import PreparationFailed
from components.data import extracts

REGION = "prop"
SOURCE_ID = "b1"
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BRONNEN = {
    "bron": SOURCE_ID,
    "titel": "Bron",
    "organisatie": "Organisatie",
    "datum": None,
    "vindplaats_document": "bron.pdf",
    "toelichting": None,
}
REGIO = {
    "bron": SOURCE_ID,
    "vindplaats": "p. 1",
    "peildatum": dt.date(2024, 1, 1),
    "status": "gepubliceerd",
    "notitie": None,
    "naam": "Propregio",
    "organisatie": "Organisatie",
    "gemeenten": "Aa; Bee",
    "aantal_gemeenten": 2,
    "fictief": True,
}

# --- writing a source the way a region would ---------------------------------------------------


def _text(value: object, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value).replace(".", ",") if decimal_comma else repr(value)
    if isinstance(value, int) and decimal_comma:
        return f"{value:,}".replace(",", ".")  # Dutch Excel's thousands dots: 1.500
    return str(value)


def _write_csv(path: Path, rows: list[dict], model: type, delimiter: str) -> None:
    columns = [c for c in schema.columns(model) if c != "regio"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_text(row.get(c), delimiter == ";") for c in columns])
    path.write_text(buffer.getvalue(), encoding="utf-8")


@contextmanager
def region(extra: dict[str, list[dict]], delimiter: str = ",") -> Iterator[Path]:
    """A sources folder with one minimal region plus the given extracts' rows."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "sources"
        folder = root / REGION
        folder.mkdir(parents=True)
        tables = {"bronnen": [BRONNEN], "regio": [REGIO], **extra}
        for name, rows in tables.items():
            _write_csv(folder / f"{name}.csv", rows, schema.REGION_EXTRACTS[name], delimiter)
        yield root


def _issues(root: Path) -> list:
    with pytest.raises(PreparationFailed) as failed:
        prepare.validate(root, [REGION])
    return failed.value.issues


# --- strategies -------------------------------------------------------------------------------

#: Text as officials type it: any printable characters (quotes, ; and , included), no
#: leading or trailing spaces (the reader strips those) and no line breaks.
TEXT = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=15,
    )
    .map(str.strip)
    .filter(bool)
)
IDS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,9}", fullmatch=True)
DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))
YEARS = st.integers(2000, 2100)
DELIMITERS = st.sampled_from([",", ";"])
NOT_AN_INTEGER = TEXT.filter(lambda t: not re.fullmatch(r"[+-]?[0-9]+", t))
NOT_A_NUMBER = TEXT.filter(lambda t: not re.fullmatch(r"[+-]?[0-9.,eE+-]+", t))


def _figure() -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {
            "bron": st.just(SOURCE_ID),
            "vindplaats": TEXT,
            "peildatum": DATES,
            "status": st.sampled_from(schema.STATUSES),
            "notitie": st.none() | TEXT,
        }
    )


def _rows(specific: dict, key: list[str], min_size: int = 0) -> st.SearchStrategy[list[dict]]:
    row = st.builds(lambda a, b: {**a, **b}, _figure(), st.fixed_dictionaries(specific))
    return st.lists(
        row, min_size=min_size, max_size=8, unique_by=lambda r: tuple(r[k] for k in key)
    )


KOSTEN = _rows(
    {
        "jaar": YEARS,
        "soort": st.sampled_from(("realisatie", "begroting", "reconstructie")),
        "reeks": TEXT,
        "bedrag": st.floats(0, 1e12, allow_nan=False, allow_infinity=False),
    },
    ["jaar", "soort", "reeks"],
)
AANTALLEN_FIELDS = {
    "jaar": YEARS,
    "domein": st.sampled_from(schema.DOMAINS),
    "perceel": st.none() | st.sampled_from(schema.LOTS),
    "deelperceel": st.none() | TEXT,
    "grootteklasse": st.none() | st.sampled_from(schema.SIZE_CLASSES),
    "aantal": st.integers(0, 10**6),
    "telt": st.sampled_from(("aanbieders", "contracten")),
}
AANTALLEN_KEY = ["jaar", "domein", "perceel", "deelperceel", "grootteklasse"]
AANTALLEN = _rows(AANTALLEN_FIELDS, AANTALLEN_KEY)


@st.composite
def calendars(draw: st.DrawFn) -> dict[str, list[dict]]:
    """Agreements with periods that follow each other without overlap."""
    agreements = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    overeenkomsten, perioden = [], []
    for order, agreement in enumerate(agreements):
        overeenkomsten.append(
            {
                **draw(_figure()),
                "overeenkomst_id": agreement,
                "overeenkomst": draw(TEXT),
                "domein": draw(st.sampled_from(schema.DOMAINS)),
                "volgorde": order,
                "aantal_contracten": draw(st.none() | st.integers(0, 500)),
                "aantal_gemeenten": draw(st.none() | st.integers(1, 20)),
            }
        )
        start = draw(DATES)
        for _ in range(draw(st.integers(1, 3))):
            kind = draw(st.sampled_from(schema.PERIOD_KINDS))
            # Within the dates a source may hold (a chain of periods from 2090 would pass 2100).
            end = min(start + dt.timedelta(days=draw(st.integers(0, 3000))), dt.date(2100, 12, 31))
            if start > end:
                break
            open_end = kind in ("overdracht", "inkooptraject") and draw(st.booleans())
            row = {"overeenkomst_id": agreement, "soort": kind, "start": start, "label": "x"}
            perioden.append({**draw(_figure()), **row, "einde": None if open_end else end})
            if open_end:
                break  # nothing can follow an open-ended period
            start = end + dt.timedelta(days=draw(st.integers(1, 400)))
    return {"overeenkomsten": overeenkomsten, "perioden": perioden}


def _expected(name: str, rows: list[dict]) -> pl.DataFrame:
    dtypes = {n: getattr(pl, d) for n, d in schema.columns(schema.REGION_EXTRACTS[name]).items()}
    data = {c: [REGION if c == "regio" else r.get(c) for r in rows] for c in dtypes}
    return pl.DataFrame(data, schema=dtypes)


def _same_rows(actual: pl.DataFrame, expected: pl.DataFrame) -> bool:
    columns = actual.columns
    return actual.sort(columns, nulls_last=True).equals(expected.sort(columns, nulls_last=True))


# --- valid rows pass and round-trip -------------------------------------------------------------


@SETTINGS
@given(kosten=KOSTEN, aantallen=AANTALLEN, delimiter=DELIMITERS)
def test_valid_rows_round_trip_unchanged(
    kosten: list[dict], aantallen: list[dict], delimiter: str
) -> None:
    with region({"kosten": kosten, "aanbieders_aantallen": aantallen}, delimiter) as root:
        out = root.parent / "extracts"
        report = prepare.prepare(root, out, [REGION])

        for name, rows in (("kosten", kosten), ("aanbieders_aantallen", aantallen)):
            back = extracts.read_extract(REGION, name, root=out)
            assert report.regions[REGION].rows[name] == len(rows)
            assert back.columns == list(schema.columns(schema.REGION_EXTRACTS[name]))
            assert _same_rows(back, _expected(name, rows))


@SETTINGS
@given(calendar=calendars(), delimiter=DELIMITERS)
def test_valid_calendars_round_trip_unchanged(calendar: dict, delimiter: str) -> None:
    with region(calendar, delimiter) as root:
        out = root.parent / "extracts"
        prepare.prepare(root, out, [REGION])

        for name, rows in calendar.items():
            assert _same_rows(extracts.read_extract(REGION, name, root=out), _expected(name, rows))


# --- invalid values are rejected, naming the column ---------------------------------------------


@SETTINGS
@given(
    rows=_rows(AANTALLEN_FIELDS, AANTALLEN_KEY, min_size=1),
    negative=st.integers(-(10**9), -1),
    data=st.data(),
)
def test_negative_counts_are_rejected(rows: list[dict], negative: int, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(rows) - 1))
    rows[index]["aantal"] = negative

    with region({"aanbieders_aantallen": rows}) as root:
        issues = _issues(root)

    assert [(i.row, i.column, i.found) for i in issues] == [(index + 2, "aantal", str(negative))]
    assert issues[0].expected == "een getal ≥ 0"


@SETTINGS
@given(
    rows=_rows(AANTALLEN_FIELDS, AANTALLEN_KEY, min_size=1),
    column=st.sampled_from(["jaar", "aantal"]),
    text=NOT_AN_INTEGER,
    delimiter=DELIMITERS,
    data=st.data(),
)
def test_text_in_integer_columns_is_rejected(
    rows: list[dict], column: str, text: str, delimiter: str, data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(rows) - 1))
    rows[index][column] = text

    with region({"aanbieders_aantallen": rows}, delimiter) as root:
        issues = _issues(root)

    assert [(i.row, i.column, i.found) for i in issues] == [(index + 2, column, text)]
    assert "geheel getal" in issues[0].message()


@SETTINGS
@given(rows=KOSTEN.filter(bool), text=NOT_A_NUMBER, data=st.data())
def test_text_in_amount_column_is_rejected(
    rows: list[dict], text: str, data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(rows) - 1))
    rows[index]["bedrag"] = text

    with region({"kosten": rows}) as root:
        issues = _issues(root)

    assert [(i.row, i.column, i.found) for i in issues] == [(index + 2, "bedrag", text)]


@SETTINGS
@given(calendar=calendars(), days_before=st.integers(1, 3000), data=st.data())
def test_period_ending_before_its_start_is_rejected(
    calendar: dict, days_before: int, data: st.DataObject
) -> None:
    perioden = calendar["perioden"]
    index = data.draw(st.integers(0, len(perioden) - 1))
    perioden[index]["einde"] = perioden[index]["start"] - dt.timedelta(days=days_before)

    with region(calendar) as root:
        issues = _issues(root)

    assert (index + 2, "einde") in [(i.row, i.column) for i in issues]
    assert {i.column for i in issues} <= {"einde", "start"}  # an overlap may follow


@st.composite
def quadrants(draw: st.DrawFn) -> list[dict]:
    """Quadrant rows whose budget shares miss 100 by more than the tolerance."""
    shares = draw(
        st.lists(st.floats(0, 100, allow_nan=False), min_size=1, max_size=6).filter(
            lambda xs: abs(sum(xs) - 100) > 0.6
        )
    )
    ids = draw(st.lists(IDS, min_size=len(shares), max_size=len(shares), unique=True))
    return [
        {
            **draw(_figure()),
            "kwadrant_id": kwadrant,
            "doelgroep": draw(st.sampled_from(schema.QUADRANT_AIMS)),
            "perceel": draw(st.sampled_from(("ambulant", "verblijf"))),
            "aandeel_budget": share,
            "aandeel_clienten": 100.0 if position == 0 else 0.0,
        }
        for position, (kwadrant, share) in enumerate(zip(ids, shares, strict=True))
    ]


@SETTINGS
@given(rows=quadrants(), delimiter=DELIMITERS)
def test_shares_not_summing_to_100_are_rejected(rows: list[dict], delimiter: str) -> None:
    with region({"kwadranten": rows}, delimiter) as root:
        issues = _issues(root)

    assert [(i.row, i.column) for i in issues] == [(None, "aandeel_budget")]
    assert issues[0].expected == "een som van 100 (±0,5)"
