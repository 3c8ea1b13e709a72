"""Reading a built site's Pagefind index as the browser does: every page's indexed record."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

_SIGNATURE = b"pagefind_dcd"


def fragments(site: Path) -> list[dict[str, Any]]:
    """Every indexed page's record (url, content, meta), from all index parts."""
    records = []
    for path in sorted(site.glob("pagefind*/**/*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(_SIGNATURE), path
        records.append(json.loads(data[len(_SIGNATURE) :]))
    return records
