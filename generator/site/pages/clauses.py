"""One page per published analysis, with its cross-platform context."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import cached_property, partial
from typing import Any

from generator.model import routes
from generator.model.authoring import Jurisdiction
from generator.model.index import Clause, Index
from generator.settings import Settings
from generator.site import issues, searchmeta
from generator.site.page import WIDE, Page

# Other platforms' analyses of the same topic listed on a clause page; the topic page lists all.
# Listing every one made each page grow with the corpus: the site with the square of it.
# Those shown are the ones that follow this analysis in the topic's order (wrapping round), so
# each analysis is shown on a handful of pages, not on all of its topic's (serve re-renders
# the pages that show an edited analysis).
OTHERS_SHOWN = 5


def _following(topic: tuple[Clause, ...], at: int) -> tuple[Clause, ...]:
    """Up to OTHERS_SHOWN other platforms' analyses after topic[at], wrapping round, in the
    topic's order: a walk of a few steps, not of the whole topic."""
    c = topic[at]
    picked: list[int] = []
    for step in range(1, len(topic)):
        i = (at + step) % len(topic)
        if topic[i].platform.id != c.platform.id:
            picked.append(i)
            if len(picked) == OTHERS_SHOWN:
                break
    return tuple(topic[i] for i in sorted(picked))


def pages(index: Index, settings: Settings) -> Iterator[Page]:
    shared = _Shared(index, settings)
    for c in index.clauses:
        yield Page(c.path, "clause.md.j2", partial(shared.context, c), c.rel, front=WIDE)


class _Shared:
    """What every clause page's context is made from, worked out on first use."""

    def __init__(self, index: Index, settings: Settings) -> None:
        self.index = index
        self.settings = settings

    @cached_property
    def jurisdictions(self) -> dict[str, Jurisdiction]:
        return {j.code: j for j in self.index.jurisdictions}

    @cached_property
    def position(self) -> dict[int, int]:
        return {id(c): i for topic in self.index.by_topic.values() for i, c in enumerate(topic)}

    @cached_property
    def on_topic(self) -> Counter[tuple[str, str]]:
        return Counter((c.topic.id, c.platform.id) for c in self.index.clauses)

    def context(self, c: Clause) -> dict[str, Any]:
        index, settings = self.index, self.settings
        topic = index.by_topic[c.topic.id]
        source = index.sources.get(f"{c.platform.id}/{c.document.id}")
        v = c.verification
        return {
            "clause": c,
            "archived": source,
            # the diff page of the change that removed the quoted text (if it has one)
            "vanished": source.change_of(v.vanished) if source and v else None,
            "flags": [
                (f, self.jurisdictions[f.code], routes.jurisdiction(f.code))
                for f in c.data.jurisdictions
            ],
            "others": _following(topic, self.position[id(c)]),
            "others_total": len(topic) - self.on_topic[c.topic.id, c.platform.id],
            "related": [index.by_key[k] for k in c.data.related if k in index.by_key],
            "disclaimer": settings.disclaimer,
            "page_url": settings.url(c.url),
            "site_name": settings.site_name,
            "search_meta": searchmeta.html(c),
            "report_url": issues.issue_url(
                settings.repo_url,
                issues.REPORT_ERROR,
                f"Error: {c.key}",
                page=settings.url(c.url),
            ),
        }
