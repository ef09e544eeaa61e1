"""The load test: many viewers open the dashboard at once, on loopback only.

    python -m tests.perf.loadtest [--viewers 40] [--ramp 60] [--think 10 30] [--browsers 0]
                                  [--data MAP] [--regio ID] [--spread] [--max-seconds 600]
                                  [--replicas N] [--kill-replica-at S] [--saturate S] [--json]

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

Through a load balancer (``--replicas N``): the server is ``components.web.replicas``, N
``streamlit run`` processes behind Debian's HAProxy, and every viewer goes through HAProxy
as a browser does (:class:`tests.perf.protocol.Viewer` with ``balancer=True``: the page
first, the replica cookie kept and sent with the websocket). Before the load each replica
gets one unmeasured round of its own (its caches warm, as one process gets its warm-up
round). Reported besides: which replica served each viewer's responses (``X-Replica``) and
whether each viewer stayed on one replica (a viewer that moved while its replica was alive
is an error), and the memory of each replica. ``--kill-replica-at S``: S seconds into the
load, the replica that serves the measuring Chromium is killed (``kill -9``); its viewers
reconnect through HAProxy to another replica and run their page again. Reported: the page
runs lost with the dropped websockets (counted, not an error), that every viewer's last
page run succeeded, and that the measuring Chromium shows its page after the kill.

Saturation (``--saturate S``): no Chromium and no reading time; every viewer goes through
the pages again and again without a pause, so the server(s) are never idle, and the page
runs finished within S seconds (after ``SATURATE_SETTLE_S`` seconds to get going) are
counted: page runs per second at saturation, with the CPU seconds each process used.

Bounded: at most ``MAX_VIEWERS`` viewers, everything stops after ``--max-seconds``, and
the server is always our own ``streamlit run`` (or replicas and HAProxy) on 127.0.0.1 (no
address can be given).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import random
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from components.web import replicas
from tests.perf import measure
from tests.perf.benchmark import default_region
from tests.perf.protocol import PageRun, Served, Viewer

MAX_VIEWERS = 200
#: Seconds the measuring Chromium waits between pages (alone and under load alike).
PROBE_PAUSE = 1.0
#: The targets of issue 9.
TARGET_P95_RATIO = 3.0
TARGET_MIB_PER_SESSION = 10.0
#: Saturation: seconds of load before the counting window opens.
SATURATE_SETTLE_S = 5.0
#: Saturation: seconds the viewers get to finish the run under way after the window.
SATURATE_STOP_S = 60.0
#: With a replica killed, the measuring Chromium gives a step this long (ms) instead of a
#: minute: a page run under way on the killed replica never finishes. A step that fails
#: within ``KILL_WINDOW_S`` after the kill counts as lost with it, not as an error.
KILLED_STEP_TIMEOUT_MS = 20_000
KILL_WINDOW_S = KILLED_STEP_TIMEOUT_MS / 1000 + 5
#: How long the measuring Chromium gets, after the viewers are done, to finish a round
#: that started after the kill.
AFTER_KILL_ROUND_S = 120.0
#: Any traceback or error message in the page (a viewer left with an error page).
ERROR_PAGE_JS = """() => document.querySelectorAll(
  '[data-testid=stException], [data-testid=stAlertContentError]').length"""
#: What the measuring Chromium shows: connection state, title, error elements.
SHOWN_JS = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  const h1 = document.querySelector('[data-testid=stMain] h1');
  return {
    connection: app ? app.getAttribute('data-test-connection-state') : null,
    heading: h1 ? h1.innerText.trim() : null,
    errors: document.querySelectorAll(
      '[data-testid=stException], [data-testid=stAlertContentError]').length,
  };
}"""


@dataclass
class Samples:
    """Times-to-idle of one kind of viewer (with their page), and what went wrong."""

    seconds: list[float] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    queries: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    """Steps lost with a killed replica (its websocket dropped): counted, not errors."""

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
    replicas: int = 0
    """Replicas behind HAProxy; 0: one ``streamlit run`` process without a balancer."""
    kill_at: float | None = None
    """Seconds into the load at which one replica is killed (None: none)."""

    @property
    def balanced(self) -> bool:
        return self.replicas > 0

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


# --- the servers ------------------------------------------------------------------------------


