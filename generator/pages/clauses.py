"""One page per published analysis, with its cross-platform context."""

from __future__ import annotations

from collections.abc import Iterator

from generator.index import Clause, Index
from generator.model import slug
from generator.pages import Page
from generator.settings import Settings

# Other platforms' analyses of the same topic listed on a clause page; the topic page lists all.
# Listing every one made each page grow with the corpus: the site with the square of it.
# Those shown are the ones that follow this analysis in the topic's order (wrapping round), so
# each analysis is shown on a handful of pages, not on all of its topic's (serve re-renders
# the pages that show an edited analysis).
OTHERS_SHOWN = 5


def _following(index: Index, c: Clause, others: tuple[Clause, ...]) -> tuple[Clause, ...]:
    if len(others) <= OTHERS_SHOWN:
        return others
    topic = index.by_topic[c.topic.id]
    at = next(i for i, o in enumerate(topic) if o is c)
    after = [o for o in topic[at + 1 :] + topic[:at] if o.platform.id != c.platform.id]
    shown = {o.key for o in after[:OTHERS_SHOWN]}
    return tuple(o for o in others if o.key in shown)


def pages(index: Index, settings: Settings) -> Iterator[Page]:
    jurisdictions = {j.code: j for j in index.jurisdictions}
    for c in index.clauses:
        others = index.others_on_topic(c)
        yield Page(
            c.path,
            "clause.md.j2",
            {
                "clause": c,
                "flags": [
                    (f, jurisdictions[f.code], f"jurisdictions/{slug(f.code)}.md")
                    for f in c.data.jurisdictions
                ],
                "others": _following(index, c, others),
                "others_total": len(others),
                "related": [index.by_key[k] for k in c.data.related if k in index.by_key],
                "disclaimer": settings.disclaimer,
                "page_url": settings.url(c.url),
                "site_name": settings.site_name,
            },
            c.rel,
        )
