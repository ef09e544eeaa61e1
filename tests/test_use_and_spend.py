"""Realised use and spend (issue #21): the export a region drops in its folder, person-level
data refused, small numbers hidden, and the split of a change in spend.

The fixture region gets a small export of its own: product codes mapped onto the national
categories, use per quarter (or per year, as a second region would send it) and a budget.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.build.prepare import PreparationFailed, prepare
from components.build.privacy import is_bsn
from components.common import disclosure, fmt
from components.common import sections as s
from components.common.provenance import source_note
from components.contracts import sections as contracts
from components.contracts import spend
from components.costs import realised
from components.costs import sections as costs
from components.data import extracts, suppression
from components.providers import declared
from components.providers import model as provider_model
from components.providers import sections as providers
from components.transformation import measured
from components.transformation import sections as transformation
from tests.reading import shown

REGION = "testregio"
PROVENANCE = "inkoop-2023,declaratie-export,{peildatum},voorlopig,,"
#: The fixture region's product codes: IB under the ambulant agreement, PZ under residential
#: care, CR (crisis care) under no agreement.
CODES = (Path(__file__).parent / "fixtures/sources/testregio/productcodes.csv").read_text(
    encoding="utf-8"
)
USE_HEADER = (
    "bron,vindplaats,peildatum,status,notitie,jaar,kwartaal,gemeente,productcode,aanbieder_id,"
    "aanbieder,jeugdigen,trajecten_gestart,trajecten_beeindigd,duur_beeindigd_dagen,volume,"
    "eenheid,bedrag"
)
BUDGET = """bron,vindplaats,peildatum,status,notitie,jaar,gemeente,perceel,bedrag
inkoop-2023,begroting,2023-01-01,gepubliceerd,,2023,Testdorp,,1000000
inkoop-2023,begroting,2024-01-01,gepubliceerd,,2024,Testdorp,ambulant,600000
inkoop-2023,begroting,2024-01-01,gepubliceerd,,2024,Testdorp,verblijf,500000
inkoop-2023,begroting,2024-01-01,gepubliceerd,,2024,Proefstad,,300000
"""


def use_rows(quarterly: bool = True) -> list[str]:
    """Use in 2023 and 2024 for two municipalities: per quarter, or per year."""
    rows = []
    for year, youths, price in ((2023, 40, 50.0), (2024, 50, 55.0)):
        for quarter in (1, 2, 3, 4) if quarterly else (None,):
            share = 1 if quarterly else 4
            peildatum = f"{year}-12-31"
            for place, code, count, hours in (
                ("Testdorp", "IB", youths, 10.0),
                ("Testdorp", "CR", 3, 5.0),
                ("Proefstad", "IB", 12, 10.0),
                ("Proefstad", "PZ", 2, 80.0),
            ):
                volume = count * hours * share
                rows.append(
                    PROVENANCE.format(peildatum=peildatum)
                    + f"{year},{'' if quarter is None else quarter},{place},{code},A-1,Zorg B.V.,"
                    + f"{count},1,1,90,{volume},uur,{volume * price}"
                )
    return rows


def add_family(src: Path, rows: list[str] | None = None, codes: str = CODES) -> None:
    folder = src / REGION
    (folder / "productcodes.csv").write_text(codes, encoding="utf-8")
    lines = [USE_HEADER, *(use_rows() if rows is None else rows)]
    (folder / "gebruik.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "budget.csv").write_text(BUDGET, encoding="utf-8")


def read(out: Path, name: str) -> pl.DataFrame:
    return pl.read_parquet(out / REGION / f"{name}.parquet")


def kosten_sections(out: Path, **view: str) -> list[s.Section]:
    frames = costs.TOPIC.frames(lambda name: read(out, name))
    return costs.sections(frames, view)


def chart(sections: list[s.Section], title_start: str) -> s.Chart:
    return next(x for x in sections if isinstance(x, s.Chart) and x.title.startswith(title_start))


def municipality_choice(sections: list[s.Section]) -> s.Choice:
    return next(
        c
        for x in sections
        if isinstance(x, s.Choices)
        for c in x.choices
        if c and c.key == "gemeente"
    )


# --- a region's own export ---------------------------------------------------------------------


def test_an_export_in_the_folder_becomes_the_figures_on_kosten(sources: Path, out: Path) -> None:
    add_family(sources)
    prepare(sources, out)
    sections = kosten_sections(out)
    happened = chart(sections, "Wat de strategie verwachtte en wat er gebeurde")
    table = happened.table
    # 2024: Testdorp IB 50 youths × 10 h × 55 € × 4 quarters + CR 3 × 5 × 55 × 4, Proefstad …
    spent_2024 = 4 * 55.0 * (50 * 10 + 3 * 5 + 12 * 10 + 2 * 80)
    row = table.filter(pl.col("Jaar") == 2024).row(0, named=True)
    assert row["Gerealiseerd (€)"] == pytest.approx(spent_2024)
    assert row["Begroting (€)"] == 1_400_000  # the lots of Testdorp + Proefstad's whole budget
    assert row["Periode"] == "heel jaar"
    assert f"In 2024 gaf Testregio € {spent_2024:,.0f} uit".replace(",", ".") in shown(
        happened.takeaway
    )
    # The strategy's curve is drawn beside it (the fixture has a cost model).
    assert table["Strategie verwachtte (€)"].is_not_null().any()


def test_one_municipality_is_chosen_in_the_link(sources: Path, out: Path) -> None:
    add_family(sources)
    prepare(sources, out)
    sections = kosten_sections(out, gemeente="Proefstad")
    choice = municipality_choice(sections)
    assert choice.key == "gemeente" and choice.value == "Proefstad"
    assert choice.options == ("regio", "Proefstad", "Testdorp")
    table = chart(sections, "Begroting en wat er gebeurde").table  # no strategy per municipality
    assert "Strategie verwachtte (€)" not in table.columns  # not a column of dashes either
    row = table.filter(pl.col("Jaar") == 2024).row(0, named=True)
    assert row["Gerealiseerd (€)"] == pytest.approx(4 * 55.0 * (12 * 10 + 2 * 80))
    assert row["Begroting (€)"] == 300_000
    refused = municipality_choice(kosten_sections(out, gemeente="Atlantis"))
    assert refused.value == "regio" and refused.refused


def test_a_yearly_export_with_other_codes_gives_the_same_spend(sources: Path, out: Path) -> None:
    """A second region sends years instead of quarters and its own product codes."""
    other_codes = CODES.replace(",IB,", ",JH-01,").replace(",CR,", ",JH-99,")
    yearly = [
        r.replace(",IB,", ",JH-01,").replace(",CR,", ",JH-99,") for r in use_rows(quarterly=False)
    ]
    add_family(sources, yearly, other_codes)
    prepare(sources, out)
    sections = kosten_sections(out)
    table = chart(sections, "Wat de strategie").table
    row = table.filter(pl.col("Jaar") == 2024).row(0, named=True)
    assert row["Gerealiseerd (€)"] == pytest.approx(4 * 55.0 * (50 * 10 + 3 * 5 + 12 * 10 + 2 * 80))
    # Whole years have no running year to forecast.
    assert not [x for x in sections if "naar verwachting" in x.title]


def spend_rows(amounts: dict[tuple[int, int], float]) -> list[str]:
    """Testdorp's individual support, per quarter, with the amounts given (€ 50 an hour)."""
    return [
        PROVENANCE.format(peildatum=f"{year}-12-31")
        + f"{year},{quarter},Testdorp,IB,A-1,Zorg B.V.,10,1,1,90,{amount / 50},uur,{amount}"
        for (year, quarter), amount in amounts.items()
    ]


