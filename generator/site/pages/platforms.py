"""Platforms index and one page per platform: a summary first (counts by rating, the most
exposed analyses with their answers, the documents and their last change, coverage of the
topics), then every analysis by document. Printed, the summary is a one-page brief."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from generator.model import routes
from generator.model.changes import document_last_change
from generator.model.index import Coverage, Index, PlatformEntry, exposure_rank
from generator.scaffold import skeleton
from generator.settings import Settings
from generator.site import issues
from generator.site.page import WIDE, Page

HIGHLIGHTS = 5  # the platform's most exposed analyses, with their answers, at the top


def pages(index: Index, settings: Settings) -> Iterator[Page]:
    yield Page(routes.PLATFORMS, "platforms.md.j2", partial(_index_context, index), "analyses/")
    for p in index.platforms:
        yield Page(
            p.path, "platform.md.j2", partial(_context, index, settings, p), p.rel, front=WIDE
        )


def _index_context(index: Index) -> dict[str, Any]:
    rows = [
        (
            p,
            index.by_platform.get(p.id, ()),
            index.rating_counts(index.by_platform.get(p.id, ())),
            _coverage_counts(index.platform_coverage(p)),
        )
        for p in index.platforms
    ]
    return {"rows": rows, "topics": len(index.topics)}


def _coverage_counts(coverage: tuple[Coverage, ...]) -> dict[str, int]:
    counts = dict.fromkeys(("analysed", "not-addressed", "not-analysed"), 0)
    for cov in coverage:
        counts[cov.state] += 1
    return counts


def _context(index: Index, settings: Settings, p: PlatformEntry) -> dict[str, Any]:
    clauses = index.by_platform.get(p.id, ())
    by_document = index.by_document(p)
    exposed = sorted((c for c in clauses if c.rating != "low"), key=exposure_rank)
    coverage = index.platform_coverage(p)
    return {
        "platform": p,
        "documents": [(d, document_last_change(d), cs) for d, cs in by_document],
        # documents with archived versions: the page of their versions
        "archived": {
            k.split("/", 1)[1]: d for k, d in index.sources.items() if d.platform_id == p.id
        },
        # One table of every analysis, by document: rows of one kind in one table.
        "by_document": [c for _, cs in by_document for c in cs],
        "highest": exposed[:HIGHLIGHTS],
        "coverage": coverage,
        "covered": _coverage_counts(coverage),
        "topics": len(index.topics),
        "ratings": index.rating_counts(clauses),
        "count": len(clauses),
        "propose_url": issues.issue_url(
            settings.repo_url, issues.PROPOSE_ANALYSIS, f"Analysis: {p.data.name} - <topic>"
        ),
        # topic id → GitHub's "create a new file" page for each gap. The skeleton is on the
        # page once (`skeleton`), and assets/propose.js adds it to each link: in every link
        # it made platform pages 2.5 times as large (one copy a topic not analysed).
        "write_urls": {
            cov.topic.id: issues.new_file_url(
                settings.repo_url, settings.edit_branch, f"analyses/{p.id}/{cov.topic.id}.yml"
            )
            for cov in coverage
            if cov.state == "not-analysed"
        },
        "skeleton": issues.skeleton_value(skeleton(issues.TOPIC_SLOT)),
    }
