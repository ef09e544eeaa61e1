"""Unit tests of the cost model: directions, exact values, the turning point, attribution.

Expected values are computed independently in the test (plain arithmetic), not by
calling the model twice.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.build import schema
from components.costs import model as cm
from components.data import vocabulary

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "data" / "sources"
ASSUMPTIONS_CSV = SOURCES / "regio-alkmaar" / "kostenaannames.csv"
#: Noordwijk's budget for the Duin- en Bollenstreek programme plan (seed 004, financial
#: paragraph); used when the kosten source of that region is not there.
DB_BUDGET = {2021: 6_167_100.0, 2022: 6_290_454.0, 2023: 6_416_261.0}
EVEN_SHARES = dict.fromkeys(cm.QUADRANT_IDS, 0.25)


def read_assumptions_source() -> pl.DataFrame:
    """The hand-kept source as the preparation reads it (regio comes from the folder)."""
    frame = pl.read_csv(ASSUMPTIONS_CSV, try_parse_dates=True, infer_schema_length=None)
    frame = frame.with_columns(regio=pl.lit("regio-alkmaar"))
    return schema.Kostenaannames.validate(frame.select(list(schema.columns(schema.Kostenaannames))))


@pytest.fixture(scope="module")
def source() -> pl.DataFrame:
    return read_assumptions_source()


@pytest.fixture(scope="module")
def defaults(source) -> cm.Assumptions:
    return cm.assumptions_from_frame(source, "midden")


def simple(**changes) -> cm.Assumptions:
    """Round-number assumptions: €100 in 2020, 2% indexation, 1% growth, effects off."""
    effects = tuple(cm.Effect(spec, rate=0.0, start=2022, ramp=1) for spec in cm.EFFECT_SPECS)
    base = cm.Assumptions(
        base_year=2020,
        end_year=2026,
        base_cost=100.0,
        base_clients=1000.0,
        budget_shares=EVEN_SHARES,
        client_shares=EVEN_SHARES,
        indexation=0.02,
        growth=0.01,
        effects=effects,
    )
    return replace(base, **changes)


def cost(result: cm.Result, year: int, column: str = "kosten_met") -> float:
    return result.totals.filter(pl.col("jaar") == year)[column].item()


# --- the line without measures ---------------------------------------------------------


def test_zero_effects_give_the_baseline(defaults):
    result = cm.run(defaults.without_effects())
    assert result.totals["kosten_met"].to_list() == result.totals["kosten_zonder"].to_list()
    assert result.contributions["bijdrage"].abs().max() == 0
    years = defaults.end_year - defaults.base_year
    expected = 55_000_000 * 1.025**years * 1.02**years
    assert cost(result, defaults.end_year) == pytest.approx(expected, rel=1e-12)


def test_baseline_compounds_price_and_volume():
    result = cm.run(simple())
    assert cost(result, 2020) == 100.0
    assert cost(result, 2023) == pytest.approx(100 * 1.02**3 * 1.01**3, rel=1e-12)
    clients = result.totals.filter(pl.col("jaar") == 2023)["clienten_met"].item()
    assert clients == pytest.approx(1000 * 1.01**3, rel=1e-12)


def duin_en_bollenstreek_budget() -> dict[int, float]:
    """The published budget 2021–2023, from the region's source once it exists."""
    path = SOURCES / "duin-en-bollenstreek" / "kosten.csv"
    if not path.is_file():
        return DB_BUDGET
    rows = pl.read_csv(path).filter(pl.col("soort") == "begroting")
    return dict(zip(rows["jaar"], rows["bedrag"], strict=True))


