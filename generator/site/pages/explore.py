"""The analysis explorer: every published analysis in one list, with the facets to filter it
(platform, topic, short answer, exposure, jurisdiction).

The list is rendered here at build time (one element per analysis, its facets in data-*
attributes), so every analysis is in the page without JavaScript; explore.js only chooses
which entries are in the list. At most PAGE_SIZE matching entries are shown at a time ("Show
more" adds the next ones), so a filter change costs what one page of entries costs, not what
10,000 do (measured: tests/bench/explorer_filter.py). Each entry carries a shortened
plain-text summary: 10,000 entries make a 6.6 MB page, 0.6 MB gzipped.

Each entry is rendered by its own partial from a `Row` of plain values and nothing else, so
`serve`, which renders this page again whenever a summary changes, reuses the text of every
unchanged row (render.py's `fragment`) instead of rendering 10,000 rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from markupsafe import Markup

from generator.model import routes
from generator.model.authoring import slug
from generator.model.index import RATINGS, Clause, Index
from generator.settings import Settings
from generator.site import markup
from generator.site.labels import RATING_LABELS
from generator.site.page import Page

PAGE_SIZE = 100  # entries shown at once; the rest stay in the page, hidden


@dataclass(frozen=True)
class Row:
    """Everything one entry of the list shows: its partial is given this and the page path."""

    key: str
    platform: str
    topic: str
    rating: str
    answer: str  # "<topic>:<answer>" for the answer facet, "" for none or a free phrase
    answer_label: str
    jurisdictions: str  # space-separated URL slugs, the form explore.js and the URL use
    path: str  # the analysis's page
    title: str
    platform_name: str
    topic_title: str
    summary: str
    hidden: bool  # past the first PAGE_SIZE entries


@dataclass(frozen=True)
class Entry:
    clause: Clause  # for serve's record of which analyses the page shows (incremental.py)
    row: Row

    @property
    def jurisdictions(self) -> str:
        return self.row.jurisdictions


@dataclass(frozen=True)
class Facet:
    param: str  # the URL query parameter
    label: str
    options: tuple[tuple[str, str, int], ...]  # (value, label, analyses)


def facets(index: Index) -> tuple[Facet, ...]:
    def count(keys: Callable[[Clause], Iterable[str]]) -> Counter[str]:
        return Counter(k for c in index.clauses for k in keys(c))

    platforms = count(lambda c: [c.platform.id])
    topics = count(lambda c: [c.topic.id])
    ratings = count(lambda c: [c.rating])
    answers = count(lambda c: [answer_filter(c)] if answer_filter(c) else [])
    labels = {answer_filter(c): f"{c.topic.title}: {c.answer_label}" for c in index.clauses}
    order = {t.id: i for i, t in enumerate(index.topics)}
    places = count(lambda c: {slug(f.code) for f in c.data.jurisdictions})
    return (
        Facet(
            "platform",
            "Platform",
            tuple((p.id, p.data.name, platforms[p.id]) for p in index.platforms if platforms[p.id]),
        ),
        Facet(
            "topic",
            "Topic",
            tuple((t.id, t.title, topics[t.id]) for t in index.topics if topics[t.id]),
        ),
        Facet(
            "rating",
            "Exposure",
            tuple((r, RATING_LABELS[r], ratings[r]) for r in RATINGS if ratings[r]),
        ),
        Facet(
            "answer",
            "Answer",
            tuple(
                (key, labels[key], answers[key])
                for key in sorted(answers, key=lambda k: (order[k.split(":")[0]], labels[k]))
            ),
        ),
        Facet(
            "jurisdiction",
            "Jurisdiction",
            tuple(
                (slug(j.code), f"{j.name} ({j.code})", places[slug(j.code)])
                for j in index.jurisdictions
                if places[slug(j.code)]
            ),
        ),
    )


def answer_filter(c: Clause) -> str:
    """The answer facet's value of an analysis: its topic and answer, for an answer from fixed
    choices or a number of days; "" for none or a free phrase (each phrase is its own, so the
    words filter finds them)."""
    form = c.topic.answer
    if form is None or c.data.answer is None or form.kind == "text":
        return ""
    return f"{c.topic.id}:{c.answer_key}"


def entries(index: Index) -> list[Entry]:
    return [
        Entry(
            c,
            Row(
                c.key,
                c.platform.id,
                c.topic.id,
                c.rating,
                answer_filter(c),
                c.answer_label or "",
                " ".join(sorted({slug(f.code) for f in c.data.jurisdictions})),
                c.path,
                c.data.title,
                c.platform.data.name,
                c.topic.title,
                markup.snippet(c.data.summary),
                i >= PAGE_SIZE,
            ),
        )
        for i, c in enumerate(index.clauses)
    ]


def pages(index: Index, settings: Settings) -> Iterator[Page]:
    # Every summary is already in the search index through its own page; indexing this page
    # too would add all of them a second time.
    yield Page(
        routes.EXPLORE,
        "explore.md.j2",
        partial(_context, index),
        "analyses/",
        front={"search": Markup("{exclude: true}"), "hide": Markup("[toc]")},
    )


def _context(index: Index) -> dict[str, Any]:
    return {
        "facets": facets(index),
        "entries": entries(index),
        "count": len(index.clauses),
        "page_size": PAGE_SIZE,
        "more": min(PAGE_SIZE, max(0, len(index.clauses) - PAGE_SIZE)),
    }
