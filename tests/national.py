"""A national-scale, clearly fictitious extract set in the real extract contract.

    python -m tests.national [--out MAP] [--regions 40] [--municipalities 342]
                                  [--providers 5000] [--years 10] [--register-years 10]

Writes what a national roll-out would hold: about 342 municipalities in about 40 regions,
about 5,000 providers (each contracted by one or more regions, with their sub-lots, per
year), ten years of costs per region and municipality, every agreement of every region
with its periods, and everything else a region brings. Every region is called
"Fictieve regio NN" and has ``fictief = true``; every figure has status ``illustratief``
and names the same source: "synthetic data for the performance test".

It goes through the same path as real data: it writes CSV sources into a temporary folder
and runs :func:`components.build.prepare.prepare` on them, so the set is validated against the
contract and the cross-checks exactly like a region's own files. The output folder
defaults to a folder under the OS temp dir and may never be ``data/extracts``; open it
with ``JEUGDHULP_DATA=<map> streamlit run components/web/server.py`` or
``python -m tests.perf.benchmark --data <map>``. The same seed gives the same set.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from components.build import prepare, schema
from components.costs import model as costmodel
from tests import fictitious_use

DEFAULT_OUT = Path(tempfile.gettempdir()) / "jeugdhulp-nationaal"
REAL_SOURCES = prepare.DEFAULT_SOURCES
SOURCE_ID = "synthetisch-nationaal"
STATUS = "illustratief"
NOTE = "Fictief: synthetisch gegenereerd voor de prestatietest; geen echte cijfers."
WHERE = "gegenereerd door tests/national.py"
PEILDATUM = dt.date(2025, 1, 1)
LAST_YEAR = 2025

SIZE_WEIGHTS = {"groot": 0.06, "klein": 0.60, "vrijgevestigd": 0.34}
#: How many regions a provider of each size class works for (inclusive range).
REGIONS_PER_SIZE = {"groot": (4, 20), "klein": (1, 5), "vrijgevestigd": (1, 2)}
#: Sub-lots per lot with the chance that a provider of that lot offers it.
SUB_LOTS = {
    "ambulant": {
        "Herstelgericht": 0.6,
        "Ondersteuningsgericht": 0.5,
        "Consultatie": 0.4,
        "Dyslexie": 0.06,
        "Crisisopvang": 0.03,
    },
    "verblijf": {
        "Behandelgroepen": 0.35,
        "Gezinshuizen": 0.3,
        "Logeren": 0.3,
        "Zelfstandigheidstraining/Kamertrainingscentrum (KTC)": 0.3,
        "Pleegzorg": 0.15,
        "Crisisopvang": 0.1,
        "Klinische jeugd GGZ (besloten)": 0.08,
        "Klinische jeugd GGZ (gesloten)": 0.04,
        "Drie-milieuvoorziening": 0.03,
    },
}
#: (id, name, domain) of the agreements every region has, as in regio Alkmaar's table.
AGREEMENTS = (
    ("jeugd-ambulant", "Ambulante jeugdhulp", "jeugd"),
    ("jeugd-verblijf", "Jeugdhulp met verblijf", "jeugd"),
    ("jeugd-gedwongen-kader", "Gedwongen kader", "jeugd"),
    ("jeugd-jeugdzorg-plus", "Jeugdzorg Plus", "jeugd"),
    ("jeugd-crisisdienst", "Crisisdienst", "jeugd"),
    ("jeugd-veilig-thuis", "Veilig Thuis", "jeugd"),
    ("wmo-begeleiding", "Begeleiding", "wmo"),
    ("wmo-huishoudelijke-hulp", "Huishoudelijke hulp", "wmo"),
    ("wmo-beschermd-thuis", "Beschermd thuis", "wmo"),
    ("wmo-beschermd-wonen", "Beschermd wonen", "wmo"),
    ("wmo-hulpmiddelen", "Hulpmiddelen", "wmo"),
    ("wmo-regiotaxi", "Regiotaxi", "wmo"),
    ("wmo-leerlingenvervoer", "Leerlingenvervoer", "wmo"),
)
GOALS = (
    ("zwaar-naar-licht", "Van zwaar naar licht", "Lichtere hulp waar het kan."),
    ("minder-instroom", "Minder instroom, meer uitstroom", "Minder kinderen in jeugdhulp."),
    ("kort-en-licht", "Zo kort en licht als mogelijk", "Niet langer hulp dan nodig."),
    ("thuis", "Zo thuis mogelijk", "Minder verblijf, meer hulp thuis."),
    ("voorliggend-veld", "Meer in het voorliggend veld", "Hulp via school en wijkteam."),
    ("minder-aanbieders", "Minder, sterkere aanbieders", "Strengere kwaliteitseisen."),
)
SEGMENTS = (
    ("crisis", "Crisis", "taakgericht"),
    ("specialistisch", "Specialistische jeugdhulp", "pxq;hybride"),
    ("verblijf", "Verblijf", "pxq"),
    ("ambulant", "Ambulante jeugdhulp", "pxq"),
    ("dyslexie", "Dyslexie", "pxq"),
    ("voorliggend", "Voorliggend veld", "subsidie"),
    ("wijkteam", "Wijkteams", "taakgericht;subsidie"),
)


#: The extracts of the cost model, left empty with ``--no-cost-model``.
COST_MODEL = ("kosten", "kosteneffecten", "kostenaannames")


@dataclass(frozen=True)
class Scale:
    """How big the set is. The defaults are the national scale of issue 9."""

    regions: int = 40
    municipalities: int = 342
    providers: int = 5000
    years: int = 10
    register_years: int = 10
    seed: int = 2026
    #: False: no cost model (curve, assumptions, effects), as in the example region, so that
    #: Kosten shows the same sections as there and only the amount of data differs.
    cost_model: bool = True

    def __post_init__(self) -> None:
        if self.regions < 1 or self.municipalities < self.regions:
            raise ValueError("minstens één regio en één gemeente per regio nodig")
        if self.providers < self.regions:
            raise ValueError("minstens één aanbieder per regio nodig")
        if not 1 <= self.years <= 50 or not 1 <= self.register_years <= 50:
            raise ValueError("het aantal jaren en registerjaren moet tussen 1 en 50 liggen")


@dataclass(frozen=True)
class Provider:
    """A fictitious provider: size class, lots with sub-lots, and the regions it works for."""

    aanbieder_id: str
    name: str
    size: str
    lots: dict[str, tuple[str, ...]]
    regions: tuple[int, ...]


@dataclass(frozen=True)
class Region:
    """One fictitious region and its municipalities."""

    index: int
    municipalities: tuple[str, ...]

    @property
    def regio_id(self) -> str:
        return f"fictieve-regio-{self.index:02d}"

    @property
    def name(self) -> str:
        return f"Fictieve regio {self.index:02d}"


# --- the national picture -------------------------------------------------------------------


def split(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` spread over ``parts`` uneven, positive shares that add up exactly."""
    weights = [rng.uniform(0.4, 1.8) for _ in range(parts)]
    spare = total - parts  # every part gets at least one
    raw = [spare * w / sum(weights) for w in weights]
    shares = [int(r) for r in raw]
    by_remainder = sorted(range(parts), key=lambda i: raw[i] - shares[i], reverse=True)
    for i in by_remainder[: spare - sum(shares)]:
        shares[i] += 1
    return [s + 1 for s in shares]


