"""Stage 5, export (API): the index → the static JSON API's documents, as pydantic models.

The models are the API's contract: `/api/v1/schema/` publishes their JSON Schemas beside the
documents, and each document is the `model_dump(mode="json")` of one of them. Authored text is
raw text here (JSON escaping only): the API hands data to programs, not to browsers.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from generator.model import routes
from generator.model.authoring import Analysis, Platform
from generator.model.fieldtypes import ClauseRef, Id, Rating
from generator.model.index import Clause, Index, PlatformEntry
from generator.settings import Settings

VERSION = routes.API_VERSION


class ApiModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PlatformRef(ApiModel):
    """One platform in the analyses index."""

    id: Id
    name: str
    vendor: str
    analyses: int  # published analyses of this platform
    url: str  # the platform's page
    api_url: str  # /api/v1/platforms/<id>.json
    feed_url: str  # the platform's Atom feed


class ExcerptState(ApiModel):
    """What the excerpt was checked against (generator/check/excerpts.py): never "verified"
    without the archived version it was found in."""

    state: Literal["current", "outdated", "unverified"]
    """current: in the newest complete archived version; outdated: only in older versions,
    the analysis is under review; unverified: its document has no archived version."""
    archive: Literal["complete", "partial", "absent"]  # its document's archive
    version: dt.date | None  # the newest archived version holding the excerpt
    version_file: str | None  # that version's file, from the repository's root
    sha256: str | None  # of that file
    complete: bool | None  # that version is a complete copy (not declared partial)
    unchanged_since: dt.date | None  # the quoted text is the same in every version since
    changed: dt.date | None  # outdated: the day of the version that no longer holds it
    diff_url: str | None  # outdated: the page of that change, when it has one
    text_url: str | None  # the page of the newest archived text, the excerpt highlighted
    versions_url: str | None  # the page listing the document's versions


class AnalysisRef(ApiModel):
    """One published analysis, compact: enough to list, filter and link to it."""

    id: ClauseRef  # "<platform>/<clause>", the form `related:` uses
    platform: Id
    clause: Id
    title: str
    document: Id
    topic: Id
    topic_title: str
    rating: Rating
    answer: int | str | None  # the short answer's value (topics.yml defines the form)
    answer_label: str | None  # the answer as the site shows it, e.g. "Yes, unless you opt out"
    answer_reason: str | None
    summary: str
    reviewed: dt.date
    last_change: dt.date
    url: str  # the analysis page
    source: str  # the YAML file in the repository
    excerpt_state: ExcerptState


class AnalysesDocument(ApiModel):
    """/api/v1/analyses.json"""

    api_version: Literal["v1"]
    site_url: str
    updated: dt.date | None  # date of the newest change of any clause or document
    platforms: tuple[PlatformRef, ...]
    analyses: tuple[AnalysisRef, ...]


class PublishedAnalysis(Analysis):
    """An analysis in full: every authored field, plus where it lives."""

    id: ClauseRef
    clause: Id
    topic_title: str
    url: str
    source: str
    excerpt_state: ExcerptState


class PlatformDocument(ApiModel):
    """/api/v1/platforms/<platform>.json"""

    api_version: Literal["v1"]
    id: Id
    url: str
    feed_url: str
    source: str  # the platform.yml file in the repository
    platform: Platform
    analyses: tuple[PublishedAnalysis, ...]


class CompareCell(ApiModel):
    """One platform on one topic (one analysis of it, when there are several)."""

    platform: Id
    platform_name: str
    topic: Id
    topic_title: str
    question: str | None
    coverage: Literal["analysed", "not-addressed", "not-analysed"]
    analysis: ClauseRef | None
    answer: int | str | None
    answer_label: str | None
    rating: Rating | None
    url: str | None  # the analysis page


class CompareDocument(ApiModel):
    """/api/v1/compare.json: the Compare page's table, a row per platform and topic."""

    api_version: Literal["v1"]
    site_url: str
    cells: tuple[CompareCell, ...]


SCHEMAS: dict[str, type[BaseModel]] = {
    "api-analyses.schema.json": AnalysesDocument,
    "api-platform.schema.json": PlatformDocument,
    "api-compare.schema.json": CompareDocument,
}


