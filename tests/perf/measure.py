"""What the perf commands share: the server process, its memory, Chromium, timing, statistics.

The app is started with :func:`tests.browser.support.streamlit_server`, exactly like the
browser tests; :func:`started` also finds that server's process id (the ``streamlit run``
child of this process listening on the port) so memory can be read from ``/proc``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import os
import statistics
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.browser import support
from tests.perf import reference_app

PAGES = ("", "aanbieders", "contracten", "transformatie", "kosten", "begrippen", "over")
VIEWPORT = {"width": 1280, "height": 720}

#: Counts what a page shows, so the reference app can show as much (``content`` and
#: ``sidebar``: the other elements the content floor draws, each with its text's length).
LAYOUT_JS = """() => {
  const main = document.querySelector('[data-testid=stMain]') || document;
  return {
    charts: main.querySelectorAll('[data-testid=stPlotlyChart]').length,
    tables: [...main.querySelectorAll('table')]
      .map(t => t.querySelectorAll('tbody tr').length),
    metrics: main.querySelectorAll('[data-testid=stMetric]').length,
    expanders: main.querySelectorAll('[data-testid=stExpander]').length,
    exceptions: main.querySelectorAll('[data-testid=stException]').length,
    content: content(main),
    sidebar: content(document.querySelector('[data-testid=stSidebarUserContent]')),
  };
  function content(root) {
    const kinds = CONTENT_KINDS.map(kind => `[data-testid=${kind}]`).join(',');
    return [...(root ? root.querySelectorAll('[data-testid=stElementContainer]') : [])]
      .map(element => [element.querySelector(kinds), element.innerText.length])
      .filter(([found]) => found)
      .map(([found, length]) => [found.dataset.testid, length]);
  }
}""".replace("CONTENT_KINDS", json.dumps(list(reference_app.CONTENT)))
CHARTS_DRAWN_JS = """() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
  .every(c => c.querySelector('.main-svg'))"""
#: After a click: we are on the target, the app is idle and every chart is drawn.
ARRIVED_JS = (
    f"(path) => location.pathname === path && ({support.IDLE_JS})() && ({CHARTS_DRAWN_JS})()"
)
#: The tab labels of the main column (a page that builds one part at a time).
TABS_JS = """() => [...document.querySelectorAll('[data-testid=stMain] [role=tab]')]
  .map(t => t.innerText.trim())"""
#: App.py has run in this document: it sets the page language on every run. (While a
#: reload replaces the document there is for a moment no documentElement: then not yet.)
SHELL_RAN_JS = "() => document.documentElement?.lang === 'nl'"
#: A script_finished ForwardMsg is a few dozen bytes; larger frames are never parsed.
SMALL_FRAME = 1024


@dataclass(frozen=True)
class Server:
    """A running app: its base URL and the process that serves it."""

    base: str
    pid: int

    def rss_mib(self) -> float:
        """Resident memory now (MiB)."""
        return proc_status_kib(self.pid, "VmRSS") / 1024

    def peak_rss_mib(self) -> float:
        """Highest resident memory since the start (the kernel's high-water mark, MiB)."""
        return proc_status_kib(self.pid, "VmHWM") / 1024


def proc_status_kib(pid: int, field: str) -> int:
    """One ``kB`` field of ``/proc/<pid>/status`` (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise KeyError(field)


def server_pid(base: str) -> int:
    """The ``streamlit run`` child of this process that listens on the port of ``base``."""
    port = str(urlparse(base).port)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue  # a process that ended while we looked
        words = [a.decode(errors="replace") for a in args]
        ours = parent == os.getpid() and "--server.port" in words
        if ours and words[words.index("--server.port") + 1] == port:
            return int(entry.name)
    raise RuntimeError(f"no streamlit process of ours on port {port}")


#: support.streamlit_server pipes the server's stderr and never reads it: after 64 KiB of
#: log lines the server would block on its next write. Streamlit logs one error line per
#: script run while theme.chartSequentialColors has fewer than 10 colours, so a load test
#: reaches that. Only critical messages are logged by the servers we measure; tracebacks
#: are still seen, on the page and in the protocol (tests.perf.protocol).
QUIET = {"STREAMLIT_LOGGER_LEVEL": "critical"}


@contextlib.contextmanager
def started(
    data: Path | None = None, app: Path | None = None, env: dict[str, str] | None = None
) -> Iterator[Server]:
    """Start the app like the browser tests do; ``env`` is set only for that process."""
    env = {**QUIET, **(env or {})}
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        server = support.streamlit_server(data, app)
        base = server.__enter__()
    finally:
        for key, value in saved.items():  # the child has its copy; ours goes back
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    try:
        yield Server(base, server_pid(base))
    finally:
        server.__exit__(None, None, None)


def launch(playwright):
    """Debian's Chromium with the flags of the browser tests (timing flags included)."""
    return playwright.chromium.launch(executable_path=support.CHROMIUM, args=support.CHROMIUM_ARGS)


class FinishedRuns:
    """Counts the script runs the server finished for one page, read off its websocket.

    After a click the DOM alone cannot tell "the new page is done" from "the run has not
    started yet": a fast run can go from running to idle within one render, so the
    script-state attribute may never change. The server's ``script_finished`` message
    is the certain signal; Playwright shows every websocket frame the page receives.
    """

    def __init__(self, page) -> None:
        self.count = 0
        page.on("websocket", self._socket)

    def _socket(self, socket) -> None:
        if socket.url.endswith("/_stcore/stream"):
            socket.on("framereceived", self._frame)

    def _frame(self, payload: bytes | str) -> None:
        if isinstance(payload, str) or len(payload) > SMALL_FRAME:
            return
        message = ForwardMsg()
        try:
            message.ParseFromString(payload)
        except Exception:  # not every small frame is a whole ForwardMsg we know
            return
        finished = message.WhichOneof("type") == "script_finished"
        if finished and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            self.count += 1


@dataclass
class Tab:
    """A browser page in its own context, with its finished-run counter."""

    page: object
    runs: FinishedRuns
    devtools: object | None = None  # a DevTools session, opened by main_thread_s

    def close(self) -> None:
        self.page.context.close()


def new_page(browser) -> Tab:
    """A fresh context (own cookies, cache, session) and page at 1280x720."""
    page = browser.new_context(viewport=VIEWPORT, locale="nl-NL").new_page()
    return Tab(page, FinishedRuns(page))


#: How long the browser may go on working after a page looks done (a chart's second
#: hand-over, late layout); counted in :func:`main_thread_s`, not in the load time.
SETTLE_S = 0.5


def main_thread_s(tab: Tab) -> float:
    """Seconds the page's main thread has worked so far (DevTools' ``TaskDuration``).

    Script, style, layout and painting alike: what a page view costs the viewer's
    machine, whether or not it delays the moment the page looks done.
    """
    if tab.devtools is None:
        tab.devtools = tab.page.context.new_cdp_session(tab.page)
        tab.devtools.send("Performance.enable")
    metrics = tab.devtools.send("Performance.getMetrics")["metrics"]
    return next(metric["value"] for metric in metrics if metric["name"] == "TaskDuration")


def url(base: str, path: str, query: str = "") -> str:
    """The page's address, with ``?query`` when given."""
    return f"{base}/{path}" + (f"?{query}" if query else "")


def _link(page, base: str, path: str):
    return page.locator(f'a[data-testid=stSidebarNavLink][href="{base}/{path}"]')


def load_by_url(tab: Tab, base: str, path: str, query: str = "", timeout: float = 60_000) -> float:
    """Seconds from navigating to the page's address until idle with charts drawn.

    A new document starts in script state 'initial', so idle here always means after
    the run. App.py must have run in this document too (it declares the page Dutch; the
    floor does the same): right after a server start the first deep link runs bare and
    reloads itself (see ``state.ensure_app_shell``), and that first, empty run is idle too.
    """
    page = tab.page
    page.bring_to_front()  # a background tab gets no animation frames to poll on
    started_at = time.perf_counter()
    page.goto(url(base, path, query), wait_until="commit", timeout=timeout)
    page.wait_for_function(SHELL_RAN_JS, timeout=timeout)
    support.wait_idle(page, timeout)
    support.wait_charts(page, timeout)
    return time.perf_counter() - started_at


def load_by_click(tab: Tab, base: str, path: str, timeout: float = 60_000) -> float:
    """Seconds from clicking the page's sidebar link until its run is finished, the app is
    idle and its charts are drawn."""
    return _click_and_wait(tab, _link(tab.page, base, path), f"/{path}", timeout)


def tabs_of(tab: Tab) -> list[str]:
    """The labels of the tabs in the page's main column (``st.tabs``), in order."""
    return tab.page.evaluate(TABS_JS)


def open_tab(tab: Tab, label: str, timeout: float = 60_000) -> float:
    """Seconds from clicking the tab ``label`` of the current page until the run it starts
    is finished, the app is idle and its charts are drawn (only the open tab is built)."""
    path = tab.page.evaluate("() => location.pathname")
    return _click_and_wait(tab, _tab(tab.page, label), path, timeout)


def _tab(page, label: str):
    return page.locator("[data-testid=stMain]").get_by_role("tab", name=label, exact=True)


def _click_and_wait(tab: Tab, target, path: str, timeout: float) -> float:
    page = tab.page
    page.bring_to_front()
    before = tab.runs.count
    started_at = time.perf_counter()
    target.click(timeout=timeout)
    while tab.runs.count == before:
        if time.perf_counter() - started_at > timeout / 1000:
            raise TimeoutError(f"{path}: the server finished no run within {timeout / 1000} s")
        page.wait_for_timeout(5)  # lets Playwright deliver the websocket frames
    page.wait_for_function(ARRIVED_JS, arg=path, timeout=timeout, polling="raf")
    return time.perf_counter() - started_at


def layout_of(tab: Tab) -> dict:
    """What the current page shows: charts, table rows, key figures, expanders, tracebacks."""
    return tab.page.evaluate(LAYOUT_JS)


def median(values: Sequence[float]) -> float:
    """The median of the values that are not NaN (a failed measurement), or NaN."""
    values = [v for v in values if not math.isnan(v)]
    return statistics.median(values) if values else math.nan


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (``share`` 0.95 = p95); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def json_ready(value: object) -> object:
    """``value`` with every NaN replaced by ``None``, so the output is strict JSON."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(item) for item in value]
    return value


def machine() -> dict[str, object]:
    """Where the figures were taken: cores, memory, Python, Chromium, Streamlit."""
    import platform
    import subprocess

    import streamlit

    try:
        chromium = subprocess.run(
            [support.CHROMIUM, "--version"], capture_output=True, text=True, timeout=10
        ).stdout.strip()
    except OSError:
        chromium = "?"
    memory = proc_status_kib_meminfo("MemTotal") / 1024 / 1024
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(memory, 1),
        "python": platform.python_version(),
        "chromium": chromium,
        "streamlit": streamlit.__version__,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def proc_status_kib_meminfo(field: str) -> int:
    """One ``kB`` field of ``/proc/meminfo``."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise KeyError(field)


# --- the same two measurements for Playwright's async API (the load test) -------------------


async def new_page_async(browser) -> Tab:
    """:func:`new_page` for the async API; close with ``await tab.page.context.close()``."""
    context = await browser.new_context(viewport=VIEWPORT, locale="nl-NL")
    page = await context.new_page()
    return Tab(page, FinishedRuns(page))


async def load_by_url_async(
    tab: Tab, base: str, path: str, query: str = "", timeout: float = 60_000
) -> float:
    """:func:`load_by_url` for an async Playwright page."""
    page = tab.page
    await page.bring_to_front()
    started_at = time.perf_counter()
    await page.goto(url(base, path, query), wait_until="commit", timeout=timeout)
    await page.wait_for_function(SHELL_RAN_JS, timeout=timeout)
    await page.wait_for_function(support.IDLE_JS, timeout=timeout)
    await page.wait_for_function(CHARTS_DRAWN_JS, timeout=timeout)
    return time.perf_counter() - started_at


async def load_by_click_async(tab: Tab, base: str, path: str, timeout: float = 60_000) -> float:
    """:func:`load_by_click` for an async Playwright page."""
    return await _click_and_wait_async(tab, _link(tab.page, base, path), f"/{path}", timeout)


async def open_tab_async(tab: Tab, label: str, timeout: float = 60_000) -> float:
    """:func:`open_tab` for an async Playwright page."""
    path = await tab.page.evaluate("() => location.pathname")
    return await _click_and_wait_async(tab, _tab(tab.page, label), path, timeout)


async def tabs_of_async(tab: Tab) -> list[str]:
    """:func:`tabs_of` for an async Playwright page."""
    return await tab.page.evaluate(TABS_JS)


async def _click_and_wait_async(tab: Tab, target, path: str, timeout: float) -> float:
    page = tab.page
    await page.bring_to_front()
    before = tab.runs.count
    started_at = time.perf_counter()
    await target.click(timeout=timeout)
    while tab.runs.count == before:
        if time.perf_counter() - started_at > timeout / 1000:
            raise TimeoutError(f"{path}: the server finished no run within {timeout / 1000} s")
        await asyncio.sleep(0.005)
    await page.wait_for_function(ARRIVED_JS, arg=path, timeout=timeout, polling="raf")
    return time.perf_counter() - started_at
