"""The compare, explore and changes pages' contexts, and their Markdown, from the basic fixture
corpus (no MkDocs: the browser tests drive the built pages)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.check import load_corpus
from generator.model.index import Index, build_index
from generator.pipeline import generate
from generator.site import markup
from generator.site.pages import changes, compare, explore
from tests.conftest import FIXTURES, write_project


@pytest.fixture(scope="module")
def index() -> Index:
    corpus, problems = load_corpus(FIXTURES / "basic")
    assert not [p for p in problems if p.severity == "error"]
    return build_index(corpus)


def test_matrix_has_a_cell_per_platform_and_topic(index: Index) -> None:
    rows = compare.matrix(index)
    assert [r.platform.id for r in rows] == ["acme-cloud", "globex-ai", "initech-ml"]
    assert [t.id for t in index.topics] == ["output-ownership", "customer-data-training"]
    assert [[[c.key for c in cell.clauses] for cell in r.cells] for r in rows] == [
        [["acme-cloud/output-ownership"], ["acme-cloud/customer-data-training"]],
        [["globex-ai/outputs"], ["globex-ai/training-on-prompts"]],
        [[], []],  # a draft is not published
    ]
    assert [[cell.rank for cell in r.cells] for r in rows] == [[2, 1], [1, 3], [0, 0]]


def test_a_cell_ranks_by_its_most_exposed_clause(index: Index) -> None:
    low, high = (
        index.by_key["acme-cloud/customer-data-training"],
        index.by_key["globex-ai/training-on-prompts"],
    )
    assert compare.Cell((low, high)).rank == 3
    assert compare.Cell(()).rank == 0


def test_explorer_facets_count_published_analyses(index: Index) -> None:
    facets = {f.param: f.options for f in explore.facets(index)}
    assert facets["platform"] == (("acme-cloud", "Acme Cloud", 2), ("globex-ai", "Globex AI", 2))
    assert facets["rating"] == (("high", "High", 1), ("medium", "Medium", 1), ("low", "Low", 2))
    assert facets["jurisdiction"] == (
        ("eu", "European Union (EU)", 4),
        ("us-ca", "California (US-CA)", 1),
    )
    entries = {e.clause.key: e.jurisdictions for e in explore.entries(index)}
    assert entries["globex-ai/training-on-prompts"] == "eu us-ca"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Plain *emphasis* and [a link](https://x.example/) `code`.",
            "Plain emphasis and a link code.",
        ),
        ("word " * 60, ("word " * 31).strip() + "…"),
        ("  spaced\n\nout  ", "spaced out"),
    ],
)
def test_snippet_is_plain_and_cut_at_a_word(text: str, expected: str) -> None:
    assert markup.snippet(text) == expected
    assert len(markup.snippet(text)) <= markup.SNIPPET_CHARS


def test_authored_text_in_the_explorer_and_matrix_is_inert(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {})
    clause = root / "analyses/acme-cloud/output-ownership.yml"
    text = clause.read_text(encoding="utf-8")
    clause.write_text(
        text.replace(
            "title: Ownership of generated output",
            'title: "<img src=x onerror=alert(1)> {{ 7*7 }}"',
        ),
        encoding="utf-8",
    )
    generate(root)
    for page in ("explore/index.md", "compare/index.md"):
        markdown = (root / "build/docs" / page).read_text(encoding="utf-8")
        assert "<img" not in markdown and "{{" not in markdown, page
        assert "&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62;" in markdown, page


def test_explorer_is_left_out_of_the_search_index(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {})
    generate(root)
    front = (root / "build/docs/explore/index.md").read_text(encoding="utf-8").split("---")[1]
    assert "search: {exclude: true}" in front


def _listed(page: str) -> list[str]:
    """The links of the changes listed: one per change."""
    lines = [line for line in page.splitlines() if line.startswith('<li class="cb-change"')]
    return [link for line in lines for link in re.findall(r'<a href="[^"]*">', line)]


def test_changes_page_lists_the_newest_changes_and_counts_the_rest(
    tmp_path: Path, index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_project(tmp_path / "p", {})
    generate(root)
    whole = (root / "build/docs/changes/index.md").read_text(encoding="utf-8")
    assert len(_listed(whole)) == len(index.changes) and "older changes" not in whole
    monkeypatch.setattr(changes, "LATEST", 2)
    generate(root)
    capped = (root / "build/docs/changes/index.md").read_text(encoding="utf-8")
    assert len(_listed(capped)) == 2
    assert f"**{len(index.changes) - 2}** older changes are not listed here" in capped
    assert _listed(capped) == _listed(whole)[:2]


def test_changes_of_one_day_kind_and_words_are_one_line(tmp_path: Path) -> None:
    """The basic fixture's published "First analysis of this clause." entries of 1 February 2025
    are one line of new analyses, not four lines (the fifth is a draft's)."""
    root = write_project(tmp_path / "p", {})
    generate(root)
    page = (root / "build/docs/changes/index.md").read_text(encoding="utf-8")
    first = [line for line in page.splitlines() if "First analysis of this clause" in line]
    assert len(first) == 1
    assert first[0].startswith(
        '<li class="cb-change" data-kind="new">'
        '<span class="cb-change__kind">New analyses</span> (4)'
    )
    assert len(re.findall("<a href", first[0])) == 4
    revised = [line for line in page.splitlines() if 'data-kind="revised"' in line]
    assert revised and all("Re&#45;read after the terms update" in line for line in revised)
    # the filter is there for the script to show; without it, every change is listed
    assert '<form class="cb-filters cb-change-filter" data-cb-changes-filter hidden>' in page
