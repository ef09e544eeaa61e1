"""Publication of the extracts: crash-safe, repaired by the next run, one run at a time.

These tests run the real command in its own process and interrupt it the way the world
does: SIGKILL at an arbitrary moment, a second run holding the lock, a disk that refuses
the write (a file size limit, which the kernel enforces like a full disk).
"""

from __future__ import annotations

import fcntl
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from components.build import prepare, publish, schema
from components.data import extracts

REGION = "testregio"
ROOT = Path(__file__).resolve().parents[1]


def _command(sources: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "components.build.prepare", "--bronnen", str(sources),
            "--uit", str(out)]  # fmt: skip


def _start(sources: Path, out: Path, **options) -> subprocess.Popen:
    return subprocess.Popen(
        _command(sources, out), cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True, **options,
    )  # fmt: skip


def _new_version(sources: Path) -> None:
    """Change one figure in the sources, so the next run publishes another version."""
    path = sources / REGION / "kosten.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("33500000", "33600000"), "utf-8")


def _whole(out: Path) -> bytes:
    """The region's manifest, after checking that every extract it names reads as written."""
    for name in schema.REGION_EXTRACTS:
        extracts.read_extract(REGION, name, root=out)
    return (out / REGION / extracts.MANIFEST).read_bytes()


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith(f".{REGION}."))


def test_a_run_killed_at_any_moment_leaves_the_old_or_the_new_version_whole(
    sources: Path, out: Path, tmp_path: Path
) -> None:
    old = _whole(out)
    _new_version(sources)
    expected = tmp_path / "verwacht"
    prepare.prepare(sources, expected)
    new = _whole(expected)
    found = []
    for attempt in range(16):
        run = _start(sources, out)
        time.sleep(0.2 + attempt * 0.08)  # from start-up to after the publication
        run.send_signal(signal.SIGKILL)
        run.communicate()
        found.append(_whole(out))
        assert found[-1] in (old, new), f"poging {attempt}: een halve versie"
    left = _leftovers(out)

    finished = subprocess.run(_command(sources, out), cwd=ROOT, capture_output=True, text=True)

    assert finished.returncode == 0, finished.stderr
    assert _whole(out) == new
    assert _leftovers(out) == []
    for name in left:
        assert f"{out / name}: restant van een afgebroken run opgeruimd" in finished.stderr


def test_a_region_left_missing_between_two_renames_comes_back_even_if_the_sources_fail(
    sources: Path, out: Path
) -> None:
    """Where the exchange is not available, the old folder is moved aside first; a run
    killed right after that left the region missing, and the next run puts it back."""
    old = _whole(out)
    aside = out / f".{REGION}.old-1a2b3c4d"
    (out / REGION).rename(aside)
    (sources / REGION / "regio.csv").unlink()  # this run's sources cannot be published

    run = subprocess.run(_command(sources, out), cwd=ROOT, capture_output=True, text=True)

    assert run.returncode == 1
    assert f"{out / REGION}: de vorige versie teruggezet" in run.stderr
    assert "regio.csv (of regio.xlsx) ontbreekt" in run.stderr
    assert _whole(out) == old
    assert _leftovers(out) == []


def test_a_second_run_waits_for_the_first_and_says_so(sources: Path, out: Path) -> None:
    old = _whole(out)
    _new_version(sources)
    with open(out / publish.LOCK_FILE, "a+", encoding="utf-8") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a first run does
        held.truncate(0)
        held.write("4242\n")
        held.flush()
        second = _start(sources, out)
        line = second.stderr.readline()
        assert line == (
            f"Een andere voorbereiding schrijft nu naar {out} (proces 4242); deze wacht tot "
            "die klaar is.\n"
        )
        time.sleep(1.5)
        assert second.poll() is None and _whole(out) == old  # it waits, and changes nothing
        fcntl.flock(held, fcntl.LOCK_UN)
        stdout, _ = second.communicate(timeout=60)

    assert second.returncode == 0
    assert f"{REGION}: {len(schema.REGION_EXTRACTS)} extracten" in stdout
    assert _whole(out) != old


def _limit_file_size() -> None:
    """In the child: files may not grow beyond 6 kB (the kernel refuses the write; the
    largest extract of the test region is about 7 kB)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (6_000, 6_000))


def test_a_disk_that_refuses_the_write_gives_a_dutch_message_and_changes_nothing(
    sources: Path, out: Path, snapshot: Callable[[Path], dict[str, str]]
) -> None:
    before = snapshot(out)
    _new_version(sources)

    run = subprocess.run(
        _command(sources, out), cwd=ROOT, capture_output=True, text=True,
        preexec_fn=_limit_file_size,
    )  # fmt: skip

    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith(f"Schrijven naar {out}/.{REGION}.tmp-")
    assert run.stderr.rstrip().endswith(
        "mislukt: het bestand is te groot voor de schijf. De vorige extracten zijn ongewijzigd."
    )
    assert snapshot(out) == before


@pytest.mark.skipif(os.geteuid() != 0, reason="een volle schijf maken vraagt root (mount)")
def test_a_full_disk_gives_a_dutch_message(sources: Path, tmp_path: Path) -> None:
    disk = tmp_path / "vol"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=40k", "tmpfs", str(disk)])
    if mounted.returncode != 0:
        pytest.skip("tmpfs kan hier niet worden aangekoppeld")
    try:
        run = subprocess.run(
            _command(sources, disk / "extracts"), cwd=ROOT, capture_output=True, text=True
        )
        assert run.returncode == 1
        assert "mislukt: de schijf is vol. De vorige extracten zijn ongewijzigd." in run.stderr
        assert "Traceback" not in run.stderr
        assert [p.name for p in (disk / "extracts").iterdir()] == [publish.LOCK_FILE]
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_file_where_the_region_folder_belongs_is_refused_before_anything_is_written(
    sources: Path, out: Path, snapshot: Callable[[Path], dict[str, str]]
) -> None:
    shutil.rmtree(out / REGION)
    (out / REGION).write_text("een bestand, geen map", encoding="utf-8")
    (out / f".{REGION}.tmp-oud").write_text("restant", encoding="utf-8")
    before = {k: v for k, v in snapshot(out).items() if ".tmp-" not in k}

    run = subprocess.run(_command(sources, out), cwd=ROOT, capture_output=True, text=True)

    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert f"{out}/.{REGION}.tmp-oud: restant van een afgebroken run opgeruimd" in run.stderr
    assert f"{out / REGION}" in run.stderr
    assert "er staat al een bestand met die naam" in run.stderr
    assert snapshot(out) == before
    assert _leftovers(out) == []
