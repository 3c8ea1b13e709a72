"""Where things are in a Clausebook project, which files make up the corpus, and who owns
each part of the repository.

The layout is fixed (DESIGN.md): analyses/<platform>/platform.yml, analyses/<platform>/
<clause>.yml, analyses/topics.yml, analyses/jurisdictions.yml, archived source copies under
analyses/<platform>/sources/, generated schemas under analyses/schema/.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Literal

Area = Literal["authored", "code", "generated", "unknown"]

# Who owns each part of the repository: the one place that says it (README "Trust model").
# `clausebook paths` classifies a pull request's changed files by it; the first pattern that
# matches decides ("dir/" matches everything below dir, other patterns the whole path).
# - authored: checked data (`clausebook check` enforces every guarantee); a change to these
#   alone is a content change;
# - code: run or trusted as it is (templates, workflows, dependencies, the generator) or
#   generated from code and committed: a maintainer reviews every change by hand;
# - generated: made by the tools, never committed (a committed one is refused).
# A path in none of them is refused in a content change (and reviewed in a change to code).
AREAS: tuple[tuple[str, Area], ...] = (
    ("analyses/schema/", "code"),  # generated from the model by `clausebook schema`
    ("analyses/", "authored"),
    ("content/", "authored"),
    ("build/", "generated"),
    ("site/", "generated"),
    (".site.*", "generated"),  # a build's staging folders
    ("site.*", "generated"),
    (".cache/", "generated"),
    (".venv/", "generated"),
    ("test-artifacts/", "generated"),
    ("tests/bench/out/", "generated"),
    ("tests/fixtures/*/build/*", "generated"),
    ("tests/fixtures/*/site/*", "generated"),
    ("*__pycache__/*", "generated"),
    ("*.py[co]", "generated"),
    ("*.egg-info/*", "generated"),
    (".pytest_cache/", "generated"),
    (".mypy_cache/", "generated"),
    (".ruff_cache/", "generated"),
    (".hypothesis/", "generated"),
    ("generator/", "code"),
    ("site_templates/", "code"),
    ("tests/", "code"),
    (".github/", "code"),
    (".ci/", "code"),
    (".vscode/", "code"),
    (".devcontainer/", "code"),
    ("mkdocs.yml", "code"),
    ("pyproject.toml", "code"),
    ("Makefile", "code"),
    (".pre-commit-config.yaml", "code"),
    (".gitignore", "code"),
    ("README.md", "code"),
    ("CONTRIBUTING.md", "code"),
    ("CHANGELOG.md", "code"),
    ("ARCHITECTURE.md", "code"),
    (".gitattributes", "code"),
    ("LICENSE*", "code"),
)


def area_of(path: str) -> Area:
    """The area of a repository path (POSIX, relative to the root) by AREAS."""
    for pattern, area in AREAS:
        if pattern.endswith("/") and (path.startswith(pattern) or path + "/" == pattern):
            return area
        if not pattern.endswith("/") and (
            fnmatchcase(path, pattern) or fnmatchcase(path.split("/", 1)[0], pattern)
        ):
            return area
    return "unknown"


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
