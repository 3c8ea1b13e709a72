"""A clause page printed to PDF by Chromium reads as a clean document: every section and the
excerpt, source addresses written out, reviewed date and page address at the foot, and none
of the site's navigation or search."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from tests.conftest import CLAUSE_SECTIONS

pytestmark = pytest.mark.browser

CLAUSE = "platforms/acme-cloud/customer-data-training/"


def test_clause_page_prints_as_a_clean_document(page: Page, base_url: str, artifacts: Path) -> None:
    page.goto(base_url + CLAUSE)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=False)
    (artifacts / "print").mkdir(exist_ok=True)
    (artifacts / "print/customer-data-training.pdf").write_bytes(pdf)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    unbroken = "".join(text.split())  # long addresses wrap across lines in print

    for expected in (
        *CLAUSE_SECTIONS,
        "Customer content and model training",
        "We will not use Customer Content to train models except as you permit.",
        "Can I opt out?",
        "Yes, the default is already opted out.",
        "Last reviewed 10 January 2026",
    ):
        assert expected in flat, expected
    # External links are followed by their address; the source and the page address are there.
    for url in (
        "https://acme-cloud.example/terms",
        "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
        base_url + CLAUSE,
    ):
        assert url in unbroken, url
    assert "Source:https://acme-cloud.example/terms(" not in unbroken  # shown once, not twice
    # Rating badges print with their shape (drawn by the stylesheet) as well as their label.
    assert "▽Lowgovernanceexposure" in unbroken
    assert "GlobexAI\u2013▲High" in unbroken  # platform, answer (none: a dash), rating
    # This site's own links are not written out: its address appears only in the "cite this
    # analysis" block and at the foot.
    assert unbroken.count(base_url) == 2
    assert unbroken.endswith("Lastreviewed10January2026·" + base_url + CLAUSE)
    # No site chrome: header, tabs, search box, sidebars, footer navigation.
    for chrome in ("Search", "Table of contents", "Made with", "Jurisdictions Compare Explore"):
        assert chrome not in flat, chrome
