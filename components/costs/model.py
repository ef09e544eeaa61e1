"""The cost model of the Kosten page: costs with and without measures (pure, no Streamlit).

What it computes
----------------
The strategy of regio Alkmaar (section 11, "Wat betekent dit voor de kosten?") draws one
line of total costs 2020–2029 and names six effects that bend it. Its numbers were lost,
so this model *reconstructs* such a curve from a few visible assumptions:

* a base year with total costs and clients, split over the four quadrants
  (herstelgericht/ondersteuningsgericht × ambulant/verblijf) by the strategy's shares;
* yearly **indexation** (price) and **autonomous growth** (volume), which together give the
  line *without measures*;
* six **effects**, each with a yearly rate, a start year and a ramp (years until the rate
  is at full strength), which together give the line *with measures*.

How an effect works
-------------------
An effect multiplies the costs of the quadrants it acts on by a factor that builds up
year by year. In year ``y`` its strength is ``w(y) = min(1, (y - start + 1) / ramp)``
(ramp 0 or 1: full strength at once), so the factor in year ``t`` is::

    factor(t) = product over y = start .. t of (1 - rate * w(y))   (a saving)
    factor(t) = product over y = start .. t of (1 + rate * w(y))   (ambulantisering)

Effects only act after the base year: the base year is the observed starting point.

Why nothing is counted twice
----------------------------
Costs of a quadrant are *base × price index × volume index × the factors of every effect
that acts on it*. Factors multiply: two effects of 10% each give 0.9 × 0.9 = 0.81, not
0.8, so a client who leaves care is not also counted as a cheaper client. Price effects
(``zwaar-naar-licht``) and volume effects (the others) are separate factors, and the
client counts only move with the effects that change the number of clients.

How the contribution of each effect is attributed
-------------------------------------------------
Because factors multiply, "what did this effect save?" depends on the order in which you
switch effects on. The model takes the average over every order (the Shapley value): per
quadrant and year, each effect gets the average of the cost change it causes when it is
added, over all orders in which the effects can be added. The contributions therefore
do not depend on an arbitrary order, and they add up exactly to the difference between
the lines with and without measures. A contribution is a cost change in euro: negative
for a saving, positive for ambulantisering.

The turning point (omslagpunt)
------------------------------
The first year ``Y`` of the horizon from which the costs with measures no longer rise:
``cost(y + 1) <= cost(y)`` for every ``y`` from ``Y`` up to the last year. ``Y`` is then the
peak of the rest of the horizon. There is none (``None``) when the costs rise in the last
year of the horizon. A turning point in the base year means the costs never rise.

Uncertainty band
----------------
The assumptions come in three variants: ``midden`` (the defaults), ``laag`` (the
assumptions that give *low costs*: lower indexation and growth, stronger savings, less
extra cost for ambulantisering) and ``hoog`` (those that give *high costs*). For a what-if
scenario the band keeps the user's choices and adds the difference between a variant and
``midden`` to each parameter (:func:`variant_of`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

import polars as pl

from components.data import vocabulary

#: The four quadrants of the strategy: (id, doelgroep, perceel).
QUADRANTS: tuple[tuple[str, str, str], ...] = tuple(
    (q, *q.split("-")) for q in vocabulary.COST_QUADRANTS
)
QUADRANT_IDS = vocabulary.COST_QUADRANTS
AMBULANT = ("herstelgericht-ambulant", "ondersteuningsgericht-ambulant")
VERBLIJF = ("herstelgericht-verblijf", "ondersteuningsgericht-verblijf")
VARIANTS = vocabulary.COST_VARIANTS

Kind = Literal["volume", "prijs"]


@dataclass(frozen=True)
class EffectSpec:
    """What an effect is: where it acts and what it changes (fixed by the strategy)."""

    effect_id: str
    name: str
    kind: Kind
    raises_costs: bool
    quadrants: tuple[str, ...]
    counts_clients: bool
    description: str


#: The six effects of the strategy (section 11), named as in its chart legend.
EFFECT_SPECS: tuple[EffectSpec, ...] = (
    EffectSpec(
        "minder-clienten",
        "Afname aantal cliënten",
        "volume",
        False,
        AMBULANT,
        True,
        "Minder instroom en meer uitstroom: minder jeugdigen in ambulante jeugdhulp.",
    ),
    EffectSpec(
        "minder-daghulp",
        "Afname daghulp",
        "volume",
        False,
        ("ondersteuningsgericht-ambulant",),
        False,
        "Strakker afkaderen van daghulp; een kleine besparing die direct in 2023 begint.",
    ),
    EffectSpec(
        "zwaar-naar-licht",
        "Van zwaar naar licht",
        "prijs",
        False,
        QUADRANT_IDS,
        False,
        "Lichtere en dus goedkopere zorg per cliënt, in alle kwadranten.",
    ),
    EffectSpec(
        "minder-verblijf",
        "Afname verblijf",
        "volume",
        False,
        VERBLIJF,
        True,
        "Minder jeugdigen in verblijf; zij krijgen hulp thuis (zie ambulantisering).",
    ),
    EffectSpec(
        "kortere-verblijfsduur",
        "Verkorten doorlooptijd verblijf",
        "volume",
        False,
        VERBLIJF,
        False,
        "Korter in verblijf: minder verblijfsdagen per cliënt.",
    ),
    EffectSpec(
        "ambulantisering",
        "Ambulantisering",
        "volume",
        True,
        AMBULANT,
        False,
        "Extra ambulante hulp voor wie niet of korter in verblijf gaat: de enige lijn "
        "die kosten toevoegt.",
    ),
)
EFFECT_IDS = tuple(spec.effect_id for spec in EFFECT_SPECS)  # = vocabulary.COST_EFFECTS


@dataclass(frozen=True)
class Effect:
    """One effect with its strength: ``rate`` per year (a fraction), from ``start``, ramping
    up over ``ramp`` years."""

    spec: EffectSpec
    rate: float
    start: int
    ramp: int

    def __post_init__(self) -> None:
        if not 0 <= self.rate < 1:
            raise ValueError(f"{self.spec.effect_id}: rate must be in [0, 1), got {self.rate}")
        if self.ramp < 0:
            raise ValueError(f"{self.spec.effect_id}: ramp must be >= 0, got {self.ramp}")

    @property
    def effect_id(self) -> str:
        return self.spec.effect_id

    def strength(self, year: int) -> float:
        """Share of the full yearly rate that acts in ``year`` (0 before the start)."""
        if year < self.start:
            return 0.0
        return min(1.0, (year - self.start + 1) / max(self.ramp, 1))

    def factor(self, year: int, base_year: int) -> float:
        """The cumulative multiplier on costs in ``year`` (1.0 = no effect yet)."""
        sign = 1.0 if self.spec.raises_costs else -1.0
        result = 1.0
        for y in range(max(self.start, base_year + 1), year + 1):
            result *= 1.0 + sign * self.rate * self.strength(y)
        return result


@dataclass(frozen=True)
class Assumptions:
    """Everything the model needs. Shares and rates are fractions (0.55, 0.02)."""

    base_year: int
    end_year: int
    base_cost: float
    base_clients: float
    budget_shares: Mapping[str, float]
    client_shares: Mapping[str, float]
    indexation: float
    growth: float
    effects: tuple[Effect, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.end_year <= self.base_year:
            raise ValueError("end_year must be after base_year")
        for name, shares in (("budget", self.budget_shares), ("clients", self.client_shares)):
            if set(shares) != set(QUADRANT_IDS):
                raise ValueError(f"{name} shares need exactly the quadrants {QUADRANT_IDS}")
            if not math.isclose(sum(shares.values()), 1.0, abs_tol=1e-6):
                raise ValueError(f"{name} shares must add up to 100%")

    @property
    def years(self) -> range:
        return range(self.base_year, self.end_year + 1)

    def effect(self, effect_id: str) -> Effect:
        return next(e for e in self.effects if e.effect_id == effect_id)

    def with_effect(self, effect_id: str, **changes: float) -> Assumptions:
        """A copy with one effect changed, e.g. ``with_effect("minder-clienten", rate=0)``."""
        effects = tuple(
            replace(e, **changes) if e.effect_id == effect_id else e for e in self.effects
        )
        return replace(self, effects=effects)

    def without_effects(self) -> Assumptions:
        """The same assumptions with every effect switched off (rate 0)."""
        return replace(self, effects=tuple(replace(e, rate=0.0) for e in self.effects))


@dataclass(frozen=True)
class Result:
    """The model's output. Frames have Dutch column names, because users download them.

    * ``totals``: jaar, kosten_zonder, kosten_met, verschil (met − zonder),
      clienten_zonder, clienten_met
    * ``contributions``: jaar, effect_id, effect, soort, bijdrage (euro; negative = saving);
      per year they add up to ``verschil``
    * ``quadrants``: jaar, kwadrant_id, doelgroep, perceel, kosten_zonder, kosten_met,
      clienten_zonder, clienten_met
    """

    assumptions: Assumptions
    totals: pl.DataFrame
    contributions: pl.DataFrame
    quadrants: pl.DataFrame
    turning_point: int | None


def shapley_shares(base: float, factors: list[float]) -> list[float]:
    """Split ``base * prod(factors) - base`` over the factors by Shapley averaging.

    Each factor gets the average, over every order of adding the factors, of the change
    it makes when it is added. The parts add up exactly to the total change.
    """
    n = len(factors)
    parts = []
    for i, own in enumerate(factors):
        others = factors[:i] + factors[i + 1 :]
        part = 0.0
        for size in range(n):
            weight = math.factorial(size) * math.factorial(n - size - 1) / math.factorial(n)
            for subset in itertools.combinations(others, size):
                part += weight * base * math.prod(subset) * (own - 1.0)
        parts.append(part)
    return parts


def turning_point(years: Iterable[int], costs: Iterable[float]) -> int | None:
    """First year from which costs do not rise any more within the horizon, or None.

    >>> turning_point([2024, 2025, 2026, 2027], [10, 12, 11, 11])
    2025
    >>> turning_point([2024, 2025, 2026], [10, 9, 10]) is None
    True
    """
    years, costs = list(years), list(costs)
    if len(years) < 2 or costs[-1] > costs[-2]:
        return None
    index = len(costs) - 1
    while index > 0 and costs[index] <= costs[index - 1]:
        index -= 1
    return years[index]


def _quadrant_rows(a: Assumptions, year: int) -> tuple[list[dict], list[dict]]:
    """Costs, clients and effect contributions of every quadrant in one year."""
    t = year - a.base_year
    price = (1 + a.indexation) ** t
    volume = (1 + a.growth) ** t
    quadrant_rows, contribution_rows = [], []
    for quadrant_id, doelgroep, perceel in QUADRANTS:
        acting = [e for e in a.effects if quadrant_id in e.spec.quadrants]
        factors = [e.factor(year, a.base_year) for e in acting]
        cost_without = a.base_cost * a.budget_shares[quadrant_id] * price * volume
        clients_without = a.base_clients * a.client_shares[quadrant_id] * volume
        client_factor = math.prod(
            f for e, f in zip(acting, factors, strict=True) if e.spec.counts_clients
        )
        quadrant_rows.append(
            {
                "jaar": year,
                "kwadrant_id": quadrant_id,
                "doelgroep": doelgroep,
                "perceel": perceel,
                "kosten_zonder": cost_without,
                "kosten_met": cost_without * math.prod(factors),
                "clienten_zonder": clients_without,
                "clienten_met": clients_without * client_factor,
            }
        )
        for effect, part in zip(acting, shapley_shares(cost_without, factors), strict=True):
            contribution_rows.append(
                {"jaar": year, "effect_id": effect.effect_id, "bijdrage": part}
            )
    return quadrant_rows, contribution_rows


def run(a: Assumptions) -> Result:
    """Compute costs and clients with and without measures for every year of the horizon."""
    quadrant_rows, contribution_rows = [], []
    for year in a.years:
        q_rows, c_rows = _quadrant_rows(a, year)
        quadrant_rows += q_rows
        contribution_rows += c_rows
    quadrants = pl.DataFrame(quadrant_rows)
    totals = (
        quadrants.group_by("jaar", maintain_order=True)
        .agg(pl.col("kosten_zonder", "kosten_met", "clienten_zonder", "clienten_met").sum())
        .with_columns(verschil=pl.col("kosten_met") - pl.col("kosten_zonder"))
        .select(
            "jaar", "kosten_zonder", "kosten_met", "verschil", "clienten_zonder", "clienten_met"
        )
    )
    contributions = _contributions_frame(a, contribution_rows)
    return Result(
        assumptions=a,
        totals=totals,
        contributions=contributions,
        quadrants=quadrants,
        turning_point=turning_point(totals["jaar"], totals["kosten_met"]),
    )


def _contributions_frame(a: Assumptions, rows: list[dict]) -> pl.DataFrame:
    """One row per year and effect (every effect, also one that acts nowhere yet)."""
    order = pl.DataFrame(
        {
            "effect_id": [e.effect_id for e in a.effects],
            "effect": [e.spec.name for e in a.effects],
            "soort": [e.spec.kind for e in a.effects],
            "volgorde": list(range(len(a.effects))),
        }
    )
    grid = pl.DataFrame({"jaar": list(a.years)}).join(order, how="cross")
    summed = (
        pl.DataFrame(
            rows, schema={"jaar": pl.Int64, "effect_id": pl.String, "bijdrage": pl.Float64}
        )
        .group_by("jaar", "effect_id")
        .agg(pl.col("bijdrage").sum())
    )
    return (
        grid.join(summed, on=["jaar", "effect_id"], how="left")
        .with_columns(pl.col("bijdrage").fill_null(0.0))
        .sort("jaar", "volgorde")
        .select("jaar", "effect_id", "effect", "soort", "bijdrage")
    )


def clients_change(result: Result, quadrant_id: str, from_year: int, to_year: int) -> float:
    """Relative change of clients with measures in one quadrant (−0.3 = 30% fewer)."""
    frame = result.quadrants.filter(pl.col("kwadrant_id") == quadrant_id)
    by_year = dict(zip(frame["jaar"], frame["clienten_met"], strict=True))
    return by_year[to_year] / by_year[from_year] - 1


def conclusion(result: Result) -> str:
    """The one-line Dutch conclusion under the curve."""
    years = result.totals["jaar"].to_list()
    costs = result.totals["kosten_met"].to_list()
    point, first, last = result.turning_point, years[0], years[-1]
    if point is None:
        if all(b > a for a, b in itertools.pairwise(costs)):
            return (
                f"Met deze aannames blijven de kosten tot en met {last} stijgen: "
                "geen omslagpunt binnen de horizon."
            )
        return (
            f"Met deze aannames dalen de kosten tijdelijk, maar stijgen ze in {last} weer: "
            "geen omslagpunt binnen de horizon."
        )
    if point == first:
        return f"Met deze aannames stijgen de kosten niet: ze dalen van {first} tot en met {last}."
    if costs[-1] == costs[years.index(point)]:
        return f"Met deze aannames stijgen de kosten tot {point} en blijven ze daarna gelijk."
    return f"Met deze aannames stijgen de kosten tot {point} en dalen daarna."


# --- Assumptions as named parameters (the extract, the URL, the variants) -----------------

#: Quadrant ids as they appear in parameter names (snake_case).
_QUADRANT_KEYS = {q: q.replace("-", "_") for q in QUADRANT_IDS}


def _effect_key(effect_id: str) -> str:
    return effect_id.replace("-", "_")


def parameter_names() -> list[str]:
    """Every model parameter, in the order the assumptions table shows them."""
    return list(vocabulary.COST_PARAMETERS)


def to_parameters(a: Assumptions) -> dict[str, float]:
    """The assumptions as named parameters in the units of the extract (percent, euro, year)."""
    values: dict[str, float] = {
        "basisjaar": a.base_year,
        "eindjaar": a.end_year,
        "basiskosten": a.base_cost,
        "basisclienten": a.base_clients,
        "indexatie": a.indexation * 100,
        "autonome_groei": a.growth * 100,
    }
    for q in QUADRANT_IDS:
        values[f"budget_{_QUADRANT_KEYS[q]}"] = a.budget_shares[q] * 100
        values[f"clienten_{_QUADRANT_KEYS[q]}"] = a.client_shares[q] * 100
    for e in a.effects:
        key = _effect_key(e.effect_id)
        values[f"{key}_tempo"] = e.rate * 100
        values[f"{key}_start"] = e.start
        values[f"{key}_aanloop"] = e.ramp
    return values


def from_parameters(values: Mapping[str, float]) -> Assumptions:
    """Build assumptions from named parameters (see :func:`parameter_names`).

    Other keys (the strategy's targets ``doel_*``) are ignored; a missing one raises
    ``KeyError`` naming the parameter.
    """
    missing = [name for name in parameter_names() if name not in values]
    if missing:
        raise KeyError(f"parameters ontbreken: {', '.join(missing)}")
    effects = tuple(
        Effect(
            spec=spec,
            rate=values[f"{_effect_key(spec.effect_id)}_tempo"] / 100,
            start=round(values[f"{_effect_key(spec.effect_id)}_start"]),
            ramp=round(values[f"{_effect_key(spec.effect_id)}_aanloop"]),
        )
        for spec in EFFECT_SPECS
    )
    return Assumptions(
        base_year=round(values["basisjaar"]),
        end_year=round(values["eindjaar"]),
        base_cost=values["basiskosten"],
        base_clients=values["basisclienten"],
        budget_shares={q: values[f"budget_{_QUADRANT_KEYS[q]}"] / 100 for q in QUADRANT_IDS},
        client_shares={q: values[f"clienten_{_QUADRANT_KEYS[q]}"] / 100 for q in QUADRANT_IDS},
        indexation=values["indexatie"] / 100,
        growth=values["autonome_groei"] / 100,
        effects=effects,
    )


def parameters_from_frame(frame: pl.DataFrame, variant: str = "midden") -> dict[str, float]:
    """All parameters of one variant from a ``kostenaannames`` extract (incl. targets)."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}")
    rows = frame.filter(pl.col("variant") == variant)
    return dict(zip(rows["parameter"], rows["waarde"], strict=True))