def make_regions(scale: Scale, rng: random.Random) -> list[Region]:
    """Regions numbered from 01, each with its own fictitious municipalities."""
    regions, number = [], 1
    for index, size in enumerate(split(scale.municipalities, scale.regions, rng), start=1):
        names = tuple(f"Fictieve gemeente {n:03d}" for n in range(number, number + size))
        regions.append(Region(index, names))
        number += size
    return regions


def _lots(rng: random.Random) -> dict[str, tuple[str, ...]]:
    draw = rng.random()
    chosen = ["ambulant"] if draw < 0.75 else ["verblijf"] if draw < 0.87 else list(SUB_LOTS)
    lots = {}
    for lot in chosen:
        subs = [name for name, chance in SUB_LOTS[lot].items() if rng.random() < chance]
        lots[lot] = tuple(subs or [next(iter(SUB_LOTS[lot]))])
    return lots


def _pick_regions(count: int, weights: list[int], rng: random.Random) -> tuple[int, ...]:
    """``count`` distinct regions, larger regions more likely (they buy more care)."""
    chosen: set[int] = set()
    while len(chosen) < min(count, len(weights)):
        chosen.add(rng.choices(range(len(weights)), weights=weights)[0])
    return tuple(sorted(chosen))


def make_providers(scale: Scale, regions: list[Region], rng: random.Random) -> list[Provider]:
    """Every provider works for at least one region; each region has at least one provider."""
    weights = [len(r.municipalities) for r in regions]
    providers = []
    for number in range(1, scale.providers + 1):
        size = rng.choices(list(SIZE_WEIGHTS), weights=list(SIZE_WEIGHTS.values()))[0]
        low, high = REGIONS_PER_SIZE[size]
        picked = _pick_regions(rng.randint(low, high), weights, rng)
        if number <= len(regions):  # the first providers guarantee every region has one
            picked = tuple(sorted({*picked, number - 1}))
        providers.append(
            Provider(
                f"fa-{number:05d}", f"Fictieve aanbieder {number:04d}", size, _lots(rng), picked
            )
        )
    return providers