def test_indexation_reproduces_duin_en_bollenstreek_budget():
    budget = duin_en_bollenstreek_budget()
    assumptions = simple(
        base_year=2021, end_year=2023, base_cost=budget[2021], indexation=0.02, growth=0.0
    )
    result = cm.run(assumptions)
    for year in (2022, 2023):
        modelled = cost(result, year, "kosten_zonder")
        assert modelled == pytest.approx(budget[2021] * 1.02 ** (year - 2021), rel=1e-12)
        # The document's amounts are €12 and €10 above exact compounding (its own rounding):
        # equal to the thousand euro, and within 0,001%.
        assert round(modelled, -3) == round(budget[year], -3)
        assert modelled == pytest.approx(budget[year], rel=1e-5)


# --- effects -----------------------------------------------------------------------------


def test_effect_factor_ramps_and_compounds():
    spec = cm.EFFECT_SPECS[0]
    effect = cm.Effect(spec, rate=0.10, start=2022, ramp=2)
    assert effect.factor(2021, base_year=2020) == 1.0
    assert effect.factor(2022, base_year=2020) == pytest.approx(0.95)
    assert effect.factor(2023, base_year=2020) == pytest.approx(0.95 * 0.90)
    assert effect.factor(2024, base_year=2020) == pytest.approx(0.95 * 0.90 * 0.90)


def test_effect_never_acts_in_the_base_year():
    effect = cm.Effect(cm.EFFECT_SPECS[0], rate=0.10, start=2015, ramp=0)
    assert effect.factor(2020, base_year=2020) == 1.0
    assert effect.factor(2021, base_year=2020) == pytest.approx(0.9)


@pytest.mark.parametrize("effect_id", cm.EFFECT_IDS)
def test_each_effect_moves_costs_in_its_documented_direction(effect_id):
    assumptions = simple().with_effect(effect_id, rate=0.05)
    result = cm.run(assumptions)
    raises = effect_id == "ambulantisering"
    for year in range(2022, 2027):
        difference = cost(result, year) - cost(result, year, "kosten_zonder")
        assert difference > 0 if raises else difference < 0
    assert cost(result, 2021) == cost(result, 2021, "kosten_zonder")  # not started yet
    own = result.contributions.filter(pl.col("effect_id") == effect_id, pl.col("jaar") == 2026)
    assert (own["bijdrage"].item() > 0) is raises


def test_only_ambulantisering_adds_cost():
    adding = [spec.effect_id for spec in cm.EFFECT_SPECS if spec.raises_costs]
    assert adding == ["ambulantisering"]


def test_volume_and_price_are_separate():
    kinds = {spec.effect_id: spec.kind for spec in cm.EFFECT_SPECS}
    assert kinds["zwaar-naar-licht"] == "prijs"
    assert {k for k, v in kinds.items() if v == "volume"} == set(cm.EFFECT_IDS) - {
        "zwaar-naar-licht"
    }
    # A price effect changes costs but not the number of clients.
    result = cm.run(simple().with_effect("zwaar-naar-licht", rate=0.05))
    assert cost(result, 2026) < cost(result, 2026, "kosten_zonder")
    totals = result.totals.filter(pl.col("jaar") == 2026)
    assert totals["clienten_met"].item() == totals["clienten_zonder"].item()
    # Shorter stays lower costs per client, not the number of clients.
    result = cm.run(simple().with_effect("kortere-verblijfsduur", rate=0.05))
    totals = result.totals.filter(pl.col("jaar") == 2026)
    assert totals["clienten_met"].item() == totals["clienten_zonder"].item()
    # Fewer clients lowers the count in ambulant care only, by exactly its factor.
    result = cm.run(simple().with_effect("minder-clienten", rate=0.05, start=2021, ramp=1))
    quadrants = result.quadrants.filter(pl.col("jaar") == 2022)
    ambulant = quadrants.filter(pl.col("perceel") == "ambulant")
    verblijf = quadrants.filter(pl.col("perceel") == "verblijf")
    assert ambulant["clienten_met"].to_list() == pytest.approx(
        [x * 0.95**2 for x in ambulant["clienten_zonder"]]
    )
    assert verblijf["clienten_met"].to_list() == verblijf["clienten_zonder"].to_list()


