"""Every page kind renders at phone and desktop widths: nothing wider than the screen, the
heading and content shown. Screenshots go to test-artifacts/screenshots/ for people to look
at (kept by CI as artifacts), not compared pixel by pixel."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.chromium import DESKTOP, PHONE, new_context
from tests.browser.pages import PAGE_KINDS

pytestmark = pytest.mark.browser

WIDTHS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_every_page_kind_renders(
    browser: Browser, base_url: str, artifacts: Path, width: str
) -> None:
    context = new_context(browser, viewport=WIDTHS[width])
    page = context.new_page()
    folder = artifacts / "screenshots"
    folder.mkdir(exist_ok=True)
    for kind, url in PAGE_KINDS.items():
        page.goto(base_url + url)
        assert page.locator("article h1").is_visible(), kind
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"{kind} is {overflow}px wider than a {width} screen"
        shot = folder / f"{kind}-{width}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000, shot
    context.close()
