"""Running the real app for browser tests: a `streamlit run` server and Debian's Chromium.

Used by the browser tests, the screenshot command and the benchmark, so all three start
the app exactly as a user's README command does.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from components.about import model as about
from components.common import tables

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]
#: The app is idle when connected, not running, and nothing is still loading.
IDLE_JS = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app) return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  return !document.querySelector(
    '[data-testid=stSkeleton], [data-testid=stSpinner], [data-testid=stStatusWidget]');
}"""


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SERVER = ROOT / "components" / "web" / "server.py"


@contextlib.contextmanager
def streamlit_server(
    data_root: Path | None = None,
    app: Path | None = None,
    timeout: float = 60,
    address: str | None = "127.0.0.1",
) -> Iterator[str]:
    """Start `streamlit run` on loopback as the README does (the app behind its security
    headers, components/web/server.py), wait for health, yield the base URL, always stop."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if data_root is not None:
        env["JEUGDHULP_DATA"] = str(data_root)
    command = [
        sys.executable, "-m", "streamlit", "run", str(app or SERVER),
        "--server.headless", "true", "--server.port", str(port),
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    if address is not None:  # None: the address from .streamlit/config.toml
        command += ["--server.address", address]
    # The server's log goes to a file, not a pipe nobody reads (a full pipe hangs it).
    with tempfile.TemporaryFile() as log:
        _LOGS[f"http://127.0.0.1:{port}"] = log
        try:
            yield from _serve(command, env, port, log, timeout)
        finally:
            _LOGS.pop(f"http://127.0.0.1:{port}", None)


#: Base URL → the running server's log file (for failure messages).
_LOGS: dict = {}


def server_log(url: str, chars: int = 4000) -> str:
    """The end of the log of the server that serves ``url`` (empty if unknown)."""
    base = "/".join(url.split("/")[:3])
    log = _LOGS.get(base)
    if log is None:
        return ""
    size = os.fstat(log.fileno()).st_size
    return os.pread(log.fileno(), size, 0).decode("utf-8", "replace")[-chars:]


def download(page, button, timeout: float = 30_000):
    """Press a download button with the keyboard and return Playwright's download.

    Enter on the focused button, as a keyboard user does: a mouse click goes to a screen
    position, and a chart above that is still settling can move the button away from it.
    (CI once lost a CSV download after a click; 25 runs under full CPU load did not
    repeat it, so the cause is not certain.) If no file arrives, the failure says what
    the button showed (Streamlit shows an error under a download button whose file could
    not be made) and what the server logged.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        with page.expect_download(timeout=timeout) as started:
            button.press("Enter")
        return started.value
    except PlaywrightTimeout:
        shown = page.locator("[data-testid=stDownloadButtonError]").all_inner_texts()
        raise AssertionError(
            f"no download within {timeout / 1000:.0f} s; the button showed {shown}; "
            f"server log:\n{server_log(page.url)}"
        ) from None


def _serve(command: list[str], env: dict, port: int, log, timeout: float) -> Iterator[str]:
    """Run the server process until the caller is done with its URL."""
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"streamlit stopped: {log.read().decode()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                    if response.read().decode().strip() == "ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("streamlit did not become healthy in time")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_idle(page, timeout: float = 30_000) -> None:
    """Wait until the app has finished its run (not a sleep: the state in the page)."""
    page.wait_for_function(IDLE_JS, timeout=timeout)


def open_app(page, base: str, path: str = "", timeout: float = 45_000) -> None:
    """Load a page by URL and wait until it is idle (and its charts are drawn)."""
    page.goto(f"{base}/{path.lstrip('/')}", wait_until="domcontentloaded")
    page.wait_for_selector("[data-testid=stApp]", timeout=timeout)
    # app.py declares the language on every run: it has run (also after the one-time
    # reload of a deep link right after a server start, see state.ensure_app_shell).
    page.wait_for_function("document.documentElement?.lang === 'nl'", timeout=timeout)
    wait_idle(page, timeout)
    wait_charts(page, timeout)


