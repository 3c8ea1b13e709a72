"""`clausebook serve` for authors (issue 17, item 6), with a real server on a free port:
drafts are shown under a banner, a content error is an error page (never a request that
waits for the error to be fixed), and a busy port is one line and an exit code, before
anything is built."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import clausebook, make_project

pytestmark = pytest.mark.e2e

CLAUSE = "analyses/acme-cloud/customer-data-training.yml"
DRAFT = "platforms/initech-ml/model-improvement/"  # status: draft in the basic fixture


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> tuple[int, str]:
    """Status and body; a request that takes over 5 s fails the test (it would hang)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def wait_for(url: str, needle: str, seconds: float) -> tuple[int, str]:
    deadline = time.monotonic() + seconds
    last: tuple[int, str] = (0, "")
    while time.monotonic() < deadline:
        try:
            last = get(url)
        except (ConnectionError, urllib.error.URLError):
            pass
        else:
            if needle in last[1]:
                return last
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {needle!r}; last: {last[0]} {last[1][:300]}")


@contextmanager
def serving(root: Path, *args: str) -> Iterator[str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "SITE_URL": base}
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", str(root), "--port", str(port), *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_serve_shows_drafts_under_a_banner_and_a_build_counts_them(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    with serving(root) as base:
        status, page = wait_for(base + DRAFT, 'class="cb-draft"', 90)
        assert status == 200
        assert "<strong>Draft</strong>: not published." in page
        _, platform = get(base + "platforms/initech-ml/")
        assert "(draft)" in platform and "draft hidden" not in platform
        _, published = get(base + "platforms/acme-cloud/customer-data-training/")
        assert "cb-draft" not in published
    assert clausebook("generate", str(root)).returncode == 0
    assert not (root / "build/docs" / DRAFT).exists()
    platform_md = (root / "build/docs/platforms/initech-ml/index.md").read_text(encoding="utf-8")
    assert "No published analyses yet: **1** draft hidden" in platform_md


@pytest.mark.parametrize("dirty", [False, True], ids=["full", "dirty"])
def test_a_content_error_is_an_error_page_never_a_hang(tmp_path: Path, dirty: bool) -> None:
    root = make_project(tmp_path / "p")
    clause = root / CLAUSE
    edit(clause, "topic: customer-data-training", "topic: customer-data-trainin")
    page = "platforms/acme-cloud/customer-data-training/"
    with serving(root, *(["--dirty"] if dirty else [])) as base:
        # Broken from the start: every URL is the error page, listing the problem.
        status, body = wait_for(base + page, "to fix", 90)
        assert status == 404
        assert "<title>Clausebook: 1 error to fix</title>" in body
        assert (
            f"<code>{CLAUSE}:3:8</code> <strong>error[dangling-reference]</strong> there is no "
            "topic in analyses/topics.yml &#x27;customer-data-trainin&#x27;"
        ) in body
        assert get(base)[1] == body  # the home page too
        # Fixed: the page is served again.
        edit(clause, "topic: customer-data-trainin", "topic: customer-data-training")
        status, body = wait_for(base + page, "Customer content and model training", 60)
        assert status == 200
        # Broken again while serving: the error page, not a request that waits.
        edit(clause, "title: Customer", "titel: Customer")
        status, body = wait_for(base + page, "to fix", 60)
        assert "unknown key &#x27;titel&#x27;: did you mean &#x27;title&#x27;?" in body
        # And fixed: every page is back, not only the edited one (a dirty build too).
        edit(clause, "titel: Customer", "title: Customer")
        wait_for(base + page, "Customer content and model training", 60)
        assert get(base + "platforms/globex-ai/outputs/")[0] == 200
        assert get(base)[0] == 200


def test_a_busy_port_is_one_line_and_an_exit_code_before_any_build(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        result = clausebook("serve", str(root), "--port", str(port))
        took = time.monotonic() - started
    assert result.returncode == 2
    assert result.stderr == (
        f"clausebook: error: cannot serve on 127.0.0.1:{port}: Address already in use "
        "(another `clausebook serve`?); choose another port with --port N\n"
    )
    assert not (root / "build").exists(), "it built the site before finding the port taken"
    assert took < 30


def test_serve_help_names_port_and_dev_addr() -> None:
    text = clausebook("serve", "--help").stdout
    assert "--port N" in text and "--dev-addr HOST:PORT" in text
    bad = clausebook("serve", "--dev-addr", "localhost")
    assert bad.returncode == 2
    assert "--dev-addr must be HOST:PORT, e.g. 127.0.0.1:8000, not 'localhost'" in bad.stderr
