"""axe-core (the copy shipped in PyPI's axe-playwright-python) in headless Chromium: no
serious or critical violation on any page kind, in the light and the dark palette.

Every result, minor ones included, is written to test-artifacts/axe.json for the record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from tests.browser.chromium import new_context
from tests.browser.pages import PAGE_KINDS

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
SCHEMES = {"light": "default", "dark": "slate"}  # palette → Material's data-md-color-scheme


@pytest.mark.parametrize("palette", sorted(SCHEMES))
def test_no_serious_or_critical_violations(
    browser: Browser, base_url: str, artifacts: Path, palette: str
) -> None:
    # mkdocs.yml picks the palette from the reader's system preference until they toggle it.
    context = new_context(browser, color_scheme=palette)
    page = context.new_page()
    axe = Axe()
    report: dict[str, list[dict[str, object]]] = {}
    blocking = []
    for kind, url in PAGE_KINDS.items():
        page.goto(base_url + url)
        scheme = page.get_attribute("body", "data-md-color-scheme")
        assert scheme == SCHEMES[palette], (kind, scheme)
        violations = axe.run(page).response["violations"]
        report[kind] = [
            {"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"]), "help": v["help"]}
            for v in violations
        ]
        blocking += [
            (kind, v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5])
            for v in violations
            if v["impact"] in BLOCKING
        ]
    context.close()
    out = artifacts / "axe.json"
    results = json.loads(out.read_text(encoding="utf-8")) if out.is_file() else {}
    results[palette] = report
    out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    assert not blocking, blocking
