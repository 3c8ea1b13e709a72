"""Generated folders committed by a pull request (build/, build/docs, build/cache, site/) are
never written or emptied through a link, and a folder clausebook did not make is refused with
one line, never emptied (generator/outputs.py, docstree.py, publish.py).

Each case is a real project in a folder beside a "sibling" project and a file of the parent
folder, with real symbolic links pointing out of the project; `clausebook build` runs as a
real subprocess, and everything outside the project must be exactly as it was.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from generator.outputs import MARKER, MARKER_TEXT
from tests.conftest import clausebook, make_project

pytestmark = pytest.mark.e2e


def tree(folder: Path) -> dict[str, str]:
    """Every file and link under `folder` (links not followed): path → content or target."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            found[rel] = path.read_text(encoding="utf-8", errors="replace")
    return found


@pytest.fixture
def world(tmp_path: Path) -> tuple[Path, Path]:
    """(parent folder, project): the parent holds a sibling project and a file of its own."""
    parent = tmp_path / "parent"
    (parent / "sibling/analyses").mkdir(parents=True)
    (parent / "sibling/analyses/keep.yml").write_text("title: a sibling's file\n", "utf-8")
    (parent / "notes.txt").write_text("the parent folder's own file\n", "utf-8")
    root = make_project(parent / "project")
    (root / ".git").mkdir()
    (root / ".git/HEAD").write_text("ref: refs/heads/main\n", "utf-8")
    return parent, root


def build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return clausebook("build", str(root), *args)


def outside(parent: Path, root: Path) -> dict[str, str]:
    """What must survive: everything but the project's generated folders."""
    kept = tree(parent)
    return {
        rel: v
        for rel, v in kept.items()
        if not rel.startswith(("project/build", "project/site", "project/.site."))
    }


def error_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in result.stderr.splitlines() if line.startswith("clausebook build:")]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    "links",
    [
        {"build/docs": "../.."},  # the reported case: build/docs -> the parent folder
        {"build": ".."},
        {"build/docs": "../../sibling"},
        {"build/cache": "../../sibling/analyses"},
    ],
    ids=["build-docs-to-parent", "build-to-parent", "build-docs-to-sibling", "build-cache"],
)
def test_a_committed_link_in_build_writes_and_deletes_nothing_outside(
    world: tuple[Path, Path], links: dict[str, str]
) -> None:
    parent, root = world
    before = outside(parent, root)
    for rel, target in links.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).symlink_to(target)
    result = build(root)
    assert result.returncode == 1, result.stderr
    line = error_line(result)
    assert "symbolic link" in line or "was not made by clausebook" in line, line
    assert "delete" in line and line.endswith("; the previous site is untouched"), line
    assert outside(parent, root) == before


def test_a_forged_marker_does_not_make_a_link_or_a_manifest_trusted(
    world: tuple[Path, Path],
) -> None:
    """A pull request can commit clausebook's marker and manifest too: links are still refused,
    and a manifest that names files outside build/docs is not believed."""
    parent, root = world
    (root / "build").mkdir()
    (root / "build" / MARKER).write_text(MARKER_TEXT, "utf-8")
    (root / "build/docs").symlink_to("../..")
    before = outside(parent, root)
    result = build(root)
    assert result.returncode == 1 and "build/docs is a symbolic link" in error_line(result)
    assert outside(parent, root) == before

    (root / "build/docs").unlink()
    (root / "build/docs/platforms").mkdir(parents=True)
    (root / "build/docs/platforms/x").symlink_to("../../../../sibling")
    result = build(root)
    assert result.returncode == 1 and "is a symbolic link" in error_line(result)
    assert outside(parent, root) == before

    (root / "build/docs/platforms/x").unlink()
    manifest = {"format": 1, "files": ["../../../sibling/analyses/keep.yml", "../../notes.txt"]}
    (root / "build/manifest.json").write_text(json.dumps(manifest), "utf-8")
    result = build(root)
    assert result.returncode == 1 and "is not a manifest" in error_line(result)
    assert outside(parent, root) == before


def test_files_in_build_docs_that_clausebook_did_not_write_are_refused_not_published(
    world: tuple[Path, Path],
) -> None:
    _parent, root = world
    assert build(root).returncode == 0
    site = tree(root / "site")
    (root / "build/docs/evil.html").write_text("<script>alert(1)</script>", "utf-8")
    result = build(root)
    assert result.returncode == 1
    assert "build/docs/evil.html is not listed in" in error_line(result)
    assert tree(root / "site") == site
    assert (root / "build/docs/evil.html").exists()  # refused, not deleted: the user decides


def test_a_build_removes_only_the_pages_it_wrote_before(world: tuple[Path, Path]) -> None:
    _parent, root = world
    assert build(root).returncode == 0
    page = root / "build/docs/platforms/globex-ai/outputs/index.md"
    assert page.is_file()
    (root / "analyses/globex-ai/outputs.yml").unlink()
    (root / "analyses/globex-ai/training-on-prompts.yml").write_text(
        (root / "analyses/globex-ai/training-on-prompts.yml")
        .read_text("utf-8")
        .replace("globex-ai/outputs", "acme-cloud/output-ownership"),
        "utf-8",
    )
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert not page.exists()
    files = json.loads((root / "build/manifest.json").read_text("utf-8"))["files"]
    assert "platforms/globex-ai/outputs/index.md" not in files
    assert sorted(files) == sorted(
        p.relative_to(root / "build/docs").as_posix()
        for p in (root / "build/docs").rglob("*")
        if p.is_file()
    )


@pytest.mark.parametrize("kind", ["link", "foreign-folder", "site-dir-typo"])
def test_a_site_folder_that_is_not_a_built_site_is_refused_not_replaced(
    world: tuple[Path, Path], kind: str
) -> None:
    parent, root = world
    args: list[str] = []
    if kind == "link":
        (root / "site").symlink_to("../sibling")
    elif kind == "foreign-folder":
        (root / "site").mkdir()
        (root / "site/notes.md").write_text("someone's notes\n", "utf-8")
    else:  # `--site-dir` naming a folder of someone else's
        args = ["--site-dir", str(parent / "sibling")]
    before = tree(parent)
    result = build(root, *args)
    assert result.returncode == 1, result.stderr
    line = error_line(result)
    assert ("symbolic link" if kind == "link" else "was not made by clausebook") in line, line
    after = tree(parent)
    assert {k: v for k, v in after.items() if not k.startswith("project/build/")} == {
        k: v for k, v in before.items() if not k.startswith("project/build/")
    }


def test_a_site_clausebook_built_is_replaced(world: tuple[Path, Path]) -> None:
    _parent, root = world
    assert build(root).returncode == 0
    assert (root / "site" / MARKER).read_text("utf-8") == MARKER_TEXT
    (root / "analyses/globex-ai/outputs.yml").write_text(
        (root / "analyses/globex-ai/outputs.yml")
        .read_text("utf-8")
        .replace("title: Outputs belong to the customer", "title: Outputs stay with you"),
        "utf-8",
    )
    assert build(root).returncode == 0
    page = (root / "site/platforms/globex-ai/outputs/index.html").read_text("utf-8")
    assert "Outputs stay with you" in page
