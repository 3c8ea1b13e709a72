"""Search as a reader meets it: the header search box, answered by Pagefind, in headless
Chromium over a real build served on loopback. One build and one browser per corpus."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from generator.check import load_corpus
from generator.cli import main
from generator.engine.config import ENGINES
from generator.model.index import build_index
from tests.browser.chromium import new_context
from tests.browser.pages import navigate_instantly
from tests.conftest import REPO, make_project

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

INPUT = "input.md-search__input"
RESULT = ".md-search-result__item"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _served(root: Path, engine: str = "mkdocs") -> Iterator[str]:
    assert main(["build", str(root), "--engine", engine]) == 0
    handler = functools.partial(_Quiet, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="module", params=ENGINES)
def fixture_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    # Built by each engine in turn. Parts of 5 pages: the fixture's index is split as a
    # 10,000-analysis site's is, so the browser has to merge the parts to find anything
    # outside the first.
    root = make_project(tmp_path_factory.mktemp("search") / "project")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "\n  - clausebook\n", "\n  - clausebook:\n      search_part_pages: 5\n"
    )
    config.write_text(text, encoding="utf-8")
    served = _served(root, request.param)
    url = next(served)
    assert len(json.loads((root / "site/pagefind/parts.json").read_text())) >= 3
    yield url
    next(served, None)


def results(page: Page, query: str, until: str | None = None) -> list[str]:
    """Result URLs for `query`, pressing "More results" until `until` is among them or there
    are no more."""
    page.fill(INPUT, "")
    page.click(INPUT)
    page.keyboard.type(query)
    # The results shown answer exactly this text (not a prefix typed on the way to it), and
    # the full index has answered (not only the quick index of titles and summaries).
    page.wait_for_function(
        "q => { const m = document.querySelector('.md-search-result__meta');"
        " return m.dataset.query === q && m.dataset.complete === '1'; }",
        arg=query,
    )
    while True:
        page.wait_for_function(  # every result of the page shown (assets/search.js)
            "() => !document.querySelector('.md-search-result__list[aria-busy]')"
        )
        found = page.eval_on_selector_all(f"{RESULT} a", "links => links.map(a => a.href)")
        if until in found or not page.locator(".cb-search-more button").count():
            return found
        page.click(".cb-search-more button")


def test_summary_words_find_each_analysis(page: Page, fixture_url: str) -> None:
    page.goto(fixture_url)
    cases = {
        "acme-cloud treats customer-data-training": "platforms/acme-cloud/customer-data-training/",
        "acme-cloud treats output-ownership": "platforms/acme-cloud/output-ownership/",
        "globex-ai treats output-ownership": "platforms/globex-ai/outputs/",
        "globex-ai treats customer-data-training": "platforms/globex-ai/training-on-prompts/",
    }
    for query, url in cases.items():
        found = results(page, query)
        # Among the first results shown (scores of separate index parts only roughly compare).
        assert fixture_url + url in found[:4], (query, found)
    # A draft is not published, so it is not found either.
    assert not [u for u in results(page, "initech-ml model-improvement") if "initech-ml/model" in u]
    assert results(page, "zzzyqxw") == []
    assert "No matching" in page.text_content(".md-search-result__meta")


def test_each_match_is_shown_once_title_and_summary_matches_first(
    page: Page, fixture_url: str
) -> None:
    page.goto(fixture_url)
    analyses = [
        fixture_url + "platforms/" + u
        for u in (
            "acme-cloud/customer-data-training/",
            "acme-cloud/output-ownership/",
            "globex-ai/outputs/",
            "globex-ai/training-on-prompts/",
        )
    ]
    # In the summary of every published analysis (and the platforms' descriptions).
    in_summaries = results(page, "fictional")
    assert len(in_summaries) == len(set(in_summaries)), in_summaries
    assert set(analyses) <= set(in_summaries), in_summaries
    # "fits" is in every analysis's impact text, in no title or summary: the full index alone
    # finds these.
    assert sorted(results(page, "default fits")) == sorted(analyses)
    # Both indexes match "acme-cloud": the analyses that name it in their summaries come first
    # (the quick index answers them), the full text's other matches after, and no page twice.
    found = results(page, "acme-cloud")
    assert len(found) == len(set(found)), found
    count = int(page.text_content(".md-search-result__meta").split()[0])
    assert len(found) == count, (found, count)
    acme = [u for u in found if "/platforms/acme-cloud/" in u and u.count("/") == 6]
    assert sorted(found[:2]) == sorted(acme), found


def test_two_letters_are_searched_once_typing_pauses(page: Page, fixture_url: str) -> None:
    page.goto(fixture_url)
    page.click(INPUT)
    page.keyboard.type("e")  # one letter: never searched
    page.wait_for_timeout(600)
    assert page.text_content(".md-search-result__meta") == "Type to start searching"
    page.keyboard.type("u")  # "eu": searched after the pause
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta').dataset.query === 'eu'"
    )
    page.locator(RESULT).first.wait_for()  # e.g. the EU jurisdiction page
    assert "jurisdictions/eu/" in page.eval_on_selector_all(
        f"{RESULT} a", "links => links.map(a => a.href).join(' ')"
    )


def test_result_opens_the_page_and_keys_work(page: Page, fixture_url: str) -> None:
    page.goto(fixture_url + "about/")
    page.keyboard.press("/")  # Material's shortcut focuses the search box
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("globex-ai treats output-ownership")
    page.locator(f"{RESULT} a").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(fixture_url + "platforms/globex-ai/outputs/")
    assert page.is_visible("h1:has-text('Outputs belong to the customer')")
    # After Material's instant navigation the same box still answers, and Escape closes it.
    assert results(page, "acme-cloud treats output-ownership")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")


def test_real_corpus_finds_the_seed_analysis(browser: Browser, tmp_path: Path) -> None:
    if not any((REPO / "analyses").glob("*/platform.yml")):
        pytest.skip(
            "analyses/ holds no platform yet (the real corpus is merged into main "
            "separately); this test runs once it is there"
        )
    root = tmp_path / "real"
    for name in ("analyses", "content", "site_templates"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    target = "platforms/aws-bedrock/third-party-model-terms/"
    context = browser.new_context()
    page = context.new_page()
    for url in _served(root):
        page.goto(url)
        for query in (
            "third-party model",
            "serverless third-party models EULA",
            "seller end user licence agreement",
            "Bedrock model seller",
        ):
            assert url + target in results(page, query, url + target), query
        # Every published analysis is found by the opening words of its own summary.
        for c in build_index(load_corpus(root)[0]).clauses:
            query = " ".join(re.sub(r"[^\w\s'-]", " ", c.data.summary).split()[:8])
            assert url + c.url in results(page, query, url + c.url), (c.key, query)
    context.close()


def test_small_screen_opens_search_from_the_magnifier(
    browser: Browser, fixture_url: str, request: pytest.FixtureRequest
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(fixture_url)
    page.click("label.md-header__button[for='__search']")
    page.wait_for_function("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("globex-ai treats output-ownership")
    page.locator(f"{RESULT} a").first.wait_for()
    assert page.locator(f"{RESULT} a").first.is_visible()
    context.close()


# Material 9.8.2's partials/search.html as assets/search.js builds it (data-cb-search for
# data-md-component, form "cb-search"), in the header right after the search button: each
# element with its attributes in order, indented by depth. Material's bundle takes
# data-md-scrollfix off the scroll wrapper when it has seen it (at DOMContentLoaded), so its
# absence says that the dialog was there in time; search.js marks it data-cb-bound.
DIALOG = """\
div class="md-search" data-cb-search role="dialog" aria-label="Search" data-cb-bound="1"
  label class="md-search__overlay" for="__search"
  div class="md-search__inner" role="search"
    form class="md-search__form" name="cb-search"
      input type="text" class="md-search__input" name="query" aria-label="Search" \
