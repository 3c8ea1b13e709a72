"""Stage 1, source (archives): the format of one document's archive, as typed models.

`analyses/<platform>/sources/<document>/` holds `versions.yml` (the index, oldest first:
`VersionsFile`) and one Markdown file per version (`YYYY-MM-DD.md`, then `YYYY-MM-DD-2.md`
for a second version the same UTC day, …). An `Archive` is a document's versions and its
state: complete (a version not declared partial exists), partial (only partial ones), absent.
Reading and verifying an archive is generator/check/archives.py; writing, store.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from generator.bounded import read_at_most
from generator.model.authoring import Strict
from generator.model.fieldtypes import Date, FetchUrl, Line, Repository, matching

INDEX = "versions.yml"
MAX_VERSIONS = 2_000  # a document that changed every day for five years has ~1,800 versions
MAX_TEXT_BYTES = 5 * 1024 * 1024  # the longest terms OTA tracks are well under 1 MB
# An entry takes ~0.5 KB (an OTA version with its snapshot link): 2,000 with long URLs fit.
MAX_INDEX_BYTES = 4 * 1024 * 1024
FILE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(-[1-9][0-9]*)?\.md$"
OTA_LICENCE = "ODC-BY-1.0"  # the licence of Open Terms Archive's versions repositories
OTA_CREDIT = "Open Terms Archive contributors"  # the attribution that licence asks for

Origin = Literal["open-terms-archive", "fetch", "manual"]
State = Literal["complete", "partial", "absent"]


def _utc(value: dt.datetime) -> dt.datetime:
    if value.utcoffset() != dt.timedelta(0):  # None (no zone) too
        raise PydanticCustomError("not_utc", "is not a UTC time like 2026-03-04T09:12:00Z")
    return value.astimezone(dt.UTC)


UtcTime = Annotated[dt.datetime, AfterValidator(_utc)]
Sha256 = Annotated[str, AfterValidator(matching(r"^[0-9a-f]{64}$", "a SHA-256 in lower-case hex"))]
CommitId = Annotated[
    str, AfterValidator(matching(r"^[0-9a-f]{40}(?:[0-9a-f]{24})?$", "a full git commit id"))
]
FileName = Annotated[
    str, AfterValidator(matching(FILE_PATTERN, "a file name like 2026-03-04.md or 2026-03-04-2.md"))
]
MediaType = Annotated[
    str, AfterValidator(matching(r"^[a-z0-9.+-]+/[a-z0-9.+-]+$", "a media type like text/html"))
]
Selector = Annotated[str, Field(min_length=1, max_length=500)]


class Selectors(Strict):
    """The CSS selectors a fetched version was cut with (as declared when it was fetched)."""

    select: tuple[Selector, ...] = Field(default=(), max_length=50)
    remove: tuple[Selector, ...] = Field(default=(), max_length=50)


class Version(Strict):
    """One entry of versions.yml; the keys after `origin` depend on it (see verify.ORIGIN_KEYS)."""

    file: FileName
    date: Date
    """The UTC day the version was recorded (for OTA: its commit's date)."""
    recorded: UtcTime
    """The exact UTC time; orders the versions of one day."""
    sha256: Sha256
    """Of the file's bytes."""
    origin: Origin
    repository: Repository | None = None
    commit: CommitId | None = None
    path: Line | None = None
    change: Literal["first", "record", "technical"] | None = None
    snapshot: FetchUrl | None = None
    licence: Line | None = None
    credit: Line | None = None
    url: FetchUrl | None = None
    """For a fetch: the URL finally fetched, after redirects."""
    content_type: MediaType | None = None
    selectors: Selectors | None = None
    partial: Line | None = None
    """Why this copy is not the whole document; a version without it is complete."""


class VersionsFile(Strict):
    """analyses/<platform>/sources/<document>/versions.yml"""

    versions: tuple[Version, ...] = Field(max_length=MAX_VERSIONS)


@dataclass(frozen=True)
class Archive:
    """A document's archived versions, oldest first."""

    folder: Path
    rel: str  # of the folder, from the project root: analyses/<platform>/sources/<document>
    versions: tuple[Version, ...] = ()

    @property
    def index_rel(self) -> str:
        return f"{self.rel}/{INDEX}"

    @property
    def state(self) -> State:
        if not self.versions:
            return "absent"
        return "complete" if self.newest_complete is not None else "partial"

    @property
    def newest(self) -> Version | None:
        return self.versions[-1] if self.versions else None

    @property
    def newest_complete(self) -> Version | None:
        return next((v for v in reversed(self.versions) if v.partial is None), None)

    def text_bytes(self, version: Version) -> bytes:
        """The bytes of a version's file (at most MAX_TEXT_BYTES; links are not followed)."""
        return read_bounded(self.folder / version.file)


def read_bounded(path: Path) -> bytes:
    """A version file's bytes; OSError if it is missing or a link, ValueError if too large."""
    if path.is_symlink():
        raise OSError(f"{path.name} is a symbolic link (never followed)")
    with path.open("rb") as stream:
        raw = read_at_most(stream, MAX_TEXT_BYTES + 1)
    if len(raw) > MAX_TEXT_BYTES:
        raise ValueError(f"{path.name} is over {MAX_TEXT_BYTES:,} bytes")
    return raw


def folder_of(root: Path, platform: str, document: str) -> tuple[Path, str]:
    rel = f"analyses/{platform}/sources/{document}"
    return root / rel, rel