def test_the_running_year_is_forecast_with_its_track_record(sources: Path, out: Path) -> None:
    """2023 spent half its money in the first half year, 2024 two fifths: after two quarters
    of 2025 the expected total is the spend so far over the mean share, 45%."""
    mln = 1_000_000
    amounts = {(2023, q): 1 * mln for q in (1, 2, 3, 4)}
    amounts |= {(2024, 1): mln, (2024, 2): mln, (2024, 3): 1.5 * mln, (2024, 4): 1.5 * mln}
    amounts |= {(2025, 1): 1.2 * mln, (2025, 2): 1.2 * mln}
    add_family(sources, spend_rows(amounts))
    with (sources / REGION / "budget.csv").open("a", encoding="utf-8") as budget:
        budget.write(
            "inkoop-2023,begroting,2025-01-01,gepubliceerd,,2025,Testdorp,ambulant,5000000\n"
        )
    prepare(sources, out)
    ahead = chart(kosten_sections(out), "Wat 2025 naar verwachting kost")
    expected = 2.4 * mln / 0.45
    rows = {r["Perceel"]: r for r in ahead.table.iter_rows(named=True)}
    assert set(rows) == {"Ambulant", "Alle percelen"}
    total = rows["Alle percelen"]
    assert total["Uitgegeven t/m kwartaal 2 (€)"] == 2.4 * mln
    assert total["Verwacht jaartotaal (€)"] == pytest.approx(expected, abs=0.01)
    # 2024 forecast from 2023 alone: € 2 mln / 50% = € 4 mln; it became € 5 mln (+25%).
    assert total["Bandbreedte laag (€)"] == pytest.approx(expected, abs=0.01)
    assert total["Bandbreedte hoog (€)"] == pytest.approx(expected * 1.25, abs=0.01)
    assert total["Verwacht t.o.v. begroting (%)"] == pytest.approx(106.7)
    record = ahead.sheets["eerdere jaren"].row(0, named=True)
    assert (record["Jaar"], record["Werkelijk t.o.v. verwachting (%)"]) == (2024, 25.0)
    assert shown(ahead.takeaway) == (
        "Na kwartaal 2 van 2025 komen de uitgaven van Testregio naar verwachting uit op "
        "€ 5,3 mln (tussen € 5,3 mln en € 6,7 mln): 106,7% van de begroting (€ 5 mln). "
        "In eerdere jaren zat deze verwachting er hoogstens 25% naast."
    )
    explained = next(
        x for x in kosten_sections(out) if isinstance(x, s.Text) and "kwartaal 2" in x.body
    )
    assert "2024: verwacht € 4 mln, werkelijk € 5 mln (+25%)" in shown(explained.body)


def test_a_narrow_range_is_written_as_two_amounts() -> None:
    """Proefdorp's range in the example region is narrower than € 0,1 mln: with one decimal
    both ends would read the same, so the takeaway gives a second."""
    frames = costs.TOPIC.frames(lambda name: extracts.read_extract("voorbeeldregio", name))
    ahead = chart(costs.sections(frames, {"gemeente": "Proefdorp"}), "Wat 2026 naar")
    total = ahead.table.filter(pl.col("Perceel") == "Alle percelen").row(0, named=True)
    ends = total["Bandbreedte laag (€)"], total["Bandbreedte hoog (€)"]
    assert fmt.euro(ends[0]) == fmt.euro(ends[1]), ends  # the case this test is about
    written = re.search(r"\(tussen (€ [0-9,]+ mln) en (€ [0-9,]+ mln)\)", ahead.takeaway)
    assert written.groups() == (fmt.euro(ends[0], 2), fmt.euro(ends[1], 2))
    assert written.group(1) != written.group(2)


def test_a_lot_with_fewer_than_5_youths_has_its_forecast_hidden(sources: Path, out: Path) -> None:
    """Beside Testdorp's individual support (10 youths), 3 youths in foster care: the
    residential lot's spend and forecast are hidden, and the ambulant lot's too (all lots
    together minus it would give the 3 away); all lots together and the budget stay."""
    mln = 1_000_000
    amounts = {(year, q): 1 * mln for year in (2023, 2024) for q in (1, 2, 3, 4)}
    amounts |= {(2025, 1): 1.2 * mln, (2025, 2): 1.2 * mln}
    foster = [
        row.replace(",IB,", ",PZ,").replace(",Zorg B.V.,10,", ",Zorg B.V.,3,")
        for row in spend_rows({key: 43_210.0 for key in amounts})
    ]
    add_family(sources, spend_rows(amounts) + foster)
    with (sources / REGION / "budget.csv").open("a", encoding="utf-8") as budget:
        budget.write(
            "inkoop-2023,begroting,2025-01-01,gepubliceerd,,2025,Testdorp,ambulant,5000000\n"
            "inkoop-2023,begroting,2025-01-01,gepubliceerd,,2025,Testdorp,verblijf,200000\n"
        )
    prepare(sources, out)
    ahead = chart(kosten_sections(out), "Wat 2025 naar verwachting kost")
    rows = {r["Perceel"]: r for r in ahead.table.iter_rows(named=True)}
    assert set(rows) == {"Ambulant", "Verblijf", "Alle percelen"}
    for lot in ("Ambulant", "Verblijf"):
        for column in ("Uitgegeven t/m kwartaal 2 (€)", "Verwacht jaartotaal (€)"):
            assert rows[lot][column] == "afgeschermd", (lot, column)
        assert rows[lot]["Verwacht t.o.v. begroting (%)"] == "afgeschermd"
    assert rows["Verblijf"]["Begroting 2025 (€)"] == 200_000
    assert rows["Alle percelen"]["Uitgegeven t/m kwartaal 2 (€)"] == "€ 2.486.420"
    bars = {trace.name: trace for trace in ahead.figure.data}
    spent = bars["Uitgegeven t/m kwartaal 2"]
    assert spent.y[:2] == ("Ambulant<br>verwacht afgeschermd", "Verblijf<br>verwacht afgeschermd")
    assert spent.x[:2] == (None, None) and spent.x[2] == pytest.approx(2.48642)
    # Foster care's € 86.420 so far (2 × € 43.210) is in no cell and no bar.
    assert "€ 86.420" not in [v for row in ahead.table.rows() for v in row]
    assert 0.08642 not in [round(v, 5) for t in ahead.figure.data for v in t.x if v is not None]
    assert shown(ahead.takeaway).startswith(
        "Na kwartaal 2 van 2025 komen de uitgaven van Testregio naar verwachting uit op"
    )


def test_a_lot_is_protected_against_the_region_s_lot_minus_the_other_municipalities(
    sources: Path, out: Path
) -> None:
    """In the first half of 2025 Testdorp has 3 youths in foster care, Proefstad 10. Testdorp's
    forecast hides its residential lot. The region's residential lot minus Proefstad's would
    give it away, so Proefstad's residential lot is hidden too, and with it its ambulant one
    (its lots together would give it away); the region shows both."""
    rows = [
        PROVENANCE.format(peildatum=f"{year}-12-31")
        + f"{year},{q},{place},{code},A-1,Zorg B.V.,{n},1,1,90,{n * 10.0},uur,{n * 500.0}"
        for year, quarters in ((2024, (1, 2, 3, 4)), (2025, (1, 2)))
        for q in quarters
        for place, code, n in (
            ("Testdorp", "IB", 40), ("Testdorp", "PZ", 3), ("Proefstad", "IB", 20),
            ("Proefstad", "PZ", 10),
        )
    ]  # fmt: skip
    add_family(sources, rows)
    prepare(sources, out)

    def lots(**view: str) -> dict[str, str | float]:
        ahead = chart(kosten_sections(out, **view), "Wat 2025 naar verwachting kost")
        column = "Uitgegeven t/m kwartaal 2 (€)"
        return dict(ahead.table.select("Perceel", column).iter_rows())

    assert lots(gemeente="Testdorp")["Verblijf"] == "afgeschermd"
    proefstad = lots(gemeente="Proefstad")
    assert proefstad["Verblijf"] == proefstad["Ambulant"] == "afgeschermd"
    assert proefstad["Alle percelen"] == "€ 30.000"  # 2 quarters × 30 youths × € 500
    region = lots()
    assert region["Verblijf"] == 13_000  # 2 quarters × 13 youths × € 500


