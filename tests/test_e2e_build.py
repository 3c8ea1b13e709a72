"""End to end: the fixture corpus through a real `mkdocs build --strict` with Material."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.engine.config import ENGINES
from generator.pipeline import generate
from generator.postbuild.search import index_site
from tests import pagefind_index
from tests.conftest import CLAUSE_SECTIONS, make_project
from tests.htmltext import read

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module", params=ENGINES)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture corpus built by `clausebook build --engine` each engine in turn."""
    root = make_project(tmp_path_factory.mktemp("e2e") / "project")
    assert main(["build", str(root), "--engine", request.param]) == 0
    return root / "site"


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def text(site: Path, url: str) -> str:
    return read(html(site, url))[0]


def test_every_page_kind_is_at_its_url(site: Path) -> None:
    for url in (
        "",
        "platforms",
        "platforms/acme-cloud",
        "platforms/acme-cloud/output-ownership",
        "topics",
        "topics/customer-data-training",
        "jurisdictions",
        "jurisdictions/us-ca",
        "changes",
        "methodology",
        "about",
        "disclaimer",
        "contributing",
    ):
        assert (site / url / "index.html").is_file(), url


def test_characters_beyond_latin1_reach_the_engine_as_references_the_reader_as_themselves(
    site: Path,
) -> None:
    """render.narrow / minify: MkDocs holds each page one byte a character; the HTML is as
    written (the breadcrumb's arrow and the topic link's arrow come from the template)."""
    url = "platforms/acme-cloud/output-ownership"
    markdown = (site.parent / "build" / "docs" / url / "index.md").read_text(encoding="utf-8")
    body = markdown.split("\n---\n", 1)[1]
    assert "&#8250;" in body and "&#8594;" in body
    assert all(ord(c) <= 0xFF for c in body)
    page = html(site, url)
    assert "\u203a" in page and "→" in page
    assert not re.search(r"&#(8250|8594);", page)


def test_clause_page_has_every_section(site: Path) -> None:
    page, hrefs = read(html(site, "platforms/acme-cloud/customer-data-training"))
    for expected in (
        *CLAUSE_SECTIONS,
        "Customer content and model training",
        "We will not use Customer Content to train models except as you permit.",
        "section 4.2",
        "https://acme-cloud.example/terms",
        "Can I opt out?",
        "Globex AI",
        "not legal advice",
        "10 January 2026",
    ):
        assert expected in page, expected
    assert "../../../jurisdictions/eu/" in hrefs
    assert "../../../topics/customer-data-training/" in hrefs
    assert "https://acme-cloud.example/terms" in hrefs


def test_clause_page_lists_other_platforms_by_their_analysis_and_rating(site: Path) -> None:
    page = html(site, "platforms/acme-cloud/customer-data-training")
    section = page[page.index('id="how-other-platforms-handle-this"') :]
    listing = section[: section.index("</table>")]
    assert '<div class="cb-listing" data-pagefind-ignore="all">' in listing
    assert re.findall(r"<th>([^<]*)</th>", listing) == ["Platform", "Answer", "Exposure"]
    # The platform cell leads to that platform's analysis of this topic, not to the platform.
    # (The fixture's topics ask no question: no answer, a dash.)
    assert re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", listing) == [
        (
            '<a href="../../globex-ai/training-on-prompts/">Globex AI</a>',
            "\u2013",
            '<span class="cb-badge cb-badge--high">High</span>',
        )
    ]
    # Its summary is on the topic page, linked just below, not here.
    assert "fictional" not in listing
    after = read(section[section.index("</table>") :])
    assert after[0].startswith("Compare every platform on Use of customer data for training →")
    assert after[1][0] == "../../../topics/customer-data-training/"


