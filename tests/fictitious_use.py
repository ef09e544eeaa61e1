"""Fictitious use and spend for the example region (and the national test set).

    python -m tests.fictitious_use            # writes data/sources/voorbeeldregio/

Makes the three sources of the use-and-spend family in the extract contract, clearly
fictitious (status ``illustratief``, source ``fictief-voorbeeld``): the region's own product
codes mapped onto the national categories, aggregated use and spend per quarter,
municipality, product and provider (the providers of the example register, plus one that
declares without a contract), and a budget per year, municipality and lot. The numbers
follow a plausible course: fewer youths in residential care, a little more ambulant care,
prices up with indexation, fewer hours per youth, and a budget overrun in 2024. Small
municipalities and small providers give cells under 5 youths, so the suppression shows.
The same seed gives the same files.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from components.build import schema
from components.transformation import measured

ROOT = Path(__file__).resolve().parents[1]
SOURCE = "fictief-voorbeeld"
STATUS = "illustratief"
NOTE = "Fictief: gegenereerd voor dit dashboard (tests/fictitious_use.py); geen echte cijfers."


@dataclass(frozen=True)
class Product:
    code: str
    name: str
    category: str
    lot: str
    aim: str
    unit: str
    price: float  # euro per unit in the first year
    per_youth: float  # units per youth per quarter in the first year
    share: float  # share of the municipality's youths per quarter
    trend: float  # yearly change of the number of youths


PRODUCTS = (
    Product("VB45-IB", "Individuele begeleiding", "45", "ambulant", "ondersteuningsgericht",
            "uur", 68.0, 22.0, 0.34, 0.03),
    Product("VB45-BH", "Behandeling jeugd-GGZ", "45", "ambulant", "herstelgericht",
            "uur", 112.0, 14.0, 0.30, 0.02),
    Product("VB41-DB", "Dagbehandeling", "41", "ambulant", "herstelgericht",
            "dagdeel", 118.0, 30.0, 0.06, -0.02),
    Product("VB45-GB", "Groepsbegeleiding", "45", "ambulant", "ondersteuningsgericht",
            "dagdeel", 58.0, 26.0, 0.12, 0.01),
    Product("VB43-BG", "Behandelgroep met verblijf", "43", "verblijf", "herstelgericht",
            "etmaal", 365.0, 78.0, 0.03, -0.08),
    Product("VB44-PZ", "Pleegzorg", "44", "verblijf", "ondersteuningsgericht",
            "etmaal", 62.0, 88.0, 0.07, -0.01),
    Product("VB44-GH", "Gezinshuis", "44", "verblijf", "ondersteuningsgericht",
            "etmaal", 205.0, 85.0, 0.02, 0.02),
    Product("VB46-CR", "Crisisopvang", "46", "verblijf", "herstelgericht",
            "etmaal", 410.0, 9.0, 0.01, -0.05),
)  # fmt: skip
#: Youths in care per quarter in the first year, per municipality (about 2% of inhabitants).
MUNICIPALITIES = {"Voorbeeldstad": 1500, "Proefdorp": 260, "Testerveen": 480}
FIRST_YEAR, LAST_YEAR, LAST_QUARTER = 2021, 2026, 3
INDEXATION = 0.038
FEWER_UNITS = 0.015  # fewer units per youth each year
#: A provider that declares without being in the register (a check for contract managers).
UNCONTRACTED = ("VB-900", "Niet Gecontracteerde Jeugdzorg B.V. (fictief)")
#: Per lot, the agreement of the example region's (fictitious) contract calendar.
AGREEMENTS = {"ambulant": "vb-ambulant", "verblijf": "vb-verblijf"}


def _providers(register: Path) -> dict[str, list[tuple[str, str]]]:
    """Providers per lot from the example register, in id order."""
    found: dict[str, dict[str, str]] = {"ambulant": {}, "verblijf": {}}
    with register.open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            found[row["perceel"]][row["aanbieder_id"]] = row["aanbieder"]
    return {lot: sorted(names.items()) for lot, names in found.items()}


def _quarter_end(year: int, quarter: int | None) -> dt.date:
    month = (quarter or 4) * 3
    return dt.date(year, month, 30 if month in (6, 9) else 31)


@dataclass(frozen=True)
class Provenance:
    """What every generated row says about where it comes from."""

    bron: str = SOURCE
    status: str = STATUS
    notitie: str = NOTE
    vindplaats: str = "fictieve declaratie-export"


def family(
    municipalities: dict[str, int],
    providers: dict[str, list[tuple[str, str]]],
    years: range,
    rng: random.Random,
    *,
    last_quarter: int = 4,
    quarterly: bool = True,
    extra_provider: tuple[str, str] | None = None,
    origin: Provenance = Provenance(),
    agreements: dict[str, str] | None = None,
) -> dict[str, list[dict[str, object]]]:
    """Rows of ``productcodes``, ``gebruik`` and ``budget`` (contract column → value; the
    ``regio`` column comes from the folder). ``municipalities``: youths in care per quarter
    in the first year; ``providers``: per lot, (id, name) of the providers that deliver;
    ``agreements``: per lot, the agreement its products are bought under."""

    def row(vindplaats: str, peildatum: dt.date, **values: object) -> dict[str, object]:
        return {"bron": origin.bron, "vindplaats": vindplaats, "peildatum": peildatum,
                "status": origin.status, "notitie": origin.notitie, **values}  # fmt: skip

    codes = [
        row("fictieve productcodelijst", dt.date(years[0], 1, 1), productcode=p.code,
            omschrijving=p.name, productcategorie=p.category, perceel=p.lot, doelgroep=p.aim,
            overeenkomst_id=(agreements or {}).get(p.lot))
        for p in PRODUCTS
    ]  # fmt: skip
    # Each product is delivered by a few providers of its lot, the first ones the largest.
    deliver = {
        p.code: rng.sample(providers[p.lot], k=min(len(providers[p.lot]), rng.randint(2, 6)))
        for p in PRODUCTS
        if providers.get(p.lot)
    }
    if extra_provider and "VB45-IB" in deliver:
        deliver["VB45-IB"].append(extra_provider)
    use: list[dict[str, object]] = []
    spend: dict[tuple[int, str, str], float] = {}
    for year in years:
        step = year - years[0]
        quarters = [q for q in (1, 2, 3, 4) if year < years[-1] or q <= last_quarter]
        for quarter in quarters if quarterly else [None]:
            per = 1 if quarterly else len(quarters)  # a year row holds every quarter's care
            for municipality, youths in municipalities.items():
                for p in PRODUCTS:
                    if p.code not in deliver:
                        continue
                    total = youths * p.share * (1 + p.trend) ** step * rng.uniform(0.94, 1.06)
                    weights = [1 / (i + 1) for i in range(len(deliver[p.code]))]
                    for (provider_id, provider), weight in zip(
                        deliver[p.code], weights, strict=True
                    ):
                        count = round(total * weight / sum(weights))
                        if count == 0:
                            continue
                        units = per * count * p.per_youth * (1 - FEWER_UNITS) ** step
                        units *= rng.uniform(0.9, 1.1)
                        amount = units * p.price * (1 + INDEXATION) ** step
                        if year == 2024:
                            amount *= 1.06  # the overrun the budget did not foresee
                        started = round(per * count * rng.uniform(0.18, 0.3))
                        ended = round(per * count * rng.uniform(0.17, 0.3))
                        days = round(p.per_youth * rng.uniform(2.5, 4.5), 1) if ended else None
                        use.append(row(
                            f"{origin.vindplaats}, per {'kwartaal' if quarterly else 'jaar'}",
                            _quarter_end(year, quarter if quarterly else quarters[-1]),
                            jaar=year, kwartaal=quarter, gemeente=municipality,
                            productcode=p.code, aanbieder_id=provider_id, aanbieder=provider,
                            jeugdigen=count, trajecten_gestart=started, trajecten_beeindigd=ended,
                            duur_beeindigd_dagen=days, volume=round(units, 1), eenheid=p.unit,
                            bedrag=round(amount, 2),
                        ))  # fmt: skip
                        key = (year, municipality, p.lot)
                        spend[key] = spend.get(key, 0.0) + amount
    budget = []
    for (year, municipality, lot), amount in sorted(spend.items()):
        if year == years[-1]:
            amount = amount / last_quarter * 4  # a budget for the whole year
        planned = amount / (1.06 if year == 2024 else 1.0) * rng.uniform(0.97, 1.02)
        budget.append(
            row("fictieve begroting", dt.date(year, 1, 1), jaar=year, gemeente=municipality,
                perceel=lot, bedrag=round(planned, -3))
        )  # fmt: skip
    return {"productcodes": codes, "gebruik": use, "budget": budget}


def kpi_rows(codes: list[dict], use: list[dict]) -> list[dict[str, object]]:
    """KPIs measured from ``use``, their baseline its first year, targets for 2028."""
    first = measured.per_year(pl.DataFrame(use), pl.DataFrame(codes)).row(0, named=True)
    year = first["jaar"]
    kpis = (
        ("vb-jeugdigen", "Jeugdigen in zorg, in % van " + str(year), "procent", "omlaag",
         100.0, 90.0, "jeugdigen_index"),
        ("vb-verblijf", "Aandeel jeugdigen met verblijf", "procent", "omlaag",
         round(first["aandeel_verblijf"], 1), round(first["aandeel_verblijf"] - 3, 1),
         "aandeel_verblijf"),
        ("vb-duur", "Gemiddelde duur van beëindigde trajecten, in dagen", "aantal", "omlaag",
         round(first["duur_beeindigd"]), round(first["duur_beeindigd"] * 0.85), "duur_beeindigd"),
        ("vb-uitstroom", "Beëindigde trajecten per jaar (uitstroom)", "aantal", "omhoog",
         float(first["uitstroom"]), None, "uitstroom"),
    )  # fmt: skip
    return [
        {"bron": SOURCE, "vindplaats": "fictieve KPI's", "peildatum": dt.date(year + 1, 1, 1),
         "status": STATUS, "notitie": NOTE, "kpi_id": kpi_id, "kpi": name, "eenheid": unit,
         "gewenste_richting": direction, "basiswaarde": base, "basisjaar": year,
         "streefwaarde": target, "streefjaar": 2028 if target is not None else None,
         "meting": measure}
        for kpi_id, name, unit, direction, base, target, measure in kpis
    ]  # fmt: skip


def write(folder: Path, register: Path, seed: int = 2026) -> None:
    """Write the example region's productcodes.csv, gebruik.csv, budget.csv and kpis.csv."""
    rows = family(
        MUNICIPALITIES,
        _providers(register),
        range(FIRST_YEAR, LAST_YEAR + 1),
        random.Random(seed),
        last_quarter=LAST_QUARTER,
        extra_provider=UNCONTRACTED,
        agreements=AGREEMENTS,
    )
    rows["kpis"] = kpi_rows(rows["productcodes"], rows["gebruik"])
    for name, records in rows.items():
        columns = [c for c in schema.columns(schema.REGION_EXTRACTS[name]) if c != "regio"]
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as file:
            out = csv.writer(file)
            out.writerow(columns)
            out.writerows(["" if r.get(c) is None else str(r[c]) for c in columns] for r in records)


def main(argv: Sequence[str] | None = None) -> int:
    folder = ROOT / "data" / "sources" / "voorbeeldregio"
    write(folder, folder / "aanbiedersregister.csv")
    print(f"geschreven: {folder}/productcodes.csv, gebruik.csv, budget.csv, kpis.csv")
    return 0


if __name__ == "__main__":
    sys.exit(main())
