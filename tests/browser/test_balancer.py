"""Replicas behind HAProxy, as IT starts them: ``python -m components.web.replicas``.

Real processes on loopback, no mocks: the command itself (two ``streamlit run`` replicas
and Debian's HAProxy), plain HTTP, Streamlit's websocket and Chromium. A replica is killed
as a crash would kill it; the command is stopped as Ctrl-C, a service manager and
``kill -9`` stop it. After every test no process the command started is left.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from websockets.sync.client import connect

from components.web import replicas
from tests.browser import support

ROOT = Path(__file__).resolve().parents[2]
#: The brief for a dead replica: out of the balancer within about two seconds.
TAKEN_OUT_WITHIN_S = 2.5


@dataclass
class Command:
    """The running command, as its output describes it."""

    process: subprocess.Popen
    url: str
    pids: dict[str, int]  # replica name → process id
    folder: Path
    output: Path

    def states(self) -> dict[str, str]:
        return replicas.server_states(self.folder / replicas.SOCKET_NAME)

    def text(self) -> str:
        return self.output.read_text(encoding="utf-8")


def _start_time(pid: int) -> int | None:
    """The kernel's start time of a running process (None: gone or a zombie)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return None if fields[0] == "Z" else int(fields[19])


def descendants(pid: int) -> set[tuple[int, int]]:
    """Every process below ``pid`` (children, their children, …) as (pid, start time)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry.name)] = int(stat[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return {(child, start) for child in found if (start := _start_time(child)) is not None}


def left_running(processes: set[tuple[int, int]], timeout: float = 15.0) -> set[int]:
    """Those of ``processes`` still running after ``timeout`` (the same process, not a new
    one that got its number)."""
    deadline = time.monotonic() + timeout
    while True:
        alive = {pid for pid, start in processes if _start_time(pid) == start}
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)


@contextlib.contextmanager
def command(tmp_path: Path, count: int = 2) -> Iterator[Command]:
    """Start the command as a user does; yield it once it says how to stop it; always stop
    it and check that nothing it started is left."""
    output = tmp_path / "uitvoer.txt"
    port = support.free_port()
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "components.web.replicas", "--aantal", str(count),
             "--poort", str(port)],
            cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT,
        )  # fmt: skip
    started = set()
    try:
        deadline = time.monotonic() + 120
        while "Stoppen: Ctrl-C." not in output.read_text(encoding="utf-8"):
            assert process.poll() is None, output.read_text(encoding="utf-8")
            assert time.monotonic() < deadline, "the command did not start in time"
            time.sleep(0.2)
        text = output.read_text(encoding="utf-8")
        started = descendants(process.pid)
        yield Command(
            process,
            re.search(r"Dashboard: (\S+)", text)[1],
            {name: int(pid) for name, pid in re.findall(r"(r\d+): \S+ \(proces (\d+)\)", text)},
            Path(re.search(r"logboeken in (\S+)", text)[1]),
            output,
        )
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=60)
    assert started and not left_running(started), output.read_text(encoding="utf-8")


def get(url: str, replica: str | None = None) -> tuple[int, dict[str, str], str]:
    """Status, headers (lower case) and body of a GET, with the replica cookie if given."""
    headers = {"Cookie": f"{replicas.COOKIE}={replica}"} if replica else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as r:
        return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read().decode()


def cookie_of(headers: dict[str, str]) -> str | None:
    """The replica the balancer's Set-Cookie names (None: no cookie set)."""
    found = re.search(rf"{replicas.COOKIE}=(\w+)", headers.get("set-cookie", ""))
    return found[1] if found else None


def test_the_balancer_serves_the_app_from_both_replicas(tmp_path):
    with command(tmp_path) as running:
        assert sorted(running.pids) == ["r1", "r2"]
        assert running.states() == {"r1": "UP", "r2": "UP"}
        served = set()
        for _ in range(4):  # without a cookie: round robin
            status, headers, body = get(f"{running.url}/")
            assert status == 200
            assert '<div id="root">' in body  # Streamlit's page, which then opens the app
            assert cookie_of(headers) == headers["x-replica"]
            served.add(headers["x-replica"])
        assert served == {"r1", "r2"}
        assert get(f"{running.url}{replicas.HEALTH}")[2] == "ok"


