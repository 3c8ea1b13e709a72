"""The explorer in Chromium: filters narrow the list, the address keeps them, a shared
address restores them, and it works after Material's instant navigation."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests import pagefind_index
from tests.browser.pages import shown

pytestmark = pytest.mark.browser

ALL = [
    "acme-cloud/customer-data-training",
    "acme-cloud/output-ownership",
    "globex-ai/outputs",
    "globex-ai/training-on-prompts",
]


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_every_published_analysis_is_listed(page: Page, base_url: str) -> None:
    page.goto(base_url + "explore/")
    assert shown(page) == ALL  # the draft initech-ml/model-improvement is not published
    assert page.inner_text("[data-cb-explorer-count]") == "4 of 4 analyses"


def test_filters_narrow_the_list_and_go_into_the_address(page: Page, base_url: str) -> None:
    page.goto(base_url + "explore/")
    page.select_option("select[name=platform]", "globex-ai")
    assert shown(page) == ["globex-ai/outputs", "globex-ai/training-on-prompts"]
    assert query(page) == {"platform": ["globex-ai"]}
    page.select_option("select[name=topic]", "output-ownership")
    assert shown(page) == ["globex-ai/outputs"]
    page.select_option("select[name=platform]", "")
    assert shown(page) == ["acme-cloud/output-ownership", "globex-ai/outputs"]
    assert query(page) == {"topic": ["output-ownership"]}
    page.select_option("select[name=topic]", "")
    page.select_option("select[name=rating]", "low")
    assert shown(page) == ["acme-cloud/customer-data-training", "globex-ai/outputs"]
    page.select_option("select[name=rating]", "")
    page.select_option("select[name=jurisdiction]", "us-ca")
    assert shown(page) == ["globex-ai/training-on-prompts"]
    assert page.inner_text("[data-cb-explorer-count]") == "1 of 4 analyses"
    page.click("button.cb-filters__reset")
    page.wait_for_function("() => location.search === ''")
    assert shown(page) == ALL


def test_words_filter_titles_and_summaries(page: Page, base_url: str) -> None:
    page.goto(base_url + "explore/")
    page.fill("input[name=q]", "Training  PROMPTS")
    assert shown(page) == ["globex-ai/training-on-prompts"]
    assert query(page) == {"q": ["Training  PROMPTS"]}
    page.fill("input[name=q]", "treats output-ownership")  # summary words
    assert shown(page) == ["acme-cloud/output-ownership", "globex-ai/outputs"]
    page.fill("input[name=q]", "no such words anywhere")
    assert shown(page) == []
    assert page.is_visible("[data-cb-explorer-none]")


def test_a_shared_address_restores_the_filters(page: Page, base_url: str) -> None:
    page.goto(base_url + "explore/?platform=acme-cloud&rating=medium&q=generated")
    assert shown(page) == ["acme-cloud/output-ownership"]
    assert page.input_value("select[name=platform]") == "acme-cloud"
    assert page.input_value("select[name=rating]") == "medium"
    assert page.input_value("input[name=q]") == "generated"


def test_an_unknown_value_in_the_address_is_ignored(page: Page, base_url: str) -> None:
    page.goto(base_url + "explore/?platform=gone-platform&jurisdiction=eu")
    assert page.input_value("select[name=platform]") == ""
    assert shown(page) == ALL  # every fixture analysis is flagged for the EU


def test_filters_work_after_instant_navigation(page: Page, base_url: str) -> None:
    page.goto(base_url, wait_until="networkidle")  # instant navigation needs the sitemap
    page.evaluate("window.__cb_same_document = true")
    page.click(".md-tabs a:text-is('Explore')")
    page.wait_for_url("**/explore/")
    expect(page.locator("h1")).to_contain_text("Explore analyses")
    assert page.evaluate("window.__cb_same_document") is True  # instant: no full reload
    page.select_option("select[name=rating]", "high")
    assert shown(page) == ["globex-ai/training-on-prompts"]
    assert query(page) == {"rating": ["high"]}
    page.go_back()
    page.wait_for_url(base_url)
    page.go_forward()  # back to the filtered view: the address brings the filter back
    page.wait_for_url("**/explore/?rating=high")
    expect(page.locator("select[name=rating]")).to_have_value("high")
    assert shown(page) == ["globex-ai/training-on-prompts"]


def test_explorer_list_is_not_in_the_search_index(site: Path) -> None:
    """Its entries repeat every analysis: search should lead to the analyses themselves."""
    records = {r["url"]: r for r in pagefind_index.fragments(site)}
    explore = next(r for url, r in records.items() if url.endswith("/explore/"))
    assert "Training on prompts" not in explore["content"]
    clause = next(r for url, r in records.items() if url.endswith("/training-on-prompts/"))
    assert "Training on prompts" in clause["content"]
