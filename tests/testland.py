"""A second, fictitious region shaped as a new region would bring it (issue #21).

'Regio Testland (fictief)' has three municipalities and no documents: only its own export of
use and spend. It is shaped unlike the example region in ``data/sources/voorbeeldregio``:

- ``gebruik.xlsx``: an Excel export with number cells, per quarter from 2022 K1 to 2025 K2,
  with the region's own iJW-style product codes (54001, 41A03, ...) and a source place per
  quarter ("draaitabel declaraties 2024 K3"); the 2025 quarters are provisional;
- ``productcodes.csv`` and ``budget.csv``: Dutch-Excel CSV with ';';
- a budget per lot (ambulant, verblijf), per municipality and year;
- one small provider ('Praktijk De Kleine Stap') with fewer than 5 youths per quarter.

The figures are random but fixed (seeded). Usage: ``python -m tests.testland <map>``.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

import openpyxl

REGION = "regio-testland"
NAME = "Regio Testland (fictief)"
SOURCE = "testland-declaraties-2025"
MUNICIPALITIES = {"'s-Testenbosch": 1.0, "Proefwijk": 0.35, "Sint-Voorbeeldrode": 0.2}
#: (code, description, category, lot, aim (AIMS), unit, rate, share of youths, volume per
#: youth per quarter)
AIMS = {"H": "herstelgericht", "O": "ondersteuningsgericht"}
PRODUCTS = [
    ("54001", "Individuele begeleiding basis", "45", "ambulant", "O", "uur", 62.40, 0.30, 18),
    ("54002", "Specialistische begeleiding", "45", "ambulant", "O", "uur", 78.10, 0.12, 22),
    ("54005", "Groepsbegeleiding", "45", "ambulant", "O", "dagdeel", 41.00, 0.08, 20),
    ("55001", "Behandeling jeugd-GGZ", "45", "ambulant", "H", "uur", 112.50, 0.22, 12),
    ("55010", "Diagnostiek", "45", "ambulant", "H", "uur", 118.00, 0.08, 8),
    ("41A03", "Dagbehandeling", "41", "ambulant", "H", "dag", 165.00, 0.04, 30),
    ("43001", "Behandelgroep met verblijf", "43", "verblijf", "H", "etmaal", 395.00, 0.02, 70),
    ("44001", "Pleegzorg", "44", "verblijf", "O", "etmaal", 58.00, 0.09, 85),
    ("44A10", "Gezinshuis", "44", "verblijf", "O", "etmaal", 215.00, 0.03, 80),
    ("46001", "Crisisopvang", "46", "verblijf", "H", "etmaal", 480.00, 0.02, 10),
]
#: (id, name, the products it delivers, weight); weight 0: a handful of youths only.
PROVIDERS = [
    ("TL-0101", "Jeugdformaat Testland", {"54001", "54002", "54005", "55001", "55010"}, 0.35),
    ("TL-0102", "GGZ Kind & Gezin Zuid", {"55001", "55010", "41A03"}, 0.25),
    ("TL-0103", "Stichting Pleegzorg Testland", {"44001", "44A10"}, 1.0),
    ("TL-0104", "Het Behandelhuis", {"43001", "46001", "41A03"}, 0.7),
    ("TL-0105", "Buurtzorg Jong Testland", {"54001", "54002", "54005"}, 0.4),
    ("TL-0106", "Praktijk De Kleine Stap", {"55001"}, 0.0),
]
SMALL_PROVIDER = "Praktijk De Kleine Stap"
BASE_YOUTHS = 820  # the largest municipality, per quarter, all products
PROVENANCE = ["bron", "vindplaats", "peildatum", "status", "notitie"]
USE_COLUMNS = [
    *PROVENANCE,
    *("jaar", "kwartaal", "gemeente", "productcode", "aanbieder_id", "aanbieder", "jeugdigen"),
    *("trajecten_gestart", "trajecten_beeindigd", "duur_beeindigd_dagen", "volume", "eenheid"),
    "bedrag",
]
CODE_COLUMNS = [
    *PROVENANCE,
    "productcode",
    "omschrijving",
    "productcategorie",
    "perceel",
    "deelperceel",
    "doelgroep",
    "overeenkomst_id",
]
QUARTER_ENDS = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}
PERIODS = [(y, q) for y in range(2022, 2026) for q in range(1, 5) if (y, q) <= (2025, 2)]


def _csv(path: Path, rows: list[list[object]], delimiter: str = ",") -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)


def _use_rows(rnd: random.Random) -> list[list[object]]:
    rows = []
    for year, quarter in PERIODS:
        step = (year - 2022) * 4 + quarter - 1
        growth = 1 + 0.012 * step  # slowly more youths
        price = 1.045 ** (year - 2022)  # yearly indexation
        for place, size in MUNICIPALITIES.items():
            for code, _, _, _, _, unit, rate, share, per_youth in PRODUCTS:
                delivering = [p for p in PROVIDERS if code in p[2]]
                weights = sum(p[3] for p in delivering)
                total = BASE_YOUTHS * size * share * growth * rnd.uniform(0.93, 1.07)
                for provider_id, provider, _, weight in delivering:
                    if weight == 0.0:
                        if place != "'s-Testenbosch":
                            continue
                        youths = rnd.randint(1, 4)
                    else:
                        youths = round(total * weight / weights)
                    if youths == 0:
                        continue
                    volume = round(youths * per_youth * rnd.uniform(0.85, 1.15), 1)
                    ended = round(youths * rnd.uniform(0.15, 0.3))
                    started = round(youths * rnd.uniform(0.15, 0.3))
                    duration = round(rnd.uniform(120, 300), 1) if ended else None
                    rows.append(
                        [
                            SOURCE,
                            f"draaitabel declaraties {year} K{quarter}",
                            f"{year}-{QUARTER_ENDS[quarter]}",
                            "voorlopig" if year == 2025 else "gepubliceerd",
                            None,
                            year,
                            quarter,
                            place,
                            int(code) if code.isdigit() else code,
                            provider_id,
                            provider,
                            youths,
                            started,
                            ended,
                            duration,
                            volume,
                            unit,
                            round(volume * rate * price, 2),
                        ]
                    )
    return rows


def write(folder: Path) -> Path:
    """Write the region's five source files into ``folder``; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(20251205)
    _csv(
        folder / "bronnen.csv",
        [
            ["bron", "titel", "organisatie", "datum", "vindplaats_document", "toelichting"],
            [
                SOURCE,
                "Declaratie-export jeugdhulp (iJW), samengevoegd per kwartaal, en begroting",
                NAME,
                "2025-07-15",
                "declaraties_testland_2022-2025Q2.xlsx",
                "Fictieve proefregio voor een gebruikerstest; geen echte cijfers.",
            ],
        ],
    )
    _csv(
        folder / "regio.csv",
        [
            [
                *PROVENANCE,
                "naam",
                "organisatie",
                "gemeenten",
                "aantal_gemeenten",
                "fictief",
                "vergelijk_met",
            ],
            [
                SOURCE,
                "colofon",
                "2025-01-01",
                "illustratief",
                "Fictieve regio.",
                NAME,
                "Inkoopbureau Testland (fictief)",
                "; ".join(MUNICIPALITIES),
                len(MUNICIPALITIES),
                "true",
                "",
            ],
        ],
    )
    _csv(
        folder / "productcodes.csv",
        [CODE_COLUMNS]
        + [
            [
                SOURCE,
                "productcodelijst 2022",
                "2022-01-01",
                "gepubliceerd",
                "",
                code,
                name,
                category,
                lot,
                "",
                AIMS[aim],
                "",
            ]
            for code, name, category, lot, aim, *_ in PRODUCTS
        ],
        delimiter=";",
    )
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Declaraties"
    sheet.append(USE_COLUMNS)
    for row in _use_rows(rnd):
        sheet.append(row)
    for letter in ("O", "P", "R"):  # duration, volume, amount: as an export formats them
        for cell in sheet[letter][1:]:
            cell.number_format = "#,##0.00"
    book.save(folder / "gebruik.xlsx")
    _csv(
        folder / "budget.csv",
        [[*PROVENANCE, "jaar", "gemeente", "perceel", "bedrag"]]
        + [
            [
                SOURCE,
                f"programmabegroting {year}, jeugd",
                f"{year}-01-01",
                "gepubliceerd",
                "",
                year,
                place,
                lot,
                int(round(base * size * 1.04 ** (year - 2022), -3)),
            ]
            for year in range(2022, 2026)
            for place, size in MUNICIPALITIES.items()
            for lot, base in (("ambulant", 4_050_000), ("verblijf", 5_500_000))
        ],
        delimiter=";",
    )
    return folder


if __name__ == "__main__":
    written = write(Path(sys.argv[1]))
    print("geschreven:", ", ".join(sorted(p.name for p in written.iterdir())))
