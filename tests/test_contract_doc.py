"""The documented extract contract is the one the code enforces."""

from components import contract_doc, schema


def test_committed_contract_documentation_is_up_to_date():
    committed = contract_doc.TARGET.read_text(encoding="utf-8")
    assert committed == contract_doc.render(), (
        "docs/extractcontract.md is out of date: run python -m components.contract_doc"
    )


def test_every_extract_and_column_is_documented():
    text = contract_doc.TARGET.read_text(encoding="utf-8")
    for name, model in schema.REGION_EXTRACTS.items():
        assert f"## `{name}`" in text
        for column in schema.columns(model):
            assert f"| `{column}` |" in text, f"{name}.{column} undocumented"
