"""Shared test helpers: real projects on disk, built with the real pipeline."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Every section heading of a clause page of the basic fixture's acme-cloud/customer-data-training
# (which has every optional section), in page order.
CLAUSE_SECTIONS = (
    "Summary",
    "What it means for customers",
    "The clause",
    "Regulatory landscape",
    "Governance exposure",
    "Jurisdiction flags",
    "Contract and vendor implications",
    "Compliance considerations",
    "Regulatory citations",
    "Enforcement risk",
    "Change history",
    "Questions",
    "How other platforms handle this",
    "Related analyses",
)


def make_project(dest: Path, corpus: str = "basic") -> Path:
    """A complete project: a fixture corpus plus the repository's mkdocs.yml and templates."""
    # Not what a check or build of the fixture in place left there (git ignores both).
    ignore = shutil.ignore_patterns("build", "site")
    shutil.copytree(FIXTURES / corpus, dest, dirs_exist_ok=True, ignore=ignore)
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


def clausebook(
    *args: str, env: dict[str, str] | None = None, **options: Any
) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` as a real subprocess, as a user runs it; its output as text.
    `env` is added to this process's environment; `options` go to subprocess.run."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "true", **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        **options,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Debian chromium for the whole session: Playwright's sync API allows one
    running instance per thread, so every browser test shares this one."""
    from playwright.sync_api import sync_playwright

    from tests.browser.chromium import ARGS, EXECUTABLE

    if not os.access(EXECUTABLE, os.X_OK):
        pytest.fail(f"{EXECUTABLE} is missing: `make chromium` installs Debian's chromium")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=EXECUTABLE, args=ARGS)
        yield chromium
        chromium.close()


def write_archive(
    root: Path,
    document: str,
    versions: list[tuple[str, str]],
    *,
    partial: dict[str, str] | None = None,
    origin: str = "manual",
) -> Path:
    """`analyses/<platform>/sources/<doc>/` holding `versions` ((YYYY-MM-DD, text), oldest
    first), written by the archive writer as `clausebook sources` writes them; `partial`
    declares some of them partial (date → why). `document` is `platform/doc`."""
    import datetime as dt

    from generator.capture import store
    from generator.check import archives

    platform, doc = document.split("/")
    archive, problems = archives.read_archive(root, platform, doc)
    assert problems == [], problems
    new = []
    for i, (day, text) in enumerate(versions):
        when = dt.datetime.fromisoformat(day).replace(hour=9, minute=i, tzinfo=dt.UTC)
        extra = {"partial": (partial or {})[day]} if day in (partial or {}) else {}
        new.append(store.NewVersion(store.normalise(text), when, origin, extra))  # type: ignore[arg-type]
    store.add_versions(archive, f"analyses/{platform}/platform.yml", doc, new)
    return root / "analyses" / platform / "sources" / doc