def test_the_cookie_pins_a_viewer_to_one_replica_websocket_included(tmp_path):
    with command(tmp_path) as running:
        _, headers, _ = get(f"{running.url}/")
        mine = cookie_of(headers)
        other = ({"r1", "r2"} - {mine}).pop()
        for _ in range(5):
            _, headers, _ = get(f"{running.url}/", replica=mine)
            assert headers["x-replica"] == mine
            assert cookie_of(headers) is None  # already pinned: no new cookie
        assert get(f"{running.url}/", replica=other)[1]["x-replica"] == other
        # The session itself: Streamlit's websocket, opened as the browser opens it.
        host = running.url.split("://", 1)[1]
        with connect(
            f"ws://{host}/_stcore/stream",
            subprotocols=["streamlit"],
            origin=running.url,
            additional_headers={"Cookie": f"{replicas.COOKIE}={mine}"},
        ) as socket:
            assert socket.response.headers["X-Replica"] == mine


def test_a_dead_replica_is_taken_out_and_its_viewers_go_to_the_other(tmp_path):
    with command(tmp_path) as running:
        os.kill(running.pids["r1"], signal.SIGKILL)
        killed = time.monotonic()
        # A request already on its way to the dead replica is sent to the live one.
        status, headers, _ = get(f"{running.url}/", replica="r1")
        assert (status, headers["x-replica"], cookie_of(headers)) == (200, "r2", "r2")
        while running.states()["r1"] != "DOWN":
            assert time.monotonic() - killed < TAKEN_OUT_WITHIN_S, running.states()
            time.sleep(0.05)
        assert running.states()["r2"] == "UP"
        status, headers, _ = get(f"{running.url}/", replica="r1")
        assert (status, headers["x-replica"]) == (200, "r2")
        deadline = time.monotonic() + 5
        while "HAProxy: r1 is uit de rotatie (DOWN)." not in running.text():
            assert time.monotonic() < deadline, running.text()
            time.sleep(0.1)
        assert f"r1 (proces {running.pids['r1']}) is gestopt (code -9)." in running.text()


def test_a_viewer_whose_replica_dies_sees_the_page_again_after_a_reload(browser, tmp_path):
    with command(tmp_path) as running:
        context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")
        page = context.new_page()
        try:
            support.open_app(page, running.url)
            heading = "Inkoop jeugdhulp: Regio Alkmaar"
            assert page.locator("h1").first.inner_text().strip() == heading
            (mine,) = [c["value"] for c in context.cookies() if c["name"] == replicas.COOKIE]
            os.kill(running.pids[mine], signal.SIGKILL)
            page.reload(wait_until="domcontentloaded")
            page.wait_for_function("document.documentElement?.lang === 'nl'", timeout=45_000)
            support.wait_idle(page, 45_000)
            support.wait_charts(page, 45_000)
            assert page.locator("h1").first.inner_text().strip() == heading
            assert page.locator("[data-testid=stException]").count() == 0
            assert page.locator("[data-testid=stAlertContentError]").count() == 0
            (now,) = [c["value"] for c in context.cookies() if c["name"] == replicas.COOKIE]
            assert now != mine
        finally:
            context.close()


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=str)
def test_stopping_the_command_leaves_no_process_behind(tmp_path, how):
    with command(tmp_path, count=1) as running:
        started = descendants(running.process.pid)
        assert len(started) == 2  # one replica and HAProxy
        running.process.send_signal(how)
        code = running.process.wait(timeout=60)
        assert not left_running(started)
        if how == signal.SIGKILL:
            assert code == -signal.SIGKILL  # the kernel stopped the children, not the command
        else:
            assert code == 0
            assert running.text().rstrip().endswith("Gestopt: alle replica's en HAProxy.")
            assert not running.folder.exists()
    if how == signal.SIGKILL:  # nobody was left to clean up the temporary folder
        shutil.rmtree(running.folder)
