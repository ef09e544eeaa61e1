"""The benchmark: how fast each page is in real Chromium, against a floor measured alongside.

    python -m tests.perf.benchmark [--runs 5] [--data MAP] [--regio ID] [--content-floor]
                                   [--national MAP] [--national-regio ID] [--pages P ...]
                                   [--compare CHECKOUT] [--json]

What it measures, per run (medians over ``--runs`` runs are reported):

* **cold start**: from launching ``streamlit run`` until the first page is idle with its
  charts drawn, in a fresh browser context (nothing cached);
* **first visit**: each page clicked once right after the cold start (caches still cold);
* **by URL**: each page loaded by its address (a new session; the browser has the
  static files cached), until idle with charts drawn;
* **by click**: each page reached by clicking its sidebar link (same session);
* **by tab**: on a page with tabs (only the open tab is built), each other tab clicked
  from the first one, until idle with its charts drawn (each tab is visited once right
  after the cold start, like the pages, and that first visit is reported too). Reported in
  seconds, beside the pages: the floors have no tabs, so there is no ratio;
* **browser work**: during that click and the half second after it, how long the page's
  main thread worked (DevTools' ``TaskDuration``: script, style, layout, painting). Work
  after the page looks done does not delay it, but it is the viewer's machine that does
  it, on a slow laptop too;
* **server**: the server's time per page run (and per tab), over Streamlit's own
  websocket protocol (:mod:`tests.perf.protocol`): from the run request to
  ``script_finished``. Chosen because it needs no change to the app and measures exactly
  one script run;
* **memory**: the peak resident memory of each server process (``VmHWM``).

The same measurements run in the same run on :mod:`tests.perf.reference_app`, a minimal
Streamlit app with the same pages and the same number of charts, tables and key figures
(counted in the browser first), so that every figure can be given as a ratio to that
floor: a noisy machine slows both alike. Apps are measured alternately (the order flips
every run). With ``--national`` a third server runs on a national-scale extract set
(:mod:`tests.national`), compared per page with the first data set. With
``--content-floor`` one more floor runs: the same app, given also the page's headings,
text, notes, selection lists, sliders and buttons, in the sidebar too (with filler text
of the same length). Our time against that floor is what our own code adds to what
Streamlit costs for the same elements; it is reported beside the issue's targets, not
instead of them. With ``--compare`` another checkout of the dashboard (the commit before a
change, say ``git worktree add /tmp/vorige HEAD~1``) runs in the same runs on the same
data, alternated with ours: every page and tab as a ratio new ÷ old, and both against the
content floor.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import json
import math
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path

from components.data import extracts, storage
from tests.perf import measure
from tests.perf.protocol import Viewer
from tests.perf.reference_app import LAYOUT_ENV

REFERENCE_APP = Path(__file__).with_name("reference_app.py")
SERVER_REPEATS = 3
#: The targets of issue 9.
TARGET_FLOOR_RATIO = 1.5
TARGET_COLD_START_S = 3.0
TARGET_NATIONAL_RATIO = 1.5
#: The servers of one run, by name.
OURS, FLOOR, NATIONAL, CONTENT_FLOOR = "dashboard", "referentie", "landelijk", "inhoudsvloer"
PREVIOUS = "vorige"
#: The servers that are the dashboard itself (and so have tabs to measure).
DASHBOARDS = (OURS, NATIONAL, PREVIOUS)
CONTENT_FLOOR_LINE = "pagina's binnen 1,5× de vloer met dezelfde inhoud (URL en klik)"


@dataclass
class App:
    """One server under test and everything measured on it."""

    name: str
    data: Path | str | None = None  # a folder, or s3://bucket/prefix
    regio: str | None = None
    script: Path | None = None
    env: dict[str, str] = field(default_factory=dict)
    cold_start: list[float] = field(default_factory=list)
    server_ready: list[float] = field(default_factory=list)
    first_visit: dict[str, list[float]] = field(default_factory=dict)
    by_url: dict[str, list[float]] = field(default_factory=dict)
    by_click: dict[str, list[float]] = field(default_factory=dict)
    by_tab: dict[str, list[float]] = field(default_factory=dict)
    first_tab_visit: dict[str, list[float]] = field(default_factory=dict)
    browser_work: dict[str, list[float]] = field(default_factory=dict)
    server: dict[str, list[float]] = field(default_factory=dict)
    peak_rss_mib: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def query(self) -> str:
        return f"regio={self.regio}" if self.regio else ""

    def add(self, kind: str, path: str, seconds: float) -> None:
        """Record one measurement (``cold_start`` has no page)."""
        if kind == "cold_start":
            self.cold_start.append(seconds)
        else:
            getattr(self, kind).setdefault(path, []).append(seconds)


# --- choosing what to measure ---------------------------------------------------------------


def default_region(root: extracts.Root) -> str | None:
    """Regio Alkmaar when the data has it, else the region with the most rows."""
    regions = extracts.list_regions(root)
    if "regio-alkmaar" in regions:
        return "regio-alkmaar"

    def rows(regio: str) -> int:
        files = extracts.read_manifest(regio, root).get("bestanden", {})
        return sum(int(f.get("rijen", 0)) for f in files.values())

    return max(regions, key=rows, default=None)


def discover_layout(app: App, pages: Sequence[str], browser) -> dict[str, dict]:
    """Open each page once and count what it shows (for the reference app)."""
    layout = {}
    with measure.started(app.data) as server:
        tab = measure.new_page(browser)
        for path in pages:
            measure.load_by_url(tab, server.base, path, app.query)
            layout[path] = {**measure.layout_of(tab), "tabs": measure.tabs_of(tab)}
            if layout[path]["exceptions"]:
                app.errors.append(f"/{path}: de pagina toont een traceback")
        tab.close()
    return layout


def floor_layout(layout: dict[str, dict], *, content: bool) -> dict[str, dict]:
    """What a floor is given: the charts, tables, key figures and expanders of each page,
    and with ``content`` also the page's other elements (main column and sidebar). The
    tabs are ours alone (measured per tab, see :meth:`Running.by_tabs`)."""
    other = ("tabs",) if content else ("tabs", "content", "sidebar")
    return {
        path: {key: value for key, value in counts.items() if key not in other}
        for path, counts in layout.items()
    }


# --- one run ----------------------------------------------------------------------------------


@dataclass
class Running:
    """An app under test with its server and its browser tab during one run."""

    app: App
    server: measure.Server
    tab: measure.Tab

    def timed(self, kind: str, path: str, action: Callable[[], float]) -> None:
        """Record one measurement; a timeout is recorded as an error, not a crash."""
        try:
            self.app.add(kind, path, action())
        except Exception as error:  # Playwright's TimeoutError and friends
            self.app.errors.append(f"{kind} /{path}: {type(error).__name__}: {str(error)[:200]}")
            # Keep the run's place, so each run stays paired with the floor's same run.
            self.app.add(kind, path, math.nan)

    def by_url(self, kind: str, path: str) -> None:
        """Load ``path`` by its address and record the time under ``kind``."""
        self.timed(
            kind,
            path,
            lambda: measure.load_by_url(self.tab, self.server.base, path, self.app.query),
        )

    def by_click(self, kind: str, path: str, pages: Sequence[str]) -> None:
        """Click ``path`` in the sidebar and record the time under ``kind``.

        Clicking the page you are on runs nothing, so first go elsewhere (not measured).
        """
        if self.tab.page.evaluate("() => location.pathname") == f"/{path}":
            other = next(p for p in ("", *pages) if p != path)
            measure.load_by_click(self.tab, self.server.base, other)
        if kind != "by_click":
            self.timed(kind, path, lambda: measure.load_by_click(self.tab, self.server.base, path))
            return
        time.sleep(measure.SETTLE_S)  # the previous page's last work is not this page's
        worked_before, errors = measure.main_thread_s(self.tab), len(self.app.errors)
        self.timed(kind, path, lambda: measure.load_by_click(self.tab, self.server.base, path))
        time.sleep(measure.SETTLE_S)
        worked = measure.main_thread_s(self.tab) - worked_before
        self.app.add("browser_work", path, worked if len(self.app.errors) == errors else math.nan)

    def by_tabs(self, path: str, labels: Sequence[str], kind: str = "by_tab") -> None:
        """Open each tab of ``path`` but the first, each time from the first (where the page
        opens), and record the time under ``kind`` as ``path › label``."""
        if self.tab.page.evaluate("() => location.pathname") != f"/{path}":
            measure.load_by_click(self.tab, self.server.base, path)
        for label in labels[1:]:
            time.sleep(measure.SETTLE_S)
            key = tab_key(path, label)
            self.timed(kind, key, lambda label=label: measure.open_tab(self.tab, label))
            try:
                measure.open_tab(self.tab, labels[0])
            except Exception as error:
                self.app.errors.append(f"terug naar {labels[0]} /{path}: {error}"[:200])
                return


def tab_key(path: str, label: str) -> str:
    """How a tab is named in the results: ``/transformatie › KPI's``."""
    return f"/{path} › {label}"


