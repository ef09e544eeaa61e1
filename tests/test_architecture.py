"""The layers of the code, as the folder shows them, guarded.

``components/`` is arranged so a newcomer sees the layers from the folder alone (README,
'Code'). These tests read every module's imports (without running it) and fail when a
module reaches across a boundary: Streamlit only in the thin Streamlit layer, pandera only
in the build step, and each layer only using the layers below it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COMPONENTS = ROOT / "components"
TOPICS = ("overview", "providers", "contracts", "transformation", "costs", "about", "glossary")
#: Each layer and the layers (packages of ``components``) it may import, below it.
ALLOWED = {
    "common": {"data"},  # usage reads the suppression of small numbers
    "data": set(),
    "build": {"data"},
    **{topic: {"common", "data"} for topic in TOPICS},
    "site": {"common", *TOPICS},
    "outputs": {"common", "data", "site", "outputs"},
    "web": {"common", "data", "site", "outputs", "web", *TOPICS},
}


def modules() -> list[Path]:
    return sorted(p for p in COMPONENTS.rglob("*.py") if p.name != "__init__.py")


def layer(path: Path) -> str:
    """The package of ``components`` a module belongs to ('site' for components/site.py)."""
    return path.relative_to(COMPONENTS).parts[0].removesuffix(".py")


def imported(path: Path) -> set[str]:
    """Every module a file imports, anywhere in it (also inside functions), dotted."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_every_module_is_in_a_known_layer():
    assert {layer(path) for path in modules()} <= set(ALLOWED)


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_streamlit_layer_imports_streamlit(path):
    uses = {name for name in imported(path) if name.split(".")[0] == "streamlit"}
    assert not uses or layer(path) == "web", f"{path.name} importeert {sorted(uses)}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_build_step_imports_pandera(path):
    uses = {name for name in imported(path) if name.split(".")[0] == "pandera"}
    assert not uses or layer(path) == "build", f"{path.name} importeert {sorted(uses)}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_a_layer_uses_only_the_layers_below_it(path):
    own = layer(path)
    used = {
        name.split(".")[1]
        for name in imported(path)
        if name.startswith("components.") and len(name.split(".")) > 1
    }
    # A topic's own modules are its own business; reaching into another topic is not.
    used.discard(own)
    assert used <= ALLOWED[own], f"{path.name} ({own}) gebruikt {sorted(used - ALLOWED[own])}"


def test_the_boundary_checks_see_a_violation(tmp_path):
    """The checks read imports inside functions too (a lazy import is still a dependency)."""
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("def draw():\n    import streamlit as st\n    from pandera import polars\n")
    assert {"streamlit", "pandera", "pandera.polars"} <= imported(sneaky)


@pytest.mark.parametrize("script", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.name)
def test_pages_are_thin(script):
    """A page reads its choices and renders its topic's sections; no data work of its own."""
    uses = imported(script)
    assert not {name for name in uses if name.split(".")[0] in ("pandera", "pyarrow")}
    assert not any(name.startswith("components.build") for name in uses)
    assert len(script.read_text(encoding="utf-8").splitlines()) <= 120


#: The tests whose subject is the performance tooling itself.
PERF_TESTS = ("test_perf_commands.py", "test_reference_app.py")


def test_only_the_tests_of_the_performance_commands_import_them():
    """The performance tooling uses the test helpers, never the other way round."""
    tests = ROOT / "tests"
    for path in sorted(tests.rglob("*.py")):
        if path.parent.name == "perf" or path.name in PERF_TESTS:
            continue
        uses = {name for name in imported(path) if name.startswith("tests.perf")}
        assert not uses, f"{path.relative_to(ROOT)} importeert {sorted(uses)}"
