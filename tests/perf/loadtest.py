"""The load test: many viewers open the dashboard at once, on loopback only.

    python -m tests.perf.loadtest [--viewers 40] [--ramp 60] [--think 10 30] [--browsers 0]
                                  [--data MAP] [--regio ID] [--spread] [--max-seconds 600]
                                  [--json]

The scenario of an information evening: ``--viewers`` people open the link within
``--ramp`` seconds, then each visits every page, and every tab of a page with tabs
(*Transformatie*), reading it and listening to the presenter (``--think`` seconds,
uniform between the two values) before clicking on.
``--ramp 5 --think 0 2`` is the harder case of a room that clicks when the presenter does.
``--spread`` is a national roll-out instead: the viewers take the regions of ``--data`` in
turn, so the server holds every region's extracts at once.

Each viewer is a protocol-level client (:mod:`tests.perf.protocol`, Streamlit's own
websocket): real browser contexts for forty viewers would cost this two-core machine
more CPU on the client than on the server (QUALITY.md) and so measure the client. Meanwhile one real
Chromium keeps loading the overview and clicking through the pages, measuring what a
viewer feels. ``--browsers K`` makes K of the viewers real browser contexts as well.

Reported: p50/p95/max time-to-idle (protocol: request to ``script_finished``; browser:
navigation to idle with charts drawn), each against the same viewer alone before the
load; errors (tracebacks, error messages on a page, timeouts, refused connections); and
server memory per extra session: the growth of the server's resident memory while all
sessions are open, divided by their number.

Bounded: at most ``MAX_VIEWERS`` viewers, everything stops after ``--max-seconds``, and
the server is always our own ``streamlit run`` on 127.0.0.1 (no address can be given).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tests.perf import measure
from tests.perf.benchmark import default_region
from tests.perf.protocol import PageRun, Viewer

MAX_VIEWERS = 200
#: Seconds the measuring Chromium waits between pages (alone and under load alike).
PROBE_PAUSE = 1.0
#: The targets of issue 9.
TARGET_P95_RATIO = 3.0
TARGET_MIB_PER_SESSION = 10.0


@dataclass
class Samples:
    """Times-to-idle of one kind of viewer (with their page), and what went wrong."""

    seconds: list[float] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    queries: list[str] = field(default_factory=list)

    def add(self, path: str, seconds: float, query: str = "") -> None:
        self.seconds.append(seconds)
        self.pages.append(f"/{path}")
        self.queries.append(query)

    def stats(self) -> dict[str, float]:
        """p50, p95 and max (NaN when empty)."""
        return {
            "n": len(self.seconds),
            "p50": measure.percentile(self.seconds, 0.50),
            "p95": measure.percentile(self.seconds, 0.95),
            "max": max(self.seconds, default=math.nan),
        }

    def per_page(self) -> dict[str, dict[str, float]]:
        """The same statistics for each page: where the slow runs are."""
        pages = dict.fromkeys(self.pages)
        return {
            page: Samples(
                [t for t, p in zip(self.seconds, self.pages, strict=True) if p == page]
            ).stats()
            for page in pages
        }


@dataclass
class Plan:
    """Who arrives when and how long they read: fixed by the seed, so runs compare."""

    viewers: int
    ramp: float
    think: tuple[float, float]
    browsers: int
    pages: tuple[str, ...]
    query: str
    rounds: int = 3
    seed: int = 9
    spread: tuple[str, ...] = ()
    """Regions the viewers under load take in turn (a national roll-out); else ``query``."""

    def query_of(self, number: int) -> str:
        """The query of viewer ``number`` under load."""
        if not self.spread:
            return self.query
        return f"regio={self.spread[number % len(self.spread)]}"

    def arrivals(self) -> list[float]:
        rng = random.Random(self.seed)
        return sorted(rng.uniform(0, self.ramp) for _ in range(self.viewers))

    def pause(self, rng: random.Random) -> float:
        return rng.uniform(*self.think)


class Countdown:
    """Set ``event`` once ``count`` viewers have seen every page (or given up)."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.event = asyncio.Event()
        if count <= 0:
            self.event.set()

    def one_done(self) -> None:
        self.count -= 1
        if self.count <= 0:
            self.event.set()


# --- viewers ------------------------------------------------------------------------------------


def _problems(run) -> list[str]:
    """A page run's tracebacks and error messages, or an unfinished run, as error lines."""
    lines = [f"/{run.path}: traceback {text[:120]}" for text in run.exceptions]
    lines += [f"/{run.path}: foutmelding op de pagina: {text[:120]}" for text in run.errors]
    if not run.ok and not run.exceptions:
        lines.append(f"/{run.path}: script_finished status {run.status}")
    return lines


