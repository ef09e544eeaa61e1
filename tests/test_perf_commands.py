"""The three perf commands at a tiny size, so they cannot rot (no timing assertions).

The generator runs without a browser; the benchmark and the load test start real servers
and Chromium and carry the ``browser`` marker. All three use a tiny fictitious extract
set, so they do not depend on the state of the shipped data.
"""

from __future__ import annotations

import json
import math
import random
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from components.build import schema
from components.data import extracts
from tests import national
from tests.perf import benchmark, measure

ROOT = Path(__file__).resolve().parents[1]
TINY = national.Scale(regions=2, municipalities=5, providers=30, years=3, register_years=2)
TINY_ARGS = ["--regions", "2", "--municipalities", "5", "--providers", "30", "--years", "3"]
TINY_ARGS += ["--register-years", "2"]


@pytest.fixture(scope="module")
def tiny_set(tmp_path_factory):
    """A two-region fictitious set, prepared through the real preparation."""
    out = tmp_path_factory.mktemp("nationaal")
    national.generate(out, TINY)
    return out


# --- the generator ---------------------------------------------------------------------------


def test_tiny_set_reads_back_through_the_contract(tiny_set):
    """Every extract of every region reads back with the app's reader, clearly fictitious."""
    assert extracts.list_regions(tiny_set) == ["fictieve-regio-01", "fictieve-regio-02"]
    for regio in extracts.list_regions(tiny_set):
        frames = {
            name: extracts.read_extract(regio, name, tiny_set) for name in schema.REGION_EXTRACTS
        }
        region = frames["regio"].row(0, named=True)
        assert region["naam"] == f"Fictieve regio {regio[-2:]}"
        assert region["fictief"] is True
        assert region["gemeenten"].startswith("Fictieve gemeente")
        for name, frame in frames.items():
            if "status" in frame.columns:
                assert frame["status"].unique().to_list() == ["illustratief"], name
        assert frames["bronnen"]["titel"].to_list() == [
            "Synthetische gegevens voor de prestatietest (fictief)"
        ]
        assert frames["kosten"]["jaar"].n_unique() == TINY.years
        assert frames["aanbiedersregister"]["jaar"].n_unique() <= TINY.register_years
        assert frames["overeenkomsten"].height == len(national.AGREEMENTS)
        # Use and spend per quarter, every year, the products under their agreements.
        periods = frames["gebruik"].select("jaar", "kwartaal").unique()
        assert periods.height == TINY.years * 4
        assert set(frames["productcodes"]["overeenkomst_id"]) == {
            "jeugd-ambulant",
            "jeugd-verblijf",
        }
    assert extracts.read_shared("begrippen", tiny_set).height > 0


def test_tiny_set_has_the_asked_scale(tiny_set):
    """Municipalities and providers add up to what was asked, over all regions."""
    regions = [extracts.read_extract(r, "regio", tiny_set) for r in extracts.list_regions(tiny_set)]
    assert sum(int(r["aantal_gemeenten"][0]) for r in regions) == TINY.municipalities
    register = pl.concat(
        extracts.read_extract(r, "aanbiedersregister", tiny_set, columns=["aanbieder_id"])
        for r in extracts.list_regions(tiny_set)
    )
    assert register["aanbieder_id"].n_unique() == TINY.providers


def test_published_counts_agree_with_the_register(tiny_set):
    """The derived provider total is the number of distinct providers in the last year."""
    register = extracts.read_extract("fictieve-regio-01", "aanbiedersregister", tiny_set)
    counts = extracts.read_extract("fictieve-regio-01", "aanbieders_aantallen", tiny_set)
    last = register["jaar"].max()
    total = counts.filter(
        pl.col("perceel").is_null() & pl.col("grootteklasse").is_null() & (pl.col("jaar") == last)
    )
    distinct = register.filter(pl.col("jaar") == last)["aanbieder_id"].n_unique()
    assert total["aantal"].to_list() == [distinct]


