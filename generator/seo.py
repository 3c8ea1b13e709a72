"""Stage 5, export (page head): the index → what each page's <head> announces to machines.

Feed links (`<link rel="alternate" type="application/atom+xml">`), the Open Graph type, and
schema.org JSON-LD for analysis pages (an `Article`, plus a `FAQPage` when it has questions).
The MkDocs plugin hands a page's `Head` to the theme (site_templates/overrides/partials/
clausebook-head.html); everything page-specific is decided here, in Python.

JSON-LD carries authored text raw, so it is made safe for a `<script>` element here: `<`, `>`
and `&` become `\\u003c`, `\\u003e`, `\\u0026`, which JSON reads back as the same characters
but an HTML parser never sees as a tag, comment or character reference.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.feeds import feed_links
from generator.index import Clause, Index
from generator.settings import Settings

_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


@dataclass(frozen=True)
class Head:
    feeds: tuple[tuple[str, str], ...]  # (title, absolute URL)
    og_type: str = "website"
    modified: str = ""  # ISO date, for article:modified_time
    json_ld: Markup | None = None


def script_json(data: Any) -> Markup:
    """JSON that can stand inside `<script type="application/ld+json">` whatever it holds."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False).translate(_SCRIPT_SAFE)
    return Markup(text)


def heads(index: Index, settings: Settings) -> dict[str, Head]:
    """Docs path → Head for the pages that announce more than the site feed."""
    out = {p.path: Head(feed_links(p, settings)) for p in index.platforms}
    for c in index.clauses:
        out[c.path] = Head(
            feed_links(c.platform, settings),
            "article",
            c.data.reviewed.isoformat(),
            script_json(json_ld(c, settings)),
        )
    return out


def default_head(settings: Settings) -> Head:
    return Head(feed_links(None, settings))


def json_ld(c: Clause, settings: Settings) -> dict[str, Any]:
    url = settings.url(c.url)
    site = {"@type": "WebSite", "name": settings.site_name, "url": settings.url()}
    publisher = {"@type": "Organization", "name": settings.site_name, "url": settings.url()}
    article = {
        "@type": "Article",
        "@id": url + "#analysis",
        "headline": c.data.title,
        "name": f"{c.data.title} · {c.platform.data.name}",
        "description": c.data.summary,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": c.data.history[0].date.isoformat(),
        "dateModified": max(c.data.reviewed, c.last_change).isoformat(),
        "author": publisher,
        "publisher": publisher,
        "isPartOf": site,
        "inLanguage": "en",
        "about": [
            {"@type": "Thing", "name": c.topic.title},
            {
                "@type": "SoftwareApplication",
                "name": c.platform.data.name,
                "url": c.platform.data.website,
            },
        ],
        "isBasedOn": {
            "@type": "CreativeWork",
            "name": c.document.title,
            "url": c.data.excerpt.source_url,
        },
        "citation": [
            {"@type": "CreativeWork", "name": cite.label, "url": cite.url}
            for cite in c.data.citations
        ],
    }
    graph: list[dict[str, Any]] = [article]
    if c.data.faq:
        graph.append(
            {
                "@type": "FAQPage",
                "@id": url + "#questions",
                "url": url,
                "mainEntity": [
                    {
                        "@type": "Question",
                        "name": q.question,
                        "acceptedAnswer": {"@type": "Answer", "text": q.answer},
                    }
                    for q in c.data.faq
                ],
            }
        )
    return {"@context": "https://schema.org", "@graph": graph}
