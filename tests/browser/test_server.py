"""The server as a municipal security officer checks it: its headers and its address.

A real ``streamlit run components/web/server.py`` (the README's command) on loopback.
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest

from components.web import server
from tests.browser import support


@pytest.fixture(scope="module")
def base():
    with support.streamlit_server() as url:
        yield url


def _headers(url: str) -> dict[str, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return {k.lower(): v for k, v in response.headers.items()}


def test_every_response_forbids_framing_by_another_site(base):
    page = _headers(f"{base}/")
    with urllib.request.urlopen(f"{base}/", timeout=10) as response:
        script = re.search(r'src="\./(static/js/[^"]+\.js)"', response.read().decode())
    for headers in (page, _headers(f"{base}/_stcore/health"), _headers(f"{base}/{script[1]}")):
        assert headers["content-security-policy"] == "frame-ancestors 'self'"
        assert headers["x-frame-options"] == "SAMEORIGIN"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
    assert set(server.HEADERS) == {
        "Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"
    }  # fmt: skip


def _listening(port: int) -> list[str]:
    """Local addresses (hex, as /proc/net/tcp* writes them) listening on ``port``."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.append(address)
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="Linux /proc nodig")
def test_without_an_address_the_server_listens_on_loopback_only():
    with support.streamlit_server(address=None) as url:
        port = int(url.rsplit(":", 1)[1])
        assert _listening(port) == ["0100007F"]  # 127.0.0.1, nothing else
