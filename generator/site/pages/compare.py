"""The comparison matrix: platforms by topics, each cell the exposure of that platform's
clause(s) on that topic.

Python decides every cell and every sort key; the template only formats and compare.js only
reorders rows by the keys written here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from markupsafe import Markup

from generator.model import routes
from generator.model.index import RATINGS, Clause, Index, PlatformEntry
from generator.settings import Settings
from generator.site import issues
from generator.site.page import Page


@dataclass(frozen=True)
class Cell:
    clauses: tuple[Clause, ...]  # usually one; a platform may have several on one topic
    not_addressed: bool = False  # no clause: the platform's terms are silent (authored)

    @property
    def rank(self) -> int:
        """Sort key: 3 high … 1 low, 0 empty; a cell ranks by its most exposed clause."""
        return max((len(RATINGS) - RATINGS.index(c.rating) for c in self.clauses), default=0)


@dataclass(frozen=True)
class Row:
    platform: PlatformEntry
    position: int  # alphabetical position, the default order and the platform column's key
    cells: tuple[Cell, ...]


def matrix(index: Index) -> list[Row]:
    rows = []
    for position, p in enumerate(index.platforms):
        on_topic: dict[str, list[Clause]] = {}
        for c in index.by_platform.get(p.id, ()):
            on_topic.setdefault(c.topic.id, []).append(c)
        silent = {n.topic for n in p.data.not_addressed}
        rows.append(
            Row(
                p,
                position,
                tuple(
                    Cell(tuple(on_topic.get(t.id, ())), t.id in silent and t.id not in on_topic)
                    for t in index.topics
                ),
            )
        )
    return rows


def pages(index: Index, settings: Settings) -> Iterator[Page]:
    # The matrix grows with every topic: give it the sidebars' width too.
    yield Page(
        routes.COMPARE,
        "compare.md.j2",
        partial(_context, index, settings),
        "analyses/",
        front={"hide": Markup("[navigation, toc]")},
        shows_text=False,  # titles and ratings only
    )


def _context(index: Index, settings: Settings) -> dict[str, Any]:
    return {
        "topics": index.topics,
        "rows": matrix(index),
        "count": len(index.clauses),
        "propose_url": issues.issue_url(
            settings.repo_url, issues.PROPOSE_ANALYSIS, "Analysis: <platform> - <topic>"
        ),
    }
