"""Is every authored string in the JSON export? For "every authored word kept" tests.

The export (site/api/v1/platforms/<platform>.json, built on another branch) must carry each
text value of a platform's YAML files unchanged, as a JSON string. `missing_from_exports`
returns None while a site has no export at all, so tests can say so (skip) instead of passing
silently; once the export is merged, the merger should make it required.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

EXPORTS = "api/v1/platforms"


def strings(node: object) -> set[str]:
    """Every string value (not key) anywhere in parsed YAML or JSON."""
    if isinstance(node, dict):
        return {s for v in node.values() for s in strings(v)}
    if isinstance(node, list):
        return {s for v in node for s in strings(v)}
    return {node} if isinstance(node, str) else set()


def export_strings(site: Path) -> dict[str, set[str]] | None:
    """platform id → the strings of its JSON export; None if the site has no export."""
    folder = site / EXPORTS
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    if not files:
        return None
    return {f.stem: strings(json.loads(f.read_text(encoding="utf-8"))) for f in files}


def missing_from_exports(site: Path, texts: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (platform, text) pairs whose text is not a string of that platform's export."""
    exports = export_strings(site) or {}
    return [(p, t) for p, t in texts if t not in exports.get(p, set())]
