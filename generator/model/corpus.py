"""The validated corpus: every file's model, keyed by id, plus the texts for locating errors.

Built by `validate.load_corpus`; read by the cross-file rules and by `index`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.model.authoring import Analysis, Jurisdiction, Platform, Topic
from generator.model.verification import Verification
from generator.source.archive import Archive


@dataclass(frozen=True)
class PlatformFile:
    id: str
    rel: str
    model: Platform


@dataclass(frozen=True)
class AnalysisFile:
    platform: str
    id: str
    rel: str
    model: Analysis

    @property
    def key(self) -> str:
        """`platform/clause`, as used by `related:`."""
        return f"{self.platform}/{self.id}"


@dataclass
class Corpus:
    root: Path
    platforms: dict[str, PlatformFile] = field(default_factory=dict)
    analyses: list[AnalysisFile] = field(default_factory=list)
    topics: tuple[Topic, ...] = ()
    jurisdictions: tuple[Jurisdiction, ...] = ()
    topics_rel: str = "analyses/topics.yml"
    jurisdictions_rel: str = "analyses/jurisdictions.yml"
    texts: dict[str, str] = field(default_factory=dict)  # rel path → text, for locating errors
    source_folders: dict[tuple[str, str], Path] = field(default_factory=dict)
    """(platform, document) → its folder under sources/, as the layout found them."""
    archives: dict[tuple[str, str], Archive] = field(default_factory=dict)
    """(platform, document) → its archived versions, for each document of a valid platform."""
    verified: dict[str, Verification] = field(default_factory=dict)
    """Analysis rel → the archived version holding its excerpt: found once, by the excerpt rule."""
