"""A built site works wherever it is served: a preview under any path, a folder unzipped from
the pull request's artifact. Built for one address (site_url's path /clausebook/), served by a
real HTTP server from another (/pr-17/preview/): every page kind loads every asset, draws its
icons and fetches nothing that is not there."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from generator.cli import main
from tests.browser.chromium import serve
from tests.browser.pages import PAGE_KINDS
from tests.browser.test_icons import unresolved, wait_drawn
from tests.conftest import make_project

pytestmark = pytest.mark.browser

SUBPATH = "pr-17/preview/"
# From the server's root: in a page's attributes, and in the CSS.
ABSOLUTE = re.compile(r"""(?:href|src|xlink:href|action)\s*=\s*["']?/(?!/)""")
CSS_ABSOLUTE = re.compile(r"""url\(\s*["']?/(?!/)""")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("subpath") / "project")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITE_URL", "https://example.org/clausebook/")
        assert main(["build", str(root)]) == 0
    return root / "site"


@pytest.fixture(scope="module")
def preview_url(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    docroot = tmp_path_factory.mktemp("docroot")
    shutil.copytree(built, docroot / SUBPATH)
    with serve(docroot) as url:
        yield url + SUBPATH


def test_no_page_refers_to_the_servers_root(built: Path) -> None:
    found = [
        f"{path.relative_to(built)}: {m.group(0)}"
        for path in sorted(built.rglob("*.html"))
        if path.name != "404.html"  # shown at any missing address: only root paths reach
        for m in ABSOLUTE.finditer(path.read_text(encoding="utf-8"))
    ]
    found += [
        f"{path.relative_to(built)}: {m.group(0)}"
        for path in sorted(built.rglob("*.css"))
        for m in CSS_ABSOLUTE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert len(list(built.rglob("*.html"))) > 20
    assert found == []


def test_every_page_kind_loads_from_a_sub_path(page: Page, preview_url: str) -> None:
    failed: list[str] = []
    local = preview_url.split(SUBPATH)[0]
    page.on(
        "requestfailed",
        lambda r: failed.append(f"failed {r.url}") if r.url.startswith(local) else None,
    )
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    loaded: list[str] = []
    page.on("response", lambda r: loaded.append(r.url))
    for kind, url in PAGE_KINDS.items():
        page.goto(preview_url + url, wait_until="networkidle")
        assert page.title(), kind
        assert unresolved(page) == [], kind
        wait_drawn(page)
    assert failed == []
    assert all(u.startswith(preview_url) for u in loaded if u.startswith(local)), loaded
    assert any(u.endswith(".css") for u in loaded) and any(u.endswith(".js") for u in loaded)
    assert any("icons.svg" in u for u in loaded)


def test_search_works_from_a_sub_path(page: Page, preview_url: str) -> None:
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(preview_url + "platforms/", wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("training")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    assert failed == []