# --- one region's sources ---------------------------------------------------------------------


def _figure(**row: object) -> dict[str, object]:
    """A source row with the provenance every figure carries."""
    return {
        "bron": SOURCE_ID,
        "vindplaats": WHERE,
        "peildatum": PEILDATUM,
        "status": STATUS,
        "notitie": NOTE,
        **row,
    }


def register_rows(
    region: Region, providers: list[Provider], scale: Scale, rng: random.Random
) -> list[dict[str, object]]:
    """One row per provider, lot, sub-lot and year the provider is contracted."""
    first = LAST_YEAR - scale.register_years + 1
    rows = []
    for provider in providers:
        start = first if rng.random() < 0.7 else rng.randint(first, LAST_YEAR)
        end = LAST_YEAR if rng.random() < 0.85 else rng.randint(start, LAST_YEAR)
        for year in range(start, end + 1):
            for lot, subs in provider.lots.items():
                rows += [
                    _figure(
                        jaar=year,
                        aanbieder_id=provider.aanbieder_id,
                        aanbieder=provider.name,
                        domein="jeugd",
                        perceel=lot,
                        deelperceel=sub,
                        grootteklasse=provider.size,
                    )
                    for sub in subs
                ]
    return rows


def count_rows(register: list[dict[str, object]]) -> list[dict[str, object]]:
    """Published counts for the last register year, derived from the register.

    Lots count providers holding that lot (a provider with both is also 'combinatie'), as
    regio Alkmaar's slide does, so the lots add up to more than the total there too.
    """
    year = max(int(r["jaar"]) for r in register)
    latest = [r for r in register if r["jaar"] == year]
    lots: dict[str, set[str]] = {}
    sizes: dict[str, set[str]] = {}
    subs: dict[tuple[str, str], set[str]] = {}
    for r in latest:
        lots.setdefault(str(r["perceel"]), set()).add(str(r["aanbieder_id"]))
        sizes.setdefault(str(r["grootteklasse"]), set()).add(str(r["aanbieder_id"]))
        subs.setdefault((str(r["perceel"]), str(r["deelperceel"])), set()).add(
            str(r["aanbieder_id"])
        )
    both = lots.get("ambulant", set()) & lots.get("verblijf", set())
    everyone = {str(r["aanbieder_id"]) for r in latest}
    cells = [(None, None, None, everyone)]
    cells += [(lot, None, None, ids) for lot, ids in sorted(lots.items())]
    cells += [("combinatie", None, None, both)] if both else []
    cells += [(None, None, size, ids) for size, ids in sorted(sizes.items())]
    cells += [(lot, sub, None, ids) for (lot, sub), ids in sorted(subs.items())]
    return [
        _figure(
            jaar=year,
            domein="jeugd",
            perceel=lot,
            deelperceel=sub,
            grootteklasse=size,
            aantal=len(ids),
            telt="aanbieders",
        )
        for lot, sub, size, ids in cells
    ]