def start_cold(
    app: App,
    pages: Sequence[str],
    browser,
    stack: contextlib.ExitStack,
    tabs: dict[str, list[str]] | None = None,
) -> Running:
    """Launch the server, time the first page in a fresh context, then click every page
    once, and every tab of our app once."""
    started_at = time.perf_counter()
    server = stack.enter_context(measure.started(app.data, app.script, app.env))
    app.server_ready.append(time.perf_counter() - started_at)
    running = Running(app, server, measure.new_page(browser))

    def cold() -> float:
        measure.load_by_url(running.tab, server.base, "", app.query)
        return time.perf_counter() - started_at

    running.timed("cold_start", "", cold)
    for path in (*pages[1:], pages[0]) if len(pages) > 1 else pages:
        running.by_click("first_visit", path, pages)
    for path, labels in (tabs or {}).items() if app.name in DASHBOARDS else ():
        running.by_tabs(path, labels, "first_tab_visit")
    return running


def measure_run(
    apps: list[App], pages: Sequence[str], browser, tabs: dict[str, list[str]] | None = None
) -> None:
    """One run: every app cold, then page by page (apps alternating) by URL and by click,
    the ``tabs`` of our app (also on the national set), then the server time per page and
    the peak memory."""
    with contextlib.ExitStack() as stack:
        running = [start_cold(app, pages, browser, stack, tabs) for app in apps]
        for path in pages:
            for item in running:
                item.by_url("by_url", path)
        for path in pages:
            for item in running:
                item.by_click("by_click", path, pages)
        for path, labels in (tabs or {}).items():
            for item in running:
                if item.app.name in DASHBOARDS:
                    item.by_tabs(path, labels)
        for item in running:
            item.tab.close()
            try:
                for path, seconds in server_times(item.server.base, pages, item.app.query).items():
                    item.app.add("server", path, seconds)
            except Exception as error:
                item.app.errors.append(f"server: {type(error).__name__}: {error}")
            item.app.peak_rss_mib.append(item.server.peak_rss_mib())


