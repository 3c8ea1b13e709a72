"""The changes page: the newest dated changes of analyses and documents, newest first, by
month, then by day, then by kind: new analyses, revised analyses, document changes (a new
archived version links its diff page).

Changes of one day and kind with the same words (a batch of "First analysis" entries) are one
line listing their subjects, not one line each. A small script (changes.js) adds a filter by
kind; without it every change is listed.

It lists the newest LATEST changes and says how many older ones it leaves out: at 10,000
analyses the whole history is some 21,000 changes, a 6.6 MB page that a phone loads slowly.
The full history of each analysis is on its page and in the JSON API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from itertools import groupby
from typing import Any

from generator.model import routes
from generator.model.changes import ChangeEntry
from generator.model.index import Index
from generator.settings import Settings
from generator.site.page import Page

LATEST = 1000  # changes listed; the page counts the older ones
KINDS = (
    ("new", "New analyses"),
    ("revised", "Revised analyses"),
    ("document", "Document changes"),
)


@dataclass(frozen=True)
class Line:
    """Changes of one day and kind with the same summary."""

    kind: str
    summary: str
    entries: tuple[ChangeEntry, ...]


@dataclass(frozen=True)
class Day:
    date: dt.date
    lines: tuple[Line, ...]  # in KINDS order

    @property
    def kinds(self) -> str:
        return " ".join(sorted({line.kind for line in self.lines}))


def pages(index: Index, settings: Settings) -> Iterator[Page]:
    yield Page(routes.CHANGES, "changes.md.j2", partial(_context, index), "analyses/")


def _day(date: dt.date, entries: list[ChangeEntry]) -> Day:
    order = {kind: i for i, (kind, _) in enumerate(KINDS)}
    lines: dict[tuple[str, str], list[ChangeEntry]] = {}
    for e in sorted(entries, key=lambda e: order[e.kind]):  # stable: the index's order within
        lines.setdefault((e.kind, e.summary), []).append(e)
    return Day(date, tuple(Line(k, s, tuple(es)) for (k, s), es in lines.items()))


def _context(index: Index) -> dict[str, Any]:
    latest = index.changes[:LATEST]
    days = [_day(date, list(entries)) for date, entries in groupby(latest, key=lambda e: e.date)]
    by_month = [
        (month, tuple(group))
        for month, group in groupby(days, key=lambda d: d.date.strftime("%B %Y"))
    ]
    return {
        "by_month": by_month,
        "older": len(index.changes) - len(latest),
        "listed": len(latest),
        "kinds": KINDS,
        "labels": dict(KINDS),
    }
