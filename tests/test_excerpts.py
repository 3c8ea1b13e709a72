"""Excerpt verification against archived copies of documents, from `check` to the page."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.check import load_corpus, matching, passages
from generator.cli import main
from generator.pipeline import check
from tests.conftest import FIXTURES, write_archive, write_project
from tests.htmltext import read

SOURCES = "analyses/acme-cloud/sources/service-terms/"
DOCUMENT = "acme-cloud/service-terms"
# The terms as a browser copy gives them: curly quotes, a line break mid-sentence, an en dash,
# a non-breaking space.
COPY = (
    "4.1 Scope \u2013 these terms apply to all services.\n\n"
    "4.2 Training. We will not use Customer\u00a0Content to train\n"
    "models except as you permit. The \u201cService\u201d is provided \u2013 as is.\n\n"
    "4.3 Outputs belong to you.\n"
)
CLAUSE = "analyses/acme-cloud/customer-data-training.yml"
QUOTED = (
    '"We will not use Customer Content to train models except as you permit. The '
    '\\"Service\\" is provided - as is."'
)


def problems(root: Path) -> list[tuple[str, int, int, str]]:
    return [(p.path, p.line, p.col, p.rule) for p in check(root)]


def test_normalise_ignores_whitespace_quotes_dashes_and_ligatures() -> None:
    assert (
        matching.normalise("\u201cA\u201d \u2014\n\u2018b\u2019\u00a0\ufb01ne\u00ad  x")
        == "\"A\" - 'b' fine x"
    )


def test_closest_passage_is_found_in_a_long_document() -> None:
    text = matching.normalise(
        " ".join(f"Clause {i} says nothing in particular." for i in range(3000))
        + " Customer Content is never used to train models. "
        + "Filler. " * 3000
    )
    found = passages.closest(text, "Customer Content is never used to train our models.")
    assert found is not None
    assert (found.alike, found.compared) == (8, 9)
    assert "Customer Content is never used to train models." in found.text
    assert (found.at, found.excerpt, found.archive) == (
        8,
        "…never used to train our models.",
        "…never used to train models. Filler. Filler. Filler. Filler.…",
    )


def with_copy(tmp_path: Path) -> Path:
    """Both acme-cloud analyses quote service-terms; one with straight quotes and a hyphen."""
    text = (FIXTURES / "basic" / CLAUSE).read_text(encoding="utf-8")
    old = '"We will not use Customer Content to train models except as you permit."'
    assert old in text
    root = write_project(tmp_path / "p", {CLAUSE: text.replace(old, QUOTED)})
    write_archive(root, DOCUMENT, [("2026-01-10", COPY)])
    return root


def test_excerpt_found_despite_copy_style(tmp_path: Path) -> None:
    assert problems(with_copy(tmp_path)) == []


def test_excerpt_found_through_the_archives_markdown(tmp_path: Path) -> None:
    """Open Terms Archive keeps a document's Markdown: emphasis, links, escapes, bullets."""
    root = write_project(tmp_path / "p", {})
    markdown = (
        "Terms\n=====\n\n4\\. **Training.** We will not use [Customer Content]"
        "(https://acme.example/defs) to train\nmodels except as you _permit_.\n"
    )
    write_archive(root, DOCUMENT, [("2026-01-10", markdown)])
    assert problems(root) == []


def test_excerpt_not_in_any_version_shows_the_closest_passage(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {})
    write_archive(
        root,
        DOCUMENT,
        [("2025-06-01", "Old terms.\n"), ("2026-01-10", COPY.replace("will not use", "may use"))],
    )
    found = [p for p in check(root) if p.path == CLAUSE]
    assert [(p.path, p.line, p.col, p.rule) for p in found] == [
        (CLAUSE, 11, 9, "excerpt-not-in-source")
    ]
    assert found[0].message == (
        f"the excerpt does not occur in {SOURCES}2026-01-10.md (nor in 1 older versions)"
    )
    assert '"We may use Customer Content to train models except as you permit."' in found[0].hint


def test_an_excerpt_gone_from_the_newest_version_is_outdated_not_an_error(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {})
    write_archive(
        root,
        DOCUMENT,
        [
            ("2025-06-01", COPY),
            ("2025-09-01", COPY + "\n4.4 A new clause.\n"),
            ("2026-01-10", COPY.replace("will not use", "may use")),
        ],
    )
    found = [p for p in check(root) if p.path == CLAUSE]
    assert [(p.line, p.col, p.rule, p.severity) for p in found] == [
        (11, 9, "excerpt-outdated", "warning")
    ]
    assert found[0].message == (
        "the quoted text changed on 2026-01-10: it is in the version of 2025-09-01 but not in "
        "2026-01-10.md nor any later version"
    )
    assert "We may use Customer Content" in found[0].hint


def test_a_newer_partial_copy_counts_and_says_so(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {})
    write_archive(
        root,
        DOCUMENT,
        [("2025-06-01", "Old terms, complete.\n"), ("2026-01-10", COPY)],
        partial={"2026-01-10": "only section 4 was copied"},
    )
    corpus, found = load_corpus(root)
    assert [p for p in found if p.path == CLAUSE] == []
    verified = corpus.verified[CLAUSE]
    assert (verified.state, verified.complete, str(verified.version.date)) == (
        "current",
        False,
        "2026-01-10",
    )


def test_unknown_documents_are_errors(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {})
    write_archive(root, "acme-cloud/service-terms", [("2026-01-10", COPY)])
    (root / "analyses/acme-cloud/sources/service-terms").rename(
        root / "analyses/acme-cloud/sources/service-term"
    )
    assert [p for p in problems(root) if p[3] == "dangling-reference"] == [
        ("analyses/acme-cloud/sources/service-term", 1, 1, "dangling-reference"),
    ]


@pytest.mark.e2e
def test_clause_page_shows_the_verification(tmp_path: Path) -> None:
    root = with_copy(tmp_path)
    assert main(["build", str(root)]) == 0
    sha = hashlib.sha256((root / SOURCES / "2026-01-10.md").read_bytes()).hexdigest()
    text, _ = read(
        (root / "site/platforms/acme-cloud/customer-data-training/index.html").read_text(
            encoding="utf-8"
        )
    )
    assert (
        "Verified against the complete archived version of 10 January 2026 (copied by hand). "
        f"File {SOURCES}2026-01-10.md , SHA-256 {sha}"
    ) in text  # read() spaces out <code>
    other, _ = read(
        (root / "site/platforms/globex-ai/outputs/index.html").read_text(encoding="utf-8")
    )
    assert "Verified against" not in other
    assert "Not verified: no archived copy of this document is held." in other
