"""The editor's schema and `check` agree (issue 17, item 8): the same broken files, checked by
the real `check` and by a JSON Schema validator on the schemas `clausebook schema` writes for
that project; the test fails on any file one accepts and the other refuses.

The files (analyses and platform.yml files) are the mistakes a schema can express: keys,
types, enums, ids of the repository, addresses, blank or multi-line text. What needs more
than the file's own shape stays with `check` and is not asked of the schema: an excerpt not
in the archive, a date in the future, history order, a document of another platform, a
related analysis that does not exist, the answer a topic's form allows.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from generator.export.schema import expected_schemas
from generator.pipeline import check
from tests.conftest import FIXTURES, write_project

CLAUSE = "analyses/acme-cloud/customer-data-training.yml"
BASE = (FIXTURES / "basic" / CLAUSE).read_text(encoding="utf-8")
URL = "source_url: https://acme-cloud.example/terms"

# name → (old, new): one edit of the fixture analysis
CASES: dict[str, tuple[str, str]] = {
    "valid": ("", ""),
    "url-without-scheme": (URL, "source_url: acme-cloud.example/terms"),
    "javascript-url": (URL, "source_url: javascript:alert(1)"),
    "plain-http-url": (URL, "source_url: http://acme-cloud.example/terms"),
    "url-with-a-user": (URL, "source_url: https://acme-cloud.example@evil.example/terms"),
    "url-with-a-space": (URL, 'source_url: "https://acme-cloud.example/te rms"'),
    "url-with-a-backslash": (URL, 'source_url: "https://acme-cloud.example\\\\evil/"'),
    "url-with-a-bad-port": (URL, "source_url: https://acme-cloud.example:99999/terms"),
    "url-with-an-invisible-character": (URL, 'source_url: "https://acme-cloud.example/\\u200b"'),
    "url-with-a-port": (URL, "source_url: https://acme-cloud.example:8443/terms?x=1#y"),
    "unknown-topic": ("topic: customer-data-training", "topic: customer-data-trainin"),
    "unknown-jurisdiction": ("code: EU", "code: XX"),
    "jurisdiction-code-shape": ("code: EU", "code: eu"),
    "unknown-document": ("document: service-terms", "document: servce-terms"),
    "document-id-shape": ("document: service-terms", "document: Service_Terms"),
    "title-of-spaces": ("title: Customer content and model training", 'title: "   "'),
    "title-on-two-lines": ("title: Customer content and model training", 'title: "a\\nb"'),
    "title-with-line-breaks-around": (  # accepted: a line, once stripped
        "title: Customer content and model training",
        'title: "\\nCustomer content and model training\\n"',
    ),
    "summary-of-spaces": ("summary: The provider", 'summary: " "\nx_summary: The provider'),
    "blank-summary-block": ("summary: The provider", "summary: |-\n  \n  \nsummary_: The"),
    "unknown-key": ("title:", "titel:"),
    "missing-key": ("regulatory_landscape:", "regulatory_landscap:"),
    "bad-rating": ("rating: low", "rating: severe"),
    "bad-status": ("status: published", "status: Published"),
    "date-not-iso": ("retrieved: 2026-01-10", "retrieved: 10/01/2026"),
    "section-as-a-number": ('section: "4.2"', "section: 4.2"),
    "no-considerations": (
        "compliance_considerations:\n  - Check the account-level training setting.\n"
        "  - Note the clause in the record of processing.",
        "compliance_considerations: []",
    ),
    "related-shape": ("[globex-ai/training-on-prompts]", "[Globex/x]"),
    "text-too-long": ("enforcement_risk: Low", "enforcement_risk: " + "x" * 20_001 + "\nx_: Low"),
}


def _schema_errors(root: Path) -> list[str]:
    schema = json.loads(expected_schemas(root)["analysis.schema.json"])
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    # An editor's YAML language server reads dates as text, as this does.
    data = json.loads(json.dumps(YAML(typ="safe").load((root / CLAUSE).read_text()), default=str))
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)
    ]


@pytest.mark.parametrize("case", CASES)
def test_the_schema_and_check_agree(tmp_path: Path, case: str) -> None:
    old, new = CASES[case]
    assert old in BASE, old
    root = write_project(tmp_path / "p", {CLAUSE: BASE.replace(old, new, 1)})
    refused = [p.text() for p in check(root) if p.path == CLAUSE and p.severity == "error"]
    schema = _schema_errors(root)
    assert bool(refused) == bool(schema), f"check: {refused}\nschema: {schema}"
    accepted = ("valid", "url-with-a-port", "title-with-line-breaks-around")
    assert bool(refused) == (case not in accepted), refused


PLATFORM = "analyses/initech-ml/platform.yml"
PLATFORM_BASE = (FIXTURES / "basic" / PLATFORM).read_text(encoding="utf-8")
SILENT = (
    "not_addressed:\n  - topic: {topic}\n    documents: [service-terms]\n"
    "    note: Nothing on it.\n    reviewed: 2026-01-10\n"
)
PLATFORM_CASES: dict[str, tuple[str, bool]] = {
    # name → (the platform file, whether both must accept it)
    "valid": (PLATFORM_BASE, True),
    "topic-not-addressed": (PLATFORM_BASE + SILENT.format(topic="output-ownership"), True),
    "unknown-topic-not-addressed": (PLATFORM_BASE + SILENT.format(topic="output-owner"), False),
    "http-website": (PLATFORM_BASE.replace("website: https:", "website: http:"), False),
    "blank-name": (PLATFORM_BASE.replace("name: Initech ML", 'name: " "'), False),
    "bad-document-type": (PLATFORM_BASE.replace("type: service-terms", "type: terms"), False),
}


@pytest.mark.parametrize("case", PLATFORM_CASES)
def test_the_platform_schema_and_check_agree(tmp_path: Path, case: str) -> None:
    text, valid = PLATFORM_CASES[case]
    root = write_project(tmp_path / "p", {PLATFORM: text})
    refused = [p.text() for p in check(root) if p.path == PLATFORM and p.severity == "error"]
    validator = jsonschema.Draft202012Validator(
        json.loads(expected_schemas(root)["platform.schema.json"]),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    data = json.loads(json.dumps(YAML(typ="safe").load(text), default=str))
    schema = [e.message for e in validator.iter_errors(data)]
    assert bool(refused) == bool(schema), f"check: {refused}\nschema: {schema}"
    assert not refused if valid else refused
