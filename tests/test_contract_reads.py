"""What the pages read is what the extract contract describes.

Read from the code, without running it: every column a page, a slide or the presentation
reads (``pl.col("x")``, ``row["x"]``) is a column of the contract or one the code makes
itself (an alias, a new column, a key it builds); every fixed id the code names (a key
figure, a cost parameter) that the shipped extracts use as an id is one the contract
documents in its vocabulary. A hidden list, as the overview once had, fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import polars as pl
import pytest

from components.data import columns, vocabulary

ROOT = Path(__file__).resolve().parents[1]
#: The code that shows extracts: not the preparation, which writes them, nor the data
#: layer, which reads the files and their manifest for everyone else, nor the command that
#: runs replicas behind HAProxy (it reads HAProxy's status, no extract).
READERS = sorted(
    p for p in [*(ROOT / "components").rglob("*.py"), *(ROOT / "pages").glob("*.py"),
                ROOT / "app.py"]
    if not {"build", "data"} & set(p.relative_to(ROOT).parts) and p.name != "replicas.py"
)  # fmt: skip
#: Id columns: their values are ids a region chooses, unless the contract fixes them.
ID_COLUMNS = ("kengetal", "parameter", "effect_id", "kwadrant_id", "doel_id", "kpi_id")
#: The names the contract gives: its extracts and their columns.
CONTRACT_NAMES = {*columns.REGION, *columns.SHARED} | {
    c for table in (*columns.REGION.values(), *columns.SHARED.values()) for c in table
}


def _strings(node: ast.AST) -> list[str]:
    return [
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def _calls(tree: ast.AST, name: str):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if called == name:
                yield node


def _made(trees: list[ast.AST]) -> set[str]:
    """Column names the code makes itself: aliases, keyword columns, keys of dicts it builds."""
    made: set[str] = set()
    for tree in trees:
        for node in _calls(tree, "alias"):
            made |= set(_strings(node.args[0])) if node.args else set()
        for name in ("with_columns", "select", "agg", "DataFrame", "Series", "rename", "struct"):
            for node in _calls(tree, name):
                made |= {k.arg for k in node.keywords if k.arg}
                if name in ("Series",) and node.args:
                    made |= set(_strings(node.args[0]))
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                made |= {
                    k.value
                    for k in node.keys
                    if isinstance(k, ast.Constant) and isinstance(k.value, str)
                }
    return made


def _read(tree: ast.AST) -> set[str]:
    """Column names the code reads: pl.col("x") and x["y"] with a constant."""
    read = set()
    for node in _calls(tree, "col"):
        read |= {
            a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
        }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.ctx, ast.Load)
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, str)
        ):
            read.add(node.slice.value)
    return read


def _shipped_ids() -> set[str]:
    ids = set()
    for path in (ROOT / "data" / "extracts").glob("*/*.parquet"):
        frame = pl.read_parquet(path)
        for column in ID_COLUMNS:
            if column in frame.columns:
                ids |= set(frame[column].drop_nulls().to_list())
    return ids


def _documented_ids() -> set[str]:
    found: set[str] = set()
    for value in vars(vocabulary).values():
        if isinstance(value, dict):
            found |= {k for k in value if isinstance(k, str)}
        elif isinstance(value, tuple):
            found |= {v for v in value if isinstance(v, str)}
    return found


TREES = {path: ast.parse(path.read_text(encoding="utf-8")) for path in READERS}
MADE = _made(list(TREES.values()))


@pytest.mark.parametrize("path", READERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_column_read_is_in_the_contract_or_made_by_the_code(path):
    unknown = sorted(_read(TREES[path]) - CONTRACT_NAMES - MADE - _documented_ids())
    assert unknown == [], f"{path.name} leest kolommen die het contract niet kent: {unknown}"


@pytest.mark.parametrize("path", READERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_fixed_id_the_code_names_is_documented_in_the_contract(path):
    named = set(_strings(TREES[path])) & _shipped_ids()
    hidden = sorted(named - _documented_ids())
    assert hidden == [], f"{path.name} noemt ids die het contract niet beschrijft: {hidden}"
