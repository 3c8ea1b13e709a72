"""Jurisdictions index and one page per jurisdiction: every analysis flagged for it."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from itertools import groupby
from typing import Any

from generator.model import routes
from generator.model.authoring import Jurisdiction, slug
from generator.model.index import Index
from generator.settings import Settings
from generator.site.page import WIDE, Page


def pages(index: Index, settings: Settings) -> Iterator[Page]:
    yield Page(
        routes.JURISDICTIONS,
        "jurisdictions.md.j2",
        partial(_index_context, index),
        "analyses/jurisdictions.yml",
    )
    for j in index.jurisdictions:
        yield Page(
            routes.jurisdiction(j.code),
            "jurisdiction.md.j2",
            partial(_context, index, j),
            "analyses/jurisdictions.yml",
            front=WIDE,
        )


def _index_context(index: Index) -> dict[str, Any]:
    return {
        "rows": [
            (j, slug(j.code), index.by_jurisdiction.get(slug(j.code), ()))
            for j in index.jurisdictions
        ]
    }


def _context(index: Index, j: Jurisdiction) -> dict[str, Any]:
    clauses = index.by_jurisdiction.get(slug(j.code), ())
    by_platform = [(p, tuple(cs)) for p, cs in groupby(clauses, key=lambda c: c.platform)]
    notes = {c.key: next(f.note for f in c.data.jurisdictions if f.code == j.code) for c in clauses}
    return {
        "jurisdiction": j,
        "by_platform": by_platform,
        "notes": notes,
        "count": len(clauses),
    }
