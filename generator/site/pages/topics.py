"""Topics index and one cross-platform comparison page per topic."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from generator.model import routes
from generator.model.authoring import Topic
from generator.model.index import Index
from generator.settings import Settings
from generator.site import charts, issues
from generator.site.page import WIDE, Page


def pages(index: Index, settings: Settings) -> Iterator[Page]:
    yield Page(routes.TOPICS, "topics.md.j2", partial(_index_context, index), "analyses/topics.yml")
    for t in index.topics:
        yield Page(
            routes.topic(t.id),
            "topic.md.j2",
            partial(_context, index, settings, t),
            "analyses/topics.yml",
            front=WIDE,
        )


def _index_context(index: Index) -> dict[str, Any]:
    total = len(index.platforms)
    rows = [(t, index.platforms_on_topic(t), index.by_topic.get(t.id, ())) for t in index.topics]
    chart = charts.topic_adoption(
        "cb-chart-topics", [(t.title, len(ps)) for t, ps, _ in rows], total
    )
    return {"rows": rows, "total": total, "chart": chart}


def _context(index: Index, settings: Settings, t: Topic) -> dict[str, Any]:
    clauses = index.by_topic.get(t.id, ())
    coverage = index.topic_coverage(t)
    return {
        "topic": t,
        "platforms": index.platforms_on_topic(t),
        "total": len(index.platforms),
        "clauses": clauses,
        "ratings": index.rating_counts(clauses),
        "not_addressed": [c for c in coverage if c.state == "not-addressed"],
        "not_analysed": [c for c in coverage if c.state == "not-analysed"],
        "propose_url": issues.issue_url(
            settings.repo_url, issues.PROPOSE_ANALYSIS, f"Analysis: <platform> - {t.title}"
        ),
    }
