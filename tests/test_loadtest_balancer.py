"""The load test through HAProxy, at a tiny size: ``python -m tests.perf.loadtest --replicas 2``.

Real processes, no mocks: two ``streamlit run`` replicas behind Debian's HAProxy (started
by ``components.web.replicas``), protocol viewers that carry the balancer's cookie, and
the measuring Chromium. What is checked is what the command reports (no timing): no
errors, each viewer on one replica, memory per replica; with a replica killed in the
middle, every viewer's last page run good, the lost runs counted and the measuring
Chromium showing its page again.
"""

from __future__ import annotations

import pytest

from tests.test_perf_commands import run_command


def loadtest(*args: str) -> tuple[int, dict]:
    """Run the load test through 2 replicas as a user does; its exit code and JSON output."""
    return run_command("loadtest", "--replicas", "2", *args, "--json")


def test_saturation_through_the_balancer_keeps_each_viewer_on_its_replica():
    """Four viewers without reading time: page runs counted on both replicas, no errors,
    every viewer's responses (the page, the websocket upgrade) from one replica."""
    code, result = loadtest("--viewers", "4", "--pages", "over", "--saturate", "3")
    assert code == 0, result["errors"]
    assert result["errors"] == []
    saturation, balancer = result["saturation"], result["balancer"]
    assert saturation["runs"] > 0 and saturation["runs_per_s"] > 0
    assert set(saturation["runs_per_replica"]) == {"r1", "r2"}
    assert set(saturation["cpu_s"]) == {"r1", "r2", "haproxy", "client"}
    assert balancer["pinned_all"] is True
    assert len(balancer["viewers"]) == 4
    for viewer in balancer["viewers"]:
        assert len(viewer["replicas"]) == 1 and viewer["pinned"] is True, viewer
        (replica,) = viewer["replicas"]  # the page, then the websocket upgrade, from it
        assert viewer["served"] == [f"http {replica}", f"websocket {replica}"], viewer
    assert balancer["viewers_per_replica"] == {"r1": 2, "r2": 2}  # round robin
    for name in ("r1", "r2"):
        memory = result["memory"]["replicas"][name]
        assert memory["rss_before_mib"] > 50 and memory["peak_rss_mib"] > 50, memory
    assert balancer["killed"] is None and balancer["lost_runs"] == 0


@pytest.mark.browser
def test_a_replica_killed_mid_run_leaves_no_viewer_with_an_error_page():
    """Four viewers and the measuring Chromium; after 2.5 s the replica of the Chromium is
    killed (every viewer still has a page to visit then). Its viewers reconnect through
    HAProxy to the other replica and run their page there: no errors, every last page
    run good, the lost runs counted, and the Chromium shows its page without an error."""
    options = "--viewers 4 --ramp 1 --think 1.5 2.5 --pages over begrippen --rounds 1"
    code, result = loadtest(*options.split(), "--kill-replica-at", "2.5", "--max-seconds", "120")
    assert code == 0, result["errors"]
    assert result["errors"] == []
    balancer = result["balancer"]
    killed = balancer["killed"]
    assert killed is not None and killed["replica"] in ("r1", "r2")
    other = ({"r1", "r2"} - {killed["replica"]}).pop()
    assert balancer["pinned_all"] is True
    assert balancer["last_run_ok_all"] is True
    moved = [v for v in balancer["viewers"] if v["replicas"][0] == killed["replica"]]
    assert moved, "round robin gave the killed replica none of the four viewers"
    for viewer in balancer["viewers"]:
        assert viewer["pinned"] and viewer["last_ok"] is True, viewer
        if viewer in moved:  # on the killed replica: reconnected to the other
            assert viewer["replicas"] == [killed["replica"], other], viewer
            assert viewer["reconnects"] == 1, viewer
            assert viewer["served"] == [
                f"http {killed['replica']}", f"websocket {killed['replica']}",
                f"http {other}", f"websocket {other}",
            ], viewer  # fmt: skip
        else:
            assert viewer["replicas"] == [other] and viewer["reconnects"] == 0, viewer
    assert isinstance(balancer["lost_runs"], int) and balancer["lost_runs"] >= 0
    assert isinstance(balancer["lost_probe_steps"], int)
    probe = balancer["probe_after_kill"]
    assert probe["killed"] is True and probe["replica_after"] == other
    assert probe["ok_rounds_after_kill"] >= 1
    shown = probe["shown"]
    assert shown["connection"] == "CONNECTED" and shown["errors"] == 0, shown
    assert shown["heading"], shown
    assert result["targets"]["na het stoppen van een replica geen kijker met een foutpagina"]
    for name in ("r1", "r2"):
        assert result["memory"]["replicas"][name]["peak_rss_mib"] > 50
    # every protocol viewer's runs are there: the overview, Over and Begrippen
    assert result["stats"]["protocol_load"]["n"] == 4 * 3