def cpu_s(pid: int) -> float:
    """CPU seconds (user and system) the process has used so far; NaN once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return math.nan
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Servers:
    """What the viewers load: one ``streamlit run`` process, or replicas behind HAProxy."""

    base: str
    pids: dict[str, int]
    """App process name (``server``, or the replicas ``r1``, ``r2``, …) → process id."""
    balancer: replicas.Balancer | None = None
    last: dict[str, dict[str, float]] = field(default_factory=dict)
    """The last memory reading of each app process (a killed one keeps its last)."""
    killed: dict[str, object] = field(default_factory=dict)
    """The replica killed during the load: name, pid, ``at_s`` into the load, ``monotonic``."""

    def memory(self) -> dict[str, dict[str, float]]:
        """Resident memory now and its peak (``VmHWM``) of each app process, in MiB; a
        process that is gone keeps the peak of its last reading, with ``rss_mib`` NaN."""
        for name, pid in self.pids.items():
            try:
                self.last[name] = {
                    "rss_mib": measure.proc_status_kib(pid, "VmRSS") / 1024,
                    "peak_rss_mib": measure.proc_status_kib(pid, "VmHWM") / 1024,
                }
            except (OSError, KeyError):  # gone (or a zombie, which has no memory lines)
                self.last.setdefault(name, {"peak_rss_mib": math.nan})["rss_mib"] = math.nan
        return {name: dict(figures) for name, figures in self.last.items()}

    def cpu(self) -> dict[str, float]:
        """CPU seconds so far of each app process, HAProxy's, and this load client's own."""
        used = {name: cpu_s(pid) for name, pid in self.pids.items()}
        if self.balancer is not None:
            used["haproxy"] = cpu_s(self.balancer.haproxy.pid)
        used["client"] = time.process_time()
        return used


@contextlib.contextmanager
def started(plan: Plan, data: Path | None) -> Iterator[Servers]:
    """One ``streamlit run`` (as the browser tests start it), or ``plan.replicas`` replicas
    behind HAProxy (as ``python -m components.web.replicas`` starts them); both log only
    critical messages (measure.QUIET); always stopped."""
    if not plan.balanced:
        with measure.started(data) as server:
            yield Servers(server.base, {"server": server.pid})
        return
    haproxy = replicas.haproxy_binary()
    if haproxy is None:
        raise RuntimeError(f"HAProxy is niet geïnstalleerd ({replicas.INSTALL}).")
    saved = {key: os.environ.get(key) for key in measure.QUIET}
    os.environ.update(measure.QUIET)
    try:
        # In this (the main) thread: the replicas' parent-death signal follows the thread
        # that started them.
        with replicas.running(plan.replicas, replicas.free_port(), data, haproxy) as balancer:
            pids = {replica.name: replica.process.pid for replica in balancer.replicas}
            yield Servers(balancer.url, pids, balancer)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


async def kill_replica(
    servers: Servers, at: float, started_at: float, choose: Callable[[], object]
) -> None:
    """``at`` seconds after ``started_at`` (perf_counter), ``kill -9`` the replica ``choose``
    names (a coroutine function; None: the first), as a crash would stop it."""
    await asyncio.sleep(max(at - (time.perf_counter() - started_at), 0.0))
    name = await choose() or next(iter(servers.pids))
    servers.memory()  # its last reading
    servers.killed = {
        "replica": name,
        "pid": servers.pids[name],
        "at_s": time.perf_counter() - started_at,
        "monotonic": time.monotonic(),
    }
    os.kill(servers.pids[name], signal.SIGKILL)


def within_kill_window(servers: Servers) -> bool:
    """A replica was killed less than ``KILL_WINDOW_S`` ago."""
    killed = servers.killed.get("monotonic")
    return killed is not None and time.monotonic() - killed <= KILL_WINDOW_S


# --- viewers ------------------------------------------------------------------------------------


@dataclass
class ViewerLog:
    """What one protocol viewer met through the balancer."""

    number: int
    served: list[Served]
    lost: int
    reconnects: int
    last_ok: bool | None
    """Its last page run finished and showed no traceback or error (None: it ran none)."""


def pinned(served: Sequence[Served], killed: dict) -> bool:
    """Every response from one replica, but for a move away from a killed replica after
    it was killed; every response named its replica."""
    if not served or any(s.replica is None for s in served):
        return False
    current = served[0].replica
    for response in served[1:]:
        if response.replica != current:
            moved_off_killed = (
                current == killed.get("replica") and response.at >= killed["monotonic"]
            )
            if not moved_off_killed:
                return False
            current = response.replica
    return True


def _log(number: int, viewer: Viewer, runs: Sequence[PageRun]) -> ViewerLog:
    last = runs[-1] if runs else None
    last_ok = None if last is None else last.ok and not last.errors
    return ViewerLog(number, list(viewer.served), len(viewer.lost), viewer.reconnects, last_ok)


def _problems(run) -> list[str]:
    """A page run's tracebacks and error messages, or an unfinished run, as error lines."""
    lines = [f"/{run.path}: traceback {text[:120]}" for text in run.exceptions]
    lines += [f"/{run.path}: foutmelding op de pagina: {text[:120]}" for text in run.errors]
    if not run.ok and not run.exceptions:
        lines.append(f"/{run.path}: script_finished status {run.status}")
    return lines


