"""`clausebook serve`: a live preview that rebuilds when an analysis changes."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from generator.outputs import MARKER
from tests.conftest import make_project, write_archive

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


CLAUSEBOOK_SERVE = [sys.executable, "-m", "generator", "serve"]


def start_serve(command: list[str], port: int, env: dict[str, str]) -> subprocess.Popen[str]:
    """A serve command on 127.0.0.1:`port`; its log (stderr) is read when it ends."""
    return subprocess.Popen(
        [*command, "--dev-addr", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


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
    # file-events: generator/serve/watch.py's native observer; polling: MkDocs' own
    # (CLAUSEBOOK_POLL=1).
    root = make_project(tmp_path / "p")
    port = free_port()
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "true",
        "SITE_URL": f"http://127.0.0.1:{port}/",
        "CLAUSEBOOK_POLL": poll,
    }
    server = start_serve([*CLAUSEBOOK_SERVE, str(root)], port, env)
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


def served_file(base: str, rel: str) -> bytes:
    """A file as `serve` sends it, less the live-reload script it adds to every HTML page."""
    with urllib.request.urlopen(base + rel, timeout=5) as response:
        body = bytes(response.read())
    start = body.rfind(b"<script>\nvar livereload")
    if rel.endswith(".html") and start != -1:
        body = body[:start] + body[body.index(b"</script>", start) + len(b"</script>") :]
    return body


def publish_the_draft(root: Path) -> None:
    """serve shows drafts and a build leaves them out: the fixture's one draft is published,
    so that the served site and a fresh build can be the same."""
    draft = root / "analyses/initech-ml/model-improvement.yml"
    draft.write_text(draft.read_text(encoding="utf-8").replace("status: draft", ""), "utf-8")


def stale_files(root: Path, fresh: Path, base: str, env: dict[str, str]) -> list[str]:
    """The files `serve` at `base` serves that differ from a fresh build of `root` (copied to
    `fresh`); the search index aside."""
    for part in ("analyses", "content", "site_templates"):
        shutil.copytree(root / part, fresh / part)
    shutil.copy(root / "mkdocs.yml", fresh / "mkdocs.yml")
    built = subprocess.run(
        [sys.executable, "-m", "generator", "build", str(fresh)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    files = [
        p.relative_to(fresh / "site").as_posix()
        for p in sorted((fresh / "site").rglob("*"))
        # the marker that says a built site is clausebook's (outputs.py): serve writes no
        # site folder to mark
        if p.is_file() and "pagefind" not in p.parts and p.name != MARKER
    ]
    assert len(files) > 40
    return [rel for rel in files if served_file(base, rel) != (fresh / "site" / rel).read_bytes()]


def test_serve_dirty_rebuild_leaves_no_page_stale(tmp_path: Path) -> None:
    # `serve --dirty` renders again only the pages that show an edited analysis (generator/
    # incremental.py) and keeps the rest of the last build, the sitemap and the 404 page
    # included. After each edit, every file of the served site must be what a fresh build of
    # the edited project makes: a page that shows the edited text and was left out is stale.
    root = make_project(tmp_path / "p")
    publish_the_draft(root)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "SITE_URL": base}
    command = [sys.executable, "-m", "generator", "serve", str(root), "--dirty"]
    server = start_serve(command, port, env)
    clause = root / "analyses/acme-cloud/customer-data-training.yml"
    url = base + "platforms/acme-cloud/customer-data-training/"
    edits = [
        # (old text, new text, words the clause page then shows)
        # The summary: the clause page, the explorer, the topic and platform pages, the pages
        # that list it among others or as related …
        ("in a short *fictional* summary", "in an edited summary", "in an edited summary"),
        # A change entry: the changes page and the home page show it too.
        ("after the terms update", "after the edited terms update", "edited terms update"),
        # The title: what pages list changes, so every page is rendered again.
        ("title: Customer content and model", "title: Customer content and AI", "content and AI"),
    ]
    try:
        assert wait_for(url, "Customer content and model training", 60), "serve never came up"
        for n, (old, new, shown) in enumerate(edits):
            text = clause.read_text(encoding="utf-8")
            assert old in text
            clause.write_text(text.replace(old, new), encoding="utf-8")
            assert wait_for(url, shown, 30), f"edit {n}: page was not rebuilt"
            stale = stale_files(root, tmp_path / f"fresh{n}", base, env)
            assert stale == [], f"edit {n}: served files differ from a fresh build: {stale}"
    finally:
        server.terminate()
        _, log = server.communicate(timeout=10)
    # The first two edits took the short path: a handful of pages written, the rest kept.
    counts = re.findall(r"(\d+) pages written, (\d+) unchanged", log)
    assert len(counts) == 1 + len(edits), log
    for written, unchanged in counts[1:3]:
        assert 0 < int(written) < int(unchanged), log


def test_serve_indexes_for_search_with_the_quick_index_as_a_build_does(tmp_path: Path) -> None:
    """The preview's search answers from both indexes, as the published site's does: the
    quick index of titles and summaries too (it was left out: the rebuild had not made it)."""
    root = make_project(tmp_path / "p")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "SITE_URL": f"http://127.0.0.1:{port}/"}
    server = start_serve([*CLAUSEBOOK_SERVE, str(root)], port, env)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(base + "pagefind/pagefind-entry.json", '"languages"', 90), "no index"
        assert wait_for(base + "pagefind/quick/pagefind-entry.json", '"languages"', 30)
    finally:
        server.terminate()
        server.communicate(timeout=30)


def test_serve_stopped_with_sigterm_cleans_up_like_ctrl_c(tmp_path: Path) -> None:
    """A service manager or container stops it with SIGTERM: its temporary site (MkDocs')
    and the search index being built are removed, not left in the temporary folder at every
    stop. Stopped as soon as the first index is being built."""
    root = make_project(tmp_path / "p")
    temp = tmp_path / "tmp"
    temp.mkdir()
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "TMPDIR": str(temp)}
    server = start_serve([*CLAUSEBOOK_SERVE, str(root)], port, env)
    try:
        deadline = time.monotonic() + 60
        while not any(p.name.startswith("clausebook-pagefind-") for p in temp.iterdir()):
            assert time.monotonic() < deadline, "serve never started indexing"
            time.sleep(0.01)
        assert any(p.name.startswith("mkdocs_") for p in temp.iterdir()), "no temporary site"
    finally:
        server.terminate()
        _, log = server.communicate(timeout=30)
    assert server.returncode == 0, log
    assert [p.name for p in temp.iterdir()] == []


def test_serve_dirty_shows_an_excerpt_newly_outdated_on_its_documents_pages(
    tmp_path: Path,
) -> None:
    """An edited excerpt now found only in an older archived version: the document's pages
    list the analysis among those the newer version made stale, as a fresh build does (they
    did not list it before, so nothing recorded that they show it)."""
    root = make_project(tmp_path / "p")
    publish_the_draft(root)
    clause = root / "analyses/acme-cloud/customer-data-training.yml"
    quoted = "We will not use Customer Content to train models except as you permit."
    dropped = "We may review Customer Content flagged by our abuse systems."
    write_archive(
        root,
        "acme-cloud/service-terms",
        [
            ("2026-01-05", f"# Terms\n\n4.2 {quoted}\n\n4.3 {dropped}\n"),
            ("2026-01-10", f"# Terms\n\n4.2 {quoted}\n\n4.3 Removed.\n"),
        ],
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "SITE_URL": base}
    server = start_serve([*CLAUSEBOOK_SERVE, str(root), "--dirty"], port, env)
    change = base + "platforms/acme-cloud/documents/service-terms/2026-01-10/"
    try:
        assert wait_for(change, "Removed", 60), "serve never came up"
        assert "Customer content and model training" not in (fetch(change) or "")
        text = clause.read_text(encoding="utf-8")
        clause.write_text(text.replace(quoted, dropped), encoding="utf-8")
        assert wait_for(change, "Customer content and model training", 30), "diff not rebuilt"
        stale = stale_files(root, tmp_path / "fresh", base, env)
        assert stale == [], f"served files differ from a fresh build: {stale}"
    finally:
        server.terminate()
        server.communicate(timeout=30)
