"""Topics index and one cross-platform comparison page per topic."""

from __future__ import annotations

from collections.abc import Iterator

from generator import charts
from generator.index import Index
from generator.pages import Page
from generator.settings import Settings


def pages(index: Index, settings: Settings) -> Iterator[Page]:
    total = len(index.platforms)
    rows = [(t, index.platforms_on_topic(t), index.by_topic.get(t.id, ())) for t in index.topics]
    chart = charts.topic_adoption(
        "cb-chart-topics", [(t.title, len(ps)) for t, ps, _ in rows], total
    )
    yield Page(
        "topics/index.md",
        "topics.md.j2",
        {"rows": rows, "total": total, "chart": chart},
        "analyses/topics.yml",
    )
    for t, platforms, clauses in rows:
        yield Page(
            f"topics/{t.id}.md",
            "topic.md.j2",
            {
                "topic": t,
                "platforms": platforms,
                "total": total,
                "clauses": clauses,
                "ratings": index.rating_counts(clauses),
            },
            "analyses/topics.yml",
        )
