"""What a search result says about an analysis besides its title: platform, topic, short
answer and rating, as Pagefind metadata (issue 16).

Metadata, not Pagefind filters: Pagefind writes its filter files in an order that changes
from one run to the next (two builds of one input differed: tests/test_reproducible.py), and
the search box filters nothing; Explore is where analyses are filtered.

The same element goes into the clause page (the full index) and into its page of the quick
index (postbuild/quick.py), so both indexes return the same fields and assets/search.js shows
them whichever index found the page. It is ignored as text (`data-pagefind-ignore`: the page
says all of it already) but Pagefind still reads metadata inside it.
"""

from __future__ import annotations

from markupsafe import Markup

from generator.model.index import Clause
from generator.site import markup
from generator.site.labels import RATING_LABELS


def fields(c: Clause) -> list[tuple[str, str]]:
    out = [("platform", c.platform.data.name), ("topic", c.topic.title)]
    if c.answer_label is not None:
        out.append(("answer", c.answer_label))
    out.append(("rating", RATING_LABELS[c.rating]))
    return out


def html(c: Clause) -> Markup:
    """A hidden element carrying the fields, every authored value escaped."""
    spans = "".join(
        f'<span data-pagefind-meta="{name}">{markup.inline(value)}</span>'
        for name, value in fields(c)
    )
    return Markup(f'<span class="cb-search-meta" hidden data-pagefind-ignore>{spans}</span>')
