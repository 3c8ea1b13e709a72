"""Headless Debian chromium for the browser tests and benchmarks: launch flags, a loopback
static server for a built site, a site built to be served, and browser contexts that reach
nothing but that server."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext

from generator.cli import main

EXECUTABLE = "/usr/bin/chromium"
# DESIGN.md: Debian's chromium driven by Playwright, never a downloaded browser.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# One page of each kind in the shipped corpus, by the path of its URL.
PAGE_KINDS = {
    "home": "",
    "platforms": "platforms/",
    "platform": "platforms/openai-api/",
    "clause": "platforms/openai-api/customer-data-training/",
    "topics": "topics/",
    "topic": "topics/customer-data-training/",
    "jurisdictions": "jurisdictions/",
    "jurisdiction": "jurisdictions/eu/",
    "compare": "compare/",
    "explore": "explore/",
    "changes": "changes/",
    "api": "api/",
}
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
# Only the site under test: Material's web fonts and anything else off-machine are refused
# at once instead of waiting for a network this machine does not have.
OFF_MACHINE = re.compile(r"^(?!https?://127\.0\.0\.1[:/])[a-z]+://")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per request would bury the test output


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return  # the browser closed the page before a response was sent: not a failure
        super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextlib.contextmanager
def serve(
    site: Path, port: int = 0, handler: type[http.server.SimpleHTTPRequestHandler] | None = None
) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 in a thread (on `port`, else a free one; with `handler`, a
    quiet static handler by default); yields the base URL."""
    server = _Server(
        ("127.0.0.1", port), functools.partial(handler or _QuietHandler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextlib.contextmanager
def build_served(root: Path) -> Iterator[str]:
    """Serve root/site, then build it with site_url set to the address it is served at:
    Material's instant navigation only takes over links that match its sitemap's URLs."""
    with serve(root / "site") as url:
        with pytest.MonkeyPatch.context() as env:  # only for the build: tests run in any order
            env.setenv("SITE_URL", url)
            assert main(["build", str(root)]) == 0
        yield url


def new_context(browser: Browser, **options: object) -> BrowserContext:
    context = browser.new_context(**{"viewport": DESKTOP, **options})
    context.route(OFF_MACHINE, lambda route: route.abort())
    return context
