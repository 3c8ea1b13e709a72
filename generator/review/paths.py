"""The pull request check on paths: which files a change touches, and whether it may.

Input: a git repository and two commits (BASE, HEAD), or none (every tracked file). Output:
a `Problem` for each path refused, each with why and how to fix it:

- `path-generated`: a generated folder (build/, site/, caches…, project.AREAS) committed;
- `path-link`: a symbolic link or a submodule anywhere (a build could be led through it);
- `path-executable`: an authored file (analyses/, content/) with its executable bit set;
- `path-outside`: a change that touches no code but a file outside the authored areas.

A change that touches code needs a maintainer's review of every line anyway, so a path
outside the authored areas is not refused there; it is listed for that review. Without BASE
(the publish workflow), every tracked file is checked for the first three.

    $ clausebook paths main
    build/docs/index.md:1:1: error[path-generated] 'build/docs/index.md' is in a generated
      folder; generated files are never committed
    analyses/acme/terms.yml:1:1: error[path-link] 'analyses/acme/terms.yml' is a symbolic
      link; no build may be led through one
    content/about.md:1:1: error[path-executable] 'content/about.md' is executable; data and
      pages never are
    notes.txt:1:1: error[path-outside] 'notes.txt' is outside the authored areas (analyses/,
      content/) in a change that touches no code

Nothing of the repository is run or followed: git is asked only for names and modes, with no
external diff driver, no text conversion, no pager and no file system monitor. This module
uses the standard library only, so that the pull request workflow runs it before installing
anything of the change.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.check.registry import PATH_EXECUTABLE, PATH_GENERATED, PATH_LINK, PATH_OUTSIDE, Rule
from generator.problems import Problem
from generator.project import AREAS, area_of

LINK, SUBMODULE, EXECUTABLE, DELETED = "120000", "160000", "100755", "000000"
GIT = (
    "git",
    "-c",
    "core.quotepath=off",
    "-c",
    "core.fsmonitor=false",
    "-c",
    "diff.external=",
    "--no-pager",
)
AUTHORED = sorted(p for p, area in AREAS if area == "authored")


class GitError(Exception):
    """git could not answer (not a repository, an unknown commit); one line."""


@dataclass(frozen=True)
class Change:
    path: str
    mode: str  # the mode after the change; DELETED for a deleted path


@dataclass(frozen=True)
class Verdict:
    problems: list[Problem]
    changes: list[Change]
    review: list[str]  # paths a maintainer reviews by hand (code, and others beside code)


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            [*GIT, *args], cwd=root, capture_output=True, check=False, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"could not run git: {exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} failed: {message[-1] if message else done.returncode}")
    return done.stdout


def top(folder: Path) -> Path:
    """The top folder of the git work tree that holds `folder`."""
    return Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())


def changed(root: Path, base: str, head: str = "HEAD") -> list[Change]:
    """The paths changed from the merge base of BASE and HEAD to HEAD, with their new mode."""
    out = _git(
        top(root),
        "diff",
        "--raw",
        "-z",
        "--no-abbrev",
        "--no-renames",
        "--no-ext-diff",
        "--no-textconv",
        "--no-color",
        "--end-of-options",
        f"{base}...{head}",
    )
    fields = out.split(b"\0")
    changes = []
    for meta, path in zip(fields[0::2], fields[1::2], strict=False):
        if meta.startswith(b":"):  # ":old-mode new-mode old-sha new-sha status"
            mode = meta[1:].split(b" ")[1].decode()
            changes.append(Change(path.decode("utf-8", "surrogateescape"), mode))
    return changes


def tracked(root: Path) -> list[Change]:
    """Every tracked path with its mode."""
    out = _git(top(root), "ls-files", "-z", "--stage")
    changes = []
    for record in out.split(b"\0"):
        if record:
            meta, _, path = record.partition(b"\t")
            changes.append(
                Change(path.decode("utf-8", "surrogateescape"), meta.split(b" ")[0].decode())
            )
    return changes


def judge(changes: list[Change], *, whole_tree: bool = False) -> Verdict:
    """Each change against project.AREAS (see the module docstring)."""
    problems: list[Problem] = []
    review: list[str] = []
    present = [c for c in changes if c.mode != DELETED]
    code = any(area_of(c.path) == "code" for c in changes)

    def refuse(path: str, rule: Rule, message: str, hint: str) -> None:
        problems.append(Problem(path, 1, 1, rule, message, hint))

    for change in present:
        path, area = change.path, area_of(change.path)
        if change.mode in (LINK, SUBMODULE):
            kind = "a symbolic link" if change.mode == LINK else "a submodule"
            refuse(
                path,
                PATH_LINK,
                f"'{path}' is {kind}; no build may be led through one",
                "commit the file itself, or remove it",
            )
        elif area == "generated":
            refuse(
                path,
                PATH_GENERATED,
                f"'{path}' is in a generated folder; generated files are never committed",
                f"remove it (git rm --cached '{path}'); the tools make it again",
            )
        elif area == "authored" and change.mode == EXECUTABLE:
            refuse(
                path,
                PATH_EXECUTABLE,
                f"'{path}' is executable; data and pages never are",
                f"git update-index --chmod=-x '{path}'",
            )
        elif area in ("code", "unknown"):
            if area == "unknown" and not code and not whole_tree:
                refuse(
                    path,
                    PATH_OUTSIDE,
                    f"'{path}' is outside the authored areas ({', '.join(AUTHORED)}) in a "
                    f"change that touches no code",
                    "move it into an authored area, or leave it out; a maintainer who means "
                    "to add it declares its area in generator/project.py (AREAS)",
                )
            elif not whole_tree:
                review.append(path)
    if not whole_tree:
        review += [c.path for c in changes if c.mode == DELETED and area_of(c.path) == "code"]
    return Verdict(sorted(problems), changes, sorted(review))