def _platform_ref(index: Index, p: PlatformEntry, settings: Settings) -> PlatformRef:
    return PlatformRef(
        id=p.id,
        name=p.data.name,
        vendor=p.data.vendor,
        analyses=len(index.by_platform.get(p.id, ())),
        url=settings.url(routes.url(p.path)),
        api_url=settings.url(routes.platform_api(p.id)),
        feed_url=settings.url(routes.platform_feed(p.id)),
    )


def excerpt_state(index: Index, c: Clause, settings: Settings) -> ExcerptState:
    v = c.verification
    source = index.sources.get(f"{c.platform.id}/{c.document.id}")
    change = source.change_of(v.vanished) if source is not None and v is not None else None
    return ExcerptState(
        state=v.state if v is not None else "unverified",
        archive=c.archive_state,
        version=v.version.date if v else None,
        version_file=v.rel if v else None,
        sha256=v.version.sha256 if v else None,
        complete=v.complete if v else None,
        unchanged_since=(v.since or v.version).date if v else None,
        changed=v.vanished.date if v and v.vanished else None,
        diff_url=settings.url(routes.url(change.path)) if change else None,
        text_url=settings.url(routes.url(source.text_path)) if source else None,
        versions_url=settings.url(routes.url(source.path)) if source else None,
    )


def _analysis_ref(index: Index, c: Clause, settings: Settings) -> AnalysisRef:
    return AnalysisRef(
        id=c.key,
        platform=c.platform.id,
        clause=c.id,
        title=c.data.title,
        document=c.document.id,
        topic=c.topic.id,
        topic_title=c.topic.title,
        rating=c.rating,
        answer=c.data.answer.value if c.data.answer else None,
        answer_label=c.answer_label,
        answer_reason=c.data.answer.reason if c.data.answer else None,
        summary=c.data.summary,
        reviewed=c.data.reviewed,
        last_change=c.last_change,
        url=settings.url(c.url),
        source=c.rel,
        excerpt_state=excerpt_state(index, c, settings),
    )


def analyses_document(index: Index, settings: Settings) -> AnalysesDocument:
    return AnalysesDocument(
        api_version=VERSION,
        site_url=settings.url(),
        updated=index.changes[0].date if index.changes else None,
        platforms=tuple(_platform_ref(index, p, settings) for p in index.platforms),
        analyses=tuple(_analysis_ref(index, c, settings) for c in index.clauses),
    )


def compare_document(index: Index, settings: Settings) -> CompareDocument:
    cells = []
    for p in index.platforms:
        for cov in index.platform_coverage(p):
            common = {
                "platform": p.id,
                "platform_name": p.data.name,
                "topic": cov.topic.id,
                "topic_title": cov.topic.title,
                "question": cov.topic.question,
                "coverage": cov.state,
            }
            if not cov.clauses:
                cells.append(
                    CompareCell(
                        **common,
                        analysis=None,
                        answer=None,
                        answer_label=None,
                        rating=None,
                        url=None,
                    )
                )
            for c in cov.clauses:
                cells.append(
                    CompareCell(
                        **common,
                        analysis=c.key,
                        answer=c.data.answer.value if c.data.answer else None,
                        answer_label=c.answer_label,
                        rating=c.rating,
                        url=settings.url(c.url),
                    )
                )
    return CompareDocument(api_version=VERSION, site_url=settings.url(), cells=tuple(cells))


def platform_document(index: Index, p: PlatformEntry, settings: Settings) -> PlatformDocument:
    # model_construct: the fields were validated when the YAML was loaded; re-validating
    # thousands of nested models would only cost time.
    analyses = tuple(
        PublishedAnalysis.model_construct(
            **dict(c.data),
            id=c.key,
            clause=c.id,
            topic_title=c.topic.title,
            url=settings.url(c.url),
            source=c.rel,
            excerpt_state=excerpt_state(index, c, settings),
        )
        for c in index.by_platform.get(p.id, ())
    )
    return PlatformDocument(
        api_version=VERSION,
        id=p.id,
        url=settings.url(routes.url(p.path)),
        feed_url=settings.url(routes.platform_feed(p.id)),
        source=p.rel,
        platform=p.data,
        analyses=analyses,
    )