async def protocol_round(
    viewer: Viewer, plan: Plan, query: str, pause: Callable[[], float] = lambda: 0.0
) -> list[PageRun]:
    """Open the overview, then visit every page and each other tab of a page with tabs."""
    runs = [await viewer.open("", query)]
    for path in plan.pages[1:]:
        await asyncio.sleep(pause())
        runs.append(await viewer.visit(path, query))
        for label in viewer.tab_labels[1:]:
            await asyncio.sleep(pause())
            runs.append(await viewer.choose_tab(path, query, label))
    return runs


async def protocol_viewer(
    base: str,
    plan: Plan,
    query: str,
    delay: float,
    rng: random.Random,
    samples: Samples,
    progress: Countdown,
    hold: asyncio.Event,
) -> None:
    """Arrive after ``delay``, open the overview, visit every page and tab, stay until
    ``hold``."""
    await asyncio.sleep(delay)
    try:
        async with Viewer(base) as viewer:
            runs = await protocol_round(viewer, plan, query, lambda: plan.pause(rng))
            for run in runs:
                samples.add(run.path, run.seconds, query)
                samples.errors += _problems(run)
            progress.one_done()
            await hold.wait()  # stay connected: memory is measured with every session open
    except Exception as error:  # refused, dropped or timed out: each is an error to report
        samples.errors.append(f"{type(error).__name__}: {str(error)[:200]}")
        progress.one_done()


async def browser_round(
    tab: measure.Tab,
    base: str,
    plan: Plan,
    pause: Callable[[], float],
    samples: Samples,
    query: str | None = None,
) -> None:
    """Load the overview by its address (``query``, else the plan's), then click on, through
    every page and each other tab of a page with tabs."""
    query = plan.query if query is None else query
    try:
        samples.add("", await measure.load_by_url_async(tab, base, "", query), query)
        for path in plan.pages[1:]:
            await asyncio.sleep(pause())
            samples.add(path, await measure.load_by_click_async(tab, base, path), query)
            for label in (await measure.tabs_of_async(tab))[1:]:
                await asyncio.sleep(pause())
                seconds = await measure.open_tab_async(tab, label)
                samples.add(f"{path} › {label}", seconds, query)
        shown = await tab.page.evaluate(measure.LAYOUT_JS)
        if shown["exceptions"]:
            samples.errors.append("browser: een pagina toont een traceback")
    except Exception as error:
        samples.errors.append(f"browser: {type(error).__name__}: {str(error)[:200]}")


async def browser_viewer(
    browser,
    base: str,
    plan: Plan,
    query: str,
    delay: float,
    rng: random.Random,
    samples: Samples,
    progress: Countdown,
) -> None:
    """A real browser context that behaves like a protocol viewer."""
    await asyncio.sleep(delay)
    tab = None
    try:
        tab = await measure.new_page_async(browser)
        await browser_round(tab, base, plan, lambda: plan.pause(rng), samples, query)
    except Exception as error:  # a context that cannot open is an error to report
        samples.errors.append(f"browser: {type(error).__name__}: {str(error)[:200]}")
    finally:
        progress.one_done()
        if tab is not None:
            await tab.page.context.close()


async def probe(browser, base: str, plan: Plan, samples: Samples, done: asyncio.Event) -> None:
    """One real viewer that keeps going through the pages until done.

    It pauses only ``PROBE_PAUSE`` between pages: enough samples for a p95, without
    making the measuring browser the heaviest user of a two-core machine.
    """
    tab = await measure.new_page_async(browser)
    try:
        while not done.is_set():
            await browser_round(tab, base, plan, lambda: PROBE_PAUSE, samples)
    finally:
        await tab.page.context.close()


# --- the whole test ------------------------------------------------------------------------------


async def single_viewer(base: str, browser, plan: Plan) -> dict[str, Samples]:
    """The same viewers alone, before the load: the figures the load is compared with.

    One unmeasured round first: the first runs after a server start import modules and
    fill caches, which would make the lone viewer look slower than it is.
    """
    alone = {"protocol": Samples(), "browser": Samples()}
    async with Viewer(base) as viewer:
        await protocol_round(viewer, plan, plan.query)
    for _ in range(plan.rounds):
        async with Viewer(base) as viewer:
            runs = await protocol_round(viewer, plan, plan.query)
        for run in runs:
            alone["protocol"].add(run.path, run.seconds)
            alone["protocol"].errors += _problems(run)
    tab = await measure.new_page_async(browser)
    for _ in range(plan.rounds):
        await browser_round(tab, base, plan, lambda: PROBE_PAUSE, alone["browser"])
    await tab.page.context.close()
    return alone