def server_times(base: str, pages: Sequence[str], query: str) -> dict[str, float]:
    """Median server time per page over a few runs in one protocol-level session, and per
    other tab of a page with tabs (under :func:`tab_key`; opened from the page's first tab).

    Runs in its own thread: Playwright's sync API already owns this thread's event loop.
    """

    async def run() -> dict[str, float]:
        async with Viewer(base) as viewer:
            await viewer.open("", query)
            times: dict[str, list[float]] = {}
            for _ in range(SERVER_REPEATS):
                for path in pages:
                    results = {path: await viewer.visit(path, query)}
                    for label in viewer.tab_labels[1:]:
                        results[tab_key(path, label)] = await viewer.choose_tab(path, query, label)
                    for key, result in results.items():
                        if not result.ok:
                            raise RuntimeError(f"{key}: {result.exceptions or result.status}")
                        times.setdefault(key, []).append(result.seconds)
            return {path: measure.median(values) for path, values in times.items()}

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, run()).result()


# --- summary ----------------------------------------------------------------------------------


def paired_ratio(ours: Sequence[float], floor: Sequence[float]) -> float:
    """Median of the per-run ratios (each run's pair saw the same machine load)."""
    ratios = [a / b for a, b in zip(ours, floor, strict=False) if b > 0 and not math.isnan(a)]
    return measure.median(ratios)


def _times(app: App, kind: str, path: str) -> list[float]:
    return getattr(app, kind).get(path, [])


