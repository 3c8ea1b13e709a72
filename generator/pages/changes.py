"""The changes page: every dated change of a clause or a document, newest first."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from generator.index import Index
from generator.pages import Page
from generator.settings import Settings


def pages(index: Index, settings: Settings) -> Iterator[Page]:
    by_month = [
        (month, tuple(entries))
        for month, entries in groupby(index.changes, key=lambda e: e.date.strftime("%B %Y"))
    ]
    yield Page("changes.md", "changes.md.j2", {"by_month": by_month}, "analyses/")
