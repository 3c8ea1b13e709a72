"""Bidirectional text in real Chromium: a platform name with a right-to-left override left
open ("Acme \\u202eduolC") must not reorder the page around it. The breadcrumb reads, left to
right, platform, document, topic, whatever the name holds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.chromium import build_served, new_context
from tests.conftest import FIXTURES, write_project

pytestmark = pytest.mark.browser

PLATFORM = "analyses/acme-cloud/platform.yml"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    text = (FIXTURES / "basic" / PLATFORM).read_text(encoding="utf-8")
    root: Path = write_project(
        tmp_path_factory.mktemp("bidi") / "project",
        {PLATFORM: text.replace("name: Acme Cloud", "name: Acme \u202eduolC", 1)},
    )
    with build_served(root) as url:
        yield url


def test_an_open_override_in_a_name_reorders_nothing_after_it(
    browser: Browser, base_url: str
) -> None:
    context = new_context(browser)
    page = context.new_page()
    page.goto(base_url + "platforms/acme-cloud/customer-data-training/")
    lefts = page.eval_on_selector_all(
        ".cb-breadcrumb a", "links => links.map(a => a.getBoundingClientRect().left)"
    )
    names = page.eval_on_selector_all(".cb-breadcrumb a", "links => links.map(a => a.textContent)")
    context.close()
    assert len(lefts) == 3, names  # platform, document, topic
    assert lefts == sorted(lefts), (names, lefts)
