"""One page per published analysis, with its cross-platform context."""

from __future__ import annotations

from collections.abc import Iterator

from generator.index import Index
from generator.model import slug
from generator.pages import Page
from generator.settings import Settings


def page_url(settings: Settings, url: str) -> str:
    """The page's absolute address when site_url is known (printed in the page footer)."""
    return settings.site_url.rstrip("/") + "/" + url if settings.site_url else "/" + url


def pages(index: Index, settings: Settings) -> Iterator[Page]:
    jurisdictions = {j.code: j for j in index.jurisdictions}
    for c in index.clauses:
        yield Page(c.path, "clause.md.j2", {
            "clause": c,
            "flags": [(f, jurisdictions[f.code], f"jurisdictions/{slug(f.code)}.md")
                      for f in c.data.jurisdictions],
            "others": index.others_on_topic(c),
            "related": [index.by_key[k] for k in c.data.related if k in index.by_key],
            "disclaimer": settings.disclaimer,
            "page_url": page_url(settings, c.url),
        }, c.rel)
