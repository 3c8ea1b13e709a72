"""The changes page: the newest dated changes of clauses and documents, newest first.

It lists the newest LATEST changes and says how many older ones it leaves out: at 10,000
analyses the whole history is some 21,000 changes, a 6.6 MB page that a phone loads slowly.
The full history of each analysis is on its page and in the JSON API."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from itertools import groupby
from typing import Any

from generator.model import routes
from generator.model.index import Index
from generator.settings import Settings
from generator.site.page import Page

LATEST = 1000  # changes listed; the page counts the older ones


def pages(index: Index, settings: Settings) -> Iterator[Page]:
    yield Page(routes.CHANGES, "changes.md.j2", partial(_context, index), "analyses/")


def _context(index: Index) -> dict[str, Any]:
    latest = index.changes[:LATEST]
    by_month = [
        (month, tuple(entries))
        for month, entries in groupby(latest, key=lambda e: e.date.strftime("%B %Y"))
    ]
    return {"by_month": by_month, "older": len(index.changes) - len(latest)}
