"""A quoted sentence removed from a document, end to end: a git-free archive of three versions
in a fixture project, `check`, a real MkDocs build, the clause page, the diff page, the text
page, the JSON API and the feeds."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest

from generator.cli import main
from generator.pipeline import check
from tests.conftest import write_archive, write_project
from tests.htmltext import read

pytestmark = pytest.mark.e2e

CLAUSE = "analyses/acme-cloud/customer-data-training.yml"
OTHER = "analyses/acme-cloud/output-ownership.yml"
QUOTED = "We will not use Customer Content to train models except as you permit."
V1 = (
    "# Acme Cloud Service Terms\n\n4.1 Scope: these terms apply to all services.\n\n"
    f"4.2 Training. {QUOTED}\n\n4.3 Outputs belong to you.\n"
)
V2 = V1 + "\n4.4 Support is provided by email.\n"
V3 = V2.replace(QUOTED, "We may use Customer Content to improve our models.")
DIFF = "platforms/acme-cloud/documents/service-terms/2026-03-01/"
TEXT = "platforms/acme-cloud/documents/service-terms/text/"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("stale") / "project"
    other = (Path(__file__).parent / "fixtures/basic" / OTHER).read_text(encoding="utf-8")
    write_project(root, {OTHER: other.replace(f'"{QUOTED}"', '"Outputs belong to you."')})
    write_archive(
        root,
        "acme-cloud/service-terms",
        [("2025-06-01", V1), ("2025-09-01", V2), ("2026-03-01", V3)],
    )
    return root


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    assert main(["build", str(project)]) == 0  # a warning does not block publishing
    return project / "site"


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_check_reports_the_excerpt_outdated(project: Path) -> None:
    found = [
        (p.path, p.rule, p.severity, p.message) for p in check(project) if p.path in (CLAUSE, OTHER)
    ]
    assert found == [
        (
            CLAUSE,
            "excerpt-outdated",
            "warning",
            "the quoted text changed on 2026-03-01: it is in the version of 2025-09-01 but not "
            "in 2026-03-01.md nor any later version",
        )
    ]


def test_the_clause_page_carries_the_notice_and_links_the_diff(site: Path) -> None:
    html = page(site, "platforms/acme-cloud/customer-data-training/")
    text = read(html)[0]
    assert "The quoted text changed on 1 March 2026; this analysis is under review." in text
    assert (
        '<a href="../documents/service-terms/2026-03-01/">See what changed on 1 March 2026</a>'
        in html
    )
    assert (
        "Verified against the complete archived version of 1 September 2025, unchanged since "
        "1 June 2025"
    ) in text


def test_the_current_quote_is_marked_in_the_text_and_linked_both_ways(site: Path) -> None:
    clause = page(site, "platforms/acme-cloud/output-ownership/")
    assert '<a href="../documents/service-terms/text/#excerpt-output-ownership">' in clause.replace(
        "&#45;", "-"
    )
    assert "The quoted text changed" not in read(clause)[0]
    text = page(site, TEXT).replace("&#45;", "-")
    assert '<mark id="excerpt-output-ownership">Outputs belong to you.</mark>' in text
    assert '<a class="cb-excerpt-link" href="../../../output-ownership/">' in text
    assert 'id="excerpt-customer-data-training"' not in text  # not in the newest version


def test_the_diff_page_shows_the_removed_sentence(site: Path) -> None:
    html = page(site, DIFF)
    assert "<del>" in html and "<ins>" in html
    words = " ".join(read(html)[0].split())
    assert (
        "4.2 Training. We deleted: \u2212 will not inserted: + may use Customer Content to "
        "deleted: \u2212 train models except as you permit inserted: + improve our models ."
    ) in words
    assert "This change removed text that analyses quote" in words


def test_the_api_carries_the_excerpt_state(site: Path) -> None:
    doc = json.loads((site / "api/v1/analyses.json").read_text(encoding="utf-8"))
    states = {a["id"]: a["excerpt_state"] for a in doc["analyses"]}
    stale = states["acme-cloud/customer-data-training"]
    assert (stale["state"], stale["archive"], stale["version"], stale["changed"]) == (
        "outdated",
        "complete",
        "2025-09-01",
        "2026-03-01",
    )
    assert stale["diff_url"].endswith("/" + DIFF)
    assert states["acme-cloud/output-ownership"]["state"] == "current"
    assert states["acme-cloud/output-ownership"]["unchanged_since"] == "2025-06-01"
    platform = json.loads((site / "api/v1/platforms/acme-cloud.json").read_text(encoding="utf-8"))
    by_id = {a["id"]: a for a in platform["analyses"]}
    assert by_id["acme-cloud/customer-data-training"]["excerpt_state"] == stale


@pytest.mark.parametrize(
    "feed", ["feed.xml", "feed-documents.xml", "platforms/acme-cloud/feed.xml"]
)
def test_the_feeds_carry_the_document_change_linking_its_diff(site: Path, feed: str) -> None:
    parsed = feedparser.parse((site / feed).read_bytes())
    changes = [e for e in parsed.entries if e.link.endswith("/" + DIFF)]
    assert len(changes) == 1
    assert {"document"} == {t.term for t in changes[0].tags}
    assert "changed the text quoted by 1 analysis" in changes[0].summary
    if feed == "feed-documents.xml":
        assert all(t.term == "document" for e in parsed.entries for t in e.tags)


def test_the_platform_page_links_the_documents_versions(site: Path) -> None:
    html = page(site, "platforms/acme-cloud/")
    assert '<a href="documents/service-terms/">archived versions</a>' in html
    versions = read(page(site, "platforms/acme-cloud/documents/service-terms/"))[0]
    assert "3 archived versions, from 1 June 2025 to 1 March 2026." in versions
    assert "1 March 2026 · changes" in " ".join(versions.split())


def test_a_quote_only_in_a_newer_partial_copy_is_not_linked_into_the_text(
    tmp_path: Path,
) -> None:
    """The text page shows the newest complete version: a quote found only in a partial copy
    newer than it would be a link to nothing there."""
    from generator.pipeline import generate

    root = write_project(tmp_path / "p", {})
    write_archive(
        root,
        "acme-cloud/service-terms",
        [("2025-06-01", "Old terms without it.\n"), ("2025-09-01", V1)],
        partial={"2025-09-01": "only section 4 was copied"},
    )
    generate(root)
    md = (root / "build/docs/platforms/acme-cloud/customer-data-training/index.md").read_text()
    assert "Found in the partial archived version of 1 September 2025" in md
    assert "The quoted text changed" not in md  # current: the partial copy is newer
    assert "Read the quote in the archived text" not in md
    assert ">Every archived version of Acme Cloud Service Terms</a>" in md
