"""The replica command's refusals, which start nothing (fast; the real balancer is tested in
tests/browser/test_balancer.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "components.web.replicas", *args],
        cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_without_haproxy_it_says_in_dutch_how_to_install_it(tmp_path):
    result = _run("--aantal", "2", env={"HAPROXY_PATH": str(tmp_path / "haproxy")})
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "HAProxy is niet geïnstalleerd. Installeer het (Debian/Ubuntu, als root): "
        "apt-get install -y haproxy. Er is niets gestart."
    )
    assert result.stdout == ""


def test_a_number_of_replicas_out_of_range_is_refused():
    result = _run("--aantal", "0")
    assert result.returncode == 2
    assert result.stderr.strip() == "--aantal moet 1 t/m 8 zijn."
