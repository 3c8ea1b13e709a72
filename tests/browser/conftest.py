"""Browser test fixtures: the basic fixture corpus built ONCE with the real pipeline and
MkDocs, served on loopback, and one headless Debian chromium for the whole session."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from generator.cli import main
from tests.browser.chromium import ARGS, DESKTOP, EXECUTABLE, serve
from tests.conftest import REPO, make_project

ARTIFACTS = REPO / "test-artifacts"
# Only the site under test: Material's web fonts and anything else off-machine are refused
# at once instead of waiting for a network this machine does not have.
OFF_MACHINE = re.compile(r"^(?!https?://127\.0\.0\.1[:/])[a-z]+://")


def build_served(root: Path) -> contextlib.AbstractContextManager[str]:
    """Serve root/site, then build it with site_url set to the address it is served at:
    Material's instant navigation only takes over links that match its sitemap's URLs."""

    @contextlib.contextmanager
    def run() -> Iterator[str]:
        with serve(root / "site") as url, pytest.MonkeyPatch.context() as env:
            env.setenv("SITE_URL", url)
            assert main(["build", str(root)]) == 0
            yield url

    return run()


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


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.access(EXECUTABLE, os.X_OK):
        pytest.fail(f"{EXECUTABLE} is missing: `make chromium` installs Debian's chromium")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=EXECUTABLE, args=ARGS)
        yield chromium
        chromium.close()


def new_context(browser: Browser, **options: object) -> BrowserContext:
    context = browser.new_context(**{"viewport": DESKTOP, **options})
    context.route(OFF_MACHINE, lambda route: route.abort())
    return context


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
