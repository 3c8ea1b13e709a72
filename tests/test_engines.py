"""End to end: the shipped corpus built by each engine (MkDocs + Material, Zensical) gives the
same site: the same pages and files, the same internal links from every page, the same "edit"
links, search index, API and feeds. What still differs is listed in the README (Engines)."""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.cli import main
from generator.engine.config import ENGINES
from tests import pagefind_index
from tests.conftest import REPO
from tests.htmltext import read

pytestmark = pytest.mark.e2e

# Each engine's own files: its theme's scripts and styles, and MkDocs' compressed sitemap.
SITE_PATH = "/clausebook/"  # mkdocs.yml's site_url without SITE_URL set
THEME_FILES = ("assets/javascripts/", "assets/stylesheets/", "sitemap.xml.gz", "search.json")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The repository's analyses and content/ built once with each engine."""
    root = tmp_path_factory.mktemp("shipped") / "project"
    for folder in ("analyses", "content", "site_templates"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    built = {}
    with pytest.MonkeyPatch.context() as env:
        env.delenv("SITE_URL", raising=False)  # mkdocs.yml's default: SITE_PATH
        for engine in ENGINES:
            built[engine] = root.parent / f"site-{engine}"
            args = ["build", str(root), "--engine", engine, "--site-dir", str(built[engine])]
            assert main(args) == 0
    return built


def files(site: Path) -> set[str]:
    found = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    return {f for f in found if not f.startswith((*THEME_FILES, "pagefind/"))}


def internal_links(site: Path, page: str) -> set[str]:
    """Every link of `page` to another page or file of the site, as a path from the site's
    root. Not links within the page (`#…`): each theme has its own (Material's "skip to
    content", its table of contents lists the page's title too)."""
    hrefs = read((site / page).read_text(encoding="utf-8"))[1]
    here = posixpath.dirname(page)
    links = set()
    for href in hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or (href.startswith("#")):
            continue
        # "" and "." are this page's folder (Zensical writes the first, MkDocs the second).
        if parts.path.startswith(SITE_PATH):  # the 404 page's links, from the server's root
            path = posixpath.normpath(parts.path.removeprefix(SITE_PATH) or ".")
        else:
            path = posixpath.normpath(posixpath.join(here, parts.path or "."))
        links.add(path + (f"#{parts.fragment}" if parts.fragment else ""))
    return links


def test_both_engines_write_the_same_pages_and_files(sites: dict[str, Path]) -> None:
    mkdocs, zensical = (files(sites[e]) for e in ENGINES)
    assert mkdocs == zensical
    pages = {f for f in mkdocs if f.endswith(".html")}
    assert len(pages) > 100  # 12 platforms, 83 analyses, topics, jurisdictions, documents …
    for kind in ("platforms/openai-api/", "topics/", "jurisdictions/", "compare/", "explore/"):
        assert any(p.startswith(kind) for p in pages), kind
    assert "api/v1/analyses.json" in mkdocs and "feed.xml" in mkdocs


def test_every_page_links_to_the_same_places(sites: dict[str, Path]) -> None:
    pages = sorted(f for f in files(sites["mkdocs"]) if f.endswith(".html"))
    differ = {
        page: (
            sorted(internal_links(sites["mkdocs"], page) ^ internal_links(sites["zensical"], page))
        )
        for page in pages
    }
    assert {page: links for page, links in differ.items() if links} == {}
    # Every internal link leads to a file of the site (checked on Zensical's: MkDocs' own
    # validation checks its build).
    site = sites["zensical"]
    for page in pages:
        for link in internal_links(site, page):
            path = link.split("#")[0]
            assert (site / path).is_file() or (site / path / "index.html").is_file(), (page, link)


def test_headings_have_the_same_ids_with_both_engines(sites: dict[str, Path]) -> None:
    """Both engines call generator/site/slugs.py (mkdocs.yml's toc slugify): the same ids,
    so a link to a section (`#governance-exposure`) holds whichever engine built the site."""
    heading = re.compile(r'<h[1-6] id="([^"]+)"')
    for page in ("platforms/openai-api/liability-cap/index.html", "methodology/index.html"):
        ids = {e: heading.findall((sites[e] / page).read_text(encoding="utf-8")) for e in ENGINES}
        assert ids["mkdocs"] == ids["zensical"] and len(ids["mkdocs"]) > 3, page


def test_edit_links_open_the_authored_file_with_both_engines(sites: dict[str, Path]) -> None:
    page = "platforms/openai-api/liability-cap/index.html"
    for engine in ENGINES:
        text = (sites[engine] / page).read_text(encoding="utf-8")
        assert "/edit/main/analyses/openai-api/liability-cap.yml" in text, engine
        assert "/edit/main/platforms/" not in text, engine  # never the generated Markdown


def test_search_index_holds_the_same_pages_with_both_engines(sites: dict[str, Path]) -> None:
    records = {
        engine: {r["url"]: r for r in pagefind_index.fragments(sites[engine])} for engine in ENGINES
    }
    assert set(records["mkdocs"]) == set(records["zensical"])
    clause = "/platforms/openai-api/liability-cap/"
    titles = {e: records[e][clause]["meta"]["title"] for e in ENGINES}
    assert titles["mkdocs"] == titles["zensical"]
    # The article only: no navigation words ("On this page") from either theme.
    for engine in ENGINES:
        assert "On this page" not in records[engine][clause]["content"], engine
    quick = {e: {r["url"] for r in pagefind_index.fragments(sites[e], quick=True)} for e in ENGINES}
    assert quick["mkdocs"] == quick["zensical"] and clause in quick["mkdocs"]


def test_search_box_and_sprite_with_both_engines(sites: dict[str, Path]) -> None:
    for engine in ENGINES:
        page = (sites[engine] / "about/index.html").read_text(encoding="utf-8")
        assert 'for="__search" data-cb-icons="0 0 24 24#i' in page, engine
        assert "<svg xmlns=" not in page, engine  # every theme icon is in the sprite
        assert "assets/clausebook/search.js" in page, engine
