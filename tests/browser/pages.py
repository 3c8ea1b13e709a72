"""What the browser tests know about the built pages: one page of each kind in the basic
fixture site (visited by the accessibility and screenshot tests), how to read the
explorer's list, and how to move between pages by Material's instant navigation."""

from playwright.sync_api import Page

PAGE_KINDS = {
    "home": "",
    "platform": "platforms/acme-cloud/",
    "clause": "platforms/acme-cloud/customer-data-training/",
    "topics": "topics/",
    "topic": "topics/customer-data-training/",
    "jurisdiction": "jurisdictions/us-ca/",
    "compare": "compare/",
    "explore": "explore/",
}


def shown(page: Page) -> list[str]:
    """The analyses the explorer shows, in order (data-analysis of each visible entry)."""
    return page.eval_on_selector_all(
        "[data-cb-explorer] > [data-analysis]:not([hidden])",
        "els => els.map(e => e.dataset.analysis)",
    )


def navigate_instantly(page: Page) -> None:
    """From the home page, loaded with wait_until="networkidle" (instant navigation needs the
    sitemap), to the platforms page and on to a page one folder deeper, without the browser
    loading a document: Material's instant navigation swaps the content, not the header."""
    page.evaluate("window.__cb_same_document = true")
    page.click(".md-tabs a:text-is('Platforms')")
    page.wait_for_url("**/platforms/")
    # Not a heading's permalink (#…), which instant navigation writes as a full URL too.
    page.locator("article a[href*='/platforms/']:not(.headerlink)").first.click()
    page.wait_for_url("**/platforms/*/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__cb_same_document") is True  # instant: no full reload
