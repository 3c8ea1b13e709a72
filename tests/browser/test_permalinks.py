"""Heading permalinks: not in the HTML the site serves, added by assets/clausebook/permalinks.js
to every heading with an id, once, on the first page and after instant navigation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.pages import PAGE_KINDS

pytestmark = pytest.mark.browser

HEADINGS = ".md-content .md-typeset :is(h1, h2, h3, h4, h5, h6)[id]"


def permalinks(page: Page) -> list[tuple[str, list[str]]]:
    """(heading id, hrefs of the heading's own permalinks) for every heading with an id."""
    return page.eval_on_selector_all(
        HEADINGS,
        """els => els.map(h => [h.id, [...h.querySelectorAll(':scope > a.headerlink')]
            .map(a => a.getAttribute('href'))])""",
    )


def test_every_heading_gets_one_permalink_on_load_and_after_navigation(
    page: Page, base_url: str
) -> None:
    clause = base_url + PAGE_KINDS["clause"]
    served = page.request.get(clause).text()
    assert "headerlink" not in served
    # networkidle: instant navigation takes over only once Material has fetched the sitemap
    # (as navigate_instantly in pages.py); a click before that is an ordinary page load.
    page.goto(clause, wait_until="networkidle")
    page.wait_for_selector(f"{HEADINGS} > a.headerlink")
    found = permalinks(page)
    assert len(found) >= 10  # the title and the sections of an analysis
    assert all(hrefs == ["#" + id_] for id_, hrefs in found), found

    # Material's instant navigation swaps the content in without reloading the scripts.
    page.evaluate("window.cbSamePage = true")
    page.click(f'.md-typeset a[href$="{PAGE_KINDS["topic"]}"]')
    page.wait_for_url("**/" + PAGE_KINDS["topic"])
    page.wait_for_selector(f"{HEADINGS} > a.headerlink")
    found = permalinks(page)
    assert found and all(hrefs == ["#" + id_] for id_, hrefs in found), found
    assert page.evaluate("window.cbSamePage === true"), "not an instant navigation"

    page.go_back()
    page.wait_for_url(clause)
    page.wait_for_selector(f"{HEADINGS} > a.headerlink")
    assert all(hrefs == ["#" + id_] for id_, hrefs in permalinks(page))


def test_a_permalink_points_the_address_at_its_heading(page: Page, base_url: str) -> None:
    page.goto(base_url + PAGE_KINDS["clause"])
    link = page.locator("h2#summary > a.headerlink")
    link.hover()
    assert link.get_attribute("title") == "Permanent link"
    link.click()
    assert page.evaluate("location.hash") == "#summary"
