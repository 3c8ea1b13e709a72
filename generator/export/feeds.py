"""Stage 5, export (feeds): the index's dated changes → Atom feeds (RFC 4287).

`/feed.xml` carries the newest changes of clauses and documents, each entry categorised by its
kind (new analysis, revised analysis, document change); `/feed-documents.xml` the documents'
changes only (a new archived version links its diff page); `/platforms/<p>/feed.xml` one
platform's newest. Built with xml.etree, so every authored string is XML-escaped by the
serializer.
Nothing depends on the clock: `<updated>` is the newest change's date, and entry ids are tag
URIs made of the site, the change's date and its place in the authored history, so they stay
the same from build to build.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence, Set
from urllib.parse import quote, urlsplit

from generator.model import routes
from generator.model.changes import ChangeEntry
from generator.model.index import Index, PlatformEntry
from generator.settings import Settings
from generator.site import markup
from generator.source.text import isolate

ATOM = "http://www.w3.org/2005/Atom"
# Feed readers poll the whole file and keep what they have seen, so a feed holds the newest
# changes only: the site feed the newest 100, a platform's feed its newest 20 (about 13 KB;
# with their whole histories the platforms' feeds were 13 MB at 10,000 analyses, 1.3 KB per
# analysis). The full history of every analysis and document stays in the JSON API.
SITE_ENTRIES = 100
PLATFORM_ENTRIES = 20
KINDS = {"new": "New analysis", "revised": "Revised analysis", "document": "Document change"}
# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def feeds(index: Index, settings: Settings, skip: Set[str] = frozenset()) -> dict[str, bytes]:
    """Every feed of the site: path in the site → file content (but the feeds of the
    platforms in `skip`)."""
    out = {
        routes.FEED: _feed(
            f"{settings.site_name}: changes",
            routes.FEED,
            routes.url(routes.CHANGES),
            index.changes[:SITE_ENTRIES],
            settings,
        )
    }
    documents = [e for e in index.changes if e.kind == "document"]
    out[routes.DOCUMENT_FEED] = _feed(
        f"{settings.site_name}: document changes",
        routes.DOCUMENT_FEED,
        routes.url(routes.CHANGES),
        documents[:SITE_ENTRIES],
        settings,
    )
    by_platform: dict[str, list[ChangeEntry]] = {}
    for e in index.changes:  # still newest first within each platform
        by_platform.setdefault(e.platform.id, []).append(e)
    for p in index.platforms:
        if p.id in skip:
            continue
        out[routes.platform_feed(p.id)] = _feed(
            f"{settings.site_name}: {isolate(p.data.name)}",
            routes.platform_feed(p.id),
            routes.url(p.path),
            by_platform.get(p.id, [])[:PLATFORM_ENTRIES],
            settings,
        )
    return out


def feed_links(platform: PlatformEntry | None, settings: Settings) -> tuple[tuple[str, str], ...]:
    """(title, absolute URL) of the feeds a page should announce in its head."""
    links = [(f"{settings.site_name}: changes", settings.url(routes.FEED))]
    if platform is not None:
        links.append(
            (
                f"{settings.site_name}: {isolate(platform.data.name)}",
                settings.url(routes.platform_feed(platform.id)),
            )
        )
    return tuple(links)


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    el.text = _NOT_XML.sub("\ufffd", text)
    return el


def _link(parent: ET.Element, href: str, rel: str = "alternate", **attrs: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", {"rel": rel, "href": href, **attrs})


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _feed(
    title: str, path: str, page: str, changes: Sequence[ChangeEntry], settings: Settings
) -> bytes:
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    _text(root, "id", settings.url(path))
    _text(root, "title", title)
    # An empty feed still needs <updated>; the epoch is as honest as any date and never moves.
    _text(root, "updated", _stamp(changes[0].date if changes else dt.date(1970, 1, 1)))
    _link(root, settings.url(path), "self", type="application/atom+xml")
    _link(root, settings.url(page), type="text/html")
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", settings.site_name)
    _text(root, "generator", "Clausebook")
    for e in changes:
        _entry(root, e, settings)
    return (
        b'<?xml version="1.0" encoding="utf-8"?>\n'
        + ET.tostring(root, encoding="unicode").encode()
        + b"\n"
    )


def _entry(root: ET.Element, e: ChangeEntry, settings: Settings) -> None:
    entry = ET.SubElement(root, f"{{{ATOM}}}entry")
    _text(entry, "id", entry_id(e, settings))
    subject = e.clause.data.title if e.clause else e.document.title
    # Each authored part isolated: a bidirectional control in one cannot reorder the other.
    _text(entry, "title", f"{isolate(e.platform.data.name)}: {isolate(subject)}")
    _text(entry, "updated", _stamp(e.date))
    _text(entry, "published", _stamp(e.date))
    if e.change is not None:  # a new archived version: its diff page
        page = routes.url(e.change.path)
    else:
        page = e.clause.url if e.clause else routes.url(e.platform.path)
    _link(entry, settings.url(page), type="text/html")
    # What changed: an analysis (new or revised) or the document itself, for readers to filter.
    ET.SubElement(
        entry,
        f"{{{ATOM}}}category",
        {
            "term": e.kind,
            "scheme": settings.url(routes.url(routes.CHANGES)),
            "label": KINDS[e.kind],
        },
    )
    if e.clause:
        ET.SubElement(
            entry,
            f"{{{ATOM}}}category",
            {"term": e.clause.topic.id, "label": _NOT_XML.sub("\ufffd", e.clause.topic.title)},
        )
    _text(entry, "summary", e.summary, type="text")
    # The same words formatted, when the author formatted them (a link, emphasis, a list):
    # markup.block's HTML is inert (punctuation as references). Plain text is not repeated.
    if not markup.plain(e.summary):
        _text(entry, "content", str(markup.block(e.summary)), type="html")


def entry_id(e: ChangeEntry, settings: Settings) -> str:
    """tag:<host>,<date>:<site path><page path>history/<n> (RFC 4151), n counting the
    same-day changes of one clause or document in authored order up to this one, so adding a
    later change keeps old ids, and two changes with the same day and words have two."""
    site = urlsplit(settings.url())
    host = (site.hostname or "localhost").encode("idna").decode("ascii")
    if e.change is not None:  # one per archived version: its diff page's address
        path = quote(f"{site.path}{routes.url(e.change.path)}", safe="/!$&'()*+,;=:@-._~%")
        return f"tag:{host},{e.date.isoformat()}:{path}"
    history = e.clause.data.history if e.clause else e.document.history
    n = sum(1 for h in history[: e.position + 1] if h.date == e.date)
    page = e.clause.url if e.clause else routes.url(routes.document(e.platform.id, e.document.id))
    # A tag's authority is a DNS name: an internationalised host in punycode, in lower case;
    # its path only URI characters (a site at /My Repo/ is /My%20Repo/).
    path = quote(f"{site.path}{page}history/{n}", safe="/!$&'()*+,;=:@-._~%")
    return f"tag:{host},{e.date.isoformat()}:{path}"
