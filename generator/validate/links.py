"""Rule link-scheme (warning): links in authored text must be http(s), mailto or relative.

Such a link is never made clickable — the page shows its label and address as text — but the
author most likely meant something else, so `check` says so.

    summary: See [the terms](javascript:alert(1)).   # warning[link-scheme]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.corpus import Corpus
from generator.markup import is_safe_url
from generator.validate.fields import iter_model_fields
from generator.validate.findings import Finding

_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")


def check(corpus: Corpus) -> Iterator[Finding]:
    for a in corpus.analyses:
        for path, value in iter_model_fields(a.model):
            if not isinstance(value, str) or "](" not in value:
                continue
            for url in _LINK.findall(value):
                if not is_safe_url(url):
                    yield Finding(
                        a.rel,
                        path,
                        "link-scheme",
                        f"link to '{url[:80]}' is not http(s), mailto or relative; "
                        "it will be shown as text",
                        "link to an https:// address",
                        severity="warning",
                    )
