"""Rule link-scheme (warning): links in authored text must be http(s), mailto or relative, and
an http(s) address must pass the rule the URL fields pass (generator/model/urls.py).

Such a link is never made clickable — the page shows its label and address as text — but the
author most likely meant something else, so `check` says so.

    summary: See [the terms](javascript:alert(1)).   # warning[link-scheme]
    summary: See [the terms](/\\evil.example/).        # warning[link-scheme]: another site
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.check.fields import iter_model_fields, may_hold
from generator.check.findings import Finding
from generator.check.registry import LINK_SCHEME
from generator.model.corpus import Corpus
from generator.model.urls import link_problem

# `](address` of a link and `<scheme://…>` of an autolink, as the Markdown subset reads them.
_LINK = re.compile(r"\]\(\s*(?:<([^<>\n]*)>|([^)\s]*))|<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>")


def check(corpus: Corpus) -> Iterator[Finding]:
    for a in corpus.analyses:
        if not may_hold(corpus.texts.get(a.rel), lambda t: "](" in t or "<" in t):
            continue
        for path, value in iter_model_fields(a.model):
            if value.__class__ is not str or ("](" not in value and "<" not in value):
                continue
            for match in _LINK.finditer(value):
                url = next(g for g in match.groups() if g is not None)
                problem = link_problem(url)
                if problem:
                    yield Finding(
                        a.rel,
                        path,
                        LINK_SCHEME,
                        f"link to '{url[:80]}' {problem}; it will be shown as text",
                        "link to an https:// address as the browser shows it",
                    )
