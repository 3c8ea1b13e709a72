"""Stage 7, the quick search index's pages: the model Index → one small HTML page for each
analysis, platform, topic and jurisdiction, holding its title, where it belongs and its
summary (or description), which search.py indexes with Pagefind into pagefind/quick/.

Why a second index: a query of words found on nearly every page makes Pagefind score every
page that has them, about half a second in the browser at 10,000 analyses however the full
index is split. Indexed by title and summary alone, the same pages make a small index that
answers such a query in tens of milliseconds; the browser searches both and shows the quick
index's matches first (assets/search.js). These pages are written from the model, not read
from the built site, so they hold nothing but what is to be found.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from generator.model import routes
from generator.model.index import Index
from generator.site import markup, searchmeta


def _quick_page(title: str, context: str, summary: Markup, meta: Markup) -> str:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
        f'</title></head><body><article class="md-content__inner"><h1>{escape(title)}</h1>'
        f"<p>{escape(context)}</p>{summary}{meta}</article></body></html>"
    )


def quick_pages(index: Index) -> dict[str, str]:
    """The quick index's pages: path in the site of each analysis, platform, topic and
    jurisdiction page → a page of its title (as its heading, so results show the same title
    as the full index's), where it belongs, and its summary or description."""
    none = Markup()
    pages = [
        (p.path, p.data.name, p.data.vendor, p.data.description, none) for p in index.platforms
    ]
    pages += [
        (
            c.path,
            c.data.title,
            f"{c.platform.data.name} · {c.document.title} · {c.topic.title}",
            c.data.summary,
            searchmeta.html(c),  # the same fields as the clause page's
        )
        for c in index.clauses
    ]
    pages += [(routes.topic(t.id), t.title, "", t.definition, none) for t in index.topics]
    pages += [
        (routes.jurisdiction(j.code), f"{j.name} ({j.code})", "", j.description, none)
        for j in index.jurisdictions
    ]
    return {
        routes.html(path): _quick_page(title, context, markup.block(summary), meta)
        for path, title, context, summary, meta in pages
    }