def test_two_effects_multiply_instead_of_adding():
    """No double counting: 10% less residential care and 10% shorter stays give 0.9 × 0.9."""
    both = (
        simple(indexation=0.0, growth=0.0)
        .with_effect("minder-verblijf", rate=0.10, start=2021, ramp=1)
        .with_effect("kortere-verblijfsduur", rate=0.10, start=2021, ramp=1)
    )
    result = cm.run(both)
    verblijf = result.quadrants.filter(pl.col("jaar") == 2021, pl.col("perceel") == "verblijf")
    # Each verblijf quadrant has 25 of the 100 euro.
    assert verblijf["kosten_met"].to_list() == pytest.approx([25 * 0.81, 25 * 0.81])
    separate_savings = 2 * (2 * 25 * 0.10)  # what adding the two savings would claim: 10
    assert cost(result, 2021, "kosten_zonder") - cost(result, 2021) == pytest.approx(9.5)
    assert separate_savings == pytest.approx(10.0)
    # The 9,5 is split evenly between the two equal effects (Shapley).
    parts = result.contributions.filter(pl.col("jaar") == 2021, pl.col("bijdrage") != 0)
    assert sorted(parts["bijdrage"].to_list()) == pytest.approx([-4.75, -4.75])


def test_shapley_shares_two_factors():
    # base 100, factors 0.8 and 1.5: total change 100 × 1.2 − 100 = 20.
    first, second = cm.shapley_shares(100.0, [0.8, 1.5])
    assert first == pytest.approx(0.5 * (-20) + 0.5 * (150 * 0.8 - 150))
    assert second == pytest.approx(0.5 * 50 + 0.5 * (80 * 1.5 - 80))
    assert first + second == pytest.approx(20.0)


def test_contributions_add_up_to_the_difference(defaults):
    result = cm.run(defaults)
    summed = result.contributions.group_by("jaar").agg(pl.col("bijdrage").sum())
    joined = result.totals.join(summed, on="jaar")
    for row in joined.iter_rows(named=True):
        assert row["bijdrage"] == pytest.approx(row["verschil"], abs=1e-4)
        assert row["verschil"] == pytest.approx(row["kosten_met"] - row["kosten_zonder"])


rates = st.floats(min_value=0.0, max_value=0.3, allow_nan=False)
starts = st.integers(min_value=2019, max_value=2027)
ramps = st.integers(min_value=0, max_value=5)


@settings(max_examples=60, deadline=None)
@given(
    effects=st.lists(st.tuples(rates, starts, ramps), min_size=6, max_size=6),
    indexation=st.floats(min_value=-0.02, max_value=0.08),
    growth=st.floats(min_value=-0.05, max_value=0.08),
)
def test_any_scenario_adds_up_and_multiplies(effects, indexation, growth):
    assumptions = simple(indexation=indexation, growth=growth)
    for spec, (rate, start, ramp) in zip(cm.EFFECT_SPECS, effects, strict=True):
        assumptions = assumptions.with_effect(spec.effect_id, rate=rate, start=start, ramp=ramp)
    result = cm.run(assumptions)
    summed = result.contributions.group_by("jaar").agg(pl.col("bijdrage").sum()).sort("jaar")
    assert summed["bijdrage"].to_list() == pytest.approx(result.totals["verschil"].to_list())
    for row in result.quadrants.iter_rows(named=True):
        factors = [
            e.factor(row["jaar"], 2020)
            for e in assumptions.effects
            if row["kwadrant_id"] in e.spec.quadrants
        ]
        assert row["kosten_met"] == pytest.approx(row["kosten_zonder"] * math.prod(factors))


# --- the turning point and the conclusion ------------------------------------------------


