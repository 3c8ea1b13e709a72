"""The archived documents' pages in headless Chromium, at a phone's and a desktop's width:
the versions page, the newest text with its marked quote, a diff, the clause page's notice
and the changes page's filter. No horizontal overflow (a diff line is a long URL without a
space), and axe-core finds no serious or critical violation in either palette."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from tests.browser.chromium import build_served, new_context
from tests.conftest import write_archive, write_project

pytestmark = pytest.mark.browser

QUOTED = "We will not use Customer Content to train models except as you permit."
LONG = "https://acme-cloud.example/" + "very-long-path-segment/" * 20 + "terms"
V1 = (
    "# Acme Cloud Service Terms\n\n4.1 Scope: these terms apply to all services.\n\n"
    f"4.2 Training. {QUOTED}\n\n4.3 Outputs belong to you. See [the policy]({LONG}).\n"
)
V2 = V1.replace(QUOTED, "We may use Customer Content to improve our models.").replace(
    LONG, LONG + "-v2"
)
DOCS = "platforms/acme-cloud/documents/service-terms/"
PAGES = {
    "versions": DOCS,
    "text": DOCS + "text/",
    "diff": DOCS + "2026-03-01/",
    "clause": "platforms/acme-cloud/customer-data-training/",
    "changes": "changes/",
}
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
SCHEMES = {"light": "default", "dark": "slate"}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("sources-browser") / "project"
    other = "analyses/acme-cloud/output-ownership.yml"
    text = (Path(__file__).parent.parent / "fixtures/basic" / other).read_text(encoding="utf-8")
    write_project(root, {other: text.replace(f'"{QUOTED}"', '"Outputs belong to you."')})
    write_archive(root, "acme-cloud/service-terms", [("2025-06-01", V1), ("2026-03-01", V2)])
    with build_served(root) as url:
        yield url


@pytest.mark.parametrize("size", sorted(SIZES))
def test_no_horizontal_overflow(browser: Browser, base_url: str, size: str) -> None:
    context = new_context(browser, viewport=SIZES[size])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for kind, url in PAGES.items():
        page.goto(base_url + url)
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"{kind} is {overflow}px wider than a {size} screen"
    context.close()
    assert errors == []


@pytest.mark.parametrize("palette", sorted(SCHEMES))
def test_axe_finds_nothing_serious(browser: Browser, base_url: str, palette: str) -> None:
    context = new_context(browser, color_scheme=palette, viewport=SIZES["desktop"])
    page = context.new_page()
    blocking = []
    for kind, url in PAGES.items():
        page.goto(base_url + url)
        assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[palette]
        violations = Axe().run(page).response["violations"]
        blocking += [
            (kind, v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5])
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
    context.close()
    assert blocking == []


def test_the_pages_link_the_quote_and_the_change(browser: Browser, base_url: str) -> None:
    context = new_context(browser)
    page = context.new_page()
    page.goto(base_url + PAGES["clause"])
    notice = page.locator(".cb-notice--outdated")
    assert notice.inner_text().startswith(
        "The quoted text changed on 1 March 2026; this analysis is under review."
    )
    notice.get_by_role("link", name="See what changed on 1 March 2026").click()
    page.wait_for_url(base_url + PAGES["diff"])
    deleted = page.locator(".cb-diff del").first
    assert deleted.evaluate("e => getComputedStyle(e).textDecorationLine") == "line-through"
    assert (
        page.locator(".cb-diff ins").first.evaluate("e => getComputedStyle(e).textDecorationLine")
        == "underline"
    )
    page.goto(base_url + "platforms/acme-cloud/output-ownership/")
    page.get_by_role("link", name="Read the quote in the archived text").click()
    page.wait_for_url(base_url + PAGES["text"] + "#excerpt-output-ownership")
    mark = page.locator("mark#excerpt-output-ownership")
    assert mark.inner_text() == "Outputs belong to you."
    page.locator(".cb-excerpt-link").first.click()
    page.wait_for_url(base_url + "platforms/acme-cloud/output-ownership/")
    context.close()


def test_the_changes_filter_is_progressive(browser: Browser, base_url: str) -> None:
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + PAGES["changes"])
    assert page.locator("[data-cb-changes-filter]").is_hidden()
    every = page.locator(".cb-change").count()
    assert every > 1
    context.close()
    context = new_context(browser)
    page = context.new_page()
    page.goto(base_url + PAGES["changes"])
    page.get_by_label("Document changes").check()
    shown = page.locator(".cb-change:visible")
    assert shown.count() >= 1
    assert {shown.nth(i).get_attribute("data-kind") for i in range(shown.count())} == {"document"}
    assert "kind=document" in page.url
    page.reload()
    assert page.get_by_label("Document changes").is_checked()
    page.get_by_label("All changes").check()
    assert page.locator(".cb-change:visible").count() == every
    context.close()
