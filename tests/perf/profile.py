"""Where a page spends its server time: pyinstrument inside the real ``streamlit run``.

    python -m tests.perf.profile PAGE [--data MAP] [--regio ID] [--runs 5] [--html FILE]

Starts the app exactly like the benchmark does, asks for the page over Streamlit's
websocket (:mod:`tests.perf.protocol`) once to fill the caches, then ``--runs`` times more,
and prints pyinstrument's call tree of those warm runs. This is how the findings in
docs/prestaties.md were made.

How, without touching the app: the server is started with this folder's
``sitecustomize`` on its ``PYTHONPATH`` and ``PERF_PROFILE_OUT`` set. Python imports
``sitecustomize`` at start-up; it calls :func:`install`, which wraps Streamlit's
``ScriptRunner._run_script`` so that each script run is sampled in its own thread
(pyinstrument samples only the thread that starts it) and writes the combined tree when
the server stops. Without ``PERF_PROFILE_OUT`` nothing happens.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from components.data import extracts

OUT_ENV = "PERF_PROFILE_OUT"
SKIP_ENV = "PERF_PROFILE_SKIP"
ROOT = Path(__file__).resolve().parents[2]
SITECUSTOMIZE = f"""
import os
if os.environ.get({OUT_ENV!r}):
    import tests.perf.profile
    tests.perf.profile.install()
"""


def install() -> None:
    """In the server process: profile every script run after the first ``PERF_PROFILE_SKIP``."""
    from pyinstrument import Profiler
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    out = Path(os.environ[OUT_ENV])
    html = out.suffix == ".html"
    profiler = Profiler(interval=0.001)
    skip = [int(os.environ.get(SKIP_ENV, "0"))]
    original = ScriptRunner._run_script

    def run_script(self, rerun_data) -> None:
        if skip[0] > 0:
            skip[0] -= 1
            return original(self, rerun_data)
        profiler.start()
        try:
            return original(self, rerun_data)
        finally:
            profiler.stop()

    def write() -> None:
        if profiler.last_session is None:
            return
        text = profiler.output_html() if html else profiler.output_text(unicode=True, color=False)
        out.write_text(text, encoding="utf-8")

    ScriptRunner._run_script = run_script
    atexit.register(write)


async def _visit(base: str, page: str, query: str, runs: int) -> list[float]:
    from tests.perf.protocol import Viewer

    async with Viewer(base) as viewer:
        first = await viewer.open("", query)
        if not first.ok:
            raise RuntimeError(f"de app draait niet goed: {first.exceptions or first.status}")
        await viewer.visit(page, query)  # warm-up: caches filled, not profiled
        times = []
        for _ in range(runs):
            result = await viewer.visit(page, query)
            if not result.ok:
                raise RuntimeError(f"/{page}: {result.exceptions or result.status}")
            times.append(result.seconds)
        return times


def main(argv: Sequence[str] | None = None) -> int:
    """Profile the warm runs of one page and print (or save) the call tree."""
    from tests.perf import measure
    from tests.perf.benchmark import default_region

    cli = argparse.ArgumentParser(prog="python -m tests.perf.profile")
    cli.add_argument("page", help="url-pad van de pagina, bv. aanbieders ('' = overzicht)")
    cli.add_argument("--data", type=Path, default=None, help="map met extracten")
    cli.add_argument("--regio", default=None, help="regio-id")
    cli.add_argument("--runs", type=int, default=5)
    cli.add_argument("--html", type=Path, default=None, help="schrijf de boom als HTML")
    args = cli.parse_args(argv)
    regio = args.regio or default_region(args.data or extracts.data_root())
    page = args.page.strip("/")
    with tempfile.TemporaryDirectory(prefix="jeugdhulp-profiel-") as tmp:
        (Path(tmp) / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
        out = args.html.resolve() if args.html else Path(tmp) / "profiel.txt"
        env = {
            "PYTHONPATH": os.pathsep.join([tmp, str(ROOT), os.environ.get("PYTHONPATH", "")]),
            OUT_ENV: str(out),
            SKIP_ENV: "2",  # the overview and the warm-up run of the page
            "PYINSTRUMENT_IGNORE_OVERHEAD_WARNING": "1",  # one long warning per run otherwise
        }
        with measure.started(args.data, env=env) as server:
            times = asyncio.run(_visit(server.base, page, f"regio={regio}", args.runs))
        print(f"/{page} ({regio}): mediaan {measure.median(times):.3f} s per warme run")
        if not args.html:
            print(out.read_text(encoding="utf-8") if out.exists() else "(geen profiel geschreven)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
