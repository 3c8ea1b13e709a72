"""Rules excerpt-not-in-source, excerpt-outdated, excerpt-too-short, and dangling-reference
for archives.

A document may keep its archived versions in `analyses/<platform>/sources/<document>/`
(versions.yml and one Markdown file per version; generator/source/archive.py). When it has
any, every excerpt of that document is looked for in them, on word boundaries (whitespace,
quote and dash styles and the archive's Markdown aside; see generator/check/matching.py):

- in the newest complete version (or a partial copy newer than it): verified, nothing said;
- only in older versions: warning excerpt-outdated, with the day the quoted text changed and
  the closest passage of the newest version. It does not stop a build: the clause page says
  that the quoted text has changed and that the analysis is under review;
- in no version: error excerpt-not-in-source, with the closest passage of the newest version,
  how many words are alike and both sides of the first difference.

Each excerpt is looked for once: what is found goes to `corpus.verified`, which the clause
pages, the API and the feeds show. A sources/ folder that names no document of platform.yml
is an error, not a warning: its excerpts would silently go unverified (usually the folder
name has a typo).

    # analyses/acme-cloud/sources/service-terms/versions.yml lists 2026-01-10.md
    excerpt:
      text: We never use Customer Content.   # error[excerpt-not-in-source] ... excerpt:
                                             #   "We never use…" / archive: "We will not use…"

    # 2025-06-01.md says "We will not use …", the newer 2026-01-10.md "We may use …"
    excerpt:
      text: We will not use Customer Content to train models except as you permit.
        # warning[excerpt-outdated] the quoted text changed on 2026-01-10: it is in the version
        #   of 2025-06-01 but not in 2026-01-10.md nor any later version
    excerpt:
      text: Customer Content   # error[excerpt-too-short] an excerpt of 2 words cannot be
                               #   verified: it would occur by chance
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from generator.check import matching, passages
from generator.check.findings import Finding
from generator.check.registry import (
    DANGLING_REFERENCE,
    EXCERPT_NOT_IN_SOURCE,
    EXCERPT_OUTDATED,
    EXCERPT_TOO_SHORT,
)
from generator.model.corpus import AnalysisFile, Corpus
from generator.source.archive import Archive


def check(corpus: Corpus) -> Iterator[Finding]:
    for pid, doc in sorted(corpus.source_folders):
        platform = corpus.platforms.get(pid)
        documents = sorted(d.id for d in platform.model.documents) if platform else []
        # "": a broken id stands in as empty (salvage.py); its schema problem is the one to fix.
        if platform is not None and doc not in documents and "" not in documents:
            close = difflib.get_close_matches(doc, documents, n=1)
            yield Finding(
                f"analyses/{pid}/sources/{doc}",
                (),
                DANGLING_REFERENCE,
                f"sources/{doc}/ names no document of {platform.rel}",
                f"did you mean sources/{close[0]}/?"
                if close
                else f"rename it after one of: {', '.join(documents)}",
            )
    for a in corpus.analyses:
        archive = corpus.archives.get((a.platform, a.model.document))
        if archive is not None and archive.versions:
            yield from _excerpt(corpus, a, archive)


def add_since(corpus: Corpus) -> None:
    """For the site (pipeline.generate, not `check`): each excerpt's verification with the
    version since which the quoted text is unchanged (matching.since)."""
    for a in corpus.analyses:
        found = corpus.verified.get(a.rel)
        archive = corpus.archives.get((a.platform, a.model.document))
        if found is not None and found.since is None and archive is not None:
            corpus.verified[a.rel] = matching.since(archive, found, a.model.excerpt.text)


def _excerpt(corpus: Corpus, a: AnalysisFile, archive: Archive) -> Iterator[Finding]:
    excerpt = a.model.excerpt
    words = len(matching.normalise(excerpt.text).split())
    if words < matching.MIN_WORDS:
        yield Finding(
            a.rel,
            ("excerpt", "text"),
            EXCERPT_TOO_SHORT,
            f"an excerpt of {words} word{'s' if words != 1 else ''} cannot be verified: "
            "it would occur by chance",
            f"quote the clause, at least {matching.MIN_WORDS} words",
        )
        return
    newest = archive.newest_complete or archive.newest
    assert newest is not None  # the archive has versions
    shown = f"{archive.rel}/{newest.file}"
    found = matching.verify(archive, excerpt.text)
    if found is not None:
        corpus.verified[a.rel] = found
        if found.state == "outdated" and found.vanished is not None:
            yield Finding(
                a.rel,
                ("excerpt", "text"),
                EXCERPT_OUTDATED,
                f"the quoted text changed on {found.vanished.date}: it is in the version of "
                f"{found.version.date} but not in {found.vanished.file} nor any later version",
                _hint(archive, excerpt.text, "update the excerpt and the analysis"),
            )
        return
    versions = len(archive.versions)
    older = f" (nor in {versions - 1} older versions)" if versions > 1 else ""
    cut = " (only as part of longer words)" if matching.within_words(archive, excerpt.text) else ""
    yield Finding(
        a.rel,
        ("excerpt", "text"),
        EXCERPT_NOT_IN_SOURCE,
        f"the excerpt does not occur{cut} in {shown}{older}",
        _hint(archive, excerpt.text, "quote the document exactly, or archive the version quoted"),
    )


def _hint(archive: Archive, excerpt: str, fix: str) -> str:
    version = archive.newest_complete or archive.newest
    assert version is not None
    try:
        text = matching.text_of(archive, version)
    except (OSError, ValueError):
        return fix
    found = passages.closest(text, matching.plain(excerpt))
    if found is None:
        return f"no passage of {version.file} has any word of it; {fix}"
    first = "its first " if found.compared < found.words else ""
    alike = f"{found.alike} of {first}{found.compared} words alike"
    if found.alike == found.compared:  # every word is there, but the copy has more
        more = found.length - found.compared
        alike = (
            f"every word of the excerpt is in it, in order, but it has {more or 'some'} "
            f"word{'s' if more != 1 else ''} more"
        )
    return (
        f"the closest passage of {version.file} ({alike}) "
        f'is "{found.text}"; they first differ at word {found.at}: excerpt: '
        f'"{found.excerpt}" / archive: "{found.archive}"; {fix}'
    )
