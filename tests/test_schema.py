"""The committed JSON Schemas are generated from the model and must not go stale."""

from __future__ import annotations

from generator.export.schema import expected_schemas
from tests.conftest import REPO


def test_committed_schemas_match_the_model() -> None:
    for name, text in expected_schemas().items():
        committed = (REPO / "analyses/schema" / name).read_text(encoding="utf-8")
        assert committed == text, f"analyses/schema/{name} is stale: run `clausebook schema`"


def test_schema_rejects_unknown_keys() -> None:
    import json

    schema = json.loads(expected_schemas()["analysis.schema.json"])
    assert schema["additionalProperties"] is False
    assert "excerpt" in schema["required"]
