"""export: the index → API JSON, schemas and Atom feeds, without MkDocs."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import jsonschema
import pytest

from generator.export import export, feeds, heads
from generator.model import routes
from generator.model.index import Index
from generator.pipeline import generate
from generator.settings import Settings
from tests.conftest import write_project

SITE = Settings(site_url="https://owner.github.io/repo/")

HOSTILE = """\
    title: "Hostile </script><script>alert(1)</script>"
    document: service-terms
    topic: output-ownership
    summary: "Ends a script </script><!-- and & an entity &amp; \\u2028 ]]> a CDATA end."
    impact: "<img src=x onerror=alert(1)>"
    excerpt:
      text: "{{ config }} {% raw %}"
      source_url: https://acme-cloud.example/terms
      retrieved: 2026-02-01
    regulatory_landscape: Some law.
    exposure:
      rating: high
      rationale: "</script>"
    contract_implications: Some implications.
    compliance_considerations: ["<b>bold</b>"]
    history:
      - date: 2026-02-01
        summary: "First </summary> & <entry> \\u2028 ]]>"
      - date: 2026-02-01
        summary: Same day, second change.
    faq:
      - question: "Does </script> end it?"
        answer: "No: <!-- -->"
    status: published
    reviewed: 2026-02-01
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    root = write_project(
        tmp_path_factory.mktemp("export") / "project", {"analyses/acme-cloud/hostile.yml": HOSTILE}
    )
    return generate(root, SITE).index


@pytest.fixture(scope="module")
def exported(index: Index) -> dict[str, bytes]:
    return export(index, SITE)


def test_every_api_file_validates_against_its_published_schema(exported: dict[str, bytes]) -> None:
    def schema(name: str) -> dict:
        return json.loads(exported[f"api/v1/schema/{name}"])

    jsonschema.validate(
        json.loads(exported["api/v1/analyses.json"]), schema("api-analyses.schema.json")
    )
    platforms = [p for p in exported if p.startswith("api/v1/platforms/")]
    assert platforms == [
        "api/v1/platforms/acme-cloud.json",
        "api/v1/platforms/globex-ai.json",
        "api/v1/platforms/initech-ml.json",
    ]
    for path in platforms:
        jsonschema.validate(json.loads(exported[path]), schema("api-platform.schema.json"))
    for name in ("analysis", "platform", "topics", "jurisdictions"):
        jsonschema.Draft202012Validator.check_schema(schema(f"{name}.schema.json"))


def test_a_schema_violation_is_caught(exported: dict[str, bytes]) -> None:
    doc = json.loads(exported["api/v1/analyses.json"])
    doc["analyses"][0]["rating"] = "severe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, json.loads(exported["api/v1/schema/api-analyses.schema.json"]))


def test_json_is_sorted_deterministic_and_ends_with_a_newline(
    tmp_path: Path, exported: dict[str, bytes]
) -> None:
    for path, data in exported.items():
        if path.endswith(".json"):
            assert data.endswith(b"\n"), path
            if path.startswith("api/v1/schema/"):  # indented for people, like analyses/schema
                continue
            assert (
                data.decode()
                == json.dumps(
                    json.loads(data), sort_keys=True, ensure_ascii=False, separators=(",", ":")
                )
                + "\n"
            )
    root = write_project(tmp_path / "again", {"analyses/acme-cloud/hostile.yml": HOSTILE})
    assert export(generate(root, SITE).index, SITE) == exported


def test_api_holds_raw_text_and_absolute_urls_but_no_drafts(exported: dict[str, bytes]) -> None:
    index = json.loads(exported["api/v1/analyses.json"])
    ids = [a["id"] for a in index["analyses"]]
    assert "initech-ml/model-improvement" not in ids  # a draft
    hostile = next(a for a in index["analyses"] if a["id"] == "acme-cloud/hostile")
    assert hostile["title"] == "Hostile </script><script>alert(1)</script>"
    assert hostile["url"] == "https://owner.github.io/repo/platforms/acme-cloud/hostile/"
    assert hostile["source"] == "analyses/acme-cloud/hostile.yml"
    assert index["updated"] == "2026-02-01"
    acme = json.loads(exported["api/v1/platforms/acme-cloud.json"])
    full = next(a for a in acme["analyses"] if a["id"] == "acme-cloud/hostile")
    assert full["excerpt"]["text"] == "{{ config }} {% raw %}"
    assert full["faq"] == [{"question": "Does </script> end it?", "answer": "No: <!-- -->"}]
    assert acme["platform"]["documents"][0]["id"] == "service-terms"
    assert {p["id"]: p["analyses"] for p in index["platforms"]} == {
        "acme-cloud": 3,
        "globex-ai": 2,
        "initech-ml": 0,
    }


