"""The committed JSON Schemas are generated from the model and the repository, must not go
stale, and every shipped analysis points editors at them (issue 17, item 8)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from ruamel.yaml import YAML

from generator.export.schema import expected_schemas, guide_descriptions
from tests.conftest import REPO

MODELINE = "# yaml-language-server: $schema=../schema/analysis.schema.json\n"
ANALYSES = sorted(p for p in (REPO / "analyses").glob("*/*.yml") if p.name != "platform.yml")


def test_committed_schemas_match_the_model() -> None:
    for name, text in expected_schemas(REPO).items():
        committed = (REPO / "analyses/schema" / name).read_text(encoding="utf-8")
        assert committed == text, f"analyses/schema/{name} is stale: run `clausebook schema`"


def test_schema_rejects_unknown_keys() -> None:
    schema = json.loads(expected_schemas(REPO)["analysis.schema.json"])
    assert schema["additionalProperties"] is False
    assert "excerpt" in schema["required"]


def test_every_shipped_analysis_has_the_schema_line_and_validates() -> None:
    assert len(ANALYSES) > 50
    schema = json.loads((REPO / "analyses/schema/analysis.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for path in ANALYSES:
        text = path.read_text(encoding="utf-8")
        assert text.startswith(MODELINE), f"{path.relative_to(REPO)} lacks the schema line"
        target = MODELINE.strip().removeprefix("# yaml-language-server: $schema=")
        assert (path.parent / target).resolve() == REPO / "analyses/schema/analysis.schema.json"
        data = json.loads(json.dumps(YAML(typ="safe").load(text), default=str))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], f"{path.relative_to(REPO)}: {errors}"


def test_the_schema_carries_the_repositorys_ids() -> None:
    schema = json.loads(expected_schemas(REPO)["analysis.schema.json"])
    topics = YAML(typ="safe").load((REPO / "analyses/topics.yml").read_text("utf-8"))
    assert schema["properties"]["topic"]["enum"] == sorted(t["id"] for t in topics["topics"])
    codes = schema["$defs"]["JurisdictionFlag"]["properties"]["code"]["enum"]
    assert "EU" in codes and "XX" not in codes
    documents = set()
    for platform in (REPO / "analyses").glob("*/platform.yml"):
        data = YAML(typ="safe").load(platform.read_text("utf-8"))
        documents.update(d["id"] for d in data["documents"])
    assert schema["properties"]["document"]["enum"] == sorted(documents)


def test_every_analysis_field_is_described_in_the_guides_words() -> None:
    guide = dict(guide_descriptions((REPO / "content/contributing.md").read_text("utf-8")))
    schema = json.loads(expected_schemas(REPO)["analysis.schema.json"])
    defs = schema["$defs"]
    assert schema["properties"]["topic"]["description"] == guide[("topic",)]
    assert defs["Excerpt"]["properties"]["text"]["description"] == guide[("excerpt", "text")]
    assert (
        defs["JurisdictionFlag"]["properties"]["code"]["description"]
        == guide[("jurisdictions", "code")]
    )
    for where, props in [
        ("Analysis", schema["properties"]),
        *[(name, defs[name]["properties"]) for name in _analysis_defs(defs)],
    ]:
        missing = [key for key, prop in props.items() if not prop.get("description")]
        assert missing == [], f"{where}: no description for {missing}"


def _analysis_defs(defs: dict[str, dict]) -> list[str]:
    """The models an analysis is made of."""
    names = ["Excerpt", "Exposure", "JurisdictionFlag", "Citation", "Change", "Question"]
    assert set(names) <= set(defs)
    return names


def test_the_guide_is_read_key_by_key() -> None:
    text = (
        "```yaml\ntitle: x   # the name\nexcerpt:\n  text: y  # words\n"
        "list:\n  - code: EU  # a code\n```"
    )
    assert guide_descriptions(text) == (
        (("title",), "the name"),
        (("excerpt", "text"), "words"),
        (("list", "code"), "a code"),
    )


def test_a_fork_without_a_guide_still_gets_schemas(tmp_path: Path) -> None:
    (tmp_path / "analyses").mkdir()
    schemas = expected_schemas(tmp_path)
    assert "enum" not in json.loads(schemas["analysis.schema.json"])["properties"]["topic"]