def assumptions_from_frame(frame: pl.DataFrame, variant: str = "midden") -> Assumptions:
    """The model's assumptions of one variant from a ``kostenaannames`` extract."""
    return from_parameters(parameters_from_frame(frame, variant))


def variant_of(scenario: Assumptions, midden: Assumptions, variant: Assumptions) -> Assumptions:
    """The scenario moved by the distance between ``variant`` and ``midden``.

    Per parameter: scenario + (variant − midden), so a what-if scenario keeps its own
    choices and gets a band as wide as the extract's. Rates stay within [0, 1).
    """
    s, m, v = to_parameters(scenario), to_parameters(midden), to_parameters(variant)
    moved = {name: s[name] + (v[name] - m[name]) for name in s}
    for name in moved:
        if name.endswith("_tempo"):
            moved[name] = min(max(moved[name], 0.0), 99.0)
    return from_parameters(moved)


def band(
    scenario: Assumptions, midden: Assumptions, laag: Assumptions, hoog: Assumptions
) -> pl.DataFrame:
    """Uncertainty band of the costs with measures: jaar, kosten_laag, kosten_hoog.

    The lower edge is the lower of the two variants in each year (and the upper the
    higher), so the band stays a band even for an unusual scenario.
    """
    low = run(variant_of(scenario, midden, laag)).totals["kosten_met"]
    high = run(variant_of(scenario, midden, hoog)).totals["kosten_met"]
    return pl.DataFrame({"jaar": list(scenario.years), "a": low, "b": high}).select(
        "jaar",
        kosten_laag=pl.min_horizontal("a", "b"),
        kosten_hoog=pl.max_horizontal("a", "b"),
    )
