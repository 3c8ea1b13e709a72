"""Search as a reader uses it: words of a summary typed into the search box find the
analysis. Written against the search box's selectors only, so it holds whatever engine
answers behind them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.chromium import build_served, new_context
from tests.conftest import REPO

pytestmark = pytest.mark.browser

SEARCH_INPUT = "input.md-search__input"
RESULT = ".md-search-result__item"


def search(page: Page, query: str, target: str) -> None:
    """Type `query` and wait for a result that links to the page at `target`."""
    page.click(SEARCH_INPUT)
    page.keyboard.type(query)
    page.locator(f'{RESULT} a[href*="{target}"]').first.wait_for(timeout=30_000)


def test_search_finds_an_analysis_by_words_of_its_summary(page: Page, base_url: str) -> None:
    page.goto(base_url)
    search(page, "globex-ai treats customer-data-training",
           "platforms/globex-ai/training-on-prompts/")


def test_search_finds_the_seed_analysis(browser: Browser, tmp_path: Path) -> None:
    if not (REPO / "analyses/aws-bedrock/third-party-model-terms.yml").is_file():
        pytest.skip("the real corpus (analyses/aws-bedrock/third-party-model-terms.yml) is "
                    "not in this checkout")
    root = tmp_path / "real"
    for name in ("analyses", "content", "site_templates"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    context = new_context(browser)
    with build_served(root) as url:
        page = context.new_page()
        page.goto(url)
        search(page, "third-party model", "platforms/aws-bedrock/third-party-model-terms/")
    context.close()
