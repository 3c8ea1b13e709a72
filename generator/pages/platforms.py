"""Platforms index and one page per platform: documents, analyses grouped by document."""

from __future__ import annotations

from collections.abc import Iterator

from generator import charts
from generator.index import Index, document_last_change
from generator.pages import Page
from generator.settings import Settings


def pages(index: Index, settings: Settings) -> Iterator[Page]:
    rows = [
        (p, index.by_platform.get(p.id, ()), index.rating_counts(index.by_platform.get(p.id, ())))
        for p in index.platforms
    ]
    yield Page("platforms/index.md", "platforms.md.j2", {"rows": rows}, "analyses/")
    for p in index.platforms:
        clauses = index.by_platform.get(p.id, ())
        yield Page(
            p.path,
            "platform.md.j2",
            {
                "platform": p,
                "documents": [(d, document_last_change(d), cs) for d, cs in index.by_document(p)],
                "ratings": index.rating_counts(clauses),
                "count": len(clauses),
                "chart": charts.rating_distribution(
                    "cb-chart-platform", index.rating_counts(clauses), f"{p.data.name} analyses"
                ),
            },
            p.rel,
        )
