"""Several app servers behind HAProxy on one machine: a bigger deployment, in small.

    python -m components.web.replicas [--aantal 2] [--poort 8500] [--data MAP]

One Streamlit process runs every session's script under one interpreter lock, so it
serves one core's worth of viewers; more viewers need more processes. Streamlit keeps a
viewer's session (its websocket, ``/_stcore/stream``, and its media files) in the process
that opened it, so the balancer in front must keep each viewer on one process. This
command starts ``--aantal`` ``streamlit run components/web/server.py`` processes on free
loopback ports and Debian's HAProxy in front of them, set up as the Kubernetes ingress in
``deploy/kubernetes`` is:

- stickiness by a cookie the balancer inserts (:data:`COOKIE`, naming the replica); the
  browser sends it with the websocket too, so a viewer's session stays on one replica;
- health checks on Streamlit's ``/_stcore/health`` every half second: a replica that
  stops answering is out within about a second, and a viewer pinned to it is sent to
  another (``option redispatch``), also for a request already under way; the browser
  reconnects and the page runs again there;
- every response says which replica served it (header ``X-Replica``).

Loopback only: for development, the tests and the load test. It prints the dashboard's
address, each replica, and the balancer's status page; it reports a replica that stops;
and it stops every process it started on Ctrl-C or SIGTERM, and, through the kernel's
parent-death signal, even when it is killed itself. HAProxy's configuration and the logs
live in a temporary folder that is removed at the end (not after ``kill -9``: nothing is
left to remove it).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVER = ROOT / "components" / "web" / "server.py"
HEALTH = "/_stcore/health"
COOKIE = "REPLICA"
#: The stats socket in the temporary folder: HAProxy's view of each replica (UP/DOWN).
SOCKET_NAME = "haproxy.sock"
MAX_REPLICAS = 8
INSTALL = "apt-get install -y haproxy"
#: Seconds a replica or the balancer may take to answer its first health check.
START_TIMEOUT = 90.0
#: Seconds a process gets to stop after SIGTERM before it is killed.
STOP_TIMEOUT = 10.0


@dataclass(frozen=True)
class Replica:
    """One app server: its name in HAProxy (and in the cookie), its port, its process."""

    name: str
    port: int
    process: subprocess.Popen


@dataclass(frozen=True)
class Balancer:
    """The running whole: the address viewers use, the replicas, HAProxy."""

    url: str
    status_url: str
    replicas: tuple[Replica, ...]
    haproxy: subprocess.Popen
    folder: Path

    @property
    def socket(self) -> Path:
        return self.folder / SOCKET_NAME


def haproxy_binary() -> str | None:
    """HAProxy: ``$HAPROXY_PATH``, else on PATH or in /usr/sbin (where Debian puts it, not
    on an ordinary user's PATH); None when it is not installed."""
    if "HAPROXY_PATH" in os.environ:
        path = os.environ["HAPROXY_PATH"]
        return path if os.access(path, os.X_OK) else None
    return shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin")


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def haproxy_config(
    port: int, replicas: Sequence[tuple[str, int]], status_port: int, sock: Path
) -> str:
    """HAProxy's configuration: ``port`` in front of ``(name, port)`` replicas on loopback,
    its status page on ``status_port`` and its stats socket at ``sock``."""
    servers = "\n".join(
        f"    server {name} 127.0.0.1:{replica_port} cookie {name}"
        for name, replica_port in replicas
    )
    return f"""\
global
    maxconn 2000
    stats socket {sock} mode 600 level admin

defaults
    mode http
    timeout connect 2s
    timeout client 1m
    timeout server 1m
    # An open websocket is a tunnel; a viewer who reads a page for an hour sends nothing.
    timeout tunnel 1h
    timeout http-request 10s
    # A request for a replica that does not answer (refused, or closed without a response,
    # as when it dies while the request is on its way) is tried again on another one.
    retries 2
    retry-on conn-failure empty-response response-timeout
    option redispatch 1

frontend dashboard
    bind 127.0.0.1:{port}
    default_backend replicas

backend replicas
    balance roundrobin
    cookie {COOKIE} insert indirect nocache httponly attr SameSite=Lax
    option httpchk GET {HEALTH}
    http-check expect string ok
    default-server check inter 500ms fall 2 rise 2
    http-response set-header X-Replica %s
{servers}

listen status
    bind 127.0.0.1:{status_port}
    stats enable
    stats uri /
    stats refresh 2s
"""


def server_states(sock: Path) -> dict[str, str]:
    """Replica name → HAProxy's state of it (``UP``, ``DOWN``, …), from the stats socket."""
    with socket.socket(socket.AF_UNIX) as client:
        client.settimeout(5)
        client.connect(str(sock))
        client.sendall(b"show stat\n")
        raw = b"".join(iter(lambda: client.recv(65536), b""))
    rows = csv.DictReader(raw.decode().lstrip("# ").splitlines())
    return {
        row["svname"]: row["status"]
        for row in rows
        if row["pxname"] == "replicas" and row["svname"] not in ("FRONTEND", "BACKEND")
    }


def _die_with_parent() -> None:
    """Run in each child before it starts: the kernel sends it SIGTERM when this command's
    process ends, however it ends (``kill -9`` included), so no replica outlives it."""
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _start(command: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    """A child in its own session (Ctrl-C reaches only this command, which then stops the
    children in order), its output in ``log`` (a file: a full pipe would hang it)."""
    with log.open("ab") as out:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=out,
            start_new_session=True, preexec_fn=_die_with_parent,
        )  # fmt: skip


def _wait_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    """Until ``url`` answers ``ok``; a process that stops or never answers is an error."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{log.stem} stopte meteen:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{log.stem} gaf binnen {START_TIMEOUT:.0f} s geen antwoord:\n{_tail(log)}")


def _tail(log: Path, chars: int = 2000) -> str:
    return log.read_text(encoding="utf-8", errors="replace")[-chars:] if log.exists() else ""


def _stop(processes: Sequence[subprocess.Popen]) -> None:
    """SIGTERM to each, wait, SIGKILL to any that did not stop."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT
    for process in processes:
        try:
            process.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def running(
    count: int, port: int, data: Path | None = None, haproxy: str = "haproxy"
) -> Iterator[Balancer]:
    """Start ``count`` replicas and HAProxy on ``port``; yield them; always stop them all
    (HAProxy first, so no request goes to a replica that is stopping)."""
    folder = Path(tempfile.mkdtemp(prefix="jeugdhulp-replicas-"))
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if data is not None:
        env["JEUGDHULP_DATA"] = str(Path(data).resolve())
    replicas: list[Replica] = []
    proxy: subprocess.Popen | None = None
    try:
        for number in range(1, count + 1):
            name, replica_port = f"r{number}", free_port()
            command = [
                sys.executable, "-m", "streamlit", "run", str(SERVER),
                "--server.port", str(replica_port), "--server.address", "127.0.0.1",
                "--server.headless", "true", "--server.fileWatcherType", "none",
                "--browser.gatherUsageStats", "false",
            ]  # fmt: skip
            process = _start(command, folder / f"{name}.log", env)
            replicas.append(Replica(name, replica_port, process))
        for replica in replicas:
            url = f"http://127.0.0.1:{replica.port}{HEALTH}"
            _wait_healthy(url, replica.process, folder / f"{replica.name}.log")
        status_port = free_port()
        config = folder / "haproxy.cfg"
        config.write_text(
            haproxy_config(
                port, [(r.name, r.port) for r in replicas], status_port, folder / SOCKET_NAME
            ),
            encoding="utf-8",
        )
        check = subprocess.run([haproxy, "-c", "-q", "-f", str(config)], capture_output=True)
        if check.returncode != 0:
            output = (check.stdout + check.stderr).decode(errors="replace")
            raise RuntimeError(f"HAProxy weigert de instellingen:\n{output}")
        # -db: in the foreground, as a child of this command (which stops it).
        proxy = _start([haproxy, "-db", "-f", str(config)], folder / "haproxy.log")
        _wait_healthy(f"http://127.0.0.1:{port}{HEALTH}", proxy, folder / "haproxy.log")
        balancer = Balancer(
            f"http://127.0.0.1:{port}", f"http://127.0.0.1:{status_port}/",
            tuple(replicas), proxy, folder,
        )  # fmt: skip
        _wait_all_up(balancer)
        yield balancer
    finally:
        _stop([proxy] if proxy is not None else [])
        _stop([replica.process for replica in replicas])
        shutil.rmtree(folder, ignore_errors=True)


def _wait_all_up(balancer: Balancer, timeout: float = 10.0) -> None:
    """Until HAProxy's health checks see every replica up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if set(server_states(balancer.socket).values()) == {"UP"}:
            return
        time.sleep(0.2)
    raise RuntimeError(f"HAProxy ziet niet alle replica's: {server_states(balancer.socket)}")


def watch(balancer: Balancer) -> int:
    """Report what changes until HAProxy stops (an error) or this command is stopped."""
    stopped: set[str] = set()
    states = server_states(balancer.socket)
    while True:
        if balancer.haproxy.poll() is not None:
            print(f"HAProxy is gestopt:\n{_tail(balancer.folder / 'haproxy.log')}", flush=True)
            return 1
        for replica in balancer.replicas:
            if replica.name not in stopped and replica.process.poll() is not None:
                stopped.add(replica.name)
                print(
                    f"{replica.name} (proces {replica.process.pid}) is gestopt "
                    f"(code {replica.process.returncode}).",
                    flush=True,
                )
        now = server_states(balancer.socket)
        for name, state in now.items():
            # "UP 1/2" is a replica failing its first check: still in, not a change yet.
            if state.split()[0] != states.get(name, "").split()[0]:
                role = "doet mee" if state.startswith("UP") else "is uit de rotatie"
                print(f"HAProxy: {name} {role} ({state}).", flush=True)
        states = now
        time.sleep(0.5)


def _stop_on_sigterm() -> None:
    """SIGTERM stops this command as Ctrl-C does: through the ``finally`` that stops all."""

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="python -m components.web.replicas",
        description="Het dashboard als meerdere processen achter HAProxy (alleen op 127.0.0.1), "
        "met plakkerige sessies en gezondheidscontroles. Stoppen: Ctrl-C.",
    )
    cli.add_argument("--aantal", type=int, default=2, help=f"replica's (1 t/m {MAX_REPLICAS})")
    cli.add_argument("--poort", type=int, default=8500, help="poort van HAProxy (standaard 8500)")
    cli.add_argument("--data", type=Path, default=None, help="map met extracten (JEUGDHULP_DATA)")
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    """Start, print the addresses, watch; stop everything on Ctrl-C or SIGTERM."""
    args = parser().parse_args(argv)
    if not 1 <= args.aantal <= MAX_REPLICAS:
        print(f"--aantal moet 1 t/m {MAX_REPLICAS} zijn.", file=sys.stderr)
        return 2
    haproxy = haproxy_binary()
    if haproxy is None:
        print(
            "HAProxy is niet geïnstalleerd. Installeer het (Debian/Ubuntu, als root): "
            f"{INSTALL}. Er is niets gestart.",
            file=sys.stderr,
        )
        return 2
    _stop_on_sigterm()
    try:
        with running(args.aantal, args.poort, args.data, haproxy) as balancer:
            print(f"Dashboard: {balancer.url}", flush=True)
            print(f"Status van de replica's (HAProxy): {balancer.status_url}", flush=True)
            for replica in balancer.replicas:
                print(
                    f"  {replica.name}: http://127.0.0.1:{replica.port} "
                    f"(proces {replica.process.pid})",
                    flush=True,
                )
            print(
                f"  HAProxy: proces {balancer.haproxy.pid}, instellingen en logboeken in "
                f"{balancer.folder}",
                flush=True,
            )
            print("Stoppen: Ctrl-C.", flush=True)
            return watch(balancer)
    except KeyboardInterrupt:
        print("Gestopt: alle replica's en HAProxy.", flush=True)
        return 0
    except RuntimeError as error:
        print(f"Starten mislukt: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
