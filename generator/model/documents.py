"""Stage 3, model: the archived source documents as the site shows them.

Each document with archived versions gets a page (its versions and their provenance), a page
of its newest text with the analysed excerpts highlighted, and a diff page for each of its
newest DIFF_PAGES changes: a complete version against the complete version before it (a
partial copy is compared with nothing: what it lacks would read as deleted). Older changes are
listed on the document's page without a diff page, so a document recorded 2,000 times makes
DIFF_PAGES pages, not 2,000.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import PurePosixPath

from generator.model import routes
from generator.model.authoring import Document
from generator.source.archive import Archive, Version

DIFF_PAGES = 30  # diff pages per document (its newest changes)


def stem(version: Version) -> str:
    """A version's name in addresses: its file name without `.md` (2026-03-04, 2026-03-04-2)."""
    return PurePosixPath(version.file).stem


@dataclass(frozen=True)
class DocumentChange:
    """A complete version of a document and the complete version before it."""

    platform_id: str
    document: Document
    archive: Archive
    before: Version
    version: Version

    @property
    def path(self) -> str:
        return routes.document_change(self.platform_id, self.document.id, stem(self.version))


@dataclass(frozen=True)
class SourceDocument:
    """A document with archived versions."""

    platform_id: str
    document: Document
    archive: Archive
    changes: tuple[DocumentChange, ...]  # newest first: those with a diff page
    older_changes: int  # changes older than those, listed without a diff page

    @property
    def key(self) -> str:
        return f"{self.platform_id}/{self.document.id}"

    @property
    def path(self) -> str:
        return routes.document(self.platform_id, self.document.id)

    @property
    def text_path(self) -> str:
        return routes.document_text(self.platform_id, self.document.id)

    def change_of(self, version: Version | None) -> DocumentChange | None:
        """The change that recorded `version`, if it has a diff page."""
        if version is None:
            return None
        return next((c for c in self.changes if c.version.file == version.file), None)


def source_document(platform_id: str, document: Document, archive: Archive) -> SourceDocument:
    complete = [v for v in archive.versions if v.partial is None]
    pairs = list(pairwise(complete))
    shown = pairs[-DIFF_PAGES:] if DIFF_PAGES else []
    changes = tuple(
        DocumentChange(platform_id, document, archive, before, version)
        for before, version in reversed(shown)
    )
    return SourceDocument(platform_id, document, archive, changes, len(pairs) - len(shown))
