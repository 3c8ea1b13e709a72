"""A document's `source` in platform.yml: OTA or fetch, checked like every other field."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from generator.export.schema import expected_schemas
from generator.pipeline import check
from tests.conftest import write_project

PLATFORM = "analyses/acme-cloud/platform.yml"
HEAD = """\
name: Acme Cloud
vendor: Acme Corporation
website: https://acme-cloud.example/
description: A fictional platform used by the Clausebook test suite.
documents:
  - id: service-terms
    title: Acme Cloud Service Terms
    url: https://acme-cloud.example/terms
    type: service-terms
"""
OTA = """\
    source:
      ota:
        repository: OpenTermsArchive/contrib-versions
        service: Acme Cloud
        terms_type: Terms of Service
"""
FETCH = """\
    source:
      fetch: https://acme-cloud.example/terms
      select: main
      remove: [".cookie-banner", nav]
"""


def problems(tmp_path: Path, source: str) -> list[tuple[int, int, str, str]]:
    root = write_project(tmp_path / "p", {PLATFORM: HEAD + source})
    return [(p.line, p.col, p.rule, p.message) for p in check(root) if p.path == PLATFORM]


@pytest.mark.parametrize("source", [OTA, FETCH], ids=["ota", "fetch"])
def test_a_declared_source_is_accepted(tmp_path: Path, source: str) -> None:
    assert problems(tmp_path, source) == []


def test_both_origins_are_one_too_many(tmp_path: Path) -> None:
    both = OTA + "      fetch: https://acme-cloud.example/terms\n"
    assert problems(tmp_path, both) == [
        (
            11,
            7,
            "invalid-value",
            "the first document's source: holds both 'ota' and 'fetch'; "
            "a document's versions come from one",
        )
    ]


def test_an_empty_source_names_what_it_needs(tmp_path: Path) -> None:
    found = problems(tmp_path, "    source: {}\n")
    assert [(line, col, rule) for line, col, rule, _ in found] == [(10, 13, "invalid-value")]
    assert "needs 'ota'" in found[0][3]


def test_selectors_belong_to_a_fetch(tmp_path: Path) -> None:
    found = problems(tmp_path, OTA + "      select: main\n")
    assert [(line, col, rule) for line, col, rule, _ in found] == [(11, 7, "invalid-value")]
    assert "'select' and 'remove' belong to a 'fetch' source" in found[0][3]


def test_a_misspelt_key_gets_a_suggestion(tmp_path: Path) -> None:
    found = problems(tmp_path, FETCH.replace("select:", "selct:"))
    assert [(line, col, rule) for line, col, rule, _ in found] == [(12, 7, "unknown-key")]
    assert "did you mean 'select'?" in found[0][3]


def test_a_css_selector_that_does_not_parse_is_pointed_at(tmp_path: Path) -> None:
    found = problems(tmp_path, FETCH.replace('".cookie-banner"', '"div[class"'))
    assert [(line, col, rule) for line, col, rule, _ in found] == [(13, 16, "invalid-value")]
    assert "'div[class' is not a CSS selector: Malformed attribute selector" in found[0][3]


def test_a_pseudo_element_is_no_selector_of_elements(tmp_path: Path) -> None:
    found = problems(tmp_path, FETCH.replace("select: main", "select: p::before"))
    assert [(line, col, rule) for line, col, rule, _ in found] == [(12, 15, "invalid-value")]


def test_selectors_of_the_wrong_type(tmp_path: Path) -> None:
    found = problems(tmp_path, FETCH.replace('[".cookie-banner", nav]', "5"))
    assert [(line, col, rule) for line, col, rule, _ in found] == [(13, 15, "wrong-type")]


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("OpenTermsArchive/contrib-versions", "contrib-versions", (12, 21)),
        ("OpenTermsArchive/contrib-versions", "a/../b", (12, 21)),
        ("service: Acme Cloud", "service: ../Acme", (13, 18)),
        ("terms_type: Terms of Service", "terms_type: Terms/of Service", (14, 21)),
        ("terms_type: Terms of Service", "terms_type: '-Terms'", (14, 21)),
    ],
)
def test_ota_names_are_one_safe_path_segment(
    tmp_path: Path, old: str, new: str, where: tuple[int, int]
) -> None:
    found = problems(tmp_path, OTA.replace(old, new))
    assert [(line, col, rule) for line, col, rule, _ in found] == [(*where, "invalid-value")]


def test_a_fetch_url_must_be_http(tmp_path: Path) -> None:
    found = problems(tmp_path, FETCH.replace("https://acme-cloud.example/terms", "file:///etc/x"))
    assert [(line, col, rule) for line, col, rule, _ in found] == [(11, 14, "bad-url")]


def test_the_json_schema_says_the_same() -> None:
    schema = json.loads(expected_schemas()["platform.schema.json"])
    source = schema["$defs"]["Source"]
    ota = {"repository": "OpenTermsArchive/GenAI-versions", "service": "DALL·E", "terms_type": "x"}
    jsonschema.validate({"ota": ota}, source | {"$defs": schema["$defs"]})
    jsonschema.validate(
        {"fetch": "https://a.example/", "select": "main", "remove": ["nav"]},
        source | {"$defs": schema["$defs"]},
    )
    for bad in ({}, {"ota": ota, "fetch": "https://a.example/"}, {"ota": ota, "select": "main"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, source | {"$defs": schema["$defs"]})
