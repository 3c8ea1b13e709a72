"""Stage 3, model: what the excerpt rule found for an analysis, as the pages, API and feeds
show it (found once, by generator/check/excerpts.py, with generator/check/matching.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.source.archive import Version

State = Literal["current", "outdated"]


@dataclass(frozen=True)
class Verification:
    """Where an excerpt was found: the newest version of its document that holds it."""

    state: State
    """current: the excerpt is in the newest complete version (or in a partial copy newer
    than it); outdated: it is only in versions older than the newest complete one."""
    version: Version
    rel: str  # of the version's file, from the project root
    vanished: Version | None = None
    """outdated: the first complete version after `version`, which no longer holds it."""
    newest: Version | None = None
    """The archive's newest complete version (None when every version is partial)."""
    since: Version | None = None
    """The oldest version of the unbroken run of complete versions, up to `version`, that all
    hold the excerpt: the text quoted has been unchanged since then ("in the version of
    <version.date>, unchanged since <since.date>")."""

    @property
    def complete(self) -> bool:
        return self.version.partial is None
