"""One page per published analysis, with its cross-platform context."""

from __future__ import annotations

from collections.abc import Iterator

from generator.index import Index
from generator.model import slug
from generator.pages import Page
from generator.settings import Settings

# Other platforms' analyses of the same topic listed on a clause page; the topic page lists all.
# Listing every one made each page grow with the corpus: the site with the square of it.
OTHERS_SHOWN = 5


def pages(index: Index, settings: Settings) -> Iterator[Page]:
    jurisdictions = {j.code: j for j in index.jurisdictions}
    for c in index.clauses:
        others = index.others_on_topic(c)
        yield Page(c.path, "clause.md.j2", {
            "clause": c,
            "flags": [(f, jurisdictions[f.code], f"jurisdictions/{slug(f.code)}.md")
                      for f in c.data.jurisdictions],
            "others": others[:OTHERS_SHOWN],
            "others_total": len(others),
            "related": [index.by_key[k] for k in c.data.related if k in index.by_key],
            "disclaimer": settings.disclaimer,
        }, c.rel)