def key_figure_rows(region: Region, providers: int, rng: random.Random) -> list[dict[str, object]]:
    """The overview's key figures, in proportions like regio Alkmaar's."""
    inhabitants = sum(rng.randint(8_000, 160_000) for _ in region.municipalities)
    children = round(inhabitants * rng.uniform(0.025, 0.04))
    youth_turnover = round(children * rng.uniform(7_500, 10_000), -5)
    figures = [
        ("inwoners", "Inwoners in de regio", inhabitants, "aantal", None),
        ("jeugdigen_in_zorg", "Kinderen die jeugdzorg krijgen", children, "aantal", None),
        ("omzet_jeugd", "Omzet jeugdzorg", youth_turnover, "euro", None),
        ("omzet_wmo", "Omzet Wmo", round(youth_turnover * 0.4, -5), "euro", None),
        ("aanbieders_jeugd", "Gecontracteerde aanbieders jeugdhulp", providers, "aantal", None),
        (
            "aanbieders_wmo",
            "Gecontracteerde aanbieders Wmo",
            round(providers * 0.6),
            "aantal",
            None,
        ),
        ("betaalovereenkomsten", "Betaalovereenkomsten", round(providers * 0.7), "aantal", "ruim"),
        (
            "contractmanagementgesprekken",
            "Contractmanagementgesprekken",
            round(providers * 2.4),
            "aantal",
            None,
        ),
        ("looptijd_contract", "Looptijd contracten jeugdhulp", 8, "jaar", None),
    ]
    on_overview = 8  # all but the contract length, as regio Alkmaar's overview
    return [
        _figure(kengetal=k, label=label, waarde=float(v), eenheid=unit, kwalificatie=q, jaar=None,
                toon_op="overzicht" if i <= on_overview else None,
                volgorde=i if i <= on_overview else None)
        for i, (k, label, v, unit, q) in enumerate(figures, start=1)
    ]  # fmt: skip


