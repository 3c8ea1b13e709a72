"""Rules excerpt-not-in-source, excerpt-too-short, source-copy, and dangling-reference for
archived copies.

A document may keep archived copies of its text at
`analyses/<platform>/sources/<document>/<YYYY-MM-DD>.txt`. When it has any, every excerpt of
that document must occur in one of them, on word boundaries (whitespace, quote and dash styles
aside; see generator/sources.py); if not, the error shows the closest passage of the newest
copy, how many words are alike and where the two first differ. Each excerpt is looked for
once: what is found goes to `corpus.verified`, which the clause pages show.

A copy's name is the day it was read: a real date, not after today (anywhere on Earth), not
before the web. An excerpt retrieved after the newest copy was read was verified against an
older text than its author saw (a warning). A sources/ folder that names no document of
platform.yml is an error, not a warning: its excerpts would silently go unverified (usually
the folder name has a typo).

    # analyses/acme-cloud/sources/service-terms/2026-01-10.txt holds the terms as read that day
    excerpt:
      text: We never use Customer Content.   # error[excerpt-not-in-source] ... excerpt:
                                             #   "We never use…" / archive: "We will not use…"
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from generator import passages, sources
from generator.corpus import AnalysisFile, Corpus
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
        if len(paths) > sources.MAX_COPIES:
            yield Finding(
                f"analyses/{pid}/sources/{doc}",
                (),
                "source-copy",
                f"{len(paths)} archived copies; a document keeps at most {sources.MAX_COPIES}",
                "delete the oldest: git's history keeps them",
            )
            continue
        for path in paths:
            try:
                found.append(sources.read_copy(path))
            except (ValueError, UnicodeDecodeError, OSError) as exc:
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
        if held:
            yield from _excerpt(corpus, a, held)


def _excerpt(corpus: Corpus, a: AnalysisFile, held: list[sources.Copy]) -> Iterator[Finding]:
    excerpt = a.model.excerpt
    newest = sources.newest_first(held)[0]
    if excerpt.retrieved > newest.date:
        yield Finding(
            a.rel,
            ("excerpt", "retrieved"),
            "source-copy",
            f"the excerpt was retrieved on {excerpt.retrieved}, after the newest archived copy "
            f"({newest.date}): it is verified against an older text than the one quoted",
            f"archive the document as it read on {excerpt.retrieved}",
            severity="warning",
        )
    words = len(sources.normalise(excerpt.text).split())
    if words < sources.MIN_WORDS:
        yield Finding(
            a.rel,
            ("excerpt", "text"),
            "excerpt-too-short",
            f"an excerpt of {words} word{'s' if words != 1 else ''} cannot be verified: "
            "it would occur by chance",
            f"quote the clause, at least {sources.MIN_WORDS} words",
        )
        return
    verified = sources.find(held, excerpt.text, corpus.root)
    if verified is not None:
        corpus.verified[a.rel] = verified
        return
    older = f" (nor in {len(held) - 1} older copies)" if len(held) > 1 else ""
    cut = " (only as part of longer words)" if sources.only_within_words(held, excerpt.text) else ""
    yield Finding(
        a.rel,
        ("excerpt", "text"),
        "excerpt-not-in-source",
        f"the excerpt does not occur{cut} in "
        f"{newest.path.relative_to(corpus.root).as_posix()}{older}",
        _hint(newest.text, excerpt.text),
    )


def _hint(text: str, excerpt: str) -> str:
    fix = "quote the document exactly, or archive a newer copy of it"
    found = passages.closest(text, sources.normalise(excerpt))
    if found is None:
        return f"no passage of the copy has any word of it; {fix}"
    first = "its first " if found.compared < found.words else ""
    return (
        f"the closest passage ({found.alike} of {first}{found.compared} words alike) is "
        f'"{found.text}"; they first differ at word {found.at}: excerpt: "{found.excerpt}" / '
        f'archive: "{found.archive}"; {fix}'
    )
