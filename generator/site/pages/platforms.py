"""Platforms index and one page per platform: documents, analyses grouped by document."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from generator.model import routes
from generator.model.index import Index, PlatformEntry, document_last_change
from generator.settings import Settings
from generator.site import charts
from generator.site.page import Page


def pages(index: Index, settings: Settings) -> Iterator[Page]:
    yield Page(routes.PLATFORMS, "platforms.md.j2", partial(_index_context, index), "analyses/")
    for p in index.platforms:
        yield Page(p.path, "platform.md.j2", partial(_context, index, p), p.rel)


def _index_context(index: Index) -> dict[str, Any]:
    rows = [
        (p, index.by_platform.get(p.id, ()), index.rating_counts(index.by_platform.get(p.id, ())))
        for p in index.platforms
    ]
    return {"rows": rows}


def _context(index: Index, p: PlatformEntry) -> dict[str, Any]:
    clauses = index.by_platform.get(p.id, ())
    return {
        "platform": p,
        "documents": [(d, document_last_change(d), cs) for d, cs in index.by_document(p)],
        # documents with archived versions: the page of their versions
        "archived": {
            k.split("/", 1)[1]: d for k, d in index.sources.items() if d.platform_id == p.id
        },
        "ratings": index.rating_counts(clauses),
        "count": len(clauses),
        "chart": charts.rating_distribution(
            "cb-chart-platform", index.rating_counts(clauses), f"{p.data.name} analyses"
        ),
    }
