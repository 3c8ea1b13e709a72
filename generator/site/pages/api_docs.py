"""The "JSON API and feeds" page: every machine-readable file the site publishes, with
absolute addresses for this site and a real platform as the example."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from generator.export import api, feeds
from generator.export import schema as authoring
from generator.model import routes
from generator.model.index import Index
from generator.settings import Settings
from generator.site.page import Page


def pages(index: Index, settings: Settings) -> Iterator[Page]:
    yield Page(
        routes.API_DOCS, "api.md.j2", partial(_context, index, settings), "site_templates/api.md.j2"
    )


def _context(index: Index, settings: Settings) -> dict[str, Any]:
    example = index.platforms[0].id if index.platforms else "PLATFORM"
    schema = routes.API_SCHEMAS + "/"
    endpoints = [
        (
            routes.API_ANALYSES,
            "Every published analysis, compact, with its page URL; "
            "every platform with its counts and links.",
            schema + "api-analyses.schema.json",
        ),
        (
            routes.platform_api(example),
            "One platform with its documents and its analyses in full (every authored field).",
            schema + "api-platform.schema.json",
        ),
        (
            routes.API_COMPARE,
            "The Compare table: every platform on every topic, analysed, not addressed in its "
            "terms or not yet analysed, with the short answer and rating.",
            schema + "api-compare.schema.json",
        ),
        (routes.COMPARE_CSV, "The same table as CSV, for spreadsheets.", ""),
        (routes.FEED, "Atom feed of the newest changes of clauses and documents.", ""),
        (routes.platform_feed(example), "Atom feed of one platform's newest changes.", ""),
    ]
    return {
        "endpoints": [
            (settings.url(path), text, settings.url(s) if s else "") for path, text, s in endpoints
        ],
        "schemas": [settings.url(schema + name) for name in (*api.SCHEMAS, *authoring.SCHEMAS)],
        "site_entries": feeds.SITE_ENTRIES,
        "platform_entries": feeds.PLATFORM_ENTRIES,
    }