def test_without_cost_model_only_the_cost_model_is_left_out(tmp_path, tiny_set):
    """--no-cost-model: Kosten gets the example region's sections, the rest stays the same."""
    assert national.main(["--out", str(tmp_path), "--no-cost-model", *TINY_ARGS]) == 0
    for regio in extracts.list_regions(tiny_set):
        first = extracts.read_manifest(regio, tiny_set)["bestanden"]
        again = extracts.read_manifest(regio, tmp_path)["bestanden"]
        changed = {n for n in first if first[n]["sha256"] != again[n]["sha256"]}
        assert changed == set(national.COST_MODEL)
        assert all(again[n]["rijen"] == 0 for n in national.COST_MODEL)


def test_same_seed_gives_the_same_set(tmp_path, tiny_set):
    """Reproducible: a second generation with the same seed has the same checksums."""
    national.generate(tmp_path, TINY)
    for regio in extracts.list_regions(tiny_set):
        first = extracts.read_manifest(regio, tiny_set)["bestanden"]
        again = extracts.read_manifest(regio, tmp_path)["bestanden"]
        assert {n: f["sha256"] for n, f in again.items()} == {
            n: f["sha256"] for n, f in first.items()
        }


def test_never_writes_into_the_shipped_extracts():
    """The app's own extract folder (or a folder inside it) is refused before anything runs."""
    with pytest.raises(ValueError, match="data/extracts"):
        national.check_out(national.prepare.DEFAULT_OUT)
    with pytest.raises(ValueError, match="data/extracts"):
        national.check_out(national.prepare.DEFAULT_OUT / "regio-x")


def test_command_line_prints_rows(tmp_path, capsys):
    """The command reports what it wrote and how to open it."""
    sizes = "--regions 1 --municipalities 2 --providers 3 --years 2 --register-years 1"
    code = national.main(["--out", str(tmp_path), *sizes.split()])
    printed = capsys.readouterr().out
    assert code == 0
    assert "1 regio's, 2 gemeenten, 3 aanbieders" in printed
    assert f"JEUGDHULP_DATA={tmp_path}" in printed
    assert extracts.list_regions(tmp_path) == ["fictieve-regio-01"]


def test_split_adds_up_and_stays_positive():
    """Municipalities over regions: exact total, nobody left without one."""
    shares = national.split(342, 40, random.Random(1))
    assert sum(shares) == 342
    assert len(shares) == 40
    assert min(shares) >= 1


def test_percentile_and_paired_ratio():
    """Nearest-rank percentiles, and the median of per-run ratios."""
    values = [float(v) for v in range(1, 21)]
    assert measure.percentile(values, 0.95) == 19.0
    assert measure.percentile(values, 0.5) == 10.0
    assert math.isnan(measure.percentile([], 0.5))
    assert benchmark.paired_ratio([2.0, 3.0, 10.0], [1.0, 1.0, 2.0]) == 3.0
    # A failed measurement (NaN) drops its own pair and leaves the others paired.
    assert benchmark.paired_ratio([2.0, math.nan, 10.0], [1.0, 1.0, 2.0]) == 3.5
    assert measure.median([1.0, math.nan, 3.0]) == 2.0


def test_command_line_refuses_an_impossible_scale_in_dutch(tmp_path, capsys):
    code = national.main(["--out", str(tmp_path), "--regions", "0"])
    assert code == 1
    assert "mislukt: minstens één regio en één gemeente per regio nodig" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


# --- the benchmark and the load test (real servers, real Chromium) --------------------------


