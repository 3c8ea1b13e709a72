"""Shared test helpers: real projects on disk, built with the real pipeline."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_project(dest: Path, corpus: str = "basic") -> Path:
    """A complete project: a fixture corpus plus the repository's mkdocs.yml and templates."""
    shutil.copytree(FIXTURES / corpus, dest, dirs_exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "site_templates", dest / "site_templates", dirs_exist_ok=True)
    return dest


def write_project(dest: Path, files: dict[str, str], corpus: str = "basic") -> Path:
    """The basic fixture project with `files` (path → text, dedented) added or replaced."""
    make_project(dest, corpus)
    for rel, text in files.items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")