@pytest.mark.parametrize(
    ("costs", "expected"),
    [
        ([1, 2, 3, 2, 1], 2022),  # peak in the third year
        ([1, 2, 3, 3, 2], 2022),  # a flat year counts as not rising
        ([3, 2, 1, 1, 0], 2020),  # never rises
        ([1, 2, 3, 4, 5], None),  # rises to the end
        ([1, 3, 2, 1, 2], None),  # falls, then rises again in the last year
        ([1, 3, 2, 4, 3], 2023),  # the last peak counts, not the first
    ],
)
def test_turning_point_definition(costs, expected):
    assert cm.turning_point(range(2020, 2025), costs) == expected


def test_defaults_give_the_strategys_turning_point(defaults, source):
    result = cm.run(defaults)
    target = cm.parameters_from_frame(source)["doel_omslagpunt"]
    assert result.turning_point == 2025 == target
    assert cm.conclusion(result) == "Met deze aannames stijgen de kosten tot 2025 en dalen daarna."


def test_defaults_give_about_30_percent_fewer_clients_by_2030(defaults, source):
    result = cm.run(defaults)
    target = cm.parameters_from_frame(source)["doel_daling_clienten_2030"]
    change = cm.clients_change(result, "herstelgericht-ambulant", 2022, 2030)
    assert change == pytest.approx(-target / 100, abs=0.02)


def test_defaults_stay_on_the_strategys_chart_axis(defaults):
    totals = cm.run(defaults).totals.filter(pl.col("jaar").is_between(2020, 2029))
    assert totals["kosten_met"].min() >= 50_000_000
    assert totals["kosten_met"].max() <= 75_000_000


def test_no_turning_point_within_the_horizon_is_said():
    result = cm.run(simple(indexation=0.04))
    assert result.turning_point is None
    assert cm.conclusion(result) == (
        "Met deze aannames blijven de kosten tot en met 2026 stijgen: "
        "geen omslagpunt binnen de horizon."
    )


def test_conclusion_for_a_late_turning_point(defaults):
    later = defaults
    for effect in defaults.effects:
        later = later.with_effect(effect.effect_id, start=effect.start + 1)
    result = cm.run(later)
    assert result.turning_point == 2026
    assert cm.conclusion(result) == "Met deze aannames stijgen de kosten tot 2026 en dalen daarna."


def test_conclusion_when_costs_never_rise():
    result = cm.run(simple(indexation=-0.01, growth=-0.01))
    assert cm.conclusion(result) == (
        "Met deze aannames stijgen de kosten niet: ze dalen van 2020 tot en met 2026."
    )


def test_conclusion_when_costs_dip_and_rise_again():
    # Day care is a quarter of the costs here: halving it yearly gives a dip, after which
    # 3% growth of the other three quarters wins again.
    result = cm.run(
        simple(indexation=0.0, growth=0.03).with_effect(
            "minder-daghulp", rate=0.5, start=2022, ramp=1
        )
    )
    assert result.turning_point is None
    assert cm.conclusion(result) == (
        "Met deze aannames dalen de kosten tijdelijk, maar stijgen ze in 2026 weer: "
        "geen omslagpunt binnen de horizon."
    )


# --- variants and parameters -------------------------------------------------------------


def test_parameters_round_trip(defaults):
    assert cm.from_parameters(cm.to_parameters(defaults)) == defaults


def test_missing_parameter_is_named():
    values = cm.to_parameters(simple())
    del values["indexatie"]
    with pytest.raises(KeyError, match="indexatie"):
        cm.from_parameters(values)


def test_band_lies_around_the_defaults(source, defaults):
    laag, hoog = (cm.assumptions_from_frame(source, v) for v in ("laag", "hoog"))
    band = cm.band(defaults, defaults, laag, hoog)
    middle = cm.run(defaults).totals["kosten_met"]
    assert band["kosten_laag"].to_list() == pytest.approx(cm.run(laag).totals["kosten_met"])
    for low, mid, high in zip(band["kosten_laag"], middle, band["kosten_hoog"], strict=True):
        assert low <= mid <= high