def test_a_municipality_with_fewer_than_5_youths_shows_its_budget_not_its_spend(
    sources: Path, out: Path
) -> None:
    """Voorbeeldam has 3 youths a quarter: Kosten shows its budget, not its spend, in any
    year, and neither Proefstad's (the region's total minus Testdorp and Proefstad would
    give Voorbeeldam's away). Testdorp and the region show theirs."""
    rows = [
        PROVENANCE.format(peildatum=f"{year}-12-31")
        + f"{year},{q},{place},IB,A-1,Zorg B.V.,{count},1,1,90,{count * 10.0},uur,{count * 500.0}"
        for year in (2023, 2024)
        for q in (1, 2, 3, 4)
        for place, count in (("Testdorp", 40), ("Proefstad", 12), ("Voorbeeldam", 3))
    ]
    add_family(sources, rows)
    prepare(sources, out)
    for place in ("Voorbeeldam", "Proefstad"):
        built = kosten_sections(out, gemeente=place)
        notices = [shown(x.takeaway) for x in built if isinstance(x, s.Notice)]
        assert realised.WITHHELD.format(name=place, jaren="2023, 2024") in notices
        happened = chart(built, "Begroting en wat er gebeurde")
        spent = happened.table["Gerealiseerd (€)"].to_list()
        assert spent == ["afgeschermd", "afgeschermd"], place
        assert happened.figure.data[1].y == (None, None)
        assert not [
            x for x in built if isinstance(x, s.Chart) and "per productcategorie" in x.title
        ]
        assert not [x for x in built if isinstance(x, s.Chart) and "veranderden" in x.title]
        # Voorbeeldam's € 6.000 a year (4 quarters × 3 youths × € 500), Proefstad's € 24.000.
        words = " ".join(shown(x.takeaway) for x in built if hasattr(x, "takeaway"))
        assert "€ 6.000" not in words and "€ 24.000" not in words
    testdorp = chart(kosten_sections(out, gemeente="Testdorp"), "Begroting en wat er gebeurde")
    assert testdorp.table["Gerealiseerd (€)"].to_list() == [80_000.0, 80_000.0]
    region = kosten_sections(out)
    assert chart(region, "Wat de strategie verwachtte").table["Gerealiseerd (€)"][1] == 110_000
    assert not [x for x in region if isinstance(x, s.Notice) and "afgeschermd" in x.takeaway]


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        pytest.param(
            lambda rows: [*rows, rows[0].replace(",A-1,", ",A-2,").replace(",IB,", ",XX,")],
            (
                "testregio/gebruik.csv, rij 34, kolom 'productcode': gevonden 'XX', verwacht een "
                "waarde uit ",
                "testregio/productcodes.csv (kolom 'productcode'): CR, IB, PZ",
            ),
            id="onbekende-productcode",
        ),
        pytest.param(
            lambda rows: [*rows, rows[0].replace(",Testdorp,", ",Atlantis,")],
            (
                "testregio/gebruik.csv, rij 34, kolom 'gemeente': gevonden 'Atlantis', "
                "verwacht een waarde uit ",
                "testregio/regio.csv (kolom 'gemeenten'): Proefstad, Testdorp, Voorbeeldam",
            ),
            id="onbekende-gemeente",
        ),
        pytest.param(
            lambda rows: [
                *rows,
                rows[0].replace("2023,1,Testdorp,IB,A-1", "2023,,Testdorp,IB,A-9"),
            ],
            (
                "testregio/gebruik.csv, rij 34, kolom 'kwartaal': ",
                "een kwartaal (1 tot en met 4): Testdorp heeft in 2023 ook rijen per kwartaal "
                "(rij 2); geef een jaar per kwartaal of als geheel, niet allebei",
            ),
            id="jaar-en-kwartalen",
        ),
        pytest.param(
            lambda rows: [rows[0].replace(",Testdorp,", ",testdorp,"), *rows[1:]],
            (
                "rij 2, kolom 'gemeente': gevonden 'testdorp'",
                "bedoelt u 'Testdorp'? Let op hoofdletters",
            ),
            id="hoofdletters",
        ),
        pytest.param(
            lambda rows: [rows[0].replace("2023,1,Testdorp", "2023,K1,Testdorp"), *rows[1:]],
            (
                "rij 2, kolom 'kwartaal': gevonden 'K1', verwacht een kwartaal als geheel "
                "getal: 1, 2, 3 of 4 (niet 'K1' of 'Q1')",
            ),
            id="kwartaal-als-K1",
        ),
    ],
)
def test_an_export_that_does_not_fit_says_what_to_fix(
    sources: Path, out: Path, snapshot, mutate, expected
) -> None:
    before = snapshot(out)
    add_family(sources, mutate(use_rows()))
    with pytest.raises(PreparationFailed) as failed:
        prepare(sources, out)
    messages = "\n".join(issue.message() for issue in failed.value.issues)
    assert all(part in messages for part in expected), messages
    assert snapshot(out) == before


# --- person-level data is refused ----------------------------------------------------------------

BSN = "111222333"  # passes the eleven-test (a test number, no real person)


def test_a_header_or_category_written_otherwise_says_what_is_meant(
    sources: Path, out: Path
) -> None:
    add_family(sources, codes=CODES.replace(",45,", ",Jeugdhulp ambulant,", 1))
    header = USE_HEADER.replace(",bedrag", ",Bedrag")
    (sources / REGION / "gebruik.csv").write_text(
        "\n".join([header, *use_rows()]) + "\n", encoding="utf-8"
    )
    with pytest.raises(PreparationFailed) as failed:
        prepare(sources, out)
    messages = "\n".join(issue.message() for issue in failed.value.issues)
    assert (
        "gebruik.csv, rij 1, kolom 'Bedrag': onbekende kolom; bedoelt u 'bedrag' (kleine "
        "letters, _ in plaats van een spatie)?" in messages
    )
    assert (
        "productcodes.csv, rij 2, kolom 'productcategorie': gevonden 'Jeugdhulp ambulant', "
        "verwacht de landelijke productcategorie in twee cijfers, zoals 45" in messages
    )


def with_column(name: str, value: str) -> Callable[[list[str]], tuple[str, list[str]]]:
    def mutate(rows: list[str]) -> tuple[str, list[str]]:
        return f"{USE_HEADER},{name}", [f"{row},{value}" for row in rows]

    return mutate


def in_column(column: str, value: str) -> Callable[[list[str]], tuple[str, list[str]]]:
    index = USE_HEADER.split(",").index(column)

    def mutate(rows: list[str]) -> tuple[str, list[str]]:
        cells = next(csv.reader(io.StringIO(rows[4])))
        cells[index] = value
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="").writerow(cells)
        return USE_HEADER, [*rows[:4], buffer.getvalue(), *rows[5:]]

    return mutate


PERSONAL = [
    pytest.param(with_column("bsn", BSN), "rij 1, kolom 'bsn'", "een BSN", id="kolom-bsn"),
    pytest.param(with_column("Burgerservicenummer", BSN), "rij 1, kolom 'Burgerservicenummer'",
                 "een BSN", id="kolom-burgerservicenummer"),
    pytest.param(with_column("geboortedatum", "2012-03-04"), "rij 1, kolom 'geboortedatum'",
                 "een geboortedatum", id="kolom-geboortedatum"),
    pytest.param(with_column("naam", "Jan Jansen"), "rij 1, kolom 'naam'", "een naam",
                 id="kolom-naam"),
    pytest.param(with_column("achternaam", "Jansen"), "rij 1, kolom 'achternaam'", "een naam",
                 id="kolom-achternaam"),
    pytest.param(with_column("adres", "Dorpsstraat 1"), "rij 1, kolom 'adres'", "een adres",
                 id="kolom-adres"),
    pytest.param(with_column("postcode", "1811 AB"), "rij 1, kolom 'postcode'", "een postcode",
                 id="kolom-postcode"),
    pytest.param(with_column("e-mail", "ouder@example.nl"), "rij 1, kolom 'e-mail'",
                 "een e-mailadres", id="kolom-email"),
    pytest.param(with_column("telefoonnummer", "0612345678"), "rij 1, kolom 'telefoonnummer'",
                 "een telefoonnummer", id="kolom-telefoon"),
    pytest.param(with_column("cliëntnummer", "C-17"), "rij 1, kolom 'cliëntnummer'",
                 "een cliëntnummer", id="kolom-clientnummer"),
    pytest.param(in_column("aanbieder", BSN), "rij 6, kolom 'aanbieder'",
                 "een burgerservicenummer (BSN)", id="bsn-in-tekst"),
    pytest.param(in_column("notitie", "bsn 1112.22.333 nagekeken"), "rij 6, kolom 'notitie'",
                 "een burgerservicenummer (BSN)", id="bsn-met-punten"),
    pytest.param(in_column("aanbieder_id", BSN), "rij 6, kolom 'aanbieder_id'",
                 "een burgerservicenummer (BSN)", id="bsn-als-id"),
    pytest.param(in_column("notitie", "ouder: ouder@example.nl"), "rij 6, kolom 'notitie'",
                 "een e-mailadres", id="email-in-tekst"),
    pytest.param(in_column("notitie", "bel 06-12345678"), "rij 6, kolom 'notitie'",
                 "een telefoonnummer", id="telefoon-in-tekst"),
    pytest.param(in_column("notitie", "woont 1811 AB"), "rij 6, kolom 'notitie'",
                 "een postcode", id="postcode-in-tekst"),
]  # fmt: skip


@pytest.mark.parametrize(("mutate", "where", "what"), PERSONAL)
def test_person_level_data_is_refused_and_nothing_is_written(
    sources: Path, out: Path, snapshot, mutate, where: str, what: str
) -> None:
    before = snapshot(out)
    add_family(sources)
    header, rows = mutate(use_rows())
    (sources / REGION / "gebruik.csv").write_text("\n".join([header, *rows]) + "\n", "utf-8")
    with pytest.raises(PreparationFailed) as failed:
        prepare(sources, out)
    messages = "\n".join(issue.message() for issue in failed.value.issues)
    assert f"testregio/gebruik.csv, {where}: persoonsgegevens" in messages
    assert what in messages
    assert "nooit gegevens over een persoon" in messages
    for secret in (BSN, "1112.22.333", "ouder@example.nl", "12345678", "1811 AB", "Jansen"):
        assert secret not in messages  # the value itself never lands in a log
    assert snapshot(out) == before


