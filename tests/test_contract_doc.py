"""The documented extract contract is the one the code enforces, and the app reads it cheaply."""

import subprocess
import sys

from components.build import contract_doc, schema
from components.data import columns
from tests.pages.conftest import ROOT


def test_committed_contract_documentation_is_up_to_date():
    committed = contract_doc.TARGET.read_text(encoding="utf-8")
    assert committed == contract_doc.render(), (
        "docs/extractcontract.md is out of date: run python -m components.build.contract_doc"
    )


def test_every_extract_and_column_is_documented():
    text = contract_doc.TARGET.read_text(encoding="utf-8")
    for name, model in schema.REGION_EXTRACTS.items():
        assert f"## `{name}`" in text
        for column in schema.columns(model):
            assert f"| `{column}` |" in text, f"{name}.{column} undocumented"


def test_the_apps_column_table_is_the_schema():
    """components/columns.py (what the app checks extracts against) equals the models."""
    assert (
        contract_doc.COLUMNS_TARGET.read_text(encoding="utf-8") == contract_doc.render_columns()
    ), "components/columns.py is out of date: run python -m components.build.contract_doc"
    assert {n: schema.columns(m) for n, m in schema.REGION_EXTRACTS.items()} == columns.REGION
    assert {n: schema.columns(m) for n, m in schema.SHARED_EXTRACTS.items()} == columns.SHARED


def test_the_app_reads_extracts_without_loading_pandera():
    """Cold start: every module a page imports stays clear of pandera (~0,4 s to import)."""
    code = (
        "import sys, importlib, pathlib\n"
        "for path in sorted(pathlib.Path('components').rglob('*.py')):\n"
        "    if path.parts[1] != 'build':\n"
        "        importlib.import_module('.'.join(path.with_suffix('').parts))\n"
        "from components.data import extracts\n"
        "extracts.read_extract('regio-alkmaar', 'aanbiedersregister')\n"
        "print('pandera' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"


def test_every_extract_is_introduced_in_dutch_and_none_is_left_over():
    extracts = {*schema.REGION_EXTRACTS, *schema.SHARED_EXTRACTS}
    assert set(contract_doc.SECTIONS) == extracts
    text = contract_doc.TARGET.read_text(encoding="utf-8")
    assert "The documents a region's figures come from" not in text
    assert "De documenten waar de cijfers van een regio uit komen." in text
