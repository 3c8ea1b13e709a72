"""A build that cannot write (a full disk, a read-only folder) ends with one line and exit
code 1, the previous site as it was, no staging folder left; Pagefind's output is checked, so a
search index written short on a full disk is never published. Real file systems
(tests/filesystems.py), real `clausebook build` subprocesses.
"""

from __future__ import annotations

import re
import resource
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.postbuild.searchbundle import SearchIndexError, verify_bundle
from tests import filesystems
from tests.conftest import clausebook, make_project

pytestmark = pytest.mark.e2e
SITE_TOO_BIG = 48 << 20  # the tmpfs: the basic fixture's site is about 3.6 MB


def build(root: Path, *args: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def limited() -> None:
        assert limit is not None
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return clausebook("build", str(root), *args, preexec_fn=limited if limit else None)


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def edit(root: Path, n: int) -> None:
    """A change, so that each build makes a site that differs from the previous one."""
    path = root / "analyses/globex-ai/outputs.yml"
    text = re.sub(r"(?m)^title: .*$", f"title: Outputs, edit {n}", path.read_text("utf-8"))
    path.write_text(text, "utf-8")


def assert_failed_cleanly(
    root: Path, result: subprocess.CompletedProcess[str], site: Path, before: dict[str, bytes]
) -> str:
    """Exit 1, one line, no traceback; the previous site whole; nothing half-written left."""
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("clausebook build:")]
    assert len(lines) == 1, result.stderr
    assert lines[0].endswith("; the previous site is untouched"), lines[0]
    assert snapshot(site) == before
    leftovers = [p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}.")]
    assert leftovers == []
    assert not list((root / "build").rglob("*.clausebook-tmp"))
    return lines[0]


@pytest.mark.skipif(not filesystems.can_mount(), reason="needs root with CAP_SYS_ADMIN (tmpfs)")
def test_a_full_disk_never_publishes_a_broken_site(tmp_path: Path) -> None:
    """Several amounts of free space, so that the disk fills in different steps: MkDocs'
    pages, its assets, and Pagefind, which used to write empty files and exit 0."""
    with filesystems.tmpfs(tmp_path / "disk", SITE_TOO_BIG) as disk:
        root = make_project(disk / "project")
        assert build(root).returncode == 0
        site = root / "site"
        size = sum(p.stat().st_blocks * 512 for p in site.rglob("*") if p.is_file())
        search = sum(p.stat().st_blocks * 512 for p in (site / "pagefind").rglob("*"))
        steps = {}
        # From almost nothing to more than the site takes (the staging folder holds a whole
        # second site; Pagefind writes last, beside and after MkDocs).
        levels = [16 << 10, size // 2, *(size + k * search // 3 for k in range(1, 9))]
        for n, leave in enumerate(levels):
            before = snapshot(site)
            edit(root, n)
            filler = filesystems.fill(disk, leave)
            try:
                result = build(root)
            finally:
                filler.unlink()
            if result.returncode == 0:  # it fitted: then the site is whole
                verify_bundle(site / "pagefind", ("pagefind.js", "pagefind-worker.js"))
                steps[leave] = "built"
                continue
            line = assert_failed_cleanly(root, result, site, before)
            assert "No space left on device" in line or "search index not whole" in line, line
            steps[leave] = "search" if "search index not whole" in line else "write"
        assert "write" in steps.values(), steps
        assert "search" in steps.values(), f"the disk never filled while Pagefind wrote: {steps}"
        edit(root, len(levels))
        assert build(root).returncode == 0  # room again: the next build succeeds


def test_a_file_size_limit_ends_the_build_with_one_line(tmp_path: Path) -> None:
    """RLIMIT_FSIZE (EFBIG; Pagefind is killed by SIGXFSZ): what runs where no file system
    can be mounted, and here too."""
    root = make_project(tmp_path / "project")
    assert build(root).returncode == 0
    site = root / "site"
    for n, limit in enumerate((4 << 10, 64 << 10, 160 << 10)):
        before = snapshot(site)
        edit(root, n)
        line = assert_failed_cleanly(root, build(root, limit=limit), site, before)
        assert "File too large" in line or "pagefind failed" in line, line
    assert build(root).returncode == 0


@pytest.mark.skipif(
    not (filesystems.can_mount() or filesystems.can_make_immutable()),
    reason="needs a read-only bind mount or chattr +i (as root, chmod stops no write)",
)
@pytest.mark.parametrize("folder", ["site-parent", "build"])
def test_a_read_only_folder_ends_the_build_with_one_line(tmp_path: Path, folder: str) -> None:
    root = make_project(tmp_path / "project")
    out = tmp_path / "out"
    out.mkdir()
    args = ("--site-dir", str(out / "site"))
    assert build(root, *args).returncode == 0
    site = out / "site"
    before = snapshot(site)
    edit(root, 1)
    target = out if folder == "site-parent" else root / "build"
    with filesystems.read_only(target) as how:
        result = build(root, *args)
        print(f"read-only by {how}")
    line = assert_failed_cleanly(root, result, site, before)
    assert "Read-only file system" in line or "Operation not permitted" in line, line
    assert build(root, *args).returncode == 0


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        ("pagefind.js", "pagefind.js is empty"),
        ("pagefind-entry.json", "pagefind-entry.json is empty"),
        ("fragment", "is cut short"),
        ("index", "is cut short"),
        ("wasm.en.pagefind", "wasm.en.pagefind is empty"),
    ],
)
def test_a_search_index_written_short_is_found(tmp_path: Path, damage: str, why: str) -> None:
    root = make_project(tmp_path / "project")
    assert build(root).returncode == 0
    bundle = tmp_path / "pagefind"
    shutil.copytree(root / "site/pagefind", bundle)
    verify_bundle(bundle, ("pagefind.js", "pagefind-worker.js"))  # whole, as built
    target = bundle / damage
    if target.is_dir():
        target = sorted(target.iterdir())[0]
        target.write_bytes(target.read_bytes()[:-9])
    else:
        target.write_bytes(b"")
    with pytest.raises(SearchIndexError, match=why):
        verify_bundle(bundle, ("pagefind.js", "pagefind-worker.js"))
