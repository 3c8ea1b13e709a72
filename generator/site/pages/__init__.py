"""Stage 4a, pages: the index → the list of pages to render, one module per page kind.

Each module's `pages(index, settings)` yields `Page`s: where the Markdown goes (relative to
the docs folder), which template renders it, the context it gets, and the source file an
"edit this page" link should open. A page's context is built only when it is asked for: a
`serve` rebuild renders a handful of the 11,000 pages of a 10,000-analysis site, and building
every context (each list, count and chart) was most of its time.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.model.index import Index
from generator.settings import Settings
from generator.site.page import Page
from generator.site.pages import (
    api_docs,
    changes,
    clauses,
    compare,
    documents,
    explore,
    home,
    jurisdictions,
    platforms,
    topics,
)


def all_pages(index: Index, settings: Settings) -> Iterator[Page]:
    for kind in (
        home,
        platforms,
        clauses,
        topics,
        jurisdictions,
        compare,
        explore,
        changes,
        api_docs,
        documents,
    ):
        yield from kind.pages(index, settings)
