"""The changes page: every dated change of a clause or a document, newest first."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from itertools import groupby
from typing import Any

from generator.index import Index
from generator.pages import Page
from generator.settings import Settings


def pages(index: Index, settings: Settings) -> Iterator[Page]:
    yield Page("changes.md", "changes.md.j2", partial(_context, index), "analyses/")


def _context(index: Index) -> dict[str, Any]:
    by_month = [
        (month, tuple(entries))
        for month, entries in groupby(index.changes, key=lambda e: e.date.strftime("%B %Y"))
    ]
    return {"by_month": by_month}
