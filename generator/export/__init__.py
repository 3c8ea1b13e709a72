"""Stage 5, export: the index → the site's machine-readable files, as `path → bytes`.

The static JSON API (`api/v1/…`), its JSON Schemas and the authoring schemas
(`api/v1/schema/…`), and the Atom feeds. `render.render_site` writes these beside the pages
(with the same write-if-changed rule) and MkDocs copies them into the site as static files.
JSON has sorted keys and a trailing newline; nothing depends on the clock.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from generator.export import api, feeds, schema, tables
from generator.model import routes
from generator.model.index import Index
from generator.settings import Settings


def dump_json(data: Any) -> bytes:
    # Compact separators: analyses.json lists every analysis; integrators read it with tools.
    return (
        json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"
    ).encode()


def _model(doc: BaseModel) -> bytes:
    return dump_json(doc.model_dump(mode="json"))


@functools.cache  # generated from the classes, which do not change while the process runs
def api_schemas() -> dict[str, str]:
    """Schema file name → text: the API documents' schemas and the authoring schemas."""
    out = {name: schema.schema_text(model, name) for name, model in api.SCHEMAS.items()}
    out.update(schema.expected_schemas())
    return out


def export(index: Index, settings: Settings, previous: Exported | None = None) -> dict[str, bytes]:
    """`previous` (serve, same settings, after an edit of analyses' text only: see
    site/incremental.py): a platform whose platform and analysis models are the very objects
    of the last export keeps its API document and feed from it, and Compare, which shows no
    text of an analysis (answers, ratings, coverage), is kept whole."""
    same = previous.unchanged(index) if previous is not None else set()
    kept = previous.files if previous is not None else {}
    files = {routes.API_ANALYSES: _model(api.analyses_document(index, settings))}
    if previous is not None:
        files[routes.API_COMPARE] = kept[routes.API_COMPARE]
        files[routes.COMPARE_CSV] = kept[routes.COMPARE_CSV]
    else:
        compare = api.compare_document(index, settings)
        files[routes.API_COMPARE] = _model(compare)
        files[routes.COMPARE_CSV] = tables.compare_csv(compare)
    for p in index.platforms:
        path = routes.platform_api(p.id)
        if p.id in same:
            files[path] = kept[path]
            files[routes.platform_feed(p.id)] = kept[routes.platform_feed(p.id)]
        else:
            files[path] = _model(api.platform_document(index, p, settings))
    for name, text in api_schemas().items():
        files[routes.api_schema(name)] = text.encode()
    files.update(feeds.feeds(index, settings, skip=same))
    return dict(sorted(files.items()))


@dataclass(frozen=True)
class Exported:
    """What `export` wrote for an index; serve keeps it for the next rebuild."""

    index: Index
    files: dict[str, bytes]

    def unchanged(self, index: Index) -> set[str]:
        """Ids of platforms whose model objects (the platform's and its analyses') are the
        same as in this export's index: the model memo hands out the same object for an
        unchanged file, so identity is equality here."""
        before = {p.id: p.data for p in self.index.platforms}
        return {
            p.id
            for p in index.platforms
            if before.get(p.id) is p.data
            and _same_objects(
                [c.data for c in self.index.by_platform.get(p.id, ())],
                [c.data for c in index.by_platform.get(p.id, ())],
            )
        }


def _same_objects(a: list[object], b: list[object]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))
