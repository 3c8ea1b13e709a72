"""Excerpt verification against archived copies of documents, from `check` to the page."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator import passages, sources
from generator.build import check
from generator.cli import main
from tests.conftest import FIXTURES, write_project
from tests.htmltext import read

SOURCES = "analyses/acme-cloud/sources/service-terms/"
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
        sources.normalise("\u201cA\u201d \u2014\n\u2018b\u2019\u00a0\ufb01ne\u00ad  x")
        == "\"A\" - 'b' fine x"
    )


def test_closest_passage_is_found_in_a_long_document() -> None:
    text = sources.normalise(
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
    return write_project(
        tmp_path / "p", {SOURCES + "2026-01-10.txt": COPY, CLAUSE: text.replace(old, QUOTED)}
    )


def test_excerpt_found_despite_copy_style(tmp_path: Path) -> None:
    assert problems(with_copy(tmp_path)) == []


def test_excerpt_not_in_any_copy_shows_the_closest_passage(tmp_path: Path) -> None:
    root = write_project(
        tmp_path / "p",
        {
            SOURCES + "2025-06-01.txt": "Old terms.\n",
            SOURCES + "2026-01-10.txt": COPY.replace("will not use", "may use"),
        },
    )
    found = [p for p in check(root) if p.path == CLAUSE]
    assert [(p.path, p.line, p.col, p.rule) for p in found] == [
        (CLAUSE, 11, 9, "excerpt-not-in-source")
    ]
    assert found[0].message == (
        f"the excerpt does not occur in {SOURCES}2026-01-10.txt (nor in 1 older copies)"
    )
    assert '"We may use Customer Content to train models except as you permit."' in found[0].hint


def test_bad_copies_and_unknown_documents_are_errors(tmp_path: Path) -> None:
    root = write_project(
        tmp_path / "p",
        {
            SOURCES + "latest.txt": COPY,
            "analyses/acme-cloud/sources/service-term/2026-01-10.txt": COPY,
        },
    )
    (root / SOURCES / "2026-01-11.txt").write_bytes(b"caf\xe9")
    assert [p for p in problems(root) if p[3] != "excerpt-not-in-source"] == [
        ("analyses/acme-cloud/sources/service-term", 1, 1, "dangling-reference"),
        (SOURCES + "2026-01-11.txt", 1, 1, "source-copy"),
        (SOURCES + "latest.txt", 1, 1, "source-copy"),
    ]


@pytest.mark.e2e
def test_clause_page_shows_the_verification(tmp_path: Path) -> None:
    root = with_copy(tmp_path)
    assert main(["build", str(root)]) == 0
    sha = hashlib.sha256((root / SOURCES / "2026-01-10.txt").read_bytes()).hexdigest()
    text, _ = read(
        (root / "site/platforms/acme-cloud/customer-data-training/index.html").read_text(
            encoding="utf-8"
        )
    )
    assert (
        f"Verified against the archived copy of 10 January 2026: "
        f"{SOURCES}2026-01-10.txt , SHA-256 {sha}"
    ) in text  # read() spaces out <code>
    other, _ = read(
        (root / "site/platforms/globex-ai/outputs/index.html").read_text(encoding="utf-8")
    )
    assert "Verified against" not in other