async def under_load(
    server: measure.Server, browser, plan: Plan, max_seconds: float
) -> tuple[dict[str, Samples], dict[str, float]]:
    """All viewers plus the probe; returns samples and memory figures."""
    loaded = {"protocol": Samples(), "browser": Samples(), "probe": Samples()}
    hold, done = asyncio.Event(), asyncio.Event()
    progress = Countdown(plan.viewers)
    rng = random.Random(plan.seed)
    rss_before = server.rss_mib()
    tasks = []
    for number, delay in enumerate(plan.arrivals()):
        own = random.Random(rng.random())
        if number < plan.browsers:
            viewer = browser_viewer(
                browser, server.base, plan, plan.query_of(number), delay, own, loaded["browser"],
                progress,
            )  # fmt: skip
        else:
            viewer = protocol_viewer(
                server.base, plan, plan.query_of(number), delay, own, loaded["protocol"],
                progress, hold,
            )  # fmt: skip
        tasks.append(asyncio.create_task(viewer))
    probing = asyncio.create_task(probe(browser, server.base, plan, loaded["probe"], done))
    started = time.perf_counter()
    try:
        await asyncio.wait_for(progress.event.wait(), max_seconds)
    except TimeoutError:
        loaded["protocol"].errors.append(f"niet klaar binnen {max_seconds:.0f} s")
    seconds = time.perf_counter() - started
    rss_all_open = server.rss_mib()
    hold.set()
    done.set()
    for task in [*tasks, probing]:
        task.cancel()  # after a timeout some are still busy; the rest only hold a connection
    await asyncio.gather(*tasks, probing, return_exceptions=True)
    sessions = plan.viewers - plan.browsers
    memory = {
        "rss_before_mib": rss_before,
        "rss_all_open_mib": rss_all_open,
        "peak_rss_mib": server.peak_rss_mib(),
        "mib_per_session": (rss_all_open - rss_before) / sessions if sessions else math.nan,
        "seconds": seconds,
    }
    return loaded, memory


