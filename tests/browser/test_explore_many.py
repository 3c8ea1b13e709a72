"""The explorer with more analyses than one page shows: the first page, "Show more", and
filters that reach every entry, not only the ones on screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from generator.site.pages.explore import PAGE_SIZE
from tests.browser.chromium import build_served, new_context
from tests.browser.pages import shown
from tests.conftest import write_project

pytestmark = pytest.mark.browser

BULK = PAGE_SIZE + 20  # "Bulk Cloud" sorts between Acme Cloud and Globex AI
TOTAL = BULK + 4

PLATFORM = """\
name: Bulk Cloud
vendor: Bulk Inc.
website: https://bulk.example/
description: A fictional platform with many analyses.
documents:
  - id: terms
    title: Bulk Terms
    url: https://bulk.example/terms
    type: service-terms
"""
CLAUSE = """\
title: Bulk clause {n:03d}
document: terms
topic: output-ownership
summary: Bulk summary number {n}.
impact: Some impact.
excerpt:
  text: Some text.
  source_url: https://bulk.example/terms
  retrieved: 2026-01-10
regulatory_landscape: Some landscape.
exposure:
  rating: medium
  rationale: Some rationale.
contract_implications: Some implications.
compliance_considerations:
  - Some consideration.
history:
  - date: 2026-01-10
    summary: First analysis.
reviewed: 2026-01-10
"""


@pytest.fixture(scope="module")
def many_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    files = {"analyses/bulk-cloud/platform.yml": PLATFORM}
    files |= {f"analyses/bulk-cloud/clause-{n:03d}.yml": CLAUSE.format(n=n) for n in range(BULK)}
    root = write_project(tmp_path_factory.mktemp("many") / "project", files)
    with build_served(root) as url:
        yield url


@pytest.fixture
def explorer(browser: Browser, many_url: str) -> Iterator[Page]:
    context = new_context(browser)
    page = context.new_page()
    page.goto(many_url + "explore/")
    yield page
    context.close()


def test_one_page_is_shown_and_more_on_request(explorer: Page) -> None:
    served = explorer.request.get(explorer.url).text()
    assert served.count("data-analysis=") == TOTAL  # every analysis is in the page
    assert len(shown(explorer)) == PAGE_SIZE
    count = f"{TOTAL} of {TOTAL} analyses, showing the first {PAGE_SIZE}"
    assert explorer.inner_text("[data-cb-explorer-count]") == count
    assert explorer.inner_text("[data-cb-explorer-more]") == f"Show {TOTAL - PAGE_SIZE} more"
    explorer.click("[data-cb-explorer-more]")
    assert len(shown(explorer)) == TOTAL
    assert explorer.inner_text("[data-cb-explorer-count]") == f"{TOTAL} of {TOTAL} analyses"
    assert explorer.is_hidden("[data-cb-explorer-more]")


def test_filters_reach_entries_beyond_the_first_page(explorer: Page) -> None:
    explorer.select_option("select[name=platform]", "globex-ai")  # the last two entries
    assert shown(explorer) == ["globex-ai/outputs", "globex-ai/training-on-prompts"]
    assert explorer.is_hidden("[data-cb-explorer-more]")
    explorer.select_option("select[name=platform]", "")
    assert len(shown(explorer)) == PAGE_SIZE  # a new filter starts again at one page
    explorer.fill("input[name=q]", "number 119")
    assert shown(explorer) == ["bulk-cloud/clause-119"]
