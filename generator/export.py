"""Stage 5, export: the index → the site's machine-readable files, as `path → bytes`.

The static JSON API (`api/v1/…`), its JSON Schemas and the authoring schemas
(`api/v1/schema/…`), and the Atom feeds. `render.render_site` writes these beside the pages
(with the same write-if-changed rule) and MkDocs copies them into the site as static files.
JSON has sorted keys and a trailing newline; nothing depends on the clock.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from pydantic import BaseModel

from generator import api, schema
from generator.feeds import feeds
from generator.index import Index
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


def export(index: Index, settings: Settings) -> dict[str, bytes]:
    files = {f"{api.ROOT}/analyses.json": _model(api.analyses_document(index, settings))}
    for p in index.platforms:
        files[api.platform_api_path(p.id)] = _model(api.platform_document(index, p, settings))
    for name, text in api_schemas().items():
        files[f"{api.ROOT}/schema/{name}"] = text.encode()
    files.update(feeds(index, settings))
    return dict(sorted(files.items()))
