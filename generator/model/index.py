"""Stage 3, model/index: the validated corpus → what the site shows, grouped and sorted.

Only published analyses are indexed (`serve` adds the drafts, marked). Templates format;
every grouping, count and sort order is decided here, deterministically. The change list the
index carries (`Index.changes`) is built by changes.py.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from generator.model import routes
from generator.model.authoring import (
    Analysis,
    AnswerForm,
    Document,
    Jurisdiction,
    NotAddressed,
    Platform,
    Topic,
    slug,
)
from generator.model.changes import ChangeEntry, change_entries
from generator.model.corpus import AnalysisFile, Corpus
from generator.model.documents import SourceDocument, source_document
from generator.model.verification import Verification
from generator.source.archive import Archive
from generator.source.archive import State as ArchiveState

RATINGS = ("high", "medium", "low")  # display order: most exposed first


@dataclass(frozen=True)
class PlatformEntry:
    id: str
    rel: str
    data: Platform
    drafts_hidden: int = 0
    """Its analyses with `status: draft` that this build leaves out (a build: all of them;
    `serve`: none), so its page can say so rather than show fewer analyses unexplained."""

    @property
    def path(self) -> str:
        return routes.platform(self.id)


@dataclass(frozen=True)
class Clause:
    """An analysis with its platform, document and topic resolved: a published one (and, in
    `serve`, a draft)."""

    id: str
    rel: str
    data: Analysis
    platform: PlatformEntry
    document: Document
    topic: Topic
    verification: Verification | None = None  # the archived version holding the excerpt
    archive: Archive | None = None  # the archived versions of its document (None: no folder)

    @property
    def archive_state(self) -> ArchiveState:
        """complete, partial or absent: what the excerpt could be checked against."""
        return self.archive.state if self.archive is not None else "absent"

    @property
    def key(self) -> str:
        return f"{self.platform.id}/{self.id}"

    @property
    def draft(self) -> bool:
        """A draft: only `serve` shows it, under a banner."""
        return self.data.status == "draft"

    @property
    def path(self) -> str:
        return routes.analysis(self.platform.id, self.id)

    @property
    def url(self) -> str:
        return routes.url(self.path)

    @property
    def rating(self) -> str:
        return self.data.exposure.rating

    @property
    def last_change(self) -> dt.date:
        return self.data.history[-1].date

    @property
    def answer_label(self) -> str | None:
        """The short answer as a reader sees it, or None when the topic asks no question."""
        a, form = self.data.answer, self.topic.answer
        return None if a is None or form is None else answer_label(form, a.value)

    @property
    def answer_key(self) -> str:
        """The answer as a filter value: a choice's id, a number of days, or the phrase
        folded to lower case ("" when there is none)."""
        a = self.data.answer
        return "" if a is None else str(a.value).casefold()

    @property
    def legend(self) -> str | None:
        """What this analysis's rating means for its topic (the topic's `ratings`)."""
        r = self.topic.ratings
        return None if r is None else getattr(r, self.rating)


def answer_label(form: AnswerForm, value: int | str) -> str:
    """A choice's label, a special value's label, "N days", or the phrase itself."""
    for choice in (*form.choices, *form.special):
        if choice.value == value:
            return choice.label
    if form.kind == "days" and isinstance(value, int):
        return f"{value} day" if value == 1 else f"{value} days"
    return str(value)


@dataclass(frozen=True)
class Coverage:
    """One platform on one topic: analysed, not addressed by its terms (an authored finding,
    with the documents read), or not yet analysed (no analysis and no finding: a gap in
    this site's coverage, not a fact about the platform)."""

    platform: PlatformEntry
    topic: Topic
    clauses: tuple[Clause, ...]
    finding: NotAddressed | None

    @property
    def state(self) -> str:
        if self.clauses:
            return "analysed"
        return "not-addressed" if self.finding is not None else "not-analysed"

    @property
    def documents(self) -> tuple[Document, ...]:
        """The documents a not-addressed finding says were read, in the platform's order."""
        if self.finding is None:
            return ()
        read = set(self.finding.documents)
        return tuple(d for d in self.platform.data.documents if d.id in read)


@dataclass(frozen=True)
class Index:
    platforms: tuple[PlatformEntry, ...]
    clauses: tuple[Clause, ...]
    topics: tuple[Topic, ...]
    jurisdictions: tuple[Jurisdiction, ...]
    by_platform: Mapping[str, tuple[Clause, ...]]
    by_topic: Mapping[str, tuple[Clause, ...]]
    by_jurisdiction: Mapping[str, tuple[Clause, ...]]
    by_key: Mapping[str, Clause]
    changes: tuple[ChangeEntry, ...]  # newest first
    documents: tuple[SourceDocument, ...] = ()  # documents with archived versions
    sources: Mapping[str, SourceDocument] = field(default_factory=dict)  # "platform/document"

    def rating_counts(self, clauses: tuple[Clause, ...]) -> dict[str, int]:
        counts = dict.fromkeys(RATINGS, 0)
        for c in clauses:
            counts[c.rating] += 1
        return counts

    def by_document(self, platform: PlatformEntry) -> list[tuple[Document, tuple[Clause, ...]]]:
        clauses = self.by_platform.get(platform.id, ())
        return [
            (d, tuple(c for c in clauses if c.document.id == d.id)) for d in platform.data.documents
        ]

    def platforms_on_topic(self, topic: Topic) -> tuple[PlatformEntry, ...]:
        seen = {c.platform.id for c in self.by_topic.get(topic.id, ())}
        return tuple(p for p in self.platforms if p.id in seen)

    def coverage(self, platform: PlatformEntry, topic: Topic) -> Coverage:
        clauses = tuple(c for c in self.by_platform.get(platform.id, ()) if c.topic.id == topic.id)
        finding = next((n for n in platform.data.not_addressed if n.topic == topic.id), None)
        return Coverage(platform, topic, clauses, finding)

    def topic_coverage(self, topic: Topic) -> tuple[Coverage, ...]:
        """Every platform on `topic`, in platform order."""
        return tuple(self.coverage(p, topic) for p in self.platforms)

    def platform_coverage(self, platform: PlatformEntry) -> tuple[Coverage, ...]:
        """`platform` on every topic, in topic order."""
        return tuple(self.coverage(platform, t) for t in self.topics)

    def highest_exposure(self, limit: int) -> tuple[Clause, ...]:
        return tuple(sorted(self.clauses, key=exposure_rank)[:limit])


def exposure_rank(c: Clause) -> tuple[int, int, str]:
    """The sort key of "highest exposure first": rating, then the newest change, then key."""
    return (RATINGS.index(c.rating), -c.last_change.toordinal(), c.key)


def build_index(corpus: Corpus, *, drafts: bool = False) -> Index:
    """With `drafts` (serve), analyses with `status: draft` are in it; else they are left out
    and counted on their platform."""
    hidden = Counter(a.platform for a in corpus.analyses if a.model.status == "draft")
    platforms = {
        pid: PlatformEntry(pid, p.rel, p.model, 0 if drafts else hidden[pid])
        for pid, p in corpus.platforms.items()
    }
    topics = {t.id: t for t in corpus.topics}
    clauses = []
    for a in corpus.analyses:
        if a.model.status != "published" and not drafts:
            continue
        platform = platforms[a.platform]
        document = next(d for d in platform.data.documents if d.id == a.model.document)
        clauses.append(
            Clause(
                a.id,
                a.rel,
                a.model,
                platform,
                document,
                topics[a.model.topic],
                _verification(corpus, a),
                corpus.archives.get((a.platform, a.model.document)),
            )
        )
    clauses.sort(
        key=lambda c: (
            c.platform.data.name.casefold(),
            c.platform.id,
            c.data.title.casefold(),
            c.id,
        )
    )
    ordered_platforms = tuple(
        sorted(platforms.values(), key=lambda p: (p.data.name.casefold(), p.id))
    )

    def group(keys_of: Callable[[Clause], Iterable[str]]) -> Mapping[str, tuple[Clause, ...]]:
        groups: dict[str, list[Clause]] = {}
        for c in clauses:
            for k in keys_of(c):
                groups.setdefault(k, []).append(c)
        return MappingProxyType({k: tuple(v) for k, v in sorted(groups.items())})

    documents = tuple(
        source_document(p.id, d, archive)
        for p in ordered_platforms
        for d in p.data.documents
        if (archive := corpus.archives.get((p.id, d.id))) is not None and archive.versions
    )
    return Index(
        platforms=ordered_platforms,
        clauses=tuple(clauses),
        topics=tuple(sorted(corpus.topics, key=lambda t: t.title.casefold())),
        jurisdictions=tuple(sorted(corpus.jurisdictions, key=lambda j: j.code)),
        by_platform=group(lambda c: [c.platform.id]),
        by_topic=group(lambda c: [c.topic.id]),
        by_jurisdiction=group(lambda c: sorted({slug(f.code) for f in c.data.jurisdictions})),
        by_key=MappingProxyType({c.key: c for c in clauses}),
        changes=change_entries(ordered_platforms, clauses, documents),
        documents=documents,
        sources=MappingProxyType({d.key: d for d in documents}),
    )


def _verification(corpus: Corpus, a: AnalysisFile) -> Verification | None:
    """Found once, by the excerpt rule (validate/excerpts.py), which stops the build if an
    excerpt of a document with archived copies is in none of them."""
    return corpus.verified.get(a.rel)


__all__ = [
    "RATINGS",
    "Clause",
    "Coverage",
    "Index",
    "PlatformEntry",
    "build_index",
    "exposure_rank",
]
