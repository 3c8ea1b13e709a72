"""Stage 4 helper for `serve`: after an edit, which pages must be rendered again.

Input: the previous `Generated` and the new index (both from this process: the model memo
gives unchanged files the very same model objects, so an edit shows as a new object).
Output: a predicate over pages, or None for "render everything".

Only the common edit takes the short path: the text of existing, published analyses changed,
and nothing that decides which pages exist or what they list (topic, status, document, title,
jurisdiction codes, related) did. Then every page that is not a clause page (indexes, platform,
topic, jurisdiction, changes and home pages: a few hundred, holding every count and list) is
rendered, and of the clause pages only those whose context shows an edited analysis. Any other
change — a platform, a taxonomy, a template, settings, a file added or removed — renders all.
`clausebook build` always renders all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.index import Clause, Index
from generator.pages import Page

CLAUSE_TEMPLATE = "clause.md.j2"


def _shape(c: Clause) -> tuple[Any, ...]:
    d = c.data
    return (d.topic, d.status, d.document, d.title, tuple(f.code for f in d.jurisdictions),
            d.related)


def changed_pages(old_index: Index, new_index: Index, same_setup: bool
                  ) -> Callable[[Page], bool] | None:
    if not same_setup:
        return None
    if (len(old_index.platforms) != len(new_index.platforms)
            or any(a.data is not b.data for a, b in zip(old_index.platforms,
                                                         new_index.platforms, strict=True))
            or old_index.topics != new_index.topics
            or old_index.jurisdictions != new_index.jurisdictions):
        return None
    old = {c.rel: c for c in old_index.clauses}
    new = {c.rel: c for c in new_index.clauses}
    if old.keys() != new.keys():
        return None
    edited = {new[rel].key for rel in new if new[rel].data is not old[rel].data}
    if any(_shape(old[rel]) != _shape(new[rel]) for rel in new if new[rel].key in edited):
        return None

    def wanted(page: Page) -> bool:
        return page.template != CLAUSE_TEMPLATE or bool(_keys(page.context.values()) & edited)

    return wanted


def _keys(values: Any) -> set[str]:
    """Keys of every analysis a page context shows, in nested tuples, lists and dicts."""
    found: set[str] = set()
    stack = list(values)
    while stack:
        value = stack.pop()
        if isinstance(value, Clause):
            found.add(value.key)
        elif isinstance(value, (tuple, list)):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
    return found
