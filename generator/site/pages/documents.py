"""The archived source documents: for each document with archived versions, a page listing
its versions with their provenance and changes, a page of its newest text with the analysed
excerpts highlighted and linked to their analyses, and a diff page for each of its newest
changes (model/documents.py decides which; site/diffs.py and site/archived.py make the HTML).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from generator.model import routes
from generator.model.changes import made_stale
from generator.model.documents import DocumentChange, SourceDocument
from generator.model.index import Clause, Index
from generator.settings import Settings
from generator.site import archived, diffs
from generator.site.page import Page
from generator.source.archive import Archive, Version

VERSIONS_LISTED = 200  # rows of a document's versions table (its newest); the page counts the rest
ODC_BY = "https://opendatacommons.org/licenses/by/1-0/"


def pages(index: Index, settings: Settings) -> Iterator[Page]:
    for d in index.documents:
        quoting = tuple(
            c for c in index.by_platform.get(d.platform_id, ()) if c.document.id == d.document.id
        )
        source = d.archive.index_rel
        stale = made_stale(quoting)
        yield Page(d.path, "document.md.j2", partial(_context, index, d, quoting, stale), source)
        yield Page(d.text_path, "document_text.md.j2", partial(_text, index, d, quoting), source)
        for change in d.changes:
            yield Page(
                change.path,
                "document_change.md.j2",
                partial(_change, index, d, change, stale.get(change.version.file, ())),
                source,
            )


def text(archive: Archive, version: Version) -> str:
    return archive.text_bytes(version).decode("utf-8", errors="replace")


def provenance(version: Version) -> dict[str, str | None]:
    """Where a version came from, as the pages show it."""
    commit = (
        f"https://github.com/{version.repository}/commit/{version.commit}"
        if version.repository and version.commit
        else None
    )
    return {"commit_url": commit, "short_commit": (version.commit or "")[:12]}


def _common(index: Index, d: SourceDocument) -> dict[str, Any]:
    platform = next(p for p in index.platforms if p.id == d.platform_id)
    ota = next((v for v in d.archive.versions if v.origin == "open-terms-archive"), None)
    return {
        "archived": d,
        "document": d.document,
        "platform": platform,
        "ota": ota,
        "odc_by": ODC_BY,
    }


def _context(
    index: Index,
    d: SourceDocument,
    quoting: tuple[Clause, ...],
    stale: dict[str, tuple[Clause, ...]],
) -> dict[str, Any]:
    versions = d.archive.versions
    listed = tuple(reversed(versions[-VERSIONS_LISTED:]))
    changed = {c.version.file: c for c in d.changes}
    return {
        **_common(index, d),
        "quoting": quoting,
        "versions": [(v, provenance(v), changed.get(v.file)) for v in listed],
        "unlisted": len(versions) - len(listed),
        "count": len(versions),
        "stale": stale,
    }


def _text(index: Index, d: SourceDocument, quoting: tuple[Clause, ...]) -> dict[str, Any]:
    version = d.archive.newest_complete or d.archive.newest
    assert version is not None  # a SourceDocument has versions
    quotes = [
        archived.Quote(
            routes.excerpt_anchor(c.id),
            c.data.excerpt.text,
            routes.relative_url(d.text_path, c.path),
            f"Analysis: {c.data.title}",
        )
        for c in quoting
    ]
    shown = archived.render(text(d.archive, version), quotes)
    by_anchor = {routes.excerpt_anchor(c.id): c for c in quoting}
    return {
        **_common(index, d),
        "version": version,
        "provenance": provenance(version),
        "shown": shown,
        "unmarked": [by_anchor[a] for a in shown.unmarked],
        "marked": [by_anchor[a] for a in shown.marked],
        "limit": archived.MAX_SHOWN_CHARS,
    }


def _change(
    index: Index, d: SourceDocument, change: DocumentChange, stale: tuple[Clause, ...]
) -> dict[str, Any]:
    found = diffs.diff(text(d.archive, change.before), text(d.archive, change.version))
    return {
        **_common(index, d),
        "change": change,
        "diff": found,
        "stale": stale,
        "provenance": provenance(change.version),
        "before_provenance": provenance(change.before),
        "limits": (diffs.MAX_SHOWN_CHANGES, diffs.MAX_SHOWN_CHARS),
    }
