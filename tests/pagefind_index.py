"""Reading a built site's Pagefind index as the browser does: every page's indexed record."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

_SIGNATURE = b"pagefind_dcd"


def fragments(site: Path, quick: bool = False) -> list[dict[str, Any]]:
    """Every indexed page's record (url, content, meta): from all parts of the full index, or
    from the quick index of titles and summaries (pagefind/quick/)."""
    records = []
    bundle = site / "pagefind"
    paths = (bundle / "quick").rglob("*.pf_fragment") if quick else bundle.rglob("*.pf_fragment")
    for path in sorted(paths):
        if not quick and "quick" in path.relative_to(bundle).parts:
            continue
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(_SIGNATURE), path
        records.append(json.loads(data[len(_SIGNATURE) :]))
    return records