def test_band_follows_a_what_if_scenario(source, defaults):
    laag = cm.assumptions_from_frame(source, "laag")
    scenario = replace(defaults, indexation=0.04)
    moved = cm.variant_of(scenario, defaults, laag)
    assert moved.indexation == pytest.approx(0.04 + (laag.indexation - defaults.indexation))
    assert moved.effect("minder-clienten").rate == pytest.approx(
        laag.effect("minder-clienten").rate
    )


# --- the shipped assumptions -------------------------------------------------------------

PUBLISHED = (
    {f"budget_{q.replace('-', '_')}" for q in cm.QUADRANT_IDS}
    | {f"clienten_{q.replace('-', '_')}" for q in cm.QUADRANT_IDS}
    | {"doel_omslagpunt", "doel_daling_clienten_2030"}
)


def test_source_has_every_parameter_in_three_variants(source):
    for variant in cm.VARIANTS:
        names = set(source.filter(pl.col("variant") == variant)["parameter"])
        assert names == set(cm.parameter_names()) | {"doel_omslagpunt", "doel_daling_clienten_2030"}


def test_only_the_documents_numbers_are_published(source):
    published = set(source.filter(pl.col("status") == "gepubliceerd")["parameter"])
    assert published == PUBLISHED
    others = source.filter(~pl.col("parameter").is_in(PUBLISHED))
    assert set(others["status"]) == {"illustratief"}
    assert others["notitie"].null_count() == 0  # every choice says how it was made


def test_published_shares_are_the_strategys(source):
    values = cm.parameters_from_frame(source)
    budget = [values[f"budget_{q.replace('-', '_')}"] for q in cm.QUADRANT_IDS]
    clients = [values[f"clienten_{q.replace('-', '_')}"] for q in cm.QUADRANT_IDS]
    assert budget == [55, 20, 15, 10]
    assert clients == [65, 5, 15, 15]


def test_source_names_a_known_document(source):
    bronnen = SOURCES / "regio-alkmaar" / "bronnen.csv"
    if not bronnen.is_file():
        pytest.skip("bronnen.csv of regio-alkmaar is not there yet")
    known = set(pl.read_csv(bronnen)["bron"])
    assert set(source["bron"]) <= known


def test_the_documented_outcomes_hold(source):
    """docs/kostenmodel.md quotes the defaults' outcomes; they must stay true."""
    doc = (ROOT / "docs" / "kostenmodel.md").read_text(encoding="utf-8")
    midden, laag, hoog = (cm.assumptions_from_frame(source, v) for v in ("midden", "laag", "hoog"))
    result = cm.run(midden)
    peak = result.totals.filter(pl.col("jaar") == 2025).row(0, named=True)
    last = result.totals.row(-1, named=True)

    def mln(value: float) -> str:
        return f"€ {value / 1e6:.1f} mln".replace(".", ",")

    change = cm.clients_change(result, "herstelgericht-ambulant", 2022, 2030)
    for quoted in (
        f"tot een top van {mln(peak['kosten_met'])} in\n  **2025**",
        f"dalen daarna tot {mln(last['kosten_met'])} in 2030",
        f"zouden ze {mln(last['kosten_zonder'])}",
        f"**{-change * 100:.1f}% lager**".replace(".", ","),
    ):
        assert quoted in doc
    assert cm.run(laag).turning_point == 2024
    assert cm.run(hoog).turning_point is None


def test_the_model_has_the_effects_and_quadrants_the_preparation_checks():
    assert cm.EFFECT_IDS == vocabulary.COST_EFFECTS
    assert [q for q, *_ in cm.QUADRANTS] == list(vocabulary.COST_QUADRANTS)
    assert cm.QUADRANTS[1] == ("herstelgericht-verblijf", "herstelgericht", "verblijf")
