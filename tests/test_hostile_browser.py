"""Hostile content in a real browser: Debian's Chromium loads the hostile pages and runs a
search whose results are made of hostile text. No dialog may open, no injected code may run
(the payloads set window.PWNED), and the console may show no error."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import hostile_corpus as hc
from tests.hostile_corpus import hostile_build  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(
    hostile_build: Path,  # noqa: F811 (the imported fixture)
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    # Served at site_url's path, /clausebook/, as GitHub Pages serves it.
    root = tmp_path_factory.mktemp("served")
    (root / "clausebook").symlink_to(hostile_build / "site", target_is_directory=True)
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/clausebook/"
    server.shutdown()
    thread.join()


def _watch(page: object, events: list[str]) -> None:
    def on_dialog(dialog: object) -> None:
        events.append(f"dialog: {dialog.message}")  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    page.on("dialog", on_dialog)  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: events.append(f"pageerror: {exc}"))  # type: ignore[attr-defined]

    def on_console(message: object) -> None:
        # Fonts and the GitHub repository widget are fetched from the internet, which the test
        # machine has no access to; only errors of this site's own pages count.
        url = message.location.get("url", "")  # type: ignore[attr-defined]
        if message.type == "error" and url.startswith("http://127.0.0.1"):  # type: ignore[attr-defined]
            events.append(f"console: {message.text} at {url}")  # type: ignore[attr-defined]

    page.on("console", on_console)  # type: ignore[attr-defined]


URLS = [
    "",
    "platforms/evil-cloud/",
    "platforms/evil-ai/",
    "topics/hostile/",
    "jurisdictions/eu/",
    "changes/",
    *hc.clause_pages(Path()),
]


def test_hostile_pages_run_nothing(browser: object, base_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    events: list[str] = []
    _watch(page, events)
    for url in URLS:
        page.goto(base_url + url, wait_until="load")
        page.wait_for_timeout(150)  # onerror/onload handlers would have fired by now
        assert page.evaluate("typeof window.PWNED") == "undefined", url
        assert "<script>window.PWNED=1;" in page.locator("article").inner_text(), url
    page.close()
    assert events == []


def test_search_results_show_hostile_text_as_text(browser: object, base_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    events: list[str] = []
    _watch(page, events)
    page.goto(base_url + "platforms/evil-cloud/clause-0/", wait_until="load")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("HeadingMarker", delay=20)  # Material reacts to key events
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    text = page.locator(".md-search-result").inner_text()
    assert "<script>window.PWNED=1;alert('script')</script>" in text
    assert "<img src=x onerror=\"window.PWNED=2;alert('img')\">" in text
    assert page.locator(".md-search-result img, .md-search-result script").count() == 0
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.PWNED") == "undefined"
    page.close()
    assert events == []