def test_feeds_parse_and_escape_authored_text(exported: dict[str, bytes]) -> None:
    parsed = feedparser.parse(exported["feed.xml"])
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.updated == "2026-02-01T00:00:00Z"
    first = parsed.entries[0]
    assert first.title == "Acme Cloud: Hostile </script><script>alert(1)</script>"
    assert first.link == "https://owner.github.io/repo/platforms/acme-cloud/hostile/"
    summaries = {e.summary for e in parsed.entries}
    # U+0001 cannot be XML, and never reaches a feed: load refuses it (test_text_normalise.py).
    assert "First </summary> & <entry> \u2028 ]]>" in summaries
    assert "Terms first published." in summaries  # a document's history
    ids = [e.id for e in parsed.entries]
    assert len(ids) == len(set(ids))
    assert "tag:owner.github.io,2026-02-01:/repo/platforms/acme-cloud/hostile/history/2" in ids
    platform = feedparser.parse(exported["platforms/globex-ai/feed.xml"])
    assert not platform.bozo
    assert platform.entries and all("Globex AI" in e.title for e in platform.entries)


def test_feeds_have_what_rfc_4287_requires(exported: dict[str, bytes]) -> None:
    # feedparser forgives omissions; a strict reader does not.
    atom = "{http://www.w3.org/2005/Atom}"
    for path in [p for p in exported if p.endswith("feed.xml")]:
        feed = ET.fromstring(exported[path])
        assert feed.tag == f"{atom}feed"
        for tag in ("id", "title", "updated", "author"):
            assert len(feed.findall(atom + tag)) == 1, (path, tag)
        assert [
            link.get("href") for link in feed.findall(atom + "link") if link.get("rel") == "self"
        ] == [SITE.url(path)]
        for entry in feed.findall(atom + "entry"):
            for tag in ("id", "title", "updated", "summary"):
                assert len(entry.findall(atom + tag)) == 1, (path, tag)
            assert re.fullmatch(
                r"tag:[a-z0-9.-]+,\d{4}-\d\d-\d\d:/\S+", entry.findtext(atom + "id") or ""
            )
            assert re.fullmatch(
                r"\d{4}-\d\d-\d\dT00:00:00Z", entry.findtext(atom + "updated") or ""
            )
            (alternate,) = [x for x in entry.findall(atom + "link") if x.get("rel") == "alternate"]
            assert (alternate.get("href") or "").startswith(SITE.url())


def test_feeds_are_capped_at_the_newest_entries(
    index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(feeds, "SITE_ENTRIES", 2)
    monkeypatch.setattr(feeds, "PLATFORM_ENTRIES", 1)
    written = feeds.feeds(index, SITE)
    capped = feedparser.parse(written["feed.xml"])
    assert [e.updated for e in capped.entries] == ["2026-02-01T00:00:00Z"] * 2
    for p in index.platforms:
        mine = [e for e in index.changes if e.platform.id == p.id]
        parsed = feedparser.parse(written[routes.platform_feed(p.id)])
        assert len(parsed.entries) == min(1, len(mine))
        if mine:
            assert parsed.entries[0].id == feeds.entry_id(mine[0], SITE)
    assert any(sum(e.platform.id == p.id for e in index.changes) > 1 for p in index.platforms), (
        "the fixture should have a platform with more changes than the cap"
    )


def test_a_platform_without_changes_has_a_valid_empty_feed(index: Index) -> None:
    empty = feedparser.parse(feeds._feed("Empty", "x/feed.xml", "x/", [], SITE))
    assert not empty.bozo, empty.get("bozo_exception")
    assert empty.feed.updated == "1970-01-01T00:00:00Z" and empty.entries == []


def test_json_ld_cannot_end_its_script_element() -> None:
    text = heads.script_json({"a": "</script><!-- & -->"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!-- & -->"}