#: The expanders of ui.data_table: keyed ``<prefix>_open``, which Streamlit puts in a class.
TABLE_EXPANDERS = "[class*='st-key-'][class*='_open'] details"
#: The box around a data table (components.common.tables.html_table).
TABLE = f".{tables.TABLE_CLASS}"


def open_table(page, details, timeout: float = 30_000) -> None:
    """Open a table's ``<details>`` (if closed) and wait for its table.

    A closed table is only built when it is opened (components.web.blocks.data_table): the click
    is a rerun, so the table appears a moment later.
    """
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    details.locator(TABLE).first.wait_for(timeout=timeout)
    wait_idle(page, timeout)


def open_tables(page, timeout: float = 30_000) -> int:
    """Open every table on the page, one after the other; returns how many there are."""
    tables = page.locator(TABLE_EXPANDERS)
    for index in range(tables.count()):
        open_table(page, tables.nth(index), timeout)
    return tables.count()


def wait_charts(page, timeout: float = 30_000) -> None:
    """Every Plotly chart on the page has drawn its SVG."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
              .every(c => c.querySelector('.main-svg'))""",
        timeout=timeout,
    )


def read(locator) -> str:
    """The text of ``locator`` as a reader reads it: a no-break space (between '€' and its
    amount) as a space."""
    return locator.inner_text().replace("\u00a0", " ")


def texts(locator) -> list[str]:
    """The text of every element ``locator`` matches (table rows), read as :func:`read`
    reads: a no-break space ('€ 3,3 mln', '< 5') as a space."""
    return [text.replace("\u00a0", " ") for text in locator.all_inner_texts()]


def main_text(page) -> str:
    """All visible text of the main area."""
    return read(page.locator("[data-testid=stMain]"))


#: The line above a slide in presentation mode: 'Aanbieders · dia 2 van 9'.
SLIDE_POSITION = "[data-testid=stMain] [data-testid=stCaptionContainer]"


def slide_position(page) -> str:
    return read(page.locator(SLIDE_POSITION).first).strip()


def next_slide(page, move: Callable[[], None], timeout: float = 30_000) -> None:
    """Do ``move`` (a click, a key) and wait until the next slide is drawn: its position
    line has changed and the app is idle. Not the URL: it changes before the slide does,
    and on a switch to another page it passes through the new step on the old page's path
    ('contracten?stap=1' on the way to 'transformatie?stap=1')."""
    before = slide_position(page)
    move()
    page.wait_for_function(
        """([sel, before]) => {
             const e = document.querySelector(sel);
             return e && e.innerText.trim() !== before;
           }""",
        arg=[SLIDE_POSITION, before],
        timeout=timeout,
    )
    wait_idle(page, timeout)
    wait_charts(page, timeout)


def metrics(page) -> dict[str, str]:
    """Key-figure label → value, as the metric cards show them."""
    cards = page.locator("[data-testid=stMetric]")
    return {
        read(cards.nth(i).locator("[data-testid=stMetricLabel]")).strip(): read(
            cards.nth(i).locator("[data-testid=stMetricValue]")
        ).strip()
        for i in range(cards.count())
    }


#: Visible text in the page that the browser cuts off with an ellipsis.
CUT_OFF_JS = """() => [...document.querySelectorAll('[data-testid=stMain] *')]
  .filter((e) => getComputedStyle(e).textOverflow === 'ellipsis')
  .filter((e) => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
  .map((e) => e.innerText)"""
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> dict[str, list]:
    """axe-core's WCAG 2.1 A/AA violations in the page (rule → elements), except the
    Streamlit ones the accessibility statement names."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    found = {v["id"]: [n["target"] for n in v["nodes"]] for v in result.response["violations"]}
    return {
        rule: nodes for rule, nodes in found.items() if rule not in about.KNOWN_STREAMLIT_VIOLATIONS
    }
