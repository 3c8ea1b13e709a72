"""Where things are in a Clausebook project, and which files make up the corpus.

The layout is fixed (DESIGN.md): analyses/<platform>/platform.yml, analyses/<platform>/
<clause>.yml, analyses/topics.yml, analyses/jurisdictions.yml, archived source copies under
analyses/<platform>/sources/, generated schemas under analyses/schema/.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Layout:
    root: Path

    @property
    def analyses(self) -> Path:
        return self.root / "analyses"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "site_templates"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def docs(self) -> Path:
        """The generated MkDocs docs_dir: rendered pages plus a copy of content/."""
        return self.build / "docs"

    @property
    def schema(self) -> Path:
        return self.analyses / "schema"

    def rel(self, path: Path) -> str:
        # The common case by string, as relative_to would answer it; relative_to for the rest.
        # (check and serve ask this for each of 10,000 files.)
        text, prefix = str(path), str(self.root) + os.sep
        if text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix) :].replace(os.sep, "/")
        return path.relative_to(self.root).as_posix()


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds analyses/ (or mkdocs.yml)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "analyses").is_dir() or (folder / "mkdocs.yml").is_file():
            return folder
    return None


# Folders inside analyses/ and analyses/<platform>/ that are not content.
RESERVED_TOP = {"schema"}
RESERVED_PLATFORM = {"sources"}