def run_command(module: str, *args: str) -> tuple[int, dict]:
    """Run ``python -m tests.perf.<module>`` as a user does; its exit code and JSON output.

    A separate process also keeps Playwright's own event loop apart from the browser
    fixtures other tests hold open in this process.
    """
    done = subprocess.run(
        [sys.executable, "-m", f"tests.perf.{module}", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.stdout.strip(), done.stderr[-2000:]
    return done.returncode, json.loads(done.stdout)


@pytest.mark.browser
def test_benchmark_one_run_two_pages(tiny_set):
    """One run on two pages prints every figure, for the app and both floors, and each tab
    of Transformatie (only the open tab is built), without errors; and beside them another
    checkout of the dashboard (here this one again), page by page and tab by tab."""
    code, result = run_command(
        "benchmark", "--runs", "1", "--pages", "over", "transformatie", "--data", str(tiny_set),
        "--json", "--content-floor", "--compare", str(ROOT),
    )  # fmt: skip
    summary = result["summary"]
    assert code == 0, summary["errors"]
    assert result["regio"] in ("fictieve-regio-01", "fictieve-regio-02")
    assert [row["pagina"] for row in summary["pages"]] == ["/over", "/transformatie"]
    labels = result["layout"]["transformatie"]["tabs"]
    assert labels[:2] == ["Doelen", "KPI's"] and len(labels) == 7
    assert [row["tabblad"] for row in summary["tabs"]] == [
        f"/transformatie › {label}" for label in labels[1:]
    ]
    for tab in summary["tabs"]:
        assert tab["by_tab_s"] > 0 and tab["first_tab_visit_s"] > 0 and tab["server_s"] > 0, tab
        assert tab["by_tab_previous_s"] > 0 and tab["by_tab_previous_ratio"] > 0, tab
    row = summary["pages"][0]
    for key in (
        "by_url_s", "by_url_floor_s", "by_click_s", "browser_work_s", "browser_work_floor_s",
        "server_s", "server_floor_s",
    ):  # fmt: skip
        assert row[key] > 0, key
    assert row["by_url_ratio"] > 0
    assert row["by_url_content_floor_s"] > 0 and row["by_click_content_ratio"] > 0
    assert row["by_url_previous_s"] > 0 and row["by_click_previous_ratio"] > 0
    assert row["by_click_previous_content_ratio"] > 0
    kinds = {kind for kind, _ in result["layout"]["over"]["content"]}
    assert {"stHeading", "stMarkdown", "stDownloadButton"} <= kinds, "the page's other elements"
    assert "stSelectbox" in {kind for kind, _ in result["layout"]["over"]["sidebar"]}, "Regio"
    assert list(summary["content_floor"]) == [benchmark.CONTENT_FLOOR_LINE]
    assert summary["cold_start_s"] > summary["server_ready_s"] > 0
    assert summary["peak_rss_mib"] > 50
    assert result["layout"]["over"]["tables"], "the floor got the tables of the page"
    assert set(summary["targets"]) >= {"koude start onder 3 s"}


@pytest.mark.browser
def test_loadtest_two_viewers(tiny_set):
    """Two viewers on the overview and Transformatie with each of its tabs: every run
    counted, in the protocol and in the measuring browser, no errors, memory reported."""
    options = "--viewers 2 --ramp 1 --think 0 0.2 --pages transformatie --rounds 1"
    code, result = run_command(
        "loadtest", *options.split(), "--max-seconds", "120", "--data", str(tiny_set), "--json"
    )
    assert code == 0, result["errors"]
    assert result["errors"] == []
    tabs = [f"/transformatie › {label}" for label in TRANSFORMATIE_TABS[1:]]
    visited = ["/", "/transformatie", *tabs]
    assert list(result["per_page"]["protocol_alone"]) == visited
    assert list(result["per_page"]["protocol_load"]) == visited
    assert result["stats"]["protocol_load"]["n"] == 2 * len(visited)  # two viewers
    assert result["runs_per_query"] == {f"regio={result['regio']}": 2 * len(visited)}
    assert result["raw"]["alone"]["browser"]["pages"] == visited, "the browser clicks each tab"
    assert result["stats"]["protocol_alone"]["p95"] > 0
    assert result["memory"]["rss_all_open_mib"] > 50
    assert result["memory"]["mib_per_session"] is not None


#: The tabs of Transformatie, as a viewer reads them.
TRANSFORMATIE_TABS = [
    "Doelen", "KPI's", "Kwadranten", "Fasen", "Escalatie", "Segmenten en regio's",
    "Bronnen vergeleken",
]  # fmt: skip


@pytest.mark.browser
def test_loadtest_spread_gives_each_region_its_viewers(tiny_set):
    """A national roll-out: the viewers take the regions in turn, each region's pages run."""
    options = "--viewers 4 --ramp 1 --think 0 0.2 --pages over --rounds 1 --max-seconds 120"
    code, result = run_command(
        "loadtest", *options.split(), "--spread", "--data", str(tiny_set), "--json"
    )
    assert code == 0, result["errors"]
    assert result["runs_per_query"] == {
        "regio=fictieve-regio-01": 2 * 2,  # two viewers, overview + over
        "regio=fictieve-regio-02": 2 * 2,
    }