async def protocol_round(
    viewer: Viewer,
    plan: Plan,
    query: str,
    pause: Callable[[], float] = lambda: 0.0,
    record: Callable[[PageRun], None] | None = None,
) -> list[PageRun]:
    """Open the overview, then visit every page and each other tab of a page with tabs;
    ``record`` gets each run as it finishes."""
    runs = []

    async def keep(run: PageRun) -> None:
        runs.append(await run)
        if record is not None:
            record(runs[-1])

    await keep(viewer.open("", query))
    for path in plan.pages[1:]:
        await asyncio.sleep(pause())
        await keep(viewer.visit(path, query))
        for label in viewer.tab_labels[1:]:
            await asyncio.sleep(pause())
            await keep(viewer.choose_tab(path, query, label))
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
    number: int = 0,
    logs: list[ViewerLog] | None = None,
) -> None:
    """Arrive after ``delay``, open the overview, visit every page and tab, stay until
    ``hold``. Through a balancer, what it met goes to ``logs``."""
    await asyncio.sleep(delay)
    viewer = Viewer(base, balancer=plan.balanced)
    runs: list[PageRun] = []
    try:
        async with viewer:
            runs = await protocol_round(viewer, plan, query, lambda: plan.pause(rng))
            for run in runs:
                samples.add(run.path, run.seconds, query)
                samples.errors += _problems(run)
            progress.one_done()
            await hold.wait()  # stay connected: memory is measured with every session open
    except Exception as error:  # refused, dropped or timed out: each is an error to report
        samples.errors.append(f"{type(error).__name__}: {str(error)[:200]}")
        progress.one_done()
    finally:
        if plan.balanced and logs is not None:
            samples.lost += [f"/{run.path}" for run in viewer.lost]
            logs.append(_log(number, viewer, runs))


async def browser_round(
    tab: measure.Tab,
    base: str,
    plan: Plan,
    pause: Callable[[], float],
    samples: Samples,
    query: str | None = None,
    timeout: float = 60_000,
    lost: Callable[[], bool] | None = None,
) -> bool:
    """Load the overview by its address (``query``, else the plan's), then click on, through
    every page and each other tab of a page with tabs. True when nothing went wrong; a
    step that fails while ``lost()`` says a replica was just killed is lost with it."""
    query = plan.query if query is None else query
    errors = len(samples.errors)
    try:
        samples.add("", await measure.load_by_url_async(tab, base, "", query, timeout), query)
        for path in plan.pages[1:]:
            await asyncio.sleep(pause())
            seconds = await measure.load_by_click_async(tab, base, path, timeout)
            samples.add(path, seconds, query)
            for label in (await measure.tabs_of_async(tab))[1:]:
                await asyncio.sleep(pause())
                seconds = await measure.open_tab_async(tab, label, timeout)
                samples.add(f"{path} › {label}", seconds, query)
        shown = await tab.page.evaluate(measure.LAYOUT_JS)
        if shown["exceptions"]:
            samples.errors.append("browser: een pagina toont een traceback")
    except Exception as error:
        text = f"browser: {type(error).__name__}: {str(error)[:200]}"
        if lost is not None and lost():
            samples.lost.append(text)
        else:
            samples.errors.append(text)
        return False
    return len(samples.errors) == errors


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


@dataclass
class ProbeLog:
    """The measuring Chromium: its tab, its rounds, and what it showed at the end."""

    tab: measure.Tab | None = None
    rounds: list[tuple[float, float, bool]] = field(default_factory=list)
    """(start, end, nothing went wrong) of each round, in time.monotonic()."""
    shown: dict = field(default_factory=dict)
    """At the end: connection state, the page's heading, tracebacks and error messages."""

    async def replica(self) -> str | None:
        """The replica its cookie names (None: no balancer, or not there yet)."""
        if self.tab is None:
            return None
        cookies = await self.tab.page.context.cookies()
        return next((c["value"] for c in cookies if c["name"] == replicas.COOKIE), None)

    def ok_round_after(self, moment: float) -> bool:
        return any(start >= moment and ok for start, _, ok in self.rounds)


