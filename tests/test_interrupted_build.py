"""A build interrupted half-way (Ctrl-C or kill -9) leaves the previous site complete, and the
next build succeeds and removes what the interrupted one left behind.

`clausebook build` runs as a real subprocess on a generated corpus of a hundred or so
analyses, so that it is still writing its staging folder when the signal arrives; and it is
killed at twenty random moments of a whole build (from the interpreter's start to the swap).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.outputs import MARKER, MARKER_TEXT
from generator.postbuild import publish
from tests.conftest import FIXTURES, make_project

pytestmark = pytest.mark.e2e
CLAUSE = (FIXTURES / "basic/analyses/acme-cloud/customer-data-training.yml").read_text("utf-8")
COPIES = 120
KILLS = 20
# The random moments are drawn from this seed; a failure names it (rerun with it to repeat).
SEED = int(os.environ.get("CLAUSEBOOK_KILL_SEED", "19"))


def snapshot(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def build(root: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", str(root)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def staging(root: Path) -> list[Path]:
    return sorted(root.glob(".site.building-*"))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    root = make_project(tmp_path_factory.mktemp("interrupt") / "project")
    for i in range(COPIES):
        text = CLAUSE.replace("related: [globex-ai/training-on-prompts]\n", "")
        (root / f"analyses/acme-cloud/copy-{i:03d}.yml").write_text(text, encoding="utf-8")
    done = build(root)
    assert done.wait(timeout=300) == 0, done.stderr.read().decode()  # type: ignore[union-attr]
    before = snapshot(root / "site")
    # What the interrupted builds would publish differs, so a swap would not go unnoticed.
    (root / "analyses/acme-cloud/copy-000.yml").write_text(
        CLAUSE.replace("title: Customer", "title: Changed"), encoding="utf-8"
    )
    return root, before


def writing(folders: set[Path]) -> bool:
    try:
        return any(any(f.iterdir()) for f in folders)
    except FileNotFoundError:  # swapped in meanwhile: the poll() check below says so
        return False


def interrupt(root: Path, sig: signal.Signals) -> tuple[int, str]:
    earlier = set(staging(root))
    proc = build(root)
    deadline = time.monotonic() + 120
    # Wait until MkDocs writes into its new staging folder: every page is converted, and
    # the files are being written.
    while not writing(set(staging(root)) - earlier):
        assert proc.poll() is None, "the build ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err.decode()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill-9"])
def test_interrupted_build_keeps_the_previous_site(
    project: tuple[Path, dict[str, bytes]], sig: signal.Signals
) -> None:
    root, before = project
    code, err = interrupt(root, sig)
    if sig == signal.SIGINT:
        # 130, or killed by SIGINT (which a shell shows as 130 too): CPython ends that way
        # when the interruption lands while it is importing a module.
        assert code in (130, -signal.SIGINT), err
        assert "interrupted; the previous site is untouched" in err
        left = [sorted(str(p.relative_to(f)) for p in f.rglob("*"))[:20] for f in staging(root)]
        assert not left, f"Ctrl-C: the build removes its staging folder on its way out: {left}"
    else:
        assert code == -signal.SIGKILL
        assert staging(root), "kill -9 left no staging folder: was it interrupted?"
    assert snapshot(root / "site") == before


def test_next_build_succeeds_and_cleans_up(project: tuple[Path, dict[str, bytes]]) -> None:
    root, before = project
    interrupt(root, signal.SIGKILL)
    done = build(root)
    assert done.wait(timeout=300) == 0, done.stderr.read().decode()  # type: ignore[union-attr]
    after = snapshot(root / "site")

    # Pagefind names its index files by content hash; the changed text renames some of them.
    def pages(tree: dict[str, bytes]) -> list[str]:
        return sorted(p for p in tree if not p.startswith("pagefind/"))

    assert pages(after) == pages(before)
    assert "pagefind/pagefind.js" in after
    assert b"Changed content" in after["platforms/acme-cloud/copy-000/index.html"]
    assert not list(root.glob(".site.*"))


def test_a_kill_between_the_two_renames_is_repaired(tmp_path: Path) -> None:
    """swap_in moves the old site aside, then the new one in; killed in between, site/ is
    missing and the next build's clean_stale puts the previous site back before anything."""
    site = tmp_path / "site"
    aside = tmp_path / ".site.old-x1" / "site"
    aside.mkdir(parents=True)
    (aside / "index.html").write_text("previous", encoding="utf-8")
    (aside / MARKER).write_text(MARKER_TEXT, encoding="utf-8")  # a site clausebook built
    (tmp_path / ".site.building-y2").mkdir()
    publish.clean_stale(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def settled(root: Path) -> dict[str, bytes]:
    """The site as the next build finds it: a build killed between swap_in's two renames has
    moved the previous site into .site.old-*/site, whence clean_stale puts it back."""
    if (root / "site").exists():
        return snapshot(root / "site")
    (aside,) = root.glob(".site.old-*/site")
    return snapshot(aside)


def test_killed_at_random_moments_the_previous_site_stands(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    for i in range(30):
        text = CLAUSE.replace("related: [globex-ai/training-on-prompts]\n", "")
        (root / f"analyses/acme-cloud/copy-{i:03d}.yml").write_text(text, encoding="utf-8")
    start = time.monotonic()
    done = build(root)
    assert done.wait(timeout=300) == 0, done.stderr.read().decode()  # type: ignore[union-attr]
    duration = time.monotonic() - start
    before = snapshot(root / "site")
    moments = random.Random(SEED)
    kills = edits = 0
    while kills < KILLS:
        edits += 1
        (root / "analyses/acme-cloud/copy-000.yml").write_text(
            CLAUSE.replace("title: Customer", f"title: Edit {edits}"), encoding="utf-8"
        )
        delay = moments.uniform(0, duration)
        proc = build(root)
        time.sleep(delay)
        if proc.poll() is not None:  # it finished first: a whole new site, the new previous
            assert proc.returncode == 0, proc.stderr.read().decode()  # type: ignore[union-attr]
            before = snapshot(root / "site")
            continue
        proc.kill()
        proc.wait(timeout=60)
        kills += 1
        now = settled(root)
        if now != before:
            # Killed after its swap, before it exited: then the site must be the whole new
            # one, the same as an uninterrupted build of the same files makes.
            again = build(root)
            assert again.wait(timeout=300) == 0, again.stderr.read().decode()  # type: ignore[union-attr]
            before = snapshot(root / "site")
            assert now == before, f"seed {SEED}, kill {kills} after {delay:.2f} s"
    done = build(root)
    assert done.wait(timeout=300) == 0, done.stderr.read().decode()  # type: ignore[union-attr]
    assert b"Edit " in snapshot(root / "site")["platforms/acme-cloud/copy-000/index.html"]
    assert not list(root.glob(".site.*"))
    assert not list((root / "build").rglob("*.clausebook-tmp"))