def test_a_bsn_anywhere_is_refused_but_an_amount_is_no_bsn(sources: Path, out: Path) -> None:
    add_family(sources)
    rows = use_rows()
    rows[0] = rows[0].rsplit(",", 1)[0] + f",{BSN}"  # an amount of 111.222.333 euro
    (sources / REGION / "gebruik.csv").write_text("\n".join([USE_HEADER, *rows]) + "\n", "utf-8")
    prepare(sources, out)  # an amount is not searched for a BSN
    kosten = sources / REGION / "kosten.csv"
    table = list(csv.reader(io.StringIO(kosten.read_text("utf-8"))))
    table[1][table[0].index("notitie")] = f"nagevraagd bij {BSN}"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(table)
    kosten.write_text(buffer.getvalue(), "utf-8")
    with pytest.raises(PreparationFailed) as failed:
        prepare(sources, out)
    messages = "\n".join(issue.message() for issue in failed.value.issues)
    assert "testregio/kosten.csv, rij 2, kolom 'notitie': persoonsgegevens" in messages
    assert BSN not in messages


def test_what_a_real_export_holds_is_no_personal_data(sources: Path, out: Path) -> None:
    """Found in a trial with a real-shaped export: an eight-digit AGB code that passes the
    eleven-test, a provider named '… 2000 BV' and a place 'draaitabel 2022 KW1' are no
    BSN or postcode; a nine-digit BSN in the provider column still is."""
    agb = "98828836"
    assert is_bsn(agb)  # as eight digits with the leading zero dropped
    rows = [
        r.replace(",A-1,Zorg B.V.,", f",{agb},Jeugdhulp 2000 BV,").replace(
            "declaratie-export", "draaitabel 2022 KW1"
        )
        for r in use_rows()
    ]
    add_family(sources, rows)
    prepare(sources, out)
    assert read(out, "gebruik")["aanbieder_id"].unique().to_list() == [agb]
    rows[0] = rows[0].replace(f",{agb},", f",{BSN},")
    add_family(sources, rows)
    with pytest.raises(PreparationFailed) as failed:
        prepare(sources, out)
    messages = [issue.message() for issue in failed.value.issues]
    assert len(messages) == 1
    assert "testregio/gebruik.csv, rij 2, kolom 'aanbieder_id': persoonsgegevens" in messages[0]


def test_a_personal_column_is_named_once_not_once_per_cell(sources: Path, out: Path) -> None:
    add_family(sources)
    rows = [f"{r},{BSN}" for r in use_rows()]
    (sources / REGION / "gebruik.csv").write_text(
        "\n".join([USE_HEADER + ",BSN", *rows]) + "\n", "utf-8"
    )
    with pytest.raises(PreparationFailed) as failed:
        prepare(sources, out)
    messages = [issue.message() for issue in failed.value.issues]
    assert len(messages) == 1
    assert (
        "testregio/gebruik.csv, rij 1, kolom 'BSN': persoonsgegevens: deze kolom hoort bij "
        "een BSN" in messages[0]
    )


# --- small numbers -----------------------------------------------------------------------------


def test_a_small_municipality_shows_under_5_and_no_cell_can_be_worked_out(
    sources: Path, out: Path
) -> None:
    add_family(sources)
    prepare(sources, out)
    table = chart(kosten_sections(out, gemeente="Proefstad"), "Jeugdigen en uitgaven").table
    cells = dict(zip(table["Productcategorie"], table["Jeugdigen"], strict=True))
    # Proefstad: 12 youths in individual support, 2 in foster care: the 2 is hidden, and so
    # is the 12 (else the total minus 12 gives 2), without pretending it is under 5.
    assert cells == {
        "44 Jeugdhulp verblijf (excl. behandeling)": "< 5",
        "45 Jeugdhulp ambulant": "afgeschermd",
        "Totaal": "14",
    }
    hidden = table.filter(pl.col("Jeugdigen").is_in(["< 5", "afgeschermd"]))
    assert set(hidden["Uitgaven (€)"]) == {"afgeschermd"}
    # The region's view hides what would give away Proefstad's foster care beside
    # Testdorp's figures: Testdorp has no foster care, so the region's 44 is Proefstad's 2.
    region = chart(kosten_sections(out), "Jeugdigen en uitgaven").table
    region_cells = dict(zip(region["Productcategorie"], region["Jeugdigen"], strict=True))
    assert region_cells["44 Jeugdhulp verblijf (excl. behandeling)"] == "< 5"
    assert region_cells["46 Jeugdhulp crisis"] == "< 5"  # Testdorp's 3 crisis placements


def _what_a_reader_can_tell(labels: list[str], rest: int) -> list[set[int]]:
    """Per hidden cell of a row or column, the values a reader who knows the rule finds
    possible: a "< 5" holds 1 to 4, an "afgeschermd" at least 5, and together they hold
    ``rest`` (the total minus the cells shown)."""
    ranges = [range(1, 5) if label == "< 5" else range(5, rest + 1) for label in labels]

    def sums(parts: list[range]) -> set[int]:
        reach = {0}
        for part in parts:
            reach = {r + v for r in reach for v in part if r + v <= rest}
        return reach

    return [
        {v for v in part if rest - v in sums(ranges[:i] + ranges[i + 1 :])}
        for i, part in enumerate(ranges)
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 40), min_size=1, max_size=6), min_size=1, max_size=6).filter(
        lambda m: len({len(r) for r in m}) == 1
    )
)
def test_no_hidden_cell_can_be_worked_out_from_the_totals(matrix: list[list[int]]) -> None:
    """Any table of youths per municipality and category, with both totals shown: no cell
    of 1–4 is shown, and a reader who knows the rule ("< 5" is 1 to 4, "afgeschermd" at
    least 5) and takes a row's or a column's total minus its shown cells can still think
    of every "< 5" as any of 1 to 4, and of every other hidden cell as two values at least
    (unless the row or column hides all its cells)."""
    frame = pl.DataFrame(
        [
            {"gemeente": f"g{i}", "categorie": f"c{j}", "n": n, "bedrag": float(n) * 100}
            for i, row in enumerate(matrix)
            for j, n in enumerate(row)
        ]
    )
    done = suppression.suppress(frame, "n", ["bedrag"], totals_over=[["gemeente"], ["categorie"]])
    table = suppression.shown(done, {"n": str, "bedrag": str}, "n")
    assert all(label == "< 5" for n, label in zip(frame["n"], table["n"], strict=True) if 0 < n < 5)
    assert set(table.filter(pl.col("n").is_in(["< 5", "afgeschermd"]))["bedrag"]) <= {"afgeschermd"}
    seen = frame.with_columns(table["n"].alias("label"))
    for key in ("gemeente", "categorie"):
        for _, group in seen.group_by(key):
            hidden = group.filter(pl.col("label").is_in(["< 5", "afgeschermd"]))
            if hidden.is_empty() or hidden.height == group.filter(pl.col("n") > 0).height:
                continue
            rest = hidden["n"].sum()  # what the total leaves beside the cells shown
            told = _what_a_reader_can_tell(hidden["label"].to_list(), rest)
            for label, possible in zip(hidden["label"], told, strict=True):
                assert possible == {1, 2, 3, 4} if label == "< 5" else len(possible) >= 2


def test_the_example_region_s_spend_per_year_downloads_in_whole_cents() -> None:
    """Summed quarters are floats (28978968.749999996); a download gives cents."""
    frames = costs.TOPIC.frames(
        lambda name: pl.read_parquet(Path("data/extracts/voorbeeldregio") / f"{name}.parquet")
    )
    table = chart(costs.sections(frames, {}), "Begroting en wat er gebeurde").table
    spent = [v for v in table["Gerealiseerd (€)"] if v is not None]
    assert spent and all(v == round(v, 2) for v in spent)


# --- why spend changed -------------------------------------------------------------------------


def test_the_split_adds_up_to_the_change_and_names_its_method(sources: Path, out: Path) -> None:
    add_family(sources)
    prepare(sources, out)
    split = chart(kosten_sections(out), "Waarom de uitgaven veranderden van 2023 naar 2024")
    amounts = dict(zip(split.table["Deel"], split.table["Bedrag (€)"], strict=True))
    change = amounts.pop("Verschil 2023–2024")
    spent = {y: 4 * p * (youths * 10 + 3 * 5 + 12 * 10 + 2 * 80) for y, youths, p in
             ((2023, 40, 50.0), (2024, 50, 55.0))}  # fmt: skip
    assert change == pytest.approx(spent[2024] - spent[2023], abs=0.01)
    # As shown, to the cent: the parts add up to the change in the table's last row.
    assert round(sum(amounts.values()), 2) == round(change, 2)
    # Only Testdorp's individual support grew (40 → 50 youths, same hours each): the
    # youths' part is its whole volume growth, the care per youth did not change.
    assert amounts["Meer of minder zorg per jeugdige"] == pytest.approx(0, abs=0.01)
    assert amounts["Hogere of lagere prijs per eenheid"] > 0
    method = next(
        x for x in kosten_sections(out) if isinstance(x, s.Text) and x.body == realised.METHOD
    )
    assert "LMDI" in method.body


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(*[st.floats(1, 1e4)] * 6), min_size=1, max_size=5))
def test_the_split_always_adds_up_exactly(rows: list[tuple[float, ...]]) -> None:
    use = pl.DataFrame(
        [
            {
                "jaar": year,
                "kwartaal": None,
                "gemeente": "g",
                "productcode": f"p{i}",
                "jeugdigen": n,
                "volume": q,
                "eenheid": "uur",
                "bedrag": v,
            }
            for i, (n0, q0, v0, n1, q1, v1) in enumerate(rows)
            for year, n, q, v in ((2023, n0, q0, v0), (2024, n1, q1, v1))
        ]
    )
    codes = pl.DataFrame({"productcode": [f"p{i}" for i in range(len(rows))],
                          "productcategorie": ["45"] * len(rows)})  # fmt: skip
    effects = realised.decomposition(use, codes, 2023, 2024)
    change = (
        use.filter(pl.col("jaar") == 2024)["bedrag"].sum()
        - use.filter(pl.col("jaar") == 2023)["bedrag"].sum()
    )
    assert math.isclose(sum(effects.values()), change, rel_tol=1e-9, abs_tol=1e-6)


