"""Home page: counts, recent changes, highest-exposure analyses, entry points."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from markupsafe import Markup

from generator.model import routes
from generator.model.index import Index
from generator.settings import Settings
from generator.site import charts
from generator.site.page import Page


def pages(index: Index, settings: Settings) -> Iterator[Page]:
    yield Page(routes.HOME, "home.md.j2", partial(_context, index, settings), "content/index.md")


def _context(index: Index, settings: Settings) -> dict[str, Any]:
    return {
        "counts": {
            "analyses": len(index.clauses),
            "platforms": len(index.platforms),
            "topics": len(index.by_topic),
            "jurisdictions": len(index.by_jurisdiction),
        },
        "ratings": index.rating_counts(index.clauses),
        # The questions readers bring, each a link to every platform's answer (issue 16).
        "questions": [(t, len(index.platforms_on_topic(t))) for t in index.topics if t.question],
        "platform_total": len(index.platforms),
        "highlights": index.highest_exposure(settings.home_highlights),
        "changes": index.changes[: settings.home_changes],
        "intro": Markup(settings.home_intro),
        "chart": charts.rating_distribution(
            "cb-chart-corpus", index.rating_counts(index.clauses), "all analyses"
        ),
    }