async def run_async(server: measure.Server, plan: Plan, max_seconds: float) -> dict[str, object]:
    """Warm up and measure alone, then under load."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=measure.support.CHROMIUM, args=measure.support.CHROMIUM_ARGS
        )
        alone = await single_viewer(server.base, browser, plan)
        loaded, memory = await under_load(server, browser, plan, max_seconds)
        await browser.close()
    return {"alone": alone, "loaded": loaded, "memory": memory}


def summarise(result: dict, plan: Plan) -> dict[str, object]:
    """Statistics, ratios to the lone viewer, errors, and which targets were met."""
    alone, loaded, memory = result["alone"], result["loaded"], result["memory"]
    stats = {
        "protocol_alone": alone["protocol"].stats(),
        "protocol_load": loaded["protocol"].stats(),
        "probe_alone": alone["browser"].stats(),
        "probe_load": loaded["probe"].stats(),
    }
    if plan.browsers:
        stats["browsers_load"] = loaded["browser"].stats()
    ratios = {
        "protocol_p95": stats["protocol_load"]["p95"] / stats["protocol_alone"]["p95"],
        "probe_p95": stats["probe_load"]["p95"] / stats["probe_alone"]["p95"],
    }
    errors = [e for s in (*alone.values(), *loaded.values()) for e in s.errors]
    met = {
        "geen fouten": not errors,
        "p95 onder 3× één kijker (protocol)": ratios["protocol_p95"] < TARGET_P95_RATIO,
        "p95 onder 3× één kijker (browser)": ratios["probe_p95"] < TARGET_P95_RATIO,
        "geheugen per extra sessie onder 10 MB": memory["mib_per_session"] < TARGET_MIB_PER_SESSION,
    }
    per_page = {
        "protocol_alone": alone["protocol"].per_page(),
        "protocol_load": loaded["protocol"].per_page(),
    }
    return {
        "stats": stats,
        "per_page": per_page,
        "runs_per_query": dict(Counter(loaded["protocol"].queries + loaded["browser"].queries)),
        "ratios": ratios,
        "memory": memory,
        "errors": errors,
        "targets": met,
    }


def _s(value: float | None) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:.2f}"


def table(summary: dict, plan: Plan) -> str:
    """The summary as plain text."""
    lines = ["wie | n | p50 s | p95 s | max s"]
    names = {
        "protocol_alone": "protocol, één kijker",
        "protocol_load": f"protocol, {plan.viewers - plan.browsers} kijkers",
        "probe_alone": "Chromium, alleen",
        "probe_load": "Chromium, tijdens de belasting",
        "browsers_load": f"Chromium, {plan.browsers} kijker(s) als browser",
    }
    for key, stats in summary["stats"].items():
        figures = " | ".join(_s(stats[k]) for k in ("p50", "p95", "max"))
        lines.append(f"{names[key]} | {stats['n']} | {figures}")
    memory, ratios = summary["memory"], summary["ratios"]
    lines += [
        "",
        f"p95 onder belasting / alleen: protocol {_s(ratios['protocol_p95'])}×, "
        f"Chromium {_s(ratios['probe_p95'])}×",
        f"geheugen: {memory['rss_before_mib']:.0f} MiB voor, {memory['rss_all_open_mib']:.0f} MiB "
        f"met alle sessies open, piek {memory['peak_rss_mib']:.0f} MiB; "
        f"{_s(memory['mib_per_session'])} MiB per extra sessie",
        f"duur belasting: {memory['seconds']:.0f} s; fouten: {len(summary['errors'])}",
    ]
    if len(runs := summary["runs_per_query"]) > 1:
        lines.append(
            f"paginaruns onder belasting per regio: {min(runs.values())}–{max(runs.values())}, "
            f"in {len(runs)} regio's"
        )
    alone, loaded = summary["per_page"]["protocol_alone"], summary["per_page"]["protocol_load"]
    lines.append(
        "protocol p95 per pagina, alleen → onder belasting: "
        + "; ".join(
            f"{page} {_s(alone.get(page, {}).get('p95'))} → {_s(stats['p95'])}"
            for page, stats in loaded.items()
        )
    )
    lines += [
        f"doel {name}: {'gehaald' if met else 'NIET gehaald'}"
        for name, met in summary["targets"].items()
    ]
    lines += [f"fout: {error}" for error in summary["errors"][:20]]
    return "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    """Command-line options."""
    cli = argparse.ArgumentParser(
        prog="python -m tests.perf.loadtest",
        description="Veel kijkers tegelijk (alleen op 127.0.0.1), met één echte Chromium ernaast.",
    )
    cli.add_argument("--viewers", type=int, default=40, help=f"kijkers (1 t/m {MAX_VIEWERS})")
    cli.add_argument(
        "--ramp", type=float, default=60.0, help="binnen zoveel seconden komen ze binnen"
    )
    cli.add_argument(
        "--think", type=float, nargs=2, default=(10.0, 30.0), metavar=("MIN", "MAX"),
        help="leestijd per pagina in seconden (standaard 10 30)",
    )  # fmt: skip
    cli.add_argument("--browsers", type=int, default=0, help="zoveel kijkers als echte Chromium")
    cli.add_argument("--data", type=Path, default=None, help="map met extracten")
    cli.add_argument(
        "--regio", default=None, help="regio-id (standaard regio-alkmaar of de grootste)"
    )
    cli.add_argument(
        "--spread", action="store_true",
        help="de kijkers nemen om de beurt elke regio in --data (een landelijke uitrol); "
        "--regio blijft de regio van de kijker alleen en van de meetbrowser",
    )  # fmt: skip
    cli.add_argument("--pages", nargs="+", default=None, metavar="PAD", help="alleen deze pagina's")
    cli.add_argument(
        "--rounds", type=int, default=3, help="rondes van één kijker alleen, vooraf (standaard 3)"
    )
    cli.add_argument("--max-seconds", type=float, default=600.0, help="harde grens (standaard 600)")
    cli.add_argument("--json", action="store_true", help="JSON in plaats van een tabel")
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    """Run the load test; exit 1 when a viewer met an error."""
    args = parser().parse_args(argv)
    if not 1 <= args.viewers <= MAX_VIEWERS or not 0 <= args.browsers <= args.viewers:
        print(f"--viewers 1 t/m {MAX_VIEWERS}, --browsers 0 t/m --viewers", file=sys.stderr)
        return 2
    from components.data import extracts

    root = args.data or extracts.data_root()
    regio = args.regio or default_region(root)
    pages = tuple(dict.fromkeys(["", *(p.strip("/") for p in args.pages or measure.PAGES)]))
    plan = Plan(
        args.viewers, args.ramp, tuple(sorted(args.think)), args.browsers, pages,
        f"regio={regio}" if regio else "", max(args.rounds, 1),
        spread=tuple(extracts.list_regions(Path(root))) if args.spread else (),
    )  # fmt: skip
    with measure.started(args.data) as server:
        result = asyncio.run(run_async(server, plan, args.max_seconds))
    summary = summarise(result, plan)
    if args.json:
        raw = {k: {n: asdict(s) for n, s in v.items()} for k, v in result.items() if k != "memory"}
        output = {"machine": measure.machine(), "regio": regio, "plan": asdict(plan), **summary}
        output = measure.json_ready({**output, "raw": raw})
        print(json.dumps(output, indent=2, default=str, ensure_ascii=False))
    else:
        machine = measure.machine()
        print(
            f"{machine['cores']} kernen, {machine['memory_gib']} GiB, Python {machine['python']}, "
            f"{machine['chromium']}; regio {regio}; {plan.viewers} kijkers binnen {plan.ramp:.0f} s"
            + (f", om de beurt in {len(plan.spread)} regio's" if plan.spread else "")
        )
        print(table(summary, plan))
    return 1 if summary["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
