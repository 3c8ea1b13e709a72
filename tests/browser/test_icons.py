"""Theme icons come from one sprite file (generator/postbuild/minify.py): on every page kind,
and after Material's instant navigation, each icon's reference reaches a symbol of the sprite
and the browser draws it (a drawn `<use>` has a box; an unresolved one is 0 x 0)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.pages import PAGE_KINDS, navigate_instantly

pytestmark = pytest.mark.browser

XLINK = "http://www.w3.org/1999/xlink"
# Icons drawn in the header on a desktop screen: logo, search and repository.
DRAWN = ".md-header__button.md-logo use, .md-header .md-source__icon use"


def unresolved(page: Page) -> list[str]:
    """References of the page's icons whose symbol the sprite lacks (fetched by the page)."""
    return page.evaluate(
        """async (xlink) => {
          const uses = [...document.querySelectorAll("use")];
          const refs = uses.map(u => u.getAttributeNS(xlink, "href"));
          const missing = [];
          for (const ref of refs) {
            const url = new URL(ref, document.baseURI);
            const text = await (await fetch(url)).text();
            const sprite = new DOMParser().parseFromString(text, "image/svg+xml");
            if (!sprite.getElementById(url.hash.slice(1))) missing.push(ref);
          }
          return refs.length ? missing : ["no icons on the page"];
        }""",
        XLINK,
    )


def wait_drawn(page: Page) -> None:
    page.wait_for_function(
        """(selector) => {
          const uses = [...document.querySelectorAll(selector)];
          return uses.length >= 2 && uses.every(u => u.getBBox().width > 0);
        }""",
        arg=DRAWN,
        timeout=10_000,
    )


def test_every_page_kind_draws_its_icons_from_the_sprite(page: Page, base_url: str) -> None:
    for kind, url in PAGE_KINDS.items():
        page.goto(base_url + url)
        assert unresolved(page) == [], kind
        wait_drawn(page)


def test_icons_stay_drawn_after_instant_navigation(page: Page, base_url: str) -> None:
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(base_url, wait_until="networkidle")  # instant navigation needs the sitemap
    navigate_instantly(page)
    wait_drawn(page)
    assert unresolved(page) == []
    assert [url for url in failed if "icons.svg" in url] == []
