"""`clausebook paths`, the pull request check on paths: real git repositories, real commits;
what a change may touch is generator/project.py's AREAS."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.project import area_of
from tests.conftest import REPO, make_project

GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=root,
        env={**os.environ, **GIT_ENV},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def paths(root: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "paths", *args],
        cwd=root,
        env={**os.environ, **GIT_ENV, **(env or {}), "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A project under git with one commit on main and a branch `change` to commit on."""
    root = make_project(tmp_path / "repo")
    (root / "generator").mkdir()
    (root / "generator/tool.py").write_text("print('the code')\n", "utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "change")
    return root


def commit(
    root: Path,
    files: dict[str, str],
    *,
    executable: tuple[str, ...] = (),
    links: dict[str, str] | None = None,
) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")
    for rel in executable:
        (root / rel).chmod(0o755)
    for rel, target in (links or {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).symlink_to(target)
    git(root, "add", "-f", "-A")
    git(root, "commit", "-q", "-m", "change")


def refused(stdout: str) -> list[tuple[str, str]]:
    return [
        (line.split(":", 1)[0], line.split("error[", 1)[1].split("]", 1)[0])
        for line in stdout.splitlines()
    ]


def test_a_content_change_passes(repo: Path) -> None:
    text = (repo / "analyses/globex-ai/outputs.yml").read_text("utf-8")
    commit(
        repo,
        {
            "analyses/globex-ai/outputs.yml": text.replace("Outputs belong", "Outputs stay"),
            "content/about.md": "# About\n\nChanged.\n",
        },
    )
    code, out, err = paths(repo, "main")
    assert (code, out) == (0, ""), err
    assert "2 changed path(s), 0 refused" in err
    assert "reviews by hand" not in err


def test_committed_generated_folders_links_and_executable_data_are_refused(repo: Path) -> None:
    commit(
        repo,
        {
            "build/cache/yaml-0123456789abcdef.pickle": "not a real pickle",
            "build/docs/evil.html": "<script></script>",
            "site/index.html": "a site",
            ".site.building-x/index.html": "a staging folder",
            "generator/__pycache__/tool.cpython-311.pyc": "bytecode",
            "analyses/globex-ai/run.yml": "title: x\n",
        },
        executable=("analyses/globex-ai/run.yml",),
        links={"content/linked.md": "../../../etc/passwd", "build/docs-link": "../.."},
    )
    code, out, _ = paths(repo, "main")
    assert code == 1
    assert sorted(refused(out)) == [
        (".site.building-x/index.html", "path-generated"),
        ("analyses/globex-ai/run.yml", "path-executable"),
        ("build/cache/yaml-0123456789abcdef.pickle", "path-generated"),
        ("build/docs-link", "path-link"),
        ("build/docs/evil.html", "path-generated"),
        ("content/linked.md", "path-link"),
        ("generator/__pycache__/tool.cpython-311.pyc", "path-generated"),
        ("site/index.html", "path-generated"),
    ]
    # The same, as annotations on the pull request's files:
    code, out, _ = paths(repo, "--format", "github", "main", "HEAD")
    assert code == 1
    assert "::error file=site/index.html,line=1,col=1,title=path-generated::" in out


def test_a_file_outside_the_authored_areas_needs_a_change_to_code(repo: Path) -> None:
    commit(repo, {"notes.txt": "a stray file\n", "content/about.md": "# About\n"})
    code, out, err = paths(repo, "main")
    assert code == 1
    assert refused(out) == [("notes.txt", "path-outside")]
    assert "a change that touches no code" in out
    # With a change to code, a maintainer reviews every line: listed, not refused.
    commit(repo, {"generator/tool.py": "print('changed')\n"})
    code, out, err = paths(repo, "main")
    assert (code, out) == (0, ""), err
    assert "a maintainer reviews by hand: generator/tool.py, notes.txt" in err


def test_git_is_asked_for_names_only_no_diff_driver_runs(repo: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    driver = tmp_path / "driver.sh"
    driver.write_text(f"#!/bin/sh\ntouch {marker}\n", "utf-8")
    driver.chmod(0o755)
    git(repo, "config", "diff.evil.command", str(driver))
    git(repo, "config", "diff.evil.textconv", str(driver))
    commit(repo, {".gitattributes": "*.yml diff=evil\n", "generator/tool.py": "print(2)\n"})
    commit(repo, {"analyses/topics.yml": (repo / "analyses/topics.yml").read_text() + "\n"})
    code, _, err = paths(repo, "main", env={"GIT_EXTERNAL_DIFF": str(driver)})
    assert code == 0, err
    assert not marker.exists()


def test_every_tracked_file_without_a_base(repo: Path) -> None:
    code, out, err = paths(repo)
    assert (code, out) == (0, ""), err
    commit(repo, {"build/.clausebook": "clausebook generated folder, format 1\n"})
    code, out, _ = paths(repo)
    assert code == 1 and refused(out) == [("build/.clausebook", "path-generated")]


def test_an_unknown_commit_or_an_option_for_git_is_a_usage_error(
    repo: Path, tmp_path: Path
) -> None:
    code, _, err = paths(repo, "no-such-commit")
    assert code == 2 and "git diff failed" in err
    # A BASE that git would read as an option (to write a file) is read as a commit.
    written = tmp_path / "written"
    code, _, err = paths(repo, "--", f"--output={written}")
    assert code == 2 and "git diff failed" in err
    assert not written.exists()


def test_it_runs_with_the_standard_library_only(repo: Path) -> None:
    """The pull request workflow runs it before installing anything of the change."""
    blocker = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        top = name.split('.')[0]\n"
        "        if top not in sys.stdlib_module_names and top != 'generator':\n"
        "            raise ImportError(f'{name} is not in the standard library')\n"
        "sys.meta_path.insert(0, Block())\n"
        "from generator.cli import main\n"
        "sys.exit(main(['paths', 'main']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", blocker],
        cwd=repo,
        env={**os.environ, **GIT_ENV, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("path", "area"),
    [
        ("analyses/acme/x.yml", "authored"),
        ("analyses/schema/analysis.schema.json", "code"),
        ("content/about.md", "authored"),
        ("build/docs/x.md", "generated"),
        ("site/index.html", "generated"),
        (".site.old-1/site/x", "generated"),
        ("tests/fixtures/basic/build/cache/x", "generated"),
        ("generator/__pycache__/x.pyc", "generated"),
        ("generator/cli.py", "code"),
        (".github/workflows/publish.yml", "code"),
        ("site_templates/home.md.j2", "code"),
        ("mkdocs.yml", "code"),
        (".gitattributes", "code"),  # it can name diff drivers: reviewed as code
        ("docs/index.md", "unknown"),
    ],
)
def test_areas(path: str, area: str) -> None:
    assert area_of(path) == area


def test_every_tracked_file_of_this_repository_has_an_area() -> None:
    tracked = git(REPO, "ls-files", "-z").split("\0")
    assert [p for p in tracked if p and area_of(p) in ("unknown", "generated")] == []
