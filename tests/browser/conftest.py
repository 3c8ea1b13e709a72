"""Browser test fixtures: the basic fixture corpus built ONCE with the real pipeline and
MkDocs, served on loopback, and one headless Debian chromium for the whole session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.chromium import build_served, new_context
from tests.conftest import REPO, make_project

ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="session")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("browser") / "project")


@pytest.fixture(scope="session")
def base_url(project: Path) -> Iterator[str]:
    with build_served(project) as url:
        yield url


@pytest.fixture(scope="session")
def site(project: Path, base_url: str) -> Path:
    return project / "site"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = new_context(browser)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
