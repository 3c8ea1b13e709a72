"""Stage 5, export (page head): the index → what each page's <head> announces to machines.

Feed links (`<link rel="alternate" type="application/atom+xml">`), the Open Graph type, and
schema.org JSON-LD for analysis pages (an `Article`; a `Question` with the short answer when the
topic asks one; a `FAQPage` when it has questions).
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

from markupsafe import Markup, escape

from generator.export.feeds import feed_links
from generator.model import routes
from generator.model.index import Clause, Index, PlatformEntry
from generator.settings import Settings

_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


@dataclass(frozen=True)
class Head:
    feeds: tuple[tuple[str, str], ...]  # (title, absolute URL)
    og_type: str = "website"
    modified: str = ""  # ISO date, for article:modified_time
    json_ld: Markup | None = None


def render(head: Head, title: str, description: str, url: str, site_name: str) -> str:
    """A page's head elements for machines, to go before `</head>`: feed links, Open Graph
    (its title and description are the page's own `<title>` and meta description, as the
    engine wrote them, as plain text), and JSON-LD. Every value is escaped here."""
    # rel="alternate " with a space: the same token for feed readers and browsers (rel is a
    # space-separated set), but not matched by Material's `link[rel=alternate]`, which reads
    # every such link as another language of the site and fetches "sitemap.xml" beside its
    # address: /platforms/<p>/sitemap.xml, a 404 on every platform and analysis page.
    out = [
        f'<link rel="alternate " type="application/atom+xml" title="{escape(t)}" '
        f'href="{escape(href)}">'
        for t, href in head.feeds
    ]
    out += [
        f'<meta property="og:site_name" content="{escape(site_name)}">',
        f'<meta property="og:title" content="{escape(title)}">',
    ]
    if description:
        out.append(f'<meta property="og:description" content="{escape(description)}">')
    out += [
        f'<meta property="og:url" content="{escape(url)}">',
        f'<meta property="og:type" content="{escape(head.og_type)}">',
    ]
    if head.modified:
        out.append(f'<meta property="article:modified_time" content="{escape(head.modified)}">')
    out.append('<meta name="twitter:card" content="summary">')
    if head.json_ld is not None:
        out.append(f'<script type="application/ld+json">{head.json_ld}</script>')
    return "".join(out)


def script_json(data: Any) -> Markup:
    """JSON that can stand inside `<script type="application/ld+json">` whatever it holds."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    text = text.translate(_SCRIPT_SAFE)
    return Markup(text)


class Heads:
    """A page's path in the site (`platforms/acme/index.html`) → its Head, made when the page
    is finished: a page's JSON-LD is built then, not for all 10,000 up front."""

    def __init__(self, index: Index, settings: Settings):
        self._settings = settings
        self._pages: dict[str, PlatformEntry | Clause] = {
            routes.html(p.path): p for p in index.platforms
        }
        self._pages.update((routes.html(c.path), c) for c in index.clauses)
        self._default = Head(feed_links(None, settings))

    def get(self, path: str) -> Head:
        item = self._pages.get(path)
        if isinstance(item, Clause):
            return Head(
                feed_links(item.platform, self._settings),
                "article",
                item.data.reviewed.isoformat(),
                script_json(json_ld(item, self._settings)),
            )
        if item is not None:  # a platform page announces its own feed too
            return Head(feed_links(item, self._settings))
        return self._default


def json_ld(c: Clause, settings: Settings) -> dict[str, Any]:
    url = settings.url(c.url)
    site = {"@type": "WebSite", "name": settings.site_name, "url": settings.url()}
    publisher = {"@type": "Organization", "name": settings.site_name, "url": settings.url()}
    article = {
        "@type": "Article",
        # Relative: JSON-LD resolves it against the page's address (`url` below is absolute).
        "@id": "#analysis",
        "headline": c.data.title,
        # No "description": it would repeat the page's meta description and og:description.
        "url": url,
        # The first entry about the analysis itself; a clause's history starts earlier.
        "datePublished": next(
            (h.date for h in c.data.history if h.kind == "analysis"), c.data.reviewed
        ).isoformat(),
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
    if c.answer_label is not None and c.data.answer is not None:
        # The short answer to the topic's question, as the page shows it first.
        graph.append(
            {
                "@type": "Question",
                "@id": "#answer",
                "name": c.topic.question,
                "isPartOf": {"@id": "#analysis"},
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": f"{c.answer_label}. {c.data.answer.reason}",
                    "identifier": str(c.data.answer.value),
                },
            }
        )
    if c.data.faq:
        graph.append(
            {
                "@type": "FAQPage",
                "@id": "#questions",
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