async def probe(
    browser,
    servers: Servers,
    plan: Plan,
    samples: Samples,
    done: asyncio.Event,
    log: ProbeLog | None = None,
) -> None:
    """One real viewer that keeps going through the pages until done.

    It pauses only ``PROBE_PAUSE`` between pages: enough samples for a p95, without
    making the measuring browser the heaviest user of a two-core machine. With a replica
    to be killed, a step that fails right after the kill is lost with it (the browser
    itself reconnects through the balancer) and the next round starts by loading the
    overview again, as a viewer would reload; at the end the page it shows is read.
    """
    log = log if log is not None else ProbeLog()
    tab = log.tab = await measure.new_page_async(browser)
    killing = plan.kill_at is not None
    timeout = KILLED_STEP_TIMEOUT_MS if killing else 60_000
    lost = (lambda: within_kill_window(servers)) if killing else None
    try:
        while not done.is_set():
            begun = time.monotonic()
            ok = await browser_round(
                tab, servers.base, plan, lambda: PROBE_PAUSE, samples, timeout=timeout, lost=lost
            )
            log.rounds.append((begun, time.monotonic(), ok))
        if killing:
            log.shown = {**await tab.page.evaluate(SHOWN_JS), "replica": await log.replica()}
    finally:
        await tab.page.context.close()


# --- the whole test ------------------------------------------------------------------------------


async def warm_each_replica(servers: Servers, plan: Plan) -> None:
    """One unmeasured round on each replica, pinned to it by its cookie: the first runs
    after a start import modules and fill caches, in every process."""
    for name in servers.pids:
        viewer = Viewer(servers.base, balancer=True)
        viewer.cookies[replicas.COOKIE] = name
        async with viewer:
            await protocol_round(viewer, plan, plan.query)
        if {served.replica for served in viewer.served} != {name}:
            raise RuntimeError(f"opwarmen van {name}: bediend door {viewer.served}")


async def single_viewer(servers: Servers, browser, plan: Plan) -> dict[str, Samples]:
    """The same viewers alone, before the load: the figures the load is compared with.

    One unmeasured round first (on each replica behind a balancer): the first runs after
    a server start import modules and fill caches, which would make the lone viewer look
    slower than it is.
    """
    alone = {"protocol": Samples(), "browser": Samples()}
    if plan.balanced:
        await warm_each_replica(servers, plan)
    else:
        async with Viewer(servers.base) as viewer:
            await protocol_round(viewer, plan, plan.query)
    for _ in range(plan.rounds):
        async with Viewer(servers.base, balancer=plan.balanced) as viewer:
            runs = await protocol_round(viewer, plan, plan.query)
        for run in runs:
            alone["protocol"].add(run.path, run.seconds)
            alone["protocol"].errors += _problems(run)
    tab = await measure.new_page_async(browser)
    for _ in range(plan.rounds):
        await browser_round(tab, servers.base, plan, lambda: PROBE_PAUSE, alone["browser"])
    await tab.page.context.close()
    return alone


def memory_figures(before: dict, all_open: dict, sessions: int, servers: Servers) -> dict:
    """Memory before and with every session open, in all and per app process."""
    now = servers.memory()
    running = [name for name, m in all_open.items() if not math.isnan(m["rss_mib"])]
    growth = sum(all_open[name]["rss_mib"] - before[name]["rss_mib"] for name in running)
    figures = {
        "rss_before_mib": sum(m["rss_mib"] for m in before.values()),
        "rss_all_open_mib": sum(all_open[name]["rss_mib"] for name in running),
        "peak_rss_mib": sum(m["peak_rss_mib"] for m in now.values()),
        # A killed replica's sessions moved to the others: their growth counts them.
        "mib_per_session": growth / sessions if sessions else math.nan,
    }
    if servers.balancer is not None:
        figures["replicas"] = {
            name: {
                "rss_before_mib": before[name]["rss_mib"],
                "rss_all_open_mib": all_open[name]["rss_mib"],
                "peak_rss_mib": now[name]["peak_rss_mib"],
            }
            for name in servers.pids
        }
    return figures


async def under_load(
    servers: Servers, browser, plan: Plan, max_seconds: float
) -> tuple[dict[str, Samples], dict[str, float], dict]:
    """All viewers plus the probe (and the kill); returns samples, memory figures and what
    the viewers met through the balancer."""
    loaded = {"protocol": Samples(), "browser": Samples(), "probe": Samples()}
    hold, done = asyncio.Event(), asyncio.Event()
    progress = Countdown(plan.viewers)
    rng = random.Random(plan.seed)
    before = servers.memory()
    logs: list[ViewerLog] = []
    probe_log = ProbeLog()
    tasks = []
    for number, delay in enumerate(plan.arrivals()):
        own = random.Random(rng.random())
        if number < plan.browsers:
            viewer = browser_viewer(
                browser, servers.base, plan, plan.query_of(number), delay, own,
                loaded["browser"], progress,
            )  # fmt: skip
        else:
            viewer = protocol_viewer(
                servers.base, plan, plan.query_of(number), delay, own, loaded["protocol"],
                progress, hold, number, logs,
            )  # fmt: skip
        tasks.append(asyncio.create_task(viewer))
    probing = asyncio.create_task(probe(browser, servers, plan, loaded["probe"], done, probe_log))
    started_at = time.perf_counter()
    killing = None
    if plan.kill_at is not None:
        killing = asyncio.create_task(
            kill_replica(servers, plan.kill_at, started_at, probe_log.replica)
        )
    try:
        await asyncio.wait_for(progress.event.wait(), max_seconds)
    except TimeoutError:
        loaded["protocol"].errors.append(f"niet klaar binnen {max_seconds:.0f} s")
    seconds = time.perf_counter() - started_at
    all_open = servers.memory()
    after_kill = {}
    if killing is not None:
        after_kill = await _after_kill(servers, killing, probing, probe_log, done, started_at)
    hold.set()
    done.set()
    for task in [*tasks, probing]:
        task.cancel()  # after a timeout some are still busy; the rest only hold a connection
    await asyncio.gather(*tasks, probing, return_exceptions=True)
    sessions = plan.viewers - plan.browsers
    memory = {**memory_figures(before, all_open, sessions, servers), "seconds": seconds}
    balancer = {"logs": logs, "killed": dict(servers.killed), "probe": after_kill}
    return loaded, memory, balancer


