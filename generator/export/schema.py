"""JSON Schemas of the authoring format, generated from the model (never written twice).

Editors use them through the `# yaml-language-server: $schema=…` line that `clausebook new`
writes; a test fails when the committed copies in analyses/schema/ are stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from generator.model.authoring import Analysis, Jurisdictions, Platform, Topics
from generator.project import Layout

SCHEMAS: dict[str, type[BaseModel]] = {
    "analysis.schema.json": Analysis,
    "platform.schema.json": Platform,
    "topics.schema.json": Topics,
    "jurisdictions.schema.json": Jurisdictions,
}


def schema_text(model: type[BaseModel], name: str) -> str:
    schema = model.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://clausebook.dev/schema/{name}",
        **schema,
    }
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def expected_schemas() -> dict[str, str]:
    return {name: schema_text(model, name) for name, model in SCHEMAS.items()}


def write_schemas(root: Path) -> list[Path]:
    folder = Layout(root).schema
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in expected_schemas().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
