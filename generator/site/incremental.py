"""Stage 4 helper for `serve`: after an edit, which pages must be rendered again.

Input: the previous index, what each page showed when it was last rendered (`Shown`,
recorded by `render.render_site` when serve renders every page) and the new index, all from
this process: the model memo gives unchanged files the very same model objects, so an edit
shows as a new object. Output: a predicate over pages, or None for "render everything".

Only the common edit takes the short path: the text of existing, published analyses changed,
and nothing that decides which pages exist, what they list, in which order or with which
counts (topic, status, document, title, rating, short answer, jurisdiction codes, related,
history dates) did. Then a page is rendered again if its context shows an edited analysis
(and the page shows more of it than that shape: `Page.shows_text`): its own page, its
platform, topic and jurisdiction pages, the indexes, and the pages that list it among others
or as related; a change entry counts only when the history itself was edited; the pages
that show its document (the document's own, its versions' change entries) when its excerpt is
now found in another archived version. Any
other change (a platform, a taxonomy, a template, settings, a file added or removed)
renders everything. `clausebook build` always renders everything.

Which analyses a page shows is read from its context when it was last rendered, not from a
new context: since nothing that decides what a page lists changed, a page lists the same
analyses as then, and only the pages to render again have their contexts built (a
10,000-analysis site has 11,000 pages; building and walking every context took 2 s an edit).
A page with no record (never rendered in this process) is rendered.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from generator.model.changes import ChangeEntry
from generator.model.documents import SourceDocument
from generator.model.index import Clause, Index
from generator.site.page import Page

Document = tuple[str, str]  # (platform id, document id)


class Shown(NamedTuple):
    """Keys of the analyses a rendered page showed, of those whose change entries it showed,
    and the documents whose archived versions it showed (their pages, their change entries)."""

    clauses: frozenset[str]
    changes: frozenset[str]
    documents: frozenset[Document]


def shown(context: Mapping[str, Any]) -> Shown:
    keys, changes, documents = _keys(context.values())
    return Shown(frozenset(keys), frozenset(changes), frozenset(documents))


LISTINGS = "changes listings"  # an edit of it renders every page
TEXT = "text only"  # an edit of it renders the pages that show the analysis
# Every field of an analysis (model/authoring.py: Analysis; a nested model's fields as
# `exposure.rating`, of a list of models as `history.date`), classed. A field missing here
# fails tests/test_layout.py: class it before serve can show a new field stale.
ANALYSIS_FIELDS: dict[str, str] = {
    "title": LISTINGS,
    "document": LISTINGS,
    "topic": LISTINGS,
    "answer.value": LISTINGS,  # shown in Compare, every table, Explore's Answer filter
    "answer.reason": LISTINGS,  # shown beside the answer in Compare and tables
    "summary": TEXT,
    "impact": TEXT,
    "excerpt.text": TEXT,
    "excerpt.section": TEXT,
    "excerpt.source_url": TEXT,
    "excerpt.retrieved": TEXT,
    "regulatory_landscape": TEXT,
    "exposure.rating": LISTINGS,
    "exposure.rationale": TEXT,
    "jurisdictions.code": LISTINGS,
    "jurisdictions.note": TEXT,
    "contract_implications": TEXT,
    "compliance_considerations": TEXT,
    "citations.label": TEXT,
    "citations.url": TEXT,
    "enforcement_risk": TEXT,
    "history.date": LISTINGS,
    "history.summary": TEXT,
    "history.kind": TEXT,
    "faq.question": TEXT,
    "faq.answer": TEXT,
    "related": LISTINGS,
    "status": LISTINGS,
    "reviewed": TEXT,
}
# Any edit of these renders every page: `changed_pages` compares them whole.
RENDERS_EVERYTHING = ("Platform", "Topics", "Jurisdictions")
_LISTING_PATHS = tuple(path for path, kind in ANALYSIS_FIELDS.items() if kind == LISTINGS)


def _value(data: Any, path: str) -> Any:
    """The value at a dotted `path` of a model; through a tuple of models, a tuple."""
    head, _, rest = path.partition(".")
    value = getattr(data, head)
    if not rest or value is None:
        return value
    if isinstance(value, tuple):
        return tuple(_value(item, rest) for item in value)
    return _value(value, rest)


def _shape(c: Clause) -> tuple[Any, ...]:
    """What of an analysis decides which pages exist, what they list, in which order."""
    return tuple(_value(c.data, path) for path in _LISTING_PATHS)


def changed_pages(
    old_index: Index, new_index: Index, same_setup: bool, last: Mapping[str, Shown]
) -> Callable[[Page], bool] | None:
    if not same_setup:
        return None
    if (
        len(old_index.platforms) != len(new_index.platforms)
        or any(
            a.data is not b.data
            for a, b in zip(old_index.platforms, new_index.platforms, strict=True)
        )
        or old_index.topics != new_index.topics
        or old_index.jurisdictions != new_index.jurisdictions
    ):
        return None
    old = {c.rel: c for c in old_index.clauses}
    new = {c.rel: c for c in new_index.clauses}
    if old.keys() != new.keys():
        return None
    edited_rels = [rel for rel in new if new[rel].data is not old[rel].data]
    if any(_shape(old[rel]) != _shape(new[rel]) for rel in edited_rels):
        return None
    edited = {new[rel].key for rel in edited_rels}
    history = {
        new[rel].key for rel in edited_rels if new[rel].data.history != old[rel].data.history
    }
    # An excerpt now found in another version (or no longer in the newest) changes what its
    # document's pages and its versions' change entries say of the analyses each version made
    # stale: a page that did not list the analysis has no record of it, but of the document.
    moved = {
        (new[rel].platform.id, new[rel].document.id)
        for rel in edited_rels
        if new[rel].verification != old[rel].verification
    }

    def wanted(page: Page) -> bool:
        if not page.shows_text:
            return False
        before = last.get(page.path)
        if before is None:
            return True
        return not (
            before.clauses.isdisjoint(edited)
            and before.changes.isdisjoint(history)
            and before.documents.isdisjoint(moved)
        )

    return wanted


def _keys(values: Any) -> tuple[set[str], set[str], set[Document]]:
    """Keys of the analyses a page context shows, of those whose change entries it shows,
    and the documents whose versions it shows, in nested tuples, lists, dicts and
    dataclasses."""
    shown: set[str] = set()
    changes: set[str] = set()
    documents: set[Document] = set()
    stack = list(values)
    while stack:
        value = stack.pop()
        if isinstance(value, Clause):
            shown.add(value.key)
        elif isinstance(value, ChangeEntry):
            if value.clause is not None:
                changes.add(value.clause.key)
            if value.change is not None:
                documents.add((value.platform.id, value.document.id))
        elif isinstance(value, (tuple, list)):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            if isinstance(value, SourceDocument):  # a page of the document's own
                documents.add((value.platform_id, value.document.id))
            # page-kind rows such as the explorer's entries wrap the clauses they show
            stack.extend(getattr(value, f.name) for f in dataclasses.fields(value))
    return shown, changes, documents