def summarise(apps: list[App], pages: Sequence[str]) -> dict[str, object]:
    """Medians per app and page, ratios to the floor (and national to the first set, and
    to the content floor)."""
    named = {app.name: app for app in apps}
    ours, floor = named[OURS], named[FLOOR]
    national, content = named.get(NATIONAL), named.get(CONTENT_FLOOR)
    previous = named.get(PREVIOUS)
    rows = []
    for path in pages:
        row: dict[str, object] = {"pagina": f"/{path}"}
        for kind in ("first_visit", "by_url", "by_click", "browser_work", "server"):
            times = partial(_times, kind=kind, path=path)
            row[f"{kind}_s"] = measure.median(times(ours))
            row[f"{kind}_floor_s"] = measure.median(times(floor))
            row[f"{kind}_ratio"] = paired_ratio(times(ours), times(floor))
            if national:
                row[f"{kind}_national_s"] = measure.median(times(national))
                row[f"{kind}_national_ratio"] = paired_ratio(times(national), times(ours))
            if content:
                row[f"{kind}_content_floor_s"] = measure.median(times(content))
                row[f"{kind}_content_ratio"] = paired_ratio(times(ours), times(content))
            if previous:
                row[f"{kind}_previous_s"] = measure.median(times(previous))
                row[f"{kind}_previous_ratio"] = paired_ratio(times(ours), times(previous))
                if content:
                    ratio = paired_ratio(times(previous), times(content))
                    row[f"{kind}_previous_content_ratio"] = ratio
        rows.append(row)
    tab_rows = []
    for key, times in ours.by_tab.items():
        tab_row: dict[str, object] = {
            "tabblad": key,
            "by_tab_s": measure.median(times),
            "first_tab_visit_s": measure.median(ours.first_tab_visit.get(key, [])),
            "server_s": measure.median(_times(ours, "server", key)),
        }
        if national:
            theirs = national.by_tab.get(key, [])
            tab_row["by_tab_national_s"] = measure.median(theirs)
            tab_row["by_tab_national_ratio"] = paired_ratio(theirs, times)
        if previous:
            before = previous.by_tab.get(key, [])
            tab_row["by_tab_previous_s"] = measure.median(before)
            tab_row["by_tab_previous_ratio"] = paired_ratio(times, before)
        tab_rows.append(tab_row)
    summary: dict[str, object] = {
        "pages": rows,
        "tabs": tab_rows,
        "cold_start_s": measure.median(ours.cold_start),
        "cold_start_floor_s": measure.median(floor.cold_start),
        "server_ready_s": measure.median(ours.server_ready),
        "peak_rss_mib": max(ours.peak_rss_mib, default=math.nan),
        "peak_rss_floor_mib": max(floor.peak_rss_mib, default=math.nan),
        "errors": {app.name: app.errors for app in apps},
    }
    if national:
        summary["cold_start_national_s"] = measure.median(national.cold_start)
        summary["peak_rss_national_mib"] = max(national.peak_rss_mib, default=math.nan)
    summary["targets"] = targets(summary, national is not None)
    if content:
        summary["content_floor"] = {
            CONTENT_FLOOR_LINE: all(
                row["by_url_content_ratio"] <= TARGET_FLOOR_RATIO
                and row["by_click_content_ratio"] <= TARGET_FLOOR_RATIO
                for row in rows
            )
        }
    return summary


def targets(summary: dict, with_national: bool) -> dict[str, bool]:
    """Which targets of issue 9 this run met (reported, never asserted in tests)."""
    pages = summary["pages"]
    met = {
        "pagina's binnen 1,5× de vloer (URL en klik)": all(
            row["by_url_ratio"] <= TARGET_FLOOR_RATIO
            and row["by_click_ratio"] <= TARGET_FLOOR_RATIO
            for row in pages
        ),
        "koude start onder 3 s": summary["cold_start_s"] < TARGET_COLD_START_S,
    }
    if with_national:
        met["landelijke set binnen 1,5× de eerste set (URL en klik)"] = all(
            row["by_url_national_ratio"] <= TARGET_NATIONAL_RATIO
            and row["by_click_national_ratio"] <= TARGET_NATIONAL_RATIO
            for row in pages
        )
    return met


def _missing(value: float | None) -> bool:
    return value is None or math.isnan(value)


def _s(value: float | None) -> str:
    return "-" if _missing(value) else f"{value:.2f}"


def _ms(value: float | None) -> str:
    return "-" if _missing(value) else f"{value * 1000:.0f}"


def _x(value: float | None) -> str:
    return "-" if _missing(value) else f"{value:.2f}×"