placeholder="Search" autocapitalize="off" autocorrect="off" autocomplete="off" \
spellcheck="false" required
      label class="md-search__icon md-icon" for="__search"
        svg viewBox="0 0 24 24"
          use xlink:href
        svg viewBox="0 0 24 24"
          use xlink:href
      nav class="md-search__options" aria-label="Search"
        button type="reset" class="md-search__icon md-icon" title="Clear" aria-label="Clear" \
tabindex="-1"
          svg viewBox="0 0 24 24"
            use xlink:href
    div class="md-search__output"
      div class="md-search__scrollwrap" tabindex="0"
        div class="md-search-result"
          div class="md-search-result__meta"
          ol class="md-search-result__list" role="presentation\""""

OUTLINE = """() => {
  const button = document.querySelector(
    ".md-header__inner > label.md-header__button[for=__search]");
  const dialog = button && button.nextElementSibling;
  const lines = [];
  (function walk(el, depth) {
    const attrs = [...el.attributes].map(a =>
      a.value === "" || a.localName === "href" ? a.name : `${a.name}="${a.value}"`);
    lines.push("  ".repeat(depth) + [el.localName, ...attrs].join(" "));
    [...el.children].forEach(child => walk(child, depth + 1));
  })(dialog || document.createElement("missing"), 0);
  const href = u => u.getAttributeNS("http://www.w3.org/1999/xlink", "href");
  return {
    dialogs: document.querySelectorAll(".md-search").length,
    outline: lines.join("\\n"),
    meta: dialog && dialog.querySelector(".md-search-result__meta").textContent,
    icons: dialog ? [...dialog.querySelectorAll("use")].map(href) : [],
    magnifier: button && href(button.querySelector("use")),
    named: button && button.dataset.cbIcons,
    drawn: dialog ? [...dialog.querySelectorAll("use")].map(u => u.getBBox().width > 0) : [],
  };
}"""


def dialog_in_header(page: Page) -> dict[str, object]:
    found: dict[str, object] = page.evaluate(OUTLINE)
    assert found["dialogs"] == 1
    assert found["outline"] == DIALOG
    # The magnifier is the button's own; "back" and "clear" the two the button names.
    sprite = str(found["magnifier"]).split("#")[0]
    named = [ref.split("#")[1] for ref in str(found["named"]).split(",")]
    assert found["icons"] == [found["magnifier"], *(f"{sprite}#{key}" for key in named)]
    return found


def test_search_dialog_is_built_in_the_header_once(page: Page, base_url: str) -> None:
    page.goto(base_url, wait_until="networkidle")  # instant navigation needs the sitemap
    assert dialog_in_header(page)["meta"] == "Initializing search"
    navigate_instantly(page)  # the header stays, and the dialog in it
    # The dialog's icons are drawn from the sprite ("back" only on a small screen).
    assert dialog_in_header(page)["drawn"] == [True, False, True]
    assert results(page, "acme-cloud treats output-ownership")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")


def test_without_javascript_there_is_no_search_button(browser: Browser, base_url: str) -> None:
    # Material's CSS hides it while <html> has the class "no-js", which its bundle removes.
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "about/")
    assert page.get_attribute("html", "class") == "no-js"
    assert page.locator("label.md-header__button[for='__search']").count() == 1
    assert not page.is_visible("label.md-header__button[for='__search']")
    assert page.locator(".md-search").count() == 0
    context.close()
