"""`clausebook serve`: a live preview that rebuilds when an analysis changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import make_project

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None and needle in body:
            return True
        time.sleep(0.2)
    return False


@pytest.mark.parametrize("poll", ["0", "1"], ids=["file-events", "polling"])
def test_serve_rebuilds_a_page_when_its_yaml_changes(tmp_path: Path, poll: str) -> None:
    # file-events: generator/watch.py's native observer; polling: MkDocs' own, CLAUSEBOOK_POLL=1.
    root = make_project(tmp_path / "p")
    port = free_port()
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "true",
        "SITE_URL": f"http://127.0.0.1:{port}/",
        "CLAUSEBOOK_POLL": poll,
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", str(root), "--dev-addr", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/platforms/globex-ai/outputs/"
    try:
        assert wait_for(url, "Outputs belong to the customer", 60), "serve never came up"
        clause = root / "analyses/globex-ai/outputs.yml"
        clause.write_text(
            clause.read_text(encoding="utf-8").replace(
                "title: Outputs belong to the customer", "title: Outputs stay with the customer"
            ),
            encoding="utf-8",
        )
        assert wait_for(url, "Outputs stay with the customer", 30), "page was not rebuilt"
        time.sleep(2)  # a rebuild that the first one's own reads set off would start by now
    finally:
        server.terminate()
        _, log = server.communicate(timeout=10)
    assert log.count("Detected file changes") == 1, log  # one edit, one rebuild