def table(summary: dict, runs: int, with_national: bool) -> str:
    """The summary as a plain-text table (seconds; × = ratio to the floor)."""
    head = [
        "pagina",
        "URL s",
        "vloer",
        "×",
        "klik s",
        "vloer",
        "×",
        "werk ms",
        "vloer",
        "×",
        "server s",
        "vloer",
        "1e bezoek",
    ]
    with_content = "content_floor" in summary
    with_previous = "by_url_previous_s" in summary["pages"][0] if summary["pages"] else False
    if with_national:
        head += ["landelijk URL", "×", "klik", "×"]
    if with_content:
        head += ["inhoudsvloer URL", "×", "klik", "×"]
    if with_previous:
        head += ["vorige URL", "nieuw÷vorige", "klik", "nieuw÷vorige"]
        head += ["vorige×inhoudsvloer URL", "klik"] if with_content else []
    lines = [" | ".join(head)]
    for row in summary["pages"]:
        cells = [
            row["pagina"],
            _s(row["by_url_s"]), _s(row["by_url_floor_s"]), _x(row["by_url_ratio"]),
            _s(row["by_click_s"]), _s(row["by_click_floor_s"]), _x(row["by_click_ratio"]),
            _ms(row["browser_work_s"]), _ms(row["browser_work_floor_s"]),
            _x(row["browser_work_ratio"]),
            _s(row["server_s"]), _s(row["server_floor_s"]), _s(row["first_visit_s"]),
        ]  # fmt: skip
        if with_national:
            cells += [
                _s(row["by_url_national_s"]), _x(row["by_url_national_ratio"]),
                _s(row["by_click_national_s"]), _x(row["by_click_national_ratio"]),
            ]  # fmt: skip
        if with_content:
            cells += [
                _s(row["by_url_content_floor_s"]), _x(row["by_url_content_ratio"]),
                _s(row["by_click_content_floor_s"]), _x(row["by_click_content_ratio"]),
            ]  # fmt: skip
        if with_previous:
            cells += [
                _s(row["by_url_previous_s"]), _x(row["by_url_previous_ratio"]),
                _s(row["by_click_previous_s"]), _x(row["by_click_previous_ratio"]),
            ]  # fmt: skip
            if with_content:
                cells += [
                    _x(row["by_url_previous_content_ratio"]),
                    _x(row["by_click_previous_content_ratio"]),
                ]
        lines.append(" | ".join(cells))
    if summary["tabs"]:
        lines += [
            "",
            "tabblad (klik vanaf het eerste) | klik s | 1e bezoek | server s"
            + (" | landelijk | ×" if with_national else "")
            + (" | vorige | nieuw÷vorige" if with_previous else ""),
        ]
        for row in summary["tabs"]:
            cells = [
                row["tabblad"], _s(row["by_tab_s"]), _s(row["first_tab_visit_s"]),
                _s(row["server_s"]),
            ]  # fmt: skip
            if with_national:
                cells += [_s(row["by_tab_national_s"]), _x(row["by_tab_national_ratio"])]
            if with_previous:
                cells += [_s(row["by_tab_previous_s"]), _x(row["by_tab_previous_ratio"])]
            lines.append(" | ".join(cells))
    lines += [
        "",
        f"mediaan over {runs} run(s); × = mediaan van de verhouding per run; werk = tijd "
        f"dat de browser rekende tijdens de klik en {measure.SETTLE_S:.1f} s erna",
        f"koude start tot eerste pagina: {_s(summary['cold_start_s'])} s "
        f"(vloer {_s(summary['cold_start_floor_s'])} s; server klaar na "
        f"{_s(summary['server_ready_s'])} s)",
        f"piekgeheugen server: {summary['peak_rss_mib']:.0f} MiB "
        f"(vloer {summary['peak_rss_floor_mib']:.0f} MiB)",
    ]
    if with_national:
        lines.append(
            f"landelijk: koude start {_s(summary['cold_start_national_s'])} s, "
            f"piekgeheugen {summary['peak_rss_national_mib']:.0f} MiB"
        )
    for name, met in summary["targets"].items():
        lines.append(f"doel {name}: {'gehaald' if met else 'NIET gehaald'}")
    for name, met in summary.get("content_floor", {}).items():
        lines.append(f"ter vergelijking, geen doel: {name}: {'ja' if met else 'nee'}")
    for app, errors in summary["errors"].items():
        lines += [f"fout ({app}): {error}" for error in errors]
    return "\n".join(lines)


