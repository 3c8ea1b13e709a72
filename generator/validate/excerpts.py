"""Rules excerpt-not-in-source, source-copy, and dangling-reference for archived copies.

A document may keep archived copies of its text at
`analyses/<platform>/sources/<document>/<YYYY-MM-DD>.txt`. When it has any, every excerpt of
that document must occur in one of them (whitespace, quote and dash styles aside; see
generator/sources.py); if not, the error shows the closest passage of the newest copy.
A sources/ folder that names no document of platform.yml is an error, not a warning: its
excerpts would silently go unverified (usually the folder name has a typo).

    # analyses/acme-cloud/sources/service-terms/2026-01-10.txt holds the terms as read that day
    excerpt:
      text: We never train on your data.   # error[excerpt-not-in-source] ... closest passage:
                                           #   "We will not use Customer Content to train ..."
"""

from __future__ import annotations

import difflib
import textwrap
from collections.abc import Iterator

from generator import sources
from generator.corpus import Corpus
from generator.validate.findings import Finding


def check(corpus: Corpus) -> Iterator[Finding]:
    copies: dict[tuple[str, str], list[sources.Copy]] = {}
    for (pid, doc), paths in sorted(corpus.source_copies.items()):
        platform = corpus.platforms.get(pid)
        documents = sorted(d.id for d in platform.model.documents) if platform else []
        if platform is not None and doc not in documents:
            close = difflib.get_close_matches(doc, documents, n=1)
            yield Finding(
                f"analyses/{pid}/sources/{doc}",
                (),
                "dangling-reference",
                f"sources/{doc}/ names no document of {platform.rel}",
                f"did you mean sources/{close[0]}/?"
                if close
                else f"rename it after one of: {', '.join(documents)}",
            )
            continue
        found = copies.setdefault((pid, doc), [])
        for path in paths:
            try:
                found.append(sources.read_copy(path))
            except (ValueError, UnicodeDecodeError) as exc:
                yield Finding(
                    path.relative_to(corpus.root).as_posix(),
                    (),
                    "source-copy",
                    f"this archived copy cannot be used: {exc}",
                    "save the document's text as UTF-8 in <YYYY-MM-DD>.txt, named "
                    "after the day it was read",
                )
    for a in corpus.analyses:
        held = copies.get((a.platform, a.model.document))
        if not held or sources.find(held, a.model.excerpt.text, corpus.root) is not None:
            continue
        newest = sources.newest_first(held)[0]
        score, passage = sources.closest(newest.text, a.model.excerpt.text)
        older = f" (nor in {len(held) - 1} older copies)" if len(held) > 1 else ""
        yield Finding(
            a.rel,
            ("excerpt", "text"),
            "excerpt-not-in-source",
            f"the excerpt does not occur in "
            f"{newest.path.relative_to(corpus.root).as_posix()}{older}",
            f"the closest passage ({score:.0%} alike) is "
            f'"{textwrap.shorten(passage, 300)}"; quote the document exactly, or '
            "archive a newer copy of it",
        )