def _euros(text: str) -> float:
    """'€ 1,07 mln' or '€ 84.655' → euros."""
    number = text.removeprefix("€ ").removesuffix(" mln")
    value = float(number.replace(".", "").replace(",", "."))
    return value * 1_000_000 if text.endswith("mln") else value


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(-3e6, 3e6), min_size=4, max_size=4))
def test_the_sentence_adds_up_as_written(values: list[float]) -> None:
    """Each part is written rounded, yet the parts as written add up to the change as
    written: '€ 84.655 meer …; € 77.959 minder …; € 155.160 meer …' makes € 161.856."""
    effects = dict(zip(realised.EFFECTS, values, strict=True))
    sentence = realised.change_takeaway(effects, 2023, 2024, "Testdorp")
    total = _euros(re.search(r"met (€ [0-9.,]+(?: mln)?):", sentence).group(1))
    parts = re.findall(r"(€ [0-9.,]+(?: mln)?) (meer|minder) door", sentence)
    written = sum(_euros(amount) * (1 if way == "meer" else -1) for amount, way in parts)
    assert round(written) == round(total if "stegen" in sentence else -total)
    assert abs(total - abs(sum(values))) <= 10_000


def test_a_region_without_an_export_says_so() -> None:
    """Regio Alkmaar's documents give plans, no use or spend: the page says so."""
    frames = costs.TOPIC.frames(lambda name: extracts.read_extract("regio-alkmaar", name))
    notices = [x.takeaway for x in costs.sections(frames) if isinstance(x, s.Notice)]
    assert realised.NO_USE_DATA in notices


def test_contracten_sets_the_spend_per_agreement_against_the_time_left(
    sources: Path, out: Path
) -> None:
    """Individual support (IB) is bought under the ambulant agreement, foster care (PZ)
    under residential care, crisis care under none; both terms run 2023–2030. Foster care
    has 2 youths: the residential agreement's spend is hidden, on the page, the chart, the
    phone's list and the download."""
    add_family(sources)
    prepare(sources, out)
    frames = contracts.TOPIC.frames(lambda name: read(out, name))
    spent = chart(contracts.sections(frames), "Uitgaven per overeenkomst")
    rows = {r["Overeenkomst"]: r for r in spent.table.iter_rows(named=True)}
    assert set(rows) == {"Jeugdhulp ambulant", "Jeugdhulp verblijf"}
    ambulant = rows["Jeugdhulp ambulant"]
    # (40 + 12 youths × 10 h × € 50 in 2023, 50 + 12 × 10 h × € 55 in 2024) × 4 quarters.
    assert 4 * (52 * 10 * 50 + 62 * 10 * 55) == 240_400
    assert ambulant["Uitgegeven in deze looptijd (€)"] == "€ 240.400"
    assert ambulant["Huidige looptijd"] == "2023 t/m 2030"
    assert ambulant["Looptijd voorbij (%)"] == 25.0  # 731 of 2922 days
    assert ambulant["Nog te gaan"] == "6 jaar"
    assert ambulant["In hetzelfde tempo tot het einde (€)"] == "€ 720.542"  # 240.400/731×2191
    residential = rows["Jeugdhulp verblijf"]
    assert residential["Uitgegeven in deze looptijd (€)"] == "afgeschermd"
    assert residential["In hetzelfde tempo tot het einde (€)"] == "afgeschermd"
    assert residential["Nog te gaan"] == "6 jaar"
    assert [bar.y for bar in spent.figure.data] == [
        ("Jeugdhulp ambulant<br>2023–2030, 25% voorbij",)
    ] * 2
    assert spent.native.categories == ["Jeugdhulp ambulant"]
    assert (
        "**Jeugdhulp verblijf** (2023–2030, 25% voorbij, nog 6 jaar): uitgaven afgeschermd"
        in spent.narrow
    )
    assert "€ 67.200" not in shown(spent.narrow)  # 4 quarters × 2 youths × 80 h × (€ 50 + € 55)
    assert shown(spent.takeaway) == (
        "Tot en met 31 december 2024 ging € 240.400 naar Jeugdhulp ambulant in de looptijd "
        "2023–2030. Die looptijd is voor 25% voorbij (nog 6 jaar); in hetzelfde tempo komt er "
        "tot het einde € 720.542 bij."
    )


def term_rows() -> list[str]:
    """Testdorp in 2023: individual support 40 youths, foster care 7, crisis care 3; in the
    first half of 2024 the same without crisis care (€ 500 a youth a quarter)."""
    quarters = [
        (2023, q, code, n) for q in (1, 2, 3, 4) for code, n in (("IB", 40), ("PZ", 7), ("CR", 3))
    ]
    quarters += [(2024, q, code, n) for q in (1, 2) for code, n in (("IB", 40), ("PZ", 7))]
    return [
        PROVENANCE.format(peildatum=f"{year}-12-31")
        + f"{year},{q},Testdorp,{code},A-1,Zorg B.V.,{n},1,1,90,{n * 10.0},uur,{n * 500.0}"
        for year, q, code, n in quarters
    ]


def test_term_spend_that_kosten_would_complete_is_withheld(sources: Path, out: Path) -> None:
    """Kosten hides 2023's crisis care (3 youths) and, to protect it, foster care (7). The
    residential agreement's term (from 2023) minus Kosten's residential lot so far in 2024
    is foster care in 2023; 2023's total minus individual support minus that is crisis
    care's spend. The reader's sum is done here on what the pages would show; Contracten
    then says why it leaves the spend per agreement out."""
    add_family(sources, term_rows())
    prepare(sources, out)
    frames = contracts.TOPIC.frames(lambda name: read(out, name))
    agreements = spend.per_agreement(
        frames["gebruik"], frames["productcodes"], frames["overeenkomsten"], frames["perioden"]
    )
    term = agreements.filter(pl.col("overeenkomst_id") == "jeugd-verblijf")["uitgegeven"][0]
    kosten = kosten_sections(out)
    lots = {r["Perceel"]: r for r in chart(kosten, "Wat 2024").table.iter_rows(named=True)}
    so_far = lots["Verblijf"]["Uitgegeven t/m kwartaal 2 (€)"]
    year = chart(kosten, "Wat de strategie verwachtte").table.filter(pl.col("Jaar") == 2023)
    categories = chart(kosten, "Jeugdigen en uitgaven per productcategorie in 2023").table
    cells = dict(categories.select("Productcategorie", "Uitgaven (€)").iter_rows())
    assert cells["46 Jeugdhulp crisis"] == "afgeschermd"
    assert cells["44 Jeugdhulp verblijf (excl. behandeling)"] == "afgeschermd"
    support = _euros(cells["45 Jeugdhulp ambulant"])
    crisis = year["Gerealiseerd (€)"][0] - support - (term - so_far)
    assert crisis == 4 * 3 * 500  # the 3 youths' spend, worked out
    assert not disclosure.term_spend_safe(frames["gebruik"], frames["productcodes"], agreements)
    built = contracts.sections(frames)
    assert s.Notice(takeaway=spend.WITHHELD) in built
    assert not [x for x in built if isinstance(x, s.Chart) and x.title.startswith("Uitgaven per")]


def test_term_spend_is_shown_where_kosten_completes_nothing(sources: Path, out: Path) -> None:
    """The same region with crisis care in 2024 too: the residential lot so far holds
    crisis care, and nothing follows."""
    rows = term_rows()
    rows += [
        r.replace("2023,1,Testdorp,CR", "2024,1,Testdorp,CR")
        for r in rows
        if "2023,1,Testdorp,CR" in r
    ]
    add_family(sources, rows)
    prepare(sources, out)
    frames = contracts.TOPIC.frames(lambda name: read(out, name))
    agreements = spend.per_agreement(
        frames["gebruik"], frames["productcodes"], frames["overeenkomsten"], frames["perioden"]
    )
    assert disclosure.term_spend_safe(frames["gebruik"], frames["productcodes"], agreements)
    assert chart(contracts.sections(frames), "Uitgaven per overeenkomst")