def test_a_platform_listed_twice_among_others_is_told_apart_by_title(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    first = root / "analyses/globex-ai/training-on-prompts.yml"
    (root / "analyses/globex-ai/training-defaults.yml").write_text(
        first.read_text(encoding="utf-8").replace(
            "title: Training on prompts", "title: Training defaults"
        ),
        encoding="utf-8",
    )
    generate(root)
    page = (root / "build/docs/platforms/acme-cloud/customer-data-training/index.md").read_text(
        encoding="utf-8"
    )
    rows = re.findall(r"^<tr>\n<td>(<a .*?</a>)</td>", page, re.MULTILINE)
    assert rows == [
        '<a href="../../globex-ai/training-defaults/">Globex AI: Training defaults</a>',
        '<a href="../../globex-ai/training-on-prompts/">Globex AI: Training on prompts</a>',
    ]
    alone = (root / "build/docs/platforms/globex-ai/training-on-prompts/index.md").read_text(
        encoding="utf-8"
    )
    assert '<td><a href="../../acme-cloud/customer-data-training/">Acme Cloud</a></td>' in alone


def test_drafts_are_not_published(site: Path) -> None:
    assert not (site / "platforms/initech-ml/model-improvement").exists()
    assert "Model improvement" not in text(site, "topics/customer-data-training")


def test_topic_page_compares_platforms(site: Path) -> None:
    page = text(site, "topics/customer-data-training")
    assert "2 of 3" in page
    assert page.index("Acme Cloud") < page.index("Globex AI")


def test_jurisdiction_page_lists_flagged_analyses(site: Path) -> None:
    page = text(site, "jurisdictions/us-ca")
    assert "Training on prompts" in page
    assert "Customer content and model training" not in page


def test_navigation_lists_sections_not_clause_pages(site: Path) -> None:
    nav = re.findall(r'<a href="([^"]*)" class="md-nav__link', html(site, "about"))
    assert "../platforms/" in nav and "../topics/" in nav
    assert not [link for link in nav if "customer-data-training" in link]


def test_search_is_pagefind_over_the_article_only(site: Path) -> None:
    # Material's whole-site index (55 MB at 10,000 analyses) is never produced.
    assert not (site / "search").exists()
    assert (site / "pagefind/pagefind.js").is_file()
    assert list((site / "pagefind/fragment").iterdir())
    page = html(site, "platforms/acme-cloud/customer-data-training")
    # Pagefind indexes the one element its root selector names (postbuild/search.py: ROOT).
    assert page.count('<article class="md-content__inner') == 1
    body = page[page.index('<article class="md-content__inner') : page.index("</article>")]
    assert "fictional" in body
    assert re.search(r"<p class=\"cb-disclaimer\" data-pagefind-ignore=\"all\"", body)
    assert 'class="cb-listing" data-pagefind-ignore="all"' in body  # other platforms' table
    assert "assets/clausebook/search.js" in page


def test_search_indexes_an_analysis_by_its_own_words(site: Path) -> None:
    """What an analysis page repeats from elsewhere is not indexed: a search for another
    analysis's title, the date it was reviewed or a citation finds the page that says it."""
    page = html(site, "platforms/acme-cloud/customer-data-training")
    record = next(
        r
        for r in pagefind_index.fragments(site)
        if r["url"].endswith("/platforms/acme-cloud/customer-data-training/")
    )
    content = record["content"]
    assert "fictional" in content  # its summary
    for left_out in (
        "Report an error",
        "Cite this analysis",  # the heading stays; its block does not
        "Last reviewed",
        "how analyses are written and rated",
        "Compare every platform",
    ):
        assert left_out in page, left_out  # on the page, so the test can fail
        if left_out != "Cite this analysis":
            assert left_out not in content, left_out
    related = re.search(r'<ul class="cb-related">(.*?)</ul>', page, re.S)
    assert related, "the fixture's analysis lists related analyses"
    title = re.search(r">([^<]+)</a>", related.group(1))
    assert title and title.group(1) not in content


def test_no_index_holds_the_not_found_page(site: Path, tmp_path: Path) -> None:
    """Neither a build's search index nor one made as serve makes it (index_site) finds the
    theme's "not found" page."""
    assert not any(r["url"].endswith("/404.html") for r in pagefind_index.fragments(site))
    copy = tmp_path / "site"
    for page in ("index.html", "404.html"):
        (copy / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(site / page, copy / page)
    index_site(copy)
    urls = [r["url"] for r in pagefind_index.fragments(copy)]
    assert len(urls) == 1 and not urls[0].endswith("404.html"), urls


def test_search_dialog_is_left_to_search_js(site: Path) -> None:
    """Material's search dialog is in no page (search.js builds it, 1.3 KB less a page); the
    header's search button names the dialog's other icons, which the sprite holds."""
    pages = list(site.rglob("*.html"))
    assert site / "404.html" in pages and len(pages) > 10
    for path in pages:
        assert "md-search__inner" not in path.read_text(encoding="utf-8"), path
    sprite = (site / "assets/clausebook/icons.svg").read_text(encoding="utf-8")
    for path in (site / "index.html", site / "404.html", site / "about/index.html"):
        button = re.search(
            r'<label class="md-header__button md-icon" for="__search" '
            r'data-cb-icons="([^"]+)">\n<svg viewBox="[0-9 ]+"><use xlink:href="[^"]+#(\w+)"/>',
            path.read_text(encoding="utf-8"),
        )
        assert button, path
        refs = button.group(1).split(",")
        assert [r.split("#")[0] for r in refs] == ["0 0 24 24", "0 0 24 24"]  # back, clear
        for key in (button.group(2), *(r.split("#")[1] for r in refs)):
            assert f'<symbol id="{key}" viewBox="0 0 24 24">' in sprite


def test_only_the_headers_titles_keep_materials_ellipsis_span(site: Path) -> None:
    # Navigation and table-of-contents titles lose it, and Zensical's second span inside it
    # (minify.py); the header's two keep it.
    clause = "platforms/acme-cloud/customer-data-training/"
    for url in (clause, "about/"):
        page = html(site, url)
        assert page.count('<span class="md-ellipsis">') == 2, url
        assert page.count('<div class="md-header__topic"') == 2, url
    assert '<a href="#summary" class="md-nav__link">Summary</a>' in html(site, clause)
    assert '<a href="../../" class="md-nav__link">Platforms</a>' in html(site, clause)


def test_404_page_is_made_small_as_every_page(site: Path) -> None:
    page = (site / "404.html").read_text(encoding="utf-8")
    assert "<svg xmlns=" not in page and "assets/clausebook/icons.svg#i" in page
    assert "\n  " not in page


def test_quick_index_holds_every_title_and_summary(site: Path) -> None:
    """pagefind/quick/: each analysis, platform, topic and jurisdiction page by its title
    (the page's heading, as the full index has it) and its summary or description."""
    quick = {r["url"]: r for r in pagefind_index.fragments(site, quick=True)}
    full = {r["url"]: r for r in pagefind_index.fragments(site)}
    kinds = ("platforms/*/*/", "platforms/*/", "topics/*/", "jurisdictions/*/")
    pages = {f"/{p.relative_to(site).as_posix()}/" for k in kinds for p in site.glob(k)}
    assert set(quick) == pages and pages <= set(full)
    for url, record in quick.items():
        assert record["meta"]["title"] == full[url]["meta"]["title"], url
    clause = quick["/platforms/acme-cloud/customer-data-training/"]["content"]
    assert "in a short fictional summary" in clause and "Acme Cloud" in clause
    assert "Customers must decide" not in clause  # the impact: full index only
    # A part of the full index is searched by the main runtime: no second copy of it.
    part = site / "pagefind/part-1"
    assert not part.exists() or not (part / "pagefind.js").exists()
    assert not list(site.glob("pagefind/**/wasm.unknown.pagefind"))


def test_broken_file_keeps_the_previous_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path / "project")
    assert main(["build", str(root)]) == 0
    before = sorted(p.relative_to(root / "site") for p in (root / "site").rglob("*"))
    (root / "analyses/acme-cloud/broken.yml").write_text("title: [unclosed\n", encoding="utf-8")
    assert main(["build", str(root)]) == 1
    err = capsys.readouterr().err
    assert "analyses/acme-cloud/broken.yml:1:8: error[yaml-syntax]" in err
    after = sorted(p.relative_to(root / "site") for p in (root / "site").rglob("*"))
    assert before == after
    assert not list(root.glob(".site.*"))
