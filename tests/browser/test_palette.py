"""The palette a reader chose applies on the next page before Material's bundle runs: by
Material's palette script, which every page loads from assets/clausebook/palette.js in the
header (site_templates/overrides/partials/javascripts/palette.html) instead of repeating it
inline, blocking where the inline script was."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

CLAUSE = "platforms/acme-cloud/customer-data-training/"


def test_a_chosen_palette_applies_without_materials_bundle(page: Page, base_url: str) -> None:
    page.goto(base_url + CLAUSE)  # the system prefers light
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.click('label[for="__palette_1"]')  # "Switch to dark mode": Material stores the choice
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    # Only palette.js can apply the stored choice when Material's bundle never loads.
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page.goto(base_url + "compare/")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    assert page.locator('.md-header script[src$="assets/clausebook/palette.js"]').count() == 1
    inline = page.evaluate("[...document.scripts].filter(s => !s.src).map(s => s.text)")
    assert not [s for s in inline if "__palette" in s]