def agreement_rows(
    region: Region, counts: dict[str, int], rng: random.Random
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Every agreement of the region and its periods, one after the other, never overlapping."""
    agreements, periods = [], []
    for order, (agreement_id, name, domain) in enumerate(AGREEMENTS, start=1):
        agreements.append(
            _figure(
                overeenkomst_id=agreement_id,
                overeenkomst=name,
                domein=domain,
                volgorde=order,
                aantal_contracten=counts.get(agreement_id, rng.randint(1, 15)),
                aantal_gemeenten=len(region.municipalities),
            )
        )
        periods += period_rows(agreement_id, rng)
    return agreements, periods


def period_rows(agreement_id: str, rng: random.Random) -> list[dict[str, object]]:
    """A contract history: a term, perhaps a bridging year, a new term, options, an open end."""
    year = rng.randint(2015, 2018)
    plan = [("looptijd", rng.randint(3, 4))]
    if rng.random() < 0.4:
        plan.append(("overbrugging", 1))
    plan += [("looptijd", rng.randint(4, 8))] + [("optie", rng.randint(1, 4))] * rng.randint(0, 2)
    rows = []
    for kind, length in plan:
        end = year + length - 1
        label = "Optie" if kind == "optie" else f"{year}-{end}" if length > 1 else str(year)
        rows.append(_period(agreement_id, kind, dt.date(year, 1, 1), dt.date(end, 12, 31), label))
        year = end + 1
    if rng.random() < 0.15:
        kind = rng.choice(("overdracht", "inkooptraject"))
        rows.append(_period(agreement_id, kind, dt.date(year, 1, 1), None, f"{kind} vanaf {year}"))
    return rows


def _period(
    agreement_id: str, kind: str, start: dt.date, end: dt.date | None, label: str
) -> dict[str, object]:
    return _figure(overeenkomst_id=agreement_id, soort=kind, start=start, einde=end, label=label)


def phase_rows(rng: random.Random) -> list[dict[str, object]]:
    """The phases of the long contract and three roadmap milestones."""
    start = rng.randint(2021, 2024)
    spans = [
        ("voorbereiding", "fase", "Voorbereidingsfase", start - 1, start - 1),
        ("fase-1", "fase", "Transformatiefase 1", start, start + 2),
        ("fase-2", "fase", "Transformatiefase 2", start + 3, start + 7),
        ("verlenging", "fase", "Mogelijke verlenging", start + 8, start + 11),
        ("analyse", "mijlpaal", "Analyse", start, start + 1),
        ("evaluatie", "mijlpaal", "Evaluatie", start + 2, start + 2),
        ("contracten-fase-2", "mijlpaal", "Contracten fase 2", start + 3, start + 3),
    ]
    return [
        _figure(
            fase_id=phase_id,
            soort=kind,
            naam=name,
            start=dt.date(first, 1, 1),
            einde=dt.date(last, 12, 31),
            opgave="Fictieve opgave van deze fase." if kind == "fase" else None,
            impact=None,
            volgorde=order,
        )
        for order, (phase_id, kind, name, first, last) in enumerate(spans, start=1)
    ]


def goal_rows(rng: random.Random) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Procurement goals, the shifts, and one KPI per goal with target and realisation."""
    goals = [
        _figure(doel_id=goal_id, soort="inkoopdoel", titel=title, betekenis=meaning, volgorde=i)
        for i, (goal_id, title, meaning) in enumerate(GOALS, start=1)
    ]
    kpis = []
    for goal_id, title, _ in GOALS:
        base = round(rng.uniform(40, 160), 1)
        measured = rng.random() < 0.7
        kpis.append(
            _figure(
                kpi_id=f"kpi-{goal_id}",
                doel_id=goal_id,
                kpi=f"Index {title.lower()} (fictief)",
                eenheid="aantal",
                gewenste_richting="omlaag",
                basiswaarde=base,
                basisjaar=2022,
                streefwaarde=round(base * rng.uniform(0.6, 0.9), 1),
                streefjaar=2030,
                realisatie=round(base * rng.uniform(0.8, 1.1), 1) if measured else None,
                realisatiejaar=2024 if measured else None,
                realisatie_status=STATUS if measured else None,
            )
        )
    return goals, kpis


def quadrant_rows(
    rng: random.Random,
) -> tuple[list[dict[str, object]], list[int], list[int]]:
    """The four quadrants and their budget and client shares (each adds up to exactly 100)."""
    budget = split(100, 4, rng)
    clients = split(100, 4, rng)
    rows = [
        _figure(
            kwadrant_id=quadrant_id,
            doelgroep=aim,
            perceel=lot,
            producten=None,
            aandeel_budget=float(budget[i]),
            aandeel_clienten=float(clients[i]),
            richting=None,
            opgave_fase1=None,
            opgave_fase2=None,
        )
        for i, (quadrant_id, aim, lot) in enumerate(costmodel.QUADRANTS)
    ]
    return rows, budget, clients


def escalation_rows() -> list[dict[str, object]]:
    """Five steps and two outcomes of the escalation model."""
    steps = [
        (1, "stap", "Signaleren"),
        (2, "stap", "Verbeterplan"),
        (3, "stap", "Monitoren"),
        (4, "stap", "Bestuurlijk overleg"),
        (5, "stap", "Maatregelen"),
        (6, "uitkomst", "Verbetering"),
        (7, "uitkomst", "Einde contract"),
    ]
    return [
        _figure(stap=n, soort=kind, titel=title, omschrijving=f"{title} (fictief voorbeeld).")
        for n, kind, title in steps
    ]


def segment_rows() -> list[dict[str, object]]:
    """Seven segments with funding models, as a segment-based region has."""
    return [
        _figure(
            segment_id=segment_id,
            segment=name,
            beschrijving=None,
            ontwikkelopgave=None,
            bekostiging=funding,
            bekostiging_toelichting=None,
            inkoopvorm="SAS",
            contractduur="8 jaar",
            volgorde=order,
        )
        for order, (segment_id, name, funding) in enumerate(SEGMENTS, start=1)
    ]


def cost_rows(
    region: Region, total: float, scale: Scale, rng: random.Random
) -> list[dict[str, object]]:
    """Budget and realisation per year for the region and each municipality."""
    years = range(LAST_YEAR - scale.years + 1, LAST_YEAR + 1)
    shares = split(1000, len(region.municipalities), rng) if region.municipalities else []
    rows = []
    level = total / (1.04 ** (scale.years - 1))
    for year in years:
        budget = level * rng.uniform(0.97, 1.0)
        realised = level * rng.uniform(1.0, 1.12)
        series = [
            ("Jeugdhulp regio totaal", 1000),
            *zip(region.municipalities, shares, strict=True),
        ]
        for name, share in series:
            rows.append(_cost(year, "begroting", name, budget * share / 1000))
            if year < LAST_YEAR:
                rows.append(_cost(year, "realisatie", name, realised * share / 1000))
        level *= 1.04
    return rows


def _cost(year: int, kind: str, series: str, amount: float) -> dict[str, object]:
    return _figure(jaar=year, soort=kind, reeks=series, bedrag=round(amount, 2))


def effect_rows() -> list[dict[str, object]]:
    """The six cost effects, as the cost model knows them."""
    return [
        _figure(
            effect_id=spec.effect_id,
            naam=spec.name,
            soort=spec.kind,
            richting="kosten" if spec.raises_costs else "besparing",
            omschrijving=spec.description,
            volgorde=order,
        )
        for order, spec in enumerate(costmodel.EFFECT_SPECS, start=1)
    ]


def _unit(parameter: str) -> str:
    if parameter in ("basisjaar", "eindjaar", "doel_omslagpunt") or parameter.endswith("_start"):
        return "jaartal"
    if parameter.endswith("_aanloop"):
        return "jaren"
    if parameter == "basiskosten":
        return "euro"
    if parameter == "basisclienten":
        return "aantal"
    if parameter.endswith("_tempo") or parameter in ("indexatie", "autonome_groei"):
        return "procent per jaar"
    return "procent"


def assumption_rows(
    cost: float, clients: float, budget: list[int], client_shares: list[int], rng: random.Random
) -> list[dict[str, object]]:
    """The cost model's assumptions in three variants (laag = low costs, hoog = high)."""
    middle: dict[str, float] = {
        "basisjaar": 2020,
        "eindjaar": 2030,
        "basiskosten": round(cost, -5),
        "basisclienten": round(clients),
        "indexatie": 2.5,
        "autonome_groei": 2.0,
        "doel_omslagpunt": rng.randint(2025, 2027),
        "doel_daling_clienten_2030": rng.randint(20, 35),
    }
    for i, quadrant_id in enumerate(costmodel.QUADRANT_IDS):
        key = quadrant_id.replace("-", "_")
        middle[f"budget_{key}"] = budget[i]
        middle[f"clienten_{key}"] = client_shares[i]
    for spec in costmodel.EFFECT_SPECS:
        key = spec.effect_id.replace("-", "_")
        middle[f"{key}_tempo"] = round(rng.uniform(0.5, 7.5), 1)
        middle[f"{key}_start"] = rng.randint(2023, 2024)
        middle[f"{key}_aanloop"] = rng.randint(1, 4)
    rows = []
    for variant, sign in (("laag", -1), ("midden", 0), ("hoog", 1)):
        for parameter, value in middle.items():
            rows.append(
                _figure(
                    parameter=parameter,
                    variant=variant,
                    waarde=float(_vary(parameter, value, sign)),
                    eenheid=_unit(parameter),
                    label=f"{parameter.replace('_', ' ').capitalize()} (fictief)",
                )
            )
    return rows


def _vary(parameter: str, value: float, sign: int) -> float:
    """A low-cost (-1) or high-cost (+1) variant: prices and growth move with the sign,
    savings against it, and ambulantisering (which adds costs) with it."""
    if parameter in ("indexatie", "autonome_groei", "ambulantisering_tempo"):
        return value + 0.5 * sign
    if parameter.endswith("_tempo"):
        return max(value - 0.5 * sign, 0.0)
    return value


def question_rows() -> list[dict[str, object]]:
    """Three audience questions; the last has no answer in the data, on purpose."""
    questions = [
        (
            "aantal-aanbieders",
            "Hoeveel aanbieders zijn gecontracteerd voor jeugdhulp?",
            "aanbieders_jeugd",
        ),
        ("looptijd", "Hoeveel jaar lopen de contracten?", "looptijd_contract"),
        ("percentage", "Hoeveel procent van de kinderen krijgt jeugdhulp?", None),
    ]
    return [
        _figure(vraag_id=qid, vraag=q, antwoord_kengetal=k, toelichting=None, volgorde=n)
        for n, (qid, q, k) in enumerate(questions, start=1)
    ]


def difference_rows() -> list[dict[str, object]]:
    """What the set does not add up to, stated openly like a real region's sources."""
    return [
        _figure(
            verschil_id="fictief",
            onderwerp="algemeen",
            titel="Alle cijfers zijn fictief",
            omschrijving="Deze regio bestaat niet; de cijfers zijn gegenereerd om te meten "
            "hoe snel het dashboard is met de gegevens van alle regio's van Nederland.",
        ),
        _figure(
            verschil_id="percelen-tellen-op",
            onderwerp="aanbieders",
            titel="Percelen tellen op tot meer dan het totaal",
            omschrijving="Een aanbieder met beide percelen telt bij ambulant, bij verblijf "
            "en bij combinatie; het totaal telt elke aanbieder één keer.",
        ),
    ]


def region_sources(
    region: Region, providers: list[Provider], scale: Scale, rng: random.Random
) -> dict[str, list[dict[str, object]]]:
    """Every source file of one region, as rows (the ``regio`` column comes from the folder)."""
    register = register_rows(region, providers, scale, rng)
    counts = count_rows(register)
    total = next(
        int(r["aantal"]) for r in counts if r["perceel"] is None and r["grootteklasse"] is None
    )
    by_lot = {f"jeugd-{r['perceel']}": int(r["aantal"]) for r in counts if r["deelperceel"] is None}
    kerncijfers = key_figure_rows(region, total, rng)
    values = {r["kengetal"]: float(r["waarde"]) for r in kerncijfers}
    agreements, periods = agreement_rows(region, by_lot, rng)
    goals, kpis = goal_rows(rng)
    quadrants, budget, clients = quadrant_rows(rng)
    return {
        "bronnen": [
            {
                "bron": SOURCE_ID,
                "titel": "Synthetische gegevens voor de prestatietest (fictief)",
                "organisatie": "Jeugdhulp-dashboard, prestatietest",
                "datum": None,
                "vindplaats_document": "tests/national.py",
                "toelichting": NOTE,
            }
        ],
        "regio": [
            _figure(
                naam=region.name,
                organisatie=f"Fictieve samenwerkingsorganisatie {region.index:02d}",
                gemeenten="; ".join(region.municipalities),
                aantal_gemeenten=len(region.municipalities),
                fictief=True,
            )
        ],
        "kerncijfers": kerncijfers,
        "aanbieders_aantallen": counts,
        "aanbiedersregister": register,
        "overeenkomsten": agreements,
        "perioden": periods,
        "fasen": phase_rows(rng),
        "doelen": goals,
        "kpis": kpis,
        "kwadranten": quadrants,
        "escalatie": escalation_rows(),
        "segmenten": segment_rows(),
        "kosten": cost_rows(region, values["omzet_jeugd"], scale, rng),
        "kosteneffecten": effect_rows(),
        "kostenaannames": assumption_rows(
            values["omzet_jeugd"] * 0.6, values["jeugdigen_in_zorg"] * 0.85, budget, clients, rng
        ),
        "vragen": question_rows(),
        "verschillen": difference_rows(),
        # Use and spend per quarter, ten years of them for every municipality and provider
        # (issue #21's national scale).
        **fictitious_use.family(
            {m: rng.randint(60, 1500) for m in region.municipalities},
            {
                lot: [(p.aanbieder_id, p.name) for p in providers if lot in p.lots]
                for lot in ("ambulant", "verblijf")
            },
            range(LAST_YEAR - scale.years + 1, LAST_YEAR + 1),
            rng,
            origin=fictitious_use.Provenance(SOURCE_ID, STATUS, NOTE, WHERE),
            agreements={"ambulant": "jeugd-ambulant", "verblijf": "jeugd-verblijf"},
        ),
        "begrippen_regio": [
            _figure(
                begrip=f"FSO {region.index:02d}",
                uitleg=f"Fictieve samenwerkingsorganisatie {region.index:02d}: koopt namens de "
                "gemeenten jeugdhulp in (fictief).",
            )
        ],
    }


# --- writing and preparing ------------------------------------------------------------------


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_csv(path: Path, model: type, rows: list[dict[str, object]]) -> None:
    """One source file with the contract's columns (``regio`` left to the folder name)."""
    columns = [c for c in schema.columns(model) if c != "regio"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows([_cell(row.get(c)) for c in columns] for row in rows)


def write_glossary(folder: Path) -> None:
    """The shared glossary: the real one when the repository has it (it holds no figures)."""
    folder.mkdir()
    real = sorted((REAL_SOURCES / schema.SHARED_FOLDER).glob("begrippen.*"))
    if real:
        shutil.copy(real[0], folder / real[0].name)
        return
    rows = [
        {"begrip": "Fictieve regio", "uitleg": "Een verzonnen regio voor de prestatietest."},
        {"begrip": "Prestatietest", "uitleg": "Meten hoe snel het dashboard is.", "zie_ook": None},
    ]
    write_csv(folder / "begrippen.csv", schema.Begrippen, rows)


def write_sources(root: Path, scale: Scale) -> dict[str, int]:
    """All CSV sources of the national set under ``root``; returns rows per extract."""
    rng = random.Random(scale.seed)
    regions = make_regions(scale, rng)
    providers = make_providers(scale, regions, rng)
    rows: dict[str, int] = {}
    for region in regions:
        here = [p for p in providers if region.index - 1 in p.regions]
        folder = root / region.regio_id
        folder.mkdir(parents=True)
        for name, records in region_sources(region, here, scale, rng).items():
            if not scale.cost_model and name in COST_MODEL:
                records = []  # drawn all the same: the other files stay exactly as they were
            write_csv(folder / f"{name}.csv", schema.REGION_EXTRACTS[name], records)
            rows[name] = rows.get(name, 0) + len(records)
    write_glossary(root / schema.SHARED_FOLDER)
    return rows


def check_out(out: Path) -> Path:
    """The output folder, refusing the app's own extract folder (and anything inside it)."""
    resolved = out.resolve()
    shipped = prepare.DEFAULT_OUT.resolve()
    if resolved == shipped or shipped in resolved.parents or resolved in shipped.parents:
        raise ValueError(f"{out}: nooit in of boven data/extracts schrijven; kies een andere map")
    return resolved


def generate(out: Path, scale: Scale) -> dict[str, int]:
    """Write the sources to a temporary folder and prepare them into ``out``."""
    target = check_out(out)
    with tempfile.TemporaryDirectory(prefix="jeugdhulp-nationaal-bronnen-") as tmp:
        rows = write_sources(Path(tmp), scale)
        prepare.prepare(Path(tmp), target)
    return rows


def parser() -> argparse.ArgumentParser:
    """Command-line options (defaults: the national scale)."""
    cli = argparse.ArgumentParser(
        prog="python -m tests.national",
        description="Schrijf een fictieve extractenset op landelijke schaal (via de "
        "voorbereiding, dus gecontroleerd als echte gegevens).",
    )
    defaults = Scale()
    cli.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"map (standaard {DEFAULT_OUT})")
    cli.add_argument("--regions", type=int, default=defaults.regions, help="aantal regio's")
    cli.add_argument("--municipalities", type=int, default=defaults.municipalities)
    cli.add_argument("--providers", type=int, default=defaults.providers)
    cli.add_argument("--years", type=int, default=defaults.years, help="jaren met kosten")
    cli.add_argument(
        "--register-years", type=int, default=defaults.register_years, help="jaren in het register"
    )
    cli.add_argument("--seed", type=int, default=defaults.seed)
    cli.add_argument(
        "--no-cost-model",
        action="store_true",
        help="zonder kostenmodel, zoals de voorbeeldregio (om Kosten met dezelfde inhoud te meten)",
    )
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    """Generate, prepare and print what was written."""
    args = parser().parse_args(argv)
    started = time.perf_counter()
    try:
        scale = Scale(
            args.regions,
            args.municipalities,
            args.providers,
            args.years,
            args.register_years,
            args.seed,
            not args.no_cost_model,
        )
        rows = generate(args.out, scale)
    except (ValueError, prepare.PreparationFailed) as error:
        print(f"mislukt: {error}", file=sys.stderr)
        for issue in getattr(error, "issues", [])[:20]:
            print(issue.message(), file=sys.stderr)
        return 1
    seconds = time.perf_counter() - started
    print(f"Fictieve landelijke set in {args.out} ({seconds:.1f} s):")
    print(
        f"  {scale.regions} regio's, {scale.municipalities} gemeenten, {scale.providers} aanbieders"
    )
    for name, count in rows.items():
        print(f"  {name:<22} {count:>9} rijen")
    print(f"Openen: JEUGDHULP_DATA={args.out} streamlit run components/web/server.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
