"""Two builds of one project at once: the second waits for the first (generator/buildlock.py),
or gives up after --wait with one line; a staging folder is removed only when the build that
made it is gone (publish.clean_stale). Real `clausebook build` subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import buildlock
from generator.postbuild import publish
from generator.project import Layout
from tests.conftest import FIXTURES, make_project

pytestmark = pytest.mark.e2e
CLAUSE = (FIXTURES / "basic/analyses/acme-cloud/customer-data-training.yml").read_text("utf-8")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}


def start(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", str(root), *args],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project")
    for i in range(40):  # a build long enough to start another one beside it
        text = CLAUSE.replace("related: [globex-ai/training-on-prompts]\n", "")
        (root / f"analyses/acme-cloud/copy-{i:03d}.yml").write_text(text, encoding="utf-8")
    return root


def test_two_builds_at_once_both_succeed(project: Path) -> None:
    first = start(project)
    deadline = time.monotonic() + 120
    # The first build has started writing its site: its staging folder exists.
    while not list(project.glob(".site.building-*")):
        assert first.poll() is None, first.communicate()[1]
        assert time.monotonic() < deadline
        time.sleep(0.01)
    second = start(project)
    _, first_err = first.communicate(timeout=300)
    _, second_err = second.communicate(timeout=300)
    assert first.returncode == 0, first_err
    assert second.returncode == 0, second_err
    assert f"waiting for another build of this project (pid {first.pid})…" in second_err
    site = snapshot(project / "site")
    assert "pagefind/pagefind.js" in site and "platforms/acme-cloud/copy-039/index.html" in site
    assert not list(project.glob(".site.*"))


def test_a_build_gives_up_after_its_wait_with_one_line(project: Path) -> None:
    assert start(project).wait(timeout=300) == 0
    before = snapshot(project / "site")
    held = buildlock.acquire(Layout(project))  # another build of this project, running
    try:
        waiting = start(project, "--wait", "0.5")
        _, err = waiting.communicate(timeout=120)
    finally:
        buildlock.release(held)
    assert waiting.returncode == 1, err
    assert f"waiting for another build of this project (pid {os.getpid()})…" in err
    lines = [line for line in err.splitlines() if line.startswith("clausebook build:")]
    assert lines == [
        f"clausebook build: another build of this project (pid {os.getpid()}) still holds "
        f"{project}/build/.lock after 0.5 s: let it finish, or stop it, and run again; the "
        "previous site is untouched"
    ]
    assert snapshot(project / "site") == before


def test_clean_stale_removes_only_the_staging_folders_of_builds_that_are_gone(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from generator.postbuild import publish; "
            f"s = publish.staging_dir(Path({str(site)!r})); print(s.path, flush=True); "
            "sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    alive = Path(holder.stdout.readline().strip())
    dead = tmp_path / ".site.building-dead"
    dead.mkdir()
    (dead / "index.html").write_text("left by a killed build", "utf-8")
    try:
        publish.clean_stale(site)
        assert alive.is_dir(), "the running build's staging folder was removed"
        assert not dead.exists()
    finally:
        holder.kill()
        holder.wait()
    publish.clean_stale(site)
    assert not alive.exists()


def test_a_strict_mode_failure_publishes_nothing(project: Path) -> None:
    """MkDocs' strict mode aborts after the last plugin event, where the site is swapped in;
    a build that ends in that abort must leave the previous site."""
    assert start(project).wait(timeout=300) == 0
    before = snapshot(project / "site")
    # A page not in mkdocs.yml's nav: a warning, which strict mode turns into a failure.
    (project / "content/extra.md").write_text("# Extra\n\nA page outside the nav.\n", "utf-8")
    failing = start(project)
    _, err = failing.communicate(timeout=300)
    assert failing.returncode == 1, err
    assert "Aborted with 1 warnings in strict mode" in err
    assert snapshot(project / "site") == before
    assert not list(project.glob(".site.*"))