async def _after_kill(
    servers: Servers,
    killing: asyncio.Task,
    probing: asyncio.Task,
    log: ProbeLog,
    done: asyncio.Event,
    started_at: float,
) -> dict:
    """After the viewers: the kill happened, the measuring Chromium finished a round that
    began after it, and what its page shows then."""
    if not killing.done():
        killing.cancel()
        return {"killed": False}
    killing.result()
    moment = servers.killed["monotonic"]
    deadline = time.monotonic() + AFTER_KILL_ROUND_S
    while not log.ok_round_after(moment) and time.monotonic() < deadline:
        if probing.done():
            break
        await asyncio.sleep(0.5)
    done.set()  # the probe finishes its round and reads its page
    with contextlib.suppress(TimeoutError, asyncio.CancelledError):
        await asyncio.wait_for(asyncio.shield(probing), AFTER_KILL_ROUND_S)
    return {
        "killed": True,
        "replica_after": log.shown.get("replica"),
        "rounds_after_kill": sum(1 for start, _, _ in log.rounds if start >= moment),
        "ok_rounds_after_kill": sum(1 for start, _, ok in log.rounds if start >= moment and ok),
        "shown": log.shown,
        "seconds": time.perf_counter() - started_at,
    }


async def run_async(servers: Servers, plan: Plan, max_seconds: float) -> dict[str, object]:
    """Warm up and measure alone, then under load."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=measure.support.CHROMIUM, args=measure.support.CHROMIUM_ARGS
        )
        alone = await single_viewer(servers, browser, plan)
        loaded, memory, balancer = await under_load(servers, browser, plan, max_seconds)
        await browser.close()
    return {"alone": alone, "loaded": loaded, "memory": memory, "balancer": balancer}


class WindowOver(Exception):
    """The counting window of a saturation run is over: the viewer stops."""


async def saturate(servers: Servers, plan: Plan, seconds: float) -> dict[str, object]:
    """Page runs per second when the server(s) never wait: every viewer at once, no
    reading time, round after round; counted over ``seconds`` after ``SATURATE_SETTLE_S``."""
    if plan.balanced:
        await warm_each_replica(servers, plan)
    else:
        async with Viewer(servers.base) as viewer:
            await protocol_round(viewer, plan, plan.query)
    before = servers.memory()
    samples, logs = Samples(), []
    served_by: Counter = Counter()
    stop = asyncio.Event()
    now = time.monotonic()
    window = (now + SATURATE_SETTLE_S, now + SATURATE_SETTLE_S + seconds)

    async def one(number: int) -> None:
        viewer = Viewer(servers.base, balancer=plan.balanced)
        query = plan.query_of(number)
        last: list[PageRun] = []

        def record(run: PageRun) -> None:
            last[:] = [run]
            samples.errors.extend(_problems(run))
            if window[0] <= time.monotonic() <= window[1]:
                samples.add(run.path, run.seconds, query)
                served_by[viewer.served[-1].replica if viewer.served else "server"] += 1
            if stop.is_set():
                raise WindowOver

        try:
            async with viewer:
                while True:
                    await protocol_round(viewer, plan, query, record=record)
        except WindowOver:
            pass
        except Exception as error:
            samples.errors.append(f"{type(error).__name__}: {str(error)[:200]}")
        finally:
            samples.lost += [f"/{run.path}" for run in viewer.lost]
            logs.append(_log(number, viewer, last))

    started_at = time.perf_counter()
    tasks = [asyncio.create_task(one(number)) for number in range(plan.viewers)]
    killing = None
    if plan.kill_at is not None:

        async def first() -> str:
            return next(iter(servers.pids))

        killing = asyncio.create_task(kill_replica(servers, plan.kill_at, started_at, first))
    await asyncio.sleep(max(window[0] - time.monotonic(), 0))
    cpu_before = servers.cpu()
    await asyncio.sleep(max(window[1] - time.monotonic(), 0))
    cpu_after = servers.cpu()
    all_open = servers.memory()
    # Each viewer stops after the run it has under way. Not by cancelling it: on Python
    # 3.11 asyncio.wait_for can swallow a cancellation when the message it waits for
    # arrives at the same moment, and that viewer would go on for ever.
    stop.set()
    await asyncio.wait(tasks, timeout=SATURATE_STOP_S)
    for task in [*tasks, *([killing] if killing else [])]:
        task.cancel()
    await asyncio.gather(*tasks, *([killing] if killing else []), return_exceptions=True)
    cpu = {name: cpu_after[name] - cpu_before[name] for name in cpu_before}
    return {
        "samples": samples,
        "runs": len(samples.seconds),
        "seconds": seconds,
        "runs_per_s": len(samples.seconds) / seconds,
        "runs_per_replica": dict(sorted(served_by.items())),
        "cpu_s": cpu,
        "memory": memory_figures(before, all_open, plan.viewers, servers),
        "balancer": {"logs": logs, "killed": dict(servers.killed), "probe": {}},
    }


def balancer_summary(result: dict, plan: Plan, lost: Sequence[str], probe_lost: Sequence[str]):
    """Through the balancer: per viewer the replicas that served it, whether it stayed on
    one, its lost runs and whether its last run succeeded; the kill and what the measuring
    Chromium showed after it. Returns the summary and its error lines."""
    killed = result["killed"]
    errors, viewers = [], []
    for log in sorted(result["logs"], key=lambda log: log.number):
        order = [served.replica for served in log.served]
        ok = pinned(log.served, killed)
        viewers.append({
            "viewer": log.number, "replicas": list(dict.fromkeys(order)), "pinned": ok,
            "lost": log.lost, "reconnects": log.reconnects, "last_ok": log.last_ok,
            "served": [f"{served.kind} {served.replica}" for served in log.served],
        })  # fmt: skip
        if not ok:
            moves = " → ".join(str(name) for name in dict.fromkeys(order))
            errors.append(f"kijker {log.number}: niet bij één replica ({moves})")
        if log.last_ok is not True:
            errors.append(f"kijker {log.number}: de laatste paginarun mislukte (foutpagina)")
    probe = result["probe"]
    if plan.kill_at is not None:
        if not killed:
            errors.append("er is geen replica gestopt: --kill-replica-at valt na de belasting")
        elif probe:  # the measuring Chromium (not in a saturation run)
            shown = probe.get("shown") or {}
            if not probe.get("ok_rounds_after_kill"):
                errors.append("Chromium: geen ronde zonder fouten na het stoppen van de replica")
            if shown.get("errors") or shown.get("connection") != "CONNECTED":
                errors.append(f"Chromium toont na het stoppen een foutpagina: {shown}")
            if not shown.get("heading"):
                errors.append(f"Chromium toont na het stoppen geen pagina: {shown}")
            if probe.get("replica_after") == killed["replica"]:
                errors.append("Chromium zit na het stoppen nog bij de gestopte replica")
    summary = {
        "replicas": plan.replicas,
        "pinned_all": bool(viewers) and all(v["pinned"] for v in viewers),
        "viewers_per_replica": dict(
            sorted(Counter(v["replicas"][0] for v in viewers if v["replicas"]).items())
        ),
        "killed": {k: v for k, v in killed.items() if k != "monotonic"} or None,
        "lost_runs": len(lost),
        "lost_probe_steps": len(probe_lost),
        "reconnected_viewers": sum(1 for v in viewers if v["reconnects"]),
        "last_run_ok_all": bool(viewers) and all(v["last_ok"] is True for v in viewers),
        "probe_after_kill": {k: v for k, v in probe.items()},
        "viewers": viewers,
    }
    return summary, errors


def _balanced_targets(summary: dict, memory: dict, plan: Plan) -> dict[str, bool]:
    per_replica = memory.get("replicas", {})
    met = {
        "elke kijker bij één replica (websocket en HTTP)": summary["pinned_all"],
        "geheugen per replica gemeten": bool(per_replica)
        and all(m["peak_rss_mib"] > 0 for m in per_replica.values()),
    }
    if plan.kill_at is not None:
        met["na het stoppen van een replica geen kijker met een foutpagina"] = (
            summary["killed"] is not None and summary["last_run_ok_all"]
        )
    return met


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
    balancer = None
    if plan.balanced:
        lost = loaded["protocol"].lost
        balancer, more = balancer_summary(result["balancer"], plan, lost, loaded["probe"].lost)
        errors += more
    met = {
        "geen fouten": not errors,
        "p95 onder 3× één kijker (protocol)": ratios["protocol_p95"] < TARGET_P95_RATIO,
        "p95 onder 3× één kijker (browser)": ratios["probe_p95"] < TARGET_P95_RATIO,
        "geheugen per extra sessie onder 10 MB": memory["mib_per_session"] < TARGET_MIB_PER_SESSION,
    }
    if balancer is not None:
        met.update(_balanced_targets(balancer, memory, plan))
    per_page = {
        "protocol_alone": alone["protocol"].per_page(),
        "protocol_load": loaded["protocol"].per_page(),
    }
    summary = {
        "stats": stats,
        "per_page": per_page,
        "runs_per_query": dict(Counter(loaded["protocol"].queries + loaded["browser"].queries)),
        "ratios": ratios,
        "memory": memory,
        "errors": errors,
        "targets": met,
    }
    if balancer is not None:
        summary["balancer"] = balancer
    return summary


def summarise_saturation(result: dict, plan: Plan) -> dict[str, object]:
    """Page runs per second at saturation, their times, CPU, memory, errors."""
    samples = result["samples"]
    errors = list(samples.errors)
    saturation = {
        key: result[key] for key in ("runs", "seconds", "runs_per_s", "runs_per_replica", "cpu_s")
    }
    saturation["stats"] = samples.stats()
    summary = {"saturation": saturation, "memory": result["memory"]}
    met = {}
    if plan.balanced:
        balancer, more = balancer_summary(result["balancer"], plan, samples.lost, [])
        errors += more
        summary["balancer"] = balancer
        met = _balanced_targets(balancer, result["memory"], plan)
    return {**summary, "errors": errors, "targets": {"geen fouten": not errors, **met}}


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
    return "\n".join(lines + closing_lines(summary))


def closing_lines(summary: dict) -> list[str]:
    """The end of every report: the balancer (if any), the targets and the first errors."""
    return [
        *balancer_lines(summary),
        *(
            f"doel {name}: {'gehaald' if met else 'NIET gehaald'}"
            for name, met in summary["targets"].items()
        ),
        *(f"fout: {error}" for error in summary["errors"][:20]),
    ]


def balancer_lines(summary: dict) -> list[str]:
    """What went through the balancer, as text lines (none without one)."""
    balancer = summary.get("balancer")
    if balancer is None:
        return []
    viewers = balancer["viewers"]
    spread = ", ".join(f"{name} {n}" for name, n in balancer["viewers_per_replica"].items())
    lines = [
        f"{balancer['replicas']} replica's achter HAProxy; kijkers per replica: {spread}; "
        f"bij één replica: {sum(v['pinned'] for v in viewers)} van {len(viewers)} kijkers",
        "geheugen per replica: "
        + "; ".join(
            f"{name} {_s(m['rss_before_mib'])} → {_s(m['rss_all_open_mib'])} MiB "
            f"(piek {_s(m['peak_rss_mib'])})"
            for name, m in summary["memory"].get("replicas", {}).items()
        ),
    ]
    if killed := balancer["killed"]:
        lines.append(
            f"gestopt (kill -9): {killed['replica']} (proces {killed['pid']}) na "
            f"{killed['at_s']:.0f} s; verloren paginaruns {balancer['lost_runs']} (protocol), "
            f"{balancer['lost_probe_steps']} stap(pen) (Chromium); "
            f"{balancer['reconnected_viewers']} kijkers opnieuw verbonden; laatste paginarun "
            f"van elke kijker goed: {'ja' if balancer['last_run_ok_all'] else 'NEE'}"
        )
        if probe := balancer["probe_after_kill"]:
            shown = probe.get("shown") or {}
            lines.append(
                f"Chromium na het stoppen: bij {probe.get('replica_after')}, "
                f"{probe.get('ok_rounds_after_kill')} van {probe.get('rounds_after_kill')} "
                f"rondes goed; toont {shown.get('heading')!r}, {shown.get('connection')}, "
                f"{shown.get('errors')} foutmeldingen"
            )
    lines.append(
        "websocket (en HTTP) bij één replica, per kijker: "
        + ", ".join(
            f"{v['viewer']} {'→'.join(map(str, v['replicas']))} {'ja' if v['pinned'] else 'NEE'}"
            for v in viewers
        )
    )
    return lines


def saturation_table(summary: dict, plan: Plan) -> str:
    """The saturation summary as plain text."""
    saturation, memory = summary["saturation"], summary["memory"]
    stats, cpu = saturation["stats"], saturation["cpu_s"]
    per_replica = ", ".join(f"{name} {n}" for name, n in saturation["runs_per_replica"].items())
    lines = [
        f"verzadiging: {plan.viewers} kijkers zonder leestijd; {saturation['runs']} paginaruns in "
        f"{saturation['seconds']:.0f} s (na {SATURATE_SETTLE_S:.0f} s aanloop): "
        f"{saturation['runs_per_s']:.2f} per seconde ({per_replica})",
        f"paginarun: p50 {_s(stats['p50'])} s, p95 {_s(stats['p95'])} s, max {_s(stats['max'])} s",
        "CPU-seconden in dat venster: "
        + ", ".join(f"{name} {_s(seconds)}" for name, seconds in cpu.items())
        + f" (van {saturation['seconds'] * (os.cpu_count() or 1):.0f} op {os.cpu_count()} kernen)",
        f"geheugen: {memory['rss_before_mib']:.0f} MiB voor, {memory['rss_all_open_mib']:.0f} MiB "
        f"met alle sessies open, piek {memory['peak_rss_mib']:.0f} MiB",
    ]
    return "\n".join(lines + closing_lines(summary))


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
    cli.add_argument(
        "--replicas", type=int, default=0, metavar="N",
        help="N replica's achter HAProxy (python -m components.web.replicas) in plaats van één "
        "streamlit run; de kijkers gaan via HAProxy, met zijn cookie",
    )  # fmt: skip
    cli.add_argument(
        "--kill-replica-at", type=float, default=None, metavar="S",
        help="stop na S seconden belasting één replica met kill -9 (die van de meetbrowser)",
    )  # fmt: skip
    cli.add_argument(
        "--saturate", type=float, default=None, metavar="S",
        help="verzadiging: alle kijkers tegelijk zonder leestijd, zonder Chromium; telt de "
        "paginaruns per seconde over S seconden",
    )  # fmt: skip
    cli.add_argument("--json", action="store_true", help="JSON in plaats van een tabel")
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    """Run the load test; exit 1 when a viewer met an error."""
    args = parser().parse_args(argv)
    if not 1 <= args.viewers <= MAX_VIEWERS or not 0 <= args.browsers <= args.viewers:
        print(f"--viewers 1 t/m {MAX_VIEWERS}, --browsers 0 t/m --viewers", file=sys.stderr)
        return 2
    if not 0 <= args.replicas <= replicas.MAX_REPLICAS:
        print(f"--replicas 1 t/m {replicas.MAX_REPLICAS}", file=sys.stderr)
        return 2
    if args.kill_replica_at is not None and args.replicas < 2:
        print("--kill-replica-at vraagt --replicas 2 of meer", file=sys.stderr)
        return 2
    if args.saturate is not None and args.saturate <= 0:
        print("--saturate: een aantal seconden", file=sys.stderr)
        return 2
    load_before = [round(x, 2) for x in os.getloadavg()]
    from components.data import extracts

    root = args.data or extracts.data_root()
    regio = args.regio or default_region(root)
    pages = tuple(dict.fromkeys(["", *(p.strip("/") for p in args.pages or measure.PAGES)]))
    plan = Plan(
        args.viewers, args.ramp, tuple(sorted(args.think)), args.browsers, pages,
        f"regio={regio}" if regio else "", max(args.rounds, 1),
        spread=tuple(extracts.list_regions(Path(root))) if args.spread else (),
        replicas=args.replicas, kill_at=args.kill_replica_at,
    )  # fmt: skip
    try:
        with started(plan, args.data) as servers:
            if args.saturate is not None:
                result = asyncio.run(saturate(servers, plan, args.saturate))
            else:
                result = asyncio.run(run_async(servers, plan, args.max_seconds))
    except RuntimeError as error:  # HAProxy missing, a replica that would not start
        print(f"Starten mislukt: {error}", file=sys.stderr)
        return 2
    if args.saturate is not None:
        summary, raw = summarise_saturation(result, plan), {}
    else:
        summary = summarise(result, plan)
        raw = {k: {n: asdict(s) for n, s in result[k].items()} for k in ("alone", "loaded")}
    machine = {**measure.machine(), "load_average_before": load_before}
    if args.json:
        output = {"machine": machine, "regio": regio, "plan": asdict(plan), **summary}
        output = measure.json_ready({**output, "raw": raw})
        print(json.dumps(output, indent=2, default=str, ensure_ascii=False))
    else:
        server = f"{plan.replicas} replica's achter HAProxy" if plan.balanced else "één proces"
        print(
            f"{machine['cores']} kernen, {machine['memory_gib']} GiB, Python {machine['python']}, "
            f"{machine['chromium']}; belasting van de machine vooraf {load_before}; {server}; "
            f"regio {regio}; {plan.viewers} kijkers"
            + (f" binnen {plan.ramp:.0f} s" if args.saturate is None else "")
            + (f", om de beurt in {len(plan.spread)} regio's" if plan.spread else "")
        )
        print(saturation_table(summary, plan) if args.saturate else table(summary, plan))
    return 1 if summary["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