def test_a_municipality_sees_its_own_spend_per_agreement(sources: Path, out: Path) -> None:
    """Proefstad chosen on Contracten: its individual support (12 youths) in the ambulant
    term and its foster care (here 7 youths) in the residential one; the title names it.
    (With the usual 2 in foster care, Proefstad's yearly total on Kosten minus its ambulant
    term would give the 2 away: then it sees the region, as the test below shows.)"""
    add_family(
        sources, [r.replace(",PZ,A-1,Zorg B.V.,2,", ",PZ,A-1,Zorg B.V.,7,") for r in use_rows()]
    )
    prepare(sources, out)
    frames = contracts.TOPIC.frames(lambda name: read(out, name))
    spent = chart(contracts.sections(frames, {"gemeente": "Proefstad"}), "Uitgaven per")
    assert spent.title.endswith(": Proefstad")
    rows = {r["Overeenkomst"]: r for r in spent.table.iter_rows(named=True)}
    # 12 youths × 10 h × 4 quarters × (€ 50 in 2023 + € 55 in 2024).
    assert rows["Jeugdhulp ambulant"]["Uitgegeven in deze looptijd (€)"] == 50_400
    # The amounts are still those of 2 youths: 2 × 80 h × 4 quarters × (€ 50 + € 55).
    assert rows["Jeugdhulp verblijf"]["Uitgegeven in deze looptijd (€)"] == 67_200
    assert spent.filename == "uitgaven-per-overeenkomst-proefstad"


def test_a_municipality_whose_total_would_give_its_foster_care_away_sees_the_region(
    sources: Path, out: Path
) -> None:
    """Proefstad's yearly totals on Kosten minus its ambulant term are its foster care over
    the term (2 youths): Proefstad sees the region's spend per agreement, and why."""
    add_family(sources)
    prepare(sources, out)
    frames = contracts.TOPIC.frames(lambda name: read(out, name))
    built = contracts.sections(frames, {"gemeente": "Proefstad"})
    assert s.Notice(takeaway=spend.WITHHELD_MUNICIPAL.format(gemeente="Proefstad")) in built
    assert chart(built, "Uitgaven per").title.endswith(": Testregio")


def municipal_term_rows() -> list[str]:
    """Testdorp as in :func:`term_rows`; Proefstad with individual support (20) and crisis
    care (6) in 2023 and the first half of 2024."""
    places = [
        (year, q, "Proefstad", code, n)
        for year, quarters in ((2023, (1, 2, 3, 4)), (2024, (1, 2)))
        for q in quarters
        for code, n in (("IB", 20), ("CR", 6))
    ]
    return term_rows() + [
        PROVENANCE.format(peildatum=f"{year}-12-31")
        + f"{year},{q},{place},{code},A-1,Zorg B.V.,{n},1,1,90,{n * 10.0},uur,{n * 500.0}"
        for year, q, place, code, n in places
    ]


def test_a_municipality_whose_terms_would_complete_kosten_sees_the_region(
    sources: Path, out: Path
) -> None:
    """The region's terms give nothing away; Testdorp's would: its two terms minus its lots
    so far in 2024 are its 2023 spend per lot, and its 2023 total minus those is its crisis
    care (3 youths), which Kosten hides. Testdorp sees the region's spend, and why."""
    add_family(sources, municipal_term_rows())
    prepare(sources, out)
    frames = contracts.TOPIC.frames(lambda name: read(out, name))
    args = (frames["gebruik"], frames["productcodes"], frames["overeenkomsten"], frames["perioden"])
    municipal = spend.per_municipality(*args).filter(pl.col("gemeente") == "Testdorp")
    terms = dict(municipal.select("perceel", "uitgegeven").iter_rows())
    kosten = kosten_sections(out, gemeente="Testdorp")
    lots = {r["Perceel"]: r for r in chart(kosten, "Wat 2024").table.iter_rows(named=True)}
    so_far = {lot: lots[lot]["Uitgegeven t/m kwartaal 2 (€)"] for lot in terms}
    total = chart(kosten, "Begroting en wat er gebeurde").table["Gerealiseerd (€)"][0]
    crisis = total - sum(terms[lot] - so_far[lot] for lot in terms)
    assert crisis == 4 * 3 * 500  # Testdorp's 3 youths in crisis care in 2023, worked out
    built = contracts.sections(frames, {"gemeente": "Testdorp"})
    notice = spend.WITHHELD_MUNICIPAL.format(gemeente="Testdorp")
    assert s.Notice(takeaway=notice) in built
    assert chart(built, "Uitgaven per").title.endswith(": Testregio")
    proefstad = chart(contracts.sections(frames, {"gemeente": "Proefstad"}), "Uitgaven per")
    assert proefstad.title.endswith(": Testregio")


def test_a_whole_budget_beside_lot_budgets_counts_in_the_total_only(
    sources: Path, out: Path
) -> None:
    """Testdorp budgets per lot, Proefstad as a whole: the forecast's total budget holds
    both, and no lot gets a budget that lacks Proefstad's part."""
    amounts = {(y, q): 1_000_000 for y in (2023, 2024) for q in (1, 2, 3, 4)}
    add_family(sources, spend_rows(amounts | {(2025, 1): 1_000_000}))
    with (sources / REGION / "budget.csv").open("a", encoding="utf-8") as budget:
        budget.write(
            "inkoop-2023,begroting,2025-01-01,gepubliceerd,,2025,Testdorp,ambulant,4000000\n"
            "inkoop-2023,begroting,2025-01-01,gepubliceerd,,2025,Proefstad,,1000000\n"
        )
    prepare(sources, out)
    rows = {
        r["Perceel"]: r
        for r in chart(kosten_sections(out), "Wat 2025 naar verwachting").table.iter_rows(
            named=True
        )
    }
    assert rows["Alle percelen"]["Begroting 2025 (€)"] == 5_000_000
    assert rows["Ambulant"]["Begroting 2025 (€)"] is None


def kpi_part(out: Path, **view: str) -> list[s.Section]:
    frames = transformation.TOPIC.frames(lambda name: read(out, name))
    tabs = next(x for x in transformation.sections(frames, view) if isinstance(x, s.Tabs))
    return next(p for p in tabs.parts if p.id == "kpis").build()


def test_a_municipality_sees_its_own_measures_and_none_the_region_gives_away(
    sources: Path, out: Path
) -> None:
    """Without foster care Proefstad has one trajectory started a quarter: 4 in 2024, shown
    as '< 5'. The region's 12 minus Testdorp's 8 would give those 4 away, so Testdorp's
    inflow is 'afgeschermd'. The residential share is the region's only."""
    add_family(sources, [r for r in use_rows() if ",Proefstad,PZ," not in r])
    prepare(sources, out)

    def measures(**view: str) -> tuple[dict[str, dict], s.Chart]:
        shown = chart(kpi_part(out, **view), "Gemeten uit de eigen gegevens")
        return {r["Meting"]: r for r in shown.table.iter_rows(named=True)}, shown

    testdorp, shown = measures(gemeente="Testdorp")
    assert shown.title == "Gemeten uit de eigen gegevens: Testdorp"
    assert (
        shown.takeaway
        == "In 2024 waren in Testdorp gemiddeld 53 jeugdigen in zorg, tegen 43 in 2023."
    )
    assert testdorp["Jeugdigen in zorg"]["2024"] == "53"
    assert testdorp["Gestarte trajecten (instroom)"]["2024"] == "afgeschermd"
    assert testdorp["Aandeel jeugdigen met verblijf"]["2024"] == "< 5"  # crisis care: 3
    proefstad, _ = measures(gemeente="Proefstad")
    assert proefstad["Gestarte trajecten (instroom)"]["2024"] == "< 5"
    assert proefstad["Jeugdigen in zorg"]["2024"] == "12"
    region, shown = measures()
    assert region["Gestarte trajecten (instroom)"]["2024"] == "12"
    assert region["Jeugdigen in zorg"]["2024"] == "65"
    assert "Aandeel jeugdigen met verblijf" in region
    assert shown.title == "Gemeten uit de eigen gegevens: Testregio"
    # The choice is in the link; an unknown municipality falls back to the region.
    choice = next(x for x in kpi_part(out, gemeente="Testdorp") if isinstance(x, s.Choices))
    assert municipality_choice([choice]).value == "Testdorp"
    unknown = chart(kpi_part(out, gemeente="Elders"), "Gemeten uit de eigen gegevens")
    assert unknown.title == "Gemeten uit de eigen gegevens: Testregio"