# --- command line ---------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    """Command-line options."""
    cli = argparse.ArgumentParser(
        prog="python -m tests.perf.benchmark",
        description="Meet elke pagina in Chromium tegen een minimale referentie-app (de vloer).",
    )
    cli.add_argument("--runs", type=int, default=5, help="aantal runs (mediaan), standaard 5")
    cli.add_argument(
        "--data", type=Path, default=None, help="map met extracten (standaard data/extracts)"
    )
    cli.add_argument(
        "--regio", default=None, help="regio-id (standaard regio-alkmaar of de grootste)"
    )
    cli.add_argument(
        "--national", default=None, metavar="MAP",
        help="ook meten op deze landelijke set (een map, of s3://bucket/map: dan gelezen uit "
        "de bucket, met de AWS-omgevingsvariabelen)",
    )  # fmt: skip
    cli.add_argument(
        "--national-regio", default=None, help="regio in de landelijke set (standaard de grootste)"
    )
    cli.add_argument(
        "--pages", nargs="+", default=None, metavar="PAD",
        help="alleen deze pagina's ('' of / = overzicht); standaard alle zeven",
    )  # fmt: skip
    cli.add_argument(
        "--content-floor", action="store_true",
        help="ook meten tegen een vloer met dezelfde koppen, tekst, keuzelijsten en knoppen",
    )  # fmt: skip
    cli.add_argument(
        "--compare", type=Path, default=None, metavar="CHECKOUT",
        help="ook een andere checkout van het dashboard meten (bijv. de vorige commit), "
        "afwisselend met deze",
    )  # fmt: skip
    cli.add_argument("--json", action="store_true", help="JSON in plaats van een tabel")
    return cli


def run(args: argparse.Namespace) -> dict[str, object]:
    """Discover the layout, then measure every run; returns the summary and raw figures."""
    from playwright.sync_api import sync_playwright

    pages = tuple(dict.fromkeys(["", *(p.strip("/") for p in args.pages or measure.PAGES)]))
    wanted = tuple(p.strip("/") for p in args.pages) if args.pages else measure.PAGES
    root = args.data or extracts.data_root()
    ours = App(OURS, args.data, args.regio or default_region(root))
    apps = [ours]
    with sync_playwright() as playwright:
        browser = measure.launch(playwright)
        layout = discover_layout(ours, pages, browser)
        apps.append(floor_app(FLOOR, floor_layout(layout, content=False)))
        if args.national:
            bucket = storage.is_bucket(args.national)
            national = args.national if bucket else Path(args.national)
            listed = storage.published(args.national) if bucket else national
            region = args.national_regio or default_region(listed)
            apps.append(App(NATIONAL, national, region))
        if args.content_floor:
            apps.append(floor_app(CONTENT_FLOOR, floor_layout(layout, content=True)))
        if args.compare:
            script = args.compare.resolve() / "app.py"
            apps.append(App(PREVIOUS, args.data, ours.regio, script=script))
        tabs = {
            path: layout[path]["tabs"]
            for path in pages
            if path in wanted and len(layout[path]["tabs"]) > 1
        }
        for number in range(args.runs):
            order = apps if number % 2 == 0 else list(reversed(apps))
            measure_run(order, pages, browser, tabs)
        browser.close()
    summary = summarise(apps, [p for p in pages if p in wanted])
    return {
        "machine": measure.machine(),
        "runs": args.runs,
        "regio": ours.regio,
        "national_regio": apps[2].regio if args.national else None,
        "layout": layout,
        "summary": summary,
        "raw": {app.name: asdict(app) for app in apps},
    }


def floor_app(name: str, layout: dict[str, dict]) -> App:
    """The reference app, drawing what ``layout`` lists."""
    return App(name, script=REFERENCE_APP, env={LAYOUT_ENV: json.dumps(layout)})


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table (or JSON); exit 1 if a page showed errors."""
    args = parser().parse_args(argv)
    result = run(args)
    if args.json:
        print(json.dumps(measure.json_ready(result), default=str, indent=2, ensure_ascii=False))
    else:
        machine = result["machine"]
        print(
            f"{machine['cores']} kernen, {machine['memory_gib']} GiB, Python {machine['python']}, "
            f"{machine['chromium']}, Streamlit {machine['streamlit']}; regio {result['regio']}"
        )
        print(table(result["summary"], args.runs, args.national is not None))
    return 1 if any(result["summary"]["errors"].values()) else 0


if __name__ == "__main__":
    sys.exit(main())
