"""Stage 3, model/changes: the validated corpus's histories → the change list the site shows.

Input: the platforms and analyses of the index (drafts too, in `serve`) and the documents
with archived versions. Output: one ChangeEntry per authored history entry (of an analysis or
of a whole document) and per new archived version of a document that has a diff page (saying
how many analyses' quoted text it changed), newest first. The home page, the changes page and
the feeds list them; what kind of change each is (`kind`) is decided here, once, not in their
templates; which analyses a version made outdated (`made_stale`) is also what a document's
pages show.

Apart from index.py because it is a job of its own, with its own order and wording; build_index
calls `change_entries` once, when the index is built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.model.authoring import Document
from generator.model.documents import DocumentChange, SourceDocument

if TYPE_CHECKING:
    # For annotations only: index.py imports this module to build the index's change list.
    from generator.model.index import Clause, PlatformEntry


@dataclass(frozen=True)
class ChangeEntry:
    date: dt.date
    summary: str
    platform: PlatformEntry
    document: Document
    clause: Clause | None  # None for a change of the whole document
    position: int = 0  # its place in the authored history (which of two equal entries it is)
    change: DocumentChange | None = None  # a new archived version, with its diff page

    @property
    def kind(self) -> str:
        """new (an analysis published), revised (an analysis changed), document (the text of
        the document changed: a change of the whole document, a new archived version, or a
        history entry of `kind: clause` in an analysis that marks its own entries `kind:
        analysis`). In a history that marks no entry `kind: analysis`, the first entry is the
        analysis's publication and the later ones its revisions."""
        if self.clause is None:
            return "document"
        history = self.clause.data.history
        ours = [i for i, h in enumerate(history) if h.kind == "analysis"]
        if not ours:
            return "new" if self.position == 0 else "revised"
        if history[self.position].kind == "clause":
            return "document"
        return "new" if self.position == ours[0] else "revised"


def document_last_change(document: Document) -> dt.date | None:
    return document.history[-1].date if document.history else None


def change_entries(
    platforms: tuple[PlatformEntry, ...],
    clauses: list[Clause],
    documents: tuple[SourceDocument, ...] = (),
) -> tuple[ChangeEntry, ...]:
    entries: list[ChangeEntry] = []
    for c in clauses:
        entries.extend(
            ChangeEntry(h.date, h.summary, c.platform, c.document, c, i)
            for i, h in enumerate(c.data.history)
        )
    for p in platforms:
        for d in p.data.documents:
            entries.extend(
                ChangeEntry(h.date, h.summary, p, d, None, i) for i, h in enumerate(d.history)
            )
    entries.extend(_version_entries(platforms, clauses, documents))
    entries.sort(
        key=lambda e: (
            -e.date.toordinal(),
            e.platform.id,
            e.document.id,
            e.clause.id if e.clause else "",
            e.summary,
        )
    )
    return tuple(entries)


def made_stale(quoting: Iterable[Clause]) -> dict[str, tuple[Clause, ...]]:
    """Of the analyses quoting one document: the version file → those whose quoted text that
    version changed (their excerpt is outdated since it)."""
    out: dict[str, list[Clause]] = {}
    for c in quoting:
        v = c.verification
        if v is not None and v.state == "outdated" and v.vanished is not None:
            out.setdefault(v.vanished.file, []).append(c)
    return {k: tuple(v) for k, v in out.items()}


def _version_entries(
    platforms: tuple[PlatformEntry, ...],
    clauses: list[Clause],
    documents: tuple[SourceDocument, ...],
) -> list[ChangeEntry]:
    """A change entry for each change of a document that has a diff page, saying how many
    analyses' quoted text it changed."""
    by_id = {p.id: p for p in platforms}
    quoting: dict[tuple[str, str], list[Clause]] = {}
    for c in clauses:
        quoting.setdefault((c.platform.id, c.document.id), []).append(c)
    entries = []
    for d in documents:
        stale = made_stale(quoting.get((d.platform_id, d.document.id), ()))
        for change in d.changes:
            n = len(stale.get(change.version.file, ()))
            summary = "A new version of the document was archived."
            if n:
                summary += f" It changed the text quoted by {n} analys{'is' if n == 1 else 'es'}."
            entries.append(
                ChangeEntry(
                    change.version.date,
                    summary,
                    by_id[d.platform_id],
                    d.document,
                    None,
                    change=change,
                )
            )
    return entries