def test_one_municipality_under_5_does_not_hide_the_region_s_split(
    sources: Path, out: Path
) -> None:
    """Voorbeeldam has 2 youths: its youths are '< 5' and Proefstad's are hidden to protect
    them (the region's total minus the others), on Transformatie as on Kosten. The region's
    residential share and quadrants stay: the check counts the totals as the pages hide
    them (before, it counted Proefstad's as shown, found Voorbeeldam's 2 in the region's
    total minus the rest, and withheld every split and every municipality's providers)."""
    rows = use_rows()
    add_family(
        sources,
        [*rows, *(r.replace(",Proefstad,PZ,", ",Voorbeeldam,IB,") for r in rows if ",PZ," in r)],
    )
    prepare(sources, out)
    region = chart(kpi_part(out), "Gemeten uit de eigen gegevens").table
    share = region.filter(pl.col("Meting") == "Aandeel jeugdigen met verblijf")["2024"][0]
    assert share not in ("afgeschermd", "< 5"), share
    for place, expected in (("Voorbeeldam", "< 5"), ("Proefstad", "afgeschermd")):
        table = chart(kpi_part(out, gemeente=place), "Gemeten uit de eigen gegevens").table
        youths = table.filter(pl.col("Meting") == "Jeugdigen in zorg")["2024"][0]
        assert youths == expected, place
    frames = transformation.TOPIC.frames(lambda name: read(out, name))
    tabs = next(x for x in transformation.sections(frames, {}) if isinstance(x, s.Tabs))
    quadrants = next(p for p in tabs.parts if p.id == "kwadranten").build()
    assert chart(quadrants, "Strategie en werkelijkheid per kwadrant in 2024")


def test_kpis_are_measured_from_the_export_with_their_trend(sources: Path, out: Path) -> None:
    """Youths per quarter: 57 in 2023 (40 + 3 + 12 + 2), 67 in 2024; 5 of them with
    residential care (crisis care and foster care) in both years."""
    add_family(sources)
    with (sources / REGION / "kpis.csv").open("a", encoding="utf-8") as kpis:
        kpis.write(
            "inkoop-2023,p. 21,2023-01-01,gepubliceerd,,clienten,,Cliënten t.o.v. de start,"
            "procent,omlaag,100,2023,70,2030,,,,jeugdigen_index\n"
            # A KPI with a measurement of its own keeps it.
            "inkoop-2023,p. 21,2023-01-01,gepubliceerd,,verblijf-eigen,,Verblijf (eigen meting),"
            "procent,omlaag,10,2023,5,2030,9,2024,gepubliceerd,aandeel_verblijf\n"
        )
    prepare(sources, out)
    part = kpi_part(out)
    rows = {
        r["Meting"]: r
        for r in chart(part, "Gemeten uit de eigen gegevens").table.iter_rows(named=True)
    }
    assert (rows["Jeugdigen in zorg"]["2023"], rows["Jeugdigen in zorg"]["2024"]) == ("57", "67")
    assert rows["Jeugdigen in zorg"]["Trend"] == "omhoog sinds 2023 (+17,5%)"
    share = rows["Aandeel jeugdigen met verblijf"]
    assert (share["2023"], share["2024"]) == ("8,8%", "7,5%")
    assert share["Trend"] == "omlaag sinds 2023 (−1,3 procentpunt)"
    assert rows["Gemiddelde duur van beëindigde trajecten"]["2024"] == "90 dagen"
    assert rows["Gestarte trajecten (instroom)"]["2024"] == "16"
    progress = chart(part, "Van beginwaarde naar meting").table
    by_kpi = {r["KPI"]: r for r in progress.iter_rows(named=True)}
    clients = by_kpi["Cliënten t.o.v. de start"]
    assert (clients["Meting"], clients["Meetjaar"], clients["Status meting"]) == (
        117.5,
        2024,
        "voorlopig",
    )
    assert clients["Oordeel"] == "beweegt de verkeerde kant op (voorlopige meting)"
    assert "Meting 2024 uit de eigen gegevens van de regio (gebruik)." in clients["Toelichting"]
    assert by_kpi["Verblijf (eigen meting)"]["Meting"] == 9
    # The documents' KPI without a measure still has none.
    assert by_kpi["Gemiddelde doorlooptijd"]["Oordeel"] == "nog geen meting"


def completing_rows() -> list[str]:
    """Use where a split by lot would complete what Kosten hides (see the test below)."""
    return [
        PROVENANCE.format(peildatum=f"{year}-12-31")
        + f"{year},{quarter},{place},{code},A-1,Zorg B.V.,{count},1,1,90,{count * 10.0},uur,"
        + f"{count * 500.0}"
        for year in (2023, 2024)
        for quarter in (1, 2, 3, 4)
        for place, code, count in (
            ("Testdorp", "IB", 8), ("Testdorp", "CR", 3), ("Testdorp", "PZ", 30),
            ("Proefstad", "IB", 12), ("Proefstad", "PZ", 7),
        )
    ]  # fmt: skip


def test_a_split_that_kosten_would_complete_is_withheld(sources: Path, out: Path) -> None:
    """Testdorp: 8 youths with individual support, 3 in crisis care, 30 in foster care;
    Proefstad: 12 and 7. Kosten hides crisis care (3) and, to protect it, individual
    support. But the region's residential youths (40) minus its foster care (37, shown on
    Kosten) would give the 3 away: the residential share and the realised quadrants are
    withheld, for the region and for each municipality, and the quadrant tab says why."""
    add_family(sources, completing_rows())
    prepare(sources, out)
    frames = transformation.TOPIC.frames(lambda name: read(out, name))
    assert not disclosure.splits_safe(frames["gebruik"], frames["productcodes"], 2024)
    for view in ({}, {"gemeente": "Testdorp"}, {"gemeente": "Proefstad"}):
        table = chart(kpi_part(out, **view), "Gemeten uit de eigen gegevens").table
        share = table.filter(pl.col("Meting") == "Aandeel jeugdigen met verblijf").row(
            0, named=True
        )
        assert share["2024"] == "afgeschermd", view
        assert table.filter(pl.col("Meting") == "Jeugdigen in zorg")["2024"][0] != "afgeschermd"
        tabs = next(x for x in transformation.sections(frames, view) if isinstance(x, s.Tabs))
        quadrants = next(p for p in tabs.parts if p.id == "kwadranten").build()
        assert s.Notice(takeaway=measured.WITHHELD_REGION.format(jaar=2024)) in quadrants
        assert not [x for x in quadrants if isinstance(x, s.Chart) and "2024" in x.title]


def test_a_measure_on_fewer_than_5_youths_is_not_shown(sources: Path, out: Path) -> None:
    """Without crisis care only 2 youths a quarter have residential care (foster care)."""
    add_family(sources, [r for r in use_rows() if ",CR," not in r])
    prepare(sources, out)
    table = chart(kpi_part(out), "Gemeten uit de eigen gegevens").table
    share = table.filter(pl.col("Meting") == "Aandeel jeugdigen met verblijf").row(0, named=True)
    assert (share["2023"], share["2024"], share["Trend"]) == ("< 5", "< 5", "–")


def test_transformatie_sets_the_realised_quadrants_beside_the_strategy(
    sources: Path, out: Path
) -> None:
    add_family(sources)
    prepare(sources, out)
    frames = transformation.TOPIC.frames(lambda name: read(out, name))
    tabs = next(x for x in transformation.sections(frames, {}) if isinstance(x, s.Tabs))
    built = next(p for p in tabs.parts if p.id == "kwadranten").build()
    realised_chart = chart(built, "Strategie en werkelijkheid per kwadrant in 2024")
    rows = {r["Kwadrant"]: r for r in realised_chart.table.iter_rows(named=True)}
    # 2024: individual support 62 youths (Testdorp 50, Proefstad 12), € 136.400 of € 174.900.
    support = rows["Ondersteuningsgericht ambulant"]
    # One decimal down the column: '78,0%' beside '92,5%'.
    assert support["Gerealiseerd: aandeel uitgaven"] == "78,0%"
    assert support["Gerealiseerd: aandeel jeugdigen"] == "92,5%"
    assert (
        support["Doel: aandeel budget (%)"]
        == read(out, "kwadranten").filter(
            (pl.col("doelgroep") == "ondersteuningsgericht") & (pl.col("perceel") == "ambulant")
        )["aandeel_budget"][0]
    )
    # Crisis (3 youths) and foster care (2) are hidden: 100% minus 78% would give them away
    # one by one otherwise, but together they are 5.
    for hidden in ("Herstelgericht verblijf", "Ondersteuningsgericht verblijf"):
        assert rows[hidden]["Jeugdigen"] == "< 5"
        assert rows[hidden]["Gerealiseerd: aandeel uitgaven"] == "afgeschermd"
    assert "78% van de uitgaven naar ondersteuningsgericht ambulant" in realised_chart.takeaway


