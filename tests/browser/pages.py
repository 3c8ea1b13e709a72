"""What the browser tests know about the built pages: one page of each kind in the basic
fixture site (visited by the accessibility and screenshot tests), and how to read the
explorer's list."""

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
