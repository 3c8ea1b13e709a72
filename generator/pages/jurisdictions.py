"""Jurisdictions index and one page per jurisdiction: every analysis flagged for it."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from generator.index import Index
from generator.model import slug
from generator.pages import Page
from generator.settings import Settings


def pages(index: Index, settings: Settings) -> Iterator[Page]:
    rows = [
        (j, slug(j.code), index.by_jurisdiction.get(slug(j.code), ())) for j in index.jurisdictions
    ]
    yield Page(
        "jurisdictions/index.md",
        "jurisdictions.md.j2",
        {"rows": rows},
        "analyses/jurisdictions.yml",
    )
    for j, code, clauses in rows:
        by_platform = [(p, tuple(cs)) for p, cs in groupby(clauses, key=lambda c: c.platform)]
        notes = {
            c.key: next(f.note for f in c.data.jurisdictions if f.code == j.code) for c in clauses
        }
        yield Page(
            f"jurisdictions/{code}.md",
            "jurisdiction.md.j2",
            {
                "jurisdiction": j,
                "by_platform": by_platform,
                "notes": notes,
                "count": len(clauses),
            },
            "analyses/jurisdictions.yml",
        )