def test_aanbieders_shows_spend_per_provider_and_the_contract_checks(
    sources: Path, out: Path
) -> None:
    extra = [
        PROVENANCE.format(peildatum="2024-12-31")
        + f"2024,{q},Testdorp,IB,{pid},{name},{n},0,0,,{n * 10.0},uur,{n * 550.0}"
        for q in (1, 2, 3, 4)
        for pid, name, n in (("A-2", "Kleine Praktijk", 3), ("A-3", "Middel Zorg", 40))
    ]
    add_family(sources, [*use_rows(), *extra])
    prepare(sources, out)
    frames = providers.TOPIC.frames(lambda name: read(out, name))
    built = providers.sections(frames, {})
    table = chart(built, "Uitgaven en jeugdigen per aanbieder in 2024").table
    rows = {r["Aanbieder"]: r for r in table.iter_rows(named=True)}
    assert rows["Zorg B.V."]["Jeugdigen"] == "67"  # 50 + 3 + 12 + 2 per quarter
    assert rows["Kleine Praktijk"]["Jeugdigen"] == "< 5"
    # Middel Zorg is hidden too: else the total minus the rest would give Kleine Praktijk.
    assert rows["Middel Zorg"]["Jeugdigen"] == "afgeschermd"
    assert rows["Middel Zorg"]["Uitgaven (€)"] == "afgeschermd"
    assert rows["Zorg B.V."]["Grootteklasse"] == "niet in het register"
    # The register of 2023 against the declarations of 2023.
    silent, unknown = declared.checks(read(out, "gebruik"), read(out, "aanbiedersregister"), 2023)
    assert silent == ["Stichting Thuis, Jeugd en Gezin", "Zorg & Co"]
    assert unknown == ["Zorg B.V."]


def provider_rows(spec: list[tuple[str, str, str, str, int]]) -> list[str]:
    """Use per quarter in 2023 and 2024: (municipality, code, provider id, name, youths)."""
    return [
        PROVENANCE.format(peildatum=f"{year}-12-31")
        + f"{year},{quarter},{place},{code},{pid},{name},{n},1,1,90,{n * 10.0},uur,{n * 500.0}"
        for year in (2023, 2024)
        for quarter in (1, 2, 3, 4)
        for place, code, pid, name, n in spec
    ]


def test_aanbieders_per_municipality_where_nothing_small_follows(sources: Path, out: Path) -> None:
    """Zorg B.V. and Crisis B.V. in both municipalities, no count under 5: Proefstad sees
    its own providers."""
    add_family(sources, provider_rows([
        ("Testdorp", "IB", "A-1", "Zorg B.V.", 20), ("Testdorp", "CR", "C-1", "Crisis B.V.", 6),
        ("Proefstad", "IB", "A-1", "Zorg B.V.", 12), ("Proefstad", "CR", "C-1", "Crisis B.V.", 9),
    ]))  # fmt: skip
    prepare(sources, out)
    frames = providers.TOPIC.frames(lambda name: read(out, name))
    built = providers.sections(frames, {"gemeente": "Proefstad"})
    shown = chart(built, "Uitgaven en jeugdigen per aanbieder in 2024: Proefstad")
    rows = {r["Aanbieder"]: r for r in shown.table.iter_rows(named=True)}
    assert (rows["Zorg B.V."]["Jeugdigen"], rows["Crisis B.V."]["Jeugdigen"]) == ("12", "9")
    # The contract checks read the region's register (of 2023): the heading says so.
    of_2023 = providers.sections(frames, {"gemeente": "Proefstad", "peiljaar": "2023"})
    titles = [x.title for x in of_2023 if isinstance(x, s.Text)]
    assert "Voor het contractmanagement (de hele regio)" in titles
    assert shown.filename == "uitgaven-per-aanbieder-2024-proefstad"
    assert municipality_choice(built).value == "Proefstad"


def test_aanbieders_shows_the_region_where_a_municipality_would_give_one_away(
    sources: Path, out: Path
) -> None:
    """Crisis B.V. gives Testdorp individual support (9) and crisis care (3): its 12 there,
    beside Kosten's categories and Zorg B.V.'s 20, would give the 3 away. Testdorp sees the
    region's providers and a sentence that says why."""
    add_family(sources, provider_rows([
        ("Testdorp", "IB", "A-1", "Zorg B.V.", 20), ("Testdorp", "CR", "C-1", "Crisis B.V.", 3),
        ("Testdorp", "IB", "C-1", "Crisis B.V.", 9), ("Proefstad", "IB", "A-1", "Zorg B.V.", 12),
        ("Proefstad", "PZ", "C-1", "Crisis B.V.", 8),
    ]))  # fmt: skip
    prepare(sources, out)
    frames = providers.TOPIC.frames(lambda name: read(out, name))
    built = providers.sections(frames, {"gemeente": "Testdorp"})
    notice = declared.WITHHELD.format(gemeente="Testdorp", jaar=2024)
    assert s.Notice(takeaway=notice) in built
    assert chart(built, "Uitgaven en jeugdigen per aanbieder in 2024: Testregio")


def test_the_second_provider_hidden_is_the_one_with_least_spend(sources: Path, out: Path) -> None:
    """A residential provider with few youths and much money is not the one hidden to
    protect a small provider: the provider with the least spend is."""
    extra = [
        PROVENANCE.format(peildatum="2024-12-31")
        + f"2024,{q},Testdorp,{code},{pid},{name},{n},0,0,,{volume},uur,{amount}"
        for q in (1, 2, 3, 4)
        for pid, name, code, n, volume, amount in (
            ("A-2", "Kleine Praktijk", "IB", 3, 30.0, 1_650.0),
            ("A-3", "Behandelhuis", "PZ", 6, 540.0, 400_000.0),
            ("A-4", "Buurtzorg Jeugd", "IB", 30, 300.0, 16_500.0),
        )
    ]
    add_family(sources, [*use_rows(), *extra])
    prepare(sources, out)
    frames = providers.TOPIC.frames(lambda name: read(out, name))
    table = chart(providers.sections(frames, {}), "Uitgaven en jeugdigen per aanbieder").table
    rows = {r["Aanbieder"]: r for r in table.iter_rows(named=True)}
    assert rows["Kleine Praktijk"]["Jeugdigen"] == "< 5"
    assert rows["Behandelhuis"]["Jeugdigen"] == "6"  # fewest youths shown, but most money
    assert rows["Behandelhuis"]["Uitgaven (€)"] == "€ 1.600.000"
    assert rows["Buurtzorg Jeugd"]["Uitgaven (€)"] == "afgeschermd"


def test_aanbieders_without_counts_or_register_shows_who_declared(sources: Path, out: Path) -> None:
    """A region whose documents give no provider counts and no register still sees what
    its own export says about the providers (found in a trial as a new region)."""
    for name in ("aanbieders_aantallen.csv", "aanbiedersregister.csv"):
        (sources / REGION / name).unlink()
    add_family(sources)
    prepare(sources, out)
    frames = providers.TOPIC.frames(lambda name: read(out, name))
    built = providers.sections(frames, {})
    notices = [x.takeaway for x in built if isinstance(x, s.Notice)]
    assert provider_model.ONLY_DECLARED in notices
    table = chart(built, "Uitgaven en jeugdigen per aanbieder in 2024").table
    assert table.row(0, named=True)["Aanbieder"] == "Zorg B.V."
    assert table.row(0, named=True)["Grootteklasse"] == "niet in het register"
    assert not [x for x in built if x.title == "Voor het contractmanagement"]


def test_a_place_per_quarter_gives_one_source_line(sources: Path, out: Path) -> None:
    """An export that names its place per quarter ('draaitabel 2023 KW1') gets one source
    line under a chart, not one per quarter (a trial made a page 4,300 px long)."""
    rows = [
        r.replace("declaratie-export", f"draaitabel {r.split(',')[5]} KW{r.split(',')[6]}")
        for r in use_rows()
    ]
    add_family(sources, rows)
    prepare(sources, out)
    happened = chart(kosten_sections(out), "Wat de strategie verwachtte")
    note = source_note(happened.rows, read(out, "bronnen"))
    lines = [line for line in note.lines if "draaitabel" in line]
    assert len(lines) == 1
    assert "draaitabel 2023 KW1 tot en met draaitabel 2024 KW4 (8 vindplaatsen)" in lines[0]


def test_a_municipality_s_quadrants_say_whose_spend_they_split(sources: Path, out: Path) -> None:
    add_family(sources)
    prepare(sources, out)
    frames = transformation.TOPIC.frames(lambda name: read(out, name))
    view = {"gemeente": "Testdorp"}
    tabs = next(x for x in transformation.sections(frames, view) if isinstance(x, s.Tabs))
    built = next(p for p in tabs.parts if p.id == "kwadranten").build()
    realised_chart = chart(built, "Strategie en werkelijkheid per kwadrant in 2024: Testdorp")
    # Testdorp's 3 crisis placements hide that quadrant, and its 50 in individual support
    # with it (the only other one): the takeaway says so for Testdorp, not for the region.
    assert realised_chart.takeaway == (
        "In 2024 zijn de kwadranten van Testdorp niet te tonen zonder kleine aantallen te "
        "onthullen."
    )
